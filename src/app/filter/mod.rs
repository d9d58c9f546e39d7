//! The filter and the list it makes: the query typed and what it searches (titles and
//! names, or the full text), the switches (unread, starred), the matches best first
//! with the selection among them, and the generations that tell a late ranking from a
//! current one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::library::{Arrived, Library};
use super::{Effect, Order, Outcome};
use crate::fulltext::Snippet;
use crate::fulltext::worker::{FullTextFound, FullTextSearch};
use crate::query::{Query, TermScores};
use crate::ranking::{self, Interrupt, Refined, Refinement, Scoring};
use crate::store::ContentKey;

mod refine;

/// What the filter line searches: titles, names and file names (the fuzzy filter), or
/// the full text of the articles (the search engine); or what lists the articles related
/// to one (`r`), which nothing typed changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    TitlesNames,
    FullText,
    Related,
}

/// A query as typed, with its matches (best first) and whether skim has ranked them all.
#[derive(Debug)]
struct TypedQuery {
    input: String,
    matches: Vec<usize>,
    complete: bool,
}

#[derive(Debug)]
pub struct Filter {
    input: String,
    query: Query,
    scope: Scope,
    /// Counts filter changes, so a late ranking of an older query is recognised and dropped.
    generation: u64,
    /// The matches of the query as typed so far and of its shorter forms, so Backspace
    /// finds them again for free; the last is the current query's.
    typed: Vec<TypedQuery>,
    /// Whether a filter ranks by best match, or keeps the library's order (`o`).
    by_match: bool,
    unread_only: bool,
    starred_only: bool,
    /// The full-text index is being brought in line with the archive.
    indexing: bool,
    /// Each full-text result's snippet, by article id.
    snippets: HashMap<usize, Snippet>,
    /// The ids the filter lets through, in the order shown.
    visible: Vec<usize>,
    /// Position of the selection in `visible`, and the first row shown.
    selected: usize,
    offset: usize,
    /// The article selected when liseuse last closed, selected again when it arrives,
    /// unless the user has moved first.
    restore: Option<ContentKey>,
    /// Whether the selection follows its article as the list changes (once the user has
    /// moved it, or a remembered one came back), or stays on the first row: the newest
    /// while articles arrive, so where it ends does not depend on which loading thread
    /// finished first; the best match after the query changed, as fzf does.
    anchored: bool,
    /// The article selected when the filter line was opened, and its row on screen: where
    /// clearing the filter returns.
    before_filter: Option<(usize, usize)>,
    /// A query typed whose matches are still those of the query before.
    typed_pending: bool,
    /// Whether `visible` is in the quick pass's order (score, then the library's order),
    /// which articles arriving are merged into; skim's ranking is not, and is done again.
    quick_order: bool,
    /// skim's scores of the terms ranked lately, for the background ranker's next ranking.
    term_scores: Arc<Mutex<TermScores>>,
}

impl Filter {
    /// A filter reopening on `input`, and on the article `restore` once it arrives.
    pub fn new(input: String, restore: Option<ContentKey>) -> Self {
        Self {
            query: Query::parse(&input),
            input,
            scope: Scope::TitlesNames,
            generation: 0,
            typed: Vec::new(),
            by_match: true,
            unread_only: false,
            starred_only: false,
            indexing: false,
            snippets: HashMap::new(),
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            restore,
            anchored: false,
            before_filter: None,
            typed_pending: false,
            quick_order: false,
            term_scores: Arc::default(),
        }
    }

    /// A list for the articles related to one, empty until they are found, that knows
    /// whether the index is still being built.
    pub fn for_related(&self) -> Self {
        Self {
            scope: Scope::Related,
            indexing: self.indexing,
            ..Self::new(String::new(), None)
        }
    }

