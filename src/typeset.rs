//! Setting one block of text (a paragraph, a caption, a title) into lines of a width: where
//! a line may break, which words are hyphenated, and how full lines are justified.
//!
//! Breaks follow Unicode's line breaking rules (textwrap's), which keep punctuation with
//! its word and French `« »` `: ; ! ?` with theirs; on top of them, numbers (`50 000`,
//! `1 234,5`), a number and its unit (`149 km/h`, `20 %`) and an initial and the word after
//! it (`J. Smith`) are kept together. Lines are filled first-fit; a word that does not fit
//! is hyphenated only when a part of it fits on the line, and only a lowercase word of
//! letters, at least [`MIN_HYPHENATED_LETTERS`] long: never a name, a number or an address.

use std::collections::HashMap;
use std::ops::Range;

use std::sync::OnceLock;

use hyphenation::{Load, Standard};
use textwrap::core::display_width;
use textwrap::{WordSeparator, WordSplitter};
use unicode_width::UnicodeWidthChar;

use crate::article::Language;

/// Shorter words are never hyphenated.
pub const MIN_HYPHENATED_LETTERS: usize = 7;
/// Neither part of a hyphenated word is shorter: `di-rigeants` is harder to read than the
/// word carried over whole.
const MIN_HYPHENATED_PART: usize = 3;
/// Justification never widens a space between two words beyond this many columns; such a
/// line is left ragged instead.
pub const MAX_JUSTIFIED_SPACE: usize = 3;

/// Units that stay on the line of the number before them.
const UNITS: &[&str] = &[
    "%", "‰", "°C", "°F", "°", "km/h", "km²", "km", "m²", "m³", "m/s", "m", "cm", "mm", "kg", "g", "t", "ha",
    "l", "ml", "h", "min", "s", "kW", "kWh", "MW", "MWh", "GW", "GWh", "Mt", "USD", "EUR", "VND", "€", "$",
    "£", "¥",
];

/// How a block is set.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Columns a line may take, its indent included.
    pub width: usize,
    pub justify: bool,
}

/// Hyphenation by a dictionary, remembering where it split each word: an article says the
/// same words again and again, and the dictionary is the costly part of setting it.
#[derive(Debug)]
pub struct Hyphenator<'a> {
    splitter: &'a WordSplitter,
    known: HashMap<String, Vec<usize>>,
}

impl<'a> Hyphenator<'a> {
    pub fn new(splitter: &'a WordSplitter) -> Self {
        Hyphenator {
            splitter,
            known: HashMap::new(),
        }
    }

    /// Where the dictionary hyphenates `letters` (bytes), leaving
    /// [`MIN_HYPHENATED_PART`] letters at least each side.
    fn points(&mut self, letters: &str) -> &[usize] {
        if !self.known.contains_key(letters) {
            let points = self
                .splitter
                .split_points(letters)
                .into_iter()
                .filter(|&at| {
                    letters[..at].chars().count() >= MIN_HYPHENATED_PART
                        && letters[at..].chars().count() >= MIN_HYPHENATED_PART
                })
                .collect();
            self.known.insert(letters.to_owned(), points);
        }
        self.known.get(letters).map_or(&[], Vec::as_slice)
    }
}

/// A line of a block: its text, and the bytes of the block it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetLine {
    pub text: String,
    pub source: Range<usize>,
}

/// The hyphenation dictionary of `language`, loaded the first time it is wanted: French,
/// English and Spanish words are split by Knuth–Liang patterns; Vietnamese syllables and
/// text of no known language never are (nor, should it ever happen, when one does not load).
pub fn dictionary(language: Option<Language>) -> Option<&'static WordSplitter> {
    static FRENCH: OnceLock<Option<WordSplitter>> = OnceLock::new();
    static ENGLISH: OnceLock<Option<WordSplitter>> = OnceLock::new();
    static SPANISH: OnceLock<Option<WordSplitter>> = OnceLock::new();
    let (loaded, patterns) = match language? {
        Language::French => (&FRENCH, hyphenation::Language::French),
        Language::English => (&ENGLISH, hyphenation::Language::EnglishUS),
        Language::Spanish => (&SPANISH, hyphenation::Language::Spanish),
        Language::Vietnamese => return None,
    };
    loaded
        .get_or_init(|| {
            Standard::from_embedded(patterns)
                .ok()
                .map(WordSplitter::Hyphenation)
        })
        .as_ref()
}

