//! The one channel the loop listens to: keys and resizes from the terminal thread,
//! articles from the loader thread.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self as terminal_event, KeyEvent, KeyEventKind};

use crate::action::LoadBatch;
use crate::loader::{self, LoadOptions};
use crate::search::Refined;

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    Resize {
        width: u16,
        height: u16,
    },
    Loaded(LoadBatch),
    Refined(Refined),
    /// The terminal can no longer be read: time to leave.
    InputClosed,
    /// SIGTERM, SIGHUP or SIGINT: save and leave.
    Signal(i32),
}

/// Lets the event loop stop the terminal thread from reading while a pager, an editor
/// or the shell has the terminal: every byte typed then is theirs.
#[derive(Debug, Clone, Default)]
pub struct InputGate {
    state: Arc<GateState>,
}

#[derive(Debug, Default)]
struct GateState {
    paused: AtomicBool,
    /// Set by the terminal thread once it has stopped reading.
    idle: AtomicBool,
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
}

/// Reads the terminal on its own thread; only key presses and resizes are passed on.
pub fn spawn_terminal_reader(events: Sender<Event>, gate: InputGate) {
    thread::spawn(move || {
        loop {
            if gate.state.paused.load(Ordering::SeqCst) {
                gate.state.idle.store(true, Ordering::SeqCst);
                thread::sleep(GATE_POLL);
                continue;
            }
            let event = match terminal_event::poll(GATE_POLL) {
                Ok(false) => continue,
                Ok(true) => match terminal_event::read() {
                    Ok(terminal_event::Event::Key(key)) if key.kind == KeyEventKind::Press => Event::Key(key),
                    Ok(terminal_event::Event::Resize(width, height)) => Event::Resize { width, height },
                    Ok(_) => continue,
                    Err(_) => Event::InputClosed,
                },
                Err(_) => Event::InputClosed,
            };
            let closed = matches!(event, Event::InputClosed);
            if events.send(event).is_err() || closed {
                return;
            }
        }
    });
}

/// Walks and loads `paths` on a background thread, sending articles in batches until the
/// loop stops listening.
pub fn spawn_loader(paths: Vec<PathBuf>, events: Sender<Event>) {
    thread::spawn(move || {
        loader::load_streaming(&paths, &LoadOptions::from_env(), |batch| {
            events.send(Event::Loaded(batch)).is_ok()
        });
    });
}
