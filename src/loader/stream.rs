//! Loading paths as a stream of batches: the walk, the cache, and parsing on every core.

use foldhash::{HashMap, HashSet};
use std::num::NonZero;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use super::cache::{self, CacheError, CacheKeys, CacheReader, CacheWriter, Cached};
use super::walk::{Found, Stamp, walk, walk_into};
use super::{FileArticles, LoadError, LoadWarning, STDIN_PATH, parse_file, read_stdin};
use crate::article::{Article, EncodedText};
use crate::fulltext::ArticleText;
use crate::store::{self, ContentKey};

/// How often batches go out, so the list fills in while a large archive loads without the
/// interface re-sorting it for every file.
const BATCH_INTERVAL: Duration = Duration::from_millis(50);
/// What each article already sent adds to the interval. Taking a batch in costs the
/// interface a pass over all it lists (its display order is rebuilt), so batches come less
/// often as the archive grows — every 100 ms at 100 000 articles, 550 ms at a million —
/// and the share of its time that taking them in costs stays the same.
const INTERVAL_PER_ARTICLE_SENT: Duration = Duration::from_nanos(500);
/// The first batch goes out as soon as it holds this many articles, without waiting for
/// the interval: several screenfuls, read from the cache in a few milliseconds and sorted
/// in less, where a whole interval's worth of a large cache (or 2 000 articles, 70 ms of
/// decoding beside the index's opening) would hold back the first frame. An archive
/// smaller than this, read within the interval, still arrives whole.
const FIRST_BATCH: usize = 500;
/// Files a parsing thread takes at a time: enough to keep threads off a shared counter.
const FILES_PER_TAKE: usize = 32;
/// Parsed files waiting for the loading thread; bounds memory if it falls behind.
const PARSED_IN_FLIGHT: usize = 256;
/// Files found by the walk and not yet taken by a parsing thread.
const WALKED_IN_FLIGHT: usize = 4_096;

/// Articles read by the background loader, delivered in batches.
#[derive(Debug, Default)]
pub struct LoadBatch {
    /// Files whose articles, sent in an earlier batch from the cache, are gone or changed
    /// on disk: their articles are to be dropped before this batch's are added.
    pub removed: Vec<PathBuf>,
    pub articles: Vec<Article>,
    pub warnings: Vec<LoadWarning>,
    /// The last batch: loading is over.
    pub done: bool,
    /// Every article the cache holds has been sent, in this batch or before: the list is
    /// whole as the cache knows it, and the files are being checked against it (a walk of
    /// the archive). Batches that follow bring only what the check finds changed, gone or
    /// new; once it is over, the files it found to read come as in any load, this unset.
    pub checking: bool,
    /// Files loaded or skipped so far, this batch's included, out of `files_total`.
    pub files_done: usize,
    /// Article files found; 0 until the walk is over.
    pub files_total: usize,
    /// The content key of each of `articles`, in order, when the loader computed them: it
    /// does as it lets go the texts of the articles that are a file each, which can be read
    /// again from it (see `texts`). Empty for batches made elsewhere, whose articles hold
    /// their texts: the library computes their keys.
    pub keys: Vec<ContentKey>,
    /// The texts let go, for the full-text index: they go to it straight from the loading
    /// thread, not through the event loop.
    pub texts: Vec<ArticleText>,
}

impl LoadBatch {
    /// Brings `articles`, those of the batches before, up to this one: the articles of the
    /// files removed dropped, the new ones moved in.
    pub fn apply_to(&mut self, articles: &mut Vec<Article>) {
        drop_files(articles, &mut Vec::new(), &self.removed);
        // Room for every file found, once their number is known, rather than twice the room
        // of the last doubling: an archive's articles are most of the memory used.
        articles.reserve_exact(self.files_total.saturating_sub(articles.len()));
        articles.append(&mut self.articles);
    }

