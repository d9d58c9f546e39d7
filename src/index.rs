//! What the filter searches: one haystack per article (title, names, file name), and ranking.

use crate::article::Article;
use crate::query::{Haystack, Query};

#[derive(Debug, Default)]
pub struct ArticleIndex {
    haystacks: Vec<Haystack>,
}

impl ArticleIndex {
    pub fn new(articles: &[Article]) -> Self {
        Self {
            haystacks: articles.iter().map(article_haystack).collect(),
        }
    }

    /// The indices of the articles that match, best first; ties keep display order.
    /// An empty query lets every article through in display order.
    pub fn rank(&self, query: &Query) -> Vec<usize> {
        if query.is_empty() {
            return (0..self.haystacks.len()).collect();
        }
        let mut scored: Vec<(i64, usize)> = self
            .haystacks
            .iter()
            .enumerate()
            .filter_map(|(index, haystack)| query.score(haystack).map(|score| (score, index)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, index)| index).collect()
    }

    /// Character positions of article `index`'s title that `query` matched.
    pub fn title_highlights(&self, query: &Query, index: usize) -> Vec<usize> {
        match self.haystacks.get(index) {
            Some(haystack) if !query.is_empty() => query.highlight(haystack, 0),
            _ => Vec::new(),
        }
    }
}

/// The title first (field 0, the one highlighted), then each name, then the file name.
fn article_haystack(article: &Article) -> Haystack {
    let file_name = article.file_name();
    Haystack::new(
        std::iter::once(article.title.as_str())
            .chain(article.names.iter().map(String::as_str))
            .chain(std::iter::once(file_name.as_str())),
    )
}
