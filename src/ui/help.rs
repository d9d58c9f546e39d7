//! The `?` overlay: every key, as bound now (the config may have changed them).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::{Theme, text_width};
use crate::config::KeyBindings;

pub fn render(theme: &Theme, bindings: &KeyBindings, scroll: usize, area: Rect, buf: &mut Buffer) {
    let rows = bindings.help_rows();
    let key_column = rows.iter().map(|(keys, _)| text_width(keys)).max().unwrap_or(0) + 2;
    let what_column = rows.iter().map(|(_, what)| text_width(what)).max().unwrap_or(0);
    let width = (key_column + what_column + 3) as u16;
    let height = rows.len() as u16 + 2;
    let popup = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    Clear.render(popup, buf);
    let shown = usize::from(popup.height.saturating_sub(2));
    let scroll = scroll.min(rows.len().saturating_sub(shown));
    let more = if scroll + shown < rows.len() {
        " ↓ j/Space for more "
    } else {
        ""
    };
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(scroll)
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_column$}"), theme.prompt),
                Span::raw(what),
            ])
        })
        .collect();
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(" Keys — any key closes ")
                .title_bottom(more)
                .border_style(theme.border_focused),
        )
        .render(popup, buf);
}
