//! The list pane: one row per visible article — title, date, source.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::{Theme, fit_line, text_width};
use crate::app::App;
use crate::fulltext::Snippet;
use crate::layout::{Focus, Pane};

const DATE_COLUMN: u16 = 10;
/// Snippets stand under their title's text, clear of the star column.
const SNIPPET_INDENT: u16 = 4;
/// `★ ` for a starred article.
const MARK_COLUMN: u16 = 2;
const SOURCE_COLUMN_MAX: u16 = 8;

pub fn render(app: &App, theme: &Theme, pane: Pane, two_panes: bool, buf: &mut Buffer) {
    if pane.bordered {
        let focused = two_panes && app.focus() == Focus::List;
        Block::bordered()
            .title(" Articles ")
            .border_style(if focused {
                theme.border_focused
            } else {
                theme.border
            })
            .render(pane.area, buf);
    }
    let area = pane.content;
    if app.visible_count() == 0 {
        let message = if app.is_loading() {
            "Loading…"
        } else if app.article_count() == 0 {
            "No articles"
        } else {
            "No match"
        };
        Paragraph::new(message)
            .alignment(Alignment::Center)
            .render(area, buf);
        return;
    }
    let (date_width, source_width) = columns(app, area.width);
    let mark_width = if area.width >= 24 { MARK_COLUMN } else { 0 };
    let title_width = area
        .width
        .saturating_sub(mark_width + date_width + source_width)
        .saturating_sub(u16::from(date_width > 0) + u16::from(source_width > 0));
    let rows_per_article = app.rows_per_article();
    let rows = app
        .visible_articles()
        .enumerate()
        .skip(app.list_offset())
        .take(usize::from(area.height) / rows_per_article);
    for (row, (position, article)) in rows.enumerate() {
        let selected = app.selected_position() == Some(position);
        let row_style = if selected { theme.selected } else { Style::new() };
        let y = area.y + (row * rows_per_article) as u16;
        let row_area = Rect::new(area.x, y, area.width, 1);
        if rows_per_article == 2 {
            let snippet = app.snippet_at(position);
            render_snippet(
                snippet.unwrap_or(&Snippet::default()),
                theme,
                Rect::new(area.x, y + 1, area.width, 1),
                row_style,
                buf,
            );
        }
        buf.set_style(row_area, row_style);
        let highlights = app.title_highlights(position);
        let marks = app.marks_at(position);
        let title_style = if marks.read {
            row_style
        } else {
            row_style.add_modifier(Modifier::BOLD)
        };
        let mut spans = Vec::new();
        if mark_width > 0 {
            let star = if marks.starred { "★ " } else { "  " };
            spans.push(Span::styled(star, if selected { row_style } else { theme.star }));
        }
        spans.extend(
            fit_line(
                &article.title,
                &highlights,
                title_width,
                title_style,
                theme.matched,
            )
            .spans,
        );
        let pad = usize::from(mark_width + title_width)
            .saturating_sub(spans.iter().map(|span| text_width(&span.content)).sum());
        spans.push(Span::styled(" ".repeat(pad), row_style));
        if date_width > 0 {
            let date = article.date.map(|date| date.to_string()).unwrap_or_default();
            let style = if selected { row_style } else { theme.date };
            spans.push(Span::styled(
                format!(" {date:<width$}", width = usize::from(date_width)),
                style,
            ));
        }
        if source_width > 0 {
            let source = article.source.as_deref().unwrap_or("");
            let style = if selected { row_style } else { theme.source };
            spans.push(Span::raw(" "));
            spans.extend(fit_line(source, &[], source_width, style, style).spans);
        }
        Line::from(spans).style(row_style).render(row_area, buf);
    }
}

/// The line under a full-text result: the words found, in their sentence.
fn render_snippet(snippet: &Snippet, theme: &Theme, area: Rect, style: Style, buf: &mut Buffer) {
    buf.set_style(area, style);
    let indent = SNIPPET_INDENT.min(area.width);
    let text_area = Rect::new(area.x + indent, area.y, area.width - indent, 1);
    // Start close enough before the first hit that it shows in a narrow pane.
    let lead = usize::from(text_area.width / 3);
    let first_hit = snippet.highlights.first().map_or(0, |hit| hit.start);
    let skip = first_hit.saturating_sub(lead);
    let (text, shift) = if skip > 0 {
        (
            format!("…{}", snippet.text.chars().skip(skip + 1).collect::<String>()).into(),
            skip,
        )
    } else {
        (std::borrow::Cow::Borrowed(snippet.text.as_str()), 0)
    };
    let highlights: Vec<usize> = snippet
        .highlights
        .iter()
        .flat_map(Clone::clone)
        .filter_map(|position| position.checked_sub(shift))
        .collect();
    let base = style.patch(theme.caption);
    fit_line(&text, &highlights, text_area.width, base, theme.matched).render(text_area, buf);
}

/// The date and source columns, dropped in turn as the pane narrows.
fn columns(app: &App, width: u16) -> (u16, u16) {
    let widest_source = app
        .visible_articles()
        .skip(app.list_offset())
        .take(200)
        .filter_map(|article| article.source.as_deref())
        .map(text_width)
        .max()
        .unwrap_or(0);
    let source_width = (widest_source as u16).min(SOURCE_COLUMN_MAX);
    let date_width = if width >= 36 { DATE_COLUMN } else { 0 };
    let source_width = if width >= 44 { source_width } else { 0 };
    (date_width, source_width)
}
