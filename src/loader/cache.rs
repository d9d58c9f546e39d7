//! The cache of parsed articles, so that a second start reads no article file that has not
//! changed: its file format, where it lives, and how it is read and replaced.
//!
//! One cache file serves one set of paths given (`articles-<hash of their canonical
//! forms>.cache`). It holds a header (magic, format, parser and crate versions), then one
//! framed record per file: `[payload length: u32 LE][CRC-32 of the payload: u32 LE]
//! [postcard payload]`. A record is used only when its file has the size and modification
//! time it had when read; a cache that is not this build's, or damaged anywhere, is passed
//! over and rewritten, never trusted. A cache file is input like any other: only a regular
//! file is opened, no frame is longer than what is left of the file, and an article whose
//! text is not sanitized (an escape sequence written into the file) is damage too.
//!
//! Each article's captions and paragraphs are encoded apart from the rest of it, so that a
//! start that lets texts go (the reader's) decodes only what the list needs, and hands the
//! texts on as they lie in the cache: decoding every text was most of a warm start.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fields::address;
use super::walk::{Found, Stamp};
use super::{FileArticles, LoadError};
use crate::article::{Article, EncodedText, os_str_of};
use crate::safe_file::{self, Replacement};
use crate::sanitize::is_sanitized;
use crate::store::{self, ContentKey};

/// Bump when the layout of the file or of a record changes.
const FORMAT_VERSION: u32 = 4;
/// Bump when parsing changes what an [`Article`] holds (decode, dispatch, title, sentence,
/// names): every cached article is then parsed again.
const PARSER_VERSION: u32 = 2;
const MAGIC: &[u8; 8] = b"liseuse\x1a";
/// A frame's length and checksum.
const FRAME_HEAD: usize = 8;
/// No record is this large (articles are read up to 16 MiB); a longer frame is damage.
const MAX_PAYLOAD: usize = 256 * 1024 * 1024;
/// Large reads: a cache holds about as many bytes as the archive.
const IO_BUFFER: usize = 1024 * 1024;

#[derive(Serialize, Deserialize, PartialEq, Eq)]
struct Header {
    format: u32,
    parser: u32,
    crate_version: String,
}

