//! The article: what the loader makes of a dispatch file, and what every view reads.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::sanitize::sanitize_line;

/// A publication date at the precision the file gave it; never more precise than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ArticleDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

/// One clean article. Every string in it is NFC-normalised and free of terminal controls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Where it came from: a path on disk, or `assets/articles/…` for the bundled samples.
    pub path: PathBuf,
    pub title: String,
    pub date: Option<ArticleDate>,
    /// The agency, from a dateline `(VNA)` or a signature `-VNA/VI`.
    pub source: Option<String>,
    /// The place of the dateline, `Hanoï` in `Hanoï (VNA) –`.
    pub place: Option<String>,
    /// Photo captions (paragraphs ending in a `Photo: VNA` credit), shown apart from the body.
    pub captions: Vec<String>,
    pub paragraphs: Vec<String>,
    /// People and places the article mentions, in order of first mention.
    pub names: Vec<String>,
}

impl Article {
    /// The file name alone, as shown and matched; lossy where the name is not UTF-8, and
    /// sanitized, since a file name can hold escape sequences too.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|name| sanitize_line(&name.to_string_lossy()))
            .unwrap_or_default()
    }

    /// The whole path as shown: lossy where not UTF-8, sanitized, on one line.
    pub fn display_path(&self) -> String {
        sanitize_line(&self.path.to_string_lossy())
    }
}
