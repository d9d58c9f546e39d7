//! Loading paths as a stream of batches: the walk, the cache, and parsing on every core.

use std::collections::HashMap;
use std::num::NonZero;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::cache::{self, CacheKeys, CacheReader, CacheWriter, Cached};
use super::walk::{Found, walk};
use super::{FileArticles, LoadError, LoadWarning, STDIN_PATH, parse_file, read_stdin};
use crate::article::Article;

/// How often batches go out, so the list fills in while a large archive loads without the
/// interface re-sorting it for every file.
const BATCH_INTERVAL: Duration = Duration::from_millis(50);
/// Files a parsing thread takes at a time: enough to keep threads off a shared counter.
const FILES_PER_TAKE: usize = 32;
/// Cached records read during the walk are kept in chunks of this many.
const WAITING_CHUNK: usize = 1024;
/// Parsed files waiting for the loading thread; bounds memory if it falls behind.
const PARSED_IN_FLIGHT: usize = 256;

/// Articles read by the background loader, delivered in batches.
#[derive(Debug, Default)]
pub struct LoadBatch {
    pub articles: Vec<Article>,
    pub warnings: Vec<LoadWarning>,
    /// The last batch: loading is over.
    pub done: bool,
    /// Files loaded or skipped so far, this batch's included, out of `files_total`.
    pub files_done: usize,
    /// Article files found; 0 until the walk is over.
    pub files_total: usize,
}

/// How a load goes about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Where parsed articles are cached between runs; `None` reads and parses every file.
    pub cache_dir: Option<PathBuf>,
}

impl LoadOptions {
    /// The user's cache directory (`$XDG_CACHE_HOME/liseuse` or its platform equivalent),
    /// or `$LISEUSE_CACHE_DIR` when set, which set to an empty string turns the cache off.
    pub fn from_env() -> Self {
        let cache_dir = match std::env::var_os("LISEUSE_CACHE_DIR") {
            Some(dir) if dir.is_empty() => None,
            Some(dir) => Some(PathBuf::from(dir)),
            None => directories::ProjectDirs::from("", "", "liseuse").map(|dirs| dirs.cache_dir().to_owned()),
        };
        LoadOptions { cache_dir }
    }
}

/// Walks `paths` and loads every article file found, handing `send` batches as they are
/// ready, at most every 50 ms (the first as soon as there is anything once 50 ms have
/// passed), the last with `done` set. Order within and across batches is unspecified. `send` returning `false`
/// stops the load (the user has left).
///
/// Files whose size and modification time match the cache are taken from it unread; the
/// others are read and parsed on every core. The cache is then rewritten, after the last
/// batch, if anything changed.
///
/// A path `-` stands for standard input: one archive file of any format, read after the
/// others, never cached.
pub fn load_streaming(paths: &[PathBuf], options: &LoadOptions, send: impl FnMut(LoadBatch) -> bool) {
    let stdin = Path::new(STDIN_PATH);
    let with_stdin = paths.iter().any(|path| path == stdin);
    let paths: Vec<PathBuf> = paths.iter().filter(|path| *path != stdin).cloned().collect();
    let paths = paths.as_slice();
    let keys = CacheKeys::new(paths);
    let cache_file = options.cache_dir.as_ref().map(|dir| dir.join(keys.file_name()));
    let mut outbox = Outbox {
        send,
        batch: LoadBatch::default(),
        last_sent: Instant::now(),
    };
    // Stopped early, the user has left: there is nothing more to do.
    let _ = load(paths, &keys, cache_file.as_deref(), with_stdin, &mut outbox);
}

/// The user has left: nothing more is to be sent or written.
struct Stopped;

