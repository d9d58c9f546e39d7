//! What survives a restart: each article's marks (read, starred, scroll) keyed by its
//! content, and the session to reopen on, kept in `state.json` in the user's data directory.
//!
//! Writes are atomic (temporary file, fsync, rename, fsync of the directory) and made under
//! a lock on `state.lock`, re-reading the file first so that two instances open at once each
//! add their own changes without losing the other's — mark by mark: one instance's star and
//! another's read mark on the same article both stay.
//!
//! What cannot be had is done without, and said: a data directory that cannot be written is
//! still read; a lock another process holds is waited for briefly, then saving waits for it;
//! a `state.json` that is no regular file, or too large, is set aside like a corrupt one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use directories::ProjectDirs;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::article::Article;
use crate::safe_file::{self, Refused};
use crate::sanitize::sanitize_line;

/// The format this build reads and writes; a file with a larger one came from a newer liseuse.
const FORMAT: u32 = 1;
const STATE_FILE: &str = "state.json";
const LOCK_FILE: &str = "state.lock";
/// About 60 bytes an article marked: a million marked articles fit. A larger file is not
/// one liseuse wrote, and is set aside rather than read into memory.
const MAX_STATE_BYTES: u64 = 64 << 20;
/// A filter longer than this in `state.json` is not one typed: it is not restored.
const MAX_RESTORED_FILTER: usize = 4096;
/// How long opening the state, and the save at exit, wait for another process to free
/// `state.lock`; the saves made while reading do not wait.
const LOCK_PATIENCE: Duration = Duration::from_secs(1);
const LOCK_RETRY: Duration = Duration::from_millis(20);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data directory for liseuse: the home directory is unknown")]
    NoDataDir,
    #[error("the data directory {0} does not exist")]
    MissingDir(PathBuf),
    #[error("the data directory {0} is not a directory")]
    NotADirectory(PathBuf),
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("{0} is held by another program")]
    Busy(PathBuf),
    /// The store was opened without the means to write (see [`Store::cannot_write`]).
    #[error("{0}")]
    CannotWrite(String),
    #[error("cannot encode the reading state: {0}")]
    Encode(#[from] serde_json::Error),
}

/// A stable hash of an article's content, so marks follow the article when the archive moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContentKey(u64);

impl fmt::Display for ContentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("a content key is 16 hexadecimal digits, not {0:?}")]
pub struct BadContentKey(String);

impl FromStr for ContentKey {
    type Err = BadContentKey;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // from_str_radix alone would also take a sign.
        if text.len() != 16 || !text.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err(BadContentKey(text.to_string()));
        }
        u64::from_str_radix(text, 16)
            .map(ContentKey)
            .map_err(|_| BadContentKey(text.to_string()))
    }
}

impl Serialize for ContentKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ContentKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl serde::de::Visitor<'_> for KeyVisitor {
            type Value = ContentKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("16 hexadecimal digits")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ContentKey, E> {
                text.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// FNV-1a 64, written out because std's hashers may change between Rust versions and
/// the keys must not.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// The key of an article's title, captions and paragraphs — not its path, date or source,
/// so the same text keeps its marks wherever the archive lives.
pub fn content_key(article: &Article) -> ContentKey {
    // 0xFF and 0xFE never occur in UTF-8, so ending each string with one and each list
    // with the other keeps ["ab", "c"] and ["a", "bc"], or a caption and a paragraph, apart.
    let mut hash = Fnv1a::new();
    hash.write(article.title.as_bytes());
    hash.write(&[0xFF]);
    for caption in &article.captions {
        hash.write(caption.as_bytes());
        hash.write(&[0xFF]);
    }
    hash.write(&[0xFE]);
    for paragraph in &article.paragraphs {
        hash.write(paragraph.as_bytes());
        hash.write(&[0xFF]);
    }
    ContentKey(hash.0)
}

/// What the reader remembers of one article; an article with default marks is not stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Marks {
    #[serde(skip_serializing_if = "is_false")]
    pub read: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub starred: bool,
    /// The first line shown, in lines at the width the article was read at.
    #[serde(skip_serializing_if = "is_zero")]
    pub scroll: u32,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

fn is_zero(lines: &u32) -> bool {
    *lines == 0
}

/// One of an article's marks, set on its own: a save writes only the marks this instance
/// set over what another instance saved, so each keeps the other's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Read(bool),
    Starred(bool),
    Scroll(u32),
}

