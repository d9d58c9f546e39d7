//! A draft article: what a format found (a title, a date, an author, a URL) and its text in
//! paragraphs, which the dispatch rules finish: captions set apart, the dateline and the
//! closing credits read and removed, the language detected, names found and places told.
//! Every format goes through here, so an article reads the same whatever file held it.

use std::path::Path;

use super::credits::{self, split_dateline, strip_credit, usual_case};
use super::title::title_from;
use super::{LoadError, language, names};
use crate::article::{Article, ArticleDate, Language};
use crate::sanitize::sanitize_line;

/// What a format gives; every string already clean (see [`super::decode::clean`]).
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// A headline or a title field; else the title comes from the lead.
    pub title: Option<String>,
    pub date: Option<ArticleDate>,
    /// The site or publication; a dateline's or a signature's agency comes first.
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// The language the file declares, if any; else it is detected.
    pub language: Option<Language>,
    /// Paragraphs, each on one line, whitespace collapsed.
    pub blocks: Vec<String>,
    /// Captions the format marked as such (`<figcaption>`).
    pub captions: Vec<String>,
}

impl Draft {
    /// The article, at `path`; [`LoadError::Empty`] when it has no text at all.
    pub fn finish(self, path: &Path) -> Result<Article, LoadError> {
        let mut captions = self.captions;
        let mut body = Vec::with_capacity(self.blocks.len());
        for block in self.blocks.into_iter().filter(|block| !block.is_empty()) {
            match strip_credit(&block) {
                Some("") => {}
                Some(caption) => captions.push(caption.to_owned()),
                None => body.push(block),
            }
        }

        let mut byline = None;
        if let Some(first) = body.first()
            && let Some(writer) = byline_of(first)
        {
            byline = Some(writer.to_owned());
            body.remove(0);
        }
        let mut source = None;
        let mut place = None;
        if let Some(lead) = body.first_mut()
            && let Some(dateline) = split_dateline(lead)
        {
            source = Some(dateline.agency.to_owned());
            place = dateline.place.map(usual_case);
            *lead = dateline.rest.to_owned();
        }
        let closing = credits::strip_closing(&mut body);
        let source = source.or(closing.agency).or(self.source);
        let author = self.author.or(byline).or(closing.author);
        body.retain(|paragraph| !paragraph.is_empty());

        let title = match self.title.filter(|title| !title.trim().is_empty()) {
            Some(title) => title,
            None => {
                let Some(lead) = body.first().or(captions.first()) else {
                    return Err(LoadError::Empty {
                        path: path.to_owned(),
                    });
                };
                title_from(lead)
            }
        };
        if body.is_empty() && captions.is_empty() && self.url.is_none() {
            return Err(LoadError::Empty {
                path: path.to_owned(),
            });
        }
        let title = if title.is_empty() {
            sanitize_line(&path.file_stem().unwrap_or_default().to_string_lossy())
        } else {
            title
        };
        let language = self
            .language
            .or_else(|| language::detect(body.iter().chain(&captions).map(String::as_str)));
        let found = names::find(&captions, place.as_deref(), &body, language);
        // Kept for the whole session, by the hundred thousand: no spare capacity.
        captions.shrink_to_fit();
        body.shrink_to_fit();
        Ok(Article {
            path: path.to_owned(),
            title,
            date: self.date,
            source,
            place,
            captions,
            paragraphs: body,
            names: found.names,
            places: found.places,
            url: self.url,
            author,
            language,
            part: None,
            text_dropped: false,
        })
    }
}

/// The writer a byline names (`By Mai Anh, June 21, 2024`, `Par Lê Minh`, `Por María
/// López`), when the block is only that.
fn byline_of(block: &str) -> Option<&str> {
    let rest = ["By ", "BY ", "Par ", "PAR ", "Por ", "POR ", "Bởi ", "Theo "]
        .iter()
        .find_map(|opener| block.strip_prefix(opener))?;
    let writer = rest.split([',', '|', '•', '·', '/']).next()?.trim();
    let words = writer.split_whitespace().count();
    let ok = (1..=5).contains(&words)
        && block.chars().count() <= 80
        && !block.ends_with(['.', '!', '?']) | block.ends_with(|c: char| c.is_ascii_digit())
        && writer.split_whitespace().all(|word| {
            word.starts_with(char::is_uppercase) || matches!(word, "de" | "du" | "van" | "von" | "y")
        });
    ok.then_some(writer)
}
