//! The dispatch format: a date header, photo captions and credits, a dateline, paragraphs,
//! and an agency signature, as news agencies' French services file them.

use std::path::Path;

use super::decode::clean;
use super::title::title_from;
use super::{LoadError, names};
use crate::article::{Article, ArticleDate};
use crate::sanitize::{RareChars, sanitize_line};

/// Reads the text of one dispatch file into an [`Article`]; pure, no I/O.
///
/// The text is cleaned first (line ends, terminal controls, NFC), so any text may be given.
/// Fails with [`LoadError::Empty`] when nothing readable remains once the header and the
/// photo credits are set aside.
pub fn parse_dispatch(path: &Path, text: &str) -> Result<Article, LoadError> {
    let text = clean(text);
    let mut blocks = paragraphs(&text);

    let mut date = None;
    if let Some(first) = blocks.first_mut()
        && let Some((header_date, rest)) = split_date_header(first)
    {
        date = header_date;
        *first = rest.to_owned();
    }

    let mut captions = Vec::new();
    let mut body = Vec::new();
    for block in blocks.into_iter().filter(|block| !block.is_empty()) {
        match strip_credit(&block) {
            Some("") => {}
            Some(caption) => captions.push(caption.to_owned()),
            None => body.push(block),
        }
    }

    let mut source = None;
    let mut place = None;
    if let Some(lead) = body.first_mut()
        && let Some(dateline) = split_dateline(lead)
    {
        source = Some(dateline.agency.to_owned());
        place = Some(dateline.place.to_owned());
        *lead = dateline.rest.to_owned();
    }
    if let Some(last) = body.last_mut()
        && let Some((kept, agency)) = split_signature(last)
    {
        source = source.or_else(|| Some(agency.to_owned()));
        *last = kept.to_owned();
    }
    body.retain(|paragraph| !paragraph.is_empty());

    let Some(lead) = body.first().or(captions.first()) else {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    };
    let mut title = title_from(lead);
    if title.is_empty() {
        title = sanitize_line(&path.file_stem().unwrap_or_default().to_string_lossy());
    }
    let names = names::find(&captions, place.as_deref(), &body);
    // Kept for the whole session, by the hundred thousand: no spare capacity.
    captions.shrink_to_fit();
    body.shrink_to_fit();
    Ok(Article {
        path: path.to_owned(),
        title,
        date,
        source,
        place,
        captions,
        paragraphs: body,
        names,
    })
}

/// Blank-line separated blocks, each on one line: runs of whitespace become one space, or
/// one no-break space where the run is only no-break spaces (French `Photo\u{a0}:`).
fn paragraphs(text: &str) -> Vec<String> {
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

/// The caption before a closing photo credit (`… le 11 mai. Photo: VNA`, `(Photo : AFP)`,
/// `Photo d’archives : Reuters`); `Some("")` for a credit alone, `None` without a credit.
fn strip_credit(block: &str) -> Option<&str> {
    // The last `Photo` that starts a word, found from the end a byte at a time.
    let mut end = block.len();
    let (at, bracketed) = loop {
        let at = block.as_bytes()[..end]
            .iter()
            .rposition(|&byte| matches!(byte, b'P' | b'p'))?;
        end = at;
        if !["Photo", "photo", "PHOTO"]
            .iter()
            .any(|word| block[at..].starts_with(word))
        {
            continue;
        }
        match block[..at].chars().next_back() {
            None => break (at, false),
            Some('(' | '[') => break (at, true),
            Some(c) if c.is_whitespace() => break (at, false),
            Some(_) => {}
        }
    };
    if !is_credit(&block[at + "Photo".len()..], bracketed) {
        return None;
    }
    let caption = block[..at].trim_end();
    let caption = if bracketed {
        &caption[..caption.len() - 1]
    } else {
        caption
    };
    Some(caption.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '-' | '|')))
}

