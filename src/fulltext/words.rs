//! What a word is to full-text search, for the index, the query and the snippet alike: a
//! run of letters and digits, folded as the filter folds text (see [`crate::fold`]).

use std::ops::Range;
use std::str::CharIndices;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;

use crate::fold::fold_str;

/// Letters and digits, and combining marks, so that a decomposed `â` stays in its word;
/// anything else (spaces, punctuation, the `’` of `l’amitié`) separates words.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// The byte ranges of the words of `text`, in order.
pub(super) fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices();
    std::iter::from_fn(move || next_word(text, &mut chars))
}

fn next_word(text: &str, chars: &mut CharIndices<'_>) -> Option<Range<usize>> {
    let start = chars.find(|&(_, c)| is_word_char(c))?.0;
    let end = chars
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(at, _)| at);
    Some(start..end)
}

/// The folded words of `text`, those folding to nothing (stray marks) left out.
pub(super) fn folded_words(text: &str) -> impl Iterator<Item = String> + '_ {
    word_ranges(text)
        .map(|range| fold_str(&text[range]))
        .filter(|word| !word.is_empty())
}

/// The tokenizer the index is built with: tantivy's tokens are these words, folded, with
/// their offsets in the original text.
#[derive(Debug, Clone, Default)]
pub(super) struct WordTokenizer {
    token: Token,
}

pub(super) struct WordTokenStream<'a> {
    text: &'a str,
    chars: CharIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            chars: text.char_indices(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some(range) = next_word(self.text, &mut self.chars) {
            let word = &self.text[range.clone()];
            self.token.text.clear();
            if word.is_ascii() {
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
            } else {
                self.token.text.push_str(&fold_str(word));
            }
            if self.token.text.is_empty() {
                continue;
            }
            self.token.offset_from = range.start;
            self.token.offset_to = range.end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// A full-text query taken apart: the word prefixes every result must contain, and those
/// it must not (`!word`, as in the filter language).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ParsedQuery {
    pub required: Vec<String>,
    pub excluded: Vec<String>,
}

/// Splits a query on whitespace; a part starting with `!` excludes its words, and every
/// other operator of the filter language (`'`, `^`, `$`, `|`) is punctuation, so ignored.
pub(super) fn parse_query(query: &str) -> ParsedQuery {
    let mut parsed = ParsedQuery::default();
    for part in query.split_whitespace() {
        let (words, into) = match part.strip_prefix('!') {
            Some(rest) => (rest, &mut parsed.excluded),
            None => (part, &mut parsed.required),
        };
        for word in folded_words(words) {
            if !into.contains(&word) {
                into.push(word);
            }
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, Range<usize>)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            out.push((token.text.clone(), token.offset_from..token.offset_to));
        }
        out
    }

    #[test]
    fn tokens_are_folded_words_with_original_offsets() {
        assert_eq!(
            tokens("l’amitié, Đặng"),
            vec![
                ("l".to_owned(), 0..1),
                ("amitie".to_owned(), 4..11),
                ("dang".to_owned(), 13..20),
            ]
        );
    }

    #[test]
    fn decomposed_letters_stay_in_their_word() {
        assert_eq!(tokens("La\u{302}m"), vec![("lam".to_owned(), 0..5)]);
    }

    #[test]
    fn positions_count_only_kept_tokens() {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream("a \u{301} b");
        let mut positions = Vec::new();
        while stream.advance() {
            positions.push(stream.token().position);
        }
        assert_eq!(positions, vec![0, 1]);
    }

    #[test]
    fn queries_split_into_required_and_excluded_words() {
        assert_eq!(
            parse_query("  'Hanoï ^coopération$ | !Lâm l’amitié hanoi "),
            ParsedQuery {
                required: vec!["hanoi".into(), "cooperation".into(), "l".into(), "amitie".into()],
                excluded: vec!["lam".into()],
            }
        );
        assert_eq!(parse_query("! ' ^ $ |"), ParsedQuery::default());
    }
}
