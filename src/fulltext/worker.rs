//! The search engine's two threads: one brings the index in line with the archive, the
//! other answers searches meanwhile, the newest first, older ones dropped. Each hit comes
//! back with its snippet, cut here once from the text the index stores rather than while
//! the list is drawn.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::related::{self, NameMatch};
use super::{ArticleText, FullText, FullTextError, FullTextHit, FullTextSearcher, Snippet, snippet};
use crate::article::Article;
use crate::ranking::Haystacks;
use crate::store::ContentKey;

/// How many full-text results a search returns: more than anyone scrolls through.
const FULL_TEXT_LIMIT: usize = 1_000;

/// The articles to bring the full-text index in line with, by content key.
pub type IndexJob = Vec<(ContentKey, Arc<Article>)>;

/// Whether the index is in line with the archive, or why it could not be.
pub type Indexed = Result<(), Arc<FullTextError>>;

/// What the indexing thread tells the loop.
#[derive(Debug, Clone)]
pub enum IndexNews {
    /// A first indexing of many articles committed another share of them: a search made
    /// before finds more if asked again.
    Grew,
    Done(Indexed),
    /// Why the index is kept in memory for this run, not in the cache folder.
    Note(String),
}

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

/// A search for the articles related to article `of`, over `haystacks` (the filter's, for
/// the names) and the index (for the words).
#[derive(Debug, Clone)]
pub struct RelatedSearch {
    pub of: usize,
    /// Its content key, under which the index keeps its text.
    pub key: ContentKey,
    pub article: Arc<Article>,
    pub haystacks: Haystacks,
}

/// The two halves of the related articles, for [`related::rank`] once the words' keys are
/// articles again.
#[derive(Debug, Clone)]
pub struct RelatedFound {
    pub of: usize,
    pub words: Result<Vec<FullTextHit>, Arc<FullTextError>>,
    pub names: Vec<NameMatch>,
}

/// What the search thread answers.
#[derive(Debug, Clone)]
pub enum Answer {
    FullText(FullTextFound),
    Related(RelatedFound),
}

/// What the search thread is asked: a search, or the related articles of one.
enum Request {
    Search(FullTextSearch),
    Related(RelatedSearch),
}

/// What the indexing thread is given: the texts of articles as they arrive, then the
/// whole archive once it has.
enum IndexWork {
    Arriving(Vec<ArticleText>),
    Complete(IndexJob),
}

/// The texts of articles arriving, on their way to the indexing thread.
#[derive(Clone)]
pub struct ArrivingTexts(Sender<IndexWork>);

impl ArrivingTexts {
    pub fn send(&self, texts: Vec<ArticleText>) {
        // The indexing thread only stops when the app is leaving; nothing to do then.
        let _ = self.0.send(IndexWork::Arriving(texts));
    }
}

/// The handle the event loop keeps: work goes in here, answers come out through the
/// callbacks given to [`FullTextWorker::spawn`].
pub struct FullTextWorker {
    jobs: Sender<IndexWork>,
    requests: Sender<Request>,
}

impl FullTextWorker {
    /// `index_dir`: where the index is kept between runs; `None` keeps it in memory, and so
    /// does a folder that cannot hold it, which [`IndexNews::Note`] then says. The index is
    /// opened on the indexing thread once the first work comes: opening checks every byte
    /// of it, a second for a million articles, which neither the first frame nor the
    /// reading of the first articles waits for; searches asked meanwhile wait for it. The
    /// callbacks return false once nobody listens, which ends their thread.
    pub fn spawn(
        index_dir: Option<PathBuf>,
        mut indexed: impl FnMut(IndexNews) -> bool + Send + 'static,
        found: impl FnMut(Answer) -> bool + Send + 'static,
    ) -> Self {
        let (jobs, job_queue) = mpsc::channel::<IndexWork>();
        let (requests, request_queue) = mpsc::channel::<Request>();
        let (opened, searcher) = mpsc::channel::<Option<FullTextSearcher>>();
        thread::spawn(move || {
            let Ok(first) = job_queue.recv() else {
                return;
            };
            let (index, note) = match FullText::open_or_in_memory(index_dir.as_deref()) {
                Ok((full_text, note)) => (Ok(full_text), note),
                Err(error) => (Err(Arc::new(error)), None),
            };
            let _ = opened.send(index.as_ref().ok().map(FullText::searcher));
            if note.is_some_and(|note| !indexed(IndexNews::Note(note))) {
                return;
            }
            index_forever(index, std::iter::once(first).chain(&job_queue), indexed);
        });
        thread::spawn(move || {
            let searcher = searcher.recv().ok().flatten();
            search_forever(searcher, &request_queue, found);
        });
        Self { jobs, requests }
    }

