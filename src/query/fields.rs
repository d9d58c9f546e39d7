//! Field terms of the filter: `date:2021-04`, `source:vna`, `place:hanoi`, `name:poutine`.
//!
//! Each article's fields are folded once, when its haystack is made ([`Facets`]); a date
//! term is parsed once per query into a span of day numbers, so matching compares two
//! integers per article.

use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;

use thiserror::Error;

use super::Haystack;
use crate::article::{Article, ArticleDate};

/// The text fields a term can be aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    /// The agency (`VNA`).
    Source,
    /// The dateline's place and the places the article names.
    Place,
    /// Every name the article mentions, people and places.
    Name,
}

/// What a field term asks of an article, read from its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldKind {
    Text(Facet),
    Date,
}

impl FieldKind {
    /// The field `name` names, ignoring case; `None` for a name liseuse does not know.
    pub(super) fn named(name: &str) -> Option<FieldKind> {
        Some(match name.to_ascii_lowercase().as_str() {
            "date" => FieldKind::Date,
            "source" => FieldKind::Text(Facet::Source),
            "place" => FieldKind::Text(Facet::Place),
            "name" => FieldKind::Text(Facet::Name),
            _ => return None,
        })
    }
}

/// Why a field term cannot be read: shown under the filter line, and `--filter` exits 2.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FieldError {
    #[error("unknown field `{0}:` (fields: date, source, place, name)")]
    UnknownField(String),
    #[error("`date:{0}` is not a date: YYYY, YYYY-MM, YYYY-MM-DD, A..B, >A or <A")]
    NotADate(String),
    #[error("`date:{0}`: no such month")]
    NoSuchMonth(String),
    #[error("`date:{0}`: no such day in that month")]
    NoSuchDay(String),
    #[error("`date:{0}`: the range ends before it starts")]
    Reversed(String),
}

/// Days as ordered integers, `year << 9 | month << 5 | day`: not consecutive, but in
/// calendar order, which is all a comparison needs.
type DayNumber = u32;

fn day_number(year: u16, month: u8, day: u8) -> DayNumber {
    (u32::from(year) << 9) | (u32::from(month) << 5) | u32::from(day)
}

/// An inclusive span of days: a period, or what a date term accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    first: DayNumber,
    last: DayNumber,
}

impl DateSpan {
    /// The whole period a date covers at its precision: 2021-04 is April.
    pub fn of(date: ArticleDate) -> Self {
        let last_month = date.month.unwrap_or(12);
        let last_day = date
            .day
            .unwrap_or_else(|| ArticleDate::days_in_month(date.year, last_month));
        Self {
            first: day_number(date.year, date.month.unwrap_or(1), date.day.unwrap_or(1)),
            last: day_number(date.year, last_month, last_day),
        }
    }

    /// Whether all of `other` lies inside: an article dated April 2021 is in 2021 but not
    /// on 5 April.
    pub fn holds(&self, other: DateSpan) -> bool {
        self.first <= other.first && other.last <= self.last
    }

