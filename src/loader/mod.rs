//! Files to [`Article`]s: finding article files, reading them, and what can go wrong.
//!
//! A file that cannot be loaded never stops the others: [`load_streaming`] turns each
//! failure into a [`LoadWarning`] for the status line.

mod bundled;
mod cache;
mod credits;
mod decode;
mod dispatch;
mod draft;
mod language;
mod names;
mod order;
mod places;
mod sentence;
mod stream;
mod title;
mod walk;
mod words;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

pub use bundled::load_bundled;
pub use dispatch::parse_dispatch;
pub use order::{DisplayKey, display_key, sort_for_display};
pub use stream::{LoadOptions, load_streaming};
pub use walk::discover;

use crate::article::Article;
use crate::safe_file;
use crate::sanitize::sanitize_line;

/// Files are read up to this size; an archive's articles are a few KiB, and a bigger file
/// is more likely a mistake than an article worth a long stall.
pub const MAX_READ_BYTES: u64 = 16 * 1024 * 1024;

/// A path passed over while loading, and why; shown to the user, never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", shown(&self.path), sanitize_line(&self.reason))
    }
}

impl From<LoadError> for LoadWarning {
    fn from(error: LoadError) -> Self {
        let reason = error.reason();
        let path = match error {
            LoadError::Io { path, .. }
            | LoadError::NotAFile { path }
            | LoadError::NotText { path }
            | LoadError::Empty { path } => path,
        };
        LoadWarning { path, reason }
    }
}

/// Why one file could not become an article. Displays as `<path>: <reason>` on one line.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    Io {
        path: PathBuf,
        source: io::Error,
    },
    /// A FIFO, socket or device: opening one could block or have effects.
    NotAFile {
        path: PathBuf,
    },
    /// Binary data, or an encoding this reader does not know.
    NotText {
        path: PathBuf,
    },
    /// No text once the header and photo credits are set aside.
    Empty {
        path: PathBuf,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::NotAFile { path }
            | LoadError::NotText { path }
            | LoadError::Empty { path } => path,
        }
    }

    /// The message without the path.
    fn reason(&self) -> String {
        match self {
            LoadError::Io { source, .. } => format!("cannot read: {source}"),
            LoadError::NotAFile { .. } => "not a regular file; skipped".to_owned(),
            LoadError::NotText { .. } => "not text (binary data or an unknown encoding)".to_owned(),
            LoadError::Empty { .. } => "empty: no article text".to_owned(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", shown(self.path()), sanitize_line(&self.reason()))
    }
}

/// A name for the archive made of `paths`, the same however they are written or ordered:
/// what its caches (parsed articles, the full-text index) are kept under.
pub fn archive_id(paths: &[PathBuf]) -> String {
    let canonical: Vec<PathBuf> = paths
        .iter()
        .map(|path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
        .collect();
    cache::roots_id(&canonical)
}

/// Reads one file into an [`Article`]. Only regular files are opened, and at most
/// [`MAX_READ_BYTES`] of them are read; a longer file says so in a last paragraph.
pub fn read_article(path: &Path) -> Result<Article, LoadError> {
    let is_file = std::fs::metadata(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    if !is_file.is_file() {
        return Err(LoadError::NotAFile {
            path: path.to_owned(),
        });
    }
    parse_file(path, &mut Vec::new())
}

/// Reads and parses a file already known to be a regular one, through `buffer`, which a
/// loading thread keeps from file to file rather than allocating one per file.
fn parse_file(path: &Path, buffer: &mut Vec<u8>) -> Result<Article, LoadError> {
    let truncated = safe_file::read_capped(path, MAX_READ_BYTES, buffer).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    if truncated {
        drop_split_character(buffer);
    }
    let text = decode::decode(buffer).ok_or_else(|| LoadError::NotText {
        path: path.to_owned(),
    })?;
    let mut article = parse_dispatch(path, &text)?;
    if truncated {
        article.paragraphs.push(format!(
            "[…] (only the first {} MiB of this file were read)",
            MAX_READ_BYTES / 1024 / 1024
        ));
    }
    Ok(article)
}

/// Discovers the article files under `paths` and loads them, sorted for display, through
/// the cache the environment names (see [`LoadOptions::from_env`]). Every path given or
/// found that could not be loaded gives a warning.
pub fn load_paths(paths: &[PathBuf]) -> (Vec<Article>, Vec<LoadWarning>) {
    load_paths_with(paths, &LoadOptions::from_env())
}

/// [`load_paths`] with the cache `options` say, whatever the environment: tests keep away
/// from the user's cache with it.
pub fn load_paths_with(paths: &[PathBuf], options: &LoadOptions) -> (Vec<Article>, Vec<LoadWarning>) {
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    load_streaming(paths, options, |batch| {
        // Room for every file found, once their number is known, rather than twice the room
        // of the last doubling: an archive's articles are most of the memory used.
        articles.reserve_exact(batch.files_total.saturating_sub(articles.len()));
        articles.extend(batch.articles);
        warnings.extend(batch.warnings);
        true
    });
    sort_for_display(&mut articles);
    (articles, warnings)
}

/// A path as shown to the user: lossy where not UTF-8, sanitized, on one line.
fn shown(path: &Path) -> String {
    sanitize_line(&path.to_string_lossy())
}

/// Drops a UTF-8 sequence cut by truncation, so a long UTF-8 file stays valid UTF-8.
fn drop_split_character(bytes: &mut Vec<u8>) {
    if let Err(error) = std::str::from_utf8(bytes)
        && error.error_len().is_none()
    {
        bytes.truncate(error.valid_up_to());
    }
}
