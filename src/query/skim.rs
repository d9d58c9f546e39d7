//! skim's score of a term in one field, as fuzzy-matcher's `SkimMatcherV2` (case ignored)
//! computes it, but over bytes when both are ASCII and with no allocation per call.
//!
//! The filter's final ranking asks it of every field of every match, over the whole
//! archive (`t` matches nearly every title of 100 000): there the crate spent most of its
//! time collecting each field into chars, allocating its bonuses and classifying chars
//! with Unicode tables. The alignment is the crate's own — the same recurrences over the
//! same two rows — as a matcher fresh for the call computes it: the consecutive bonus the
//! crate carries in its cells then always comes to the bonus of the char where it lies (or
//! the minimum), so it is computed so; the crate's reused rows can carry over a bonus from
//! the field scored before, which makes its score depend on what it scored last. A property
//! test holds the two together. The crate still finds the positions to highlight.

use std::cell::RefCell;
use std::cmp::max;

// fuzzy-matcher's `SkimScoreConfig::default()`.
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = 2 * GAP_EXTENSION;
/// An alignment that cannot be; the crate's value, so sums stay the same.
const NEG_INFINITY: i32 = i16::MIN as i32;

/// A char as skim classes it, for its bonus at a word's start, a break or a camel hump.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Empty,
    Upper,
    Lower,
    Number,
    HardSeparator,
    SoftSeparator,
}

impl Class {
    const fn of(c: char) -> Self {
        match c {
            '\0' => Class::Empty,
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Class::HardSeparator,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Class::SoftSeparator,
            '0'..='9' => Class::Number,
            'A'..='Z' => Class::Upper,
            _ => Class::Lower,
        }
    }

    /// The bonus for matching a char of class `self` after one of class `before`.
    fn bonus_after(self, before: Class) -> i32 {
        match (before, self) {
            (Class::Empty | Class::HardSeparator, _) => BONUS_HEAD,
            (Class::SoftSeparator, _) => BONUS_BREAK,
            (Class::Lower | Class::Number, Class::Upper) => BONUS_CAMEL,
            _ => 0,
        }
    }
}

/// Each byte's class, looked up rather than matched: it is asked of every char of every
/// field scored.
static BYTE_CLASSES: [Class; 256] = {
    let mut classes = [Class::Lower; 256];
    let mut byte = 0;
    while byte < 128 {
        classes[byte] = Class::of(byte as u8 as char);
        byte += 1;
    }
    classes
};

/// A unit of text the alignment steps over: a byte of ASCII text, or a char.
trait Unit: Copy + Eq {
    fn class(self) -> Class;
    fn eq_ignore_case(self, other: Self) -> bool;
}

impl Unit for u8 {
    fn class(self) -> Class {
        BYTE_CLASSES[usize::from(self)]
    }

    fn eq_ignore_case(self, other: Self) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
}

impl Unit for char {
    fn class(self) -> Class {
        if self.is_ascii() {
            BYTE_CLASSES[self as usize]
        } else {
            Class::Lower
        }
    }

    fn eq_ignore_case(self, other: Self) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
}

/// The rows and buffers one thread reuses from call to call.
#[derive(Default)]
struct Scratch {
    /// Best score of an alignment ending on a match at the cell (the crate's `m_score`).
    matched: Vec<i32>,
    /// Best score of an alignment whose last choice char is skipped (`p_score`).
    skipped: Vec<i32>,
    /// Where each pattern char first matches, in order.
    first: Vec<usize>,
    /// The choice as bytes, each char beyond ASCII as [`OTHER_CHAR`].
    units: Vec<u8>,
    choice: Vec<char>,
    pattern: Vec<char>,
}

/// Stands for a char beyond ASCII: no ASCII byte, classed [`Class::Lower`] as every such
/// char is.
const OTHER_CHAR: u8 = 0x80;

/// Whether `byte` continues a char of UTF-8 rather than starts one.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// skim's score of `pattern` in `choice`, case ignored, or `None` when its chars do not all
/// occur in order: what `SkimMatcherV2::default().ignore_case().fuzzy_match(choice,
/// pattern)` gives on a matcher fresh for the call.
pub fn score(choice: &str, pattern: &str) -> Option<i64> {
    if pattern.is_empty() {
        return Some(0);
    }
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        if !pattern.is_ascii() {
            scratch.align_chars(choice, pattern)
        } else if choice.is_ascii() {
            scratch.align(choice.as_bytes(), pattern.as_bytes())
        } else {
            scratch.align_beyond_ascii(choice, pattern.as_bytes())
        }
    })
}