impl Mark {
    /// Its bit in [`Store::changed`].
    fn bit(self) -> u8 {
        match self {
            Mark::Read(_) => 1,
            Mark::Starred(_) => 2,
            Mark::Scroll(_) => 4,
        }
    }
}

impl Marks {
    /// These marks with `mark` set.
    pub fn with(mut self, mark: Mark) -> Marks {
        match mark {
            Mark::Read(read) => self.read = read,
            Mark::Starred(starred) => self.starred = starred,
            Mark::Scroll(scroll) => self.scroll = scroll,
        }
        self
    }

    /// Each mark on its own.
    fn each(&self) -> [Mark; 3] {
        [
            Mark::Read(self.read),
            Mark::Starred(self.starred),
            Mark::Scroll(self.scroll),
        ]
    }
}

/// Where liseuse reopens on an archive: the last selected article, the last filter, how
/// the list was shown, and whether the text was set over the reading pane's full width
/// (`w`). Each archive has its own; a file written before a field was added reads with its
/// default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub selected: Option<ContentKey>,
    pub filter: String,
    /// One line per article, or the whole title; `None`: as the config says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compact: Option<bool>,
    /// The list's share of a wide terminal, in percent; `None`: the default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_percent: Option<u8>,
    #[serde(skip_serializing_if = "is_false")]
    pub full_width: bool,
}

impl Session {
    fn is_empty(&self) -> bool {
        *self == Session::default()
    }
}

/// The contents of `state.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    format: u32,
    #[serde(default)]
    marks: BTreeMap<ContentKey, Marks>,
    /// Each archive's session, by [`crate::loader::archive_id`] (or `bundled`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    sessions: BTreeMap<String, Session>,
    /// The one session of a liseuse that kept no more: given to the first archive opened
    /// since, then gone.
    #[serde(default, skip_serializing_if = "Session::is_empty")]
    session: Session,
}

impl State {
    /// Sets `key`'s marks, leaving out marks that are all unset.
    fn put(&mut self, key: ContentKey, marks: Marks) {
        if marks == Marks::default() {
            self.marks.remove(&key);
        } else {
            self.marks.insert(key, marks);
        }
    }
}

/// Read alone when the whole file does not parse, to tell a newer file from a corrupt one.
#[derive(Deserialize)]
struct FormatOnly {
    format: u32,
}

/// The reading state of one running instance, and which parts of it this instance changed.
#[derive(Debug)]
pub struct Store {
    /// Where `state.json` lives; `None` for a store that keeps nothing (tests, a data
    /// directory that cannot be had).
    dir: Option<PathBuf>,
    /// Why this store cannot save, when it cannot: a data directory that cannot be written,
    /// or none at all. Saving then fails with this, changes kept.
    cannot_write: Option<String>,
    state: State,
    /// The marks this instance set since the last save, by article: bits of [`Mark::bit`].
    /// Only these are written over what another instance may have saved meanwhile.
    changed: HashMap<ContentKey, u8>,
    /// The archives whose session this instance set since the last save.
    sessions_changed: BTreeSet<String>,
    /// `state.json` as this instance last read or wrote it: while the file still matches,
    /// `state` already holds all of it and a save need not read it again.
    seen_on_disk: Option<Fingerprint>,
}