/// A run of the block never broken but by hyphenation, and the spaces after it: byte ranges.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    space_end: usize,
    width: usize,
    /// It follows the piece before with no space between (`economie` after
    /// `www.vietnamplus.vn/`), or the piece after follows it so: part of a longer run.
    joined: bool,
    /// The line ends with it and a hyphen is added: it is the head of a hyphenated word.
    hyphen: bool,
}

impl Piece {
    fn new(text: &str, start: usize, end: usize, space_end: usize) -> Piece {
        Piece {
            start,
            end,
            space_end,
            width: display_width(&text[start..end]),
            joined: false,
            hyphen: false,
        }
    }

    /// The columns of the spaces after it.
    fn space(&self) -> usize {
        self.space_end - self.end
    }

    /// Its head up to `at` (a byte of the block) and the rest.
    fn split(&self, text: &str, at: usize, hyphen: bool) -> (Piece, Piece) {
        let head = Piece {
            hyphen,
            ..Piece::new(text, self.start, at, at)
        };
        let rest = Piece {
            joined: self.joined,
            ..Piece::new(text, at, self.end, self.space_end)
        };
        (head, rest)
    }
}

/// Sets `text` in lines of `rules.width` columns, each starting with `indent`, its words
/// hyphenated by `hyphenator` if any. An empty text is one empty line.
pub fn set(text: &str, rules: &Rules, hyphenator: Option<&mut Hyphenator>, indent: &str) -> Vec<SetLine> {
    let mut setter = Setter {
        text,
        rules,
        hyphenator,
        indent,
        available: rules.width.saturating_sub(display_width(indent)).max(1),
        line: Vec::new(),
        used: 0,
        lines: Vec::new(),
    };
    for piece in pieces(text) {
        setter.place(piece);
    }
    setter.finish_line(true);
    setter.lines
}

/// First-fit: pieces go on the line while they fit.
struct Setter<'a, 'd> {
    text: &'a str,
    rules: &'a Rules,
    hyphenator: Option<&'a mut Hyphenator<'d>>,
    indent: &'a str,
    /// Columns for the text, the indent left out.
    available: usize,
    /// The pieces of the line being filled, and the columns they take with the spaces between.
    line: Vec<Piece>,
    used: usize,
    lines: Vec<SetLine>,
}

impl Setter<'_, '_> {
    fn place(&mut self, mut piece: Piece) {
        loop {
            let gap = self.line.last().map_or(0, Piece::space);
            if self.used + gap + piece.width <= self.available {
                self.used += gap + piece.width;
                self.line.push(piece);
                return;
            }
            let room = self.available.saturating_sub(self.used + gap);
            let parts = self
                .break_within(&piece, room)
                .or_else(|| self.line.is_empty().then(|| self.cut(&piece)));
            match parts {
                Some((head, tail)) => {
                    self.used += gap + head.width + usize::from(head.hyphen);
                    self.line.push(head);
                    self.finish_line(false);
                    if tail.start == tail.end {
                        return;
                    }
                    piece = tail;
                }
                None => self.finish_line(false),
            }
        }
    }

    /// The piece broken at its last break point whose head fits in `room` columns (a
    /// hyphen counted), if any.
    fn break_within(&mut self, piece: &Piece, room: usize) -> Option<(Piece, Piece)> {
        let word = &self.text[piece.start..piece.end];
        // A part of a longer run is not a word of its own: maybe an address cut at a `/`.
        let hyphenator = self.hyphenator.as_deref_mut().filter(|_| !piece.joined);
        break_points(word, hyphenator)
            .into_iter()
            .rev()
            .find(|&(at, hyphen)| display_width(&word[..at]) + usize::from(hyphen) <= room)
            .map(|(at, hyphen)| piece.split(self.text, piece.start + at, hyphen))
    }

