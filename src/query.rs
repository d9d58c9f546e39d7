//! The filter language (fzf's extended search syntax) and the scoring of articles against it.
//!
//! Terms are separated by spaces and all must match; `a | b` matches either. A term is fuzzy
//! (`word`, scored by skim's algorithm), exact (`'word`), a prefix (`^word`), a suffix
//! (`word$`), a whole field (`^word$`), or the negation of an exact match (`!word`, `!^word`,
//! `!word$`). Query and article are both folded (see [`crate::fold`]), so matching ignores case
//! and diacritics.

use std::mem;
use std::ops::Range;
use std::sync::LazyLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use crate::fold::{fold, fold_str};

/// One matcher for every query: it keeps per-thread scratch space between calls.
static MATCHER: LazyLock<SkimMatcherV2> = LazyLock::new(|| SkimMatcherV2::default().ignore_case());

/// Separates folded fields in [`Haystack::text`]; terms never contain it, as the query is split on whitespace.
const FIELD_SEPARATOR: char = '\n';

/// Per matched char of an exact, prefix, suffix or whole-field term; skim's match score
/// plus its minimum bonus for consecutive chars, so these terms weigh like a contiguous fuzzy match.
const SCORE_PER_CHAR: i64 = 16 + 4;
/// Per char of a fuzzy term whose chars lie scattered, in the quick pass: below any
/// contiguous match of the same length.
const SCATTERED_PER_CHAR: i64 = 8;
/// For a contiguous match starting a word (or the field), as skim's `bonus_head`.
const BONUS_WORD_START: i64 = 8;
/// For a contiguous match ending a word, as much again: a whole word (`'lam` in `Tô Lâm`)
/// beats the start of a longer one (`lampe`).
const BONUS_WORD_END: i64 = 8;
/// Added to a term's score when its best match is in the first field (the title): among
/// otherwise equal matches, articles whose title names the thing come before those that only
/// mention it in a name or their file name.
const TITLE_BONUS: i64 = 8;

/// An article's searchable fields (title, names, file name), folded once when it is loaded.
#[derive(Debug, Clone, Default)]
pub struct Haystack {
    /// Every folded field, joined by [`FIELD_SEPARATOR`], so most articles are rejected by one scan.
    text: String,
    fields: Vec<Field>,
}

#[derive(Debug, Clone)]
struct Field {
    /// Where the folded field lies in [`Haystack::text`].
    bytes: Range<usize>,
    origin: OriginMap,
}

/// Maps folded char indices back to the original field's char indices.
///
/// Stores only the points where the two stop advancing together: most fields fold char for
/// char, and a full index per char over 100 000 articles would outweigh the articles.
#[derive(Debug, Clone, Default)]
struct OriginMap {
    /// `(folded, original)` pairs, sorted; after each, both indices advance by one per char.
    jumps: Box<[(usize, usize)]>,
}

impl OriginMap {
    fn new(origin: &[usize]) -> Self {
        let mut jumps = Vec::new();
        let (mut folded_at, mut original_at) = (0, 0);
        for (folded, &original) in origin.iter().enumerate() {
            if original != original_at + (folded - folded_at) {
                jumps.push((folded, original));
                (folded_at, original_at) = (folded, original);
            }
        }
        Self {
            jumps: jumps.into_boxed_slice(),
        }
    }

    fn original(&self, folded: usize) -> usize {
        let before = self.jumps.partition_point(|&(at, _)| at <= folded);
        match self.jumps[..before].last() {
            Some(&(folded_at, original_at)) => original_at + (folded - folded_at),
            None => folded,
        }
    }
}

impl Haystack {
    /// Folds the fields, in order: field 0 is the title, which gets [`TITLE_BONUS`], and
    /// [`Query::highlight`] counts fields in the same order.
    pub fn new<'a>(fields: impl IntoIterator<Item = &'a str>) -> Self {
        let mut haystack = Self::default();
        for field in fields {
            if !haystack.fields.is_empty() {
                haystack.text.push(FIELD_SEPARATOR);
            }
            let start = haystack.text.len();
            let origin = if field.is_ascii() {
                haystack.text.push_str(field);
                haystack.text[start..].make_ascii_lowercase();
                OriginMap::default()
            } else {
                let folded = fold(field);
                haystack.text.push_str(&folded.text);
                OriginMap::new(&folded.origin)
            };
            haystack.fields.push(Field {
                bytes: start..haystack.text.len(),
                origin,
            });
        }
        // One per article, kept for as long as the archive is open.
        haystack.text.shrink_to_fit();
        haystack.fields.shrink_to_fit();
        haystack
    }

    fn field_texts(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|field| self.field_text(field))
    }

    fn field_text(&self, field: &Field) -> &str {
        self.text.get(field.bytes.clone()).unwrap_or_default()
    }
}