impl Store {
    /// The state kept in `dir`, which must exist. The warnings, for the status line, say
    /// what was set aside and why, or that saving waits for the lock.
    ///
    /// A `dir` that cannot be written (where the lock cannot be taken, or no file created)
    /// is still read; the store then says why it [cannot write](Store::cannot_write). A
    /// lock another process holds is waited for about a second, then done without: the
    /// state is read anyway (saves are atomic renames, so it is whole) and saves take the
    /// lock once it is free.
    pub fn open(dir: &Path) -> Result<(Store, Vec<String>), StoreError> {
        match fs::metadata(dir) {
            Ok(metadata) if metadata.is_dir() => {}
            Ok(_) => return Err(StoreError::NotADirectory(dir.to_path_buf())),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::MissingDir(dir.to_path_buf()));
            }
            Err(source) => {
                return Err(StoreError::Io {
                    action: "read",
                    path: dir.to_path_buf(),
                    source,
                });
            }
        }
        let mut warnings = Vec::new();
        let (lock, cannot_write) = match lock(dir, LOCK_PATIENCE) {
            Ok(Some(lock)) => {
                let cannot_write = can_write_in(dir).err().map(|error| error.to_string());
                (Some(lock), cannot_write)
            }
            Ok(None) => {
                warnings.push(format!(
                    "{LOCK_FILE} is held by another program: marks will be saved once it is free"
                ));
                (None, None)
            }
            Err(error) => (None, Some(error.to_string())),
        };
        let mut store = Store {
            dir: Some(dir.to_path_buf()),
            cannot_write,
            ..Store::in_memory()
        };
        match read_state(dir)? {
            Disk::Missing => {}
            Disk::Read(state, fingerprint) => {
                store.state = state;
                store.seen_on_disk = Some(fingerprint);
            }
            // Moved only under the lock; without it, a later save moves it.
            Disk::Unusable(unusable) if lock.is_some() => {
                warnings.push(set_aside(dir, &unusable, "started afresh")?);
            }
            Disk::Unusable(unusable) => {
                warnings.push(format!("{STATE_FILE} {}; not used", unusable.why()));
            }
        }
        drop(lock);
        Ok((store, warnings))
    }

    /// The state in the user's data directory (XDG_DATA_HOME honoured), created if need be.
    pub fn open_default() -> Result<(Store, Vec<String>), StoreError> {
        let dirs = ProjectDirs::from("", "", "liseuse").ok_or(StoreError::NoDataDir)?;
        let dir = dirs.data_dir();
        fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            action: "create",
            path: dir.to_path_buf(),
            source,
        })?;
        Self::open(dir)
    }

    /// A store that remembers for this run only: `save` writes nothing.
    pub fn in_memory() -> Store {
        Store {
            dir: None,
            cannot_write: None,
            state: State::default(),
            changed: HashMap::new(),
            sessions_changed: BTreeSet::new(),
            seen_on_disk: None,
        }
    }

    /// A store for when the data directory cannot be had (`why`): it remembers for this
    /// run, and saving what changed fails with `why`.
    pub fn unavailable(why: &StoreError) -> Store {
        Store {
            cannot_write: Some(why.to_string()),
            ..Store::in_memory()
        }
    }

    /// Why nothing this instance changes can be saved, if so: said once it opens, so the
    /// user knows before marking anything.
    pub fn cannot_write(&self) -> Option<&str> {
        self.cannot_write.as_deref()
    }

    /// An article's marks; all unset for an article never marked.
    pub fn marks(&self, key: &ContentKey) -> Marks {
        self.state.marks.get(key).cloned().unwrap_or_default()
    }

    /// Sets one mark, remembered as this instance's change, which the next save writes over
    /// the file; the article's other marks there stay as another instance may have saved them.
    pub fn set_mark(&mut self, key: ContentKey, mark: Mark) {
        let marks = self.marks(&key);
        let changed = marks.clone().with(mark);
        if changed != marks {
            self.state.put(key, changed);
            *self.changed.entry(key).or_default() |= mark.bit();
        }
    }

    /// Sets each of `marks` that differs from the article's marks, as [`Store::set_mark`].
    pub fn set_marks(&mut self, key: ContentKey, marks: Marks) {
        for mark in marks.each() {
            self.set_mark(key, mark);
        }
    }

    /// Every article's marks as known now, for a reader to start from.
    pub fn all_marks(&self) -> std::collections::HashMap<ContentKey, Marks> {
        self.state
            .marks
            .iter()
            .map(|(key, marks)| (*key, marks.clone()))
            .collect()
    }

    /// Where to reopen `archive`: its own session, or else the one a liseuse that kept a
    /// single session left.
    pub fn session(&self, archive: &str) -> &Session {
        self.state.sessions.get(archive).unwrap_or(&self.state.session)
    }

    /// Keeps where `archive` is to reopen; the single session of an older liseuse, if any,
    /// went to it.
    pub fn set_session(&mut self, archive: &str, session: Session) {
        if *self.session(archive) == session {
            return;
        }
        self.state.sessions.insert(archive.to_string(), session);
        self.sessions_changed.insert(archive.to_string());
        if !self.state.session.is_empty() {
            self.state.session = Session::default();
            // Saved with the archive's: gone from the file with it.
            self.sessions_changed.insert(String::new());
        }
    }

    /// Writes this instance's changes over the file as it is now, which another instance
    /// may have written since; does nothing when nothing changed. Waits about a second for
    /// a lock another process holds: for the last save, at exit. The warnings say what was
    /// set aside, as `open`'s do. Changes not written stay to be saved.
    pub fn save(&mut self) -> Result<Vec<String>, StoreError> {
        self.save_waiting(LOCK_PATIENCE)
    }

    /// [`Store::save`] without waiting for the lock, for saves made while reading: when it
    /// is held, this fails with [`StoreError::Busy`] and the next save tries again.
    pub fn try_save(&mut self) -> Result<Vec<String>, StoreError> {
        self.save_waiting(Duration::ZERO)
    }

    fn save_waiting(&mut self, patience: Duration) -> Result<Vec<String>, StoreError> {
        if self.changed.is_empty() && self.sessions_changed.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(why) = &self.cannot_write {
            return Err(StoreError::CannotWrite(why.clone()));
        }
        let Some(dir) = self.dir.clone() else {
            self.changed.clear();
            self.sessions_changed.clear();
            return Ok(Vec::new());
        };
        let lock = lock(&dir, patience)?.ok_or_else(|| StoreError::Busy(dir.join(LOCK_FILE)))?;
        let path = dir.join(STATE_FILE);
        let mut warnings = Vec::new();
        if Fingerprint::of_file(&path) != self.seen_on_disk {
            // Should the write below fail, the next save starts from what is known now.
            self.seen_on_disk = match read_state(&dir)? {
                Disk::Missing => {
                    self.apply_changes_to(State::default());
                    None
                }
                Disk::Read(on_disk, fingerprint) => {
                    self.apply_changes_to(on_disk);
                    Some(fingerprint)
                }
                // What this instance holds is the best base left.
                Disk::Unusable(unusable) => {
                    warnings.push(set_aside(&dir, &unusable, "kept this session's marks")?);
                    None
                }
            };
        }
        self.state.format = FORMAT;
        write_atomically(&dir, &self.state)?;
        self.seen_on_disk = Fingerprint::of_file(&path);
        drop(lock);
        self.changed.clear();
        self.sessions_changed.clear();
        Ok(warnings)
    }

    /// Makes `on_disk`, with this instance's changes on top, the state: per mark, the last
    /// instance to save a change to it wins; marks this instance did not change stay as
    /// `on_disk` has them.
    fn apply_changes_to(&mut self, mut on_disk: State) {
        for (key, &bits) in &self.changed {
            let mut merged = on_disk.marks.get(key).cloned().unwrap_or_default();
            for mark in self.marks(key).each() {
                if bits & mark.bit() != 0 {
                    merged = merged.with(mark);
                }
            }
            on_disk.put(*key, merged);
        }
        for archive in &self.sessions_changed {
            match self.state.sessions.remove(archive) {
                Some(session) => {
                    on_disk.sessions.insert(archive.clone(), session);
                }
                // The older single session was handed over: no other instance keeps it.
                None => on_disk.session = Session::default(),
            }
        }
        self.state = on_disk;
    }
}

