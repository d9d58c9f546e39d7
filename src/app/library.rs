//! The library: every article loaded, its marks, what loading has been through, and the
//! order the list shows them in when no filter ranks them.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Effect;
use crate::article::Article;
use crate::fulltext::worker::IndexJob;
use crate::loader::{self, DisplayKey, LoadBatch, LoadWarning};
use crate::query::{FacetHaystacks, Haystack};
use crate::ranking::{self, Haystacks};
use crate::store::{self, ContentKey, Mark, Marks};

/// The orders `o` cycles through; a filter ranks by best match unless `o` said otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    BestMatch,
    #[default]
    Newest,
    Oldest,
    Title,
}

impl Order {
    pub fn label(self) -> &'static str {
        match self {
            Order::BestMatch => "best match",
            Order::Newest => "newest first",
            Order::Oldest => "oldest first",
            Order::Title => "title A–Z",
        }
    }
}

#[derive(Debug, Default)]
pub struct Library {
    /// Every article, by id: the order they arrived in, which never changes.
    articles: Vec<Arc<Article>>,
    /// Articles the loader took back (their file gone or changed since cached), by id: kept,
    /// so ids held elsewhere stay valid, but listed, matched and counted no more.
    gone: Vec<bool>,
    gone_count: usize,
    content_keys: Vec<ContentKey>,
    /// The keys of the texts that replaced what was loaded ([`Library::replace`]), by id:
    /// the text a file now gives, where it is not the one of `content_keys`.
    replaced_keys: HashMap<usize, ContentKey>,
    ids_by_key: HashMap<ContentKey, usize>,
    /// What the filter matches, built once per article.
    haystacks: Haystacks,
    /// The sources' and places' haystacks, each made once for all the articles sharing it.
    facet_haystacks: FacetHaystacks,
    /// Each article's marks, and those remembered from earlier sessions for articles still
    /// to arrive.
    marks: Vec<Marks>,
    remembered: HashMap<ContentKey, Marks>,
    unread: usize,
    /// The order without a filter (never best match), ids in that order, each id's place.
    order: Order,
    display_order: Vec<usize>,
    display_rank: Arc<Vec<u32>>,
    display_keys: Vec<DisplayKey>,
    loading: bool,
    /// The list is whole as the cache knew it, and the files are being checked against it.
    checking: bool,
    /// Files loaded or skipped so far, out of those found (0 while still walking).
    files_done: usize,
    files_total: usize,
    warnings: Vec<LoadWarning>,
}

/// What a batch brought, for the other parts to follow.
#[derive(Debug)]
pub struct Arrived {
    /// The ids of the new articles: from this one to the last.
    pub first_new: usize,
    /// Whether articles loaded before were taken back: ids held must be checked.
    pub removed: bool,
    /// A line for the status line about the files skipped, if any were.
    pub skipped: Option<String>,
    /// The index to build once loading is over.
    pub index: Option<IndexJob>,
}

impl Library {
    /// An empty library waiting for the loader, which knows the marks of earlier sessions.
    pub fn new(remembered: HashMap<ContentKey, Marks>) -> Self {
        Self {
            remembered,
            order: Order::Newest,
            loading: true,
            ..Self::default()
        }
    }

