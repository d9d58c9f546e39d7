//! How many articles each period holds: the timeline (`t`) and `--timeline`.
//!
//! The period is chosen from the dates' span, so the bars stay few enough to read: years
//! over a long archive, days over a few weeks, months otherwise. Every period between the
//! first and the last is kept, empty ones too, so gaps show.

use std::collections::HashMap;

use crate::article::ArticleDate;

/// Over this many months, one bar per year.
const MONTHS_FOR_YEARS: u32 = 8 * 12;
/// Under this many days, one bar per day.
const DAYS_FOR_DAYS: usize = 60;

/// How long one bar's period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Year,
    Month,
    Day,
}

impl Granularity {
    /// `date` cut to this precision; `None` when it is less precise than that.
    fn period_of(self, date: ArticleDate) -> Option<ArticleDate> {
        Some(match self {
            Granularity::Year => ArticleDate {
                month: None,
                day: None,
                ..date
            },
            Granularity::Month => ArticleDate {
                month: Some(date.month?),
                day: None,
                ..date
            },
            Granularity::Day => ArticleDate {
                day: Some(date.day?),
                month: Some(date.month?),
                ..date
            },
        })
    }
}

/// The counts, oldest period first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub granularity: Granularity,
    /// Each period (a date at the granularity's precision) and its article count.
    pub periods: Vec<(ArticleDate, usize)>,
    /// Articles without a date.
    pub undated: usize,
    /// Articles dated less precisely than the periods (a year alone, among months).
    pub imprecise: usize,
}

impl Timeline {
    /// The timeline of articles dated `dates` (`None`: undated).
    pub fn of(dates: impl IntoIterator<Item = Option<ArticleDate>>) -> Self {
        let mut undated = 0;
        let dated: Vec<ArticleDate> = dates
            .into_iter()
            .filter_map(|date| {
                undated += usize::from(date.is_none());
                date
            })
            .collect();
        let granularity = granularity_of(&dated);
        let periods = match (dated.iter().min(), dated.iter().max()) {
            (Some(&first), Some(&last)) => periods_between(first, last, granularity),
            _ => Vec::new(),
        };
        let index: HashMap<ArticleDate, usize> = periods
            .iter()
            .enumerate()
            .map(|(position, &period)| (period, position))
            .collect();
        let mut counts = vec![0; periods.len()];
        let mut imprecise = 0;
        for date in dated {
            match granularity.period_of(date).and_then(|period| index.get(&period)) {
                Some(&position) => counts[position] += 1,
                None => imprecise += 1,
            }
        }
        Self {
            granularity,
            periods: periods.into_iter().zip(counts).collect(),
            undated,
            imprecise,
        }
    }

    /// The largest count, for scaling the bars.
    pub fn max_count(&self) -> usize {
        self.periods.iter().map(|&(_, count)| count).max().unwrap_or(0)
    }
}

/// Years over a long span, days over a few weeks of dates that all have their day, months
/// otherwise.
fn granularity_of(dated: &[ArticleDate]) -> Granularity {
    let (Some(first), Some(last)) = (dated.iter().min(), dated.iter().max()) else {
        return Granularity::Month;
    };
    let month_index = |date: &ArticleDate| u32::from(date.year) * 12 + u32::from(date.month.unwrap_or(1)) - 1;
    if month_index(last) - month_index(first) > MONTHS_FOR_YEARS {
        return Granularity::Year;
    }
    let all_days = dated.iter().all(|date| date.day.is_some());
    let few_days = || {
        let mut day = Some(*first);
        (0..DAYS_FOR_DAYS).any(|_| {
            let reached = day == Some(*last);
            day = day.map(next_day);
            reached
        })
    };
    if all_days && few_days() {
        Granularity::Day
    } else {
        Granularity::Month
    }
}

/// Every period from the one holding `first` to the one holding `last`.
fn periods_between(first: ArticleDate, last: ArticleDate, granularity: Granularity) -> Vec<ArticleDate> {
    let start = ArticleDate {
        month: first.month.or(Some(1)),
        day: first.day.or(Some(1)),
        ..first
    };
    let cut = |date| granularity.period_of(date).unwrap_or(date);
    let end = cut(ArticleDate {
        month: last.month.or(Some(12)),
        day: last.day.or(Some(1)),
        ..last
    });
    let mut periods = vec![cut(start)];
    while let Some(&period) = periods.last()
        && period < end
    {
        let next = next_period(period, granularity);
        // The calendar's end (year 65535) stops it too.
        if next <= period {
            break;
        }
        periods.push(next);
    }
    periods
}

fn next_period(period: ArticleDate, granularity: Granularity) -> ArticleDate {
    match granularity {
        Granularity::Year => ArticleDate {
            year: period.year.saturating_add(1),
            ..period
        },
        Granularity::Month => match period.month {
            Some(12) | None => ArticleDate {
                year: period.year.saturating_add(1),
                month: Some(1),
                day: None,
            },
            Some(month) => ArticleDate {
                month: Some(month + 1),
                ..period
            },
        },
        Granularity::Day => next_day(period),
    }
}

/// The day after `date`, a date with its day.
fn next_day(date: ArticleDate) -> ArticleDate {
    let (month, day) = (date.month.unwrap_or(1), date.day.unwrap_or(1));
    if day < ArticleDate::days_in_month(date.year, month) {
        ArticleDate {
            day: Some(day + 1),
            ..date
        }
    } else {
        let next = next_period(ArticleDate { day: None, ..date }, Granularity::Month);
        ArticleDate { day: Some(1), ..next }
    }
}