/// Enough of a file's metadata to tell that it was replaced or rewritten: every save
/// renames a new file (a new inode) into place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    inode: u64,
    len: u64,
    modified: Option<SystemTime>,
}

impl Fingerprint {
    fn of(metadata: &fs::Metadata) -> Self {
        Self {
            inode: inode(metadata),
            len: metadata.len(),
            modified: metadata.modified().ok(),
        }
    }

    /// None when there is no file (or it cannot be examined, and so must be read).
    fn of_file(path: &Path) -> Option<Self> {
        fs::metadata(path).ok().map(|metadata| Self::of(&metadata))
    }
}

#[cfg(unix)]
fn inode(metadata: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

/// Without inodes, the size and modification time have to do.
#[cfg(not(unix))]
fn inode(_metadata: &fs::Metadata) -> u64 {
    0
}

/// Takes `state.lock`, held until the file is dropped, so one instance at a time
/// reads-and-writes the state; `None` when another process still holds it after `patience`.
fn lock(dir: &Path, patience: Duration) -> Result<Option<File>, StoreError> {
    let path = dir.join(LOCK_FILE);
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    let file = safe_file::open_regular(&path, &mut options).map_err(|source| StoreError::Io {
        action: "open the lock file",
        path: path.clone(),
        source,
    })?;
    let deadline = Instant::now() + patience;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(file)),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => thread::sleep(LOCK_RETRY),
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(source)) => {
                return Err(StoreError::Io {
                    action: "lock",
                    path,
                    source,
                });
            }
        }
    }
}

