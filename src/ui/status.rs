//! The status line (position, count, filter, loading, warnings, key hints) and the filter line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthChar;

use super::{Theme, fit_line, text_width};
use crate::app::{App, Order, Prompt, RelatedState, Scope};
use crate::command::{Command, KeyMode};
use crate::key::Key;
use crate::layout::Focus;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.status);
    // A warning kept until dismissed holds the line; then what is wrong with the filter,
    // under it; then the answer to the last key; else the summary.
    let query_error = app.query_error();
    let message = app.alert().or(query_error.as_deref()).or(app.notice());
    let left = match message {
        Some(message) => message.to_string(),
        None => summary(app),
    };
    let right = hints(app);
    let right_width = text_width(&right);
    // Hints go only where they fit beside the summary, which comes first; but the key that
    // dismisses a warning always shows, the warning cut to leave it room.
    let dismissing = app.alert().is_some() && app.key_mode() == KeyMode::Browse;
    let show_hints = text_width(&left) + 1 + right_width <= usize::from(area.width) || dismissing;
    let left_width = if show_hints {
        area.width.saturating_sub(right_width as u16)
    } else {
        area.width
    };
    let left_style = if message.is_some() {
        theme.status.patch(theme.notice)
    } else {
        theme.status
    };
    fit_line(&left, &[], left_width, left_style, Style::new()).render(area, buf);
    if show_hints {
        Line::styled(right, theme.status)
            .right_aligned()
            .render(area, buf);
    }
}

/// ` 3/120  /to lam  loading…  2 skipped`, with the reading position when reading.
fn summary(app: &App) -> String {
    let position = app.selected_position().map_or(0, |position| position + 1);
    let mut count = format!(" {position}/{}", app.visible_count());
    if app.visible_count() != app.article_count() {
        count.push_str(&format!(" of {}", app.article_count()));
    }
    let mut parts = vec![count];
    if let Some((article, state)) = app.related_to() {
        parts.push(format!("related to «{}»", cut_title(&article.title)));
        match state {
            RelatedState::Finding => parts.push("finding…".to_string()),
            RelatedState::Partial => parts.push("index still building, more to come".to_string()),
            RelatedState::Found => {}
        }
    }
    if !app.filter_input().is_empty() && !app.is_editing_filter() {
        parts.push(format!("/{}", app.filter_input()));
    }
    if app.scope() == Scope::FullText {
        parts.push(
            if app.is_indexing() {
                "full text (indexing…)"
            } else {
                "full text"
            }
            .to_string(),
        );
    }
    if app.is_unread_only() {
        parts.push("unread only".to_string());
    }
    if app.is_starred_only() {
        parts.push("★ only".to_string());
    }
    if !matches!(app.order(), Order::Newest | Order::BestMatch) {
        parts.push(app.order().label().to_string());
    }
    parts.push(format!("{} unread", app.unread_count()));
    if app.is_loading() {
        parts.push(match app.load_progress() {
            (done, total) if total > 0 => format!("loading {done}/{total}"),
            _ => "loading…".to_string(),
        });
    } else if app.is_checking() {
        parts.push("checking files…".to_string());
    }
    if !app.warnings().is_empty() {
        parts.push(format!("{} skipped", app.warnings().len()));
    }
    if app.focus() == Focus::Reader || app.layout().two_panes() {
        parts.extend(find_position(app));
        parts.extend(reading_position(app));
    }
    parts.join("  ")
}

/// A title short enough to leave the status line room for the rest.
fn cut_title(title: &str) -> String {
    const SHOWN: usize = 32;
    if title.chars().count() <= SHOWN {
        return title.to_string();
    }
    let mut cut: String = title.chars().take(SHOWN - 1).collect();
    cut.push('…');
    cut
}

