//! The terminal session: set-up, the draw–wait–update loop, and restoring the terminal
//! however the session ends (quit, panic, SIGTERM, SIGHUP).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::Context;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::action::{Action, LoadBatch, action_for_key};
use crate::app::{App, Effect, Reread};
use crate::article::Article;
use crate::config::{Config, KeyBindings};
use crate::event::{self, Event, FullTextThreads, InputGate};
use crate::external;
use crate::loader::{self, LoadOptions};
use crate::search::Ranker;
use crate::store::{Store, StoreError};
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
    let (store, store_news) = open_store();
    let mut terminal = ratatui::try_init().context("could not set up the terminal")?;
    let (sender, events) = mpsc::channel();
    watch_signals(sender.clone())?;
    let mut app = App::with_store(store);
    let config_news = config.warnings.iter().cloned().map(Action::Notice);
    for news in store_news.into_iter().chain(config_news) {
        app.update(news);
    }
    let result = event_loop(
        &mut terminal,
        &mut app,
        library,
        (sender, events),
        &theme,
        &config.keys,
    );
    restore_terminal();
    let saved = app.store_mut().save();
    result?;
    saved.map_err(MarksNotSaved)?;
    Ok(())
}

/// The marks could not be saved at exit: said on stderr once the terminal is restored, with
/// its own exit status, so that neither the user nor a script takes the session as kept.
#[derive(Debug, thiserror::Error)]
#[error("the marks of this session were not saved: {0}")]
pub struct MarksNotSaved(StoreError);

impl MarksNotSaved {
    pub const EXIT_STATUS: u8 = 3;
}

/// The user's reading state, or one kept for this run only when the data directory cannot be
/// had; what the user must be told of it, as actions: what was set aside, and a warning kept
/// on screen when nothing will be saved.
fn open_store() -> (Store, Vec<Action>) {
    let (store, warnings) = match Store::open_default() {
        Ok(opened) => opened,
        Err(error) => (Store::unavailable(&error), Vec::new()),
    };
    let mut news: Vec<Action> = warnings.into_iter().map(Action::Notice).collect();
    if let Some(why) = store.cannot_write() {
        news.push(Action::Alert(format!("marks will not be kept: {why}")));
    }
    (store, news)
}

/// The save made every few seconds while reading: it does not wait for a lock another process
/// holds (the next one tries again), and a failure the user was not told of is kept on screen.
/// Says whether to draw again.
fn save_in_passing(app: &mut App) -> bool {
    let news = match app.store_mut().try_save() {
        Ok(mut warnings) => match warnings.pop() {
            Some(warning) => Action::Notice(warning),
            None => return false,
        },
        Err(StoreError::Busy(_) | StoreError::CannotWrite(_)) => return false,
        Err(error) => Action::Alert(format!("could not save the marks: {error}")),
    };
    app.update(news)
}

/// Leaves the alternate screen and raw mode, and shows the cursor again.
fn restore_terminal() {
    ratatui::restore();
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
}

/// How often marks are saved while reading, so a crash loses little.
const SAVE_EVERY: Duration = Duration::from_secs(5);

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    library: Library,
    (sender, events): (Sender<Event>, Receiver<Event>),
    theme: &Theme,
    keys: &KeyBindings,
) -> anyhow::Result<()> {
    let gate = InputGate::default();
    event::spawn_terminal_reader(sender.clone(), gate.clone());
    let refined = sender.clone();
    let ranker = Ranker::spawn(move |ranking| refined.send(Event::Refined(ranking)).is_ok());
    let index_dir = match &library {
        Library::Paths(paths) => LoadOptions::from_env()
            .cache_dir
            .map(|cache| cache.join(format!("fulltext-{}", loader::archive_id(paths)))),
        Library::Bundled => None,
    };
    let (full_text, index_note) = FullTextThreads::spawn(index_dir, sender.clone());
    if let Some(note) = index_note {
        app.update(Action::Notice(note));
    }
    let mut outside = Outside {
        terminal,
        ranker,
        full_text,
        gate,
        // The bundled samples have no file to read again.
        rereads: matches!(library, Library::Paths(_)),
    };
    match library {
        Library::Paths(paths) => event::spawn_loader(paths, sender),
        Library::Bundled => {
            let bundled = LoadBatch {
                articles: loader::load_bundled(),
                done: true,
                ..LoadBatch::default()
            };
            outside.apply(app, Action::Loaded(bundled))?;
        }
    }
    let size = outside
        .terminal
        .size()
        .context("could not read the terminal size")?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut redraw = true;
    let mut last_save = Instant::now();
    loop {
        if redraw {
            outside
                .terminal
                .draw(|frame| frame.render_widget(Screen { app, theme, keys }, frame.area()))
                .context("could not draw")?;
        }
        redraw = false;
        let first = match events.recv_timeout(SAVE_EVERY) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Take whatever else has arrived too, so a burst of keys or batches draws once.
        for event in first.into_iter().chain(events.try_iter()) {
            match event {
                Event::Key(key) => {
                    for key in unmeta(key, keys) {
                        if let Some(action) = action_for_key(app.key_mode(), key, keys) {
                            redraw |= outside.apply(app, action)?;
                        }
                    }
                }
                Event::Resize { width, height } => {
                    redraw |= outside.apply(app, Action::Resize { width, height })?
                }
                Event::Loaded(batch) => redraw |= outside.apply(app, Action::Loaded(batch))?,
                Event::Refined(refined) => redraw |= outside.apply(app, Action::Refined(refined))?,
                Event::InputClosed => redraw |= outside.apply(app, Action::Quit)?,
                Event::FullTextFound { generation, keys } => {
                    redraw |= outside.apply(app, Action::FullTextFound { generation, keys })?;
                }
                Event::Indexed(outcome) => redraw |= outside.apply(app, Action::Indexed(outcome))?,
                Event::Signal(signal) => {
                    app.update(Action::Quit);
                    restore_terminal();
                    // Leaving at once: the marks are all that is worth the time.
                    let _ = app.store_mut().save();
                    std::process::exit(128 + signal);
                }
            }
            if app.should_quit() {
                return Ok(());
            }
        }
        if last_save.elapsed() >= SAVE_EVERY {
            redraw |= save_in_passing(app);
            last_save = Instant::now();
        }
    }
}