    /// A piece wider than a whole line, cut where the line ends (after one char at least).
    fn cut(&self, piece: &Piece) -> (Piece, Piece) {
        let word = &self.text[piece.start..piece.end];
        let (mut width, mut at) = (0, 0);
        for (index, c) in word.char_indices() {
            let char_width = c.width().unwrap_or(0);
            if at > 0 && width + char_width > self.available {
                break;
            }
            width += char_width;
            at = index + c.len_utf8();
        }
        piece.split(self.text, piece.start + at, false)
    }

    /// Ends the line being filled; `last` of its block, which is never justified.
    fn finish_line(&mut self, last: bool) {
        let (Some(first), Some(final_piece)) = (self.line.first(), self.line.last()) else {
            if last && self.lines.is_empty() {
                self.lines.push(SetLine {
                    text: String::new(),
                    source: 0..0,
                });
            }
            return;
        };
        let source = first.start..final_piece.end;
        let spaces = if self.rules.justify && !last {
            justified_spaces(
                &self.line,
                self.available.saturating_sub(self.used),
                self.lines.len(),
            )
        } else {
            None
        };
        let mut text = String::with_capacity(self.indent.len() + source.len() + 8);
        text.push_str(self.indent);
        let count = self.line.len();
        let mut gap_index = 0;
        for (index, piece) in self.line.iter().enumerate() {
            text.push_str(&self.text[piece.start..piece.end]);
            if index + 1 == count {
                if piece.hyphen {
                    text.push('-');
                }
            } else if piece.space() > 0 {
                let width = spaces.as_ref().map_or(piece.space(), |spaces| spaces[gap_index]);
                text.extend(std::iter::repeat_n(' ', width));
                gap_index += 1;
            }
        }
        self.lines.push(SetLine { text, source });
        self.line.clear();
        self.used = 0;
    }
}

/// The width of each space between words on a line justified over `extra` more columns,
/// or `None` when the line stays ragged: it has no space to widen, or one would grow
/// beyond [`MAX_JUSTIFIED_SPACE`]. The columns left over go to the first spaces on one line
/// and the last on the next, so that they do not pile up into a river.
fn justified_spaces(line: &[Piece], extra: usize, line_number: usize) -> Option<Vec<usize>> {
    let gaps: Vec<usize> = line[..line.len() - 1]
        .iter()
        .map(Piece::space)
        .filter(|&space| space > 0)
        .collect();
    if gaps.is_empty() || extra == 0 {
        return None;
    }
    let (each, left_over) = (extra / gaps.len(), extra % gaps.len());
    let spaces: Vec<usize> = gaps
        .iter()
        .enumerate()
        .map(|(index, space)| {
            let gets_one = if line_number.is_multiple_of(2) {
                index < left_over
            } else {
                index >= gaps.len() - left_over
            };
            space + each + usize::from(gets_one)
        })
        .collect();
    spaces
        .iter()
        .all(|&space| space <= MAX_JUSTIFIED_SPACE)
        .then_some(spaces)
}

/// The block in pieces: Unicode's break opportunities, less those our rules keep closed.
fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut at = 0;
    // A piece reaches at least this far: the end of what it must be kept with.
    let mut keep_until = 0;
    for word in WordSeparator::UnicodeBreakProperties.find_words(text) {
        let start = at;
        let end = start + word.word.len();
        at = end + word.whitespace.len();
        let mut piece = Piece {
            start,
            end,
            space_end: at,
            width: word.width,
            joined: false,
            hyphen: false,
        };
        match pieces.last_mut() {
            Some(last) if start < keep_until => {
                last.width += last.space() + piece.width;
                (last.end, last.space_end) = (end, at);
                piece = *last;
            }
            Some(last) => {
                // No space between: the two are parts of one longer run.
                piece.joined = last.space() == 0;
                last.joined |= piece.joined;
                pieces.push(piece);
            }
            None => pieces.push(piece),
        }
        if piece.space() > 0 {
            keep_until = keep_until.max(kept_with(&text[piece.start..piece.end], text, piece.space_end));
        }
    }
    pieces
}

