//! JSON and JSON Lines dumps (`.json`, `.jsonl`, `.ndjson`, and the same gzipped): one
//! article per object, its fields found through one table of aliases covering news-please,
//! trafilatura, CC-News-style dumps, Readability's JSON, NewsAPI and the like. Read as a
//! stream, record by record: a file of any size, each record capped; a broken record is
//! skipped with its line, the others load.

use std::io::{self, BufRead};
use std::path::Path;

use serde_json::{Map, Value};

use super::dates::{from_timestamp, parse_date};
use super::fields::Fields;
use super::{FileArticles, LoadError, feed, language};

/// No one article's record is larger; a larger one is skipped, the file read on.
pub(crate) const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;
/// A whole document that is one object (a JSON Feed, `{"articles": […]}`) may be larger.
const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// The aliases of each field, in order of preference. One table for every dump.
const TITLE: &[&str] = &["title", "headline", "name_title", "heading"];
const TEXT: &[&str] = &[
    "maintext",
    "text",
    "textContent",
    "text_content",
    "content_text",
    "articleBody",
    "article_body",
    "body",
    "plain_text",
    "article",
    "full_text",
    "fulltext",
];
const HTML: &[&str] = &["content_html", "html", "content", "raw_html", "body_html"];
const SUMMARY: &[&str] = &["description", "summary", "excerpt", "lead", "abstract"];
const DATE: &[&str] = &[
    "date_publish",
    "date",
    "published",
    "publishedAt",
    "published_at",
    "datePublished",
    "date_published",
    "pubDate",
    "published_time",
    "publishedTime",
    "publish_date",
    "time",
    "timestamp",
    "created_at",
    "date_modify",
    "updated",
    "date_download",
];
const AUTHOR: &[&str] = &["authors", "author", "byline", "creator", "writer"];
const SOURCE: &[&str] = &[
    "source_domain",
    "hostname",
    "domain",
    "siteName",
    "site_name",
    "sitename",
    "source",
    "publisher",
    "site",
    "feed",
];
const URL: &[&str] = &["url", "link", "canonical_url", "source_url", "uri", "permalink"];
const LANGUAGE: &[&str] = &["language", "lang", "locale"];
/// Fields that hold a list of articles, in a document that is not one itself.
const LISTS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "entries",
    "posts",
    "documents",
    "docs",
];

/// How a stream holds its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One record a line (JSON Lines).
    Lines,
    /// A JSON document: one value, an array of them, or values one after another.
    Document,
}

/// Reads every article of the JSON stream `reader` (of the file at `path`); with `want`,
/// only the `want`-th.
pub(crate) fn parse(
    path: &Path,
    reader: impl BufRead,
    layout: Layout,
    want: Option<u32>,
) -> Result<FileArticles, LoadError> {
    let mut out = Collector {
        path,
        want,
        next_part: 1,
        file: FileArticles::default(),
        single: false,
    };
    let io_error = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    match layout {
        Layout::Lines => {
            let mut lines = CappedLines::new(reader);
            let mut buffer = Vec::new();
            while let Some(line) = lines.next_line(&mut buffer).map_err(io_error)? {
                if out.done() {
                    break;
                }
                match line {
                    Line::TooLong { number } => out.skip(number, "record larger than 16 MiB"),
                    Line::Text { number } if buffer.iter().all(u8::is_ascii_whitespace) => {
                        let _ = number;
                    }
                    Line::Text { number } => out.record(number, &buffer),
                }
            }
        }
        Layout::Document => {
            let mut values = Values::new(reader);
            let mut buffer = Vec::new();
            loop {
                if out.done() {
                    break;
                }
                match values.next_value(&mut buffer).map_err(io_error)? {
                    None => break,
                    Some(Scanned::Value { line, top_level }) => {
                        out.single = top_level;
                        out.record(line, &buffer);
                    }
                    Some(Scanned::TooLong { line }) => out.skip(line, "record larger than 16 MiB"),
                    Some(Scanned::Broken { line, reason }) => out.skip(line, reason),
                }
            }
        }
    }
    Ok(out.file)
}

/// The articles read so far, numbered as their records come.
struct Collector<'a> {
    path: &'a Path,
    want: Option<u32>,
    next_part: u32,
    file: FileArticles,
    /// The record is the whole document, one object: an article without a `#N`.
    single: bool,
}

