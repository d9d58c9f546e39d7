//! The `?` overlay: every key, as bound now (the config may have changed them).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::{Theme, text_width};
use crate::action::{ACTION_HELP, FILTER_KEY_HELP, named_action};
use crate::config::KeyBindings;

/// The rows of the overlay: keys, then what they do.
pub fn rows(bindings: &KeyBindings) -> Vec<(String, &'static str)> {
    let bound = ACTION_HELP
        .iter()
        .filter(|(name, _)| named_action(name).is_some())
        .map(|&(name, what)| (bindings.keys_for(name).join(" "), what))
        .filter(|(keys, _)| !keys.is_empty());
    let filtering = std::iter::once((String::new(), "while filtering:")).chain(
        FILTER_KEY_HELP
            .iter()
            .map(|&(keys, what)| (format!("  {keys}"), what)),
    );
    bound.chain(filtering).collect()
}

pub fn render(theme: &Theme, bindings: &KeyBindings, scroll: usize, area: Rect, buf: &mut Buffer) {
    let rows = rows(bindings);
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
