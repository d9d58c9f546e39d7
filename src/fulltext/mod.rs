//! Full-text search over the articles' bodies: a tantivy index kept in the cache directory,
//! brought in line with the archive incrementally, queried by word prefixes ranked by BM25.
//!
//! Documents are keyed by [`crate::store::content_key`]: a changed file is a new document, and an
//! article's text is never stored in the index (snippets are cut from the [`Article`]).

pub mod related;
mod snippet;
mod stop_words;
mod words;
pub mod worker;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, MoreLikeThisQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, OwnedValue, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term,
};

pub use snippet::{Snippet, snippet};

use crate::article::{Article, EncodedText};
use crate::safe_file;
use crate::store::ContentKey;

/// Changes whenever what is indexed or how words are cut changes, so an index built by
/// another liseuse is rebuilt rather than searched wrongly.
const FORMAT: &str = "liseuse-fulltext 2";
/// Written beside tantivy's files, which never touch it.
const FORMAT_FILE: &str = "liseuse-format";
/// The format file holds [`FORMAT`]; anything longer is not one.
const MAX_FORMAT_BYTES: u64 = 1024;
const TOKENIZER: &str = "liseuse-words";
const KEY: &str = "key";
const TITLE: &str = "title";
const BODY: &str = "body";
/// Shared by the writer's threads, which need 15 MB each: two on two cores, three at most.
const WRITER_MEMORY: usize = 50_000_000;
/// A long first sync commits every so many articles, so that searches find those already
/// indexed, and quitting midway keeps them for the next run.
const COMMIT_EVERY: usize = 20_000;
/// A prefix matches at most this many distinct words, the most frequent ones: a one-letter
/// prefix would otherwise make a query of every word in the archive.
const MAX_EXPANSIONS: usize = 128;
/// How much a query word found in the title adds, against the same found in the body.
const TITLE_BOOST: f32 = 1.5;
/// In a prefix matching several words, an article scores its best word plus this share of
/// the others: `partenaires` and `partenariat` count once, not twice.
const TIE_BREAKER: f32 = 0.1;
/// How many of an article's most telling words (frequent in it, rare in the archive) ask
/// for the articles like it.
const LIKE_TERMS: usize = 30;
/// Words shorter than this (in bytes, folded) tell nothing of a story: articles, `de`, `of`.
const LIKE_MIN_WORD: usize = 3;
/// A word found in more than this share of the articles is the archive's common stock
/// (`les`, `the`, `Vietnam`), not a story's; a half in a small archive, where a story's
/// dispatches are a good share of it.
const LIKE_COMMON_SHARE: u64 = 5;
const LIKE_COMMON_SHARE_SMALL: u64 = 2;
/// From this many articles on, the archive is not small.
const LIKE_LARGE_FROM: u64 = 50;

#[derive(Debug, thiserror::Error)]
pub enum FullTextError {
    #[error("cannot {action} the full-text index at {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("the full-text index is being updated by another liseuse")]
    Busy,
    /// Boxed: tantivy's error is large, and every `Result` here would carry its size.
    #[error("full-text index: {0}")]
    Index(Box<TantivyError>),
}

impl From<TantivyError> for FullTextError {
    fn from(error: TantivyError) -> Self {
        match error {
            TantivyError::LockFailure(..) => FullTextError::Busy,
            error => FullTextError::Index(Box::new(error)),
        }
    }
}

/// What a [`FullText::sync`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncReport {
    pub added: usize,
    pub removed: usize,
    /// Articles in the index afterwards.
    pub indexed: usize,
}

/// One article matching a query.
#[derive(Debug, Clone, PartialEq)]
pub struct FullTextHit {
    pub key: ContentKey,
    /// BM25 of each query word's best-matching word, summed; only comparable within one search.
    pub score: f32,
}

