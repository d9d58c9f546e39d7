//! What the background threads' news does to the model: articles loaded, a better
//! ranking, the full-text index ready or its answer, an open file read again.

use super::{App, Background, Effect, Outcome};
use crate::article::Article;
use crate::loader::Reread;
use crate::sanitize::sanitize_line;
use crate::store;

impl App {
    pub(super) fn background(&mut self, news: Background) -> Outcome {
        match news {
            Background::Loaded(batch) => {
                let arrived = self.library.add(batch);
                if arrived.removed {
                    self.forget_notice_of_an_article_gone();
                }
                if let Some(skipped) = &arrived.skipped {
                    self.notice = Some(sanitize_line(skipped));
                }
                let mut outcome = self.filter.arrived(&arrived, &self.library);
                if let Some(left) = self.related.as_mut().map(|list| &mut list.left) {
                    outcome = outcome.and(left.arrived(&arrived, &self.library));
                }
                if let Some(job) = arrived.index {
                    self.filter.start_indexing();
                    if let Some(left) = self.left_filter() {
                        left.start_indexing();
                    }
                    outcome.effects.push(Effect::Index(job));
                }
                outcome
            }
            // An answer to the list left for the related articles goes there, unseen.
            Background::Ranked(refined) => match self.left_filter() {
                Some(left) if left.generation() == refined.generation => {
                    left.ranked(refined);
                    Outcome::default()
                }
                _ => Outcome::redraw_if(self.filter.ranked(refined)),
            },
            Background::RelatedFound(found) => self.related_found(found),
            Background::FullTextFound(found) => {
                if let Err(problem) = &found.hits {
                    self.notice = Some(sanitize_line(&format!("full-text search failed: {problem}")));
                }
                match self.related.as_mut().map(|list| &mut list.left) {
                    Some(left) if left.generation() == found.generation => {
                        left.found(found, &self.library);
                        Outcome::default()
                    }
                    _ => Outcome::redraw_if(self.filter.found(found, &self.library)),
                }
            }
            Background::IndexGrew => self.filter.index_grew(&self.library),
            Background::IndexNote(note) => {
                self.notice = Some(sanitize_line(&note));
                Outcome::redraw()
            }
            Background::Indexed(indexed) => {
                if let Err(problem) = indexed {
                    self.notice = Some(sanitize_line(&format!("full-text search: {problem}")));
                }
                let mut outcome = self.filter.indexed(&self.library);
                if let Some(left) = self.related.as_mut().map(|list| &mut list.left) {
                    outcome = outcome.and(left.indexed(&self.library));
                }
                outcome.with(self.related_indexed())
            }
            Background::Reread(Reread::Same) => Outcome::default(),
            Background::Reread(Reread::Changed(article)) => {
                self.file_changed(*article);
                Outcome::redraw()
            }
            Background::TextRead { id, read } => {
                match read {
                    Ok(article) if store::content_key(&article) == self.library.text_key(id) => {
                        self.text.hold(id, *article);
                        self.reader.relayout();
                    }
                    Ok(article) => self.file_changed(*article),
                    Err(reason) => {
                        let reason = sanitize_line(&reason.to_string());
                        self.text.hold_unreadable(id, self.library.article(id), &reason);
                        self.reader.relayout();
                        let notice = format!("cannot read the article again: {reason}");
                        self.unreadable_notice = Some((id, notice.clone()));
                        self.notice = Some(notice);
                    }
                }
                Outcome::redraw()
            }
            Background::Reread(Reread::Failed(reason)) => {
                self.notice = Some(sanitize_line(&format!(
                    "showing the text as it was loaded: {reason}"
                )));
                Outcome::redraw()
            }
        }
    }

    /// Clears the notice that an article's text cannot be read, once the article is no
    /// longer listed: it would speak of nothing on screen.
    fn forget_notice_of_an_article_gone(&mut self) {
        let Some((_, notice)) = self
            .unreadable_notice
            .take_if(|(id, _)| !self.library.is_present(*id))
        else {
            return;
        };
        if self.notice.as_ref() == Some(&notice) {
            self.notice = None;
        }
    }

    /// `article`, read again, differs from the text loaded: the list and the reading pane
    /// take the new text, and the user is told.
    fn file_changed(&mut self, article: Article) {
        let read = article.clone();
        if let Some(id) = self.library.replace(article) {
            if self.library.text_dropped(id) {
                self.text.hold(id, read);
            }
            self.reader.relayout();
            self.notice = Some("the file changed since it was loaded: showing its new text".to_string());
        }
    }
}