/// `hit 2/7` while a find pattern is set, or that it has no hit.
fn find_position(app: &App) -> Option<String> {
    if app.find_input().is_empty() {
        return None;
    }
    Some(match app.current_hit() {
        Some(current) => format!("hit {}/{}", current + 1, app.hits().len()),
        None => "no hit".to_string(),
    })
}

/// Where the reading pane stands, as less and vim say it: Top, End, All or a percentage.
fn reading_position(app: &App) -> Option<String> {
    let rows = usize::from(app.layout().reader_text?.height);
    let total = app.reader_lines().len();
    if total == 0 {
        return None;
    }
    let scroll = app.reader_scroll();
    let place = if total <= rows {
        "All".to_string()
    } else if scroll == 0 {
        "Top".to_string()
    } else if scroll + rows >= total {
        "End".to_string()
    } else {
        format!("{}%", (scroll + rows) * 100 / total)
    };
    Some(place)
}

/// The commands the status line hints at, with their short names, by what has the keys.
const LIST_HINTS: &[(Command, &str)] = &[
    (Command::Filter, "filter"),
    (Command::Help, "help"),
    (Command::Quit, "quit"),
];
const RELATED_HINTS: &[(Command, &str)] = &[
    (Command::Open, "open"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];
const READER_HINTS: &[(Command, &str)] = &[
    (Command::ReaderPageDown, "page"),
    (Command::Back, "back"),
    (Command::Help, "help"),
];
const LINE_HINTS: &[(Command, &str)] = &[
    (Command::Accept, "keep"),
    (Command::Cancel, "clear"),
    (Command::ToggleScope, "scope"),
];
/// Beside a warning kept until dismissed: the key that dismisses it.
const ALERT_HINTS: &[(Command, &str)] = &[(Command::Back, "dismiss")];

/// `/ filter  ? help  q quit `: each command's first key as bound now (a rebound key shows
/// as rebound; one bound to nothing is left out), the typing line's fixed keys.
fn hints(app: &App) -> String {
    let bindings = app.bindings();
    let first_key = |command: Command, in_line: bool| {
        if in_line {
            command.about().line_keys.first().map(Key::to_string)
        } else {
            bindings.keys_for(command).into_iter().next()
        }
    };
    let (hints, in_line) = match (app.key_mode(), app.focus()) {
        (KeyMode::Help, _) => return "any key closes".to_string(),
        (KeyMode::Timeline, _) => return "←/→ period  Enter filter  Esc close ".to_string(),
        (KeyMode::Input, _) => (LINE_HINTS, true),
        (KeyMode::Browse, _) if app.alert().is_some() => (ALERT_HINTS, false),
        (KeyMode::Browse, Focus::Reader) => (READER_HINTS, false),
        (KeyMode::Browse, Focus::List) if app.related_to().is_some() => (RELATED_HINTS, false),
        (KeyMode::Browse, Focus::List) => (LIST_HINTS, false),
    };
    let shown: Vec<String> = hints
        .iter()
        .filter_map(|&(command, name)| Some(format!("{} {name}", first_key(command, in_line)?)))
        .collect();
    format!("{} ", shown.join("  "))
}

/// The line being typed into: `/ query` for the filter, `Find: pattern` in the article.
pub fn render_input_line(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (label, input) = match app.prompt() {
        Some(Prompt::Find) => ("Find: ", app.find_input()),
        _ if app.scope() == Scope::FullText => ("Full text: ", app.filter_input()),
        _ => ("/ ", app.filter_input()),
    };
    // Keep the end of a long query, where the typing happens, in view.
    let mut room = usize::from(area.width).saturating_sub(label.len() + 1);
    let shown_from = input
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            let width = c.width().unwrap_or(0);
            let fits = width <= room;
            room = room.saturating_sub(width);
            fits
        })
        .last()
        .map_or(input.len(), |(start, _)| start);
    let shown = &input[shown_from..];
    Line::from(vec![
        Span::styled(label, theme.prompt),
        Span::raw(shown),
        Span::styled(" ", theme.cursor),
    ])
    .render(area, buf);
}