/// The terms of a full-text query as find-in-article should look for them: its folded
/// words, without operators or excluded words.
pub fn query_terms(query: &str) -> Vec<String> {
    words::parse_query(query).required
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    key: Field,
    title: Field,
    body: Field,
}

/// The index, owned by the one thread that updates it; [`FullText::searcher`] hands out
/// handles for searching from others.
pub struct FullText {
    index: Index,
    searcher: FullTextSearcher,
    /// The keys in the index, read once, then kept up to date by each sync; with the
    /// index's opstamp they were read at, to notice another liseuse's commit.
    indexed: Option<(u64, HashSet<ContentKey>)>,
    /// While the archive arrives: the writer adding the texts of those the index lacks
    /// ([`FullText::add_arriving`]), kept open until the sync that follows commits.
    growing: Option<Growing>,
}

/// A writer kept open while articles arrive, and how many it added since it last committed.
struct Growing {
    writer: IndexWriter,
    uncommitted: usize,
}

/// Tantivy's writer has no `Debug`.
impl fmt::Debug for FullText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FullText")
            .field("searcher", &self.searcher)
            .field("growing", &self.growing.is_some())
            .finish_non_exhaustive()
    }
}

/// The text of an article whose text the library lets go, given to the index as it
/// arrives: what a document holds, by the article's content key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    pub key: ContentKey,
    pub title: String,
    pub body: Body,
}

/// An arriving article's body: captions, then paragraphs, as the reading pane shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Read from its file and parsed.
    Read(Vec<String>),
    /// As the cache keeps it: decoded only if the index lacks the article.
    Cached(EncodedText),
}

impl Body {
    /// Captions, then paragraphs; `None` for a cached text that does not decode.
    fn into_paragraphs(self) -> Option<Vec<String>> {
        match self {
            Body::Read(body) => Some(body),
            Body::Cached(text) => {
                let (mut body, paragraphs) = text.decode()?;
                body.extend(paragraphs);
                Some(body)
            }
        }
    }
}

impl ArticleText {
    /// `article`'s text, under `key`, taken from it: the article as the list needs it
    /// ([`Article::without_text`]), and the text, moved rather than copied.
    pub fn split_off(key: ContentKey, mut article: Article) -> (Article, ArticleText) {
        let mut body = std::mem::take(&mut article.captions);
        body.append(&mut article.paragraphs);
        let title = article.title.clone();
        let text = ArticleText {
            key,
            title,
            body: Body::Read(body),
        };
        (article.without_text(), text)
    }

    /// The text the cache kept for `article` (listed without it), under `key`.
    pub fn cached(key: ContentKey, article: &Article, text: EncodedText) -> ArticleText {
        ArticleText {
            key,
            title: article.title.clone(),
            body: Body::Cached(text),
        }
    }
}

/// Searches the index; clones share it, and see each sync once it commits.
#[derive(Clone)]
pub struct FullTextSearcher {
    reader: IndexReader,
    fields: Fields,
}

/// Tantivy's reader has no `Debug`; what it holds is the useful part.
impl fmt::Debug for FullTextSearcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FullTextSearcher")
            .field("documents", &self.reader.searcher().num_docs())
            .finish_non_exhaustive()
    }
}

impl FullText {
    /// Opens the index in `dir`, or creates it there; `None` keeps it in memory (tests, the
    /// bundled samples). The directory is the index's own: one that holds anything else (a
    /// corrupt index, one from another version) is emptied and the index built anew.
    pub fn open(dir: Option<&Path>) -> Result<FullText, FullTextError> {
        let (index, reader) = match dir {
            None => with_reader(Index::create_in_ram(schema()))?,
            Some(dir) => match open_existing(dir) {
                Some(opened) => {
                    // An index that cannot be brought in line with the archive would be
                    // searched stale.
                    can_write_in(dir)?;
                    opened
                }
                None => create_in(dir)?,
            },
        };
        let fields = fields(&index.schema())?;
        Ok(FullText {
            index,
            searcher: FullTextSearcher { reader, fields },
            indexed: None,
            growing: None,
        })
    }

