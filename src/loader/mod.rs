//! Files to [`Article`]s: finding article files, reading them, and what can go wrong.
//!
//! A file that cannot be loaded never stops the others: [`load_streaming`] turns each
//! failure into a [`LoadWarning`] for the status line.

mod bundled;
mod cache;
mod credits;
mod dates;
mod decode;
mod dispatch;
mod draft;
mod feed;
mod fields;
mod format;
mod html;
mod json;
mod language;
mod mail;
mod markdown;
mod names;
mod order;
mod places;
mod reread;
mod sentence;
mod stream;
mod title;
mod walk;
mod words;

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use format::Format;

pub use bundled::load_bundled;
pub use dispatch::parse_dispatch;
pub use order::{DisplayKey, display_key, display_key_folded, sort_for_display};
pub use reread::{Reread, reread};
pub use stream::{LoadBatch, LoadOptions, load_streaming};
pub use walk::discover;

use crate::article::Article;
use crate::safe_file;
use crate::sanitize::sanitize_line;
use crate::store::ContentKey;

/// Files are read up to this size; an archive's articles are a few KiB, and a bigger file
/// is more likely a mistake than an article worth a long stall.
pub const MAX_READ_BYTES: u64 = 16 * 1024 * 1024;
/// A feed is read whole, up to this size: feeds saved to disk are far smaller.
pub const MAX_FEED_BYTES: u64 = 256 * 1024 * 1024;
/// A gzipped stream gives at most this many times its compressed size, and at least
/// [`MIN_GZIP_OUTPUT`]: news text compresses four to ten times, a gzip bomb a thousand.
const GZIP_RATIO: u64 = 64;
const MIN_GZIP_OUTPUT: u64 = 256 * 1024 * 1024;
pub use crate::article::STDIN_PATH;

/// What one file gave: its articles (one for most formats, any number for feeds, JSON
/// dumps and mboxes), and what in it was broken and left out, each naming its line.
#[derive(Debug, Default)]
pub struct FileArticles {
    pub articles: Vec<Article>,
    /// `line 12: broken JSON (…)`, and the like.
    pub problems: Vec<String>,
    /// The content key of each article, where the loading computed them (on the parsing
    /// threads, or read from the cache); empty otherwise.
    pub keys: Vec<ContentKey>,
}

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
            | LoadError::Empty { path }
            | LoadError::Malformed { path, .. }
            | LoadError::NoSuchPart { path, .. } => path,
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
    /// A file in a known format that breaks it beyond reading (a feed that is not XML).
    Malformed {
        path: PathBuf,
        reason: String,
    },
    /// An address `path#N` past the file's articles, or a file of many read as one.
    NoSuchPart {
        path: PathBuf,
        reason: String,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::NotAFile { path }
            | LoadError::NotText { path }
            | LoadError::Empty { path }
            | LoadError::Malformed { path, .. }
            | LoadError::NoSuchPart { path, .. } => path,
        }
    }

    /// The message without the path.
    pub fn reason(&self) -> String {
        match self {
            LoadError::Io { source, .. } => format!("cannot read: {source}"),
            LoadError::NotAFile { .. } => "not a regular file; skipped".to_owned(),
            LoadError::NotText { .. } => "not text (binary data or an unknown encoding)".to_owned(),
            LoadError::Empty { .. } => "empty: no article text".to_owned(),
            LoadError::Malformed { reason, .. } | LoadError::NoSuchPart { reason, .. } => reason.clone(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", shown(self.path()), sanitize_line(&self.reason()))
    }
}

/// Where the full-text index of the archive made of `paths` is kept: in the cache folder
/// the environment names, if any.
pub fn full_text_dir(paths: &[PathBuf]) -> Option<PathBuf> {
    LoadOptions::from_env()
        .cache_dir
        .map(|cache| cache.join(format!("fulltext-{}", archive_id(paths))))
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

/// Reads one article: a file that is one article, or the `N`-th of a file holding many,
/// by its address `path#N` (as `--list` shows it). Only regular files are opened; a text
/// longer than [`MAX_READ_BYTES`] says so in a last paragraph. A file named `x#2` that
/// exists is that file, not the second article of `x`.
pub fn read_article(path: &Path) -> Result<Article, LoadError> {
    let (file, part) = match std::fs::metadata(path) {
        Ok(_) => (path.to_owned(), None),
        Err(error) => match split_address(path) {
            Some((file, part)) if file.exists() => (file, Some(part)),
            _ => {
                return Err(LoadError::Io {
                    path: path.to_owned(),
                    source: error,
                });
            }
        },
    };
    let meta = std::fs::metadata(&file).map_err(|source| LoadError::Io {
        path: file.clone(),
        source,
    })?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile { path: file });
    }
    let loaded = parse_one(&file, part)?;
    let count = loaded.articles.len();
    let mut articles = loaded.articles.into_iter();
    match (part, articles.next()) {
        (None, Some(article)) if article.part.is_none() || count == 1 => Ok(article),
        (Some(_), Some(article)) => Ok(article),
        (None, Some(_)) => Err(LoadError::NoSuchPart {
            reason: format!(
                "holds {count} articles: name one as {}#1 … {}#{count}",
                shown(&file),
                shown(&file)
            ),
            path: file,
        }),
        (Some(part), None) => Err(LoadError::NoSuchPart {
            reason: format!("has no article #{part}"),
            path: file,
        }),
        (None, None) => Err(LoadError::Empty { path: file }),
    }
}