    /// Takes `later`, the batch after this one, into this one: what the two bring, as one.
    /// The event loop takes in the batches that queued while it was busy this way, so that
    /// a filter ranks the new articles once rather than once a batch.
    pub fn absorb(&mut self, later: LoadBatch) {
        drop_files(&mut self.articles, &mut self.keys, &later.removed);
        self.removed.extend(later.removed);
        self.articles.extend(later.articles);
        self.keys.extend(later.keys);
        self.texts.extend(later.texts);
        self.warnings.extend(later.warnings);
        self.done = later.done;
        self.checking = later.checking;
        self.files_done = later.files_done;
        self.files_total = later.files_total;
    }
}

/// Drops the articles of `files` from `articles`, and their keys from `keys` if it has
/// them.
fn drop_files(articles: &mut Vec<Article>, keys: &mut Vec<ContentKey>, files: &[PathBuf]) {
    if files.is_empty() {
        return;
    }
    let files: HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
    let kept: Vec<bool> = articles
        .iter()
        .map(|article| !files.contains(article.file_path()))
        .collect();
    let mut at = kept.iter();
    articles.retain(|_| at.next().copied().unwrap_or(true));
    if keys.len() == kept.len() {
        let mut at = kept.iter();
        keys.retain(|_| at.next().copied().unwrap_or(true));
    }
}

/// How a load goes about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Where parsed articles are cached between runs; `None` reads and parses every file.
    pub cache_dir: Option<PathBuf>,
    /// Whether the texts of the articles that are a file each are let go, as the reader
    /// holding a large archive wants: batches then carry them apart, with every article's
    /// content key (see [`LoadBatch::texts`]).
    pub texts_let_go: bool,
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
        LoadOptions {
            cache_dir,
            texts_let_go: false,
        }
    }
}

