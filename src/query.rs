//! The filter language (fzf's extended search syntax) and the scoring of articles against it.
//!
//! Terms are separated by spaces and all must match; `a | b` matches either. A term is fuzzy
//! (`word`, scored by skim's algorithm), exact (`'word`), a prefix (`^word`), a suffix
//! (`word$`), a whole field (`^word$`), or the negation of an exact match (`!word`, `!^word`,
//! `!word$`). Query and article are both folded (see [`crate::fold`]), so matching ignores case
//! and diacritics. A term prefixed by a field (`date:2021-04`, `source:vna`, `place:hanoi`,
//! `name:"vladimir poutine"`) matches that field only: see [`fields`].

mod fields;
mod remembered;
mod skim;

use std::mem;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use self::fields::FieldKind;
pub use self::fields::{DateSpan, Facet, FacetHaystacks, Facets, FieldError};
pub use self::remembered::{Recall, TermScores};
use crate::fold::{FoldSink, fold_into, fold_str};

/// One matcher for every query, for the positions to highlight ([`skim`] scores): it keeps
/// per-thread scratch space between calls.
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
    text: Text,
    /// The title's length in `text`, kept here so that the quick pass, which scans `text`
    /// whole, need not read `fields` (one cache miss an article less over the archive).
    title_len: usize,
    fields: Vec<Field>,
    /// What field terms match; an article's haystack has them, a bare one (a name in the
    /// names view) has none, and matches no field term.
    facets: Option<Box<Facets>>,
}

/// A haystack's text: its own as it is built, then a span of its chunk's arena, where the
/// texts of a batch of articles lie one after the other as the quick pass reads them
/// (one allocation an article, scattered in memory, was most of that pass's time).
#[derive(Debug, Clone)]
enum Text {
    Own(String),
    Packed { arena: Arc<str>, span: Range<u32> },
}

impl Default for Text {
    fn default() -> Self {
        Text::Own(String::new())
    }
}

impl Text {
    fn as_str(&self) -> &str {
        match self {
            Text::Own(text) => text,
            Text::Packed { arena, span } => arena
                .get(span.start as usize..span.end as usize)
                .unwrap_or_default(),
        }
    }
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
    fn original(&self, folded: usize) -> usize {
        let before = self.jumps.partition_point(|&(at, _)| at <= folded);
        match self.jumps[..before].last() {
            Some(&(folded_at, original_at)) => original_at + (folded - folded_at),
            None => folded,
        }
    }
}

/// A field folded straight into its haystack's text, the [`OriginMap`]'s jumps taken as
/// the chars come: no folded copy, no origin per char, for every field of every article.
struct FieldSink<'a> {
    text: &'a mut String,
    /// Where the field starts in `text`.
    start: usize,
    /// Chars pushed so far.
    count: usize,
    jumps: Vec<(usize, usize)>,
    /// The last jump, `(folded, original)`: both advance together from there.
    at: (usize, usize),
}

impl FoldSink for FieldSink<'_> {
    fn push(&mut self, c: char, origin: usize) {
        let (folded_at, original_at) = self.at;
        if origin != original_at + (self.count - folded_at) {
            self.at = (self.count, origin);
            self.jumps.push(self.at);
        }
        self.text.push(c);
        self.count += 1;
    }

    fn last(&self) -> Option<char> {
        self.text.get(self.start..)?.chars().next_back()
    }

    fn replace_last(&mut self, c: char) {
        self.text.pop();
        self.text.push(c);
    }
}