    /// Takes in a batch from the loader: new articles sorted into the display order.
    pub fn add(&mut self, batch: LoadBatch) -> Arrived {
        let skipped = batch
            .warnings
            .first()
            .map(|first| match batch.warnings.len() - 1 {
                0 => format!("skipped {first}"),
                more => format!("skipped {first} (and {more} more)"),
            });
        self.warnings.extend(batch.warnings);
        self.loading = !batch.done;
        self.checking = batch.checking && !batch.done;
        self.files_done = batch.files_done;
        self.files_total = batch.files_total;
        let removed = self.remove_files(&batch.removed);
        let first_new = self.articles.len();
        if !batch.articles.is_empty() {
            let haystacks: Vec<Haystack> = batch
                .articles
                .iter()
                .map(|article| ranking::article_haystack_sharing(article, &mut self.facet_haystacks))
                .collect();
            // The title folded once, for the filter and the order alike.
            let display_keys = batch
                .articles
                .iter()
                .zip(&haystacks)
                .map(|(article, haystack)| loader::display_key_folded(article, haystack.title()));
            self.display_keys.extend(display_keys);
            self.haystacks.push_chunk(haystacks);
            // Keys the loader computed as it let the texts go; else from the texts held.
            let keys = match batch.keys.len() == batch.articles.len() {
                true => batch.keys,
                false => batch.articles.iter().map(store::content_key).collect(),
            };
            for key in keys {
                let marks = self.remembered.get(&key).cloned().unwrap_or_default();
                self.unread += usize::from(!marks.read);
                self.ids_by_key.entry(key).or_insert(self.content_keys.len());
                self.content_keys.push(key);
                self.marks.push(marks);
            }
            self.gone.resize(first_new + batch.articles.len(), false);
            self.articles.extend(batch.articles.into_iter().map(Arc::new));
            self.merge_display_order(first_new);
        }
        let index = batch.done.then(|| {
            self.content_keys
                .iter()
                .copied()
                .zip(self.articles.iter().cloned())
                .zip(&self.gone)
                .filter(|(_, gone)| !**gone)
                .map(|(pair, _)| pair)
                .collect()
        });
        Arrived {
            first_new,
            removed,
            skipped,
            index,
        }
    }

    /// New text for the article of `article.path` (its file changed since loading); its
    /// marks stay with the old text's key, as marks belong to content. Its id, if known.
    pub fn replace(&mut self, article: Article) -> Option<usize> {
        let id = (0..self.articles.len())
            .find(|&id| self.is_present(id) && self.articles[id].path == article.path)?;
        let haystack = ranking::article_haystack_sharing(&article, &mut self.facet_haystacks);
        self.haystacks.replace(id, haystack);
        self.display_keys[id] = loader::display_key(&article);
        self.replaced_keys.insert(id, store::content_key(&article));
        let article = match self.articles[id].text_dropped {
            true => article.without_text(),
            false => article,
        };
        self.articles[id] = Arc::new(article);
        Some(id)
    }

    /// Whether article `id` is held without its text, to be read again from its file.
    pub fn text_dropped(&self, id: usize) -> bool {
        self.articles[id].text_dropped
    }

    /// Takes back the articles of `files`; whether there were any.
    fn remove_files(&mut self, files: &[PathBuf]) -> bool {
        if files.is_empty() {
            return false;
        }
        let files: HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
        let before = self.gone_count;
        for id in 0..self.articles.len() {
            if self.gone[id] || !files.contains(self.articles[id].file_path()) {
                continue;
            }
            self.gone[id] = true;
            self.gone_count += 1;
            self.unread -= usize::from(!self.marks[id].read);
            let key = self.content_keys[id];
            if self.ids_by_key.get(&key) == Some(&id) {
                self.ids_by_key.remove(&key);
            }
        }
        if self.gone_count == before {
            return false;
        }
        let order = self
            .display_order
            .iter()
            .copied()
            .filter(|&id| !self.gone[id])
            .collect();
        self.set_display_order(order);
        true
    }

    /// Whether article `id` is still in the archive (not taken back by the loader).
    pub fn is_present(&self, id: usize) -> bool {
        !self.gone.get(id).copied().unwrap_or(true)
    }

    /// Sets one mark of article `id`; the effect that keeps it, if it changed.
    pub fn set_mark(&mut self, id: usize, mark: Mark) -> Option<Effect> {
        let old = self.marks.get(id)?;
        let marks = old.clone().with(mark);
        if marks == *old {
            return None;
        }
        if marks.read != old.read {
            if marks.read {
                self.unread -= 1;
            } else {
                self.unread += 1;
            }
        }
        self.marks[id] = marks;
        Some(Effect::Mark(self.content_keys[id], mark))
    }

    /// Sorts the list by `order` (not best match, which the filter decides).
    pub fn set_order(&mut self, order: Order) {
        if order == self.order || order == Order::BestMatch {
            return;
        }
        self.order = order;
        let mut ids: Vec<usize> = (0..self.articles.len()).filter(|&id| !self.gone[id]).collect();
        ids.sort_by(|&a, &b| self.compare(a, b));
        self.set_display_order(ids);
    }

    pub fn order(&self) -> Order {
        self.order
    }

    /// How many ids there are, those of articles taken back included.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// How many articles the archive holds now.
    pub fn present(&self) -> usize {
        self.articles.len() - self.gone_count
    }