    /// [`FullText::open`] in `dir`, or else, when `dir` cannot hold the index (a read-only
    /// cache, a file in its place), in memory for this run: searching works all the same,
    /// and the note says why the index is not kept.
    pub fn open_or_in_memory(dir: Option<&Path>) -> Result<(FullText, Option<String>), FullTextError> {
        match dir.map(|dir| FullText::open(Some(dir))) {
            Some(Ok(full_text)) => Ok((full_text, None)),
            Some(Err(error)) => Ok((
                FullText::open(None)?,
                Some(format!("full-text index kept in memory for this run: {error}")),
            )),
            None => Ok((FullText::open(None)?, None)),
        }
    }

    /// A handle for searching from another thread while this one syncs.
    pub fn searcher(&self) -> FullTextSearcher {
        self.searcher.clone()
    }

    /// As [`FullTextSearcher::search`].
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<FullTextHit>, FullTextError> {
        self.searcher.search(query, limit)
    }

    /// Makes the index hold exactly `articles`, given with their content keys (which the
    /// caller has already computed for the marks): adds those it lacks, deletes those it
    /// holds no more, and commits (once, unless it adds thousands). Nearly free when nothing
    /// changed; seconds the first time for a large archive, so meant for a background thread.
    /// An article held without its text ([`Article::text_dropped`]) is added by
    /// [`FullText::add_arriving`] as it arrives, with its text; here it only counts as wanted.
    pub fn sync<'a>(
        &mut self,
        articles: impl IntoIterator<Item = (ContentKey, &'a Article)>,
    ) -> Result<SyncReport, FullTextError> {
        self.sync_announcing(articles, &mut || {})
    }

    /// [`FullText::sync`], calling `grew` each time a long sync has committed another
    /// [`COMMIT_EVERY`] articles: searches made before find more now.
    pub fn sync_announcing<'a>(
        &mut self,
        articles: impl IntoIterator<Item = (ContentKey, &'a Article)>,
        grew: &mut dyn FnMut(),
    ) -> Result<SyncReport, FullTextError> {
        let (opstamp, indexed) = self.known_keys()?;
        let mut wanted = HashSet::with_capacity(indexed.len());
        let mut to_add = Vec::new();
        for (key, article) in articles {
            if wanted.insert(key) && !indexed.contains(&key) && !article.text_dropped {
                to_add.push((key, article));
            }
        }
        let to_remove: Vec<ContentKey> = indexed.difference(&wanted).copied().collect();
        if to_add.is_empty() && to_remove.is_empty() && self.growing.is_none() {
            let report = SyncReport {
                indexed: indexed.len(),
                ..SyncReport::default()
            };
            self.indexed = Some((opstamp, indexed));
            return Ok(report);
        }
        let fields = self.searcher.fields;
        let mut writer = match self.growing.take() {
            Some(growing) => growing.writer,
            None => self.index.writer(WRITER_MEMORY)?,
        };
        for key in &to_remove {
            writer.delete_term(Term::from_field_text(fields.key, &key.to_string()));
        }
        for (added, (key, article)) in to_add.iter().enumerate() {
            let body = article.captions.iter().chain(&article.paragraphs);
            writer.add_document(document(fields, *key, &article.title, body))?;
            if (added + 1) % COMMIT_EVERY == 0 {
                writer.commit()?;
                self.searcher.reader.reload()?;
                grew();
            }
        }
        let committed = writer.commit()?;
        writer.wait_merging_threads()?;
        self.searcher.reader.reload()?;
        let report = SyncReport {
            added: to_add.len(),
            removed: to_remove.len(),
            indexed: wanted.len(),
        };
        self.indexed = Some((committed, wanted));
        Ok(report)
    }

