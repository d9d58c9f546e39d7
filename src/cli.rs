//! The modes without a terminal user interface: `--list`, `--filter`, `--timeline`,
//! `--related` and `--print`.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::article::Article;
use crate::fulltext::related;
use crate::fulltext::{FullTextError, FullTextSearcher};
use crate::query::{FieldError, Query};
use crate::ranking::{self, Haystacks, Scoring};
use crate::reading::{self, LineKind, Typesetting};
use crate::store::ContentKey;
use crate::timeline::Timeline;

/// One `date<TAB>title<TAB>path` line per article, in the order given.
pub fn write_list<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    out: &mut impl Write,
) -> io::Result<()> {
    for article in articles {
        let date = article.date.map(|date| date.to_string()).unwrap_or_default();
        writeln!(out, "{date}\t{}\t{}", article.title, article.display_path())?;
    }
    Ok(())
}

/// The articles matching `query` (in display order), best first; an error for a field
/// term that cannot be read.
pub fn filter<'a>(articles: &'a [Article], query: &str) -> Result<Vec<&'a Article>, FieldError> {
    let query = Query::parse(query);
    if let Some(error) = query.error() {
        return Err(error.clone());
    }
    let haystacks = Haystacks::of(articles);
    let display_order: Vec<usize> = (0..articles.len()).collect();
    let display_rank: Vec<u32> = (0..articles.len() as u32).collect();
    let ranked = ranking::rank(&query, Scoring::Skim, &display_order, &haystacks, &display_rank);
    Ok(ranked.iter().map(|&index| &articles[index]).collect())
}

/// `--related`: the articles of `articles` most related to `articles[of]`, best first, by
/// the words of their bodies (over `full_text`, when there is an index) and their names.
/// `keys` are the articles' content keys, by which the index knows them.
pub fn related<'a>(
    articles: &'a [Article],
    keys: &[ContentKey],
    of: usize,
    full_text: Option<&FullTextSearcher>,
) -> Result<Vec<&'a Article>, FullTextError> {
    let Some(article) = articles.get(of) else {
        return Ok(Vec::new());
    };
    // The first of duplicates, as the reader takes it.
    let ids: HashMap<ContentKey, usize> = keys
        .iter()
        .enumerate()
        .rev()
        .map(|(id, key)| (*key, id))
        .collect();
    let words: Vec<(usize, f32)> = related::by_words(full_text, keys[of], article)?
        .into_iter()
        .filter_map(|hit| Some((*ids.get(&hit.key)?, hit.score)))
        .collect();
    let names = related::by_names(&Haystacks::of(articles), of);
    Ok(related::rank(of, &words, names)
        .into_iter()
        .map(|related| &articles[related.id])
        .collect())
}

/// `--timeline`: one `period<TAB>count` line per period, oldest first, then
/// `undated<TAB>count` and `imprecise<TAB>count` when there are such articles.
pub fn write_timeline<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    out: &mut impl Write,
) -> io::Result<()> {
    let timeline = Timeline::of(articles.into_iter().map(|article| article.date));
    for (period, count) in &timeline.periods {
        writeln!(out, "{period}\t{count}")?;
    }
    for (label, count) in [("undated", timeline.undated), ("imprecise", timeline.imprecise)] {
        if count > 0 {
            writeln!(out, "{label}\t{count}")?;
        }
    }
    Ok(())
}

/// How `--print` marks up the text: plain for pipes and files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Plain,
    /// Bold, italic, dim: attributes only (NO_COLOR).
    Attributes,
    Colour,
}

/// One article as the reading pane shows it, set as `typesetting` says.
pub fn write_article(
    article: &Article,
    typesetting: &Typesetting,
    markup: Markup,
    out: &mut impl Write,
) -> io::Result<()> {
    for line in reading::layout_article(article, typesetting) {
        let start = match (markup, line.kind) {
            (Markup::Plain, _) | (_, LineKind::Body | LineKind::Blank) => "",
            (_, LineKind::Title) => "\x1b[1m",
            (Markup::Colour, LineKind::Meta) => "\x1b[36m",
            (Markup::Attributes, LineKind::Meta) => "",
            (_, LineKind::Caption) => "\x1b[3m",
        };
        let end = if start.is_empty() { "" } else { "\x1b[0m" };
        writeln!(out, "{start}{}{end}", line.text)?;
    }
    Ok(())
}
