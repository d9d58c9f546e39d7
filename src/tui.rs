//! The terminal session: set-up, the draw–wait–update loop, and restoring the terminal
//! however the session ends (quit, panic, SIGTERM, SIGHUP).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc;

use anyhow::Context;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::action::{Action, LoadBatch, action_for_key};
use crate::app::App;
use crate::config::{Config, KeyBindings};
use crate::event::{self, Event};
use crate::loader;
use crate::search::Ranker;
use crate::ui::{Screen, Theme, theme};

/// What to open: files and folders, or the bundled sample articles.
pub enum Library {
    Paths(Vec<PathBuf>),
    Bundled,
}

#[derive(Debug, thiserror::Error)]
#[error(
    "liseuse needs a terminal to show the reader.\n\
     Over SSH, ask for one: ssh -t HOST liseuse …\n\
     Without a terminal, list the articles with: liseuse --list [PATH]…"
)]
pub struct NotATerminal;

/// Runs the reader until the user quits.
pub fn run(library: Library, config: &Config) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(NotATerminal.into());
    }
    let theme = config.theme.theme(theme::no_color());
    let mut terminal = ratatui::try_init().context("could not set up the terminal")?;
    restore_on_signals()?;
    let result = event_loop(&mut terminal, library, &theme, &config.keys);
    restore_terminal();
    result
}

/// Leaves the alternate screen and raw mode, and shows the cursor again.
fn restore_terminal() {
    ratatui::restore();
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    library: Library,
    theme: &Theme,
    keys: &KeyBindings,
) -> anyhow::Result<()> {
    let (sender, events) = mpsc::channel();
    event::spawn_terminal_reader(sender.clone());
    let refined = sender.clone();
    let ranker = Ranker::spawn(move |ranking| refined.send(Event::Refined(ranking)).is_ok());
    let mut app = App::new();
    match library {
        Library::Paths(paths) => event::spawn_loader(paths, sender),
        Library::Bundled => {
            app.update(Action::Loaded(LoadBatch {
                articles: loader::load_bundled(),
                done: true,
                ..LoadBatch::default()
            }));
        }
    }
    let size = terminal.size().context("could not read the terminal size")?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut redraw = true;
    loop {
        if redraw {
            terminal
                .draw(|frame| {
                    frame.render_widget(
                        Screen {
                            app: &app,
                            theme,
                            keys,
                        },
                        frame.area(),
                    )
                })
                .context("could not draw")?;
        }
        let Ok(first) = events.recv() else { return Ok(()) };
        redraw = false;
        // Take whatever else has arrived too, so a burst of keys or batches draws once.
        for event in std::iter::once(first).chain(events.try_iter()) {
            let action = match event {
                Event::Key(key) => action_for_key(app.key_mode(), key, keys),
                Event::Resize { width, height } => Some(Action::Resize { width, height }),
                Event::Loaded(batch) => Some(Action::Loaded(batch)),
                Event::Refined(refined) => Some(Action::Refined(refined)),
                Event::InputClosed => Some(Action::Quit),
            };
            if matches!(action, Some(Action::Redraw)) {
                terminal.clear().context("could not clear the screen")?;
            }
            if let Some(action) = action {
                redraw |= app.update(action);
            }
            if let Some(refinement) = app.take_refinement() {
                ranker.submit(refinement);
            }
            if app.should_quit() {
                return Ok(());
            }
        }
    }
}

/// A dropped SSH connection (SIGHUP) or a `kill` must not leave the terminal raw: the
/// signal is handled on its own thread, which restores the terminal and leaves.
fn restore_on_signals() -> anyhow::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT]).context("could not watch for signals")?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore_terminal();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}
