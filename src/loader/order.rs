//! The order articles are listed in: newest first, then by title, then by path.

use std::cmp::Reverse;

use crate::article::{Article, ArticleDate};
use crate::fold::fold_str;

/// Sorts newest first where a date is known, dated articles before undated ones; then by
/// title, ignoring case and diacritics (`Été` sorts with `ete`); then by path, so the order
/// is the same on every run. A date known only to the month sorts after the days of that
/// month.
pub fn sort_for_display(articles: &mut [Article]) {
    articles.sort_by_cached_key(|article| (display_key(article), article.path.clone()));
}

/// What orders an article in the list, but for its path (the last tie-break, compared apart
/// so the key stays small when kept for every article of a large archive).
pub type DisplayKey = (bool, Option<Reverse<ArticleDate>>, Box<str>);

pub fn display_key(article: &Article) -> DisplayKey {
    (
        article.date.is_none(),
        article.date.map(Reverse),
        title_key(&article.title).into_boxed_str(),
    )
}

/// The title as the filter sees it: `Đặng` sorts with `dang`, `Été` with `ete`.
fn title_key(title: &str) -> String {
    fold_str(title)
}