    pub fn article(&self, id: usize) -> &Article {
        &self.articles[id]
    }

    /// Article `id` as held, shared: cloned, it goes to another thread.
    pub fn shared(&self, id: usize) -> &Arc<Article> {
        &self.articles[id]
    }

    /// The articles the archive holds now.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.articles
            .iter()
            .zip(&self.gone)
            .filter(|(_, gone)| !**gone)
            .map(|(article, _)| article.as_ref())
    }

    pub fn marks(&self, id: usize) -> &Marks {
        &self.marks[id]
    }

    pub fn key(&self, id: usize) -> ContentKey {
        self.content_keys[id]
    }

    /// The key of the text article `id` has now: its content key, unless its file changed
    /// and the new text replaced the old ([`Library::replace`]). A text read again is the
    /// one listed when their keys agree.
    pub fn text_key(&self, id: usize) -> ContentKey {
        self.replaced_keys
            .get(&id)
            .copied()
            .unwrap_or(self.content_keys[id])
    }

    /// The article with this content key, the first loaded of its duplicates.
    pub fn id_of(&self, key: &ContentKey) -> Option<usize> {
        self.ids_by_key.get(key).copied()
    }

    /// The first new article with this key, among those from `first_new` on.
    pub fn find_new(&self, key: ContentKey, first_new: usize) -> Option<usize> {
        (first_new..self.articles.len()).find(|&id| self.content_keys[id] == key)
    }

    pub fn haystacks(&self) -> &Haystacks {
        &self.haystacks
    }

    /// Ids in display order.
    pub fn display_order(&self) -> &[usize] {
        &self.display_order
    }

    /// Each id's place in the display order, shared with the background ranker.
    pub fn display_rank(&self) -> &Arc<Vec<u32>> {
        &self.display_rank
    }

    pub fn unread(&self) -> usize {
        self.unread
    }

    /// Whether articles are still arriving in bulk: the list is not whole yet.
    pub fn is_loading(&self) -> bool {
        self.loading && !self.checking
    }

    /// Whether the list, whole as the cache knew it, is being checked against the files:
    /// only those changed, gone or new may still arrive.
    pub fn is_checking(&self) -> bool {
        self.checking
    }

    pub fn progress(&self) -> (usize, usize) {
        (self.files_done, self.files_total)
    }

    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    /// Sorts the ids from `first_new` on and merges them into the display order, each found
    /// its place by bisection: a batch of `m` costs `m log n` comparisons, not `n`, so a
    /// large archive arriving in many batches is not compared over and over.
    fn merge_display_order(&mut self, first_new: usize) {
        let mut new_ids: Vec<usize> = (first_new..self.articles.len()).collect();
        new_ids.sort_by(|&a, &b| self.compare(a, b));
        let old = &self.display_order;
        let mut merged = Vec::with_capacity(old.len() + new_ids.len());
        let mut from = 0;
        for id in new_ids {
            // After the articles it ties with, as a stable merge would put it.
            let at = from + old[from..].partition_point(|&known| self.compare(known, id).is_le());
            merged.extend_from_slice(&old[from..at]);
            merged.push(id);
            from = at;
        }
        merged.extend_from_slice(&old[from..]);
        self.set_display_order(merged);
    }

    fn set_display_order(&mut self, order: Vec<usize>) {
        // Articles taken back have no place.
        let mut rank = vec![u32::MAX; self.articles.len()];
        for (place, &id) in order.iter().enumerate() {
            rank[id] = place as u32;
        }
        self.display_order = order;
        self.display_rank = Arc::new(rank);
    }

    /// How two articles stand in the current order; the path settles ties.
    fn compare(&self, a: usize, b: usize) -> Ordering {
        let (first, second) = (&self.display_keys[a], &self.display_keys[b]);
        let by_order = match self.order {
            // Dated first, oldest first; then the title.
            Order::Oldest => first
                .undated
                .cmp(&second.undated)
                .then_with(|| second.date.cmp(&first.date))
                .then_with(|| first.title.cmp(&second.title)),
            Order::Title => first.title.cmp(&second.title).then_with(|| first.cmp(second)),
            Order::Newest | Order::BestMatch => first.cmp(second),
        };
        by_order.then_with(|| self.articles[a].path.cmp(&self.articles[b].path))
    }
}