impl Collector<'_> {
    fn done(&self) -> bool {
        self.want.is_some_and(|want| self.next_part > want)
    }

    fn take_part(&mut self) -> Option<u32> {
        let part = self.next_part;
        self.next_part = self.next_part.saturating_add(1);
        self.want.is_none_or(|want| want == part).then_some(part)
    }

    fn skip(&mut self, line: usize, reason: &str) {
        if self.take_part().is_some() {
            self.file.problems.push(format!("line {line}: {reason}"));
        }
    }

    fn record(&mut self, line: usize, bytes: &[u8]) {
        if self.want.is_some_and(|want| want != self.next_part) && !self.single {
            // Records before the one wanted are counted, not parsed, when they cannot hold
            // several articles: a line that starts an object.
            let first = bytes.iter().find(|byte| !byte.is_ascii_whitespace());
            if first == Some(&b'{') && !could_hold_a_list(bytes) {
                self.next_part = self.next_part.saturating_add(1);
                return;
            }
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(value) => self.value(line, value, true),
            Err(error) => self.skip(
                line + error.line().saturating_sub(1),
                &format!("broken JSON ({})", error_reason(&error)),
            ),
        }
    }

    fn value(&mut self, line: usize, value: Value, outer: bool) {
        match value {
            Value::Object(object) if outer && feed::is_json_feed(&object) => {
                let bytes = serde_json::to_vec(&Value::Object(object)).unwrap_or_default();
                match feed::parse(self.path, &bytes, self.want) {
                    Ok(items) => {
                        self.next_part = self
                            .next_part
                            .saturating_add(u32::try_from(items.articles.len()).unwrap_or(u32::MAX));
                        self.file.articles.extend(items.articles);
                        self.file.problems.extend(items.problems);
                    }
                    Err(error) => self.skip(line, &error.reason()),
                }
            }
            Value::Object(mut object) if outer && !is_article(&object) && list_of(&object).is_some() => {
                let key = list_of(&object).unwrap_or_default();
                if let Some(Value::Array(items)) = object.remove(key) {
                    self.single = false;
                    for item in items {
                        self.value(line, item, false);
                    }
                }
            }
            Value::Object(object) => {
                let part = if self.single { Some(0) } else { self.take_part() };
                let Some(part) = part else {
                    return;
                };
                let fields = fields_of(&object);
                let part = (part != 0).then_some(part);
                match fields.into_article(self.path, part) {
                    Ok(article) => self.file.articles.push(article),
                    Err(_) => {
                        if let Some(part) = part {
                            self.file
                                .problems
                                .push(format!("line {line}: record {part} has no text"));
                        }
                    }
                }
            }
            Value::Array(items) if outer => {
                self.single = false;
                for item in items {
                    self.value(line, item, false);
                }
            }
            _ => self.skip(line, "not an object"),
        }
    }
}

/// Whether a record might be a document holding a list of articles (only then is a
/// record before the one wanted parsed).
fn could_hold_a_list(bytes: &[u8]) -> bool {
    LISTS.iter().any(|key| {
        let quoted = format!("\"{key}\"");
        bytes
            .windows(quoted.len())
            .any(|window| window == quoted.as_bytes())
    }) || bytes.windows(8).any(|window| window == b"jsonfeed")
}

fn error_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json ends with ` at line L column C`, which the warning says its own way.
    match text.find(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn is_article(object: &Map<String, Value>) -> bool {
    TEXT.iter()
        .chain(HTML)
        .chain(TITLE)
        .any(|key| matches!(object.get(*key), Some(Value::String(_))))
}

fn list_of(object: &Map<String, Value>) -> Option<&'static str> {
    LISTS.iter().copied().find(
        |key| matches!(object.get(*key), Some(Value::Array(items)) if items.iter().any(Value::is_object)),
    )
}

/// The first of `keys` that `object` has as a non-empty string (or, for lists and
/// objects, their names).
fn string(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| text_of(object.get(*key)?))
}

/// A value as text: a string; the names of a list of people; an object's `name`.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(text_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Value::Object(object) => ["name", "title", "@value"]
            .iter()
            .find_map(|key| object.get(*key).and_then(text_of)),
        _ => None,
    }
}

/// The fields of one record, through the alias table.
pub(crate) fn fields_of(object: &Map<String, Value>) -> Fields {
    let date = DATE.iter().find_map(|key| match object.get(*key)? {
        Value::String(text) => parse_date(text),
        Value::Number(number) => number.as_i64().and_then(from_timestamp),
        _ => None,
    });
    let text = string(object, TEXT);
    let html = string(object, HTML);
    // A `content` field is HTML in Readability's JSON, text in others.
    let (text, html) = match (text, html) {
        (None, Some(html)) if !super::html::looks_like_html(&html) => (Some(html), None),
        pair => pair,
    };
    Fields {
        title: string(object, TITLE),
        date,
        author: string(object, AUTHOR),
        source: string(object, SOURCE),
        url: string(object, URL),
        language: string(object, LANGUAGE).as_deref().and_then(language::from_tag),
        text,
        html,
        summary: string(object, SUMMARY),
    }
}