    /// The related articles found, best first, each with its line under the title; the
    /// selection stays on its article if the user moved it.
    pub fn show_related(&mut self, rows: Vec<(usize, Snippet)>, library: &Library) {
        let kept = self.selected_id().filter(|_| self.anchored);
        self.visible.clear();
        self.snippets.clear();
        for (id, line) in rows {
            if self.shown(id, library) {
                self.visible.push(id);
                self.snippets.insert(id, line);
            }
        }
        self.select_id(kept);
    }

    /// A new query typed: the matches, ranked quickly now, by skim in the background, and
    /// the best of them selected.
    pub fn set_input(&mut self, input: String, library: &Library) -> Outcome {
        self.input = input;
        self.anchored = false;
        self.refilter(library)
    }

    /// A new query typed, its filtering left for [`Filter::refilter_typed`]: the line shows
    /// it first.
    pub fn type_input(&mut self, input: String) {
        self.input = input;
        self.anchored = false;
        self.typed_pending = true;
    }

    /// The filtering of the query typed, if it is still to do; given up for input that
    /// waits (see [`Filter::refilter_unless`]).
    pub fn refilter_typed(&mut self, library: &Library, interrupt: &Interrupt) -> Outcome {
        if !std::mem::take(&mut self.typed_pending) {
            return Outcome::default();
        }
        self.refilter_unless(library, interrupt)
    }

    /// The filter line opens: clearing the filter later comes back to the article selected
    /// now, at its row.
    pub fn open(&mut self) {
        if self.input.is_empty() {
            self.before_filter = self
                .selected_id()
                .map(|id| (id, self.selected - self.offset.min(self.selected)));
        }
    }

    /// Clears the filter, back to the article selected before it was typed, in its place
    /// in the whole list.
    pub fn clear(&mut self, library: &Library) -> Outcome {
        self.input.clear();
        let outcome = self.refilter(library);
        if let Some((id, row)) = self.before_filter.take() {
            self.anchored = true;
            self.select_id(Some(id));
            self.offset = self.selected.saturating_sub(row);
        }
        outcome
    }

    /// Ctrl-t: titles & names ⇄ full text.
    pub fn toggle_scope(&mut self, library: &Library) -> Outcome {
        self.scope = match self.scope {
            Scope::TitlesNames => Scope::FullText,
            Scope::FullText | Scope::Related => Scope::TitlesNames,
        };
        self.refilter_from_scratch(library)
    }

    /// `U`: only unread articles, or all.
    pub fn toggle_unread_only(&mut self, library: &Library) -> Outcome {
        self.unread_only = !self.unread_only;
        self.refilter_from_scratch(library)
    }

    /// `S`: only starred articles, or all.
    pub fn toggle_starred_only(&mut self, library: &Library) -> Outcome {
        self.starred_only = !self.starred_only;
        self.refilter_from_scratch(library)
    }

    /// `o`: newest → oldest → title → (with a filter) best match → newest. Says which.
    pub fn cycle_order(&mut self, library: &mut Library) -> (Order, Outcome) {
        let next = match self.order(library) {
            Order::BestMatch => Order::Newest,
            Order::Newest => Order::Oldest,
            Order::Oldest => Order::Title,
            Order::Title if !self.query.is_empty() => Order::BestMatch,
            Order::Title => Order::Newest,
        };
        let kept = self.selected_id();
        // The article selected stays so through the new order.
        self.anchored |= kept.is_some();
        // Without a filter, the next filter still starts by best match.
        self.by_match = next == Order::BestMatch || self.query.is_empty();
        library.set_order(next);
        let outcome = self.refilter_from_scratch(library);
        self.select_id(kept);
        (next, outcome)
    }

    /// The order the list is in now.
    pub fn order(&self, library: &Library) -> Order {
        if !self.query.is_empty() && self.by_match {
            Order::BestMatch
        } else {
            library.order()
        }
    }

