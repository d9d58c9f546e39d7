//! An article laid out for reading: title, meta line, captions and paragraphs wrapped to a width.
//!
//! Shared by the reading pane and `--print`, so both show an article the same way.

use crate::article::Article;

/// What a line is, so each view can style it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Caption,
    Body,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingLine {
    pub kind: LineKind,
    pub text: String,
}

/// The marker that sets captions apart from the body.
const CAPTION_MARK: &str = "▏ ";

/// The meta line: date · source · author · place · names, leaving out what is unknown.
pub fn meta_line(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(date) = article.date {
        parts.push(date.to_string());
    }
    parts.extend(article.source.iter().cloned());
    parts.extend(article.author.iter().cloned());
    parts.extend(article.place.iter().cloned());
    // The place is already said; the names go on after it.
    let names: Vec<&str> = article
        .names
        .iter()
        .map(String::as_str)
        .filter(|name| article.place.as_deref() != Some(*name))
        .collect();
    if !names.is_empty() {
        parts.push(names.join(", "));
    }
    parts.join(" · ")
}

/// Wraps the whole article to `width` columns (at least one).
pub fn layout_article(article: &Article, width: usize) -> Vec<ReadingLine> {
    let width = width.max(1);
    let mut lines = Vec::new();
    push_wrapped(&mut lines, LineKind::Title, &article.title, width, "");
    let meta = meta_line(article);
    if !meta.is_empty() {
        push_wrapped(&mut lines, LineKind::Meta, &meta, width, "");
    }
    for caption in &article.captions {
        push_blank(&mut lines);
        let mark = if width > CAPTION_MARK.chars().count() + 1 {
            CAPTION_MARK
        } else {
            ""
        };
        push_wrapped(&mut lines, LineKind::Caption, caption, width, mark);
    }
    for paragraph in &article.paragraphs {
        push_blank(&mut lines);
        push_wrapped(&mut lines, LineKind::Body, paragraph, width, "");
    }
    lines
}

fn push_blank(lines: &mut Vec<ReadingLine>) {
    lines.push(ReadingLine {
        kind: LineKind::Blank,
        text: String::new(),
    });
}

fn push_wrapped(lines: &mut Vec<ReadingLine>, kind: LineKind, text: &str, width: usize, indent: &str) {
    let options = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(indent)
        .break_words(true)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    lines.extend(textwrap::wrap(text, options).into_iter().map(|line| ReadingLine {
        kind,
        text: line.into_owned(),
    }));
}

/// The article as the reading pane lays it out, as plain lines (for the pager).
pub fn page_text(article: &Article, width: usize) -> String {
    let mut text: String = layout_article(article, width)
        .into_iter()
        .map(|line| line.text)
        .collect::<Vec<_>>()
        .join("\n");
    text.push('\n');
    text
}

/// The article's text unwrapped, paragraphs apart (for the clipboard).
pub fn plain_text(article: &Article) -> String {
    let meta = meta_line(article);
    std::iter::once(&article.title)
        .chain((!meta.is_empty()).then_some(&meta))
        .chain(&article.captions)
        .chain(&article.paragraphs)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n\n")
}