impl Haystack {
    /// Folds the fields, in order: field 0 is the title, which gets [`TITLE_BONUS`], and
    /// [`Query::highlight`] counts fields in the same order.
    pub fn new<'a>(fields: impl IntoIterator<Item = &'a str>) -> Self {
        let mut haystack = Self::default();
        let mut text = String::new();
        for field in fields {
            if !haystack.fields.is_empty() {
                text.push(FIELD_SEPARATOR);
            }
            let start = text.len();
            let origin = if field.is_ascii() {
                text.push_str(field);
                text[start..].make_ascii_lowercase();
                OriginMap::default()
            } else {
                let mut sink = FieldSink {
                    text: &mut text,
                    start,
                    count: 0,
                    jumps: Vec::new(),
                    at: (0, 0),
                };
                fold_into(field, &mut sink);
                OriginMap {
                    jumps: sink.jumps.into_boxed_slice(),
                }
            };
            haystack.fields.push(Field {
                bytes: start..text.len(),
                origin,
            });
        }
        haystack.title_len = haystack.fields.first().map_or(0, |title| title.bytes.len());
        // One per article, kept for as long as the archive is open.
        haystack.fields.shrink_to_fit();
        haystack.text = Text::Own(text);
        haystack
    }

    /// Moves the texts of `haystacks` into one arena, in their order: see [`Text`]. An
    /// arena is at most 4 GiB; beyond, the texts stay their own.
    pub fn pack(haystacks: &mut [Haystack]) {
        let total: usize = haystacks
            .iter()
            .map(|haystack| haystack.text.as_str().len())
            .sum();
        if u32::try_from(total).is_err() {
            return;
        }
        let mut arena = String::with_capacity(total);
        let spans: Vec<Range<u32>> = haystacks
            .iter()
            .map(|haystack| {
                let start = arena.len() as u32;
                arena.push_str(haystack.text.as_str());
                start..arena.len() as u32
            })
            .collect();
        let arena: Arc<str> = arena.into();
        for (haystack, span) in haystacks.iter_mut().zip(spans) {
            haystack.text = Text::Packed {
                arena: arena.clone(),
                span,
            };
        }
    }

    /// The same haystack, with what field terms match.
    pub fn with_facets(mut self, facets: Facets) -> Self {
        self.facets = Some(Box::new(facets));
        self
    }

    /// The article's date as the span of days it covers, if it has one.
    pub fn date(&self) -> Option<DateSpan> {
        self.facets.as_ref()?.date
    }

    /// The first field (an article's title), folded.
    pub fn title(&self) -> &str {
        self.fields
            .first()
            .map(|field| self.field_text(field))
            .unwrap_or_default()
    }

    /// The article's names, folded, as they lie among its fields; none for a bare haystack.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.facet_view(Facet::Name).field_texts()
    }

    fn field_text(&self, field: &Field) -> &str {
        self.text.as_str().get(field.bytes.clone()).unwrap_or_default()
    }

    /// All fields, the first being the title.
    fn view(&self) -> View<'_> {
        let text = self.text.as_str();
        View {
            text,
            fields: &self.fields,
            titled: true,
            // The fields span the text, from the title's first byte to the last field's last.
            joined: text,
            title_end: self.title_len,
        }
    }

    /// The fields a field term looks in: none when there are no facets.
    fn facet_view(&self, facet: Facet) -> View<'_> {
        let Some(facets) = &self.facets else {
            return View::default();
        };
        let (haystack, fields) = match facet {
            Facet::Source => (&*facets.source, 0..facets.source.fields.len()),
            Facet::Place => (&*facets.place, 0..facets.place.fields.len()),
            Facet::Name => (self, facets.names.clone()),
        };
        let fields = haystack.fields.get(fields).unwrap_or_default();
        let text = haystack.text.as_str();
        let joined = match (fields.first(), fields.last()) {
            (Some(first), Some(last)) => text.get(first.bytes.start..last.bytes.end).unwrap_or_default(),
            _ => "",
        };
        View {
            text,
            fields,
            titled: false,
            joined,
            title_end: 0,
        }
    }
}

/// Some consecutive fields of a haystack, as a term searches them.
#[derive(Debug, Clone, Copy, Default)]
struct View<'a> {
    /// The haystack's whole text, which the fields' byte ranges index.
    text: &'a str,
    fields: &'a [Field],
    /// Whether the first field is a title, and earns [`TITLE_BONUS`].
    titled: bool,
    /// The fields' text, joined by [`FIELD_SEPARATOR`] as they lie in the haystack.
    joined: &'a str,
    /// Where, in `joined`, the title ends: 0 without one.
    title_end: usize,
}

impl<'a> View<'a> {
    fn joined(&self) -> &'a str {
        self.joined
    }

    fn field_texts(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let text = self.text;
        self.fields
            .iter()
            .map(move |field| text.get(field.bytes.clone()).unwrap_or_default())
    }

    fn title_end(&self) -> usize {
        self.title_end
    }

    fn bonus(&self, field: usize) -> i64 {
        if field == 0 && self.titled { TITLE_BONUS } else { 0 }
    }
}

/// A parsed filter: groups that must all match, each matching when any of its terms does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    groups: Vec<Vec<Term>>,
    /// The first field term that could not be read: the query then matches nothing.
    error: Option<FieldError>,
}

