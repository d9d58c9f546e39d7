//! Related articles (`r`, `--related`): the articles closest to one, by the telling words
//! of their bodies (tantivy's more-like-this over the full-text index) and by the people
//! and places they share, a rare name counting for more than one every dispatch mentions.
//!
//! Both halves are found apart: the words by the search engine, which knows articles by
//! content key, the names over the filter's haystacks, by article id; [`rank`] joins them.

use std::collections::HashMap;

use super::{FullTextError, FullTextHit, FullTextSearcher};
use crate::ranking::Haystacks;

/// How many related articles are listed: more than a story has dispatches.
pub const LIMIT: usize = 50;
/// How many articles each half proposes before they are joined.
const CANDIDATES: usize = 200;
/// The shared names shown on a row, rarest first.
pub const SHOWN_NAMES: usize = 4;

/// An article sharing names with the one asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    pub id: usize,
    /// The weight of the names shared over the weight of all the first article's names:
    /// 1 when it shares every one.
    pub score: f32,
    /// Which of its names are shared, as indices into its `names`, rarest first.
    pub shared: Vec<usize>,
}

/// An article related to the one asked about, with the names they share (indices into its
/// `names`, rarest first).
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub id: usize,
    pub score: f32,
    pub shared: Vec<usize>,
}

/// The words half: the articles sharing the most telling words of `article`, best first, by
/// content key (`article` among them once indexed); none without an index.
pub fn by_words(
    searcher: Option<&FullTextSearcher>,
    article: &crate::article::Article,
) -> Result<Vec<FullTextHit>, FullTextError> {
    match searcher {
        Some(searcher) => searcher.more_like(article, CANDIDATES + 1),
        None => Ok(Vec::new()),
    }
}

/// The names half: the articles sharing names with article `of`, best first. A name's
/// weight is its rarity in the archive (the log of how many articles there are over how
/// many mention it), so `Vietnam` in every dispatch counts for little; names are compared
/// folded, so `To Lam` is `Tô Lâm`.
pub fn by_names(haystacks: &Haystacks, of: usize) -> Vec<NameMatch> {
    let Some(own) = haystacks.get(of) else {
        return Vec::new();
    };
    let mut wanted: HashMap<&str, usize> = HashMap::new();
    for name in own.names() {
        let next = wanted.len();
        wanted.entry(name).or_insert(next);
    }
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut mentions = vec![0usize; wanted.len()];
    // Each article sharing a name: its id, and (which of ours, which of its) per name.
    let mut sharing: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
    for (id, haystack) in haystacks.iter().enumerate() {
        let mut shared: Vec<(usize, usize)> = Vec::new();
        for (position, name) in haystack.names().enumerate() {
            if let Some(&ours) = wanted.get(name)
                && !shared.iter().any(|&(seen, _)| seen == ours)
            {
                mentions[ours] += 1;
                shared.push((ours, position));
            }
        }
        if !shared.is_empty() && id != of {
            sharing.push((id, shared));
        }
    }
    let articles = haystacks.len() as f32;
    let weight: Vec<f32> = mentions
        .iter()
        .map(|&count| (articles / count.max(1) as f32).ln() + 0.1)
        .collect();
    let total: f32 = weight.iter().sum();
    let mut matches: Vec<NameMatch> = sharing
        .into_iter()
        .map(|(id, mut shared)| {
            shared.sort_by(|a, b| weight[b.0].total_cmp(&weight[a.0]).then(a.0.cmp(&b.0)));
            NameMatch {
                id,
                score: shared.iter().map(|&(ours, _)| weight[ours]).sum::<f32>() / total,
                shared: shared.into_iter().map(|(_, theirs)| theirs).collect(),
            }
        })
        .collect();
    matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    matches.truncate(CANDIDATES);
    matches
}

/// Both halves joined, best first, at most [`LIMIT`], article `of` left out. Each half
/// counts alike: the words' score over the best words' score, plus the names' score.
/// `words` is by article id, as the caller found the content keys.
pub fn rank(of: usize, words: &[(usize, f32)], names: Vec<NameMatch>) -> Vec<Related> {
    let best_words = words
        .iter()
        .filter(|&&(id, _)| id != of)
        .map(|&(_, score)| score)
        .fold(0.0f32, f32::max);
    let mut joined: HashMap<usize, Related> = HashMap::new();
    for &(id, score) in words.iter().filter(|&&(id, _)| id != of) {
        let related = joined.entry(id).or_insert(Related {
            id,
            score: 0.0,
            shared: Vec::new(),
        });
        // The same article twice (two copies of one text) counts its best.
        related.score = related.score.max(score / best_words);
    }
    for name_match in names.into_iter().filter(|found| found.id != of) {
        let related = joined.entry(name_match.id).or_insert(Related {
            id: name_match.id,
            score: 0.0,
            shared: Vec::new(),
        });
        related.score += name_match.score;
        related.shared = name_match.shared;
    }
    let mut related: Vec<Related> = joined.into_values().collect();
    related.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    related.truncate(LIMIT);
    related
}