    /// New articles: they join the matches, and a remembered selection is taken when its
    /// article arrives.
    pub fn arrived(&mut self, arrived: &Arrived, library: &Library) -> Outcome {
        let kept = self.selected_id().filter(|_| self.anchored);
        let mut outcome = Outcome::redraw();
        if arrived.removed {
            self.visible.retain(|&id| library.is_present(id));
            self.typed.clear();
        }
        if self.scope == Scope::Related {
            // Found once; articles arriving later are not asked about.
        } else if self.query.is_empty() {
            self.visible = self.shown_in_display_order(library);
        } else if self.scope == Scope::TitlesNames {
            self.generation += 1;
            let new: Vec<usize> = (arrived.first_new..library.len())
                .filter(|&id| self.shown(id, library))
                .collect();
            if self.quick_order || !self.by_match {
                // Only the new articles are scored: a batch costs its size, not the archive's.
                let new = self.rank_quickly(&new, library);
                self.visible = self.merged_with(new, library);
            } else {
                let mut candidates = std::mem::take(&mut self.visible);
                candidates.extend(new);
                self.visible = self.rank_quickly(&candidates, library);
                self.quick_order = true;
            }
            // The typed history no longer holds with new articles.
            self.typed = vec![self.typed_now(false)];
            // skim ranks the matches once the last batch is in, not again at every batch:
            // the list moves while articles arrive anyway, and a restored filter would
            // otherwise rank the growing archive over and over as it loads.
            if !library.is_loading() {
                outcome.effects.extend(self.refinement(library));
            }
            self.order_matches(library);
        }
        let restored = self
            .restore
            .and_then(|key| library.find_new(key, arrived.first_new));
        if restored.is_some() {
            self.restore = None;
            self.anchored = true;
        }
        self.select_id(restored.or(kept));
        outcome
    }

    /// The query as typed now with the list shown, for Backspace and narrowing to find;
    /// `complete` when skim has ranked it all.
    fn typed_now(&self, complete: bool) -> TypedQuery {
        TypedQuery {
            input: self.input.clone(),
            matches: self.visible.clone(),
            complete,
        }
    }

    /// The background ranker's better ranking: the selected article stays selected. A
    /// ranking of an older query changes nothing.
    pub fn ranked(&mut self, refined: Refined) -> bool {
        if refined.generation != self.generation || self.scope == Scope::Related {
            return false;
        }
        let kept = self.selected_id().filter(|_| self.anchored);
        if let Some(typed) = self.typed.last_mut() {
            typed.matches.clone_from(&refined.matches);
            typed.complete = refined.complete;
        }
        self.visible = refined.matches;
        self.quick_order = false;
        self.select_id(kept);
        true
    }

    /// The search engine's answer, best first, as the switches allow.
    pub fn found(&mut self, found: FullTextFound, library: &Library) -> bool {
        if found.generation != self.generation || self.scope != Scope::FullText {
            return false;
        }
        let kept = self.selected_id().filter(|_| self.anchored);
        self.snippets.clear();
        self.visible.clear();
        let fields = self.query.field_terms();
        let in_fields = |id: usize| {
            fields.is_empty()
                || library
                    .haystacks()
                    .get(id)
                    .is_some_and(|haystack| fields.score(haystack).is_some())
        };
        // A failed search finds nothing; the model says why.
        for (key, snippet) in found.hits.unwrap_or_default() {
            if let Some(id) = library
                .id_of(&key)
                .filter(|&id| self.shown(id, library) && in_fields(id))
            {
                self.visible.push(id);
                self.snippets.insert(id, snippet);
            }
        }
        self.order_matches(library);
        self.select_id(kept);
        true
    }

    /// The index is in line with the archive, or could not be: what was searched while
    /// indexing is searched again, in the whole index.
    pub fn indexed(&mut self, library: &Library) -> Outcome {
        self.indexing = false;
        if self.scope == Scope::FullText {
            self.refilter(library)
        } else {
            Outcome::redraw()
        }
    }

