//! Bytes written to the terminal per change: ratatui's crossterm backend over a writer
//! that only counts, at a fixed viewport (120×40, and 90×40 for the list alone), so no real
//! terminal is needed. Each change is set against a full redraw of the same screen.

use std::io;

use liseuse::app::{Action, App};
use liseuse::article::Article;
use liseuse::command::Command;

use crate::binary::{COLUMNS, ROWS};
use crate::bytes::CountedTerminal;
use crate::stats::Samples;

/// How many times each change is made and counted.
const CHANGES: usize = 20;

/// Below 100 columns the reader shows one pane at a time.
pub const ONE_PANE_COLUMNS: u16 = 90;

pub struct TerminalBytes {
    pub selection_move: Samples,
    pub scroll_line: Samples,
    pub filter_key: Samples,
    pub full_redraw: Samples,
    /// The selection moved narrower than two panes: the list alone.
    pub selection_move_one_pane: Samples,
    /// A full redraw of that narrower screen, which is what the move compares with.
    pub full_redraw_one_pane: Samples,
    /// Why a figure has no samples.
    pub notes: Vec<String>,
}

/// Applies each change to an app over `articles` and counts what the next draw writes.
pub fn measure(articles: Vec<Article>) -> io::Result<TerminalBytes> {
    let mut app = App::with_articles(articles);
    app.update(Action::Resize {
        width: COLUMNS,
        height: ROWS,
    });
    let mut terminal = CountedTerminal::new(COLUMNS, ROWS)?;
    terminal.draw(&app)?;
    let mut notes = Vec::new();

    let mut selection_move = Samples::default();
    let mut full_redraw = Samples::default();
    for _ in 0..CHANGES {
        app.update(Command::Down);
        selection_move.push(terminal.draw(&app)? as f64);
        full_redraw.push(CountedTerminal::full_redraw(&app, COLUMNS, ROWS)? as f64);
    }

    // An article taller than the pane, so that a line of scrolling moves something.
    let rows = usize::from(ROWS);
    for _ in 0..1000 {
        if app.reader_lines().len() > rows + CHANGES {
            break;
        }
        app.update(Command::Down);
    }
    app.update(Command::Open);
    terminal.draw(&app)?;
    let mut scroll_line = Samples::default();
    for _ in 0..CHANGES {
        let before = app.reader_scroll();
        app.update(Command::Down);
        let bytes = terminal.draw(&app)?;
        if app.reader_scroll() != before {
            scroll_line.push(bytes as f64);
        }
    }
    if scroll_line.len() < CHANGES {
        notes.push(format!(
            "scroll: only {} of {CHANGES} lines could be scrolled (article too short)",
            scroll_line.len()
        ));
    }
    app.update(Command::Back);

    app.update(Command::Filter);
    terminal.draw(&app)?;
    let mut filter_key = Samples::default();
    for key in "poutine hanoi".chars() {
        // As the loop does: the line typed drawn, then the list once filtered.
        app.update(Action::Type(key.to_string()));
        let echo = terminal.draw(&app)?;
        app.update(Action::Refilter);
        filter_key.push((echo + terminal.draw(&app)?) as f64);
    }
    // The pause: the reading pane shows the selection now.
    app.update(Action::Paused);
    terminal.draw(&app)?;

    app.update(Command::Cancel);
    // From the top, so that the moves stay within the list's rows and never scroll it.
    app.update(Command::Top);
    app.update(Action::Resize {
        width: ONE_PANE_COLUMNS,
        height: ROWS,
    });
    let mut narrow = CountedTerminal::new(ONE_PANE_COLUMNS, ROWS)?;
    narrow.draw(&app)?;
    let mut selection_move_one_pane = Samples::default();
    let mut full_redraw_one_pane = Samples::default();
    for _ in 0..CHANGES {
        app.update(Command::Down);
        selection_move_one_pane.push(narrow.draw(&app)? as f64);
        full_redraw_one_pane.push(CountedTerminal::full_redraw(&app, ONE_PANE_COLUMNS, ROWS)? as f64);
    }

    Ok(TerminalBytes {
        selection_move,
        scroll_line,
        filter_key,
        full_redraw,
        selection_move_one_pane,
        full_redraw_one_pane,
        notes,
    })
}
