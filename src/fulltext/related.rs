//! Related articles (`r`, `--related`): the articles closest to one, by the telling words
//! of their bodies (tantivy's more-like-this over the full-text index) and by the people
//! and places they share, a rare name counting for more than one every dispatch mentions.
//!
//! Both halves are found apart: the words by the search engine, which knows articles by
//! content key, the names over the filter's haystacks, by article id; [`rank`] joins them.

use std::collections::HashMap;

use super::{FullTextError, FullTextHit, FullTextSearcher};
use crate::ranking::Haystacks;
use crate::store::ContentKey;

/// How many related articles are listed: more than a story has dispatches.
pub const LIMIT: usize = 50;
/// How many articles each half proposes before they are joined.
const CANDIDATES: usize = 200;
/// An article's names looked for, at most: one bit each.
const MAX_NAMES: usize = 64;
/// What a name every article mentions still counts for.
const RARITY_FLOOR: f32 = 0.1;
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

/// The words half: the articles sharing the most telling words of `article`, whose content
/// key is `key`, best first, by content key (`article` among them once indexed); none
/// without an index.
pub fn by_words(
    searcher: Option<&FullTextSearcher>,
    key: ContentKey,
    article: &crate::article::Article,
) -> Result<Vec<FullTextHit>, FullTextError> {
    match searcher {
        Some(searcher) => searcher.more_like(key, article, CANDIDATES + 1),
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
    let mut wanted: Vec<&str> = Vec::new();
    for name in own.names() {
        if !wanted.contains(&name) && wanted.len() < MAX_NAMES {
            wanted.push(name);
        }
    }
    if wanted.is_empty() {
        return Vec::new();
    }
    // Every article's names are looked at: on both cores, each taking every other article.
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(2);
    let parts: Vec<Sharing> = std::thread::scope(|scope| {
        let wanted = &wanted;
        let workers: Vec<_> = (0..threads)
            .map(|part| scope.spawn(move || sharing(haystacks, wanted, part, threads)))
            .collect();
        workers
            .into_iter()
            .filter_map(|worker| worker.join().ok())
            .collect()
    });
    let mut mentions = vec![0usize; wanted.len()];
    let mut sharing = Vec::new();
    for part in parts {
        for (total, count) in mentions.iter_mut().zip(part.mentions) {
            *total += count;
        }
        sharing.extend(part.articles);
    }
    let articles = haystacks.len() as f32;
    let weight: Vec<f32> = mentions
        .iter()
        .map(|&count| (articles / count.max(1) as f32).ln() + RARITY_FLOOR)
        .collect();
    let total: f32 = weight.iter().sum();
    let score = |shared: u64| -> f32 {
        (0..wanted.len())
            .filter(|&ours| shared & (1 << ours) != 0)
            .map(|ours| weight[ours])
            .sum::<f32>()
            / total
    };
    let mut scored: Vec<(usize, f32)> = sharing
        .into_iter()
        .filter(|&(id, _)| id != of)
        .map(|(id, shared)| (id, score(shared)))
        .collect();
    let best_first = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if scored.len() > CANDIDATES {
        scored.select_nth_unstable_by(CANDIDATES, best_first);
        scored.truncate(CANDIDATES);
    }
    scored.sort_by(best_first);
    // Which of its names are shared, rarest first, for the few kept.
    scored
        .into_iter()
        .map(|(id, score)| {
            let mut shared: Vec<(usize, usize)> = haystacks
                .get(id)
                .into_iter()
                .flat_map(|haystack| haystack.names().enumerate())
                .filter_map(|(position, name)| Some((wanted_index(&wanted, name)?, position)))
                .collect();
            // Rarest first; a name mentioned twice, once, at its first mention.
            shared.sort_by(|a, b| weight[b.0].total_cmp(&weight[a.0]).then(a.cmp(b)));
            shared.dedup_by_key(|&mut (ours, _)| ours);
            NameMatch {
                id,
                score,
                shared: shared.into_iter().map(|(_, theirs)| theirs).collect(),
            }
        })
        .collect()
}

/// Which of the `wanted` names `name` is. They are few: compared one by one, by length
/// first, they cost less than hashing every name of the archive.
fn wanted_index(wanted: &[&str], name: &str) -> Option<usize> {
    wanted
        .iter()
        .position(|&wanted| wanted.len() == name.len() && wanted == name)
}

/// The articles of one part of the archive that share names with the one asked about.
struct Sharing {
    /// How many articles of the part mention each wanted name, the one asked about included.
    mentions: Vec<usize>,
    /// Each article sharing names: its id, and which wanted names, one bit each.
    articles: Vec<(usize, u64)>,
}

/// Looks at every `parts`-th article from `part` on.
fn sharing(haystacks: &Haystacks, wanted: &[&str], part: usize, parts: usize) -> Sharing {
    let mut found = Sharing {
        mentions: vec![0; wanted.len()],
        articles: Vec::new(),
    };
    for (id, haystack) in haystacks.iter().enumerate().skip(part).step_by(parts) {
        let mut shared = 0u64;
        for name in haystack.names() {
            if let Some(ours) = wanted_index(wanted, name)
                && shared & (1 << ours) == 0
            {
                found.mentions[ours] += 1;
                shared |= 1 << ours;
            }
        }
        if shared != 0 {
            found.articles.push((id, shared));
        }
    }
    found
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
