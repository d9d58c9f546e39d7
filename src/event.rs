//! The one channel the loop listens to: keys and resizes from the terminal thread,
//! articles from the loader thread.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self as terminal_event, KeyEvent, KeyEventKind};

use crate::action::LoadBatch;
use crate::loader;
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

/// How often the loader reports, so the list fills in while a large archive loads.
const BATCH_INTERVAL: Duration = Duration::from_millis(50);

/// Walks and reads `paths` on a background thread, sending articles in batches.
pub fn spawn_loader(paths: Vec<PathBuf>, events: Sender<Event>) {
    thread::spawn(move || {
        let (files, warnings) = loader::discover(&paths);
        let mut batch = LoadBatch {
            warnings,
            ..LoadBatch::default()
        };
        let mut last_sent = Instant::now();
        for file in files {
            match loader::read_article(&file) {
                Ok(article) => batch.articles.push(article),
                Err(error) => batch.warnings.push(error.into()),
            }
            if last_sent.elapsed() >= BATCH_INTERVAL {
                if events.send(Event::Loaded(std::mem::take(&mut batch))).is_err() {
                    return;
                }
                last_sent = Instant::now();
            }
        }
        batch.done = true;
        let _ = events.send(Event::Loaded(batch));
    });
}
