//! The timeline view (`t`): the counts per period of the articles the filter shows, one
//! period selected; Enter narrows the filter to it.

use crate::article::ArticleDate;
use crate::command::Command;
use crate::timeline::Timeline;

/// What a key did to the timeline view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineAnswer {
    /// Still open; whether the selection moved.
    Open {
        changed: bool,
    },
    Closed,
    /// Enter on a period: the filter is to be narrowed to it.
    Chosen(ArticleDate),
}

#[derive(Debug)]
pub struct TimelineView {
    timeline: Timeline,
    /// Position of the selected period in the timeline's periods.
    selected: usize,
}

impl TimelineView {
    /// Opens on the newest period, where a news archive is read first.
    pub fn new(timeline: Timeline) -> Self {
        let selected = timeline.periods.len().saturating_sub(1);
        Self { timeline, selected }
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Its keys while open: periods before and after, the first and last, Enter and Esc;
    /// others do nothing.
    pub fn update(&mut self, command: Command) -> TimelineAnswer {
        let last = self.timeline.periods.len().saturating_sub(1);
        let to = match command {
            Command::Down => (self.selected + 1).min(last),
            Command::Up => self.selected.saturating_sub(1),
            Command::PageDown => (self.selected + 12).min(last),
            Command::PageUp => self.selected.saturating_sub(12),
            Command::Top => 0,
            Command::Bottom => last,
            Command::Open | Command::Accept => {
                return match self.timeline.periods.get(self.selected) {
                    Some(&(period, _)) => TimelineAnswer::Chosen(period),
                    None => TimelineAnswer::Closed,
                };
            }
            Command::Back | Command::Cancel => return TimelineAnswer::Closed,
            _ => self.selected,
        };
        let changed = to != self.selected;
        self.selected = to;
        TimelineAnswer::Open { changed }
    }
}