/// Walks `paths` and loads every article file found, handing `send` batches as they are
/// ready, at most every 50 ms (the first as soon as there is anything once 50 ms have
/// passed), the last with `done` set. Order within and across batches is unspecified. `send` returning `false`
/// stops the load (the user has left).
///
/// The cache's articles go out first, as they are read, before any file is looked at: a
/// warm start is a read of the cache, not a `stat` of every file. Once they are all out
/// (a batch marked [`LoadBatch::checking`]), the walk checks them: a file gone or changed
/// since it was cached is named in [`LoadBatch::removed`] (and read again if changed), and
/// the warnings a cached file gives go out only once its file is found unchanged. Files the
/// cache does not hold are read and parsed on every core. The cache is then rewritten,
/// after the last batch, if anything changed.
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
        texts_let_go: options.texts_let_go,
        last_sent: Instant::now(),
        sent_any: false,
        articles_sent: 0,
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
    let mut old = match cache_file.map(|file| (file, CacheReader::open(file, outbox.texts_let_go))) {
        Some((_, Ok(reader))) => Some(reader),
        // Said once, after an upgrade: this start reads every file.
        Some((file, Err(CacheError::OtherVersion))) => {
            outbox.batch.warnings.push(LoadWarning {
                path: file.to_owned(),
                reason:
                    "written by another version of liseuse: every file is read again and the cache rebuilt"
                        .to_owned(),
            });
            None
        }
        // Damaged or unreadable: rebuilt without a word, as a cache is only a copy.
        Some((_, Err(_))) | None => None,
    };
    let mut cache_whole = old.is_some();
    let mut sent = SentFromCache::default();
    while let Some(reader) = old.as_mut().filter(|_| cache_whole) {
        match reader.next_record() {
            Ok(Some(record)) => sent.send(record, keys, outbox),
            Ok(None) => break,
            Err(_) => cache_whole = false,
        }
        outbox.send_if_due()?;
    }
    // With the cache read whole, the list is whole: it goes out now, and the check follows.
    // The archive is walked only then, so that the `stat` of every file does not take a
    // core from the reading of the cache and the sorting of the list. A cache read before
    // any batch went out (a small archive's, within the first interval) waits for the
    // check and arrives whole with it: no article whose file is gone shows for an instant.
    if cache_whole {
        outbox.batch.checking = true;
        if outbox.sent_any {
            outbox.send_batch()?;
        }
    }

    let mut new_cache = NewCache {
        target: cache_file,
        writer: None,
    };
    let encode = cache_file.is_some();
    let (listed, misses);
    let (files, walker) = if old.is_some() {
        // The check, once the cache's articles are out (every file read again, if the
        // cache gave none).
        let warnings;
        (listed, warnings) = walk(paths);
        outbox.batch.warnings.extend(warnings);
        outbox.batch.files_total = listed.len();
        misses = sent.check(&listed, keys, outbox);
        outbox.batch.checking = false;
        outbox.send_if_due()?;
        let to_parse = ToParse::Listed {
            files: &misses,
            next: AtomicUsize::new(0),
        };
        (to_parse, None)
    } else {
        // No cache: every file is read, from the first one found, rather than after a
        // `stat` of the whole archive.
        let (found, walked) = mpsc::sync_channel(WALKED_IN_FLIGHT);
        let roots = paths.to_vec();
        let walker = thread::spawn(move || {
            let mut count = 0;
            let warnings = walk_into(&roots, |file| {
                count += 1;
                // The parsing stopped: the user has left, nothing is to be read.
                let _ = found.send(file);
            });
            (count, warnings)
        });
        (ToParse::Walked(Mutex::new(walked)), Some(walker))
    };
    let keyed = encode || outbox.texts_let_go;
    parse_in_parallel(&files, keys, keyed, encode, |loaded, frame, path| {
        take_parsed(outbox, &mut new_cache, loaded, frame, path)
    })?;
    if let Some(walker) = walker {
        // Every file it sent was taken: the walk is over.
        let (count, warnings) = walker.join().unwrap_or_default();
        outbox.batch.warnings.extend(warnings);
        outbox.batch.files_total = count;
    }
    if with_stdin {
        outbox.batch.files_total += 1;
        outbox.add(read_stdin(), Path::new(STDIN_PATH));
    }
    outbox.finish()?;

    let changed = !cache_whole || sent.stale > 0 || new_cache.writer.is_some();
    if changed {
        new_cache.finish(old.map(CacheReader::into_file), &sent.kept);
    }
    Ok(())
}

/// The cache's records whose articles went out before their files were looked at, by key,
/// until the walk confirms or retracts them.
#[derive(Default)]
struct SentFromCache {
    unchecked: HashMap<Vec<u8>, Unchecked>,
    /// The frames of the records confirmed, in file order, to copy into a rewritten cache.
    kept: Vec<Range<u64>>,
    /// Records for files gone or changed, duplicates, or records of no path given: the
    /// cache needs rewriting.
    stale: usize,
}

/// A record sent, as the walk is to find its file.
struct Unchecked {
    stamp: Stamp,
    path: PathBuf,
    frame: Range<u64>,
    /// Its warnings (what was broken in the file, or why it gave nothing), held back until
    /// the file is found unchanged.
    warnings: Vec<LoadWarning>,
}

impl SentFromCache {
    /// Sends the record's articles, at the path its key gives under the paths given.
    fn send<F: FnMut(LoadBatch) -> bool>(
        &mut self,
        record: Cached,
        keys: &CacheKeys,
        outbox: &mut Outbox<F>,
    ) {
        let Some(path) = keys.path_of(&record.key) else {
            self.stale += 1;
            return;
        };
        if self.unchecked.contains_key(record.key.as_slice()) {
            self.stale += 1;
            return;
        }
        let (key, stamp, frame) = (record.key.clone(), record.stamp, record.frame.clone());
        let warnings = match record.into_result(path.clone()) {
            Ok((file, texts)) => {
                outbox.push_articles(file.articles, file.keys, texts);
                file.problems
                    .into_iter()
                    .map(|reason| LoadWarning {
                        path: path.clone(),
                        reason,
                    })
                    .collect()
            }
            Err(error) => vec![LoadWarning::from(error)],
        };
        self.unchecked.insert(
            key,
            Unchecked {
                stamp,
                path,
                frame,
                warnings,
            },
        );
    }

