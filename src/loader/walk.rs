//! Finding article files: the paths given, and files of the formats liseuse reads in
//! directories, recursively.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::{self, Metadata};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::LoadWarning;

/// The article files named by `paths`, sorted and each once, and warnings for paths that
/// could not be walked.
///
/// A file named explicitly is taken whatever its extension; in directories, only files
/// whose extension names a format liseuse reads (`.txt`, `.html`, `.xml`, `.json`,
/// `.jsonl.gz`, `.md`, `.eml`, `.mbox`…, any case) are, hidden entries (`.name`) are passed
/// over, and other files are passed over silently. Symbolic links are followed, but a directory is walked once, so a
/// link cycle cannot loop, and a file reached by two paths is taken once. Only regular
/// files are taken: a FIFO, socket or device would block or misbehave when opened.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadWarning>) {
    let (found, warnings) = walk(paths);
    let mut files: Vec<PathBuf> = found.into_iter().map(|file| file.path).collect();
    files.sort();
    (files, warnings)
}

/// An article file as the walk saw it.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub path: PathBuf,
    /// Which of the paths given it was found under.
    pub root: usize,
    /// `None` when the file system gives no usable modification time.
    pub stamp: Option<Stamp>,
}

/// What says a file is unchanged since it was last read: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Stamp {
    pub size: u64,
    pub modified_secs: u64,
    pub modified_nanos: u32,
}

impl Stamp {
    fn of(meta: &Metadata) -> Option<Self> {
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            size: meta.len(),
            modified_secs: modified.as_secs(),
            modified_nanos: modified.subsec_nanos(),
        })
    }
}

/// [`discover`]'s walk, unsorted, with what the walk learnt of each file. Every file is
/// looked at once (one `stat`), and no path is resolved: an archive of 100 000 files is
/// walked in a fraction of a second.
pub(crate) fn walk(paths: &[PathBuf]) -> (Vec<Found>, Vec<LoadWarning>) {
    let mut files = Vec::new();
    let warnings = walk_into(paths, |file| files.push(file));
    (files, warnings)
}

/// [`walk`], each file handed to `take` as soon as it is found, so that reading can start
/// before the walk is over; the warnings at the end.
pub(crate) fn walk_into(paths: &[PathBuf], take: impl FnMut(Found)) -> Vec<LoadWarning> {
    let mut walk = Walk {
        take,
        warnings: Vec::new(),
        visited: HashSet::new(),
    };
    for (root, path) in paths.iter().enumerate() {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk.directory(root, path, &meta),
            Ok(meta) if meta.is_file() => walk.file(root, path, &meta),
            Ok(_) => walk.warn(path, "not a regular file or directory; skipped"),
            Err(error) => walk.warn(path, &format!("cannot open: {error}")),
        }
    }
    walk.warnings
}

struct Walk<F> {
    take: F,
    warnings: Vec<LoadWarning>,
    /// The directories walked and files taken, by identity rather than by path, so a
    /// symbolic link or a hard link leads nowhere twice.
    visited: HashSet<FileId>,
}

impl<F: FnMut(Found)> Walk<F> {
    fn warn(&mut self, path: &Path, reason: &str) {
        self.warnings.push(LoadWarning {
            path: path.to_owned(),
            reason: reason.to_owned(),
        });
    }

    fn file(&mut self, root: usize, path: &Path, meta: &Metadata) {
        if self.visited.insert(file_id(path, meta)) {
            (self.take)(Found {
                path: path.to_owned(),
                root,
                stamp: Stamp::of(meta),
            });
        }
    }

    /// Walks `top` depth-first with an explicit stack, so a deep tree cannot overflow it.
    fn directory(&mut self, root: usize, top: &Path, meta: &Metadata) {
        let mut pending = vec![(top.to_owned(), file_id(top, meta))];
        while let Some((dir, id)) = pending.pop() {
            if !self.visited.insert(id) {
                continue;
            }
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(error) => {
                    self.warn(&dir, &format!("cannot list directory: {error}"));
                    continue;
                }
            };
            for entry in entries {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(error) => {
                        self.warn(&dir, &format!("cannot list directory: {error}"));
                        continue;
                    }
                };
                let path = entry.path();
                let name = path.file_name().unwrap_or_default();
                if name.as_encoded_bytes().starts_with(b".") {
                    continue;
                }
                // The listing tells what an entry is: a symbolic link is followed by its
                // path, anything else is looked at through the directory (cheaper), and
                // other files are passed over unlooked at.
                let meta = match entry.file_type() {
                    Ok(kind) if kind.is_symlink() => fs::metadata(&path),
                    Ok(kind) if !kind.is_dir() && !is_article_name(name) => continue,
                    _ => entry.metadata(),
                };
                match meta {
                    Ok(meta) if meta.is_dir() => {
                        let id = file_id(&path, &meta);
                        pending.push((path, id));
                    }
                    Ok(meta) if meta.is_file() && is_article_name(name) => self.file(root, &path, &meta),
                    Ok(_) if is_article_name(name) => self.warn(&path, "not a regular file; skipped"),
                    Err(error) if is_article_name(name) => self.warn(&path, &format!("cannot open: {error}")),
                    _ => {}
                }
            }
        }
    }
}

/// What a file is, whatever the path to it: its device and inode.
#[cfg(unix)]
type FileId = (u64, u64);
/// What a file is, whatever the path to it: its canonical path, or the path itself when it
/// cannot be resolved.
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(_path: &Path, meta: &Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(path: &Path, _meta: &Metadata) -> FileId {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

fn is_article_name(name: &OsStr) -> bool {
    super::format::by_name(name).is_some()
}
