//! The terminal session: set-up, the draw–wait–update loop, and restoring the terminal
//! however the session ends (quit, panic, SIGTERM, SIGHUP).

use std::io::IsTerminal;
use std::iter::Peekable;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::Context;
use ratatui::crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, KeyCode, KeyEvent, KeyModifiers,
};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::action::{Action, KeyMode, action_for_key};
use crate::app::{App, Effect};
use crate::config::{Config, KeyBindings};
use crate::event::{self, Event, FullTextThreads, InputGate};
use crate::external;
use crate::foreground::{self, Foreground};
use crate::loader::{self, LoadBatch, LoadOptions};
use crate::ranking::worker::Ranker;
use crate::sanitize::sanitize_line;
use crate::store::{Store, StoreError};
use crate::theme::{self, Theme};
use crate::ui::Screen;

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

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Quit,
    /// SIGTERM, SIGHUP or SIGINT: the marks saved and the terminal restored, the caller
    /// exits with 128 + the signal, as a shell reports a process the signal ended.
    Signal(i32),
}

/// Runs the reader until the user quits or a signal ends it.
pub fn run(library: Library, config: &Config) -> anyhow::Result<Ended> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(NotATerminal.into());
    }
    let theme = config.theme.theme(theme::no_color());
    let (store, store_news) = open_store();
    note_terminal_modes();
    let mut terminal = ratatui::try_init().context("could not set up the terminal")?;
    // A paste arrives whole, as one edit, rather than as keys taken for commands; a panic
    // turns it off again with the rest of the terminal's set-up.
    ratatui::crossterm::execute!(std::io::stdout(), EnableBracketedPaste)
        .context("could not set up the terminal")?;
    let restore_on_panic = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |panic| {
        let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        restore_on_panic(panic);
    }));
    let (sender, events) = mpsc::channel();
    let foreground = Foreground::default();
    watch_signals(sender.clone(), foreground.clone())?;
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
        foreground.clone(),
    );
    restore_terminal();
    let saved = app.store_mut().save();
    // After a hang-up, whatever went wrong went wrong because the terminal is gone.
    if let Some(signal) = foreground.leaving_on() {
        return Ok(Ended::Signal(signal));
    }
    result?;
    saved.map_err(MarksNotSaved)?;
    Ok(Ended::Quit)
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

/// Leaves the alternate screen and raw mode, shows the cursor again, and puts back the
/// terminal's modes as liseuse found them.
fn restore_terminal() {
    let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
    if let Some(modes) = MODES_FOUND.get() {
        // SAFETY: tcsetattr(3) only reads `modes`, a valid termios.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, modes) };
    }
}

/// The terminal's modes when liseuse started. A pager or an editor ended by a signal can
/// leave raw mode on, and raw mode is all crossterm would put back then.
static MODES_FOUND: OnceLock<libc::termios> = OnceLock::new();

fn note_terminal_modes() {
    // SAFETY: an all-zero termios is a valid value, and tcgetattr(3) writes only into it.
    let mut modes: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut modes) } == 0 {
        let _ = MODES_FOUND.set(modes);
    }
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
    foreground: Foreground,
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
        foreground,
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
        let burst: Vec<Event> = first.into_iter().chain(events.try_iter()).collect();
        // Ctrl-c answers at once, whatever is queued before it (a paste typed key by key).
        if burst.iter().any(is_interrupt) {
            app.update(Action::Quit);
            return Ok(());
        }
        let mut burst = burst.into_iter().peekable();
        while let Some(event) = burst.next() {
            match event {
                Event::Key(key) => {
                    for key in unmeta(key, keys) {
                        match action_for_key(app.key_mode(), key, keys) {
                            Some(Action::InputChar(c)) => {
                                let typed = typed_ahead(c, &mut burst);
                                redraw |= outside.apply(app, typed)?;
                            }
                            Some(action) => redraw |= outside.apply(app, action)?,
                            None => {}
                        }
                    }
                }
                Event::Paste(text) if app.key_mode() == KeyMode::Input => {
                    redraw |= outside.apply(app, Action::InputText(text))?;
                }
                Event::Paste(_) => {
                    redraw |= outside.apply(app, Action::Notice(PASTE_OUTSIDE_INPUT.to_string()))?;
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
                Event::Indexed(outcome) => {
                    let outcome = outcome.map_err(|problem| sanitize_line(&problem));
                    redraw |= outside.apply(app, Action::Indexed(outcome))?;
                }
                // `run` saves the marks and restores the terminal on the way out.
                Event::Signal(_) => {
                    app.update(Action::Quit);
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

/// What a paste into the list says: pasted text is not taken for commands.
const PASTE_OUTSIDE_INPUT: &str = "a paste goes into the filter line: press / first";

fn is_interrupt(event: &Event) -> bool {
    matches!(event, Event::Key(key)
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL))
}

/// A character typed into a line, and the plain characters queued right behind it (text
/// pasted by a terminal without bracketed paste, or typed faster than it was taken): one
/// edit, so the filter ranks once rather than once a character.
fn typed_ahead(first: char, queued: &mut Peekable<impl Iterator<Item = Event>>) -> Action {
    let mut text = String::from(first);
    while let Some(Event::Key(key)) = queued.peek() {
        let KeyCode::Char(c) = key.code else {
            break;
        };
        if !(key.modifiers - KeyModifiers::SHIFT).is_empty() {
            break;
        }
        text.push(c);
        queued.next();
    }
    if text.len() == first.len_utf8() {
        Action::InputChar(first)
    } else {
        Action::InputText(text)
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
    foreground: Foreground,
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
                let reread = loader::reread(&path, app.selected_article());
                redraw |= app.update(Action::Reread(reread));
            }
            Some(Effect::Reread(_)) | None => {}
            Some(effect) => {
                let full_screen = !matches!(effect, Effect::Copy(_));
                if full_screen {
                    // Whatever happens while another program has the terminal, the marks
                    // made so far are kept.
                    save_in_passing(app);
                }
                let outcome = external::perform(effect, &self.gate, &self.foreground)
                    .context("could not hand over the terminal")?;
                if self.foreground.leaving_on().is_some() {
                    app.update(Action::Quit);
                    return Ok(false);
                }
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

/// Clears the screen and has the next draw paint every cell. Not `Terminal::clear`: it asks
/// the terminal for the cursor position, and the answer would race the terminal thread.
fn repaint(terminal: &mut ratatui::DefaultTerminal) -> anyhow::Result<()> {
    let size = terminal.size().context("could not read the terminal size")?;
    terminal
        .resize(Rect::new(0, 0, size.width, size.height))
        .context("could not clear the screen")
}

/// A dropped SSH connection (SIGHUP) or a `kill`: the loop saves the marks, restores the
/// terminal and leaves; a pager or an editor that has the terminal gets the signal too.
/// Should the loop not answer within a second or two, this thread restores the terminal
/// and leaves itself.
fn watch_signals(events: Sender<Event>, foreground: Foreground) -> anyhow::Result<()> {
    foreground::note_where_sigint_comes_from().context("could not watch for signals")?;
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT]).context("could not watch for signals")?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().find(|&signal| foreground.leave(signal)) {
            let _ = events.send(Event::Signal(signal));
            foreground.pass_on(signal);
            std::thread::sleep(Duration::from_secs(2));
            restore_terminal();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}
