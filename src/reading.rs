//! An article laid out for reading: title, meta line, captions and paragraphs set at a width
//! (see [`crate::typeset`]), each line knowing which words of the article it shows.
//!
//! Shared by the reading pane and `--print`, so both show an article the same way.

use std::borrow::Cow;
use std::ops::Range;

use crate::article::{Article, Language};
use crate::typeset::{self, Hyphenator};

/// What a line is, so each view can style it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Caption,
    Body,
    Blank,
}

/// One line of the laid-out article, and where its text comes from: which of the article's
/// [`blocks`] and which bytes of it, so that find and the scroll position can go back to the
/// words as written whatever the breaks, hyphens and justification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingLine {
    pub kind: LineKind,
    pub text: String,
    /// The block shown; for a blank line, the block after it.
    pub block: usize,
    /// The bytes of the block shown; none for a blank line.
    pub source: Range<usize>,
    /// Chars at the start of `text` that are not the block's (the captions' mark).
    pub lead: usize,
}

/// The marker that sets captions apart from the body.
const CAPTION_MARK: &str = "▏ ";

/// How the reader sets articles: the `[reader]` settings of the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The widest line of text, in columns: about 72 is what the eye follows best.
    pub measure: usize,
    pub hyphenate: bool,
    pub justify: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            measure: 72,
            hyphenate: true,
            justify: false,
        }
    }
}

impl Settings {
    /// How to set an article in `language` in `columns`: at the measure, or over all of
    /// them when `full_width` (and always within them).
    pub fn typesetting(&self, columns: usize, full_width: bool, language: Option<Language>) -> Typesetting {
        Typesetting {
            width: if full_width {
                columns
            } else {
                columns.min(self.measure)
            },
            language,
            hyphenate: self.hyphenate,
            justify: self.justify,
        }
    }
}

/// Everything a layout depends on but the article: the same typesetting, the same lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Typesetting {
    /// Columns of the widest line.
    pub width: usize,
    /// Which dictionary hyphenates, when `hyphenate`.
    pub language: Option<Language>,
    pub hyphenate: bool,
    pub justify: bool,
}

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

/// The article's texts in reading order, each set on its own: the title, the meta line
/// when there is one, the captions, the paragraphs.
pub fn blocks(article: &Article) -> Vec<(LineKind, Cow<'_, str>)> {
    let meta = meta_line(article);
    let mut blocks = vec![(LineKind::Title, Cow::Borrowed(article.title.as_str()))];
    if !meta.is_empty() {
        blocks.push((LineKind::Meta, Cow::Owned(meta)));
    }
    blocks.extend(
        article
            .captions
            .iter()
            .map(|caption| (LineKind::Caption, Cow::Borrowed(caption.as_str()))),
    );
    blocks.extend(
        article
            .paragraphs
            .iter()
            .map(|paragraph| (LineKind::Body, Cow::Borrowed(paragraph.as_str()))),
    );
    blocks
}

/// Sets the whole article in lines of at most `typesetting.width` columns (at least one).
/// Captions and paragraphs are hyphenated and justified as the typesetting says; the title
/// and the meta line, neither.
pub fn layout_article(article: &Article, typesetting: &Typesetting) -> Vec<ReadingLine> {
    let width = typesetting.width.max(1);
    let mut hyphenator = typesetting
        .hyphenate
        .then(|| typeset::dictionary(typesetting.language))
        .flatten()
        .map(Hyphenator::new);
    let mut lines = Vec::new();
    for (block, (kind, text)) in blocks(article).iter().enumerate() {
        let running_text = matches!(kind, LineKind::Caption | LineKind::Body);
        if running_text {
            lines.push(ReadingLine {
                kind: LineKind::Blank,
                text: String::new(),
                block,
                source: 0..0,
                lead: 0,
            });
        }
        let indent = if *kind == LineKind::Caption && width > CAPTION_MARK.chars().count() + 1 {
            CAPTION_MARK
        } else {
            ""
        };
        let rules = typeset::Rules {
            width,
            justify: typesetting.justify && running_text,
        };
        let hyphenator = hyphenator.as_mut().filter(|_| running_text);
        let lead = indent.chars().count();
        lines.extend(
            typeset::set(text, &rules, hyphenator, indent)
                .into_iter()
                .map(|line| ReadingLine {
                    kind: *kind,
                    text: line.text,
                    block,
                    source: line.source,
                    lead,
                }),
        );
    }
    lines
}

/// Where a line starts in the article's text: its block and byte there.
pub fn line_start(line: &ReadingLine) -> (usize, usize) {
    (line.block, line.source.start)
}

/// The line of `lines` that shows `place` (a block and byte of it, as [`line_start`] gives):
/// the last one starting at or before it.
pub fn line_showing(lines: &[ReadingLine], place: (usize, usize)) -> usize {
    lines
        .partition_point(|line| line_start(line) <= place)
        .saturating_sub(1)
}

/// The article as the reading pane lays it out, as plain lines (for the pager).
pub fn page_text(article: &Article, typesetting: &Typesetting) -> String {
    let mut text: String = layout_article(article, typesetting)
        .into_iter()
        .map(|line| line.text)
        .collect::<Vec<_>>()
        .join("\n");
    text.push('\n');
    text
}

/// The article's text as written, unwrapped, blocks apart (for the clipboard): no break,
/// hyphen or justifying space of the layout in it.
pub fn plain_text(article: &Article) -> String {
    blocks(article)
        .iter()
        .map(|(_, text)| text.as_ref())
        .collect::<Vec<_>>()
        .join("\n\n")
}
