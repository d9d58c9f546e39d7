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
/// so the key stays small when kept for every article of a large archive).
pub type DisplayKey = (bool, Option<Reverse<ArticleDate>>, Box<str>);

pub fn display_key(article: &Article) -> DisplayKey {
    display_key_folded(article, &fold_str(&article.title))
}

/// [`display_key`], given the title folded as the filter folds it (`Đặng` sorts with
/// `dang`, `Été` with `ete`): the filter's haystack holds it already.
pub fn display_key_folded(article: &Article, folded_title: &str) -> DisplayKey {
    (
        article.date.is_none(),
        article.date.map(Reverse),
        folded_title.into(),
    )
}