/// A parsed filter: groups that must all match, each matching when any of its terms does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    groups: Vec<Vec<Term>>,
}

#[derive(Debug, Clone)]
struct Term {
    kind: Kind,
    /// Matches when the term does not occur.
    inverse: bool,
    /// Folded, never empty.
    text: String,
    /// A substring searcher for `text`, built once per query rather than once per article.
    finder: Finder<'static>,
}

impl PartialEq for Term {
    fn eq(&self, other: &Self) -> bool {
        (self.kind, self.inverse, &self.text) == (other.kind, other.inverse, &other.text)
    }
}

impl Eq for Term {}

/// How fuzzy terms are scored: by skim, or by the quick first pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    Full,
    Quick,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fuzzy,
    Exact,
    Prefix,
    Suffix,
    Equal,
}

impl Query {
    /// Parses as fzf does: odd input makes odd terms (a lone `|` is a fuzzy `|`), never an error.
    pub fn parse(input: &str) -> Query {
        let mut groups = Vec::new();
        let mut group: Vec<Term> = Vec::new();
        // A bar joins the next term to the current group; a second bar in a row is a term.
        let mut join_next = false;
        let mut after_bar = false;
        for token in tokens(input) {
            if token == "|" && !group.is_empty() && !after_bar {
                join_next = true;
                after_bar = true;
                continue;
            }
            after_bar = false;
            let Some(term) = Term::parse(&token) else {
                continue;
            };
            if !join_next && !group.is_empty() {
                groups.push(mem::take(&mut group));
            }
            group.push(term);
            join_next = false;
        }
        if !group.is_empty() {
            groups.push(group);
        }
        Query { groups }
    }

    /// True when there is nothing to filter by; every article then scores 0.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The article's score, higher is better, or `None` when it does not match.
    ///
    /// The sum over groups of the best matching term's score, each term taking its best field;
    /// it depends only on the query and this haystack, so scores compare across articles.
    pub fn score(&self, haystack: &Haystack) -> Option<i64> {
        self.score_with(haystack, Pass::Full)
    }

    /// Decides the match exactly as [`Query::score`] does, but scores fuzzy terms without
    /// skim (a contiguous occurrence scores as an exact term, a scattered one by its length):
    /// a first ranking, ten times cheaper, for the list to show while skim refines it.
    pub fn quick_score(&self, haystack: &Haystack) -> Option<i64> {
        self.score_with(haystack, Pass::Quick)
    }

    fn score_with(&self, haystack: &Haystack, pass: Pass) -> Option<i64> {
        self.groups.iter().try_fold(0, |total, group| {
            let best = group.iter().filter_map(|term| term.score(haystack, pass)).max()?;
            Some(total + best)
        })
    }

    /// Whether every article matching `self` is among those matching `shorter`, so a
    /// search may start from `shorter`'s matches: true when the query only grew by typing
    /// at its end and `shorter` has no negation (a longer `!word` lets more articles
    /// through); terms added after it, negations included, only narrow further.
    pub fn narrows(&self, shorter: &Query) -> bool {
        let plain = shorter.groups.iter().flatten().all(|term| !term.inverse);
        if !plain || shorter.groups.len() > self.groups.len() {
            return false;
        }
        let Some((last, earlier)) = shorter.groups.split_last() else {
            return true;
        };
        let same_earlier = earlier.iter().zip(&self.groups).all(|(a, b)| a == b);
        let grown_last = match self.groups.get(earlier.len()) {
            Some(group) if group == last => true,
            Some(group) if group.len() == last.len() && last.len() == 1 => {
                let (old, new) = (&last[0], &group[0]);
                old.kind == new.kind
                    && old.inverse == new.inverse
                    && old.kind != Kind::Equal
                    && new.text.starts_with(&old.text)
                    && matches!(old.kind, Kind::Fuzzy | Kind::Exact | Kind::Prefix)
            }
            _ => false,
        };
        same_earlier && grown_last
    }

