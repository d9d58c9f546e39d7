//! The bytes a frame writes to the terminal, counted through ratatui's crossterm backend:
//! over a slow link, they are the latency of a key. Shared by the tests and the benchmark.
#![allow(dead_code)]

use std::cell::Cell;
use std::io;
use std::rc::Rc;

use liseuse::app::App;
use liseuse::theme::COLOUR;
use liseuse::ui::Screen;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

#[derive(Clone, Default)]
pub struct CountingWriter(Rc<Cell<usize>>);

impl io::Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub struct CountedTerminal {
    pub terminal: Terminal<CrosstermBackend<CountingWriter>>,
    pub written: Rc<Cell<usize>>,
}

impl CountedTerminal {
    pub fn new(width: u16, height: u16) -> io::Result<Self> {
        let writer = CountingWriter::default();
        let written = writer.0.clone();
        let terminal = Terminal::with_options(
            CrosstermBackend::new(writer),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )?;
        Ok(Self { terminal, written })
    }

    /// What a full redraw of `app` at `width`×`height` writes: clear, then draw onto a blank
    /// back buffer, as ratatui does after `Terminal::clear` (which needs a real terminal to
    /// ask the cursor).
    pub fn full_redraw(app: &App, width: u16, height: u16) -> io::Result<usize> {
        let mut fresh = Self::new(width, height)?;
        fresh.terminal.backend_mut().clear()?;
        let cleared = fresh.written.get();
        Ok(cleared + fresh.draw(app)?)
    }

    /// Draws the app; returns the bytes this frame wrote.
    pub fn draw(&mut self, app: &App) -> io::Result<usize> {
        self.written.set(0);
        self.terminal
            .draw(|frame| frame.render_widget(Screen { app, theme: &COLOUR }, frame.area()))?;
        Ok(self.written.get())
    }
}