/// Every article of one file, and what in it was broken.
pub fn read_file(path: &Path) -> Result<FileArticles, LoadError> {
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            path: path.to_owned(),
        });
    }
    parse_file(path, &mut Vec::new())
}

/// The articles of an archive file given on standard input, in any format (found by its
/// first bytes); their addresses are `-#N`, or `-` for a single article.
pub fn read_stdin() -> Result<FileArticles, LoadError> {
    let path = Path::new(STDIN_PATH);
    let stdin = io::stdin().lock();
    let mut reader = BufReader::with_capacity(256 * 1024, stdin);
    let mut start = Vec::with_capacity(4096);
    (&mut reader)
        .take(4096)
        .read_to_end(&mut start)
        .map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
    let format = format::sniff(&start);
    let mut chained = BufReader::new(io::Cursor::new(start).chain(reader));
    parse_reader(path, format, &mut chained, u64::MAX / GZIP_RATIO, None)
}

/// Whether the file at `path` is text read as it is (a dispatch, a page, a clip) rather
/// than a feed, a dump or mail, whose bytes have encodings of their own.
pub fn is_plain_text(path: &Path) -> bool {
    format::is_plain_text(path)
}

/// `x#N` as the file `x` and the part `N` (from 1).
fn split_address(path: &Path) -> Option<(PathBuf, u32)> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let hash = bytes.iter().rposition(|&byte| byte == b'#')?;
    let number = std::str::from_utf8(&bytes[hash + 1..]).ok()?;
    let part: u32 = number
        .parse()
        .ok()
        .filter(|&part| part > 0 && !number.starts_with('+'))?;
    let file = std::str::from_utf8(&bytes[..hash])
        .ok()
        .map(PathBuf::from)
        .or_else(|| {
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt;
                Some(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes[..hash])))
            }
            #[cfg(not(unix))]
            {
                None
            }
        })?;
    Some((file, part))
}

/// Reads and parses a file already known to be a regular one, through `buffer`, which a
/// loading thread keeps from file to file rather than allocating one per file.
fn parse_file(path: &Path, buffer: &mut Vec<u8>) -> Result<FileArticles, LoadError> {
    if path.file_name().and_then(format::by_name) == Some(Format::Text) {
        let article = parse_text_file(path, buffer)?;
        return Ok(FileArticles {
            articles: vec![article],
            problems: Vec::new(),
            keys: Vec::new(),
        });
    }
    parse_one(path, None)
}

/// The articles of the file at `path`, in the format its name or first bytes say; only
/// the `want`-th when given.
fn parse_one(path: &Path, want: Option<u32>) -> Result<FileArticles, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = safe_file::open_regular(path, std::fs::OpenOptions::new().read(true)).map_err(io_error)?;
    let size = file.metadata().map(|meta| meta.len()).unwrap_or(0);
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let start = reader.fill_buf().map_err(io_error)?.to_vec();
    let format = format::of(path, &start);
    parse_reader(path, format, &mut reader, size, want)
}