    /// Adds the texts of articles as they arrive, those the index lacks, so that a first
    /// indexing runs beside the loading and the library need not keep any text for it; the
    /// [`FullText::sync`] once all have arrived deletes what the archive holds no more and
    /// commits the rest. Commits every [`COMMIT_EVERY`] added, calling `grew`.
    pub fn add_arriving(
        &mut self,
        texts: impl IntoIterator<Item = ArticleText>,
        grew: &mut dyn FnMut(),
    ) -> Result<(), FullTextError> {
        let (mut opstamp, mut indexed) = self.known_keys()?;
        let added = self.add_texts(texts, &mut indexed, &mut opstamp, grew);
        self.indexed = Some((opstamp, indexed));
        if added.is_err() {
            // What the failed writer held is lost; the next sync starts a new one.
            self.growing = None;
        }
        added
    }

    fn add_texts(
        &mut self,
        texts: impl IntoIterator<Item = ArticleText>,
        indexed: &mut HashSet<ContentKey>,
        opstamp: &mut u64,
        grew: &mut dyn FnMut(),
    ) -> Result<(), FullTextError> {
        let fields = self.searcher.fields;
        for text in texts {
            // Counted as indexed once added: a duplicate in the same load is added once.
            if indexed.contains(&text.key) {
                continue;
            }
            // A cached text that does not decode is damage: it is left out, not guessed at.
            let Some(body) = text.body.into_paragraphs() else {
                continue;
            };
            indexed.insert(text.key);
            let growing = match &mut self.growing {
                Some(growing) => growing,
                None => self.growing.insert(Growing {
                    writer: self.index.writer(WRITER_MEMORY)?,
                    uncommitted: 0,
                }),
            };
            growing
                .writer
                .add_document(document(fields, text.key, &text.title, &body))?;
            growing.uncommitted += 1;
            if growing.uncommitted == COMMIT_EVERY {
                *opstamp = growing.writer.commit()?;
                growing.uncommitted = 0;
                self.searcher.reader.reload()?;
                grew();
            }
        }
        Ok(())
    }

    /// The keys in the index, and the opstamp they are as of: those kept since the last
    /// change, or read again if another liseuse committed since.
    fn known_keys(&mut self) -> Result<(u64, HashSet<ContentKey>), FullTextError> {
        let opstamp = self.index.load_metas()?.opstamp;
        match self.indexed.take() {
            Some((seen, keys)) if seen == opstamp => Ok((opstamp, keys)),
            _ => {
                self.searcher.reader.reload()?;
                Ok((opstamp, self.searcher.indexed_keys()?))
            }
        }
    }
}