/// Over a slow link, Esc and the next key can arrive in one read, which the terminal
/// reports as Alt and that key. An Alt key nothing is bound to is taken for what was
/// typed: Esc, then the key.
fn unmeta(key: KeyEvent, keys: &KeyBindings) -> Vec<KeyEvent> {
    if !key.modifiers.contains(KeyModifiers::ALT) || keys.action(&key).is_some() {
        return vec![key];
    }
    let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
    vec![KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), plain]
}

/// What the loop does for the model besides drawing: background ranking, and the effects.
struct Outside<'a> {
    terminal: &'a mut ratatui::DefaultTerminal,
    ranker: Ranker,
    full_text: FullTextThreads,
    gate: InputGate,
    rereads: bool,
}

impl Outside<'_> {
    /// Updates the model, then does what it asks for; says whether to draw again.
    fn apply(&mut self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        if matches!(action, Action::Redraw) {
            repaint(self.terminal)?;
        }
        let mut redraw = app.update(action);
        if let Some(refinement) = app.take_refinement() {
            self.ranker.submit(refinement);
        }
        if let Some(job) = app.take_index_job() {
            self.full_text.index(job);
        }
        if let Some(search) = app.take_full_text_search() {
            self.full_text.search(search);
        }
        match app.take_effect() {
            Some(Effect::Reread(path)) if self.rereads => {
                let reread = reread(&path, app.selected_article());
                redraw |= app.update(Action::Reread(reread));
            }
            Some(Effect::Reread(_)) | None => {}
            Some(effect) => {
                let full_screen = !matches!(effect, Effect::Copy(_));
                let outcome =
                    external::perform(effect, &self.gate).context("could not hand over the terminal")?;
                if let Some(message) = outcome {
                    app.update(Action::Notice(message));
                }
                if full_screen {
                    repaint(self.terminal)?;
                }
                redraw = true;
            }
        }
        Ok(redraw)
    }
}

/// The open article's file, read again to catch a change or a deletion since loading.
fn reread(path: &Path, shown: Option<&Article>) -> Reread {
    match loader::read_article(path) {
        Ok(article) if shown == Some(&article) => Reread::Same,
        Ok(article) => Reread::Changed(Box::new(article)),
        Err(error) => Reread::Failed(error.to_string()),
    }
}

/// Clears the screen and has the next draw paint every cell. Not `Terminal::clear`: it asks
/// the terminal for the cursor position, and the answer would race the terminal thread.
fn repaint(terminal: &mut ratatui::DefaultTerminal) -> anyhow::Result<()> {
    let size = terminal.size().context("could not read the terminal size")?;
    terminal
        .resize(Rect::new(0, 0, size.width, size.height))
        .context("could not clear the screen")
}

/// A dropped SSH connection (SIGHUP) or a `kill`: the loop saves the marks, restores the
/// terminal and leaves. Should the loop not answer within a second or two, this thread
/// restores the terminal and leaves itself.
fn watch_signals(events: Sender<Event>) -> anyhow::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT]).context("could not watch for signals")?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = events.send(Event::Signal(signal));
            std::thread::sleep(Duration::from_secs(2));
            restore_terminal();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}
