//! The `?` overlay: every key, from the same table the key map documents.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::Theme;
use crate::action::KEY_HELP;

const KEY_COLUMN: usize = 24;

pub fn render(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = (KEY_HELP
        .iter()
        .map(|(_, what)| what.chars().count())
        .max()
        .unwrap_or(0)
        + KEY_COLUMN
        + 4) as u16;
    let height = KEY_HELP.len() as u16 + 2;
    let popup = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    Clear.render(popup, buf);
    let lines: Vec<Line> = KEY_HELP
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<KEY_COLUMN$}"), theme.prompt),
                Span::raw(*what),
            ])
        })
        .collect();
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(" Keys — any key closes ")
                .border_style(theme.border_focused),
        )
        .render(popup, buf);
}