/// The articles `reader` holds in `format`, the file at `path` (of `size` bytes, which
/// caps what a gzipped one may give).
fn parse_reader(
    path: &Path,
    format: Format,
    reader: &mut dyn BufRead,
    size: u64,
    want: Option<u32>,
) -> Result<FileArticles, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let one = |article: Result<Article, LoadError>| {
        article.map(|article| FileArticles {
            articles: vec![article],
            problems: Vec::new(),
            keys: Vec::new(),
        })
    };
    match format {
        Format::Json => json::parse(path, reader, json::Layout::Document, want),
        Format::JsonLines => json::parse(path, reader, json::Layout::Lines, want),
        Format::Gzip { lines } => {
            let limit = size.saturating_mul(GZIP_RATIO).max(MIN_GZIP_OUTPUT);
            let decoder = flate2::bufread::MultiGzDecoder::new(reader).take(limit);
            let mut decoded = BufReader::with_capacity(256 * 1024, decoder);
            let start = decoded
                .fill_buf()
                .map_err(|error| gzip_error(path, error))?
                .to_vec();
            let layout = if lines
                || !matches!(format::sniff(&start), Format::Json)
                || start.trim_ascii_start().starts_with(b"{")
            {
                json::Layout::Lines
            } else {
                json::Layout::Document
            };
            let mut loaded = json::parse(path, &mut decoded, layout, want).map_err(|error| match error {
                LoadError::Io { source, .. } => gzip_error(path, source),
                other => other,
            })?;
            if decoded.into_inner().limit() == 0 {
                loaded.problems.push(format!(
                    "decompressed past {}: the rest of the file is not read",
                    safe_file::human_size(limit)
                ));
            }
            Ok(loaded)
        }
        Format::Mbox => mail::parse_mbox(path, reader, want),
        Format::Feed => {
            let mut bytes = Vec::new();
            if read_capped_from(reader, MAX_FEED_BYTES, &mut bytes).map_err(io_error)? {
                return Err(LoadError::Malformed {
                    path: path.to_owned(),
                    reason: format!("a feed larger than {}", safe_file::human_size(MAX_FEED_BYTES)),
                });
            }
            feed::parse(path, &bytes, want)
        }
        Format::Text | Format::Html | Format::Markdown | Format::Mail => {
            let mut bytes = Vec::new();
            let truncated = read_capped_from(reader, MAX_READ_BYTES, &mut bytes).map_err(io_error)?;
            if truncated {
                drop_split_character(&mut bytes);
            }
            if format == Format::Mail {
                return one(mail::parse_message(path, &bytes, None));
            }
            let text = decode::decode(&bytes).ok_or_else(|| LoadError::NotText {
                path: path.to_owned(),
            })?;
            let mut problems = Vec::new();
            let mut article = match format {
                Format::Html => html::parse_page(path, &text)?,
                Format::Markdown => {
                    let (article, problem) = markdown::parse(path, &text);
                    problems.extend(problem);
                    article?
                }
                _ => parse_dispatch(path, &text)?,
            };
            if truncated {
                article.paragraphs.push(too_long_note());
            }
            Ok(FileArticles {
                articles: vec![article],
                problems,
                keys: Vec::new(),
            })
        }
    }
}

fn gzip_error(path: &Path, error: io::Error) -> LoadError {
    if matches!(
        error.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
    ) {
        LoadError::Malformed {
            path: path.to_owned(),
            reason: format!("broken gzip data: {error}"),
        }
    } else {
        LoadError::Io {
            path: path.to_owned(),
            source: error,
        }
    }
}

/// Reads at most `limit` bytes of `reader` into `buffer`; whether there was more.
fn read_capped_from(reader: &mut dyn BufRead, limit: u64, buffer: &mut Vec<u8>) -> io::Result<bool> {
    buffer.clear();
    reader.take(limit.saturating_add(1)).read_to_end(buffer)?;
    let truncated = buffer.len() as u64 > limit;
    if truncated {
        buffer.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    Ok(truncated)
}

fn too_long_note() -> String {
    format!(
        "[…] (only the first {} MiB of this file were read)",
        MAX_READ_BYTES / 1024 / 1024
    )
}

/// A plain-text dispatch, read whole through `buffer` (the fast path of most archives).
fn parse_text_file(path: &Path, buffer: &mut Vec<u8>) -> Result<Article, LoadError> {
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
        article.paragraphs.push(too_long_note());
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
    load_streaming(paths, options, |mut batch| {
        batch.apply_to(&mut articles);
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
