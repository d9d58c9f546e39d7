//! The dispatch format: a date header, photo captions and credits, a dateline, paragraphs,
//! and an agency signature, as news agencies' French services file them.

use std::path::Path;

use super::LoadError;
use super::credits::{split_dateline, strip_credit};
use super::decode::clean;
use super::draft::Draft;
use super::sentence::first_sentence_end;
use super::title::ends_dangling;
use crate::article::{Article, ArticleDate};
use crate::sanitize::RareChars;

/// Reads the text of one dispatch file into an [`Article`]; pure, no I/O.
///
/// The text is cleaned first (line ends, terminal controls, NFC), so any text may be given.
/// Fails with [`LoadError::Empty`] when nothing readable remains once the header and the
/// photo credits are set aside.
pub fn parse_dispatch(path: &Path, text: &str) -> Result<Article, LoadError> {
    let text = clean(text);
    let (date, rest) = date_header(&text);
    let (headline, rest) = split_headline(rest);
    Draft {
        title: headline.map(str::to_owned),
        date,
        blocks: paragraphs(rest),
        ..Draft::default()
    }
    .finish(path)
}

/// The date of a `date 2021-04` header opening the text, and the text after the header;
/// the whole text when there is none.
fn date_header(text: &str) -> (Option<ArticleDate>, &str) {
    let trimmed = text.trim_start();
    let first_line = trimmed.split('\n').next().unwrap_or_default();
    match split_date_header(first_line.trim_end()) {
        // The rest of the line is a suffix of it, so the text resumes where it starts.
        Some((date, rest)) => {
            let start = text.len() - trimmed.len() + first_line.trim_end().len() - rest.len();
            (date, &text[start..])
        }
        None => (None, text),
    }
}

/// Headlines are at most this long; a longer first line is prose.
const MAX_HEADLINE_CHARS: usize = 200;

/// A headline line opening `text` (a short line without a final full stop, followed by the
/// lead), and the text after it.
pub(crate) fn split_headline(text: &str) -> (Option<&str>, &str) {
    let trimmed = text.trim_start();
    let (line, after) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    let line = line.trim();
    let next = after.trim_start_matches([' ', '\t']);
    let blank_follows = next.starts_with('\n');
    let next_line = after.trim_start();
    let follows_ok = !next_line.is_empty()
        && (blank_follows
            || next_line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '('));
    if follows_ok && is_headline(line, blank_follows) {
        (Some(line), after)
    } else {
        (None, text)
    }
}

fn is_headline(line: &str, blank_follows: bool) -> bool {
    let limit = if blank_follows { MAX_HEADLINE_CHARS } else { 120 };
    // The cheap tests first: most first lines are prose, ending in a full stop.
    !line.ends_with(['.', ',', ';', ':', '-', '–', '—', '…'])
        && line.len() <= 4 * limit
        && (2..=limit).contains(&line.chars().count())
        && line.starts_with(|c: char| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '«' | '"' | '“' | '\'')
        })
        && line.split_whitespace().nth(1).is_some()
        && strip_credit(line).is_none()
        && first_sentence_end(line).is_none_or(|end| end >= line.trim_end().len())
        && !ends_dangling(line)
        && split_dateline(line).is_none()
}

/// Blank-line separated blocks, each on one line: runs of whitespace become one space, or
/// one no-break space where the run is only no-break spaces (French `Photo\u{a0}:`).
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut block_start = None;
    let mut at = 0;
    for line in text.split_inclusive('\n').chain([""]) {
        if line.trim().is_empty() {
            if let Some(start) = block_start.take() {
                blocks.push(collapse_whitespace(&text[start..at]));
            }
        } else if block_start.is_none() {
            block_start = Some(at);
        }
        at += line.len();
    }
    blocks
}

/// `text` trimmed, each run of whitespace in it one character; copied a stretch at a time,
/// past the lone spaces between words, which need no change.
fn collapse_whitespace(text: &str) -> String {
    let is_no_break = |c: char| matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}');
    let may_be_space = |byte: Option<&u8>| byte.is_some_and(|&byte| WHITESPACE.may_start(byte));
    let text = text.trim();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut at) = (0, 0);
    while let Some(offset) = bytes[at..].iter().position(|&byte| WHITESPACE.may_start(byte)) {
        let start = at + offset;
        if bytes[start] == b' ' && !may_be_space(bytes.get(start + 1)) {
            at = start + 1;
            continue;
        }
        let run = &text[start..];
        let run = &run[..run.find(|c: char| !c.is_whitespace()).unwrap_or(run.len())];
        // Past a character that only starts like whitespace (`«`) by one byte: flagged bytes
        // start characters, so the search cannot stop inside it.
        at = start + run.len().max(1);
        if run.is_empty() || run == " " {
            continue;
        }
        out.push_str(&text[copied..start]);
        let mut chars = run.chars();
        match chars.next() {
            Some(first) if is_no_break(first) && chars.all(is_no_break) => out.push(first),
            _ => out.push(' '),
        }
        copied = at;
    }
    out.push_str(&text[copied..]);
    out
}

/// Whitespace, by the first bytes of the Unicode white space characters: ASCII, U+0085,
/// U+00A0, U+1680, U+2000–U+205F and U+3000.
static WHITESPACE: RareChars = RareChars::new(b"\t\n\x0b\x0c\r \xc2\xe1\xe2\xe3", char::is_whitespace);

