//! The terminal session: set-up, the draw–wait–update loop, and restoring the terminal
//! however the session ends (quit, panic, SIGTERM, SIGHUP).

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::iter::Peekable;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use anyhow::Context;
use ratatui::crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, KeyCode, KeyEvent, KeyModifiers,
};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Background, Effect};
use crate::command::{Command, KeyMode};
use crate::config::{Config, Input, KeyBindings};
use crate::event::{self, Event, InputGate};
use crate::external::{self, Handover};
use crate::foreground::{self, Foreground};
use crate::fulltext::worker::{Answer, FullTextWorker, IndexNews};
use crate::loader::{self, LoadBatch};
use crate::ranking::Interrupt;
use crate::ranking::worker::Ranker;
use crate::store::{Store, StoreError};
use crate::theme::{self, Theme};
use crate::ui::Screen;

/// What to open: files and folders, or the bundled sample articles.
pub enum Library {
    Paths(Vec<PathBuf>),
    Bundled,
}

impl Library {
    fn reads_stdin(&self) -> bool {
        matches!(self, Library::Paths(paths) if paths.iter().any(|path| path.as_os_str() == loader::STDIN_PATH))
    }

    /// The name its session is kept under: the same set of paths, however written, is
    /// the same archive.
    fn archive_id(&self) -> String {
        match self {
            Library::Paths(paths) => loader::archive_id(paths),
            Library::Bundled => "bundled".to_string(),
        }
    }
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
    // An archive on standard input (`liseuse -`, as fzf reads its list): the keys come
    // from the terminal itself, /dev/tty.
    if !std::io::stdout().is_terminal() || !(std::io::stdin().is_terminal() || library.reads_stdin()) {
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
    let archive = library.archive_id();
    let gate = InputGate::default();
    let keys = gate.clone();
    let mut app = App::remembering(store.all_marks(), store.session(&archive).clone())
        .with_bindings(config.keys.clone())
        .with_compact_by_default(config.list.compact)
        .with_reading(config.reader)
        .with_interrupt(Interrupt::new(move || keys.key_waiting()));
    let config_news = config.warnings.iter().cloned().map(Action::Notice);
    for news in store_news.into_iter().chain(config_news) {
        // Messages only: nothing for the loop to do yet.
        let _ = app.update(news);
    }
    let mut outside = Outside {
        terminal: &mut terminal,
        ranker: Ranker::spawn({
            let events = sender.clone();
            move |ranking| {
                events
                    .send(Event::Background(Background::Ranked(ranking)))
                    .is_ok()
            }
        }),
        full_text: spawn_full_text(&library, &sender),
        gate,
        foreground: foreground.clone(),
        // The bundled samples have no file to read again.
        rereads: matches!(library, Library::Paths(_)),
        store,
        archive,
        refilter_pending: false,
        pause_at: None,
        quit: false,
    };
    let result = event_loop(&mut outside, &mut app, library, (sender, events), &theme);
    // The process is ending: its memory goes back whole. Freeing a large archive article by
    // article would hold the shell prompt back (half a second at 100 000 articles).
    std::mem::forget(app);
    restore_terminal();
    let saved = outside.store.save();
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
/// What to tell the user, if anything.
fn save_in_passing(store: &mut Store) -> Option<Action> {
    match store.try_save() {
        Ok(mut warnings) => warnings.pop().map(Action::Notice),
        Err(StoreError::Busy(_) | StoreError::CannotWrite(_)) => None,
        Err(error) => Some(Action::Alert(format!("could not save the marks: {error}"))),
    }
}

/// Whether `action` may come before the filtering of what was typed: more typing (the
/// filtering is then of the longer line), and skim's ranking of an earlier query, which
/// the model drops by its generation. Running the filtering first would hold back the
/// echo of a Backspace behind it, uninterruptible since its key is already taken.
fn leaves_filtering_pending(action: &Action) -> bool {
    matches!(
        action,
        Action::Type(_)
            | Action::Refilter
            | Action::Command(Command::DeleteChar | Command::DeleteWord | Command::ClearLine)
            | Action::Background(Background::Ranked(_))
    )
}

/// The search engine's threads, their answers sent to the loop; its index kept in the cache
/// folder for an archive on disk, in memory for the bundled samples.
fn spawn_full_text(library: &Library, events: &Sender<Event>) -> FullTextWorker {
    let index_dir = match library {
        Library::Paths(paths) => loader::full_text_dir(paths),
        Library::Bundled => None,
    };
    let (indexed, found) = (events.clone(), events.clone());
    FullTextWorker::spawn(
        index_dir,
        move |news| {
            let news = match news {
                IndexNews::Grew => Background::IndexGrew,
                IndexNews::Done(outcome) => Background::Indexed(outcome),
                IndexNews::Note(note) => Background::IndexNote(note),
            };
            indexed.send(Event::Background(news)).is_ok()
        },
        move |answer| {
            found
                .send(Event::Background(match answer {
                    Answer::FullText(found) => Background::FullTextFound(found),
                    Answer::Related(found) => Background::RelatedFound(found),
                }))
                .is_ok()
        },
    )
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

/// How long typing must pause before the reading pane shows the new selection.
const TYPING_PAUSE: Duration = Duration::from_millis(150);

/// Draws the model as it stands.
fn draw(terminal: &mut ratatui::DefaultTerminal, app: &App, theme: &Theme) -> anyhow::Result<()> {
    terminal
        .draw(|frame| frame.render_widget(Screen { app, theme }, frame.area()))
        .context("could not draw")?;
    Ok(())
}

/// How often marks are saved while reading, so a crash loses little.
const SAVE_EVERY: Duration = Duration::from_secs(5);

fn event_loop(
    outside: &mut Outside,
    app: &mut App,
    library: Library,
    (sender, events): (Sender<Event>, Receiver<Event>),
    theme: &Theme,
) -> anyhow::Result<()> {
    // The size first: the first articles, and where they were left, are set at it.
    let size = outside
        .terminal
        .size()
        .context("could not read the terminal size")?;
    outside.apply(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    )?;
    event::spawn_terminal_reader(sender.clone(), outside.gate.clone());
    match library {
        Library::Paths(paths) => event::spawn_loader(paths, sender, outside.full_text.arriving()),
        Library::Bundled => {
            let bundled = LoadBatch {
                articles: loader::load_bundled(),
                done: true,
                ..LoadBatch::default()
            };
            outside.apply(app, Background::Loaded(bundled).into())?;
        }
    }
    let mut redraw = true;
    let mut last_save = Instant::now();
    loop {
        if redraw {
            draw(outside.terminal, app, theme)?;
        }
        redraw = false;
        let first = if outside.refilter_pending {
            // What was typed is on screen: now its filtering, unless more keys wait.
            match events.try_recv() {
                Ok(event) => Some(event),
                Err(TryRecvError::Empty) => {
                    redraw = outside.apply(app, Action::Refilter)?;
                    continue;
                }
                Err(TryRecvError::Disconnected) => return Ok(()),
            }
        } else {
            let wait = outside.pause_at.map_or(SAVE_EVERY, |at| {
                at.saturating_duration_since(Instant::now()).min(SAVE_EVERY)
            });
            match events.recv_timeout(wait) {
                Ok(event) => Some(event),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        };
        if first.is_none() && outside.pause_at.is_some_and(|at| at <= Instant::now()) {
            outside.pause_at = None;
            redraw |= outside.apply(app, Action::Paused)?;
        }
        // Take whatever else has arrived too, so a burst of keys or batches draws once.
        let burst = event::coalesce_batches(first.into_iter().chain(events.try_iter()).collect());
        burst.iter().for_each(|event| outside.gate.taken(event));
        // Ctrl-c answers at once, whatever is queued before it (a paste typed key by key).
        if burst.iter().any(is_interrupt) {
            outside.apply(app, Command::Quit.into())?;
            return Ok(());
        }
        let mut burst = burst.into_iter().peekable();
        while let Some(event) = burst.next() {
            redraw |= match event {
                Event::Key(key) => {
                    let mut redraw = false;
                    for key in unmeta(key, app.bindings()) {
                        redraw |= match app.bindings().translate(app.key_mode(), &key) {
                            Some(Input::Char(c)) => outside.apply(app, typed_ahead(c, &mut burst))?,
                            Some(Input::Command(command)) => outside.apply(app, command.into())?,
                            None => false,
                        };
                    }
                    redraw
                }
                Event::Paste(text) if app.key_mode() == KeyMode::Input => {
                    outside.apply(app, Action::Type(text))?
                }
                Event::Paste(_) => outside.apply(app, Action::Notice(PASTE_OUTSIDE_INPUT.to_string()))?,
                Event::Resize { width, height } => outside.apply(app, Action::Resize { width, height })?,
                Event::Background(news) => outside.apply(app, news.into())?,
                Event::InputClosed => outside.apply(app, Command::Quit.into())?,
                // `run` saves the marks and restores the terminal on the way out.
                Event::Signal(_) => outside.apply(app, Command::Quit.into())?,
            };
            if outside.quit {
                return Ok(());
            }
        }
        if last_save.elapsed() >= SAVE_EVERY {
            if let Some(news) = save_in_passing(&mut outside.store) {
                redraw |= outside.apply(app, news)?;
            }
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
    Action::Type(text)
}

/// Over a slow link, Esc and the next key can arrive in one read, which the terminal
/// reports as Alt and that key. An Alt key nothing is bound to is taken for what was
/// typed: Esc, then the key.
fn unmeta(key: KeyEvent, keys: &KeyBindings) -> Vec<KeyEvent> {
    if !key.modifiers.contains(KeyModifiers::ALT) || keys.command(&key).is_some() {
        return vec![key];
    }
    let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
    vec![KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), plain]
}

/// What the loop does for the model besides drawing: the effects an update returns.
struct Outside<'a> {
    terminal: &'a mut ratatui::DefaultTerminal,
    ranker: Ranker,
    full_text: FullTextWorker,
    gate: InputGate,
    foreground: Foreground,
    rereads: bool,
    /// The marks and the session, saved every few seconds and at the end.
    store: Store,
    /// What the session is kept under: the archive open.
    archive: String,
    /// A query typed is on screen and its filtering still to do.
    refilter_pending: bool,
    /// When the typing counts as paused, if it has not yet.
    pause_at: Option<Instant>,
    quit: bool,
}

impl Outside<'_> {
    /// Updates the model, then does what it asks for, and what that brings in turn (a file
    /// read again, a message); says whether to draw again.
    fn apply(&mut self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        let mut pending = VecDeque::from([action]);
        let mut redraw = false;
        // Anything but more typing acts on the matches of what was typed, not those before.
        if self.refilter_pending && !pending.front().is_some_and(leaves_filtering_pending) {
            pending.push_front(Action::Refilter);
        }
        while let Some(action) = pending.pop_front() {
            if matches!(action, Action::Refilter) {
                self.refilter_pending = false;
            }
            let outcome = app.update(action);
            redraw |= outcome.redraw;
            for effect in outcome.effects {
                let (drawn, news) = self.perform(app, effect)?;
                redraw |= drawn;
                pending.extend(news);
            }
        }
        Ok(redraw)
    }

    /// Carries out one effect; says whether the screen was repainted, and what the model
    /// must be told of it.
    fn perform(&mut self, app: &App, effect: Effect) -> anyhow::Result<(bool, Option<Action>)> {
        let news = match effect {
            Effect::Rank(refinement) => {
                self.ranker.submit(refinement);
                None
            }
            Effect::Index(job) => {
                self.full_text.index(job);
                None
            }
            Effect::SearchFullText(search) => {
                self.full_text.search(search);
                None
            }
            Effect::FindRelated(search) => {
                self.full_text.find_related(search);
                None
            }
            Effect::Mark(key, mark) => {
                self.store.set_mark(key, mark);
                None
            }
            Effect::Session(session) => {
                self.store.set_session(&self.archive, session);
                None
            }
            Effect::Quit => {
                self.quit = true;
                None
            }
            Effect::Repaint => {
                repaint(self.terminal)?;
                return Ok((true, None));
            }
            Effect::Refilter => {
                self.refilter_pending = true;
                None
            }
            Effect::AwaitPause => {
                self.pause_at = Some(Instant::now() + TYPING_PAUSE);
                None
            }
            Effect::Reread(path) => self
                .rereads
                .then(|| Background::Reread(loader::reread(&path, app.selected_article())).into()),
            Effect::ReadText { id, path } => Some(
                Background::TextRead {
                    id,
                    read: loader::read_article(&path).map(Box::new),
                }
                .into(),
            ),
            Effect::Copy(text) => {
                let told = external::copy_to_clipboard(&text).context("could not write to the terminal")?;
                Some(Action::Notice(told))
            }
            Effect::Page(text) => return self.hand_over(Handover::Page(&text)),
            Effect::Edit(path) => return self.hand_over(Handover::Edit(&path)),
            Effect::Suspend => return self.hand_over(Handover::Suspend),
        };
        Ok((false, news))
    }

    /// Gives the terminal to another program, the marks made so far saved first whatever
    /// happens meanwhile; then paints the whole screen again.
    fn hand_over(&mut self, what: Handover) -> anyhow::Result<(bool, Option<Action>)> {
        let saved = save_in_passing(&mut self.store);
        let told = external::hand_over(what, &self.gate, &self.foreground)
            .context("could not hand over the terminal")?;
        if self.foreground.leaving_on().is_some() {
            self.quit = true;
            return Ok((false, None));
        }
        repaint(self.terminal)?;
        Ok((true, told.map(Action::Notice).or(saved)))
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