/// How far the text after `word` (and its spaces, up to `next`) must stay on its line:
/// the next group of a number's digits, the unit after a number, the word after an
/// initial; `next` itself when nothing need.
fn kept_with(word: &str, text: &str, next: usize) -> usize {
    let after = &text[next..];
    let digits_at_end = word.chars().rev().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits_at_end) {
        let group = after.chars().take_while(char::is_ascii_digit).count();
        if group == 3 {
            return next + group;
        }
    }
    if digits_at_end > 0
        && let Some(unit) = UNITS.iter().find(|unit| unit_starts(after, unit))
    {
        return next + unit.len();
    }
    if is_initial(word) {
        return next + after.chars().next().map_or(0, char::len_utf8);
    }
    next
}

/// Whether `text` starts with `unit` as a word of its own.
fn unit_starts(text: &str, unit: &str) -> bool {
    text.strip_prefix(unit).is_some_and(|rest| {
        rest.chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || ".,;:!?)]»\"”".contains(c))
    })
}

/// `J.`, or `(J.`: one capital letter and a full stop, after nothing but punctuation.
fn is_initial(word: &str) -> bool {
    let mut letters = word.chars().rev();
    letters.next() == Some('.')
        && letters.next().is_some_and(char::is_uppercase)
        && letters.next().is_none_or(|c| !c.is_alphanumeric())
}

/// Where `word` may be broken, in bytes, and whether a hyphen is added there: after a
/// hyphen it has between two letters, and where the dictionary hyphenates its parts.
fn break_points(word: &str, hyphenator: Option<&mut Hyphenator>) -> Vec<(usize, bool)> {
    let mut points: Vec<(usize, bool)> = word
        .match_indices('-')
        .filter(|&(at, _)| {
            let before = word[..at].chars().next_back();
            let after = word[at + 1..].chars().next();
            before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)
        })
        .map(|(at, _)| (at + 1, false))
        .collect();
    if let Some(hyphenator) = hyphenator {
        for (offset, part) in hyphenatable_parts(word) {
            points.extend(hyphenator.points(part).iter().map(|at| (offset + at, true)));
        }
        points.sort_unstable();
    }
    points
}

/// The parts of `word` a dictionary may hyphenate, with their byte offsets: its letters
/// between hyphens (`porte-parole`), past an elision (`l’administration`), punctuation
/// around left out — when they are all lowercase letters, at least
/// [`MIN_HYPHENATED_LETTERS`] of them. A word with anything else in it (a digit, a capital,
/// a `/`, a `.`, a space it was kept with) is a number, a name or an address: none.
fn hyphenatable_parts(word: &str) -> Vec<(usize, &str)> {
    let core_start = word.find(char::is_alphabetic).unwrap_or(word.len());
    let core_end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphabetic())
        .map_or(core_start, |(at, c)| at + c.len_utf8());
    let core = &word[core_start..core_end];
    let only_lowercase_letters = core
        .chars()
        .all(|c| c.is_lowercase() || matches!(c, '-' | '\'' | '’'));
    if core.is_empty() || !only_lowercase_letters {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut offset = core_start;
    for part in core.split('-') {
        let elided = part
            .rfind(['\'', '’'])
            .map_or(0, |at| at + part[at..].chars().next().map_or(0, char::len_utf8));
        let letters = &part[elided..];
        if letters.chars().count() >= MIN_HYPHENATED_LETTERS {
            parts.push((offset + elided, letters));
        }
        offset += part.len() + 1;
    }
    parts
}