    /// The chars of original field `field` (0 is the title) that matched, sorted, for drawing.
    ///
    /// Exact-like terms mark their best occurrence in the field; fuzzy terms mark their
    /// alignment only in the fields where they score best, not letters scattered elsewhere.
    pub fn highlight(&self, haystack: &Haystack, field: usize) -> Vec<usize> {
        let Some(target) = haystack.fields.get(field) else {
            return Vec::new();
        };
        let text = haystack.field_text(target);
        let mut positions: Vec<usize> = self
            .groups
            .iter()
            .flatten()
            .filter(|term| !term.inverse)
            .filter_map(|term| term.positions(haystack, text))
            .flatten()
            .map(|folded| target.origin.original(folded))
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// Splits on whitespace, except a space escaped with a backslash, which stays in the term.
fn tokens(input: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.next_if_eq(&' ').is_some() {
            current.push(' ');
        } else if c.is_whitespace() {
            if !current.is_empty() {
                tokens.push(mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

impl Term {
    /// Reads the operators as fzf does; `None` when nothing is left to match (`'`, `^`, `!`, `^$`).
    fn parse(token: &str) -> Option<Term> {
        let mut text = token;
        let mut kind = Kind::Fuzzy;
        let mut inverse = false;
        if let Some(rest) = text.strip_prefix('!') {
            inverse = true;
            kind = Kind::Exact;
            text = rest;
        }
        if text != "$"
            && let Some(rest) = text.strip_suffix('$')
        {
            kind = Kind::Suffix;
            text = rest;
        }
        if let Some(rest) = text.strip_prefix('\'') {
            // fzf: `'` makes a term exact, but turns a negation back to fuzzy (`!'word`).
            kind = if inverse { Kind::Fuzzy } else { Kind::Exact };
            text = rest;
        } else if let Some(rest) = text.strip_prefix('^') {
            kind = if kind == Kind::Suffix {
                Kind::Equal
            } else {
                Kind::Prefix
            };
            text = rest;
        }
        let text = fold_str(text);
        let finder = Finder::new(text.as_bytes()).into_owned();
        (!text.is_empty()).then_some(Term {
            kind,
            inverse,
            text,
            finder,
        })
    }

    fn score(&self, haystack: &Haystack, pass: Pass) -> Option<i64> {
        if pass == Pass::Quick && matches!(self.kind, Kind::Fuzzy | Kind::Exact) {
            return self.quick_score(haystack);
        }
        if self.inverse {
            let occurs =
                self.may_occur(&haystack.text) && haystack.field_texts().any(|field| self.occurs_in(field));
            return (!occurs).then_some(0);
        }
        if !self.may_occur(&haystack.text) {
            return None;
        }
        haystack
            .field_texts()
            .enumerate()
            .filter_map(|(index, field)| {
                let bonus = if index == 0 { TITLE_BONUS } else { 0 };
                let score = match pass {
                    Pass::Full => self.field_score(field),
                    Pass::Quick => self.quick_field_score(field),
                };
                Some(score? + bonus)
            })
            .max()
    }

    /// A quick test on all fields at once: false means the term occurs in none.
    fn may_occur(&self, all_fields: &str) -> bool {
        match self.kind {
            Kind::Fuzzy => is_subsequence(&self.text, all_fields),
            _ => self.finder.find(all_fields.as_bytes()).is_some(),
        }
    }

    /// The quick pass for fuzzy and exact terms, in one scan of all fields at once (the
    /// separator between fields is no letter, so word boundaries hold): the best
    /// contiguous occurrence scores as an exact match; failing that, a fuzzy term whose
    /// chars lie scattered within one field scores by its length.
    fn quick_score(&self, haystack: &Haystack) -> Option<i64> {
        let text = haystack.text.as_str();
        let title_end = haystack.fields.first().map_or(0, |field| field.bytes.end);
        // The first occurrence in the title, else the first anywhere: a one-letter term
        // occurs dozens of times in an article, and this first ranking is soon replaced.
        let bytes = text.as_bytes();
        let contiguous = self
            .finder
            .find(&bytes[..title_end])
            .map(|start| (start, TITLE_BONUS))
            .or_else(|| {
                self.finder
                    .find(&bytes[title_end..])
                    .map(|start| (title_end + start, 0))
            })
            .map(|(start, bonus)| contiguous_score(text, start..start + self.text.len()) + bonus);
        if self.inverse {
            return contiguous.is_none().then_some(0);
        }
        if contiguous.is_some() || self.kind == Kind::Exact {
            return contiguous;
        }
        let field = first_field_holding(&self.text, text)?;
        let bonus = if field == 0 { TITLE_BONUS } else { 0 };
        Some(self.text.chars().count() as i64 * SCATTERED_PER_CHAR + bonus)
    }

    fn occurs_in(&self, field: &str) -> bool {
        match self.kind {
            Kind::Fuzzy => is_subsequence(&self.text, field),
            _ => self.contiguous_match(field).is_some(),
        }
    }

    /// The score in one field, without the title bonus.
    fn field_score(&self, field: &str) -> Option<i64> {
        match self.kind {
            Kind::Fuzzy if is_subsequence(&self.text, field) => MATCHER.fuzzy_match(field, &self.text),
            Kind::Fuzzy => None,
            _ => self
                .contiguous_match(field)
                .map(|range| contiguous_score(field, range)),
        }
    }

    /// The quick pass's score in one field: skim is left out.
    fn quick_field_score(&self, field: &str) -> Option<i64> {
        if self.kind != Kind::Fuzzy {
            return self.field_score(field);
        }
        if let Some(range) = best_occurrence(field, &self.text) {
            return Some(contiguous_score(field, range));
        }
        is_subsequence(&self.text, field).then(|| self.text.chars().count() as i64 * SCATTERED_PER_CHAR)
    }

    /// The byte range of the best contiguous match, for every kind but fuzzy.
    fn contiguous_match(&self, field: &str) -> Option<Range<usize>> {
        let needle = self.text.as_str();
        match self.kind {
            Kind::Fuzzy => None,
            Kind::Exact => best_occurrence(field, needle),
            Kind::Prefix => field.starts_with(needle).then_some(0..needle.len()),
            Kind::Suffix => field
                .ends_with(needle)
                .then(|| field.len() - needle.len()..field.len()),
            Kind::Equal => (field == needle).then_some(0..field.len()),
        }
    }

    /// Folded char positions of the match in `field`, if the term matches there.
    fn positions(&self, haystack: &Haystack, field: &str) -> Option<Vec<usize>> {
        if self.kind != Kind::Fuzzy {
            let bytes = self.contiguous_match(field)?;
            let start = field.get(..bytes.start)?.chars().count();
            let len = field.get(bytes)?.chars().count();
            return Some((start..start + len).collect());
        }
        let here = self.field_score(field)?;
        let best = haystack
            .field_texts()
            .filter_map(|other| self.field_score(other))
            .max()?;
        if here < best {
            return None;
        }
        MATCHER
            .fuzzy_indices(field, &self.text)
            .map(|(_, indices)| indices)
    }
}

/// The occurrence of `needle` that scores best (the first among equals), as a byte range.
fn best_occurrence(field: &str, needle: &str) -> Option<Range<usize>> {
    let mut best: Option<(i64, Range<usize>)> = None;
    let mut from = 0;
    while let Some(found) = field.get(from..).and_then(|rest| rest.find(needle)) {
        let start = from + found;
        let range = start..start + needle.len();
        let score = contiguous_score(field, range.clone());
        if best.as_ref().is_none_or(|(top, _)| score > *top) {
            best = Some((score, range));
        }
        // Step one char, so overlapping occurrences are seen too.
        from = start + field[start..].chars().next().map_or(1, char::len_utf8);
    }
    best.map(|(_, range)| range)
}

/// Scores a contiguous match: its length, and whether it starts and ends on word boundaries.
fn contiguous_score(field: &str, bytes: Range<usize>) -> i64 {
    let before = field.get(..bytes.start).and_then(|s| s.chars().next_back());
    let after = field.get(bytes.end..).and_then(|s| s.chars().next());
    let matched = field.get(bytes).map_or(0, |s| s.chars().count());
    let start_bonus = match before {
        Some(c) if c.is_alphanumeric() => 0,
        _ => BONUS_WORD_START,
    };
    let end_bonus = match after {
        Some(c) if c.is_alphanumeric() => 0,
        _ => BONUS_WORD_END,
    };
    matched as i64 * SCORE_PER_CHAR + start_bonus + end_bonus
}

/// The first field (counted from 0) of `fields`, joined by [`FIELD_SEPARATOR`], in which
/// the chars of `needle` occur in order: one pass, starting afresh at each field.
fn first_field_holding(needle: &str, fields: &str) -> Option<usize> {
    if needle.is_ascii() {
        let (wanted, bytes) = (needle.as_bytes(), fields.as_bytes());
        let separator = FIELD_SEPARATOR as u8;
        let (mut field, mut matched, mut at) = (0, 0, 0);
        // Jump from one wanted byte (or field end) to the next rather than step byte by byte.
        while let Some(found) = memchr::memchr2(wanted[matched], separator, &bytes[at..]) {
            at += found + 1;
            if bytes[at - 1] == separator {
                field += 1;
                matched = 0;
            } else {
                matched += 1;
                if matched == wanted.len() {
                    return Some(field);
                }
            }
        }
        return None;
    }
    fields
        .split(FIELD_SEPARATOR)
        .position(|field| is_subsequence(needle, field))
}

/// Whether the chars of `needle` occur in order in `haystack`: the cheap test before skim.
fn is_subsequence(needle: &str, haystack: &str) -> bool {
    if needle.is_ascii() {
        // ASCII bytes never occur inside a multi-byte char, so bytes are enough.
        let mut rest = haystack.as_bytes();
        needle
            .bytes()
            .all(|wanted| match rest.iter().position(|&byte| byte == wanted) {
                Some(at) => {
                    rest = &rest[at + 1..];
                    true
                }
                None => false,
            })
    } else {
        let mut rest = haystack.chars();
        needle.chars().all(|wanted| rest.any(|c| c == wanted))
    }
}