impl FullTextSearcher {
    /// The articles whose body holds a word starting with each of the query's words
    /// (folded: case and diacritics ignored) and none starting with a `!word`, best first
    /// by BM25, a word in the title counting a little more; at most `limit` of them.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<FullTextHit>, FullTextError> {
        let searcher = self.reader.searcher();
        let top = self.top(&searcher, query, limit)?;
        Ok(hits(&searcher, top)?.into_iter().map(|(hit, _)| hit).collect())
    }

    /// [`FullTextSearcher::search`], each hit with its body (captions, then paragraphs) as
    /// the index stores it: what its snippet is cut from, as the library may hold no text.
    pub fn search_with_bodies(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Vec<(FullTextHit, Vec<String>)>, FullTextError> {
        let searcher = self.reader.searcher();
        let top = self.top(&searcher, query, limit)?;
        hits(&searcher, top)?
            .into_iter()
            .map(|(hit, address)| Ok((hit, self.body_at(&searcher, address)?)))
            .collect()
    }

    /// The body the index stores under `key`; none if it holds no such article.
    fn stored_body(&self, searcher: &Searcher, key: ContentKey) -> Result<Vec<String>, FullTextError> {
        let term = Term::from_field_text(self.fields.key, &key.to_string());
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = found.first() else {
            return Ok(Vec::new());
        };
        self.body_at(searcher, *address)
    }

    /// The body stored in the document at `address`.
    fn body_at(&self, searcher: &Searcher, address: DocAddress) -> Result<Vec<String>, FullTextError> {
        let document: TantivyDocument = searcher.doc(address)?;
        Ok(document
            .get_all(self.fields.body)
            .filter_map(|value| value.as_str().map(str::to_owned))
            .collect())
    }

    /// The best `limit` documents for `query`, scored.
    fn top(
        &self,
        searcher: &Searcher,
        query: &str,
        limit: usize,
    ) -> Result<Vec<(f32, DocAddress)>, FullTextError> {
        let parsed = words::parse_query(query);
        if parsed.required.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for prefix in &parsed.required {
            let Some(in_body) = any_word(expand(searcher, self.fields.body, prefix)?) else {
                return Ok(Vec::new());
            };
            clauses.push((Occur::Must, in_body));
            if let Some(in_title) = any_word(expand(searcher, self.fields.title, prefix)?) {
                clauses.push((Occur::Should, Box::new(BoostQuery::new(in_title, TITLE_BOOST))));
            }
        }
        for prefix in &parsed.excluded {
            if let Some(in_body) = any_word(expand(searcher, self.fields.body, prefix)?) {
                clauses.push((Occur::MustNot, in_body));
            }
        }
        Ok(searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit).order_by_score(),
        )?)
    }

    /// The articles sharing the most telling words of `article` (its title and body), best
    /// first, at most `limit`: tantivy's more-like-this. `article` itself is among them
    /// when it is indexed; words it alone has are not asked for, once it is. Its body is
    /// the one the index stores under `key`, its content key, when it is held without.
    pub fn more_like(
        &self,
        key: ContentKey,
        article: &Article,
        limit: usize,
    ) -> Result<Vec<FullTextHit>, FullTextError> {
        let searcher = self.reader.searcher();
        let documents = searcher.num_docs();
        if documents == 0 || limit == 0 {
            return Ok(Vec::new());
        }
        let title = vec![OwnedValue::Str(article.title.clone())];
        let body = match article.text_dropped {
            true => self.stored_body(&searcher, key)?,
            false => (article.captions.iter().chain(&article.paragraphs))
                .cloned()
                .collect(),
        };
        let body = body.into_iter().map(OwnedValue::Str).collect();
        let common_share = if documents >= LIKE_LARGE_FROM {
            LIKE_COMMON_SHARE
        } else {
            LIKE_COMMON_SHARE_SMALL
        };
        let query = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            .with_max_doc_frequency((documents / common_share).max(2))
            .with_min_term_frequency(1)
            .with_max_query_terms(LIKE_TERMS)
            .with_min_word_length(LIKE_MIN_WORD)
            .with_stop_words(stop_words::stop_words())
            .with_document_fields(vec![(self.fields.title, title), (self.fields.body, body)]);
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        Ok(hits(&searcher, top)?.into_iter().map(|(hit, _)| hit).collect())
    }

    /// The keys of every live document, as the last reload saw them.
    fn indexed_keys(&self) -> Result<HashSet<ContentKey>, FullTextError> {
        let searcher = self.reader.searcher();
        let mut indexed = HashSet::with_capacity(searcher.num_docs() as usize);
        for segment in searcher.segment_readers() {
            let Some(keys) = segment.fast_fields().str(KEY)? else {
                continue;
            };
            // The keys of the documents alive, by ord; then the dictionary read once, in
            // order: looking each ord's key up apart decoded a block of it per document.
            let dictionary = keys.dictionary();
            let mut alive = vec![false; dictionary.num_terms()];
            for doc in segment.doc_ids_alive() {
                for ord in keys.term_ords(doc) {
                    if let Some(slot) = usize::try_from(ord).ok().and_then(|ord| alive.get_mut(ord)) {
                        *slot = true;
                    }
                }
            }
            let mut terms = dictionary.stream().map_err(io_error)?;
            while terms.advance() {
                let wanted = usize::try_from(terms.term_ord())
                    .ok()
                    .and_then(|ord| alive.get(ord))
                    .is_some_and(|alive| *alive);
                if !wanted {
                    continue;
                }
                // Only this module writes keys; one that does not parse is never found.
                if let Some(key) = std::str::from_utf8(terms.key())
                    .ok()
                    .and_then(|text| text.parse().ok())
                {
                    indexed.insert(key);
                }
            }
        }
        Ok(indexed)
    }
}

