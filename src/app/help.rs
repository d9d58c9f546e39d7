//! The help overlay's state: whether it is open, and how far a help taller than the screen
//! is scrolled.

use crate::command::Command;

#[derive(Debug, Default)]
pub struct Help {
    open: bool,
    scroll: usize,
}

impl Help {
    /// `?`: opens at the top, or closes.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        self.scroll = 0;
    }

    /// Its keys while open: it scrolls through `rows` rows, `shown` at a time; any other
    /// key closes it. Says whether anything changed.
    pub fn update(&mut self, command: Command, rows: usize, shown: usize) -> bool {
        // A page keeps two rows of the last in view.
        let page = shown.saturating_sub(2).max(1) as isize;
        let step = match command {
            Command::Down => 1,
            Command::Up => -1,
            Command::PageDown => page,
            Command::PageUp => -page,
            _ => {
                self.open = false;
                return true;
            }
        };
        let last = rows.saturating_sub(shown);
        let before = self.scroll;
        self.scroll = self.scroll.saturating_add_signed(step).min(last);
        self.scroll != before
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }
}
