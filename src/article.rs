//! The article: what the loader makes of a dispatch file, and what every view reads.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::sanitize::{is_sanitized, sanitize_line};

/// A publication date at the precision the file gave it; never more precise than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ArticleDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl ArticleDate {
    /// How many days `month` (1 to 12) of `year` has, in the Gregorian calendar.
    pub fn days_in_month(year: u16, month: u8) -> u8 {
        match month {
            2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }
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

/// The languages whose rules the loader knows (articles, titles, months, particles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    French,
    English,
    Spanish,
    Vietnamese,
}

impl Language {
    /// The ISO 639-1 code: `fr`, `en`, `es`, `vi`.
    pub fn code(self) -> &'static str {
        match self {
            Language::French => "fr",
            Language::English => "en",
            Language::Spanish => "es",
            Language::Vietnamese => "vi",
        }
    }
}

/// What standard input stands for on the command line, and its articles' addresses.
pub const STDIN_PATH: &str = "-";

/// One clean article. Every string in it is NFC-normalised and free of terminal controls.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Where it came from, as an address: a path on disk; `path#N` for the N-th article of
    /// a file holding many (a feed, JSON Lines, an mbox: see [`Article::part`]); or
    /// `assets/articles/…` for the bundled samples. Unique per article, and what
    /// [`crate::loader::read_article`] reads again.
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
    /// Those of `names` that are places (the dateline's place, and names on the embedded
    /// GeoNames list), in the same order; the others are people. See [`Article::is_place`].
    pub places: Vec<String>,
    /// The web address of the article, where its file gives one (pages, feeds, dumps).
    pub url: Option<String>,
    /// Who wrote it, where the file says (a page's byline, a feed entry's author, `From`).
    pub author: Option<String>,
    /// The language detected, whose rules found the dateline, credits and names.
    pub language: Option<Language>,
    /// For the N-th article (from 1) of a file holding many, N; `None` for a file that is
    /// one article. `path` then ends in `#N`.
    pub part: Option<u32>,
    /// Whether `captions` and `paragraphs` were let go to save memory, the library keeping
    /// only what the list and the filter need: they are read again from the file at
    /// `path` when wanted. Never kept in the cache.
    #[serde(skip)]
    pub text_dropped: bool,
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

    /// The article's address as shown and as `--print` takes it: the file's path, or
    /// `path#N` for the N-th article of a file holding many.
    pub fn address(&self) -> String {
        self.display_path()
    }

    /// The file the article is in, without any `#N`: what an editor should open.
    pub fn file_path(&self) -> &Path {
        let Some(part) = self.part else {
            return &self.path;
        };
        let bytes = self.path.as_os_str().as_encoded_bytes();
        let suffix = format!("#{part}");
        match bytes.strip_suffix(suffix.as_bytes()) {
            Some(file) => Path::new(os_str_of(file)),
            None => &self.path,
        }
    }

    /// Whether `name`, one of [`Article::names`], is a place rather than a person.
    pub fn is_place(&self, name: &str) -> bool {
        self.places.iter().any(|place| place == name)
    }

    /// The names that are people, in order of first mention.
    pub fn people(&self) -> impl Iterator<Item = &str> {
        self.names
            .iter()
            .map(String::as_str)
            .filter(|name| !self.is_place(name))
    }

    /// Whether its file can give its text again cheaply: a file that is this one article.
    /// A file of many (a feed, an mbox) would be parsed whole for one of them, and standard
    /// input cannot be read twice, so theirs stay in memory.
    pub fn can_read_again(&self) -> bool {
        self.part.is_none() && self.file_path() != Path::new(STDIN_PATH)
    }

    /// This article as the list and the filter need it: without its captions and
    /// paragraphs, which [`Article::text_dropped`] says are to be read again from its file.
    pub fn without_text(mut self) -> Article {
        self.captions = Vec::new();
        self.paragraphs = Vec::new();
        self.text_dropped = true;
        self
    }

    /// What `Y` copies: the article's URL, or else its address.
    pub fn url_or_address(&self) -> String {
        self.url.clone().unwrap_or_else(|| self.address())
    }
}

/// An article's captions and paragraphs, encoded as the cache keeps them: a start from the
/// cache hands them to the full-text index as they lie in the cache, and the index decodes
/// only those of the articles it lacks — most starts, none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedText(Box<[u8]>);

impl EncodedText {
    /// `None` if they cannot be encoded (they always can: strings in vectors).
    pub fn encode(captions: &[String], paragraphs: &[String]) -> Option<EncodedText> {
        let bytes = postcard::to_stdvec(&(captions, paragraphs)).ok()?;
        Some(EncodedText(bytes.into_boxed_slice()))
    }

    /// The bytes [`EncodedText::encode`] made, as read back.
    pub fn from_bytes(bytes: &[u8]) -> EncodedText {
        EncodedText(bytes.into())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The captions and the paragraphs; `None` for bytes that do not decode, or whose
    /// text is not as the loader leaves it (sanitized): a cache is input like any other.
    pub fn decode(&self) -> Option<(Vec<String>, Vec<String>)> {
        Self::decode_bytes(&self.0)
    }

    /// [`EncodedText::decode`] of bytes as read back, without a copy of them first.
    pub fn decode_bytes(bytes: &[u8]) -> Option<(Vec<String>, Vec<String>)> {
        let (captions, paragraphs): (Vec<String>, Vec<String>) = match postcard::take_from_bytes(bytes) {
            Ok((text, [])) => text,
            _ => return None,
        };
        let clean = captions.iter().chain(&paragraphs).all(|text| is_sanitized(text));
        clean.then_some((captions, paragraphs))
    }
}

/// `bytes`, a piece of a path's encoded bytes cut at ASCII characters (`#`, `/`), as an
/// `OsStr`; elsewhere than on Unix, bytes that are not UTF-8 give an empty one.
pub(crate) fn os_str_of(bytes: &[u8]) -> &std::ffi::OsStr {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::ffi::OsStr::from_bytes(bytes)
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(bytes)
            .map(std::ffi::OsStr::new)
            .unwrap_or_default()
    }
}