/// The content keys of the documents `top` found, in order, with their scores and where
/// each document is.
fn hits(
    searcher: &Searcher,
    top: Vec<(f32, DocAddress)>,
) -> Result<Vec<(FullTextHit, DocAddress)>, FullTextError> {
    let mut hits = Vec::with_capacity(top.len());
    let mut seen = HashSet::with_capacity(top.len());
    let mut key_text = String::new();
    for (score, address) in top {
        let segment = searcher.segment_reader(address.segment_ord);
        let Some(keys) = segment.fast_fields().str(KEY)? else {
            continue;
        };
        for ord in keys.term_ords(address.doc_id) {
            key_text.clear();
            keys.ord_to_str(ord, &mut key_text).map_err(io_error)?;
            // The same text found twice (two liseuses adding it at once) is one hit.
            if let Ok(key) = key_text.parse::<ContentKey>()
                && seen.insert(key)
            {
                hits.push((FullTextHit { key, score }, address));
            }
        }
    }
    Ok(hits)
}

/// The words of `field` starting with `prefix`, the most frequent first, at most
/// [`MAX_EXPANSIONS`], the word itself always among them when it occurs.
fn expand(searcher: &tantivy::Searcher, field: Field, prefix: &str) -> Result<Vec<Term>, FullTextError> {
    let mut doc_freqs: HashMap<Vec<u8>, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let range = inverted.terms().range().ge(prefix.as_bytes());
        let mut stream = match prefix_end(prefix) {
            Some(end) => range.lt(end),
            None => range,
        }
        .into_stream()
        .map_err(io_error)?;
        while let Some((word, info)) = stream.next() {
            *doc_freqs.entry(word.to_vec()).or_default() += u64::from(info.doc_freq);
        }
    }
    let mut words: Vec<(Vec<u8>, u64)> = doc_freqs.into_iter().collect();
    // The word itself first, then by frequency; ties by word, for stable results.
    words.sort_unstable_by(|(a, a_freq), (b, b_freq)| {
        let longer = |word: &[u8]| word != prefix.as_bytes();
        (longer(a), std::cmp::Reverse(*a_freq), a).cmp(&(longer(b), std::cmp::Reverse(*b_freq), b))
    });
    Ok(words
        .into_iter()
        .take(MAX_EXPANSIONS)
        .filter_map(|(word, _)| String::from_utf8(word).ok())
        .map(|word| Term::from_field_text(field, &word))
        .collect())
}

/// The smallest byte string greater than every string starting with `prefix`; `None`
/// when there is none (the prefix is all 0xFF bytes, which UTF-8 never is).
fn prefix_end(prefix: &str) -> Option<Vec<u8>> {
    let mut end = prefix.as_bytes().to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

/// A query for documents holding any of `words`, scored by the best of them.
fn any_word(words: Vec<Term>) -> Option<Box<dyn Query>> {
    let mut queries: Vec<Box<dyn Query>> = words
        .into_iter()
        .map(|word| Box::new(TermQuery::new(word, IndexRecordOption::WithFreqs)) as Box<dyn Query>)
        .collect();
    match queries.len() {
        0 => None,
        1 => queries.pop(),
        _ => Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(
            queries,
            TIE_BREAKER,
        ))),
    }
}

