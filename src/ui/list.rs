//! The list pane: each visible article's whole title and its date, source and place, or
//! one line per article in the compact list.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::{Theme, fit_line, text_width};
use crate::app::{App, RelatedState, Scope};
use crate::fulltext::Snippet;
use crate::layout::{Focus, Pane};
use crate::listing::{self, Rows};

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
            .title(if app.related_to().is_some() {
                " Related "
            } else {
                " Articles "
            })
            .border_style(if focused {
                theme.border_focused
            } else {
                theme.border
            })
            .render(pane.area, buf);
    }
    let area = pane.content;
    if app.visible_count() == 0 {
        let message = if let Some((_, state)) = app.related_to() {
            match state {
                RelatedState::Finding => "Finding related articles…",
                _ => "No related article",
            }
        } else if app.is_loading() {
            "Loading…"
        } else if app.article_count() == 0 {
            "No articles"
        } else if app.scope() == Scope::FullText && app.is_indexing() {
            // The index answers with what it holds so far: the rest may match.
            "No match yet: indexing…"
        } else {
            "No match"
        };
        Paragraph::new(message)
            .alignment(Alignment::Center)
            .render(area, buf);
        return;
    }
    match app.list_rows() {
        Rows::Compact => render_compact(app, theme, area, buf),
        rows => render_whole_titles(app, theme, area, rows, buf),
    }
}

/// One line per article: the title, cut to fit, then its date and source in columns.
fn render_compact(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (date_width, source_width) = columns(app, area.width);
    let mark_width = if area.width >= 24 { MARK_COLUMN } else { 0 };
    let title_width = area
        .width
        .saturating_sub(mark_width + date_width + source_width)
        .saturating_sub(u16::from(date_width > 0) + u16::from(source_width > 0));
    let rows = app
        .visible_articles()
        .enumerate()
        .skip(app.list_offset())
        .take(usize::from(area.height));
    for (row, (position, article)) in rows.enumerate() {
        let selected = app.selected_position() == Some(position);
        let row_style = if selected { theme.selected } else { Style::new() };
        let row_area = Rect::new(area.x, area.y + row as u16, area.width, 1);
        buf.set_style(row_area, row_style);
        let highlights = app.title_highlights(position);
        let marks = app.marks_at(position);
        let title_style = title_style(row_style, marks.read);
        let mut spans = Vec::new();
        if mark_width > 0 {
            spans.push(star(marks.starred, selected, row_style, theme));
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

/// Each article's whole title, over up to two lines, then a dim line with its date, source
/// and place, or, for a full-text result, the snippet of its hit.
fn render_whole_titles(app: &App, theme: &Theme, area: Rect, rows: Rows, buf: &mut Buffer) {
    let mark_width = if area.width >= 24 { MARK_COLUMN } else { 0 };
    let title_width = usize::from(area.width.saturating_sub(mark_width));
    let mut y = area.y;
    for (position, article) in app.visible_articles().enumerate().skip(app.list_offset()) {
        let lines = listing::wrap_title(&article.title, title_width, listing::TITLE_LINES);
        let height = lines.len().max(1) as u16 + 1;
        if y + height > area.bottom() {
            break;
        }
        let selected = app.selected_position() == Some(position);
        let row_style = if selected { theme.selected } else { Style::new() };
        buf.set_style(Rect::new(area.x, y, area.width, height), row_style);
        let highlights = app.title_highlights(position);
        let marks = app.marks_at(position);
        for (index, line) in lines.iter().enumerate() {
            let length = line.text.chars().count();
            let on_line: Vec<usize> = highlights
                .iter()
                .filter_map(|&at| at.checked_sub(line.start).filter(|&at| at < length))
                .collect();
            let mut spans = Vec::new();
            if mark_width > 0 {
                spans.push(match index {
                    0 => star(marks.starred, selected, row_style, theme),
                    _ => Span::styled("  ", row_style),
                });
            }
            let title = title_style(row_style, marks.read);
            spans.extend(fit_line(&line.text, &on_line, title_width as u16, title, theme.matched).spans);
            Line::from(spans).render(Rect::new(area.x, y + index as u16, area.width, 1), buf);
        }
        let last = Rect::new(area.x, y + height - 1, area.width, 1);
        match (rows, app.snippet_at(position)) {
            (Rows::Snippets, snippet) => {
                render_snippet(
                    snippet.unwrap_or(&Snippet::default()),
                    theme,
                    last,
                    row_style,
                    buf,
                );
            }
            _ => {
                let meta = Rect::new(
                    last.x + mark_width,
                    last.y,
                    last.width.saturating_sub(mark_width),
                    1,
                );
                let style = row_style.add_modifier(Modifier::DIM);
                fit_line(&listing::meta_line(article), &[], meta.width, style, style).render(meta, buf);
            }
        }
        y += height;
    }
}

/// Unread titles are bold.
fn title_style(row_style: Style, read: bool) -> Style {
    if read {
        row_style
    } else {
        row_style.add_modifier(Modifier::BOLD)
    }
}

fn star<'a>(starred: bool, selected: bool, row_style: Style, theme: &Theme) -> Span<'a> {
    let star = if starred { "★ " } else { "  " };
    Span::styled(star, if selected { row_style } else { theme.star })
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
