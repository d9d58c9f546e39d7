//! Which format a file is in: by its name in a walked folder, by its first bytes when it
//! is named on the command line without a known extension, or read from standard input.

use std::ffi::OsStr;
use std::path::Path;

use super::{feed, mail};

/// The formats liseuse reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Plain-text dispatches.
    Text,
    /// Saved web pages.
    Html,
    /// RSS, Atom (XML).
    Feed,
    /// A JSON document: one article, an array of them, a JSON Feed.
    Json,
    /// One JSON record a line.
    JsonLines,
    /// Either of the JSON formats, gzipped.
    Gzip { lines: bool },
    /// Markdown with front matter.
    Markdown,
    /// One mail message.
    Mail,
    /// Many mail messages.
    Mbox,
}

/// Whether the file at `path` is, by its name or first bytes, text read as it is (a
/// dispatch, a page, a clip), whose bytes `--check` judges; the others (feeds, dumps,
/// mail, with encodings of their own) are judged by their broken records.
pub(crate) fn is_plain_text(path: &Path) -> bool {
    let mut start = Vec::new();
    let _ = crate::safe_file::read_capped(path, 4096, &mut start);
    matches!(of(path, &start), Format::Text | Format::Html | Format::Markdown)
}

/// The format a file name says, if any: the extensions a walk takes.
pub(crate) fn by_name(name: &OsStr) -> Option<Format> {
    let lower = name.to_string_lossy().to_ascii_lowercase();
    let (stem, extension) = lower.rsplit_once('.')?;
    Some(match extension {
        "txt" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "xml" | "rss" | "atom" => Format::Feed,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "gz" if stem.ends_with(".jsonl") || stem.ends_with(".ndjson") => Format::Gzip { lines: true },
        "gz" if stem.ends_with(".json") => Format::Gzip { lines: false },
        "md" | "markdown" => Format::Markdown,
        "eml" => Format::Mail,
        "mbox" | "mbx" => Format::Mbox,
        _ => return None,
    })
}

/// The format of `path`: by its name, else by its first bytes `start`.
pub(crate) fn of(path: &Path, start: &[u8]) -> Format {
    path.file_name().and_then(by_name).unwrap_or_else(|| sniff(start))
}

/// The format the first bytes of a file say; plain text when nothing else fits.
pub(crate) fn sniff(start: &[u8]) -> Format {
    if start.starts_with(&[0x1f, 0x8b]) {
        return Format::Gzip { lines: false };
    }
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let text = String::from_utf8_lossy(&start[..start.len().min(4096)]);
    let trimmed = text.trim_start();
    let lower = trimmed.to_ascii_lowercase();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        Format::Json
    } else if trimmed.starts_with('<') {
        if feed::looks_like_feed(&lower) {
            Format::Feed
        } else {
            Format::Html
        }
    } else if text.starts_with("---\n")
        || text.starts_with("---\r\n")
        || text.starts_with("+++\n")
        || text.starts_with("+++\r\n")
    {
        Format::Markdown
    } else if text.starts_with("From ") {
        Format::Mbox
    } else if mail::looks_like_mail(&text) {
        Format::Mail
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_formats() {
        let format = |name: &str| by_name(OsStr::new(name));
        assert_eq!(format("a.TXT"), Some(Format::Text));
        assert_eq!(format("page.htm"), Some(Format::Html));
        assert_eq!(format("feed.rss"), Some(Format::Feed));
        assert_eq!(format("dump.jsonl.gz"), Some(Format::Gzip { lines: true }));
        assert_eq!(format("dump.json.gz"), Some(Format::Gzip { lines: false }));
        assert_eq!(format("archive.tar.gz"), None);
        assert_eq!(format("clip.md"), Some(Format::Markdown));
        assert_eq!(format("Inbox.mbox"), Some(Format::Mbox));
        assert_eq!(format("image.jpg"), None);
    }

    #[test]
    fn first_bytes_give_formats() {
        assert_eq!(sniff(b"\x1f\x8b\x08"), Format::Gzip { lines: false });
        assert_eq!(sniff(b"  [{\"title\": 1}]"), Format::Json);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"---\ntitle: x\n---\n"), Format::Markdown);
        assert_eq!(
            sniff(b"From someone@example.org Thu Jun 20 10:00:00 2024\n"),
            Format::Mbox
        );
        assert_eq!(sniff(b"Subject: hello\nFrom: a@b.c\n\nText"), Format::Mail);
        assert_eq!(sniff(b"Hanoi (VNA) - Text."), Format::Text);
    }
}