    /// Reads a date term's value: `2021`, `2021-04`, `2021-04-05`, `A..B` (either end may
    /// be left open), `>A`, `>=A`, `<A`, `<=A`.
    pub fn parse(value: &str) -> Result<Self, FieldError> {
        let period = |text: &str| parse_period(text, value);
        if let Some((from, to)) = value.split_once("..") {
            let first = if from.is_empty() { 0 } else { period(from)?.first };
            let last = if to.is_empty() {
                DayNumber::MAX
            } else {
                period(to)?.last
            };
            if first > last {
                return Err(FieldError::Reversed(value.to_string()));
            }
            return Ok(Self { first, last });
        }
        let span = if let Some(rest) = value.strip_prefix(">=") {
            Self {
                first: period(rest)?.first,
                last: DayNumber::MAX,
            }
        } else if let Some(rest) = value.strip_prefix('>') {
            Self {
                first: period(rest)?.last + 1,
                last: DayNumber::MAX,
            }
        } else if let Some(rest) = value.strip_prefix("<=") {
            Self {
                first: 0,
                last: period(rest)?.last,
            }
        } else if let Some(rest) = value.strip_prefix('<') {
            // Year 0 is refused, so a period never starts at 0.
            Self {
                first: 0,
                last: period(rest)?.first - 1,
            }
        } else {
            period(value)?
        };
        Ok(span)
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked against the calendar; errors name `value`,
/// the whole term.
fn parse_period(text: &str, value: &str) -> Result<DateSpan, FieldError> {
    let not_a_date = || FieldError::NotADate(value.to_string());
    let number = |part: &str, digits: usize| -> Result<u16, FieldError> {
        if part.len() != digits || !part.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(not_a_date());
        }
        part.parse().map_err(|_| not_a_date())
    };
    let mut parts = text.split('-');
    let year = number(parts.next().unwrap_or_default(), 4)?;
    if year == 0 {
        return Err(not_a_date());
    }
    let month = parts.next().map(|part| number(part, 2)).transpose()?;
    let day = parts.next().map(|part| number(part, 2)).transpose()?;
    if parts.next().is_some() {
        return Err(not_a_date());
    }
    let month = match month {
        Some(month @ 1..=12) => Some(month as u8),
        Some(_) => return Err(FieldError::NoSuchMonth(value.to_string())),
        None => None,
    };
    let day = match (month, day) {
        (Some(month), Some(day))
            if (1..=u16::from(ArticleDate::days_in_month(year, month))).contains(&day) =>
        {
            Some(day as u8)
        }
        (_, Some(_)) => return Err(FieldError::NoSuchDay(value.to_string())),
        (_, None) => None,
    };
    Ok(DateSpan::of(ArticleDate { year, month, day }))
}

/// What field terms match in one article, folded when it is loaded.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub(super) date: Option<DateSpan>,
    /// Shared by the articles of the same agency, and of the same places (see
    /// [`FacetHaystacks`]).
    pub(super) source: Arc<Haystack>,
    pub(super) place: Arc<Haystack>,
    /// Which fields of the article's own haystack are its names: they are not folded twice.
    pub(super) names: Range<usize>,
}

/// The source and place haystacks made so far, one per distinct value: an archive names the
/// same few agencies and places over and over, and a haystack of its own for each article
/// was a fifth of the filter's memory (heaptrack, 100 000 articles).
#[derive(Debug, Default)]
pub struct FacetHaystacks {
    known: HashMap<Box<str>, Arc<Haystack>>,
    /// The key looked up, written again for each: every field's length, then the field.
    key: String,
}

impl FacetHaystacks {
    /// The haystack of `fields`, made once for all the articles that have them.
    fn of<'a>(&mut self, fields: impl Iterator<Item = &'a str> + Clone) -> Arc<Haystack> {
        self.key.clear();
        for field in fields.clone() {
            // The lengths keep `a` + `bc` apart from `ab` + `c`, whatever the fields hold.
            let _ = write!(self.key, "{}:{field}", field.len());
        }
        if let Some(known) = self.known.get(self.key.as_str()) {
            return known.clone();
        }
        let made = Arc::new(Haystack::new(fields));
        self.known.insert(self.key.as_str().into(), made.clone());
        made
    }
}

impl Facets {
    /// `article`'s fields; its names are fields `names` of the haystack these go with. Its
    /// source and places are taken from `shared` when an article before had the same.
    pub fn of(article: &Article, names: Range<usize>, shared: &mut FacetHaystacks) -> Self {
        let dateline = article
            .place
            .as_deref()
            .filter(|place| !article.places.iter().any(|named| named == place));
        Self {
            date: article.date.map(DateSpan::of),
            source: shared.of(article.source.as_deref().into_iter()),
            place: shared.of(dateline
                .into_iter()
                .chain(article.places.iter().map(String::as_str))),
            names,
        }
    }
}
