//! The related articles (`r`): the list becomes the articles most related to the one
//! selected, best first, each with the names they share; the reading pane follows it as
//! ever. Esc in that list returns to the list left, its filter and selection as they were.

use std::ops::Range;

use super::*;
use crate::article::Article;
use crate::fulltext::Snippet;
use crate::fulltext::related::{self, Related};
use crate::fulltext::worker::{RelatedFound, RelatedSearch};

/// What the related articles replaced, to return to, and what they are related to.
#[derive(Debug)]
pub struct RelatedList {
    /// The article asked about.
    of: usize,
    /// The filter and its list as they were, and the pane that had focus.
    pub(super) left: Filter,
    focus: Focus,
    /// Asked while the full-text index was incomplete: asked again once it is.
    partial: bool,
    /// Whether the answer came.
    found: bool,
}

/// Where the related articles stand, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelatedState {
    Finding,
    /// Found over the index as far as it is built; more may come.
    Partial,
    Found,
}

impl App {
    /// `r`: the articles related to the one selected. From a related list, those of the
    /// one selected there, Esc still returning to the list first left.
    pub(super) fn open_related(&mut self) -> Outcome {
        let Some(of) = self.filter.selected_id() else {
            self.notice = Some("no article selected".to_string());
            return Outcome::redraw();
        };
        // The related list starts knowing whether the index is still being built; while
        // articles still arrive, it is not even started.
        let related = self.filter.for_related();
        let partial = related.is_indexing() || self.library.is_loading();
        let replaced = std::mem::replace(&mut self.filter, related);
        let (left, focus) = match self.related.take() {
            Some(list) => (list.left, list.focus),
            None => (replaced, self.focus),
        };
        self.related = Some(RelatedList {
            of,
            left,
            focus,
            partial,
            found: false,
        });
        self.focus = Focus::List;
        Outcome::redraw().with([self.related_search(of)])
    }

    fn related_search(&self, of: usize) -> Effect {
        Effect::FindRelated(RelatedSearch {
            of,
            key: self.library.key(of),
            article: self.shared_with_text(of),
            haystacks: self.library.haystacks().clone(),
        })
    }

    /// Back to the list left for the related articles, if they are shown; says whether.
    pub(super) fn close_related(&mut self) -> bool {
        let Some(list) = self.related.take() else {
            return false;
        };
        self.filter = list.left;
        self.focus = list.focus;
        true
    }

    /// The search thread's answer: the list, if it is still the one asked for.
    pub(super) fn related_found(&mut self, found: RelatedFound) -> Outcome {
        let Some(list) = self.related.as_mut().filter(|list| list.of == found.of) else {
            return Outcome::default();
        };
        list.found = true;
        let words = match found.words {
            Ok(hits) => hits,
            Err(problem) => {
                self.notice = Some(sanitize_line(&format!(
                    "related by names only, the full-text index failed: {problem}"
                )));
                Vec::new()
            }
        };
        let words: Vec<(usize, f32)> = words
            .into_iter()
            .filter_map(|hit| Some((self.library.id_of(&hit.key)?, hit.score)))
            .filter(|&(id, _)| self.library.is_present(id))
            .collect();
        let names = found
            .names
            .into_iter()
            .filter(|found| self.library.is_present(found.id))
            .collect();
        let rows = related::rank(found.of, &words, names)
            .into_iter()
            .map(|related| {
                let line = related_line(self.library.article(related.id), &related);
                (related.id, line)
            })
            .collect();
        self.filter.show_related(rows, &self.library);
        Outcome::redraw()
    }

    /// The index is complete: related articles found over part of it are asked again.
    pub(super) fn related_indexed(&mut self) -> Option<Effect> {
        let list = self.related.as_mut().filter(|list| list.partial)?;
        list.partial = false;
        let of = list.of;
        Some(self.related_search(of))
    }

    /// The article the list shows the related articles of, and how far they are found.
    pub fn related_to(&self) -> Option<(&Article, RelatedState)> {
        let list = self.related.as_ref()?;
        let state = match (list.found, list.partial) {
            (false, _) => RelatedState::Finding,
            (true, true) => RelatedState::Partial,
            (true, false) => RelatedState::Found,
        };
        Some((self.library.article(list.of), state))
    }

    /// The filter of the list the user left, or of the one shown: what a session keeps.
    pub(super) fn main_filter(&self) -> &Filter {
        self.related.as_ref().map_or(&self.filter, |list| &list.left)
    }

    /// The filter left for the related articles, which keeps up with the archive too.
    pub(super) fn left_filter(&mut self) -> Option<&mut Filter> {
        self.related.as_mut().map(|list| &mut list.left)
    }
}

/// The line under a related article's title: its date, then the names it shares with the
/// article asked about (rarest first, highlighted), else its source and place.
fn related_line(article: &Article, related: &Related) -> Snippet {
    let shared: Vec<&str> = related
        .shared
        .iter()
        .filter_map(|&at| article.names.get(at).map(String::as_str))
        .take(related::SHOWN_NAMES)
        .collect();
    if shared.is_empty() {
        return Snippet {
            text: crate::listing::meta_line(article),
            highlights: Vec::new(),
        };
    }
    let mut text = article.date.map(|date| format!("{date} · ")).unwrap_or_default();
    let mut highlights: Vec<Range<usize>> = Vec::new();
    for (index, name) in shared.iter().enumerate() {
        if index > 0 {
            text.push_str(", ");
        }
        let start = text.chars().count();
        text.push_str(name);
        highlights.push(start..start + name.chars().count());
    }
    Snippet { text, highlights }
}