/// Whether `tail`, what follows the word `Photo`, completes a credit: an optional lowercase
/// qualifier, a colon, and a short agency name at the very end.
fn is_credit(tail: &str, bracketed: bool) -> bool {
    let tail = tail.strip_prefix('s').unwrap_or(tail);
    if !tail.starts_with(|c: char| c.is_whitespace() || c == ':') {
        return false;
    }
    let Some((qualifier, agency)) = tail.split_once(':') else {
        return false;
    };
    let qualifier = qualifier.trim();
    let qualifier_ok = qualifier.chars().count() <= 25
        && !qualifier.contains('.')
        && qualifier
            .split_whitespace()
            .all(|word| word.chars().next().is_some_and(char::is_lowercase));
    let agency = agency.trim();
    let agency = if bracketed {
        match agency.strip_suffix([')', ']']) {
            Some(agency) => agency.trim_end(),
            None => return false,
        }
    } else {
        agency
    };
    let agency = agency.strip_suffix('.').unwrap_or(agency);
    let words: Vec<&str> = agency.split_whitespace().collect();
    let agency_ok = (1..=4).contains(&words.len())
        && agency.chars().count() <= 40
        && !agency.contains([',', ';', ':', '(', ')'])
        && !agency.contains(". ")
        && words.iter().all(|word| {
            word.contains('.')
                || word
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
    qualifier_ok && agency_ok
}

/// What a dateline (`Hanoï (VNA) –`, `Paris, 12 mai (AFP) -`) says, and the lead after it.
struct Dateline<'a> {
    place: &'a str,
    agency: &'a str,
    rest: &'a str,
}

/// Lowercase words a place name may hold: `Rio de Janeiro`, `Châlons-en-Champagne`.
const PLACE_PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "di", "do", "da", "del", "sur", "en",
];

fn split_dateline(lead: &str) -> Option<Dateline<'_>> {
    let open = lead.find('(')?;
    let close = open + lead[open..].find(')')?;
    let heading = lead[..open].trim();
    let place = heading.split(',').next().unwrap_or_default().trim();
    let place_word_ok = |word: &str| word.starts_with(char::is_uppercase) || PLACE_PARTICLES.contains(&word);
    let heading_ok = heading.chars().count() <= 60
        && heading.split_whitespace().count() <= 7
        && place.starts_with(char::is_uppercase)
        && place.split_whitespace().all(place_word_ok)
        && !heading.contains(['.', ';', ':', '!', '?', '«', '»', '"', '“', '”']);
    let agency = lead[open + 1..close].trim();
    let agency_ok = (2..=20).contains(&agency.chars().count())
        && agency.chars().next().is_some_and(char::is_uppercase)
        && agency
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | '&'));
    let rest = lead[close + 1..]
        .trim_start()
        .strip_prefix(['–', '—', '-', '‒', '―', ':'])?
        .trim_start();
    (heading_ok && agency_ok).then(|| Dateline {
        place,
        agency: agency.split('/').next().unwrap_or(agency),
        rest,
    })
}

