//! Opening files nobody checked: only regular files, never a read that blocks, never more
//! than a cap. Every file liseuse reads (articles, its config, its state, its caches, its
//! lock) is opened through here, so a FIFO, `/dev/zero` or `/proc/kmsg` in its place gives
//! an error and never a hang or a read until memory runs out.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why a file was refused rather than read: what [`open_regular`], [`read_capped`] and
/// [`read_whole`] wrap in their `io::Error`, so that callers can tell something in the way
/// of a file (set it aside, skip it) from a read that failed.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    #[error("larger than {0}")]
    TooLarge(String),
    #[error("reading it would block: the file waits for data")]
    WouldBlock,
}

impl Refused {
    /// The refusal `error` carries, if it is one.
    pub fn of(error: &io::Error) -> Option<&Refused> {
        error.get_ref()?.downcast_ref()
    }

    fn into_error(self) -> io::Error {
        let kind = match self {
            Refused::NotRegular(_) => io::ErrorKind::InvalidInput,
            Refused::TooLarge(_) => io::ErrorKind::FileTooLarge,
            Refused::WouldBlock => io::ErrorKind::WouldBlock,
        };
        io::Error::new(kind, self)
    }
}

/// Opens `path` with `options`, refusing anything but a regular file.
///
/// The open itself cannot block: it is non-blocking (a FIFO without a writer would
/// otherwise wait for one) and never makes a terminal the controlling one. Reads from the
/// file stay non-blocking too, so a file that has nothing to give yet (`/proc/kmsg`) fails
/// with [`io::ErrorKind::WouldBlock`] rather than waiting.
pub fn open_regular(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    let file = match options_without_blocking(options).open(path) {
        Ok(file) => file,
        // A FIFO opened for writing with no reader, a socket, a folder opened for writing:
        // refused for what they are rather than for the error opening them gives.
        Err(error) => {
            return Err(match std::fs::metadata(path) {
                Ok(metadata) if !metadata.is_file() => not_regular(&metadata.file_type()),
                _ => error,
            });
        }
    };
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    Err(not_regular(&kind))
}

fn not_regular(kind: &std::fs::FileType) -> io::Error {
    Refused::NotRegular(kind_name(kind)).into_error()
}

/// Reads at most `limit` bytes of the regular file at `path` into `buffer` (cleared
/// first); says whether the file held more.
pub fn read_capped(path: &Path, limit: u64, buffer: &mut Vec<u8>) -> io::Result<bool> {
    let file = open_regular(path, OpenOptions::new().read(true))?;
    fill_capped(&file, limit, buffer)
}

/// The whole regular file at `path`, which must not be over `limit` bytes: for files liseuse
/// keeps itself (state, config), where a cut file would be a damaged one.
pub fn read_whole(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    read_whole_from(&open_regular(path, OpenOptions::new().read(true))?, limit)
}

/// [`read_whole`] of a file already opened with [`open_regular`], for a caller that wants
/// its metadata too, taken from the very file read.
pub fn read_whole_from(file: &File, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if fill_capped(file, limit, &mut bytes)? {
        return Err(Refused::TooLarge(human_size(limit)).into_error());
    }
    Ok(bytes)
}

fn fill_capped(file: &File, limit: u64, buffer: &mut Vec<u8>) -> io::Result<bool> {
    buffer.clear();
    file.take(limit.saturating_add(1))
        .read_to_end(buffer)
        .map_err(explain_would_block)?;
    let truncated = buffer.len() as u64 > limit;
    if truncated {
        buffer.truncate(limit as usize);
    }
    Ok(truncated)
}

/// A new file to take the place of `target` once complete, so that a crash at any moment
/// leaves either the old file or the new one, whole. It is written beside the target under
/// a name of this process's (`state.json.1234.tmp`), created anew: whatever was in the way
/// (a crash's leftover, a link, a FIFO) goes first, so writing never follows a link or
/// waits on a pipe. Dropped before [`Replacement::put_in_place`], it removes itself.
#[derive(Debug)]
pub struct Replacement {
    file: File,
    temporary: PathBuf,
    target: PathBuf,
    placed: bool,
}