    /// More of the archive indexed: a full-text search is asked again, for what the part
    /// indexed since holds.
    pub fn index_grew(&mut self, library: &Library) -> Outcome {
        if self.scope == Scope::FullText && !Query::without_fields(&self.input).is_empty() {
            self.refilter(library)
        } else {
            Outcome::default()
        }
    }

    pub fn start_indexing(&mut self) {
        self.indexing = true;
    }

    /// Moves the selection by `delta` rows, within the list; says whether it moved.
    pub fn move_by(&mut self, delta: isize) -> bool {
        self.restore = None;
        self.anchored = true;
        let last = self.visible.len().saturating_sub(1);
        let before = self.selected;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.selected != before
    }

    /// Keeps the selected article's rows among the `rows` the list has, the articles taking
    /// `height` rows each; and no rows left empty at the end while articles above are not
    /// shown.
    pub fn scroll_into_view(&mut self, rows: usize, height: impl Fn(usize) -> usize) {
        if self.visible.is_empty() {
            self.offset = 0;
            return;
        }
        let rows = rows.max(1);
        let height_of = |position: usize| height(self.visible[position]);
        // The first row from which the selection still shows, found walking back from it:
        // as many rows as the list has, whatever the distance the selection jumped (`G` in
        // a million articles).
        let mut first = self.selected;
        let mut used = height_of(first);
        while first > 0 && used + height_of(first - 1) <= rows {
            first -= 1;
            used += height_of(first);
        }
        self.offset = self.offset.min(self.selected).max(first);
        while self.offset > 0 && fits(self.offset - 1..self.visible.len(), rows, height_of) {
            self.offset -= 1;
        }
    }

    /// How many articles, from the first shown, the `rows` of the list hold; one at least.
    pub fn shown_from_offset(&self, rows: usize, height: impl Fn(usize) -> usize) -> usize {
        let mut used = 0;
        let shown = self.visible[self.offset.min(self.visible.len())..]
            .iter()
            .take_while(|&&id| {
                used += height(id);
                used <= rows
            })
            .count();
        shown.max(1)
    }

    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// Which change of the filter the list is of; answers carry the one they answer.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn is_indexing(&self) -> bool {
        self.indexing
    }

    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    pub fn selected_id(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    pub fn selected_position(&self) -> Option<usize> {
        (self.selected < self.visible.len()).then_some(self.selected)
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn is_unread_only(&self) -> bool {
        self.unread_only
    }

    pub fn is_starred_only(&self) -> bool {
        self.starred_only
    }

    /// The full-text snippet shown under article `id`'s title.
    pub fn snippet(&self, id: usize) -> Option<&Snippet> {
        self.snippets.get(&id)
    }

    /// Whether the list shows full-text results, each with its snippet under its title.
    pub fn shows_snippets(&self) -> bool {
        match self.scope {
            Scope::TitlesNames => false,
            Scope::FullText => !Query::without_fields(&self.input).is_empty(),
            Scope::Related => true,
        }
    }
}

/// Whether the articles at `positions` fit in `rows`, each taking `height_of` rows; stops
/// counting as soon as they do not.
fn fits(positions: std::ops::Range<usize>, rows: usize, height_of: impl Fn(usize) -> usize) -> bool {
    let mut used = 0;
    for position in positions {
        used += height_of(position);
        if used > rows {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::Filter;

    #[test]
    fn a_jump_to_the_end_measures_the_rows_shown_not_the_list() {
        let mut filter = Filter::new(String::new(), None);
        filter.visible = (0..2_000).collect();
        filter.selected = 1_999;
        let measured = Cell::new(0);
        filter.scroll_into_view(20, |_| {
            measured.set(measured.get() + 1);
            2
        });
        assert_eq!(
            filter.offset, 1_990,
            "the last ten articles, two rows each, fill the list"
        );
        // Walking from the top, summing the rows up to the selection at each step, measured
        // two million articles for this jump: `G` froze a list of a million.
        assert!(measured.get() <= 40, "{} articles measured", measured.get());
    }
}
