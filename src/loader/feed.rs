//! Feeds saved to disk (`.xml`, `.rss`, `.atom`, and JSON Feed): RSS 2.0, RSS 1.0, Atom
//! and JSON Feed through `feed-rs`, every item or entry an article, its HTML rendered as
//! text. A feed whose XML is broken somewhere loses only the items that are: each item is
//! then read on its own, and a broken one is named by its line.

use std::path::Path;

use feed_rs::model::{Entry, Feed};
use serde_json::{Map, Value};

use super::dates::parse_date;
use super::fields::Fields;
use super::{FileArticles, LoadError, language};

/// Whether a JSON object is a JSON Feed (`"version": "https://jsonfeed.org/version/1.1"`).
pub(crate) fn is_json_feed(object: &Map<String, Value>) -> bool {
    matches!(object.get("version"), Some(Value::String(version)) if version.contains("jsonfeed.org"))
        && matches!(object.get("items"), Some(Value::Array(_)))
}

/// Whether the start of a document is a feed's: an `<rss>`, `<feed>` or `<rdf:RDF>` root.
pub(crate) fn looks_like_feed(start: &str) -> bool {
    let lower = start.to_ascii_lowercase();
    ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .any(|root| lower.contains(root))
}

/// Every item of the feed in `bytes` (of the file at `path`); with `want`, only the
/// `want`-th.
pub(crate) fn parse(path: &Path, bytes: &[u8], want: Option<u32>) -> Result<FileArticles, LoadError> {
    let mut file = FileArticles::default();
    match feed_rs::parser::parse(bytes) {
        Ok(feed) => add_feed(path, &feed, want, 1, &mut file),
        Err(error) => {
            let text = String::from_utf8_lossy(bytes);
            if !salvage(path, &text, want, &mut file) {
                return Err(LoadError::Malformed {
                    path: path.to_owned(),
                    reason: format!("not a feed that can be read: {}", feed_error(&error)),
                });
            }
        }
    }
    Ok(file)
}

fn feed_error(error: &feed_rs::parser::ParseFeedError) -> String {
    let text = error.to_string();
    text.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect()
}

/// Adds the articles of `feed`'s entries, numbered from `first`.
fn add_feed(path: &Path, feed: &Feed, want: Option<u32>, first: u32, file: &mut FileArticles) {
    let source = feed.title.as_ref().map(|title| title.content.clone());
    let feed_language = feed.language.as_deref().and_then(language::from_tag);
    for (entry, part) in feed.entries.iter().zip(first..) {
        if want.is_some_and(|want| want != part) {
            continue;
        }
        let mut fields = entry_fields(entry);
        fields.source = fields.source.or_else(|| source.clone());
        fields.language = fields.language.or(feed_language);
        match fields.into_article(path, Some(part)) {
            Ok(article) => file.articles.push(article),
            Err(_) => file
                .problems
                .push(format!("item {part} has no title and no text")),
        }
    }
}

fn entry_fields(entry: &Entry) -> Fields {
    let content = entry.content.as_ref().and_then(|content| content.body.clone());
    let plain = entry
        .content
        .as_ref()
        .is_some_and(|content| content.content_type.to_string().starts_with("text/plain"));
    let (text, content) = if plain { (content, None) } else { (None, content) };
    let summary = entry.summary.as_ref().map(|summary| summary.content.clone());
    let date = entry
        .published
        .or(entry.updated)
        .and_then(|date| parse_date(&date.to_rfc3339()));
    let author = entry
        .authors
        .iter()
        .filter_map(|person| person.name.clone().filter(|name| !name.trim().is_empty()))
        .collect::<Vec<_>>();
    let url = entry
        .links
        .iter()
        .map(|link| link.href.clone())
        .find(|href| !href.trim().is_empty())
        .or_else(|| (entry.id.starts_with("http")).then(|| entry.id.clone()));
    Fields {
        title: entry.title.as_ref().map(|title| title.content.clone()),
        date,
        author: (!author.is_empty()).then(|| author.join(", ")),
        source: entry.source.clone(),
        url,
        language: entry.language.as_deref().and_then(language::from_tag),
        html: content,
        summary,
        text,
    }
}

/// Reads a feed whose XML is broken item by item: the feed's opening (its root and
/// channel, with their namespaces), each `<item>` or `<entry>` alone, and the closing.
/// Whether any item was found.
fn salvage(path: &Path, text: &str, want: Option<u32>, file: &mut FileArticles) -> bool {
    let (open, close) = if text.contains("<entry") {
        ("<entry", "</entry>")
    } else {
        ("<item", "</item>")
    };
    let starts: Vec<usize> = text
        .match_indices(open)
        .map(|(at, _)| at)
        .filter(|&at| text[at + open.len()..].starts_with(['>', ' ', '\n', '\r', '\t']))
        .collect();
    let Some(&first) = starts.first() else {
        return false;
    };
    let head = &text[..first];
    let tail = if open == "<entry" {
        "</feed>"
    } else if head.contains("<rdf:RDF") {
        "</rdf:RDF>"
    } else {
        "</channel></rss>"
    };
    for (index, &start) in starts.iter().enumerate() {
        let part = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if want.is_some_and(|want| want != part) {
            continue;
        }
        let end = starts.get(index + 1).copied().unwrap_or(text.len());
        let item_end = text[start..end].find(close).map(|at| start + at + close.len());
        let line = text[..start].matches('\n').count() + 1;
        let Some(item_end) = item_end else {
            file.problems
                .push(format!("line {line}: item {part} is not closed (invalid XML)"));
            continue;
        };
        let alone = format!("{head}{}{tail}", &text[start..item_end]);
        match feed_rs::parser::parse(alone.as_bytes()) {
            Ok(feed) if !feed.entries.is_empty() => add_feed(path, &feed, None, part, file),
            Ok(_) => file.problems.push(format!("line {line}: item {part} is empty")),
            Err(error) => file.problems.push(format!(
                "line {line}: item {part} is invalid XML ({})",
                feed_error(&error)
            )),
        }
    }
    true
}