/// Why a state file could not be used as it is.
enum Unusable {
    Corrupt(String),
    Newer(u32),
    /// Refused before reading: not a regular file, or too large.
    Refused(String),
}

impl Unusable {
    /// What the file is called when set aside: `state.json.<kind>-<unix seconds>`.
    fn kind(&self) -> &'static str {
        match self {
            Unusable::Corrupt(_) => "corrupt",
            Unusable::Newer(_) => "newer",
            Unusable::Refused(_) => "unusable",
        }
    }

    /// Why, after "state.json".
    fn why(&self) -> String {
        match self {
            Unusable::Corrupt(reason) => format!("was corrupt ({reason})"),
            Unusable::Newer(format) => format!("was written by a newer liseuse (format {format})"),
            Unusable::Refused(reason) => format!("was refused: {reason}"),
        }
    }
}

fn parse_state(bytes: &[u8]) -> Result<State, Unusable> {
    // Checking UTF-8 once up front is quicker than serde_json checking string by string.
    let text = std::str::from_utf8(bytes).map_err(|error| Unusable::Corrupt(error.to_string()))?;
    let error = match serde_json::from_str::<State>(text) {
        Ok(state) if state.format == FORMAT => return Ok(restored(state)),
        Ok(state) if state.format > FORMAT => return Err(Unusable::Newer(state.format)),
        Ok(state) => return Err(Unusable::Corrupt(format!("unknown format {}", state.format))),
        Err(error) => error,
    };
    // A newer format may not parse as this one; it is still newer, not corrupt.
    match serde_json::from_str::<FormatOnly>(text) {
        Ok(FormatOnly { format }) if format > FORMAT => Err(Unusable::Newer(format)),
        _ => Err(Unusable::Corrupt(error.to_string())),
    }
}