/// An agency signature closing the last paragraph (`mondiaux.-VNA/VI`, `acceptée. -VNA`,
/// `.- AFP`): the paragraph without it, and the agency. Only after a sentence end, or a
/// space and a dash glued to the agency, so `entre le Vietnam - ASEAN` is left alone.
fn split_signature(last: &str) -> Option<(&str, &str)> {
    let text = last.trim_end();
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_uppercase() || c == '/')
        .last()
        .map(|(at, _)| at)?;
    let signature = &text[start..];
    let mut parts = signature.split('/');
    let agency = parts.next().filter(|agency| (2..=8).contains(&agency.len()))?;
    if !parts.all(|desk| (1..=8).contains(&desk.len())) {
        return None;
    }
    let before = &text[..start];
    let before_dash = before.trim_end();
    let space_after_dash = before_dash.len() < before.len();
    let dash = before_dash
        .chars()
        .next_back()
        .filter(|c| matches!(c, '-' | '–' | '—'))?;
    let head = &before_dash[..before_dash.len() - dash.len_utf8()];
    let kept = head.trim_end();
    let space_before_dash = kept.len() < head.len();
    let after_sentence = kept.is_empty() || kept.ends_with(['.', '!', '?', '…', '»', '”', '"', ')']);
    (after_sentence || space_before_dash && !space_after_dash).then_some((kept, agency))
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
    fn text_that_only_starts_like_a_header_is_not_one() {
        assert_eq!(split_date_header("Datee 2021"), None);
        assert_eq!(split_date_header("Date limite : 2021"), None);
        assert_eq!(split_date_header("date 21-04"), None);
        assert_eq!(split_date_header("date 2021-04x"), None);
    }

    #[test]
    fn credits_are_recognised_in_their_variants() {
        assert_eq!(
            strip_credit("Le départ, le 11 mai. Photo: VNA"),
            Some("Le départ, le 11 mai.")
        );
        assert_eq!(strip_credit("Une vue. Photo : AFP"), Some("Une vue."));
        assert_eq!(strip_credit("Une vue. Photo\u{a0}: Reuters"), Some("Une vue."));
        assert_eq!(
            strip_credit("Une vue. Photo\u{202f}: Xinhua/VNA"),
            Some("Une vue.")
        );
        assert_eq!(strip_credit("Une vue (Photo : AFP)"), Some("Une vue"));
        assert_eq!(strip_credit("Une vue. Photo d’archives : VNA"), Some("Une vue."));
        assert_eq!(strip_credit("Photo : VNA"), Some(""));
    }

    #[test]
    fn text_about_photos_is_not_a_credit() {
        assert_eq!(strip_credit("Ils ont pris une photo : les dirigeants"), None);
        assert_eq!(strip_credit("Photo: VNA. Le texte continue ici."), None);
        assert_eq!(strip_credit("La Photothèque : VNA"), None);
    }

    #[test]
    fn datelines_give_place_and_agency() {
        let line = split_dateline("Hanoï (VNA) – Le secrétaire").map(|d| (d.place, d.agency, d.rest));
        assert_eq!(line, Some(("Hanoï", "VNA", "Le secrétaire")));
        let line = split_dateline("Ho Chi Minh-Ville (VNA) -Le").map(|d| (d.place, d.agency, d.rest));
        assert_eq!(line, Some(("Ho Chi Minh-Ville", "VNA", "Le")));
        let line = split_dateline("Paris, 12 mai (AFP)\u{a0}— Le").map(|d| (d.place, d.agency, d.rest));
        assert_eq!(line, Some(("Paris", "AFP", "Le")));
    }

    #[test]
    fn parentheses_in_ordinary_text_are_not_a_dateline() {
        assert!(split_dateline("Le Parti communiste du Vietnam (PCV) – dit-il").is_none());
        assert!(split_dateline("Hanoï (VNA) Le secrétaire").is_none());
    }

    #[test]
    fn signatures_are_removed_after_a_sentence_end() {
        assert_eq!(
            split_signature("et mondiaux.-VNA/VI"),
            Some(("et mondiaux.", "VNA"))
        );
        assert_eq!(split_signature("acceptée. -VNA"), Some(("acceptée.", "VNA")));
        assert_eq!(split_signature("acceptée.- VNA "), Some(("acceptée.", "VNA")));
        assert_eq!(split_signature("acceptée.–VNA/CVN"), Some(("acceptée.", "VNA")));
        assert_eq!(
            split_signature("dans le monde -VNA"),
            Some(("dans le monde", "VNA"))
        );
    }

    #[test]
    fn hyphenated_words_at_the_end_are_not_signatures() {
        assert_eq!(split_signature("les Années croisées Vietnam-Russie"), None);
        assert_eq!(split_signature("le partenariat Vietnam - ASEAN"), None);
        assert_eq!(split_signature("contre le COVID-19"), None);
        assert_eq!(split_signature("le groupe PCV-VNA"), None);
    }
}
