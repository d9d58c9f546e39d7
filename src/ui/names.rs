//! The names overlay (`@`): names with their article counts, the filter line under them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::{Theme, fit_line};
use crate::app::NamesView;

pub fn render(view: &NamesView, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let popup = area.centered(
        Constraint::Length(area.width.min(64)),
        Constraint::Length(area.height.min(22)),
    );
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(" People, then places — Enter: their articles · Esc: close ")
        .border_style(theme.border_focused);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let [list, input] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]));
    let rows = usize::from(list.height);
    let selected = view.selected_position().unwrap_or(0);
    let offset = (selected + 1).saturating_sub(rows);
    if view.visible().len() == 0 {
        Paragraph::new("No name matches").render(list, buf);
    }
    for (row, (position, (name, count))) in view.visible().enumerate().skip(offset).take(rows).enumerate() {
        let style = if position == selected {
            theme.selected
        } else {
            Style::new()
        };
        let line_area = Rect::new(list.x, list.y + row as u16, list.width, 1);
        buf.set_style(line_area, style);
        let count = format!("{count:>6}  ");
        let room = list.width.saturating_sub(count.chars().count() as u16);
        let mut spans = vec![Span::styled(
            count,
            if position == selected { style } else { theme.date },
        )];
        let kind = if view.is_place_at(position) { " place" } else { "" };
        let room = room.saturating_sub(kind.len() as u16);
        spans.extend(fit_line(name, &view.highlights(position), room, style, theme.matched).spans);
        Line::from(spans).render(line_area, buf);
        Line::styled(kind, style.add_modifier(Modifier::DIM))
            .right_aligned()
            .render(line_area, buf);
    }
    Line::from(vec![
        Span::styled("@ ", theme.prompt),
        Span::raw(view.input()),
        Span::styled(" ", theme.cursor),
    ])
    .render(input, buf);
}
