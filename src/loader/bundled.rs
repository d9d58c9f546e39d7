//! The sample articles built into the binary, so liseuse has something to show with no files.

use std::path::PathBuf;

use super::{parse_dispatch, sort_for_display};
use crate::article::Article;

/// The samples, by file name, as `assets/articles/` holds them.
const SAMPLES: [(&str, &str); 2] = [
    (
        "000_21107d0269baae87.txt",
        include_str!("../../assets/articles/000_21107d0269baae87.txt"),
    ),
    (
        "002_36d229e41b7896dc.txt",
        include_str!("../../assets/articles/002_36d229e41b7896dc.txt"),
    ),
];

/// The bundled samples as articles, sorted for display, each with the path
/// `assets/articles/<name>`.
pub fn load_bundled() -> Vec<Article> {
    let mut articles: Vec<Article> = SAMPLES
        .iter()
        .filter_map(|(name, text)| parse_dispatch(&PathBuf::from("assets/articles").join(name), text).ok())
        .collect();
    sort_for_display(&mut articles);
    articles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_parses() {
        assert_eq!(load_bundled().len(), SAMPLES.len());
    }
}