impl Header {
    fn current() -> Self {
        Header {
            format: FORMAT_VERSION,
            parser: PARSER_VERSION,
            crate_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// What a file parsed to, as kept: its articles and what was broken in it, or why it
/// gives none, which reading the same bytes again would only repeat. Failures to read are
/// not kept: they may pass.
#[derive(Serialize, Deserialize)]
enum Outcome<A> {
    /// The articles, and the content key of each: a start from the cache need not hash
    /// every text again.
    Articles {
        articles: A,
        problems: Vec<String>,
        keys: Vec<ContentKey>,
    },
    NotText,
    Empty,
    Malformed(String),
}

/// An article as a record keeps it: without its captions and paragraphs, which follow it
/// encoded apart ([`EncodedText`]).
#[derive(Serialize, Deserialize)]
struct Kept<'a, A> {
    article: A,
    #[serde(borrow, serialize_with = "as_bytes")]
    text: &'a [u8],
}

#[derive(Serialize, Deserialize)]
struct Record<'a, A> {
    #[serde(borrow, serialize_with = "as_bytes")]
    key: &'a [u8],
    stamp: Stamp,
    outcome: Outcome<A>,
}

/// Keys and texts go through serde's bytes type, which postcard reads without a copy.
fn as_bytes<S: serde::Serializer>(key: &&[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(key)
}

/// Why a cache file is passed over. Only another version is said, once, as the start that
/// follows reads every file; damage is rebuilt without a word.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CacheError {
    #[error("cannot read the cache: {0}")]
    Io(#[from] io::Error),
    #[error("the cache is damaged or truncated")]
    Damaged,
    #[error("the cache was written by another version")]
    OtherVersion,
}

/// Where the cache of one set of paths lives, and the key each file under them has in it.
pub(crate) struct CacheKeys {
    given: Vec<PathBuf>,
    /// The paths given, resolved, so `./archive` and `/home/me/archive` share a cache.
    canonical: Vec<PathBuf>,
}

impl CacheKeys {
    pub fn new(paths: &[PathBuf]) -> Self {
        let canonical = paths
            .iter()
            .map(|path| fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
            .collect();
        CacheKeys {
            given: paths.to_owned(),
            canonical,
        }
    }

    /// The cache file's name: the same for the same set of paths, whatever their order.
    pub fn file_name(&self) -> String {
        format!("articles-{}.cache", roots_id(&self.canonical))
    }

    /// The file's path under its canonical root: the same whichever way the root was named.
    pub fn key(&self, file: &Found) -> Vec<u8> {
        let root = &self.canonical[file.root];
        let key = match file.path.strip_prefix(&self.given[file.root]) {
            Ok(relative) if !relative.as_os_str().is_empty() => root.join(relative),
            Ok(_) => root.clone(),
            Err(_) => file.path.clone(),
        };
        key.into_os_string().into_encoded_bytes()
    }

    /// The path a file of this key is found at under the paths given, as the walk names
    /// it: the key's canonical root swapped for the path given; `None` for a key under none
    /// of them. The first root that holds it wins, as in the walk.
    pub fn path_of(&self, key: &[u8]) -> Option<PathBuf> {
        self.canonical.iter().zip(&self.given).find_map(|(root, given)| {
            let rest = key.strip_prefix(root.as_os_str().as_encoded_bytes())?;
            if rest.is_empty() {
                return Some(given.clone());
            }
            let separator = std::path::MAIN_SEPARATOR_STR.as_bytes();
            let relative = match rest.strip_prefix(separator) {
                Some(relative) => relative,
                // A root such as `/` ends in a separator already.
                None if root.as_os_str().as_encoded_bytes().ends_with(separator) => rest,
                None => return None,
            };
            let relative = Some(os_str_of(relative)).filter(|name| !name.is_empty())?;
            Some(given.join(relative))
        })
    }
}

/// One record read back, its articles not yet given a path.
pub(crate) struct Cached {
    pub key: Vec<u8>,
    pub stamp: Stamp,
    outcome: Outcome<Vec<Article>>,
    /// For each article, its text as the cache keeps it where the reader lets it go (the
    /// article then holds none); `None` where the article holds it.
    texts: Vec<Option<EncodedText>>,
    /// Where its frame lies in the cache file, to copy it unread into the next one.
    pub frame: Range<u64>,
}

impl Cached {
    /// What loading the file at `path` gave when it was cached, with the texts kept
    /// encoded (see [`Cached::texts`]).
    pub fn into_result(self, path: PathBuf) -> Result<(FileArticles, Vec<Option<EncodedText>>), LoadError> {
        match self.outcome {
            Outcome::Articles {
                mut articles,
                problems,
                keys,
            } => {
                for article in &mut articles {
                    article.path = match article.part {
                        Some(part) => address(&path, part),
                        None => path.clone(),
                    };
                }
                let file = FileArticles {
                    articles,
                    problems,
                    keys,
                };
                Ok((file, self.texts))
            }
            Outcome::NotText => Err(LoadError::NotText { path }),
            Outcome::Empty => Err(LoadError::Empty { path }),
            Outcome::Malformed(reason) => Err(LoadError::Malformed { path, reason }),
        }
    }
}

/// The frame of the record for `key` at `stamp`, or `None` for a failure not worth keeping
/// or a record too large to keep. The articles' paths are not stored (a hit takes the path
/// its file was found at), so they are set aside while encoding.
pub(crate) fn encode(
    key: &[u8],
    stamp: Stamp,
    loaded: &mut Result<FileArticles, LoadError>,
) -> Option<Vec<u8>> {
    let frame = match loaded {
        Ok(file) => {
            if file.keys.len() != file.articles.len() {
                file.keys = file.articles.iter().map(store::content_key).collect();
            }
            let texts = file
                .articles
                .iter()
                .map(|article| EncodedText::encode(&article.captions, &article.paragraphs))
                .collect::<Option<Vec<_>>>()?;
            // What the record keeps apart or not at all, set aside while encoding.
            let set_aside: Vec<_> = file
                .articles
                .iter_mut()
                .map(|article| {
                    (
                        std::mem::take(&mut article.path),
                        std::mem::take(&mut article.captions),
                        std::mem::take(&mut article.paragraphs),
                    )
                })
                .collect();
            let articles: Vec<Kept<&Article>> = file
                .articles
                .iter()
                .zip(&texts)
                .map(|(article, text)| Kept {
                    article,
                    text: text.as_bytes(),
                })
                .collect();
            let outcome = Outcome::Articles {
                articles,
                problems: file.problems.clone(),
                keys: file.keys.clone(),
            };
            let frame = frame(&Record { key, stamp, outcome });
            for (article, (path, captions, paragraphs)) in file.articles.iter_mut().zip(set_aside) {
                article.path = path;
                article.captions = captions;
                article.paragraphs = paragraphs;
            }
            frame
        }
        Err(LoadError::NotText { .. }) => frame(&Record::<()> {
            key,
            stamp,
            outcome: Outcome::NotText,
        }),
        Err(LoadError::Empty { .. }) => frame(&Record::<()> {
            key,
            stamp,
            outcome: Outcome::Empty,
        }),
        Err(LoadError::Malformed { reason, .. }) => frame(&Record::<()> {
            key,
            stamp,
            outcome: Outcome::Malformed(reason.clone()),
        }),
        Err(LoadError::Io { .. } | LoadError::NotAFile { .. } | LoadError::NoSuchPart { .. }) => return None,
    };
    frame.filter(|frame| frame.len() - FRAME_HEAD <= MAX_PAYLOAD)
}

fn frame(value: &impl Serialize) -> Option<Vec<u8>> {
    let mut frame = postcard::to_extend(value, vec![0; FRAME_HEAD]).ok()?;
    let payload = &frame[FRAME_HEAD..];
    let length = u32::try_from(payload.len()).ok()?;
    let checksum = crc32fast::hash(payload);
    frame[..4].copy_from_slice(&length.to_le_bytes());
    frame[4..FRAME_HEAD].copy_from_slice(&checksum.to_le_bytes());
    Some(frame)
}

/// A cache file being read, record by record.
pub(crate) struct CacheReader {
    /// Whether the texts of the articles that are a file each are let go (see
    /// [`super::LoadOptions::texts_let_go`]): they are then handed on encoded.
    texts_let_go: bool,
    file: BufReader<File>,
    position: u64,
    /// The file's length when opened: no frame goes past it.
    length: u64,
    payload: Vec<u8>,
}

impl CacheReader {
    /// Opens the cache file at `path`, if it is a regular file this build wrote.
    pub fn open(path: &Path, texts_let_go: bool) -> Result<Self, CacheError> {
        let file = safe_file::open_regular(path, OpenOptions::new().read(true))?;
        let mut reader = CacheReader {
            texts_let_go,
            length: file.metadata()?.len(),
            file: BufReader::with_capacity(IO_BUFFER, file),
            position: 0,
            payload: Vec::new(),
        };
        let mut magic = [0; MAGIC.len()];
        reader
            .file
            .read_exact(&mut magic)
            .map_err(|_| CacheError::Damaged)?;
        reader.position = MAGIC.len() as u64;
        if &magic != MAGIC {
            return Err(CacheError::Damaged);
        }
        let header: Header = reader.next_frame()?.ok_or(CacheError::Damaged)?;
        if header != Header::current() {
            return Err(CacheError::OtherVersion);
        }
        Ok(reader)
    }

    /// The next record; `None` at the end of the file.
    pub fn next_record(&mut self) -> Result<Option<Cached>, CacheError> {
        let start = self.position;
        let texts_let_go = self.texts_let_go;
        let Some(record) = self.next_frame::<Record<Vec<Kept<Article>>>>()? else {
            return Ok(None);
        };
        let mut texts = Vec::new();
        let outcome = match record.outcome {
            Outcome::Articles {
                articles,
                problems,
                keys,
            } => {
                // Without its key, an article held without its text could not be told apart.
                if keys.len() != articles.len() {
                    return Err(CacheError::Damaged);
                }
                let mut held = Vec::with_capacity(articles.len());
                for Kept { mut article, text } in articles {
                    if texts_let_go && article.can_read_again() {
                        texts.push(Some(EncodedText::from_bytes(text)));
                        article.text_dropped = true;
                    } else {
                        let (captions, paragraphs) =
                            EncodedText::decode_bytes(text).ok_or(CacheError::Damaged)?;
                        article.captions = captions;
                        article.paragraphs = paragraphs;
                        texts.push(None);
                    }
                    if !list_fields_sanitized(&article) {
                        return Err(CacheError::Damaged);
                    }
                    held.push(article);
                }
                Outcome::Articles {
                    articles: held,
                    problems,
                    keys,
                }
            }
            Outcome::NotText => Outcome::NotText,
            Outcome::Empty => Outcome::Empty,
            Outcome::Malformed(reason) => Outcome::Malformed(reason),
        };
        Ok(Some(Cached {
            key: record.key.to_vec(),
            stamp: record.stamp,
            outcome,
            texts,
            frame: start..self.position,
        }))
    }

    /// The file, for copying frames out of it.
    pub fn into_file(self) -> File {
        self.file.into_inner()
    }

    fn next_frame<'a, T: Deserialize<'a>>(&'a mut self) -> Result<Option<T>, CacheError> {
        if self.file.fill_buf()?.is_empty() {
            return Ok(None);
        }
        let mut head = [0; FRAME_HEAD];
        self.file.read_exact(&mut head).map_err(|_| CacheError::Damaged)?;
        let [l0, l1, l2, l3, c0, c1, c2, c3] = head;
        let length = u32::from_le_bytes([l0, l1, l2, l3]) as usize;
        let left = self.length.saturating_sub(self.position + FRAME_HEAD as u64);
        if length > MAX_PAYLOAD || length as u64 > left {
            return Err(CacheError::Damaged);
        }
        self.payload.resize(length, 0);
        self.file
            .read_exact(&mut self.payload)
            .map_err(|_| CacheError::Damaged)?;
        if crc32fast::hash(&self.payload) != u32::from_le_bytes([c0, c1, c2, c3]) {
            return Err(CacheError::Damaged);
        }
        self.position += (FRAME_HEAD + length) as u64;
        match postcard::take_from_bytes(&self.payload) {
            Ok((value, [])) => Ok(Some(value)),
            _ => Err(CacheError::Damaged),
        }
    }
}

/// Whether every string of `article` but its text is as the loader leaves it, sanitized:
/// only then can it reach the screen. Its captions and paragraphs are checked as they are
/// decoded ([`EncodedText::decode`]), if they are. Taken apart field by field, so a new
/// field cannot be forgotten here.
fn list_fields_sanitized(article: &Article) -> bool {
    let Article {
        path: _,
        title,
        date: _,
        source,
        place,
        captions: _,
        paragraphs: _,
        names,
        places,
        url,
        author,
        language: _,
        part: _,
        text_dropped: _,
    } = article;
    std::iter::once(title)
        .chain(source)
        .chain(place)
        .chain(names)
        .chain(places)
        .chain(url)
        .chain(author)
        .all(|text| is_sanitized(text))
}

/// A new cache file, written beside the one it replaces and renamed over it only once
/// complete and on disk, so a reader never sees half of one. Dropped unfinished (the load
/// stopped, a write failed), it removes itself.
pub(crate) struct CacheWriter {
    file: BufWriter<Replacement>,
}

impl CacheWriter {
    pub fn create(target: &Path) -> io::Result<Self> {
        fs::create_dir_all(target.parent().unwrap_or(Path::new(".")))?;
        safe_file::remove_leftover_replacements(target);
        let mut writer = CacheWriter {
            file: BufWriter::with_capacity(IO_BUFFER, Replacement::new(target)?),
        };
        let header = frame(&Header::current()).ok_or_else(|| io::Error::other("cannot encode the header"))?;
        writer.file.write_all(MAGIC)?;
        writer.file.write_all(&header)?;
        Ok(writer)
    }

    pub fn write_frame(&mut self, frame: &[u8]) -> io::Result<()> {
        self.file.write_all(frame)
    }

    /// Copies `frames` (sorted, as read) out of an older cache file.
    pub fn copy_frames(&mut self, from: &mut File, frames: &[Range<u64>]) -> io::Result<()> {
        let mut runs: Vec<Range<u64>> = Vec::new();
        for frame in frames {
            match runs.last_mut() {
                Some(run) if run.end == frame.start => run.end = frame.end,
                _ => runs.push(frame.clone()),
            }
        }
        for run in runs {
            from.seek(SeekFrom::Start(run.start))?;
            let wanted = run.end - run.start;
            if io::copy(&mut Read::by_ref(from).take(wanted), &mut self.file)? != wanted {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
        Ok(())
    }

    /// Puts the new cache in place of the old.
    pub fn finish(self) -> io::Result<()> {
        let replacement = self.file.into_inner().map_err(|failed| failed.into_error())?;
        replacement.put_in_place()
    }
}

/// A name for a set of canonical roots: the same whatever their order, stable across
/// builds (FNV-1a, unlike the standard library's hasher).
pub fn roots_id(canonical: &[PathBuf]) -> String {
    let mut roots: Vec<&[u8]> = canonical
        .iter()
        .map(|root| root.as_os_str().as_encoded_bytes())
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in roots.iter().flat_map(|root| root.iter().chain(&[0])) {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}