/// A leading `date 2021-04` header (also `Date: 2021-04-05`, `date 2021`): the date at the
/// precision given, `None` when out of range, and the text after it on the same line.
fn split_date_header(block: &str) -> Option<(Option<ArticleDate>, &str)> {
    if !block.get(..4)?.eq_ignore_ascii_case("date") {
        return None;
    }
    let rest = block[4..].trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(rest.len());
    let (stamp, after) = rest.split_at(end);
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let mut parts = stamp.split('-');
    let year = parts.next().filter(|year| year.len() == 4)?.parse().ok()?;
    let mut field = || -> Option<Option<u8>> {
        match parts.next() {
            None => Some(None),
            Some(part) if (1..=2).contains(&part.len()) => part.parse().ok().map(Some),
            Some(_) => None,
        }
    };
    let (month, day) = (field()?, field()?);
    if parts.next().is_some() {
        return None;
    }
    Some((valid_date(year, month, day), after.trim_start()))
}

fn valid_date(year: u16, month: Option<u8>, day: Option<u8>) -> Option<ArticleDate> {
    let month_ok = month.is_none_or(|month| (1..=12).contains(&month));
    let longest = match month {
        Some(2) => 29,
        Some(4 | 6 | 9 | 11) => 30,
        _ => 31,
    };
    let day_ok = match (month, day) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(_), Some(day)) => (1..=longest).contains(&day),
    };
    (month_ok && day_ok).then_some(ArticleDate { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_split_at_blank_lines_and_collapsed() {
        assert_eq!(
            paragraphs("  un\n  deux   trois \n\n\n\t\nquatre\u{a0}: cinq\n"),
            ["un deux trois", "quatre\u{a0}: cinq"]
        );
    }

    #[test]
    fn every_whitespace_character_is_looked_at() {
        assert!(WHITESPACE.flags_every_wanted_character());
    }

    #[test]
    fn whitespace_runs_become_one_space_or_one_no_break_space() {
        assert_eq!(
            collapse_whitespace(" a  b\u{a0}\u{a0}c \u{a0}d\u{2003}e\nf "),
            "a b\u{a0}c d e f"
        );
    }

    #[test]
    fn date_headers_give_the_precision_written() {
        let date = |year, month, day| Some(ArticleDate { year, month, day });
        assert_eq!(
            split_date_header("date 2021-04"),
            Some((date(2021, Some(4), None), ""))
        );
        assert_eq!(
            split_date_header("date: 2021-04-05 Le"),
            Some((date(2021, Some(4), Some(5)), "Le"))
        );
        assert_eq!(split_date_header("Date 2021"), Some((date(2021, None, None), "")));
        assert_eq!(
            split_date_header("DATE:2021-4-5"),
            Some((date(2021, Some(4), Some(5)), ""))
        );
    }

    #[test]
    fn out_of_range_dates_are_dropped_with_their_header() {
        assert_eq!(split_date_header("date 2021-13 Le"), Some((None, "Le")));
        assert_eq!(split_date_header("date 2021-04-31 Le"), Some((None, "Le")));
        assert_eq!(split_date_header("date 2021-02-00"), Some((None, "")));
    }

    #[test]
    fn headline_lines_are_split_from_the_lead() {
        assert_eq!(
            split_headline("Vietnam, Russia agree to deepen ties\nHANOI, June 20 (Xinhua) -- Text."),
            (
                Some("Vietnam, Russia agree to deepen ties"),
                "HANOI, June 20 (Xinhua) -- Text."
            )
        );
        assert_eq!(
            split_headline("Poutine reçoit Tô Lâm\n\nMoscou (AFP) - Texte.").0,
            Some("Poutine reçoit Tô Lâm")
        );
        assert_eq!(
            split_headline("¿Qué pasará?\n\nTexto.").0,
            None,
            "¿ is no capital"
        );
    }

    #[test]
    fn prose_is_no_headline() {
        for text in [
            "Le Vietnam avance.\n\nSuite.",
            "Le Vietnam et la Russie ont signé un accord de\ncoopération énergétique.",
            "Le Vietnam et la Russie ont signé un accord avec\nLa Havane.",
            "Hanoï (VNA) – Le Vietnam signe.\n\nSuite.",
            "Une vue de Hanoï. Photo : VNA\n\nSuite.",
            "Seul titre sans suite",
            "Il l'a dit. Puis il est parti\n\nSuite.",
        ] {
            assert_eq!(split_headline(text).0, None, "{text:?}");
        }
    }

    #[test]
    fn a_date_header_line_is_read_and_the_text_resumes_after_it() {
        let date = |year, month, day| Some(ArticleDate { year, month, day });
        assert_eq!(
            date_header(" date 2021-04 Le texte.\n\nSuite."),
            (date(2021, Some(4), None), "Le texte.\n\nSuite.")
        );
        assert_eq!(
            date_header("date 2021\nTitre\n\nTexte."),
            (date(2021, None, None), "\nTitre\n\nTexte.")
        );
        assert_eq!(date_header("Le texte."), (None, "Le texte."));
    }

    #[test]
    fn text_that_only_starts_like_a_header_is_not_one() {
        assert_eq!(split_date_header("Datee 2021"), None);
        assert_eq!(split_date_header("Date limite : 2021"), None);
        assert_eq!(split_date_header("date 21-04"), None);
        assert_eq!(split_date_header("date 2021-04x"), None);
    }
}
