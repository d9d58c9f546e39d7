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

/// Deeper nesting than this is no page anyone wrote: the HTML parser's cost grows with
/// the depth at every tag, so such a document is read by [`strip_tags`] instead.
const MAX_DEPTH: usize = 1_000;

/// The deepest nesting of `html`'s elements, counted roughly from its tags: elements
/// whose end tag may be left out (`<p>`, `<li>`…) and void ones (`<br>`) do not count.
fn nesting_depth(html: &str) -> usize {
    const UNCOUNTED: &[&[u8]] = &[
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"thead",
        b"tbody",
        b"tfoot",
        b"br",
        b"img",
        b"hr",
        b"meta",
        b"link",
        b"input",
        b"area",
        b"base",
        b"col",
        b"embed",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"!doctype",
        b"html",
        b"head",
        b"body",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'!')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        if UNCOUNTED.contains(&name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
            if tag_end == 0 || rest[tag_end - 1] != b'/' {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

/// The text of `html` with its tags taken off, scripts and styles left out, block ends
/// made paragraph breaks and the common entities decoded: for documents too deep to
/// parse.
fn strip_tags(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "blockquote",
    ];
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open]));
        let tag = &rest[open + 1..];
        let Some(close) = tag.find('>') else {
            rest = "";
            break;
        };
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &tag[close + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let end = rest.match_indices("</").map(|(at, _)| at).find(|&at| {
                rest.get(at + 2..at + 2 + name.len())
                    .is_some_and(|closing| closing.eq_ignore_ascii_case(&name))
            });
            rest = end.map_or("", |at| &rest[at..]);
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let entity = &rest[at + 1..];
        let end = entity.find(';').filter(|&end| end <= 10);
        let decoded = end.and_then(|end| match &entity[..end] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            number => number
                .strip_prefix("#x")
                .or_else(|| number.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| number.strip_prefix('#').and_then(|decimal| decimal.parse().ok()))
                .and_then(char::from_u32),
        });
        match (decoded, end) {
            (Some(c), Some(end)) => {
                out.push(c);
                rest = &entity[end + 1..];
            }
            _ => {
                out.push('&');
                rest = entity;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// An HTML fragment as paragraphs and captions (`<figcaption>`), scripts and styles left
/// out; each paragraph cleaned and on one line.
pub(crate) fn render(html: &str) -> (Vec<String>, Vec<String>) {
    if nesting_depth(html) > MAX_DEPTH {
        return (paragraphs(&clean(&strip_tags(html))), Vec::new());
    }
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
    if nesting_depth(html) > MAX_DEPTH {
        let mut draft = Fields::default().into_draft();
        draft.blocks = paragraphs(&clean(&strip_tags(html)));
        return draft.finish(path);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_without_the_elements_that_close_themselves() {
        assert_eq!(nesting_depth("<div><p>a<p>b<br><div>c</div></div>"), 2);
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting_depth("<img src=x/><span/>text"), 0);
    }

    #[test]
    fn too_deep_html_is_read_with_its_tags_taken_off() {
        let html = format!(
            "<html><body>{}<p>Hanoï &amp; Huế</p><script>x()</script><p>Fin</p></body></html>",
            "<div>".repeat(5000)
        );
        let (paragraphs, _) = render(&html);
        assert_eq!(paragraphs, ["Hanoï & Huế", "Fin"]);
    }
}
