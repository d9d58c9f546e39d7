//! The one channel the loop listens to: keys, pastes and resizes from the terminal thread,
//! signals, and the news of the background threads (loader, ranker, full text).

use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self as terminal_event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::Background;
use crate::fulltext::worker::ArrivingTexts;
use crate::loader::{self, LoadOptions};

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    /// Text the terminal pasted (bracketed paste), whole.
    Paste(String),
    Resize {
        width: u16,
        height: u16,
    },
    /// The terminal can no longer be read: time to leave.
    InputClosed,
    /// SIGTERM, SIGHUP or SIGINT: save and leave.
    Signal(i32),
    Background(Background),
}

/// Lets the event loop stop the terminal thread from reading while a pager, an editor
/// or the shell has the terminal: every byte typed then is theirs. It also tells the loop
/// whether a key read is still waiting for it, so a long filtering gives way to the key.
#[derive(Debug, Clone, Default)]
pub struct InputGate {
    state: Arc<GateState>,
}

#[derive(Debug, Default)]
struct GateState {
    paused: AtomicBool,
    /// Set by the terminal thread once it has stopped reading.
    idle: AtomicBool,
    /// Keys and pastes the terminal thread has sent, and those the loop has taken.
    keys_sent: AtomicU64,
    keys_taken: AtomicU64,
}

/// How long the terminal thread waits for input before looking at the gate again.
const GATE_POLL: Duration = Duration::from_millis(25);

impl InputGate {
    /// Returns once the terminal thread has stopped reading.
    pub fn pause(&self) {
        self.state.paused.store(true, Ordering::SeqCst);
        while !self.state.idle.load(Ordering::SeqCst) {
            thread::sleep(Duration::from_millis(2));
        }
    }

    pub fn resume(&self) {
        self.state.idle.store(false, Ordering::SeqCst);
        self.state.paused.store(false, Ordering::SeqCst);
    }

