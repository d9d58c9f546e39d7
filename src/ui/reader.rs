//! The reading pane: the open article's pre-wrapped lines, only the visible slice drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::Theme;
use crate::app::App;
use crate::layout::{Focus, Pane};
use crate::reading::LineKind;

pub fn render(app: &App, theme: &Theme, pane: Pane, text: Rect, two_panes: bool, buf: &mut Buffer) {
    if pane.bordered {
        let focused = two_panes && app.focus() == Focus::Reader;
        Block::bordered()
            .border_style(if focused {
                theme.border_focused
            } else {
                theme.border
            })
            .render(pane.area, buf);
    }
    let lines = app.reader_lines();
    let rows = usize::from(text.height);
    let visible: Vec<Line> = lines
        .iter()
        .skip(app.reader_scroll())
        .take(rows)
        .map(|line| Line::styled(line.text.as_str(), style_of(line.kind, theme)))
        .collect();
    Paragraph::new(visible).render(text, buf);

    if lines.len() > rows {
        let track = if pane.bordered {
            pane.area.inner(Margin::new(0, 1))
        } else {
            pane.area
        };
        let mut state = ScrollbarState::new(lines.len().saturating_sub(rows) + 1)
            .position(app.reader_scroll())
            .viewport_content_length(rows);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(track, buf, &mut state);
    }
}

fn style_of(kind: LineKind, theme: &Theme) -> Style {
    match kind {
        LineKind::Title => theme.title,
        LineKind::Meta => theme.meta,
        LineKind::Caption => theme.caption,
        LineKind::Body | LineKind::Blank => Style::new(),
    }
}
