//! The order articles are listed in: newest first, then by title, then by path.

use std::cmp::Reverse;

use crate::article::{Article, ArticleDate};
use crate::fold::fold_str;

/// Sorts newest first where a date is known, dated articles before undated ones; then by
/// title, ignoring case and diacritics (`Été` sorts with `ete`); then by path, so the order
/// is the same on every run. A date known only to the month sorts after the days of that
/// month.
pub fn sort_for_display(articles: &mut [Article]) {
    // The keys are made once, and the path compared in place rather than copied into them:
    // for a large archive, the keys are most of what sorting allocates.
    let mut keys: Vec<(DisplayKey, usize)> = articles.iter().map(display_key).zip(0..).collect();
    keys.sort_unstable_by(|(key, at), (other_key, other_at)| {
        key.cmp(other_key)
            .then_with(|| articles[*at].path.cmp(&articles[*other_at].path))
            .then(at.cmp(other_at))
    });
    let mut place = vec![0; articles.len()];
    for (to, (_, from)) in keys.into_iter().enumerate() {
        place[from] = to;
    }
    // Each swap puts one article in its place for good.
    for at in 0..articles.len() {
        while place[at] != at {
            let to = place[at];
            articles.swap(at, to);
            place.swap(at, to);
        }
    }
}

/// What orders an article in the list, but for its path (the last tie-break, compared apart
/// so the key stays small when kept for every article of a large archive): dated before
/// undated, newest first, then the title folded.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DisplayKey {
    pub undated: bool,
    pub date: Option<Reverse<ArticleDate>>,
    pub title: SortTitle,
}

/// A folded title as the orders compare it, its first bytes kept beside it: a large archive
/// is merged into the list mostly by those, inline in the key, and the title itself (a read
/// elsewhere in memory, most of the merge's time) is compared only when they tie.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortTitle {
    /// The first 8 bytes, big-endian, zero after the end: ordered as the titles are, or equal.
    head: u64,
    whole: Box<str>,
}

impl SortTitle {
    pub fn new(folded: &str) -> Self {
        let mut head = [0; 8];
        let first = &folded.as_bytes()[..folded.len().min(8)];
        head[..first.len()].copy_from_slice(first);
        SortTitle {
            head: u64::from_be_bytes(head),
            whole: folded.into(),
        }
    }
}

pub fn display_key(article: &Article) -> DisplayKey {
    display_key_folded(article, &fold_str(&article.title))
}

/// [`display_key`], given the title folded as the filter folds it (`Đặng` sorts with
/// `dang`, `Été` with `ete`): the filter's haystack holds it already.
pub fn display_key_folded(article: &Article, folded_title: &str) -> DisplayKey {
    DisplayKey {
        undated: article.date.is_none(),
        date: article.date.map(Reverse),
        title: SortTitle::new(folded_title),
    }
}

#[cfg(test)]
mod tests {
    use super::SortTitle;
    use proptest::prelude::*;

    proptest! {
        /// Titles short and long, sharing their first bytes or not, with NULs and any
        /// Unicode: the head decides only where the titles would.
        #[test]
        fn sort_titles_order_as_their_titles(
            a in "[ab\\x00é]{0,12}|\\PC{0,12}",
            b in "[ab\\x00é]{0,12}|\\PC{0,12}",
        ) {
            prop_assert_eq!(SortTitle::new(&a).cmp(&SortTitle::new(&b)), a.cmp(&b));
        }
    }
}