#[derive(Debug, Clone)]
struct Term {
    target: Target,
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
        (self.target, self.kind, self.inverse, &self.text)
            == (other.target, other.kind, other.inverse, &other.text)
    }
}

impl Eq for Term {}

/// What a term looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Title, names and file name, as a term without a field does.
    Any,
    Facet(Facet),
    /// The article's date, which must lie within the span.
    Date(DateSpan),
}

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
    /// Parses as fzf does: odd input makes odd terms (a lone `|` is a fuzzy `|`); only a
    /// field term can be wrong ([`Query::error`]).
    pub fn parse(input: &str) -> Query {
        let mut groups = Vec::new();
        let mut group: Vec<Term> = Vec::new();
        let mut error = None;
        // A bar joins the next term to the current group; a second bar in a row is a term.
        let mut join_next = false;
        let mut after_bar = false;
        for token in tokens(input) {
            if token.text == "|" && !group.is_empty() && !after_bar {
                join_next = true;
                after_bar = true;
                continue;
            }
            after_bar = false;
            let term = match Term::parse(&token.text) {
                Ok(Some(term)) => term,
                Ok(None) => continue,
                Err(wrong) => {
                    error.get_or_insert(wrong);
                    continue;
                }
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
        Query { groups, error }
    }

    /// True when there is nothing to filter by; every article then scores 0.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.error.is_none()
    }

    /// Why a field term could not be read; the query matches nothing while there is one.
    pub fn error(&self) -> Option<&FieldError> {
        self.error.as_ref()
    }

    /// Only the groups made of field terms (and any error): what a full-text search's hits
    /// must match as well, the search engine having the rest.
    pub fn field_terms(&self) -> Query {
        let groups = self
            .groups
            .iter()
            .filter(|group| group.iter().all(|term| term.target != Target::Any))
            .cloned()
            .collect();
        Query {
            groups,
            error: self.error.clone(),
        }
    }

    /// `input` without its field terms, for the search engine.
    pub fn without_fields(input: &str) -> String {
        let kept: Vec<&str> = tokens(input)
            .into_iter()
            .filter(|token| field_of(&token.text).is_none())
            .filter_map(|token| input.get(token.bytes))
            .collect();
        kept.join(" ")
    }

    /// The article's score, higher is better, or `None` when it does not match.
    ///
    /// The sum over groups of the best matching term's score, each term taking its best field;
    /// it depends only on the query and this haystack, so scores compare across articles.
    pub fn score(&self, haystack: &Haystack) -> Option<i64> {
        self.score_with(haystack, Pass::Full)
    }

    /// [`Query::score`] of article `id`, each term's score taken from `recall` when known
    /// there, and left there when not.
    pub fn score_recalled(&self, id: usize, haystack: &Haystack, recall: &Recall) -> Option<i64> {
        if self.error.is_some() {
            return None;
        }
        let mut first_term = 0;
        self.groups.iter().try_fold(0, |total, group| {
            let terms = first_term..first_term + group.len();
            first_term = terms.end;
            let best = terms
                .zip(group)
                .filter_map(|(at, term)| recall.score(at, id, || term.score(haystack, Pass::Full)))
                .max()?;
            Some(total + best)
        })
    }

    /// Decides the match exactly as [`Query::score`] does, but scores fuzzy terms without
    /// skim (a contiguous occurrence scores as an exact term, a scattered one by its length):
    /// a first ranking, ten times cheaper, for the list to show while skim refines it.
    pub fn quick_score(&self, haystack: &Haystack) -> Option<i64> {
        self.score_with(haystack, Pass::Quick)
    }

    fn score_with(&self, haystack: &Haystack, pass: Pass) -> Option<i64> {
        if self.error.is_some() {
            return None;
        }
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
        // A date span does not narrow as its text grows: `date:2021..2022` holds more than `date:2021`.
        let plain = shorter
            .groups
            .iter()
            .flatten()
            .all(|term| !term.inverse && !matches!(term.target, Target::Date(_)));
        if !plain || shorter.error.is_some() || shorter.groups.len() > self.groups.len() {
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
                    && old.target == new.target
                    && old.inverse == new.inverse
                    && old.kind != Kind::Equal
                    && new.text.starts_with(&old.text)
                    && matches!(old.kind, Kind::Fuzzy | Kind::Exact | Kind::Prefix)
            }
            _ => false,
        };
        same_earlier && grown_last
    }

    /// The groups `self` adds to `shorter` when it is `shorter` and more groups in which
    /// every match scores the same (negations, dates): an article then matches `self` when
    /// it matches `shorter` and them, and ranks as it did under `shorter`.
    pub fn added_constant_groups(&self, shorter: &Query) -> Option<Query> {
        if self.error.is_some() || shorter.error.is_some() {
            return None;
        }
        let added = self.groups.get(shorter.groups.len()..)?;
        let constant = added
            .iter()
            .flatten()
            .all(|term| term.inverse || matches!(term.target, Target::Date(_)));
        (constant && self.groups.starts_with(&shorter.groups)).then(|| Query {
            groups: added.to_vec(),
            error: None,
        })
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
            .filter(|term| !term.inverse && term.target == Target::Any)
            .filter_map(|term| term.positions(haystack.view(), text))
            .flatten()
            .map(|folded| target.origin.original(folded))
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// One term as typed, and where it lies in the input.
struct Token {
    text: String,
    bytes: Range<usize>,
}

/// Splits on whitespace, except a space escaped with a backslash, which stays in the term,
/// and spaces in the quotes of a field's value (`name:"vladimir poutine"`), which go.
fn tokens(input: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut quoted = false;
    let mut chars = input.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if current.is_empty() {
            start = at;
        }
        if quoted && c == '"' {
            quoted = false;
        } else if c == '"' && current.ends_with(':') && field_of(&current).is_some() {
            quoted = true;
        } else if c == '\\' && chars.next_if(|&(_, next)| next == ' ').is_some() {
            current.push(' ');
        } else if c.is_whitespace() && !quoted {
            if !current.is_empty() {
                tokens.push(Token {
                    text: mem::take(&mut current),
                    bytes: start..at,
                });
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        tokens.push(Token {
            text: current,
            bytes: start..input.len(),
        });
    }
    tokens
}

/// A term's field prefix and the value after it (`!source:afp`: `source`, `afp`), when it
/// has one: letters only, then a colon. Whether the field exists is for the caller.
fn field_of(token: &str) -> Option<(&str, &str)> {
    let token = token.strip_prefix('!').unwrap_or(token);
    let (name, value) = token.split_once(':')?;
    let letters = !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphabetic());
    letters.then_some((name, value))
}

impl Term {
    /// A field term, or else a term as fzf reads it; `None` when nothing is left to match
    /// (`'`, `^`, `!`, `^$`, `date:`). A known field with nothing after it is left out while
    /// its value is typed; an unknown one with nothing after it (`note:`) is plain text.
    fn parse(token: &str) -> Result<Option<Term>, FieldError> {
        let Some((name, value)) = field_of(token) else {
            return Ok(Self::parse_plain(token));
        };
        let inverse = token.starts_with('!');
        match FieldKind::named(name) {
            None if value.is_empty() => Ok(Self::parse_plain(token)),
            None => Err(FieldError::UnknownField(name.to_string())),
            Some(_) if value.is_empty() => Ok(None),
            Some(FieldKind::Date) => {
                let span = DateSpan::parse(value)?;
                let text = value.to_string();
                let finder = Finder::new(text.as_bytes()).into_owned();
                Ok(Some(Term {
                    target: Target::Date(span),
                    kind: Kind::Exact,
                    inverse,
                    text,
                    finder,
                }))
            }
            Some(FieldKind::Text(facet)) => {
                // The value takes the operators a plain term does, and the negation with them.
                let value = if inverse {
                    format!("!{value}")
                } else {
                    value.to_string()
                };
                Ok(Self::parse_plain(&value).map(|term| Term {
                    target: Target::Facet(facet),
                    ..term
                }))
            }
        }
    }

    /// Reads the operators as fzf does.
    fn parse_plain(token: &str) -> Option<Term> {
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
            target: Target::Any,
            kind,
            inverse,
            text,
            finder,
        })
    }

    fn score(&self, haystack: &Haystack, pass: Pass) -> Option<i64> {
        match self.target {
            Target::Any => self.text_score(haystack.view(), pass),
            Target::Facet(facet) => self.text_score(haystack.facet_view(facet), pass),
            Target::Date(span) => {
                let within = haystack.date().is_some_and(|date| span.holds(date));
                (within != self.inverse).then_some(0)
            }
        }
    }

    fn text_score(&self, view: View, pass: Pass) -> Option<i64> {
        if pass == Pass::Quick && matches!(self.kind, Kind::Fuzzy | Kind::Exact) {
            return self.quick_score(view);
        }
        if self.inverse {
            return (!self.occurs_in_view(view)).then_some(0);
        }
        if !self.may_occur(view.joined()) {
            return None;
        }
        view.field_texts()
            .enumerate()
            .filter_map(|(index, field)| {
                let bonus = view.bonus(index);
                let score = match pass {
                    Pass::Full => self.field_score(field),
                    Pass::Quick => self.quick_field_score(field),
                };
                Some(score? + bonus)
            })
            .max()
    }

    /// Whether the term occurs in any field of `view`: what a negation asks, of every
    /// match when it is typed after a query.
    fn occurs_in_view(&self, view: View) -> bool {
        let joined = view.joined();
        match self.kind {
            // Without the separator (a term never holds one but from a quoted field value),
            // an occurrence in the joined fields is one in a field.
            Kind::Exact if !self.text.contains(FIELD_SEPARATOR) => {
                self.finder.find(joined.as_bytes()).is_some()
            }
            Kind::Fuzzy => first_field_holding(&self.text, joined).is_some(),
            _ => {
                self.may_occur(joined)
                    && view
                        .field_texts()
                        .any(|field| self.contiguous_match(field).is_some())
            }
        }
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
    fn quick_score(&self, view: View) -> Option<i64> {
        let text = view.joined();
        let title_end = view.title_end();
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
        let bonus = view.bonus(field);
        Some(self.text.chars().count() as i64 * SCATTERED_PER_CHAR + bonus)
    }

    /// The score in one field, without the title bonus.
    fn field_score(&self, field: &str) -> Option<i64> {
        match self.kind {
            Kind::Fuzzy => skim::score(field, &self.text),
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
    fn positions(&self, view: View, field: &str) -> Option<Vec<usize>> {
        if self.kind != Kind::Fuzzy {
            let bytes = self.contiguous_match(field)?;
            let start = field.get(..bytes.start)?.chars().count();
            let len = field.get(bytes)?.chars().count();
            return Some((start..start + len).collect());
        }
        let here = self.field_score(field)?;
        let best = view
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

#[cfg(test)]
mod tests {
    use super::Haystack;
    use crate::fold::fold;
    use proptest::prelude::*;

    proptest! {
        /// Packed into one arena, haystacks read as they did: every field of each, in order.
        #[test]
        fn packed_haystacks_read_as_their_own_texts(
            articles in proptest::collection::vec(proptest::collection::vec("\\PC{0,12}", 1..4), 0..8),
        ) {
            let fields = |haystack: &Haystack| -> Vec<String> {
                haystack.fields.iter().map(|field| haystack.field_text(field).to_owned()).collect()
            };
            let own: Vec<Haystack> = articles
                .iter()
                .map(|fields| Haystack::new(fields.iter().map(String::as_str)))
                .collect();
            let mut packed = own.clone();
            Haystack::pack(&mut packed);
            for (own, packed) in own.iter().zip(&packed) {
                let is_packed = matches!(packed.text, super::Text::Packed { .. });
                prop_assert!(is_packed);
                prop_assert_eq!(fields(own), fields(packed));
                prop_assert_eq!(own.view().joined, packed.view().joined);
                prop_assert_eq!(own.title(), packed.title());
            }
        }

        /// A field folded into its haystack reads as folding it apart gives, and maps every
        /// folded char back to the char folding says it came from: NFD marks, ligatures,
        /// typographic punctuation, other scripts.
        #[test]
        fn a_haystacks_fields_and_origins_are_those_folding_gives(
            field in "[a-zA-Zàâéôûçœæß’« \\u{301}\\u{302}\\u{306}иЙ東İǾ-]{0,30}|\\PC{0,20}",
        ) {
            let haystack = Haystack::new(["Le titre", field.as_str()]);
            let folded = fold(&field);
            let own = &haystack.fields[1];
            prop_assert_eq!(haystack.field_text(own), folded.text.as_str());
            for (at, &from) in folded.origin.iter().enumerate() {
                prop_assert_eq!(own.origin.original(at), from, "char {}", at);
            }
        }
    }
}