impl Replacement {
    pub fn new(target: &Path) -> io::Result<Replacement> {
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let temporary = target.with_file_name(format!("{name}.{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&temporary);
        let file = OpenOptions::new().write(true).create_new(true).open(&temporary)?;
        Ok(Replacement {
            file,
            temporary,
            target: target.to_owned(),
            placed: false,
        })
    }

    /// Synced, renamed over the target, and the rename made durable.
    pub fn put_in_place(mut self) -> io::Result<()> {
        self.file.sync_all()?;
        std::fs::rename(&self.temporary, &self.target)?;
        self.placed = true;
        sync_dir(self.target.parent().unwrap_or(Path::new(".")))
    }
}

impl Write for Replacement {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.file.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for Replacement {
    fn drop(&mut self) {
        if !self.placed {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

/// Removes what a [`Replacement`] of `target` left when a process ended while writing; one
/// still being written is then merely not put in place.
pub fn remove_leftover_replacements(target: &Path) {
    let dir = target.parent().unwrap_or(Path::new("."));
    let prefix = format!("{}.", target.file_name().unwrap_or_default().to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Makes a rename in `dir` durable; without it a crash can bring back the old name.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Directories cannot be opened for syncing here; the rename is as durable as it gets.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// A size for messages: `16 MiB`, `64 KiB`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        _ if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) => format!("{} MiB", bytes >> 20),
        _ if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) => format!("{} KiB", bytes >> 10),
        _ => format!("{bytes} bytes"),
    }
}

#[cfg(unix)]
fn options_without_blocking(options: &mut OpenOptions) -> &mut OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
}

#[cfg(not(unix))]
fn options_without_blocking(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

/// A file with nothing to give yet is not worth waiting for.
fn explain_would_block(error: io::Error) -> io::Error {
    if error.kind() == io::ErrorKind::WouldBlock {
        Refused::WouldBlock.into_error()
    } else {
        error
    }
}

#[cfg(unix)]
fn kind_name(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn kind_name(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() { "a folder" } else { "not a file" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(16 << 20), "16 MiB");
        assert_eq!(human_size(64 << 10), "64 KiB");
        assert_eq!(human_size(1000), "1000 bytes");
    }

    #[test]
    fn a_device_is_refused_at_once() {
        let error = read_whole(Path::new("/dev/zero"), 1 << 20).expect_err("a device");
        assert!(error.to_string().contains("a device"), "{error}");
    }

    #[test]
    fn a_fifo_without_a_writer_is_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|status| status.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let error = read_whole(&fifo, 1 << 20).expect_err("a FIFO");
        assert!(error.to_string().contains("named pipe"), "{error}");
        // Opened for writing, a FIFO without a reader fails to open at all; it is still
        // refused as what it is.
        let error = open_regular(&fifo, OpenOptions::new().write(true)).expect_err("a FIFO");
        assert!(
            matches!(Refused::of(&error), Some(Refused::NotRegular("a named pipe"))),
            "{error}"
        );
    }

    #[test]
    fn a_file_over_the_cap_is_cut_or_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'a'; 100]).expect("write");
        let mut buffer = Vec::new();
        assert!(read_capped(&path, 10, &mut buffer).expect("read"));
        assert_eq!(buffer.len(), 10);
        assert!(!read_capped(&path, 100, &mut buffer).expect("read"));
        assert_eq!(buffer.len(), 100);
        let error = read_whole(&path, 10).expect_err("too big");
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
        assert!(
            matches!(Refused::of(&error), Some(Refused::TooLarge(_))),
            "{error}"
        );
        let missing = read_whole(&dir.path().join("missing"), 10).expect_err("no file");
        assert!(Refused::of(&missing).is_none(), "a failure, not a refusal");
    }
}
