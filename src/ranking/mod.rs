//! The filter's ranking, built to filter a large archive without stalling the screen: the
//! articles' haystacks kept in shareable chunks, a quick first ranking over both cores, and
//! skim's full ranking done in the background ([`worker`]) on the best matches first, a
//! newer query cancelling an older one.

pub mod worker;

use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use crate::article::Article;
use crate::query::{FacetHaystacks, Facets, Haystack, Query, TermScores};

/// What the filter matches of an article: its title (field 0, the one highlighted), then
/// each name, then the file name; and apart, what field terms match.
pub fn article_haystack(article: &Article) -> Haystack {
    article_haystack_sharing(article, &mut FacetHaystacks::default())
}

/// [`article_haystack`], its source and places shared with the articles before that had
/// the same (`shared`).
pub fn article_haystack_sharing(article: &Article, shared: &mut FacetHaystacks) -> Haystack {
    let file_name = article.file_name();
    let names = 1..1 + article.names.len();
    Haystack::new(
        std::iter::once(article.title.as_str())
            .chain(article.names.iter().map(String::as_str))
            .chain(std::iter::once(file_name.as_str())),
    )
    .with_facets(Facets::of(article, names, shared))
}

/// Every article's haystack by article id (arrival order), appended batch by batch in
/// chunks, so the background ranker gets a snapshot for the price of a few `Arc`s.
#[derive(Debug, Clone, Default)]
pub struct Haystacks {
    chunks: Vec<Arc<[Haystack]>>,
    /// The id of each chunk's first haystack.
    starts: Vec<usize>,
    len: usize,
    /// Counts the haystacks replaced, so scores remembered of them are known stale.
    version: u64,
}

impl Haystacks {
    /// The haystacks of `articles`, in one chunk, ids by position.
    pub fn of(articles: &[Article]) -> Self {
        let mut haystacks = Self::default();
        let mut shared = FacetHaystacks::default();
        let chunk = articles
            .iter()
            .map(|article| article_haystack_sharing(article, &mut shared))
            .collect();
        haystacks.push_chunk(chunk);
        haystacks
    }

    pub fn push_chunk(&mut self, mut chunk: Vec<Haystack>) {
        if chunk.is_empty() {
            return;
        }
        Haystack::pack(&mut chunk);
        self.starts.push(self.len);
        self.len += chunk.len();
        self.chunks.push(chunk.into());
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Replaces one article's haystack (its file changed); a ranking in flight keeps the
    /// chunk it had.
    pub fn replace(&mut self, id: usize, haystack: Haystack) {
        let Some(chunk) = self.starts.partition_point(|&start| start <= id).checked_sub(1) else {
            return;
        };
        let mut haystacks = self.chunks[chunk].to_vec();
        if let Some(slot) = haystacks.get_mut(id - self.starts[chunk]) {
            *slot = haystack;
            self.chunks[chunk] = haystacks.into();
            self.version += 1;
        }
    }

    /// Changes when a haystack is replaced; articles added leave it as it is.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Every haystack, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Haystack> {
        self.chunks.iter().flat_map(|chunk| chunk.iter())
    }

    pub fn get(&self, id: usize) -> Option<&Haystack> {
        let chunk = self.starts.partition_point(|&start| start <= id).checked_sub(1)?;
        self.chunks[chunk].get(id - self.starts[chunk])
    }
}

/// Below this many candidates one core is quicker than two.
const PARALLEL_FROM: usize = 8_000;

/// How many articles are scored between two looks at the cancel flag.
const CANCEL_CHECK_EVERY: usize = 2_048;

