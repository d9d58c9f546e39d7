//! Markdown clips (`.md`, `.markdown`) as web clippers write them: YAML front matter
//! between `---` lines or TOML between `+++` lines (`title`, `source`, `author`,
//! `published`…), then the text, its Markdown marks taken off. Front matter that does not
//! parse loses only itself: the text still loads, and the problem is named by its line.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

use super::dates::parse_date;
use super::fields::Fields;
use super::{LoadError, language};
use crate::article::Article;

/// A clip as an article, and what was wrong in its front matter, if anything.
pub(crate) fn parse(path: &Path, text: &str) -> (Result<Article, LoadError>, Option<String>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body, body_line) = split_front_matter(text);
    let mut fields = Fields::default();
    let mut problem = None;
    match front {
        Some(FrontMatter::Yaml(yaml)) => match YamlLoader::load_from_str(yaml) {
            Ok(documents) => {
                if let Some(document) = documents.first() {
                    read_yaml(document, &mut fields);
                }
            }
            Err(error) => {
                let line = error.marker().line() + 1;
                problem = Some(format!(
                    "line {line}: front matter is not YAML ({}); its fields are ignored",
                    error.info()
                ));
            }
        },
        Some(FrontMatter::Toml(toml_text)) => match toml_text.parse::<toml::Table>() {
            Ok(table) => read_toml(&table, &mut fields),
            Err(error) => {
                let line = error.span().map_or(1, |span| {
                    toml_text[..span.start.min(toml_text.len())].matches('\n').count() + 1
                }) + 1;
                problem = Some(format!(
                    "line {line}: front matter is not TOML ({}); its fields are ignored",
                    error.message()
                ));
            }
        },
        Some(FrontMatter::Unclosed) => {
            problem = Some("line 1: front matter is never closed; read as text".to_owned());
        }
        None => {}
    }
    let _ = body_line;
    let (title_heading, plain) = plain_text(body);
    fields.title = fields.title.or(title_heading);
    fields.text = Some(plain);
    (fields.into_article(path, None), problem)
}

enum FrontMatter<'a> {
    Yaml(&'a str),
    Toml(&'a str),
    Unclosed,
}

/// The front matter, the text after it, and the line the text starts on.
fn split_front_matter(text: &str) -> (Option<FrontMatter<'_>>, &str, usize) {
    for (fence, yaml) in [("---", true), ("+++", false)] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')) else {
            continue;
        };
        let mut at = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence || (yaml && line.trim_end() == "...") {
                let front = &rest[..at];
                let body = &rest[at + line.len()..];
                let body_line = front.matches('\n').count() + 3;
                let matter = if yaml {
                    FrontMatter::Yaml(front)
                } else {
                    FrontMatter::Toml(front)
                };
                return (Some(matter), body, body_line);
            }
            at += line.len();
        }
        return (Some(FrontMatter::Unclosed), text, 1);
    }
    (None, text, 1)
}

fn read_yaml(document: &Yaml, fields: &mut Fields) {
    let get = |keys: &[&str]| -> Option<String> { keys.iter().find_map(|key| yaml_text(&document[*key])) };
    fields.title = get(&["title", "headline"]);
    fields.url =
        get(&["source", "url", "link", "canonical", "original_url"]).filter(|url| url.contains("://"));
    fields.source =
        get(&["site", "site_name", "publisher", "source_name"]).or_else(|| host_of(fields.url.as_deref()));
    fields.author = get(&["author", "authors", "byline", "creator"]).map(|author| unlink(&author));
    fields.date = get(&["published", "date", "date_published", "created", "clipped"])
        .and_then(|date| parse_date(&date));
    fields.summary = get(&["description", "summary", "excerpt"]);
    fields.language = get(&["lang", "language"]).as_deref().and_then(language::from_tag);
}

fn yaml_text(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(text) | Yaml::Real(text) => Some(text.clone()).filter(|text| !text.trim().is_empty()),
        Yaml::Integer(number) => Some(number.to_string()),
        Yaml::Array(items) => {
            let texts: Vec<String> = items.iter().filter_map(yaml_text).collect();
            (!texts.is_empty()).then(|| texts.join(", "))
        }
        _ => None,
    }
}

fn read_toml(table: &toml::Table, fields: &mut Fields) {
    let get = |keys: &[&str]| -> Option<String> { keys.iter().find_map(|key| toml_text(table.get(*key)?)) };
    fields.title = get(&["title", "headline"]);
    fields.url = get(&["source", "url", "link", "canonical"]).filter(|url| url.contains("://"));
    fields.source = get(&["site", "site_name", "publisher"]).or_else(|| host_of(fields.url.as_deref()));
    fields.author = get(&["author", "authors", "byline"]).map(|author| unlink(&author));
    fields.date = get(&["published", "date", "created"]).and_then(|date| parse_date(&date));
    fields.summary = get(&["description", "summary"]);
    fields.language = get(&["lang", "language"]).as_deref().and_then(language::from_tag);
}

