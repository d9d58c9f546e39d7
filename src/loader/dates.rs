//! Dates as files write them: ISO 8601 (`2024-06-20`, `2024-06-20T10:00:00+07:00`,
//! `2024-06-20 10:00:00`), RFC 2822 (`Thu, 20 Jun 2024 10:00:00 +0700`), `20 June 2024`,
//! `June 20, 2024`, and Unix timestamps. The date is the one written, at the precision
//! written; a time zone never moves it to another day.

use crate::article::ArticleDate;

/// The date `text` gives, if it gives a valid one.
pub(crate) fn parse_date(text: &str) -> Option<ArticleDate> {
    let text = text.trim();
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    if text.bytes().all(|byte| byte.is_ascii_digit()) && text.len() >= 9 {
        return text.parse().ok().and_then(from_timestamp);
    }
    iso(text).or_else(|| words(text))
}

/// A Unix timestamp, in seconds or (past the year 5138 in seconds) milliseconds.
pub(crate) fn from_timestamp(stamp: i64) -> Option<ArticleDate> {
    let seconds = if stamp.abs() > 100_000_000_000 {
        stamp / 1000
    } else {
        stamp
    };
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let year = u16::try_from(year)
        .ok()
        .filter(|year| (1000..=9999).contains(year))?;
    valid(year, Some(month), Some(day))
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, followed by anything that
/// does not start with a digit (a time, a zone).
fn iso(text: &str) -> Option<ArticleDate> {
    let bytes = text.as_bytes();
    let digits = |from: usize, count: usize| -> Option<u32> {
        let part = bytes.get(from..from + count)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    let year = u16::try_from(digits(0, 4)?).ok()?;
    let after_year = bytes.get(4).copied();
    if after_year.is_none() {
        return valid(year, None, None);
    }
    if after_year.is_some_and(|byte| byte.is_ascii_digit()) {
        // YYYYMMDD
        let month = u8::try_from(digits(4, 2)?).ok()?;
        let day = u8::try_from(digits(6, 2)?).ok()?;
        return (bytes.get(8).is_none_or(|byte| !byte.is_ascii_digit()))
            .then(|| valid(year, Some(month), Some(day)))
            .flatten();
    }
    let separator = after_year?;
    if !matches!(separator, b'-' | b'/' | b'.') {
        return None;
    }
    let month = u8::try_from(digits(5, 2)?).ok()?;
    match bytes.get(7) {
        None => valid(year, Some(month), None),
        Some(&byte) if byte == separator => {
            let day = u8::try_from(digits(8, 2)?).ok()?;
            bytes
                .get(10)
                .is_none_or(|byte| !byte.is_ascii_digit())
                .then(|| valid(year, Some(month), Some(day)))
                .flatten()
        }
        Some(byte) if !byte.is_ascii_digit() => valid(year, Some(month), None),
        Some(_) => None,
    }
}

/// Dates with a month's name: `Thu, 20 Jun 2024 10:00 +0700`, `20 June 2024`,
/// `June 20, 2024`, `20 juin 2024`, `20 de junio de 2024`.
fn words(text: &str) -> Option<ArticleDate> {
    let mut day = None;
    let mut month = None;
    let mut year = None;
    for word in text.split(|c: char| c.is_whitespace() || c == ',' || c == '.') {
        if word.is_empty() {
            continue;
        }
        if word.contains(':') {
            break;
        }
        if let Ok(number) = word.parse::<u32>() {
            if word.len() == 4 && year.is_none() {
                year = u16::try_from(number).ok();
            } else if word.len() <= 2 && day.is_none() {
                day = u8::try_from(number).ok();
            }
        } else if month.is_none() {
            month = month_number(word);
        }
    }
    valid(year?, Some(month?), day)
}

fn month_number(word: &str) -> Option<u8> {
    const MONTHS: [&[&str]; 12] = [
        &["jan", "january", "janvier", "janv", "enero", "ene"],
        &["feb", "february", "février", "fév", "févr", "febrero"],
        &["mar", "march", "mars", "marzo"],
        &["apr", "april", "avril", "avr", "abril", "abr"],
        &["may", "mai", "mayo"],
        &["jun", "june", "juin", "junio"],
        &["jul", "july", "juillet", "juil", "julio"],
        &["aug", "august", "août", "agosto", "ago"],
        &["sep", "sept", "september", "septembre", "septiembre", "setiembre"],
        &["oct", "october", "octobre", "octubre"],
        &["nov", "november", "novembre", "noviembre"],
        &["dec", "december", "décembre", "déc", "diciembre", "dic"],
    ];
    let lower = word.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .and_then(|at| u8::try_from(at + 1).ok())
}

fn valid(year: u16, month: Option<u8>, day: Option<u8>) -> Option<ArticleDate> {
    let longest = match month {
        Some(2) if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        Some(2) => 28,
        Some(4 | 6 | 9 | 11) => 30,
        _ => 31,
    };
    let ok = (1000..=9999).contains(&year)
        && month.is_none_or(|month| (1..=12).contains(&month))
        && day.is_none_or(|day| month.is_some() && (1..=longest).contains(&day));
    ok.then_some(ArticleDate { year, month, day })
}

/// Days since 1970-01-01 as a civil date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: Option<u8>, day: Option<u8>) -> Option<ArticleDate> {
        Some(ArticleDate { year, month, day })
    }

    #[test]
    fn iso_dates_at_every_precision() {
        assert_eq!(parse_date("2024-06-20"), date(2024, Some(6), Some(20)));
        assert_eq!(
            parse_date("2024-06-20T23:30:00-05:00"),
            date(2024, Some(6), Some(20))
        );
        assert_eq!(parse_date("2024-06-20 10:00:00"), date(2024, Some(6), Some(20)));
        assert_eq!(parse_date("2024-06"), date(2024, Some(6), None));
        assert_eq!(parse_date("2024"), date(2024, None, None));
        assert_eq!(parse_date("20240620"), date(2024, Some(6), Some(20)));
        assert_eq!(parse_date("2024/06/20"), date(2024, Some(6), Some(20)));
    }

    #[test]
    fn dates_with_month_names_in_four_languages() {
        assert_eq!(
            parse_date("Thu, 20 Jun 2024 10:00:00 +0700"),
            date(2024, Some(6), Some(20))
        );
        assert_eq!(parse_date("June 20, 2024"), date(2024, Some(6), Some(20)));
        assert_eq!(parse_date("20 juin 2024"), date(2024, Some(6), Some(20)));
        assert_eq!(parse_date("20 de junio de 2024"), date(2024, Some(6), Some(20)));
    }

    #[test]
    fn timestamps_in_seconds_and_milliseconds() {
        assert_eq!(parse_date("1718841600"), date(2024, Some(6), Some(20)));
        assert_eq!(parse_date("1718841600000"), date(2024, Some(6), Some(20)));
        assert_eq!(from_timestamp(0), date(1970, Some(1), Some(1)));
    }

    #[test]
    fn impossible_dates_are_none() {
        for text in [
            "2024-13-01",
            "2023-02-29",
            "2024-06-31",
            "hier",
            "",
            "12:00",
            "99999999999999999999",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        assert_eq!(parse_date("2024-02-29"), date(2024, Some(2), Some(29)));
    }
}