    /// The loop has taken this event from the channel.
    pub fn taken(&self, event: &Event) {
        if is_typed(event) {
            self.state.keys_taken.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// Whether a key or a paste has been read that the loop has not taken yet.
    pub fn key_waiting(&self) -> bool {
        self.state.keys_sent.load(Ordering::SeqCst) > self.state.keys_taken.load(Ordering::SeqCst)
    }
}

fn is_typed(event: &Event) -> bool {
    matches!(event, Event::Key(_) | Event::Paste(_))
}

/// Reads the terminal on its own thread; only key presses and resizes are passed on.
pub fn spawn_terminal_reader(events: Sender<Event>, gate: InputGate) {
    thread::spawn(move || {
        let input = TerminalWait::new();
        // crossterm may hold events it has read and not handed out: it is asked first.
        let mut held = true;
        loop {
            if gate.state.paused.load(Ordering::SeqCst) {
                gate.state.idle.store(true, Ordering::SeqCst);
                thread::sleep(GATE_POLL);
                held = true;
                continue;
            }
            if !held && !input.ready_within(GATE_POLL) {
                continue;
            }
            let event = match terminal_event::poll(input.look()) {
                Ok(false) => {
                    held = false;
                    continue;
                }
                Ok(true) => match terminal_event::read() {
                    Ok(terminal_event::Event::Key(key)) if key.kind == KeyEventKind::Press => Event::Key(key),
                    Ok(terminal_event::Event::Paste(text)) => Event::Paste(text),
                    Ok(terminal_event::Event::Resize(width, height)) => Event::Resize { width, height },
                    Ok(_) => continue,
                    Err(_) => Event::InputClosed,
                },
                Err(_) => Event::InputClosed,
            };
            let events_now = match event {
                Event::Key(key) if is_bare_escape(&key) => rejoin_split_sequence(key),
                other => vec![other],
            };
            held = true;
            for event in events_now {
                let closed = matches!(event, Event::InputClosed);
                // Counted before it is sent: the loop never takes more than were sent.
                if is_typed(&event) {
                    gate.state.keys_sent.fetch_add(1, Ordering::SeqCst);
                }
                if events.send(event).is_err() || closed {
                    return;
                }
            }
        }
    });
}

/// Waits for the terminal to have input or a new size without spinning: crossterm's poll
/// counts its timeout in whole milliseconds and spends the last one asking again and again
/// without waiting, 3–4 % of a core while the reader sits idle. poll(2) waits here on the
/// terminal crossterm reads and on a pipe written at SIGWINCH; crossterm is asked only then.
struct TerminalWait {
    /// The terminal: standard input when it is one, else `/dev/tty`, as crossterm reads.
    /// `None` when neither opens: crossterm is then asked with the whole wait.
    tty: Option<RawFd>,
    /// Keeps `/dev/tty` open while `tty` names it.
    _opened: Option<File>,
    /// Written at each SIGWINCH; `None` when it could not be set up (a resize is then
    /// seen at the next key or the next wait's end).
    resized: Option<UnixStream>,
}

impl TerminalWait {
    /// What crossterm is given once this has found something: enough to read what is
    /// there, too short for its last-millisecond spin to cost anything.
    const LOOK: Duration = Duration::from_micros(200);

    fn new() -> Self {
        let (tty, opened) = if std::io::stdin().is_terminal() {
            (Some(libc::STDIN_FILENO), None)
        } else {
            match OpenOptions::new().read(true).open("/dev/tty") {
                Ok(file) => (Some(file.as_raw_fd()), Some(file)),
                Err(_) => (None, None),
            }
        };
        let resized = UnixStream::pair().ok().and_then(|(reader, writer)| {
            reader.set_nonblocking(true).ok()?;
            signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, writer).ok()?;
            Some(reader)
        });
        TerminalWait {
            tty,
            _opened: opened,
            resized,
        }
    }

    /// How long crossterm may wait once asked.
    fn look(&self) -> Duration {
        if self.tty.is_some() { Self::LOOK } else { GATE_POLL }
    }

    /// Whether the terminal has something to read (or has gone, which reading will say), or
    /// the window was resized, within `timeout`.
    fn ready_within(&self, timeout: Duration) -> bool {
        let Some(tty) = self.tty else {
            return true;
        };
        let watched = |fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // A negative descriptor is skipped by poll(2).
        let resized_fd = self.resized.as_ref().map_or(-1, AsRawFd::as_raw_fd);
        let mut fds = [watched(tty), watched(resized_fd)];
        let millis = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: `fds` is a valid array of two pollfd for the length given.
        let found = unsafe { libc::poll(fds.as_mut_ptr(), 2, millis) };
        if fds[1].revents != 0
            && let Some(mut pipe) = self.resized.as_ref()
        {
            let mut drained = [0u8; 64];
            while matches!(pipe.read(&mut drained), Ok(n) if n > 0) {}
        }
        // An error (a signal came) lets crossterm look: it says what is wrong, if anything.
        found != 0
    }
}

/// How long an Esc waits for the rest of a key sequence a slow link has split.
const SPLIT_SEQUENCE_WAIT: Duration = Duration::from_millis(120);

fn is_bare_escape(key: &KeyEvent) -> bool {
    key.code == KeyCode::Esc && key.modifiers.is_empty()
}

/// Over a slow link an arrow key can arrive as ESC, then `[A` in a later read; crossterm
/// then reports Esc, `[`, `A`, and Esc would clear a typed filter. When `[` or `O` follows
/// an Esc at once, the rest of the sequence is read and the key it stands for is
/// returned; a lone Esc is returned as it is, after a short wait.
fn rejoin_split_sequence(escape: KeyEvent) -> Vec<Event> {
    let Some(opener) = next_key_within(SPLIT_SEQUENCE_WAIT) else {
        return vec![Event::Key(escape)];
    };
    let is_opener = |key: &KeyEvent| matches!(key.code, KeyCode::Char('[' | 'O')) && key.modifiers.is_empty();
    if !is_opener(&opener) {
        return vec![Event::Key(escape), Event::Key(opener)];
    }
    let mut sequence = String::new();
    while let Some(key) = next_key_within(SPLIT_SEQUENCE_WAIT) {
        let KeyCode::Char(c) = key.code else {
            break;
        };
        sequence.push(c);
        let ends_sequence = ('@'..='~').contains(&c) && !c.is_ascii_digit() && c != ';';
        if ends_sequence || sequence.len() > 8 {
            break;
        }
    }
    // A sequence not recognised is dropped whole: none of it was typed as text.
    split_sequence_key(&sequence)
        .map(|code| vec![Event::Key(KeyEvent::new(code, KeyModifiers::NONE))])
        .unwrap_or_default()
}

fn next_key_within(wait: Duration) -> Option<KeyEvent> {
    match terminal_event::poll(wait) {
        Ok(true) => match terminal_event::read() {
            Ok(terminal_event::Event::Key(key)) if key.kind == KeyEventKind::Press => Some(key),
            _ => None,
        },
        _ => None,
    }
}

/// The key of a CSI or SS3 sequence, given what follows `ESC [` or `ESC O`.
pub fn split_sequence_key(sequence: &str) -> Option<KeyCode> {
    let code = match sequence {
        "A" => KeyCode::Up,
        "B" => KeyCode::Down,
        "C" => KeyCode::Right,
        "D" => KeyCode::Left,
        "H" | "1~" | "7~" => KeyCode::Home,
        "F" | "4~" | "8~" => KeyCode::End,
        "5~" => KeyCode::PageUp,
        "6~" => KeyCode::PageDown,
        "3~" => KeyCode::Delete,
        "2~" => KeyCode::Insert,
        "Z" => KeyCode::BackTab,
        _ => return None,
    };
    Some(code)
}

/// Walks and loads `paths` on a background thread, sending articles in batches until the
/// loop stops listening. The texts of articles that are a file each are let go: they go to
/// the full-text index by `texts`, not through the loop.
pub fn spawn_loader(paths: Vec<PathBuf>, events: Sender<Event>, texts: ArrivingTexts) {
    thread::spawn(move || {
        let options = LoadOptions {
            texts_let_go: true,
            ..LoadOptions::from_env()
        };
        loader::load_streaming(&paths, &options, |mut batch| {
            // Before the batch: the index takes them before the loop asks it for a sync.
            let let_go = std::mem::take(&mut batch.texts);
            if !let_go.is_empty() {
                texts.send(let_go);
            }
            events.send(Event::Background(Background::Loaded(batch))).is_ok()
        });
    });
}

/// `burst`, with the loader's batches in it taken as one, where the first of them was:
/// a loop that fell behind the loader (a filter ranking a large archive at every batch)
/// catches up in one step instead of falling further behind at each.
pub fn coalesce_batches(burst: Vec<Event>) -> Vec<Event> {
    let mut events = Vec::with_capacity(burst.len());
    let mut first_batch = None;
    for event in burst {
        match (event, first_batch) {
            (Event::Background(Background::Loaded(batch)), Some(at)) => {
                if let Some(Event::Background(Background::Loaded(first))) = events.get_mut(at) {
                    first.absorb(batch);
                }
            }
            (event @ Event::Background(Background::Loaded(_)), None) => {
                first_batch = Some(events.len());
                events.push(event);
            }
            (event, _) => events.push(event),
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::loader::LoadBatch;

    #[test]
    fn split_sequences_map_to_their_keys() {
        assert_eq!(split_sequence_key("A"), Some(KeyCode::Up));
        assert_eq!(split_sequence_key("B"), Some(KeyCode::Down));
        assert_eq!(split_sequence_key("5~"), Some(KeyCode::PageUp));
        assert_eq!(split_sequence_key("6~"), Some(KeyCode::PageDown));
        assert_eq!(split_sequence_key("H"), Some(KeyCode::Home));
        assert_eq!(split_sequence_key("99~"), None);
        assert_eq!(split_sequence_key(""), None);
    }

    fn batch(paths: &[&str], removed: &[&str], files_done: usize) -> Event {
        let article = |path: &&str| Article {
            path: PathBuf::from(path),
            title: format!("title of {path}"),
            ..Article::default()
        };
        Event::Background(Background::Loaded(LoadBatch {
            articles: paths.iter().map(article).collect(),
            removed: removed.iter().map(PathBuf::from).collect(),
            files_done,
            ..LoadBatch::default()
        }))
    }

    fn paths(event: &Event) -> Vec<String> {
        match event {
            Event::Background(Background::Loaded(batch)) => batch
                .articles
                .iter()
                .map(|article| article.path.display().to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn batches_queued_together_are_taken_as_one_where_the_first_was() {
        let key = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        let burst = vec![
            batch(&["a", "b"], &[], 2),
            key,
            batch(&["c"], &[], 3),
            Event::Resize {
                width: 80,
                height: 24,
            },
            batch(&["d"], &[], 4),
        ];
        let events = coalesce_batches(burst);
        assert_eq!(events.len(), 3, "{events:?}");
        assert_eq!(paths(&events[0]), ["a", "b", "c", "d"]);
        assert!(matches!(events[1], Event::Key(_)));
        assert!(matches!(events[2], Event::Resize { .. }));
        let Event::Background(Background::Loaded(first)) = &events[0] else {
            panic!("not a batch: {:?}", events[0]);
        };
        assert_eq!(first.files_done, 4, "the counts are the last batch's");
    }

    #[test]
    fn a_file_a_later_batch_takes_back_leaves_the_earlier_articles_too() {
        // A cached file found changed: its cached article went out first, the later batch
        // takes it back and brings it read again.
        let events = coalesce_batches(vec![
            batch(&["old", "kept"], &[], 2),
            batch(&["old"], &["old"], 3),
        ]);
        let Event::Background(Background::Loaded(merged)) = &events[0] else {
            panic!("not a batch: {events:?}");
        };
        assert_eq!(paths(&events[0]), ["kept", "old"]);
        assert_eq!(
            merged.removed,
            [PathBuf::from("old")],
            "still taken back from earlier batches"
        );
    }
}
