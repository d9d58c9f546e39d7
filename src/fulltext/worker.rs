//! The search engine's two threads: one brings the index in line with the archive, the
//! other answers searches meanwhile, the newest first, older ones dropped. Each hit comes
//! back with its snippet, cut here once rather than while the list is drawn.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::{FullText, FullTextError, FullTextSearcher, Snippet, snippet};
use crate::article::Article;
use crate::store::ContentKey;

/// How many full-text results a search returns: more than anyone scrolls through.
const FULL_TEXT_LIMIT: usize = 1_000;

/// The articles to bring the full-text index in line with, by content key.
pub type IndexJob = Vec<(ContentKey, Arc<Article>)>;

/// Whether the index is in line with the archive, or why it could not be.
pub type Indexed = Result<(), Arc<FullTextError>>;

/// A full-text search; `generation` tells its answer from older ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullTextSearch {
    pub generation: u64,
    pub query: String,
}

/// The answer to the search of `generation`: the articles found, best first, each with the
/// stretch of its text where the words are; or why the search failed.
#[derive(Debug, Clone)]
pub struct FullTextFound {
    pub generation: u64,
    pub hits: Result<Vec<(ContentKey, Snippet)>, Arc<FullTextError>>,
}

/// What the search thread is asked: a search, or the articles its snippets are cut from.
enum Request {
    Search(FullTextSearch),
    Articles(Arc<HashMap<ContentKey, Arc<Article>>>),
}

/// The handle the event loop keeps: work goes in here, answers come out through the
/// callbacks given to [`FullTextWorker::spawn`].
pub struct FullTextWorker {
    jobs: Sender<IndexJob>,
    requests: Sender<Request>,
}

impl FullTextWorker {
    /// `index_dir`: where the index is kept between runs; `None` keeps it in memory, and so
    /// does a folder that cannot hold it, which the returned note says. The callbacks
    /// return false once nobody listens, which ends their thread.
    pub fn spawn(
        index_dir: Option<PathBuf>,
        indexed: impl FnMut(Indexed) -> bool + Send + 'static,
        found: impl FnMut(FullTextFound) -> bool + Send + 'static,
    ) -> (Self, Option<String>) {
        let (jobs, job_queue) = mpsc::channel::<IndexJob>();
        let (requests, request_queue) = mpsc::channel::<Request>();
        let (searcher, index, note) = match FullText::open_or_in_memory(index_dir.as_deref()) {
            Ok((full_text, note)) => (Some(full_text.searcher()), Ok(full_text), note),
            Err(error) => (None, Err(Arc::new(error)), None),
        };
        thread::spawn(move || index_forever(index, &job_queue, indexed));
        thread::spawn(move || search_forever(searcher, &request_queue, found));
        (Self { jobs, requests }, note)
    }

    /// Brings the index in line with these articles, in the background; they are also
    /// what later hits are cut from.
    pub fn index(&self, job: IndexJob) {
        let articles = job.iter().map(|(key, article)| (*key, article.clone())).collect();
        // The threads only stop when the app is leaving; nothing to do then.
        let _ = self.requests.send(Request::Articles(Arc::new(articles)));
        let _ = self.jobs.send(job);
    }

    pub fn search(&self, search: FullTextSearch) {
        let _ = self.requests.send(Request::Search(search));
    }
}

fn index_forever(
    mut index: Result<FullText, Arc<FullTextError>>,
    jobs: &Receiver<IndexJob>,
    mut indexed: impl FnMut(Indexed) -> bool,
) {
    for job in jobs {
        let outcome = match &mut index {
            Ok(full_text) => full_text
                .sync(job.iter().map(|(key, article)| (*key, article.as_ref())))
                .map(|_| ())
                .map_err(Arc::new),
            Err(problem) => Err(problem.clone()),
        };
        if !indexed(outcome) {
            return;
        }
    }
}

fn search_forever(
    searcher: Option<FullTextSearcher>,
    requests: &Receiver<Request>,
    mut found: impl FnMut(FullTextFound) -> bool,
) {
    let mut articles = Arc::new(HashMap::new());
    while let Ok(first) = requests.recv() {
        // Only the newest search is worth answering; the newest articles are kept.
        let mut search = None;
        for request in std::iter::once(first).chain(requests.try_iter()) {
            match request {
                Request::Search(newer) => search = Some(newer),
                Request::Articles(newer) => articles = newer,
            }
        }
        let Some(search) = search else {
            continue;
        };
        let hits = match &searcher {
            Some(searcher) => searcher.search(&search.query, FULL_TEXT_LIMIT).map_err(Arc::new),
            // The index could not be opened: the indexing thread says why.
            None => Ok(Vec::new()),
        }
        .map(|hits| {
            hits.into_iter()
                .map(|hit| {
                    let snippet = articles
                        .get(&hit.key)
                        .map(|article| snippet(article, &search.query))
                        .unwrap_or_default();
                    (hit.key, snippet)
                })
                .collect()
        });
        let answer = FullTextFound {
            generation: search.generation,
            hits,
        };
        if !found(answer) {
            return;
        }
    }
}
