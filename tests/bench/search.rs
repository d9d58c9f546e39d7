//! The search engine over the archive, in process: the full-text index built from nothing,
//! full-text queries against it, and the related articles of one (`r`), as the search
//! thread finds them and the model ranks them.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use liseuse::article::Article;
use liseuse::fulltext::FullText;
use liseuse::fulltext::related;
use liseuse::fulltext::worker::RelatedSearch;
use liseuse::ranking::Haystacks;
use liseuse::store::{ContentKey, content_key};

use crate::stats::{Samples, Table, ms, verdict};

/// Words of the generated dispatches, as someone would search them.
const QUERIES: &[&str] = &["poutine", "partenariat strat", "hanoi", "cooperation tourisme"];
/// How many articles, spread over the archive, are asked their related articles.
const RELATED_ASKED: usize = 40;

pub fn measure(
    index_dir: &Path,
    articles: &[Article],
    full_text_p95: f64,
    related_p95: f64,
    table: &mut Table,
) -> anyhow::Result<()> {
    let keys: Vec<ContentKey> = articles.iter().map(content_key).collect();
    let mut index = FullText::open(Some(index_dir))?;
    let started = Instant::now();
    index.sync(keys.iter().copied().zip(articles))?;
    let built = started.elapsed();
    table.value(
        "full text: index built from nothing (FullText::sync, in process)",
        ms(built.as_secs_f64() * 1e3),
        1,
        "",
    );
    let searcher = index.searcher();

    let mut queries = Samples::default();
    for _ in 0..crate::stats::CHEAP_RUNS {
        for query in QUERIES {
            let started = Instant::now();
            let hits = searcher.search(query, 1_000)?;
            queries.push_duration(started.elapsed());
            anyhow::ensure!(!hits.is_empty(), "the full-text query {query:?} found nothing");
        }
    }
    table.time(
        &format!(
            "full text: one query, 1 000 hits at most ({} queries)",
            QUERIES.len()
        ),
        &queries,
        &format!(
            "p95 ≤ {} {}",
            ms(full_text_p95),
            verdict(queries.p95() <= full_text_p95)
        ),
    );

    let haystacks = Haystacks::of(articles);
    let ids: HashMap<ContentKey, usize> = keys.iter().enumerate().map(|(id, key)| (*key, id)).collect();
    let mut found_related = Samples::default();
    let step = (articles.len() / RELATED_ASKED).max(1);
    for of in (0..articles.len()).step_by(step).take(RELATED_ASKED) {
        let search = RelatedSearch {
            of,
            key: keys[of],
            article: Arc::new(articles[of].clone()),
            haystacks: haystacks.clone(),
        };
        let started = Instant::now();
        let found = search.answer(Some(&searcher));
        let words: Vec<(usize, f32)> = found
            .words
            .map_err(|error| anyhow::anyhow!("{error}"))?
            .into_iter()
            .filter_map(|hit| Some((*ids.get(&hit.key)?, hit.score)))
            .collect();
        let listed = related::rank(of, &words, found.names);
        found_related.push_duration(started.elapsed());
        anyhow::ensure!(!listed.is_empty(), "article {of} has no related article");
    }
    table.time(
        &format!("related articles of one (`r`: more-like-this + shared names, {RELATED_ASKED} articles)"),
        &found_related,
        &format!(
            "p95 ≤ {} {}",
            ms(related_p95),
            verdict(found_related.p95() <= related_p95)
        ),
    );
    Ok(())
}
