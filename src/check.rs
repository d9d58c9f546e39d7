//! `liseuse --check`: every file the loader skips or alters, and why, so an archive's
//! problems can be seen and fixed at the source.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use unicode_normalization::is_nfc;

use crate::loader::{self, LoadWarning};
use crate::safe_file;
use crate::sanitize::{sanitize_line, sanitized};

/// One file's verdict: skipped (it is not shown) or altered (it is shown changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Skipped(LoadWarning),
    Altered {
        path: PathBuf,
        changes: Vec<&'static str>,
    },
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Skipped(warning) => write!(f, "skipped\t{warning}"),
            Finding::Altered { path, changes } => write!(
                f,
                "altered\t{}: {}",
                sanitize_line(&path.to_string_lossy()),
                changes.join("; ")
            ),
        }
    }
}

/// Checks every article file under `paths`, in the loader's order. A record broken in a
/// file of many (a JSON line, a feed item, a message) is a finding of its own, skipped,
/// naming its line.
pub fn check(paths: &[PathBuf]) -> Vec<Finding> {
    let stdin = Path::new(loader::STDIN_PATH);
    let files_given: Vec<PathBuf> = paths.iter().filter(|path| *path != stdin).cloned().collect();
    let (files, warnings) = loader::discover(&files_given);
    let mut findings: Vec<Finding> = warnings.into_iter().map(Finding::Skipped).collect();
    if files_given.len() < paths.len() {
        match loader::read_stdin() {
            Err(error) => findings.push(Finding::Skipped(error.into())),
            Ok(file) => findings.extend(file.problems.into_iter().map(|reason| {
                Finding::Skipped(LoadWarning {
                    path: stdin.to_owned(),
                    reason,
                })
            })),
        }
    }
    for path in files {
        match loader::read_file(&path) {
            Err(error) => findings.push(Finding::Skipped(error.into())),
            Ok(file) => {
                findings.extend(file.problems.into_iter().map(|reason| {
                    Finding::Skipped(LoadWarning {
                        path: path.clone(),
                        reason,
                    })
                }));
                if !loader::is_plain_text(&path) {
                    continue;
                }
                let changes = changes_made(&path);
                if !changes.is_empty() {
                    findings.push(Finding::Altered { path, changes });
                }
            }
        }
    }
    findings
}

/// What loading does to this file's bytes on their way to the screen.
fn changes_made(path: &Path) -> Vec<&'static str> {
    let mut bytes = Vec::new();
    let Ok(truncated) = safe_file::read_capped(path, loader::MAX_READ_BYTES, &mut bytes) else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    if truncated {
        changes.push("too long: cut at 16 MiB");
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        changes.push("UTF-8 byte-order mark removed");
        String::from_utf8_lossy(rest).into_owned()
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        changes.push("decoded from UTF-16");
        return changes;
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                changes.push("not UTF-8: decoded as Windows-1252, or bad bytes shown as �");
                String::from_utf8_lossy(error.as_bytes()).into_owned()
            }
        }
    };
    let text = if text.contains('\r') {
        changes.push("CR and CRLF line ends made LF");
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    // Whatever the sanitiser changes, it changes for the terminal's sake.
    if matches!(sanitized(&text), Cow::Owned(_)) {
        changes.push(
            "terminal controls, escape sequences, tabs or invisible characters \
             (bidi, zero-width, soft hyphens) removed or made visible",
        );
    }
    if !is_nfc(&text) {
        changes.push("normalised to NFC");
    }
    changes
}
