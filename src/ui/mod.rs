//! Drawing: reads the model and paints the frame; never changes the model.

mod help;
mod list;
mod names;
mod reader;
mod status;
mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthChar;

use crate::app::App;
pub use crate::theme::Theme;

/// The whole screen: the model seen through a theme.
pub struct Screen<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = self.app.layout();
        if layout.too_small {
            let notice = fit_line("Terminal too small", &[], area.width, Style::new(), Style::new());
            notice.render(area, buf);
            return;
        }
        if let Some(pane) = layout.list {
            list::render(self.app, self.theme, pane, layout.two_panes(), buf);
        }
        if let (Some(pane), Some(text)) = (layout.reader, layout.reader_text) {
            reader::render(self.app, self.theme, pane, text, layout.two_panes(), buf);
        }
        if let Some(line) = layout.filter_line {
            status::render_input_line(self.app, self.theme, line, buf);
        }
        if let Some(line) = layout.status_line {
            status::render(self.app, self.theme, line, buf);
        }
        if let Some(view) = self.app.names_view() {
            names::render(view, self.theme, area, buf);
        }
        if let Some(view) = self.app.timeline_view() {
            timeline::render(view, self.theme, area, buf);
        }
        if self.app.is_help_open() {
            help::render(self.theme, self.app.bindings(), self.app.help_scroll(), area, buf);
        }
    }
}

/// Cuts `text` to `width` columns, ending in `…` when cut, styling the characters at
/// `highlights` (sorted char indices) with `matched`. Never splits a wide character.
pub fn fit_line<'a>(text: &str, highlights: &[usize], width: u16, base: Style, matched: Style) -> Line<'a> {
    let width = usize::from(width);
    let full_width: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    let budget = if full_width > width {
        width.saturating_sub(1)
    } else {
        width
    };
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let mut used = 0;
    let mut highlights = highlights.iter().peekable();
    for (index, c) in text.chars().enumerate() {
        let char_width = c.width().unwrap_or(0);
        if used + char_width > budget {
            break;
        }
        used += char_width;
        while highlights.next_if(|&&position| position < index).is_some() {}
        let is_matched = highlights.peek().is_some_and(|&&position| position == index);
        if is_matched != run_matched && !run.is_empty() {
            spans.push(styled(std::mem::take(&mut run), run_matched, base, matched));
        }
        run_matched = is_matched;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(styled(run, run_matched, base, matched));
    }
    if full_width > width && width > 0 {
        spans.push(Span::styled("…", base));
    }
    Line::from(spans)
}

fn styled<'a>(text: String, is_matched: bool, base: Style, matched: Style) -> Span<'a> {
    Span::styled(text, if is_matched { base.patch(matched) } else { base })
}

/// Display width of a string in terminal columns.
pub fn text_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}