impl Scratch {
    /// An ASCII pattern matches no other char: each stands as one byte that matches nothing
    /// and is classed as skim classes it (a lower-case letter), so the columns, and the
    /// score, are the chars'. (A title cut short ends with `…`.)
    fn align_beyond_ascii(&mut self, choice: &str, pattern: &[u8]) -> Option<i64> {
        let mut units = std::mem::take(&mut self.units);
        units.clear();
        units.extend(
            choice
                .bytes()
                .filter(|&byte| !is_continuation(byte))
                .map(|byte| if byte.is_ascii() { byte } else { OTHER_CHAR }),
        );
        let found = self.align(&units, pattern);
        self.units = units;
        found
    }

    fn align_chars(&mut self, choice: &str, pattern: &str) -> Option<i64> {
        let mut chars = std::mem::take(&mut self.choice);
        let mut wanted = std::mem::take(&mut self.pattern);
        chars.clear();
        chars.extend(choice.chars());
        wanted.clear();
        wanted.extend(pattern.chars());
        let found = self.align(&chars, &wanted);
        (self.choice, self.pattern) = (chars, wanted);
        found
    }

    fn align<U: Unit>(&mut self, choice: &[U], pattern: &[U]) -> Option<i64> {
        // Where each pattern char first matches, or no match at all.
        self.first.clear();
        let mut wanted = pattern.iter();
        let mut next = wanted.next();
        for (at, &c) in choice.iter().enumerate() {
            let Some(&p) = next else { break };
            if c.eq_ignore_case(p) {
                self.first.push(at);
                next = wanted.next();
            }
        }
        if next.is_some() {
            return None;
        }
        let (&last, rows) = pattern.split_last()?;
        // The rows before the last are read up to the last char's last match (the cell
        // before it, and the last row's first cell, which is before it too): the columns
        // after it are left out.
        let end = choice.iter().rposition(|&c| c.eq_ignore_case(last))?;
        let cols = choice.len() + 1;
        // Two rows, a pattern char's and the one before it, as the crate keeps them, each
        // cell written before it is read but these: row 0 starts as skips of nothing yet
        // (from the first match on), row 1's cell before its first as nothing.
        if self.matched.len() < 2 * cols {
            self.matched.resize(2 * cols, NEG_INFINITY);
            self.skipped.resize(2 * cols, NEG_INFINITY);
        }
        let (even_matched, odd_matched) = self.matched.split_at_mut(cols);
        let (even_skipped, odd_skipped) = self.skipped.split_at_mut(cols);
        let first = self.first[0];
        even_matched[first..=end].fill(NEG_INFINITY);
        even_skipped[first..=end].fill(GAP_EXTENSION);
        (odd_matched[first], odd_skipped[first]) = (NEG_INFINITY, NEG_INFINITY);
        for (i, &p) in rows.iter().enumerate() {
            // Pattern char `i` fills row `i + 1`, from the row before it.
            let ((matched, skipped), (above_matched, above_skipped)) = if i.is_multiple_of(2) {
                (
                    (&mut *odd_matched, &mut *odd_skipped),
                    (&*even_matched, &*even_skipped),
                )
            } else {
                (
                    (&mut *even_matched, &mut *even_skipped),
                    (&*odd_matched, &*odd_skipped),
                )
            };
            // Column `col` is the choice's char `col - 1`; the row starts after the char's
            // first match, the cell to its left as it is.
            let start = self.first[i];
            let (mut left_matched, mut left_skipped) = (matched[start], skipped[start]);
            let mut before = class_before(choice, start);
            let cells = choice[start..end]
                .iter()
                .zip(start + 1..)
                .zip(above_matched[start..].iter().zip(&above_skipped[start..]))
                .zip(matched[start + 1..].iter_mut().zip(&mut skipped[start + 1..]));
            for (((&c, col), (&diagonal_matched, &diagonal_skipped)), (here_matched, here_skipped)) in cells {
                let class = c.class();
                *here_matched = if c.eq_ignore_case(p) {
                    let in_place = in_place_bonus(col, class, before);
                    match_after(diagonal_matched, diagonal_skipped, in_place, c, p)
                } else {
                    NEG_INFINITY
                };
                before = class;
                *here_skipped = max(
                    GAP_START + GAP_EXTENSION + left_matched,
                    GAP_EXTENSION + left_skipped,
                );
                (left_matched, left_skipped) = (*here_matched, *here_skipped);
            }
        }
        // The last char's row is only read for its best match: computed where the char
        // matches, the rest of it left unwritten. Its first cell is read as it lies, as the
        // crate reads it (unmatched, or as an earlier row on the same side left it).
        let from = *self.first.last()?;
        let ((above_matched, above_skipped), own) = if rows.len().is_multiple_of(2) {
            ((&*even_matched, &*even_skipped), odd_matched[from])
        } else {
            ((&*odd_matched, &*odd_skipped), even_matched[from])
        };
        let best = choice[from..=end]
            .iter()
            .zip(from + 1..)
            .filter(|&(&c, _)| c.eq_ignore_case(last))
            .map(|(&c, col)| {
                let in_place = in_place_bonus(col, c.class(), class_before(choice, col - 1));
                match_after(above_matched[col - 1], above_skipped[col - 1], in_place, c, last)
            })
            .fold(own, max);
        Some(i64::from(best))
    }
}

