//! How the filter finds its list again: the quick pass over the articles (or over the
//! previous matches, when the query only narrows), skim's ranking asked of the background,
//! and the order the matches are shown in.

use super::*;

impl Filter {
    /// Filters again from all articles: the switches or the order changed, so neither
    /// earlier matches nor remembered ones hold.
    pub(super) fn refilter_from_scratch(&mut self, library: &Library) -> Outcome {
        self.typed.clear();
        self.query = Query::default();
        self.refilter(library)
    }

    /// Re-runs the filter, keeping the selected article selected while it still matches if
    /// the user chose it, else selecting the first row.
    ///
    /// Decides the matches and a quick ranking at once; skim's ranking follows from the
    /// background ranker. Starts from the previous matches when the query only narrowed,
    /// and from remembered matches when Backspace returns to a shorter query.
    pub(super) fn refilter(&mut self, library: &Library) -> Outcome {
        self.refilter_unless(library, &Interrupt::never())
    }

    /// [`Filter::refilter`], given up when `interrupt` is set midway through the quick pass:
    /// the matches stay those before, and the filtering is asked for again
    /// ([`Effect::Refilter`]), once the input waiting has been taken.
    pub(super) fn refilter_unless(&mut self, library: &Library, interrupt: &Interrupt) -> Outcome {
        self.typed_pending = false;
        if self.scope == Scope::Related {
            // Its list is the related articles found, which nothing here changes.
            return Outcome::default();
        }
        let kept = self.selected_id().filter(|_| self.anchored);
        let query = Query::parse(&self.input);
        if self.scope == Scope::TitlesNames && !query.is_empty() && query == self.query {
            // A space typed, or an operator not yet followed by its word (`!`, `'`): the
            // list is this query's already, and its ranking in the background still holds.
            return Outcome::redraw();
        }
        self.generation += 1;
        let mut outcome = Outcome::redraw();
        let words = Query::without_fields(&self.input);
        // Field terms alone, or a wrong one, need no search engine.
        if self.scope == Scope::FullText && !words.is_empty() && query.error().is_none() {
            // The search engine answers through the event loop; the list waits for it; the
            // field terms sort its hits in [`Filter::found`].
            outcome.effects.push(Effect::SearchFullText(FullTextSearch {
                generation: self.generation,
                query: words,
            }));
            self.typed.clear();
            self.query = query;
            return outcome;
        }
        self.snippets.clear();
        self.typed
            .retain(|typed| self.input.starts_with(typed.input.as_str()));
        if query.is_empty() {
            self.typed.clear();
            self.by_match = true;
            self.visible = self.shown_in_display_order(library);
            self.query = query;
        } else if let Some(typed) = self.typed.iter().find(|typed| typed.input == self.input) {
            self.visible = typed.matches.clone();
            // Skim's order, perhaps.
            self.quick_order = false;
            let complete = typed.complete;
            self.query = query;
            if !complete {
                outcome.effects.extend(self.refinement(library));
            }
        } else if let Some(matches) = self.ranked_by_shorter(&query, library) {
            // Only negations or dates added to a query skim has ranked: its order holds.
            self.visible = matches;
            self.quick_order = false;
            self.query = query;
            self.typed.push(self.typed_now(true));
        } else {
            // The matches of the longest query typed on the way here that this one
            // narrows: `to lam !m` starts from those of `to lam`.
            let narrowed = self
                .typed
                .iter()
                .rev()
                .find(|typed| query.narrows(&Query::parse(&typed.input)));
            let candidates = match narrowed {
                Some(typed) => typed.matches.clone(),
                None => self.shown_in_display_order(library),
            };
            let before = std::mem::replace(&mut self.query, query);
            let Some(ranked) = self.rank_quickly_unless(&candidates, library, interrupt) else {
                self.query = before;
                self.typed_pending = true;
                return Outcome::default().with([Effect::Refilter]);
            };
            self.visible = ranked;
            self.quick_order = true;
            self.typed.push(self.typed_now(false));
            outcome.effects.extend(self.refinement(library));
        }
        self.order_matches(library);
        self.select_id(kept);
        outcome
    }

