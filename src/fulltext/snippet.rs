//! The line shown under a full-text result: the stretch of the body around its best hit,
//! cut from the body as the index stores it.

use std::ops::Range;

use super::words::{parse_query, word_ranges};
use crate::fold::fold_str;

/// At most this many chars, ellipses included: a line of the list at usual widths.
const SNIPPET_CHARS: usize = 160;
/// The chars between the two ellipses of a snippet cut at both ends.
const WINDOW: usize = SNIPPET_CHARS - 2;
/// Chars of context kept before the first hit, when the paragraph has them.
const CONTEXT_BEFORE: usize = 40;
const ELLIPSIS: char = '…';

/// One line of an article's body, and where the query's words are in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// Original text (diacritics and all) on one line, `…` where a paragraph was cut.
    pub text: String,
    /// Char ranges in `text` of the words the query matched, in order.
    pub highlights: Vec<Range<usize>>,
}

/// A word of a paragraph that starts with one of the query's words.
#[derive(Debug, Clone)]
struct WordHit {
    chars: Range<usize>,
    term: usize,
}

/// The stretch of an article's `body` (captions, then paragraphs, as indexed) that holds
/// the most of `query`'s words within one snippet's width, earliest first among equals;
/// the start of the body when none occurs.
pub fn snippet(body: &[String], query: &str) -> Snippet {
    let terms = parse_query(query).required;
    let paragraphs = || body.iter();
    let mut best: Option<((usize, usize), &str, usize)> = None;
    for paragraph in paragraphs() {
        let hits = word_hits(paragraph, &terms);
        for first in 0..hits.len() {
            let score = window_score(&hits[first..]);
            if best.is_none_or(|(best_score, ..)| score > best_score) {
                best = Some((score, paragraph, first));
            }
        }
    }
    match best {
        Some((_, paragraph, first)) => cut(paragraph, &word_hits(paragraph, &terms), first),
        None => paragraphs()
            .find(|paragraph| !paragraph.trim().is_empty())
            .map(|paragraph| cut(paragraph, &[], 0))
            .unwrap_or_default(),
    }
}

/// Every word of `paragraph` that starts with one of `terms`, by char position.
fn word_hits(paragraph: &str, terms: &[String]) -> Vec<WordHit> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    let mut chars_before = 0;
    let mut bytes_counted = 0;
    for range in word_ranges(paragraph) {
        chars_before += paragraph[bytes_counted..range.start].chars().count();
        let word = &paragraph[range.clone()];
        let length = word.chars().count();
        let folded = fold_str(word);
        if let Some(term) = terms.iter().position(|term| folded.starts_with(term.as_str())) {
            hits.push(WordHit {
                chars: chars_before..chars_before + length,
                term,
            });
        }
        chars_before += length;
        bytes_counted = range.end;
    }
    hits
}

/// The hits that fit in one snippet starting at `hits[0]`, leaving room for both ellipses.
fn in_window(hits: &[WordHit]) -> &[WordHit] {
    let Some(first) = hits.first() else {
        return hits;
    };
    let limit = first.chars.start + WINDOW;
    let count = hits.iter().take_while(|hit| hit.chars.end <= limit).count();
    &hits[..count]
}

/// How many distinct terms, then how many hits, fit in one snippet starting at `hits[0]`.
fn window_score(hits: &[WordHit]) -> (usize, usize) {
    let inside = in_window(hits);
    let mut terms: Vec<usize> = inside.iter().map(|hit| hit.term).collect();
    terms.sort_unstable();
    terms.dedup();
    (terms.len(), inside.len())
}

/// The snippet of `paragraph` around `hits[first]` and the hits that fit after it (or its
/// start, when there are no hits), on one line, cut at word boundaries.
fn cut(paragraph: &str, hits: &[WordHit], first: usize) -> Snippet {
    let chars: Vec<char> = paragraph
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let window = in_window(hits.get(first..).unwrap_or_default());
    let anchor = window.first().map_or(0, |hit| hit.chars.start);
    let covered = window.last().map_or(anchor, |hit| hit.chars.end);
    // Some context before the first hit, as much as the hits after it leave room for, and
    // more when the paragraph ends before the snippet would.
    let context = CONTEXT_BEFORE.min(WINDOW.saturating_sub(covered - anchor));
    let mut start = anchor
        .saturating_sub(context)
        .min(chars.len().saturating_sub(WINDOW));
    // Begin at a word, not inside one.
    while start > 0 && start < anchor && chars[start - 1] != ' ' {
        start += 1;
    }
    while start < anchor && chars[start] == ' ' {
        start += 1;
    }
    let leading = usize::from(start > 0);
    let mut end = chars.len().min(start + SNIPPET_CHARS - leading);
    if end < chars.len() {
        // Room for the trailing ellipsis; and end at a word, not inside one, unless that
        // would lose a hit.
        end -= 1;
        let last_space = (covered.max(start)..=end)
            .rev()
            .find(|&at| chars.get(at) == Some(&' '));
        if let Some(space) = last_space {
            end = space;
        }
    }
    let mut text = String::new();
    if leading == 1 {
        text.push(ELLIPSIS);
    }
    text.extend(chars[start..end].iter());
    let kept = text.trim_end().len();
    text.truncate(kept);
    if end < chars.len() {
        text.push(ELLIPSIS);
    }
    let highlights = hits
        .iter()
        .filter(|hit| hit.chars.start >= start && hit.chars.end <= end)
        .map(|hit| hit.chars.start - start + leading..hit.chars.end - start + leading)
        .collect();
    Snippet { text, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: &[&str]) -> Vec<String> {
        paragraphs.iter().map(|p| (*p).to_owned()).collect()
    }

    fn highlighted(snippet: &Snippet) -> Vec<String> {
        let chars: Vec<char> = snippet.text.chars().collect();
        snippet
            .highlights
            .iter()
            .map(|range| chars[range.clone()].iter().collect())
            .collect()
    }

    #[test]
    fn a_short_paragraph_is_shown_whole_with_its_words_highlighted() {
        let snippet = snippet(&article(&["Le partenariat avec Hanoï."]), "hanoi partenar");
        assert_eq!(snippet.text, "Le partenariat avec Hanoï.");
        assert_eq!(highlighted(&snippet), vec!["partenariat", "Hanoï"]);
    }

    #[test]
    fn the_window_holding_most_terms_wins() {
        let long = "mot ".repeat(60);
        let text = format!("Hanoï seul. {long} Hanoï et Đặng ensemble. {long}");
        let snippet = snippet(&article(&["Đặng seul.", &text]), "dang hanoi");
        assert!(snippet.text.starts_with('…'), "{}", snippet.text);
        assert!(snippet.text.ends_with('…'), "{}", snippet.text);
        assert!(snippet.text.chars().count() <= SNIPPET_CHARS);
        assert_eq!(highlighted(&snippet), vec!["Hanoï", "Đặng"]);
    }

    #[test]
    fn newlines_become_spaces() {
        let snippet = snippet(&article(&["un\ndeux\ttrois"]), "deux");
        assert_eq!(snippet.text, "un deux trois");
        assert_eq!(highlighted(&snippet), vec!["deux"]);
    }

    #[test]
    fn without_a_hit_the_body_starts_the_snippet() {
        let snippet = snippet(&article(&["", "Début du texte."]), "absent");
        assert_eq!(snippet.text, "Début du texte.");
        assert!(snippet.highlights.is_empty());
    }
}