    /// Brings the index in line with these articles, the whole archive, in the background.
    pub fn index(&self, job: IndexJob) {
        // The threads only stop when the app is leaving; nothing to do then.
        let _ = self.jobs.send(IndexWork::Complete(job));
    }

    /// Where the loading thread hands the texts it lets go: straight to the indexing
    /// thread, which adds those the index lacks.
    pub fn arriving(&self) -> ArrivingTexts {
        ArrivingTexts(self.jobs.clone())
    }

    pub fn search(&self, search: FullTextSearch) {
        let _ = self.requests.send(Request::Search(search));
    }

    pub fn find_related(&self, search: RelatedSearch) {
        let _ = self.requests.send(Request::Related(search));
    }
}

fn index_forever(
    mut index: Result<FullText, Arc<FullTextError>>,
    jobs: impl IntoIterator<Item = IndexWork>,
    mut indexed: impl FnMut(IndexNews) -> bool,
) {
    // A failure to add arriving texts, told with the sync that follows.
    let mut arriving_failed = None;
    for work in jobs {
        let mut listened = true;
        let mut grew = || listened = listened && indexed(IndexNews::Grew);
        match (work, &mut index) {
            (IndexWork::Arriving(texts), Ok(full_text)) => {
                if let Err(problem) = full_text.add_arriving(texts, &mut grew) {
                    arriving_failed.get_or_insert(Arc::new(problem));
                }
            }
            (IndexWork::Arriving(_), Err(_)) => {}
            (IndexWork::Complete(job), index) => {
                let outcome = match index {
                    Ok(full_text) => full_text
                        .sync_announcing(
                            job.iter().map(|(key, article)| (*key, article.as_ref())),
                            &mut grew,
                        )
                        .map(|_| ())
                        .map_err(Arc::new),
                    Err(problem) => Err(problem.clone()),
                };
                let outcome = match arriving_failed.take() {
                    Some(problem) => Err(problem),
                    None => outcome,
                };
                if !listened || !indexed(IndexNews::Done(outcome)) {
                    return;
                }
                continue;
            }
        }
        if !listened {
            return;
        }
    }
}

fn search_forever(
    searcher: Option<FullTextSearcher>,
    requests: &Receiver<Request>,
    mut found: impl FnMut(Answer) -> bool,
) {
    while let Ok(first) = requests.recv() {
        // Only the newest of each kind is worth answering.
        let (mut search, mut related) = (None, None);
        for request in std::iter::once(first).chain(requests.try_iter()) {
            match request {
                Request::Search(newer) => search = Some(newer),
                Request::Related(newer) => related = Some(newer),
            }
        }
        let answers = search
            .map(|search| Answer::FullText(full_text(searcher.as_ref(), search)))
            .into_iter()
            .chain(related.map(|search| Answer::Related(search.answer(searcher.as_ref()))));
        for answer in answers {
            if !found(answer) {
                return;
            }
        }
    }
}

/// The hits of a full-text search, each with its snippet; none when the index could not
/// be opened (the indexing thread says why).
fn full_text(searcher: Option<&FullTextSearcher>, search: FullTextSearch) -> FullTextFound {
    let hits = match searcher {
        Some(searcher) => searcher
            .search_with_bodies(&search.query, FULL_TEXT_LIMIT)
            .map_err(Arc::new),
        None => Ok(Vec::new()),
    }
    .map(|hits| {
        hits.into_iter()
            .map(|(hit, body)| (hit.key, snippet(&body, &search.query)))
            .collect()
    });
    FullTextFound {
        generation: search.generation,
        hits,
    }
}

impl RelatedSearch {
    /// Both halves, as the search thread finds them, over `searcher`'s index if there is one.
    pub fn answer(self, searcher: Option<&FullTextSearcher>) -> RelatedFound {
        RelatedFound {
            of: self.of,
            words: related::by_words(searcher, self.key, &self.article).map_err(Arc::new),
            names: related::by_names(&self.haystacks, self.of),
        }
    }
}