/// What comes back from disk is input like any other: the filter, shown on screen, is
/// sanitized, and one longer than anyone types is not restored.
fn restored(mut state: State) -> State {
    for session in state.sessions.values_mut().chain([&mut state.session]) {
        let filter = &mut session.filter;
        *filter = if filter.len() > MAX_RESTORED_FILTER {
            String::new()
        } else {
            sanitize_line(filter)
        };
    }
    state
}

/// What `state.json` turned out to be.
enum Disk {
    Missing,
    Read(State, Fingerprint),
    Unusable(Unusable),
}

/// Reads `state.json`: only a regular file, and only up to [`MAX_STATE_BYTES`].
fn read_state(dir: &Path) -> Result<Disk, StoreError> {
    let path = dir.join(STATE_FILE);
    let read_error = |source| StoreError::Io {
        action: "read",
        path: path.clone(),
        source,
    };
    let read = safe_file::open_regular(&path, OpenOptions::new().read(true)).and_then(|file| {
        // Taken from the open file, so it describes the very bytes read.
        let fingerprint = Fingerprint::of(&file.metadata()?);
        Ok((safe_file::read_whole_from(&file, MAX_STATE_BYTES)?, fingerprint))
    });
    let (bytes, fingerprint) = match read {
        Ok(read) => read,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Disk::Missing),
        Err(error) => match Refused::of(&error) {
            Some(refused) => return Ok(Disk::Unusable(Unusable::Refused(refused.to_string()))),
            None => return Err(read_error(error)),
        },
    };
    Ok(match parse_state(&bytes) {
        Ok(state) => Disk::Read(state, fingerprint),
        Err(unusable) => Disk::Unusable(unusable),
    })
}

/// Renames `state.json` to `state.json.<kind>-<unix seconds>` so that it is kept, never
/// overwritten; the warning says so, and ends with `then`, what happens next.
fn set_aside(dir: &Path, unusable: &Unusable, then: &str) -> Result<String, StoreError> {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let stem = format!("{STATE_FILE}.{}-{seconds}", unusable.kind());
    let mut name = stem.clone();
    let mut tries = 0;
    while dir.join(&name).symlink_metadata().is_ok() {
        tries += 1;
        name = format!("{stem}-{tries}");
    }
    let from = dir.join(STATE_FILE);
    fs::rename(&from, dir.join(&name)).map_err(|source| StoreError::Io {
        action: "move aside",
        path: from,
        source,
    })?;
    sync_dir(dir)?;
    Ok(format!(
        "{STATE_FILE} {}; moved to {name} and {then}",
        unusable.why()
    ))
}

/// Whether a save could write in `dir`, found by creating a temporary file there as a save
/// would: a lock file that can be opened does not make a directory writable.
fn can_write_in(dir: &Path) -> Result<(), StoreError> {
    safe_file::Replacement::new(&dir.join(STATE_FILE))
        .map(drop)
        .map_err(|source| StoreError::Io {
            action: "write in",
            path: dir.to_path_buf(),
            source,
        })
}

/// Replaces `state.json` so that a crash at any moment leaves either the old file or the
/// new one, whole.
fn write_atomically(dir: &Path, state: &State) -> Result<(), StoreError> {
    let bytes = serde_json::to_vec(state)?;
    let target = dir.join(STATE_FILE);
    // Under the lock: a temporary file here now was left by a save that never finished.
    safe_file::remove_leftover_replacements(&target);
    safe_file::Replacement::new(&target)
        .and_then(|mut replacement| {
            replacement.write_all(&bytes)?;
            replacement.put_in_place()
        })
        .map_err(|source| StoreError::Io {
            action: "write",
            path: target,
            source,
        })
}

/// Makes a rename in `dir` durable.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    safe_file::sync_dir(dir).map_err(|source| StoreError::Io {
        action: "sync",
        path: dir.to_path_buf(),
        source,
    })
}