    /// The matches of `query`, in their final order, when it only adds groups that score
    /// the same for every match (`!moscou`, `date:2021`) to a query typed on the way here
    /// whose ranking by skim is complete: that ranking, without the articles they exclude.
    fn ranked_by_shorter(&self, query: &Query, library: &Library) -> Option<Vec<usize>> {
        if !self.by_match {
            return None;
        }
        let (typed, added) = self
            .typed
            .iter()
            .rev()
            .filter(|typed| typed.complete)
            .find_map(|typed| {
                let added = query.added_constant_groups(&Query::parse(&typed.input))?;
                Some((typed, added))
            })?;
        Some(ranking::matching_in_order(
            &added,
            &typed.matches,
            library.haystacks(),
        ))
    }

    pub(super) fn rank_quickly(&self, candidates: &[usize], library: &Library) -> Vec<usize> {
        self.rank_quickly_unless(candidates, library, &Interrupt::never())
            .unwrap_or_default()
    }

    fn rank_quickly_unless(
        &self,
        candidates: &[usize],
        library: &Library,
        interrupt: &Interrupt,
    ) -> Option<Vec<usize>> {
        ranking::rank_unless(
            &self.query,
            Scoring::Quick,
            candidates,
            library.haystacks(),
            library.display_rank(),
            interrupt,
        )
    }

    /// `new`, matches ranked as `visible` is (the quick pass's order, or the library's
    /// when `o` chose an order), merged into it: each found its place by a binary search,
    /// so the matches shown are scored again only along the way, not all of them.
    pub(super) fn merged_with(&self, mut new: Vec<usize>, library: &Library) -> Vec<usize> {
        let rank = library.display_rank();
        let haystacks = library.haystacks();
        let place = |id: usize| {
            let score = if self.by_match {
                haystacks
                    .get(id)
                    .and_then(|haystack| self.query.quick_score(haystack))
            } else {
                None
            };
            (
                std::cmp::Reverse(score),
                rank.get(id).copied().unwrap_or(u32::MAX),
            )
        };
        if !self.by_match {
            new.sort_by_key(|&id| rank.get(id).copied().unwrap_or(u32::MAX));
        }
        let mut merged = Vec::with_capacity(self.visible.len() + new.len());
        let mut rest = self.visible.as_slice();
        for id in new {
            let at = place(id);
            let before = rest.partition_point(|&shown| place(shown) < at);
            merged.extend_from_slice(&rest[..before]);
            rest = &rest[before..];
            merged.push(id);
        }
        merged.extend_from_slice(rest);
        merged
    }

    /// Skim's ranking of the current matches, for the background ranker.
    pub(super) fn refinement(&self, library: &Library) -> Option<Effect> {
        self.by_match.then(|| {
            Effect::Rank(Refinement {
                generation: self.generation,
                query: self.query.clone(),
                matches: self.visible.clone(),
                haystacks: library.haystacks().clone(),
                display_rank: library.display_rank().clone(),
                term_scores: self.term_scores.clone(),
            })
        })
    }

    /// Matches in display order when `o` chose an order over best match.
    pub(super) fn order_matches(&mut self, library: &Library) {
        if !self.query.is_empty() && !self.by_match {
            let rank = library.display_rank();
            self.visible.sort_by_key(|&id| rank[id]);
        }
    }

    /// The articles the unread and starred switches let through, in display order.
    pub(super) fn shown_in_display_order(&self, library: &Library) -> Vec<usize> {
        if !self.unread_only && !self.starred_only {
            return library.display_order().to_vec();
        }
        library
            .display_order()
            .iter()
            .copied()
            .filter(|&id| self.shown(id, library))
            .collect()
    }

    pub(super) fn shown(&self, id: usize, library: &Library) -> bool {
        let marks = library.marks(id);
        (!self.unread_only || !marks.read) && (!self.starred_only || marks.starred)
    }

    /// Selects article `id` if visible, else the first row.
    pub(super) fn select_id(&mut self, id: Option<usize>) {
        self.selected = id
            .and_then(|id| self.visible.iter().position(|&visible| visible == id))
            .unwrap_or(0);
        self.offset = self.offset.min(self.selected);
    }
}
