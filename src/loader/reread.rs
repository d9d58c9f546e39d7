//! Reading an open article's file again, to catch a change or a deletion since loading.

use std::path::Path;

use super::{LoadError, read_article};
use crate::article::Article;

/// What reading an open article's file again found.
#[derive(Debug)]
pub enum Reread {
    Same,
    Changed(Box<Article>),
    /// Gone or unreadable, and why.
    Failed(LoadError),
}

/// The file at `path` read again, compared with `shown`, the article as loaded.
pub fn reread(path: &Path, shown: Option<&Article>) -> Reread {
    match read_article(path) {
        Ok(article) if shown == Some(&article) => Reread::Same,
        Ok(article) => Reread::Changed(Box::new(article)),
        Err(error) => Reread::Failed(error),
    }
}