/// One line of a JSON Lines stream: its number (from 1) and whether it fit.
enum Line {
    Text { number: usize },
    TooLong { number: usize },
}

/// A stream's lines, each read into a buffer of at most [`MAX_RECORD_BYTES`]: a longer
/// line is passed over without being kept.
struct CappedLines<R> {
    reader: R,
    number: usize,
}

impl<R: BufRead> CappedLines<R> {
    fn new(reader: R) -> Self {
        CappedLines { reader, number: 0 }
    }

    fn next_line(&mut self, buffer: &mut Vec<u8>) -> io::Result<Option<Line>> {
        buffer.clear();
        let mut too_long = false;
        let mut read_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if available.is_empty() {
                break;
            }
            read_any = true;
            let (chunk, found) = match memchr::memchr(b'\n', available) {
                Some(at) => (&available[..at], Some(at + 1)),
                None => (available, None),
            };
            if !too_long && buffer.len() + chunk.len() <= MAX_RECORD_BYTES {
                buffer.extend_from_slice(chunk);
            } else {
                too_long = true;
                buffer.clear();
            }
            let used = found.unwrap_or(available.len());
            self.reader.consume(used);
            if found.is_some() {
                break;
            }
        }
        if !read_any {
            return Ok(None);
        }
        self.number += 1;
        let number = self.number;
        Ok(Some(if too_long {
            Line::TooLong { number }
        } else {
            Line::Text { number }
        }))
    }
}

/// What the scanner found next in a JSON document.
enum Scanned {
    /// A value, whole, in the buffer; `top_level` when it is the document itself rather
    /// than an element of a top-level array.
    Value {
        line: usize,
        top_level: bool,
    },
    TooLong {
        line: usize,
    },
    Broken {
        line: usize,
        reason: &'static str,
    },
}

/// The top-level values of a JSON document, found by scanning bytes (strings, escapes,
/// brackets) without parsing: the elements of a top-level array one by one, or values one
/// after another.
struct Values<R> {
    reader: R,
    line: usize,
    state: State,
    /// Values given so far: the document is one value if only one came and no array.
    count: usize,
}

#[derive(PartialEq, Eq)]
enum State {
    Start,
    InArray,
    Sequence,
    Done,
}