fn toml_text(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(text) => Some(text.clone()).filter(|text| !text.trim().is_empty()),
        toml::Value::Datetime(date) => Some(date.to_string()),
        toml::Value::Integer(number) => Some(number.to_string()),
        toml::Value::Array(items) => {
            let texts: Vec<String> = items.iter().filter_map(toml_text).collect();
            (!texts.is_empty()).then(|| texts.join(", "))
        }
        _ => None,
    }
}

/// The host of a URL, as a site's name: `www.reuters.com` for `https://www.reuters.com/…`.
fn host_of(url: Option<&str>) -> Option<String> {
    let rest = url?.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.to_owned())
}

/// Obsidian's links taken off a name: `[[Jane Doe]]` is Jane Doe.
fn unlink(text: &str) -> String {
    text.replace("[[", "").replace("]]", "")
}

/// The text of a Markdown body, paragraphs apart by blank lines, without its marks; and
/// the first level-one heading, which clippers write as the title.
fn plain_text(markdown: &str) -> (Option<String>, String) {
    let mut title = None;
    let mut out = String::with_capacity(markdown.len());
    let mut in_code = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
            out.push('\n');
            continue;
        }
        if in_code {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if is_rule(trimmed) {
            out.push('\n');
            continue;
        }
        let heading_level = trimmed.chars().take_while(|&c| c == '#').count();
        let content = if heading_level > 0 && trimmed[heading_level..].starts_with(' ') {
            let heading = inline(trimmed[heading_level..].trim());
            if heading_level == 1 && title.is_none() && out.trim().is_empty() {
                title = Some(heading);
                continue;
            }
            // A heading stands as a paragraph of its own.
            out.push('\n');
            out.push_str(&heading);
            out.push_str("\n\n");
            continue;
        } else {
            let unquoted = trimmed.trim_start_matches(['>', ' ']);
            let item = strip_list_marker(unquoted);
            if item.len() < unquoted.len() {
                // A list item stands as a paragraph of its own.
                out.push('\n');
                out.push_str(&inline(item));
                out.push_str("\n\n");
                continue;
            }
            item
        };
        out.push_str(&inline(content));
        out.push('\n');
    }
    (title, out)
}

fn is_rule(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 3
        && ["-", "*", "_"]
            .iter()
            .any(|mark| line.replace(' ', "").chars().all(|c| c.to_string() == *mark))
}

fn strip_list_marker(line: &str) -> &str {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return rest;
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 && line[digits..].starts_with(". ") {
        return &line[digits + 2..];
    }
    line
}

/// Inline marks taken off: images dropped, links as their text, emphasis and code marks
/// removed, HTML tags removed.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['!', '[', '*', '_', '`', '<', '\\']) {
        out.push_str(&rest[..at]);
        let here = &rest[at..];
        if let Some((alt_end, target_end)) = link_at(here.strip_prefix('!').unwrap_or("")) {
            // An image: dropped, alt text and all.
            let _ = alt_end;
            rest = &here[1 + target_end..];
        } else if let Some((text_end, target_end)) = link_at(here) {
            out.push_str(&here[1..text_end]);
            rest = &here[target_end..];
        } else if let Some(tag_end) = here.strip_prefix('<').and_then(|tag| {
            tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                .then(|| tag.find('>'))
                .flatten()
        }) {
            rest = &here[tag_end + 2..];
        } else if let Some(escaped) = here.strip_prefix('\\').and_then(|after| after.chars().next()) {
            out.push(escaped);
            rest = &here[1 + escaped.len_utf8()..];
        } else if here.starts_with(['*', '`']) || here.starts_with("__") {
            let mark = here.chars().next().unwrap_or('*');
            rest = here.trim_start_matches(mark);
        } else {
            let c = here.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &here[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    out
}

/// A link `[text](target)` at the start of `text`: where its text ends (the `]`) and
/// where the link ends.
fn link_at(text: &str) -> Option<(usize, usize)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(']')? + 1;
    let after = text.get(close + 1..)?;
    let target = after.strip_prefix('(')?;
    let target_close = target.find(')')?;
    Some((close, close + 2 + target_close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_taken_off() {
        assert_eq!(
            inline("Le **président** [Tô Lâm](https://x.org/a) a dit `oui` ![photo](p.jpg) <b>fin</b>"),
            "Le président Tô Lâm a dit oui  fin"
        );
    }

    #[test]
    fn the_first_level_one_heading_is_the_title() {
        let (title, text) = plain_text("# Titre\n\nPremier paragraphe.\n\n## Section\n\n- un\n- deux\n");
        assert_eq!(title.as_deref(), Some("Titre"));
        assert!(text.contains("Premier paragraphe.") && text.contains("Section") && text.contains("un"));
    }
}
