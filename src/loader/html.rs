//! Saved web pages (`.html`, `.htm`): the main text found by Readability (`dom_smoothie`),
//! menus, footers and adverts left out; the title, date, site and author from the page's
//! meta tags and JSON-LD. Also HTML fragments (feed entries, mail, dumps) as paragraphs.

use std::path::Path;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::LoadError;
use super::dates::parse_date;
use super::decode::clean;
use super::dispatch::paragraphs;
use super::fields::Fields;
use super::language;
use crate::article::Article;

/// Pages with more elements than this are read without Readability's scoring, which
/// grows with the page; no article page comes near.
const MAX_ELEMENTS: usize = 100_000;

/// Elements that never hold an article's text.
const NOT_TEXT: &str = "script, style, noscript, template, iframe, svg, canvas, form, button, select, \
                        input, textarea, object, embed";
/// Page furniture, left out when Readability finds no article and the body is read whole.
const FURNITURE: &str = "nav, header, footer, aside, menu, [role=navigation], [role=banner], \
                         [role=contentinfo], [role=complementary], .advert, .ad, .ads, .advertisement, \
                         .sidebar, .menu, .nav, .footer, .header, .cookie, .newsletter, .related, .share";

/// Whether `text` is HTML rather than plain text: it holds a closing or a common tag.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let lower_start = text.trim_start().get(..1).is_some_and(|first| first == "<");
    lower_start
        || [
            "</p>",
            "</div>",
            "<br",
            "</a>",
            "<p>",
            "<p ",
            "</li>",
            "</span>",
            "</b>",
            "</em>",
            "</strong>",
        ]
        .iter()
        .any(|tag| text.contains(tag))
}

/// An HTML fragment as paragraphs and captions (`<figcaption>`), scripts and styles left
/// out; each paragraph cleaned and on one line.
pub(crate) fn render(html: &str) -> (Vec<String>, Vec<String>) {
    let document = Document::from(html);
    document.select(NOT_TEXT).remove();
    text_of(&document)
}

fn text_of(document: &Document) -> (Vec<String>, Vec<String>) {
    let figcaptions = document.select("figcaption");
    let captions: Vec<String> = figcaptions
        .iter()
        .map(|caption| collapse(&caption.text()))
        .filter(|caption| !caption.is_empty())
        .collect();
    figcaptions.remove();
    (paragraphs(&clean(&document.formatted_text())), captions)
}

fn collapse(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A saved web page as an article: Readability's text, else the body without its
/// furniture; title, date, author and site from meta tags and JSON-LD.
pub(crate) fn parse_page(path: &Path, html: &str) -> Result<Article, LoadError> {
    let mut fields = Fields::default();
    let document = Document::from(html);
    document.select(NOT_TEXT).remove();
    let meta = |selector: &str| -> Option<String> {
        document
            .select(selector)
            .iter()
            .find_map(|element| element.attr("content").map(|value| value.to_string()))
            .filter(|value| !value.trim().is_empty())
    };
    // Read before Readability takes the document.
    let meta_date = meta(
        "meta[property='article:published_time'], meta[name='date'], meta[name='pubdate'], \
         meta[name='publishdate'], meta[itemprop='datePublished'], meta[name='DC.date'], \
         meta[name='dc.date'], meta[property='og:published_time']",
    )
    .or_else(|| {
        document
            .select("time[datetime]")
            .iter()
            .find_map(|time| time.attr("datetime").map(|value| value.to_string()))
    });
    let meta_author = meta("meta[name='author'], meta[property='article:author'], meta[name='byl']");
    let meta_site = meta("meta[property='og:site_name'], meta[name='application-name']");
    let meta_url = document
        .select("link[rel='canonical']")
        .iter()
        .find_map(|link| link.attr("href").map(|value| value.to_string()))
        .or_else(|| meta("meta[property='og:url']"));
    let meta_title = meta("meta[property='og:title'], meta[name='twitter:title']");
    let page_language = document
        .select("html")
        .iter()
        .find_map(|root| root.attr("lang").map(|value| value.to_string()));
    let elements = document.select("*").length();

    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let readable = if elements <= MAX_ELEMENTS {
        Readability::with_document(document.clone(), None, Some(config))
            .ok()
            .and_then(|mut readability| readability.parse().ok())
    } else {
        None
    };
    let (blocks, captions) = match &readable {
        Some(article) if !article.text_content.trim().is_empty() => render(&article.content),
        _ => {
            document.select(FURNITURE).remove();
            let body = document.select("body");
            if body.exists() {
                render(&body.html())
            } else {
                text_of(&document)
            }
        }
    };
    if let Some(article) = &readable {
        fields.title = Some(article.title.clone()).filter(|title| !title.trim().is_empty());
        fields.author = article.byline.clone();
        fields.source = article.site_name.clone();
        fields.date = article.published_time.as_deref().and_then(parse_date);
        fields.url = article.url.clone();
        fields.language = article.lang.as_deref().and_then(language::from_tag);
    }
    fields.title = fields.title.or(meta_title).or_else(|| {
        let title = document.select("title").text().to_string();
        (!title.trim().is_empty()).then_some(title)
    });
    fields.date = fields.date.or_else(|| meta_date.as_deref().and_then(parse_date));
    fields.author = fields.author.or(meta_author);
    fields.source = fields.source.or(meta_site);
    fields.url = fields.url.or(meta_url);
    fields.language = fields
        .language
        .or_else(|| page_language.as_deref().and_then(language::from_tag));
    let mut draft = fields.into_draft();
    draft.blocks = blocks;
    draft.captions = captions;
    // Pages repeat their title as the heading of the text.
    if let Some(title) = &draft.title
        && draft.blocks.first() == Some(title)
    {
        draft.blocks.remove(0);
    }
    draft.finish(path)
}