/// The class of the char before `choice[at]`; the start of the choice counts as one.
fn class_before<U: Unit>(choice: &[U], at: usize) -> Class {
    at.checked_sub(1)
        .map_or(Class::Empty, |before| choice[before].class())
}

/// The bonus of matching a char of `class` in column `col` (the choice's first char is
/// column 1, whose bonus counts double) after one of class `before`.
fn in_place_bonus(col: usize, class: Class, before: Class) -> i32 {
    let bonus = class.bonus_after(before);
    if col == 1 {
        bonus * BONUS_FIRST_CHAR_MULTIPLIER
    } else {
        bonus
    }
}

/// The score of a cell where choice char `c` matches pattern char `p`, from the cell
/// above and to the left (`diagonal_…`) and the char's bonus where it lies.
fn match_after<U: Unit>(diagonal_matched: i32, diagonal_skipped: i32, in_place: i32, c: U, p: U) -> i32 {
    let match_score = if c == p {
        SCORE_MATCH
    } else {
        max(0, SCORE_MATCH + PENALTY_CASE_MISMATCH)
    };
    let after_match = diagonal_matched + max(in_place, BONUS_CONSECUTIVE);
    let after_skip = diagonal_skipped + in_place;
    max(after_match, after_skip) + match_score
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use proptest::prelude::*;

    use super::score;

    /// The crate's score, on a matcher that has scored nothing before.
    fn crate_score(choice: &str, pattern: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(choice, pattern)
    }

    #[test]
    fn scores_as_the_crate_on_titles_names_and_file_names() {
        let choices = [
            "le vietnam et la russie signent un accord de cooperation",
            "to lam",
            "nguyen phu trong recoit l'ambassadeur",
            "2021-04-12_vna-hanoi.txt",
            "Tô Lâm reçoit le ministre",
            "владимир путин",
            "aaaa bbbb aaaa",
            "FooBar/baz.Qux 123Abc",
            "",
        ];
        let patterns = [
            "to",
            "lam",
            "tl",
            "a",
            "aa",
            "aab",
            "vna",
            "fbq",
            "путин",
            "ô",
            "zz",
            "ttt",
        ];
        for choice in choices {
            for pattern in patterns {
                assert_eq!(
                    score(choice, pattern),
                    crate_score(choice, pattern),
                    "{pattern:?} in {choice:?}"
                );
            }
        }
    }

    #[test]
    fn scores_as_the_crate_where_its_last_row_starts_on_an_earlier_rows_cell() {
        // `a` and `b` at the start, `c` far after: the crate's best of the last row takes
        // in the cell before `c`'s first match, which an earlier row (the `a` before `c`)
        // wrote on the same side of its two rows, and which outscores the long gap.
        let choice = format!("ab{}ac", "x".repeat(60));
        assert_eq!(crate_score(&choice, "abc"), Some(15), "the crate's own reading");
        assert_eq!(score(&choice, "abc"), crate_score(&choice, "abc"));
    }

    proptest! {
        #[test]
        fn scores_as_the_crate_on_any_text(
            choice in "[aAbB0 ./_\\-é]{0,40}",
            pattern in "[aAbB0 ./é]{1,5}",
        ) {
            prop_assert_eq!(score(&choice, &pattern), crate_score(&choice, &pattern));
        }

        #[test]
        fn scores_as_the_crate_on_any_unicode(choice in "\\PC{0,30}", pattern in "\\PC{1,4}") {
            prop_assert_eq!(score(&choice, &pattern), crate_score(&choice, &pattern));
        }
    }
}