fn load<F: FnMut(LoadBatch) -> bool>(
    paths: &[PathBuf],
    keys: &CacheKeys,
    cache_file: Option<&Path>,
    with_stdin: bool,
    outbox: &mut Outbox<F>,
) -> Result<(), Stopped> {
    let mut old = cache_file.and_then(|file| CacheReader::open(file).ok());
    let mut cache_whole = old.is_some();
    // The cache is read while the walk runs; its records wait until the files are known.
    let mut waiting: Vec<Vec<Cached>> = Vec::new();
    let (mut files, warnings) = thread::scope(|scope| {
        let walking = scope.spawn(|| walk(paths));
        while let Some(reader) = old.as_mut().filter(|_| cache_whole && !walking.is_finished()) {
            match reader.next_record() {
                Ok(Some(record)) => match waiting.last_mut() {
                    Some(chunk) if chunk.len() < WAITING_CHUNK => chunk.push(record),
                    _ => {
                        let mut chunk = Vec::with_capacity(WAITING_CHUNK);
                        chunk.push(record);
                        waiting.push(chunk);
                    }
                },
                Ok(None) => break,
                Err(_) => cache_whole = false,
            }
        }
        walking
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    outbox.batch.warnings.extend(warnings);
    outbox.batch.files_total = files.len();

    let mut hits = Hits::new(&files, keys, old.is_some());
    // Taken a chunk at a time, each chunk freed once its articles are out, so the records
    // and their articles are not all held twice.
    for chunk in waiting {
        for record in chunk {
            hits.take(record, &mut files, outbox);
            outbox.send_if_due()?;
        }
    }
    while let Some(reader) = old.as_mut().filter(|_| cache_whole) {
        match reader.next_record() {
            Ok(Some(record)) => hits.take(record, &mut files, outbox),
            Ok(None) => break,
            Err(_) => cache_whole = false,
        }
        outbox.send_if_due()?;
    }

    let misses: Vec<&Found> = files
        .iter()
        .zip(&hits.hit)
        .filter(|&(_, &hit)| !hit)
        .map(|(file, _)| file)
        .collect();
    let mut new_cache = NewCache {
        target: cache_file,
        writer: None,
    };
    parse_in_parallel(&misses, keys, cache_file.is_some(), |loaded, frame, path| {
        outbox.add(loaded, path);
        if let Some(frame) = frame {
            new_cache.write(&frame);
        }
        outbox.send_if_due()
    })?;
    if with_stdin {
        outbox.batch.files_total += 1;
        outbox.add(read_stdin(), Path::new(STDIN_PATH));
    }
    outbox.finish()?;

    let changed = !cache_whole || hits.stale > 0 || new_cache.writer.is_some();
    if changed {
        new_cache.finish(old.map(CacheReader::into_file), &hits.frames);
    }
    Ok(())
}

/// Matching cache records with the files found.
struct Hits {
    /// The index of each file by its cache key; empty when there is no cache to match.
    index: HashMap<Vec<u8>, usize>,
    /// Which files the cache gave.
    hit: Vec<bool>,
    /// The frames of the records used, to copy into a rewritten cache.
    frames: Vec<Range<u64>>,
    /// Records for files gone or changed, or duplicates: the cache needs rewriting.
    stale: usize,
}

impl Hits {
    fn new(files: &[Found], keys: &CacheKeys, with_cache: bool) -> Self {
        let index = if with_cache {
            files
                .iter()
                .enumerate()
                .map(|(at, file)| (keys.key(file), at))
                .collect()
        } else {
            HashMap::new()
        };
        Hits {
            index,
            hit: vec![false; files.len()],
            frames: Vec::new(),
            stale: 0,
        }
    }

    /// Gives the record's article to `outbox` if its file is there, unchanged and not yet
    /// given. The article takes the file's path, which only files still to be read need.
    fn take<F: FnMut(LoadBatch) -> bool>(
        &mut self,
        record: Cached,
        files: &mut [Found],
        outbox: &mut Outbox<F>,
    ) {
        let found = self.index.get(record.key.as_slice()).copied();
        let Some(at) = found.filter(|&at| !self.hit[at] && files[at].stamp == Some(record.stamp)) else {
            self.stale += 1;
            return;
        };
        self.hit[at] = true;
        self.frames.push(record.frame.clone());
        let path = std::mem::take(&mut files[at].path);
        let loaded = record.into_result(path.clone());
        outbox.add(loaded, &path);
    }
}

/// Reads and parses `files` on every core, handing each result, and its cache frame when
/// `encode`, to `take` on this thread; `take` stopping stops the parsing threads too.
fn parse_in_parallel<'f>(
    files: &[&'f Found],
    keys: &CacheKeys,
    encode: bool,
    mut take: impl FnMut(Result<FileArticles, LoadError>, Option<Vec<u8>>, &'f Path) -> Result<(), Stopped>,
) -> Result<(), Stopped> {
    let threads = thread::available_parallelism()
        .map_or(1, NonZero::get)
        .min(files.len().div_ceil(FILES_PER_TAKE));
    let next = AtomicUsize::new(0);
    let (parsed, results) = mpsc::sync_channel(PARSED_IN_FLIGHT);
    thread::scope(|scope| {
        for _ in 0..threads {
            let (parsed, next) = (parsed.clone(), &next);
            scope.spawn(move || {
                let mut buffer = Vec::new();
                loop {
                    let start = next.fetch_add(FILES_PER_TAKE, Ordering::Relaxed).min(files.len());
                    let taken = &files[start..(start + FILES_PER_TAKE).min(files.len())];
                    if taken.is_empty() {
                        return;
                    }
                    for file in taken {
                        let mut loaded = parse_file(&file.path, &mut buffer);
                        let frame = file
                            .stamp
                            .filter(|_| encode)
                            .and_then(|stamp| cache::encode(&keys.key(file), stamp, &mut loaded));
                        if parsed.send((loaded, frame, file.path.as_path())).is_err() {
                            return;
                        }
                    }
                }
            });
        }
        drop(parsed);
        // Returning early drops `results`, which ends the parsing threads' sends.
        results
            .into_iter()
            .try_for_each(|(loaded, frame, path)| take(loaded, frame, path))
    })
}

/// The cache file that replaces the old one, opened at the first record written to it.
struct NewCache<'a> {
    /// `None` once writing has failed: the old cache stays, or none.
    target: Option<&'a Path>,
    writer: Option<CacheWriter>,
}

impl NewCache<'_> {
    fn write(&mut self, frame: &[u8]) {
        if self.writer.is_none()
            && let Some(target) = self.target
        {
            self.writer = CacheWriter::create(target).ok();
            self.target = self.writer.as_ref().map(|_| target);
        }
        if let Some(writer) = &mut self.writer
            && writer.write_frame(frame).is_err()
        {
            self.give_up();
        }
    }

    fn give_up(&mut self) {
        self.writer = None;
        self.target = None;
    }

    /// Completes the new cache with the records kept from the old one, and puts it in place.
    fn finish(mut self, old: Option<std::fs::File>, kept: &[Range<u64>]) {
        if self.writer.is_none()
            && let Some(target) = self.target
        {
            self.writer = CacheWriter::create(target).ok();
        }
        let Some(mut writer) = self.writer.take() else {
            return;
        };
        let copied = match old {
            Some(mut old) => writer.copy_frames(&mut old, kept),
            None => Ok(()),
        };
        // A failed copy drops the writer, which removes its file.
        if copied.is_ok() {
            let _ = writer.finish();
        }
    }
}

/// The batch being filled, and when the last one went out.
struct Outbox<F> {
    send: F,
    batch: LoadBatch,
    /// When the load started, before the first batch: a load done within one interval
    /// arrives whole, and the list does not jump as its articles come in.
    last_sent: Instant,
}

impl<F: FnMut(LoadBatch) -> bool> Outbox<F> {
    fn add(&mut self, loaded: Result<FileArticles, LoadError>, path: &Path) {
        self.batch.files_done += 1;
        match loaded {
            Ok(file) => {
                if self.batch.articles.is_empty() {
                    self.batch.articles = file.articles;
                } else {
                    self.batch.articles.extend(file.articles);
                }
                self.batch
                    .warnings
                    .extend(file.problems.into_iter().map(|reason| LoadWarning {
                        path: path.to_owned(),
                        reason,
                    }));
            }
            Err(error) => self.batch.warnings.push(LoadWarning::from(error)),
        }
    }

    /// Sends what has been gathered, if there is anything and it is time.
    fn send_if_due(&mut self) -> Result<(), Stopped> {
        let due = self.last_sent.elapsed() >= BATCH_INTERVAL;
        let something = !(self.batch.articles.is_empty() && self.batch.warnings.is_empty());
        if due && something {
            self.send_batch()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Stopped> {
        self.batch.done = true;
        self.send_batch()
    }

    /// Sends the batch; the next one carries on the progress counts.
    fn send_batch(&mut self) -> Result<(), Stopped> {
        let next = LoadBatch {
            files_done: self.batch.files_done,
            files_total: self.batch.files_total,
            ..LoadBatch::default()
        };
        let batch = std::mem::replace(&mut self.batch, next);
        self.last_sent = Instant::now();
        if (self.send)(batch) { Ok(()) } else { Err(Stopped) }
    }
}