    /// Checks the records sent against the files the walk found: an unchanged file's record
    /// is kept and its warnings go out; a file gone or changed is named as removed. Returns
    /// the files to read: those changed and those the cache did not hold.
    fn check<'f, F: FnMut(LoadBatch) -> bool>(
        &mut self,
        files: &'f [Found],
        keys: &CacheKeys,
        outbox: &mut Outbox<F>,
    ) -> Vec<&'f Found> {
        let (mut misses, mut removed) = (Vec::new(), Vec::new());
        for file in files {
            let key = keys.key(file);
            match self.unchecked.remove(key.as_slice()) {
                Some(sent) if file.stamp == Some(sent.stamp) && file.path == sent.path => {
                    outbox.batch.files_done += 1;
                    outbox.batch.warnings.extend(sent.warnings);
                    self.kept.push(sent.frame);
                }
                Some(sent) => {
                    self.stale += 1;
                    removed.push(sent.path);
                    misses.push(file);
                }
                None => misses.push(file),
            }
        }
        self.stale += self.unchecked.len();
        removed.extend(self.unchecked.drain().map(|(_, sent)| sent.path));
        // Those not sent yet are simply not sent; the receiver drops those it has.
        drop_files(&mut outbox.batch.articles, &mut outbox.batch.keys, &removed);
        outbox.batch.removed.extend(removed);
        self.kept.sort_unstable_by_key(|frame| frame.start);
        misses
    }
}

/// A file parsed: its articles into the batch, its frame into the new cache.
fn take_parsed<F: FnMut(LoadBatch) -> bool>(
    outbox: &mut Outbox<F>,
    new_cache: &mut NewCache<'_>,
    loaded: Result<FileArticles, LoadError>,
    frame: Option<Vec<u8>>,
    path: &Path,
) -> Result<(), Stopped> {
    outbox.add(loaded, path);
    if let Some(frame) = frame {
        new_cache.write(&frame);
    }
    outbox.send_if_due()
}

/// The files for the parsing threads: a list known in full, or the walk's, as it finds them.
enum ToParse<'f> {
    Listed {
        files: &'f [&'f Found],
        next: AtomicUsize,
    },
    Walked(Mutex<Receiver<Found>>),
}

impl ToParse<'_> {
    /// The next files for one thread; none once every file is taken.
    fn take(&self) -> Vec<Found> {
        match self {
            ToParse::Listed { files, next } => {
                let start = next.fetch_add(FILES_PER_TAKE, Ordering::Relaxed).min(files.len());
                files[start..(start + FILES_PER_TAKE).min(files.len())]
                    .iter()
                    .map(|&file| file.clone())
                    .collect()
            }
            // One at a time: the walk finds them one at a time.
            ToParse::Walked(walked) => walked
                .lock()
                .ok()
                .and_then(|walked| walked.recv().ok())
                .into_iter()
                .collect(),
        }
    }

    /// How many threads are worth starting.
    fn threads(&self) -> usize {
        let cores = thread::available_parallelism().map_or(1, NonZero::get);
        match self {
            ToParse::Listed { files, .. } => cores.min(files.len().div_ceil(FILES_PER_TAKE)),
            ToParse::Walked(_) => cores,
        }
    }
}

