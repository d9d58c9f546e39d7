//! Finding article files: the paths given, and `.txt` files in directories, recursively.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use super::LoadWarning;

/// The article files named by `paths`, sorted and each once, and warnings for paths that
/// could not be walked.
///
/// A file named explicitly is taken whatever its extension; in directories, only `.txt`
/// files (any case) are, hidden entries (`.name`) are passed over, and other files are
/// passed over silently. Symbolic links are followed, but a directory is walked once, so a
/// link cycle cannot loop. Only regular files are taken: a FIFO, socket or device would
/// block or misbehave when opened.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadWarning>) {
    let mut walk = Walk::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk.directory(path),
            Ok(meta) if meta.is_file() => walk.file(path),
            Ok(_) => walk.warn(path, "not a regular file or directory; skipped"),
            Err(error) => walk.warn(path, &format!("cannot open: {error}")),
        }
    }
    walk.files.sort();
    (walk.files, walk.warnings)
}

#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    warnings: Vec<LoadWarning>,
    /// Canonical paths of the directories walked and files taken.
    visited: HashSet<PathBuf>,
}

impl Walk {
    fn warn(&mut self, path: &Path, reason: &str) {
        self.warnings.push(LoadWarning {
            path: path.to_owned(),
            reason: reason.to_owned(),
        });
    }

    /// Whether `path` leads somewhere not seen before; unresolvable paths count as new.
    fn first_visit(&mut self, path: &Path) -> bool {
        fs::canonicalize(path).map_or(true, |canonical| self.visited.insert(canonical))
    }

    fn file(&mut self, path: &Path) {
        if self.first_visit(path) {
            self.files.push(path.to_owned());
        }
    }

    /// Walks `root` depth-first with an explicit stack, so a deep tree cannot overflow it.
    fn directory(&mut self, root: &Path) {
        let mut pending = vec![root.to_owned()];
        while let Some(dir) = pending.pop() {
            if !self.first_visit(&dir) {
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
                let path = match entry {
                    Ok(entry) => entry.path(),
                    Err(error) => {
                        self.warn(&dir, &format!("cannot list directory: {error}"));
                        continue;
                    }
                };
                let name = path.file_name().unwrap_or_default();
                if name.as_encoded_bytes().starts_with(b".") {
                    continue;
                }
                match fs::metadata(&path) {
                    Ok(meta) if meta.is_dir() => pending.push(path),
                    Ok(meta) if meta.is_file() && is_article_name(name) => self.file(&path),
                    Ok(_) if is_article_name(name) => self.warn(&path, "not a regular file; skipped"),
                    Err(error) if is_article_name(name) => self.warn(&path, &format!("cannot open: {error}")),
                    _ => {}
                }
            }
        }
    }
}

fn is_article_name(name: &OsStr) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("txt"))
}
