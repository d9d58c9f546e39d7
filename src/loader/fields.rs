//! The fields structured formats give (a title, a date, an author, a site, a URL, a body in
//! text or HTML), cleaned like any text and made into a [`Draft`].

use std::path::{Path, PathBuf};

use super::decode::clean;
use super::dispatch::{paragraphs, split_headline};
use super::draft::Draft;
use super::html;
use crate::article::{Article, ArticleDate, Language};

/// An article as a structured record has it; every string untrusted, cleaned here.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    pub title: Option<String>,
    pub date: Option<ArticleDate>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub language: Option<Language>,
    /// The body as plain text, paragraphs apart by blank lines.
    pub text: Option<String>,
    /// The body as HTML, when there is no text.
    pub html: Option<String>,
    /// A summary, used as the body when there is no other.
    pub summary: Option<String>,
}

impl Fields {
    /// The draft these fields make: strings cleaned to one line, the body in paragraphs.
    pub fn into_draft(self) -> Draft {
        let (mut blocks, captions) = match (
            non_empty(self.text),
            non_empty(self.html),
            non_empty(self.summary),
        ) {
            (Some(text), _, _) => body_from_text(&text),
            (None, Some(html), _) => html::render(&html),
            (None, None, Some(summary)) if html::looks_like_html(&summary) => html::render(&summary),
            (None, None, Some(summary)) => body_from_text(&summary),
            (None, None, None) => (Vec::new(), Vec::new()),
        };
        let mut title = self
            .title
            .as_deref()
            .map(one_line)
            .filter(|title| !title.is_empty());
        // A body that repeats the title as its first paragraph (pages, clips) says it once.
        if let (Some(title), Some(first)) = (&title, blocks.first())
            && first == title
        {
            blocks.remove(0);
        }
        if title.is_none()
            && let Some(first) = blocks.first()
        {
            let (headline, rest) = split_headline(first);
            if headline.is_some() && rest.trim().is_empty() && blocks.len() > 1 {
                title = Some(blocks.remove(0));
            }
        }
        Draft {
            title,
            date: self.date,
            source: self
                .source
                .as_deref()
                .map(one_line)
                .filter(|source| !source.is_empty()),
            author: self
                .author
                .as_deref()
                .map(one_line)
                .filter(|author| !author.is_empty()),
            url: self.url.as_deref().map(one_line).filter(|url| !url.is_empty()),
            language: self.language,
            blocks,
            captions,
        }
    }

    /// The article these fields make at `path` (the `N`-th of its file when `part` is set).
    pub fn into_article(self, path: &Path, part: Option<u32>) -> Result<Article, super::LoadError> {
        let address = match part {
            Some(part) => address(path, part),
            None => path.to_owned(),
        };
        let mut article = self.into_draft().finish(&address)?;
        article.part = part;
        Ok(article)
    }
}

/// The address of the `part`-th article of the file at `path`: `path#part`.
pub(crate) fn address(path: &Path, part: u32) -> PathBuf {
    let mut address = path.as_os_str().to_owned();
    address.push(format!("#{part}"));
    PathBuf::from(address)
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|text| !text.trim().is_empty())
}

/// Plain text in paragraphs; text that is HTML after all (feeds and dumps mix them) is
/// rendered.
fn body_from_text(text: &str) -> (Vec<String>, Vec<String>) {
    if html::looks_like_html(text) {
        return html::render(text);
    }
    (paragraphs(&clean(text)), Vec::new())
}

/// A field's value cleaned and on one line, whitespace collapsed.
pub(crate) fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}