impl<R: BufRead> Values<R> {
    fn new(reader: R) -> Self {
        Values {
            reader,
            line: 1,
            state: State::Start,
            count: 0,
        }
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            match self.reader.fill_buf() {
                Ok(available) => return Ok(available.first().copied()),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
    }

    fn bump(&mut self) {
        self.reader.consume(1);
    }

    /// Skips whitespace, and in an array the commas between elements.
    fn skip_separators(&mut self) -> io::Result<Option<u8>> {
        loop {
            let Some(byte) = self.peek()? else {
                return Ok(None);
            };
            match byte {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                b',' if self.state == State::InArray => {}
                // A byte-order mark, before the document.
                0xEF | 0xBB | 0xBF if self.state == State::Start => {}
                _ => return Ok(Some(byte)),
            }
            self.bump();
        }
    }

    fn next_value(&mut self, buffer: &mut Vec<u8>) -> io::Result<Option<Scanned>> {
        buffer.clear();
        let Some(first) = self.skip_separators()? else {
            return Ok(match self.state {
                State::InArray => {
                    self.state = State::Done;
                    Some(Scanned::Broken {
                        line: self.line,
                        reason: "the list of records is cut short at the end of the file",
                    })
                }
                _ => None,
            });
        };
        match self.state {
            State::Done => return Ok(None),
            State::Start if first == b'[' => {
                self.bump();
                self.state = State::InArray;
                return self.next_value(buffer);
            }
            State::Start => self.state = State::Sequence,
            State::InArray if first == b']' => {
                self.bump();
                self.state = State::Done;
                return Ok(None);
            }
            _ => {}
        }
        let line = self.line;
        let limit = if self.state == State::Sequence && self.count == 0 {
            MAX_DOCUMENT_BYTES
        } else {
            MAX_RECORD_BYTES
        };
        let complete = self.scan_value(buffer, limit)?;
        self.count += 1;
        let top_level = self.state == State::Sequence && self.count == 1 && self.skip_separators()?.is_none();
        Ok(Some(match complete {
            Scan::Complete => Scanned::Value { line, top_level },
            Scan::TooLong => Scanned::TooLong { line },
            Scan::Cut => {
                self.state = State::Done;
                Scanned::Broken {
                    line,
                    reason: "record cut short at the end of the file",
                }
            }
            Scan::Stray => Scanned::Broken {
                line,
                reason: "not JSON",
            },
        }))
    }

    /// Reads one value into `buffer`, up to `limit` bytes (past it, the value is read to
    /// its end and dropped).
    fn scan_value(&mut self, buffer: &mut Vec<u8>, limit: usize) -> io::Result<Scan> {
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let mut too_long = false;
        let Some(first) = self.peek()? else {
            return Ok(Scan::Cut);
        };
        let scalar = !matches!(first, b'{' | b'[' | b'"');
        if scalar && !(first.is_ascii_alphanumeric() || first == b'-') {
            // A stray byte: skip it, and the rest of its line.
            while let Some(byte) = self.peek()? {
                if byte == b'\n' {
                    break;
                }
                self.bump();
            }
            return Ok(Scan::Stray);
        }
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if available.is_empty() {
                return Ok(if scalar && depth == 0 && !in_string {
                    if too_long { Scan::TooLong } else { Scan::Complete }
                } else {
                    Scan::Cut
                });
            }
            let mut end = None;
            for (at, &byte) in available.iter().enumerate() {
                if byte == b'\n' {
                    self.line += 1;
                }
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if byte == b'\\' {
                        escaped = true;
                    } else if byte == b'"' {
                        in_string = false;
                        if depth == 0 && !scalar {
                            end = Some(at + 1);
                            break;
                        }
                    }
                    continue;
                }
                if scalar {
                    if matches!(byte, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t') {
                        if byte == b'\n' {
                            self.line -= 1;
                        }
                        end = Some(at);
                        break;
                    }
                    continue;
                }
                match byte {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            end = Some(at + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let used = end.unwrap_or(available.len());
            if !too_long && buffer.len() + used <= limit {
                buffer.extend_from_slice(&available[..used]);
            } else {
                too_long = true;
                buffer.clear();
            }
            self.reader.consume(used);
            if end.is_some() {
                return Ok(if too_long { Scan::TooLong } else { Scan::Complete });
            }
        }
    }
}

enum Scan {
    Complete,
    TooLong,
    /// The file ended inside the value.
    Cut,
    /// Not the start of a JSON value.
    Stray,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str, layout: Layout) -> FileArticles {
        match parse(Path::new("dump.json"), text.as_bytes(), layout, None) {
            Ok(file) => file,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn a_top_level_array_streams_its_elements_with_addresses() {
        let file = parsed(
            r#"[{"title": "Un", "text": "Premier texte."}, {"title": "Deux", "text": "Second texte."}]"#,
            Layout::Document,
        );
        assert_eq!(file.articles.len(), 2);
        assert_eq!(file.articles[1].path, Path::new("dump.json#2"));
        assert_eq!(file.articles[1].part, Some(2));
    }

    #[test]
    fn a_single_object_is_one_article_without_a_part() {
        let file = parsed(r#"{"title": "Un", "text": "Premier texte."}"#, Layout::Document);
        assert_eq!(file.articles.len(), 1);
        assert_eq!(file.articles[0].path, Path::new("dump.json"));
        assert_eq!(file.articles[0].part, None);
    }

    #[test]
    fn a_broken_line_loses_only_itself() {
        let file = parsed(
            "{\"title\": \"Un\", \"text\": \"Texte un.\"}\n{\"title\": \"Deux\", \"text\": \n{\"title\": \"Trois\", \"text\": \"Texte trois.\"}\n",
            Layout::Lines,
        );
        let titles: Vec<&str> = file
            .articles
            .iter()
            .map(|article| article.title.as_str())
            .collect();
        assert_eq!(titles, ["Un", "Trois"]);
        assert_eq!(file.articles[1].path, Path::new("dump.json#3"));
        assert_eq!(file.problems.len(), 1);
        assert!(
            file.problems[0].starts_with("line 2: broken JSON"),
            "{:?}",
            file.problems
        );
    }

    #[test]
    fn a_cut_array_keeps_what_came_before() {
        let file = parsed(
            "[\n{\"title\": \"Un\", \"text\": \"Texte.\"},\n{\"title\": \"Deux\", \"te",
            Layout::Document,
        );
        assert_eq!(file.articles.len(), 1);
        assert!(file.problems[0].starts_with("line 3:"), "{:?}", file.problems);
    }

    #[test]
    fn one_wanted_record_is_read_alone() {
        let text = "{\"title\": \"Un\", \"text\": \"Texte un.\"}\n{\"title\": \"Deux\", \"text\": \"Texte deux.\"}\n";
        let file = match parse(Path::new("d.jsonl"), text.as_bytes(), Layout::Lines, Some(2)) {
            Ok(file) => file,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(file.articles.len(), 1);
        assert_eq!(file.articles[0].title, "Deux");
        assert_eq!(file.articles[0].part, Some(2));
    }
}
