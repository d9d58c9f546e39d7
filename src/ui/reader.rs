//! The reading pane: the open article's lines, set beforehand, in a column with even
//! margins; only the visible slice drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
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
    let scroll = app.reader_scroll();
    let visible: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(scroll)
        .take(rows)
        .map(|(index, line)| with_hits(app, theme, index, &line.text, style_of(line.kind, theme)))
        .collect();
    Paragraph::new(visible).render(app.reader_column(text), buf);

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

/// A line with the find's hits on it highlighted, the current one in reverse video.
fn with_hits<'a>(app: &App, theme: &Theme, index: usize, text: &'a str, base: Style) -> Line<'a> {
    let byte_of = |char_index: usize| {
        text.char_indices()
            .nth(char_index)
            .map_or(text.len(), |(byte, _)| byte)
    };
    let mut spans = Vec::new();
    let mut done = 0;
    for piece in app.hits().on_line(index) {
        let (start, end) = (byte_of(piece.chars.start), byte_of(piece.chars.end));
        if start < done {
            continue;
        }
        spans.push(Span::styled(&text[done..start], base));
        let mut style = base.patch(theme.matched);
        if app.current_hit() == Some(piece.hit) {
            style = style.add_modifier(Modifier::REVERSED);
        }
        spans.push(Span::styled(&text[start..end], style));
        done = end;
    }
    spans.push(Span::styled(&text[done..], base));
    Line::from(spans)
}

fn style_of(kind: LineKind, theme: &Theme) -> Style {
    match kind {
        LineKind::Title => theme.title,
        LineKind::Meta => theme.meta,
        LineKind::Caption => theme.caption,
        LineKind::Body | LineKind::Blank => Style::new(),
    }
}
