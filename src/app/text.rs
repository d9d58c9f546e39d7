//! The text of the article shown, when the library holds it without (it lets the text of
//! an article that is a file go, to hold a million in memory): read again from the file
//! once the article is selected, and kept while it stays so.

use std::sync::Arc;

use super::Library;
use crate::article::Article;

/// The one article whose text is held, by id.
#[derive(Debug, Default)]
pub struct HeldText {
    held: Option<(usize, Arc<Article>)>,
}

impl HeldText {
    /// Article `id` with its text, if it is the one held.
    pub fn of(&self, id: usize) -> Option<&Arc<Article>> {
        self.held
            .as_ref()
            .filter(|(held, _)| *held == id)
            .map(|(_, article)| article)
    }

    /// Article `id` with its text where it is held, else as `library` lists it.
    pub fn or_listed<'a>(&'a self, library: &'a Library, id: usize) -> &'a Arc<Article> {
        self.of(id).unwrap_or_else(|| library.shared(id))
    }

    /// Holds `article`, read again for `id`, in place of what was held.
    pub fn hold(&mut self, id: usize, article: Article) {
        self.held = Some((id, Arc::new(article)));
    }

    /// Holds `listed`, article `id` as the library has it, with one paragraph saying why
    /// its text could not be read again: the reading pane then says it, rather than
    /// showing an empty article or asking the file again at every key.
    pub fn hold_unreadable(&mut self, id: usize, listed: &Article, reason: &str) {
        let mut article = listed.clone();
        article.paragraphs = vec![format!(
            "[The text of this article cannot be read again: {reason}.]"
        )];
        self.hold(id, article);
    }
}
