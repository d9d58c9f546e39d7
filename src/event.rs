//! The one channel the loop listens to: keys and resizes from the terminal thread,
//! articles from the loader thread.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

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
}

/// Reads the terminal on its own thread; only key presses and resizes are passed on.
pub fn spawn_terminal_reader(events: Sender<Event>) {
    thread::spawn(move || {
        loop {
            let event = match terminal_event::read() {
                Ok(terminal_event::Event::Key(key)) if key.kind == KeyEventKind::Press => Event::Key(key),
                Ok(terminal_event::Event::Resize(width, height)) => Event::Resize { width, height },
                Ok(_) => continue,
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