/// Scores `candidates` on both cores; keeps the matches, best first, ties in `display_rank`
/// order. `score` returns `None` for a non-match. `None` when `cancelled` said so midway.
fn rank_by(
    candidates: &[usize],
    haystacks: &Haystacks,
    display_rank: &[u32],
    score: impl Fn(usize, &Haystack) -> Option<i64> + Sync,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<usize>> {
    let score_slice = |slice: &[usize]| -> Option<Vec<(i64, u32, usize)>> {
        let mut scored = Vec::new();
        for block in slice.chunks(CANCEL_CHECK_EVERY) {
            if cancelled() {
                return None;
            }
            scored.extend(block.iter().filter_map(|&id| {
                let found = score(id, haystacks.get(id)?)?;
                Some((found, display_rank.get(id).copied().unwrap_or(u32::MAX), id))
            }));
        }
        Some(scored)
    };
    // Scored in id order, the order the haystacks were made in and lie in memory: a walk
    // through memory rather than a jump per article (about a quarter of the quick pass's
    // time at 100 000). The order found is the sort's below, whatever the order scored in.
    let mut in_memory_order = candidates.to_vec();
    in_memory_order.sort_unstable();
    let mut scored = on_both_cores(&in_memory_order, score_slice)?;
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    Some(scored.into_iter().map(|(_, _, id)| id).collect())
}

/// The articles of `candidates` that `query` matches, in the order given, found on both
/// cores: a ranking kept as it is while terms that score every match the same narrow it.
pub fn matching_in_order(query: &Query, candidates: &[usize], haystacks: &Haystacks) -> Vec<usize> {
    let matching = |slice: &[usize]| -> Option<Vec<usize>> {
        let kept = slice.iter().copied().filter(|&id| {
            haystacks
                .get(id)
                .is_some_and(|haystack| query.score(haystack).is_some())
        });
        Some(kept.collect())
    };
    // It never gives up; a half that panicked (a bug) is done again here.
    on_both_cores(candidates, matching)
        .or_else(|| matching(candidates))
        .unwrap_or_default()
}

/// `work` over `items`, split between both cores when there are enough of them: its
/// results in the order of `items`, or `None` when it gave up on either half. A panic in
/// the other half is a bug, taken as giving up rather than fatal.
fn on_both_cores<T: Send>(
    items: &[usize],
    work: impl Fn(&[usize]) -> Option<Vec<T>> + Sync,
) -> Option<Vec<T>> {
    if items.len() < PARALLEL_FROM {
        return work(items);
    }
    let (first, second) = items.split_at(items.len() / 2);
    thread::scope(|scope| {
        let other = scope.spawn(|| work(second));
        let mut done = work(first)?;
        done.extend(other.join().ok()??);
        Some(done)
    })
}

fn never() -> bool {
    false
}

/// Says whether newer input waits, so that a filtering on the interface thread gives way
/// to it rather than hold back the echo of the next key. The model knows it only as this.
#[derive(Clone)]
pub struct Interrupt(Arc<dyn Fn() -> bool + Send + Sync>);

impl Interrupt {
    pub fn new(waiting: impl Fn() -> bool + Send + Sync + 'static) -> Self {
        Self(Arc::new(waiting))
    }

    /// Nothing ever waits: tests, and the modes without a terminal.
    pub fn never() -> Self {
        Self::new(never)
    }

    pub fn is_set(&self) -> bool {
        (self.0)()
    }
}

impl Default for Interrupt {
    fn default() -> Self {
        Self::never()
    }
}

impl std::fmt::Debug for Interrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interrupt").finish_non_exhaustive()
    }
}

/// Which score ranks the matches: both agree on what matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scoring {
    /// Quick enough for every keystroke over the whole archive: the first ranking.
    Quick,
    /// skim's score, as fzf ranks: the final ranking.
    Skim,
}

/// The articles of `candidates` that match `query`, best first by `scoring`, ties in
/// `display_rank` order.
pub fn rank(
    query: &Query,
    scoring: Scoring,
    candidates: &[usize],
    haystacks: &Haystacks,
    display_rank: &[u32],
) -> Vec<usize> {
    rank_unless(
        query,
        scoring,
        candidates,
        haystacks,
        display_rank,
        &Interrupt::never(),
    )
    .unwrap_or_default()
}

/// [`rank`], given up (`None`) as soon as `interrupt` is set.
pub fn rank_unless(
    query: &Query,
    scoring: Scoring,
    candidates: &[usize],
    haystacks: &Haystacks,
    display_rank: &[u32],
    interrupt: &Interrupt,
) -> Option<Vec<usize>> {
    let score = |_, haystack: &Haystack| match scoring {
        Scoring::Quick => query.quick_score(haystack),
        Scoring::Skim => query.score(haystack),
    };
    rank_by(candidates, haystacks, display_rank, score, &|| interrupt.is_set())
}

/// How many of the quick ranking's best are re-ranked by skim first.
pub const FIRST_REFINEMENT: usize = 300;

/// Work for the background ranker: re-rank a quick ranking with skim.
#[derive(Debug, Clone)]
pub struct Refinement {
    pub generation: u64,
    pub query: Query,
    /// The quick ranking's matches, best first.
    pub matches: Vec<usize>,
    pub haystacks: Haystacks,
    pub display_rank: Arc<Vec<u32>>,
    /// The scores of terms ranked before, kept by the filter from one ranking to the next.
    pub term_scores: Arc<Mutex<TermScores>>,
}

/// A refined ranking of the same matches, for the query of `generation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refined {
    pub generation: u64,
    pub matches: Vec<usize>,
    /// Every match is ranked by skim: the ranking will not change again.
    pub complete: bool,
}

impl Refinement {
    /// Skim ranks the best few hundred first (sent at once), then all; stops early, with
    /// nothing more sent, when `cancelled` says a newer query has come.
    pub fn run(&self, cancelled: impl Fn() -> bool + Sync, mut send: impl FnMut(Refined)) {
        // Only rankings take it, one at a time; one that panicked left whole scores.
        let mut term_scores = self.term_scores.lock().unwrap_or_else(PoisonError::into_inner);
        let recall = term_scores.recall(&self.query, self.haystacks.version(), self.haystacks.len());
        let rank = |candidates: &[usize]| {
            let score = |id, haystack: &Haystack| self.query.score_recalled(id, haystack, &recall);
            rank_by(candidates, &self.haystacks, &self.display_rank, score, &cancelled)
        };
        let split = self.matches.len().min(FIRST_REFINEMENT);
        let Some(mut matches) = rank(&self.matches[..split]) else {
            return;
        };
        let complete = split == self.matches.len();
        matches.extend_from_slice(&self.matches[split..]);
        send(Refined {
            generation: self.generation,
            matches,
            complete,
        });
        if complete {
            return;
        }
        if let Some(matches) = rank(&self.matches) {
            send(Refined {
                generation: self.generation,
                matches,
                complete: true,
            });
        }
    }
}