fn document<'a>(
    fields: Fields,
    key: ContentKey,
    title: &str,
    body: impl IntoIterator<Item = &'a String>,
) -> TantivyDocument {
    let mut document = TantivyDocument::default();
    document.add_text(fields.key, key.to_string());
    document.add_text(fields.title, title);
    // Each paragraph its own value: tantivy keeps their words apart, and no copy is joined.
    for paragraph in body {
        document.add_text(fields.body, paragraph);
    }
    document
}

/// Keys for deleting and reading back; title and body cut into folded words, counted for
/// BM25 but without positions (no phrase queries). The body is stored too (compressed):
/// snippets are cut from it, the library holding the text of few articles.
fn schema() -> Schema {
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let mut schema = Schema::builder();
    schema.add_text_field(KEY, STRING | FAST);
    schema.add_text_field(TITLE, words.clone());
    schema.add_text_field(BODY, words.set_stored());
    schema.build()
}

fn fields(schema: &Schema) -> Result<Fields, FullTextError> {
    Ok(Fields {
        key: schema.get_field(KEY)?,
        title: schema.get_field(TITLE)?,
        body: schema.get_field(BODY)?,
    })
}

/// Registers the tokenizer (tantivy keeps only its name) and opens a reader, reloaded by
/// each sync rather than by a watching thread.
fn with_reader(index: Index) -> Result<(Index, IndexReader), FullTextError> {
    index
        .tokenizers()
        .register(TOKENIZER, TextAnalyzer::from(words::WordTokenizer::default()));
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok((index, reader))
}

/// The index in `dir`, if there is one this build wrote and it is whole. Tantivy trusts
/// its files, and panics on some damaged ones, so they are checked before it reads them.
fn open_existing(dir: &Path) -> Option<(Index, IndexReader)> {
    let format = safe_file::read_whole(&dir.join(FORMAT_FILE), MAX_FORMAT_BYTES).ok()?;
    if format.trim_ascii_end() != FORMAT.as_bytes() || !files_plausible(dir) {
        return None;
    }
    let index = Index::open_in_dir(dir).ok()?;
    if index.schema() != schema() || !index.validate_checksum().ok()?.is_empty() {
        return None;
    }
    with_reader(index).ok()
}

/// False when an entry of `dir` is anything but a regular file (tantivy would read a FIFO
/// or a link to a device as one of its files, and wait or read forever), or a file 4 to 7
/// bytes long: never one of tantivy's (each ends in an 8-byte footer, or is an empty lock),
/// and tantivy 0.27 overflows reading its footer.
fn files_plausible(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.into_iter().all(|entry| {
        // Not followed: a link is not a regular file.
        entry
            .and_then(|entry| entry.metadata())
            .is_ok_and(|metadata| metadata.is_file() && !(4..8).contains(&metadata.len()))
    })
}

/// Whether files can be made in the index's folder, as syncing needs: a file named after
/// this process is created there and removed at once.
fn can_write_in(dir: &Path) -> Result<(), FullTextError> {
    let probe = dir.join(format!("liseuse-probe-{}", std::process::id()));
    // A leftover of a process that had this id before.
    let _ = fs::remove_file(&probe);
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|_| fs::remove_file(&probe))
        .map_err(|source| FullTextError::Io {
            action: "write in",
            path: dir.to_path_buf(),
            source,
        })
}

/// Empties `dir` and creates an index there, the format file written last, so an
/// interrupted creation is redone.
fn create_in(dir: &Path) -> Result<(Index, IndexReader), FullTextError> {
    let io = |action| {
        move |source| FullTextError::Io {
            action,
            path: dir.to_path_buf(),
            source,
        }
    };
    match fs::remove_dir_all(dir) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(io("empty")(error)),
        _ => {}
    }
    fs::create_dir_all(dir).map_err(io("create"))?;
    let opened = with_reader(Index::create_in_dir(dir, schema())?)?;
    fs::write(dir.join(FORMAT_FILE), FORMAT).map_err(io("write"))?;
    Ok(opened)
}

fn io_error(error: io::Error) -> FullTextError {
    FullTextError::from(TantivyError::from(error))
}
