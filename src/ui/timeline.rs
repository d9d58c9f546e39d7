//! The timeline overlay (`t`): a bar per period, scaled to the window, the selected one
//! named above the chart and marked under it, so it reads without colour too.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Clear, Paragraph, Widget};

use super::{Theme, fit_line};
use crate::app::TimelineView;
use crate::timeline::Granularity;

/// The widest a bar gets, so a few periods do not make slabs.
const MAX_BAR_WIDTH: u16 = 7;

pub fn render(view: &TimelineView, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let popup = area.centered(
        Constraint::Length(area.width.min(100)),
        Constraint::Length(area.height.saturating_sub(2).clamp(area.height.min(8), 24)),
    );
    Clear.render(popup, buf);
    let timeline = view.timeline();
    let by = match timeline.granularity {
        Granularity::Year => "year",
        Granularity::Month => "month",
        Granularity::Day => "day",
    };
    let block = Block::bordered()
        .title(format!(" Timeline, by {by} "))
        .border_style(theme.border_focused);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let [header, chart, marks, axis, footer] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    let apart = format!(
        "undated {}  less precise {}",
        timeline.undated, timeline.imprecise
    );
    fit_line(&apart, &[], footer.width, Style::new(), Style::new()).render(footer, buf);
    let Some(&(period, count)) = timeline.periods.get(view.selected()) else {
        Paragraph::new("No dated article").render(header, buf);
        return;
    };
    let plural = if count == 1 { "" } else { "s" };
    let said = format!("{period}: {count} article{plural}");
    fit_line(&said, &[], header.width, theme.title, Style::new()).render(header, buf);

    let periods = timeline.periods.len();
    let (width, gap) = bar_size(periods, chart.width);
    let fits = usize::from((chart.width + gap) / (width + gap)).max(1);
    let offset = (view.selected() + 1).saturating_sub(fits);
    let shown = &timeline.periods[offset..periods.min(offset + fits)];
    let bars: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(position, &(_, count))| {
            let style = if offset + position == view.selected() {
                theme.matched
            } else {
                theme.date
            };
            Bar::new(count as u64).text_value("").style(style)
        })
        .collect();
    BarChart::vertical(bars)
        .bar_width(width)
        .bar_gap(gap)
        .max(timeline.max_count().max(1) as u64)
        .render(chart, buf);

    // Under the chart: a mark under the selected bar, then the first and last periods.
    let (first, last) = (shown[0].0.to_string(), shown[shown.len() - 1].0.to_string());
    Line::raw(first).render(axis, buf);
    Line::raw(last).right_aligned().render(axis, buf);
    let mark_x = marks.x + (view.selected() - offset) as u16 * (width + gap) + width / 2;
    if mark_x < marks.right() {
        buf.set_string(mark_x, marks.y, "▲", theme.title);
    }
}

/// Each bar's width and the gap between bars, so that `periods` bars fill `room` columns
/// if they can; one column each, without gaps, when there are too many to show at once.
fn bar_size(periods: usize, room: u16) -> (u16, u16) {
    let periods = u16::try_from(periods.max(1)).unwrap_or(u16::MAX);
    if periods.saturating_mul(2).saturating_sub(1) > room {
        return (1, 0);
    }
    let width = ((room + 1) / periods).saturating_sub(1).clamp(1, MAX_BAR_WIDTH);
    (width, 1)
}
