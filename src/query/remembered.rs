//! skim's scores of the terms of recent queries, kept between keystrokes for the
//! background ranker.

use std::sync::atomic::{AtomicI32, Ordering};

use super::{Query, Term};

/// skim's score of each term of recent queries, article by article, kept from one ranking
/// to the next: `to lam` typed after `to ` has `l`, `la` and `lam` scored over the matches,
/// not `to` again at every key, and Backspace finds them all. The background ranker uses
/// it a ranking at a time; within one, each article is scored by one thread, which writes
/// its cells.
#[derive(Debug, Default)]
pub struct TermScores {
    /// Which haystacks the scores are of: one replaced (its file changed) makes them stale.
    version: u64,
    /// The terms scored lately, the most recent last, each with its scores by article id.
    terms: Vec<(Term, Vec<AtomicI32>)>,
}

/// How many terms [`TermScores`] keeps: a few queries' worth, 4 bytes an article each.
const KEPT_TERMS: usize = 8;
/// A cell of [`TermScores`] not scored yet, and one whose term does not match.
const UNKNOWN: i32 = i32::MIN;
const NO_MATCH: i32 = i32::MIN + 1;

impl TermScores {
    /// The cells of `query`'s terms for haystacks of `version` holding `articles`, made
    /// for those new to it; the terms scored longest ago are forgotten.
    pub fn recall(&mut self, query: &Query, version: u64, articles: usize) -> Recall<'_> {
        if version != self.version {
            self.terms.clear();
            self.version = version;
        }
        let wanted: Vec<&Term> = query.groups.iter().flatten().collect();
        // A query of more terms (a paragraph pasted) has its first few remembered, the
        // rest scored afresh: memory stays a few bytes an article.
        for &term in wanted.iter().take(KEPT_TERMS) {
            let scored = match self.terms.iter().position(|(known, _)| known == term) {
                Some(at) => self.terms.remove(at),
                None => (term.clone(), Vec::new()),
            };
            self.terms.push(scored);
        }
        let forgotten = self.terms.len().saturating_sub(KEPT_TERMS);
        self.terms.drain(..forgotten);
        for (_, cells) in &mut self.terms {
            if cells.len() < articles {
                cells.resize_with(articles, || AtomicI32::new(UNKNOWN));
            }
        }
        let terms = &self.terms;
        let cells = wanted
            .iter()
            .map(|&term| {
                terms
                    .iter()
                    .find(|(known, _)| known == term)
                    .map_or(&[][..], |(_, cells)| cells.as_slice())
            })
            .collect();
        Recall { cells }
    }
}

/// The remembered scores of a query's terms, in the order of its terms.
pub struct Recall<'a> {
    cells: Vec<&'a [AtomicI32]>,
}

impl Recall<'_> {
    /// Term `term`'s score for article `id`: remembered, else `compute`d and remembered.
    pub(super) fn score(&self, term: usize, id: usize, compute: impl FnOnce() -> Option<i64>) -> Option<i64> {
        let Some(cell) = self.cells.get(term).and_then(|cells| cells.get(id)) else {
            return compute();
        };
        match cell.load(Ordering::Relaxed) {
            UNKNOWN => {
                let score = compute();
                let kept = match score {
                    None => Some(NO_MATCH),
                    Some(score) => i32::try_from(score).ok().filter(|&score| score > NO_MATCH),
                };
                if let Some(kept) = kept {
                    cell.store(kept, Ordering::Relaxed);
                }
                score
            }
            NO_MATCH => None,
            score => Some(i64::from(score)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{KEPT_TERMS, TermScores};
    use crate::query::{Haystack, Query};

    #[test]
    fn a_pasted_paragraph_is_scored_right_and_only_its_first_terms_remembered() {
        let haystacks: Vec<Haystack> = ["Tô Lâm reçoit le ministre", "La visite du ministre à Hanoï"]
            .into_iter()
            .map(|title| Haystack::new([title]))
            .collect();
        let paragraph = "le ministre a reçu à hanoi la délégation venue de moscou pour une visite \
                         de travail consacrée à la coopération";
        let query = Query::parse(paragraph);
        let mut remembered = TermScores::default();
        for _ in 0..2 {
            let recall = remembered.recall(&query, 0, haystacks.len());
            for (id, haystack) in haystacks.iter().enumerate() {
                assert_eq!(query.score_recalled(id, haystack, &recall), query.score(haystack));
            }
        }
        assert!(query.groups.len() > KEPT_TERMS);
        let kept = remembered.terms.len();
        assert!(kept <= KEPT_TERMS, "{kept} terms kept, 4 bytes an article each");
    }
}
