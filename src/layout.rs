//! Screen geometry: where each pane goes for a terminal size.
//!
//! Pure arithmetic shared by the model (which must know how many rows a page is and how
//! wide the text is) and the renderer, so the two always agree.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// From this width on, the list and the reading pane stand side by side.
pub const TWO_PANE_MIN_WIDTH: u16 = 100;
/// Below this, nothing useful fits: a one-line notice is shown instead.
pub const MIN_WIDTH: u16 = 16;
pub const MIN_HEIGHT: u16 = 3;

/// Which single pane a narrow terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// A pane's outer area and the area its content gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pane {
    pub area: Rect,
    pub bordered: bool,
    pub content: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScreenLayout {
    pub list: Option<Pane>,
    pub reader: Option<Pane>,
    /// The reading pane's text, inside padding and clear of the scrollbar column.
    pub reader_text: Option<Rect>,
    pub filter_line: Option<Rect>,
    pub status_line: Option<Rect>,
    /// Set when the terminal is too small for anything but a notice.
    pub too_small: bool,
}

/// The list's share of a wide terminal, in percent, unless the user chose another.
pub const LIST_PERCENT: u8 = 45;
/// What `<` and `>` take from the list or give it, in percent of the width.
pub const LIST_PERCENT_STEP: u8 = 5;
/// Neither pane side by side goes narrower than this.
const MIN_PANE_WIDTH: u16 = 40;

impl ScreenLayout {
    /// The panes for a terminal of `area`: side by side from [`TWO_PANE_MIN_WIDTH`] on, the
    /// list taking `list_percent` of the width (within bounds that leave both readable);
    /// narrower, the pane with `focus` alone.
    pub fn new(area: Rect, focus: Focus, filter_line: bool, list_percent: u8) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Self {
                too_small: true,
                ..Self::default()
            };
        }
        let filter_rows = u16::from(filter_line);
        let [main, filter, status] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(filter_rows),
            Constraint::Length(1),
        ]));
        let (list, reader) = if area.width >= TWO_PANE_MIN_WIDTH {
            let wanted = u32::from(area.width) * u32::from(list_percent) / 100;
            let list_width = (wanted as u16).clamp(MIN_PANE_WIDTH, area.width - MIN_PANE_WIDTH);
            let [list, reader] = main.layout(&Layout::horizontal([
                Constraint::Length(list_width),
                Constraint::Fill(1),
            ]));
            (Some(bordered(list)), Some(bordered(reader)))
        } else {
            match focus {
                Focus::List => (Some(plain(main)), None),
                Focus::Reader => (None, Some(plain(main))),
            }
        };
        Self {
            list,
            reader,
            reader_text: reader.map(reader_text_area),
            filter_line: filter_line.then_some(filter),
            status_line: Some(status),
            too_small: false,
        }
    }

    pub fn two_panes(&self) -> bool {
        self.list.is_some() && self.reader.is_some()
    }
}

fn bordered(area: Rect) -> Pane {
    Pane {
        area,
        bordered: true,
        content: area.inner(Margin::new(1, 1)),
    }
}

fn plain(area: Rect) -> Pane {
    Pane {
        area,
        bordered: false,
        content: area,
    }
}

/// One column of padding each side when there is room; unbordered panes keep their
/// last column for the scrollbar (bordered ones draw it over the border).
fn reader_text_area(pane: Pane) -> Rect {
    let mut text = pane.content;
    if !pane.bordered {
        text.width = text.width.saturating_sub(1);
    }
    if text.width >= 24 {
        text = text.inner(Margin::new(1, 0));
    }
    text
}

/// A column `width` wide (at most `area`'s) in the middle of `area`, even margins each side.
pub fn centred(area: Rect, width: u16) -> Rect {
    let width = width.min(area.width);
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}