/// Reads and parses `files` on every core, handing each result (with its articles' content
/// keys when `keyed`), and its cache frame when `encode`, to `take` on this thread; `take`
/// stopping stops the parsing threads too.
fn parse_in_parallel(
    files: &ToParse<'_>,
    keys: &CacheKeys,
    keyed: bool,
    encode: bool,
    mut take: impl FnMut(Result<FileArticles, LoadError>, Option<Vec<u8>>, &Path) -> Result<(), Stopped>,
) -> Result<(), Stopped> {
    let (parsed, results) = mpsc::sync_channel(PARSED_IN_FLIGHT);
    thread::scope(|scope| {
        for _ in 0..files.threads() {
            let parsed = parsed.clone();
            scope.spawn(move || {
                let mut buffer = Vec::new();
                loop {
                    let taken = files.take();
                    if taken.is_empty() {
                        return;
                    }
                    for file in taken {
                        let mut loaded = parse_file(&file.path, &mut buffer);
                        if let Ok(parsed) = &mut loaded
                            && keyed
                        {
                            parsed.keys = parsed.articles.iter().map(store::content_key).collect();
                        }
                        let frame = file
                            .stamp
                            .filter(|_| encode)
                            .and_then(|stamp| cache::encode(&keys.key(&file), stamp, &mut loaded));
                        if parsed.send((loaded, frame, file.path)).is_err() {
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
            .try_for_each(|(loaded, frame, path)| take(loaded, frame, &path))
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
    /// As [`LoadOptions::texts_let_go`].
    texts_let_go: bool,
    /// When the load started, before the first batch: a load done within one interval
    /// arrives whole, and the list does not jump as its articles come in.
    last_sent: Instant,
    /// Whether the first batch has gone out.
    sent_any: bool,
    /// How many articles the batches sent so far held.
    articles_sent: usize,
}

impl<F: FnMut(LoadBatch) -> bool> Outbox<F> {
    /// Takes in `articles`; when texts are let go, the text of each that is a file of its
    /// own goes to the batch's `texts`, and every article's content key with it: from
    /// `keys` when the parsing threads or the cache gave them, else computed here. `cached`
    /// holds the texts the cache let go already (the articles hold none), by article.
    fn push_articles(
        &mut self,
        articles: Vec<Article>,
        keys: Vec<ContentKey>,
        cached: Vec<Option<EncodedText>>,
    ) {
        if !self.texts_let_go {
            self.batch.articles.extend(articles);
            return;
        }
        let keys = match keys.len() == articles.len() {
            true => keys,
            false => articles.iter().map(store::content_key).collect(),
        };
        let mut cached = cached.into_iter();
        let batch = &mut self.batch;
        batch.articles.reserve(articles.len());
        for (article, key) in articles.into_iter().zip(keys) {
            let article = match (cached.next().flatten(), article.can_read_again()) {
                (Some(text), _) => {
                    batch.texts.push(ArticleText::cached(key, &article, text));
                    article
                }
                (None, true) => {
                    let (listed, text) = ArticleText::split_off(key, article);
                    batch.texts.push(text);
                    listed
                }
                (None, false) => article,
            };
            batch.articles.push(article);
            batch.keys.push(key);
        }
    }

    fn add(&mut self, loaded: Result<FileArticles, LoadError>, path: &Path) {
        self.batch.files_done += 1;
        match loaded {
            Ok(file) => {
                self.push_articles(file.articles, file.keys, Vec::new());
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
        let sent = u32::try_from(self.articles_sent).unwrap_or(u32::MAX);
        let interval = BATCH_INTERVAL.saturating_add(INTERVAL_PER_ARTICLE_SENT.saturating_mul(sent));
        let due = self.last_sent.elapsed() >= interval
            || (!self.sent_any && self.batch.articles.len() >= FIRST_BATCH);
        let something = !(self.batch.articles.is_empty()
            && self.batch.warnings.is_empty()
            && self.batch.removed.is_empty());
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
            checking: self.batch.checking,
            ..LoadBatch::default()
        };
        let batch = std::mem::replace(&mut self.batch, next);
        self.last_sent = Instant::now();
        self.sent_any = true;
        self.articles_sent += batch.articles.len();
        if (self.send)(batch) { Ok(()) } else { Err(Stopped) }
    }
}
