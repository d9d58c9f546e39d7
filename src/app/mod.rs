//! The application state and `update(action)`: everything the reader does, with no I/O
//! and no terminal, so tests drive it with actions alone. `App` composes the parts that own
//! their state (the library, the filter and its list, the reader, the names view, the help)
//! and routes each action to them; what needs the outside world (background work, a
//! pager, the clipboard, saving) comes back from `update` as [`Effect`]s.

mod action;
mod filter;
mod help;
mod input;
mod library;
mod names;
mod news;
mod reader;
mod related;
mod route;
mod text;
mod timeline;
mod view;

use std::path::Path;

use ratatui::layout::Rect;

pub use action::{Action, Background, Effect, Outcome};
pub use filter::{Filter, Scope};
pub use help::Help;
pub use library::{Arrived, Library, Order};
pub use names::{NamesAnswer, NamesView};
pub use reader::{Left, Reader};
pub use related::RelatedState;
pub use timeline::{TimelineAnswer, TimelineView};

use crate::command::Command;
use crate::config::KeyBindings;
use crate::fulltext;
use crate::layout::{Focus, LIST_PERCENT, LIST_PERCENT_STEP};
use crate::listing;
use crate::loader::{self, LoadBatch};
use crate::query::Query;
use crate::ranking::Interrupt;
use crate::reading;
use crate::sanitize::sanitize_line;
use crate::store::{ContentKey, Mark, Marks, Session};
use crate::timeline::Timeline;

/// The line at the bottom the user is typing into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// The list's filter.
    Filter,
    /// Find in the open article.
    Find,
}

#[derive(Debug)]
pub struct App {
    library: Library,
    filter: Filter,
    reader: Reader,
    /// The selected article's text, when the library holds it without.
    text: text::HeldText,
    names: Option<NamesView>,
    timeline: Option<TimelineView>,
    /// The articles related to one, shown in the list in place of the filter's.
    related: Option<related::RelatedList>,
    help: Help,
    /// The keys, for the help's rows and the status line's hints.
    bindings: KeyBindings,
    /// One line per article, as chosen with `v` (`None`: as the config says), and the
    /// list's share of a wide terminal, as chosen with `<` and `>`.
    compact: Option<bool>,
    compact_by_default: bool,
    list_percent: Option<u8>,
    /// How articles are set, and whether over the reading pane's full width rather than
    /// the measure (`w`, kept in the session).
    reading: reading::Settings,
    full_width: bool,
    focus: Focus,
    /// The line being typed into, if any.
    prompt: Option<Prompt>,
    area: Rect,
    /// A one-off message for the status line, gone at the next key.
    notice: Option<String>,
    /// The article whose text the notice says cannot be read again, and that notice: it
    /// goes with the article when the loader takes it back (its file gone).
    unreadable_notice: Option<(usize, String)>,
    /// While a filter is typed, the reading pane keeps the article it shows until the
    /// typing pauses, rather than repainting at every key.
    reader_held: bool,
    /// A warning kept until dismissed, and the last one dismissed, not shown again.
    alert: Option<String>,
    dismissed_alert: Option<String>,
    /// Whether a key waits: the filtering of what was typed gives way to it.
    interrupt: Interrupt,
}

impl Default for App {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// An empty reader waiting for the loader's batches.
    pub fn new() -> Self {
        Self::remembering(std::collections::HashMap::new(), Session::default())
    }

    /// A reader that knows the marks of earlier sessions, and reopens on `session`: its
    /// selection once the article arrives, and its filter.
    pub fn remembering(marks: std::collections::HashMap<ContentKey, Marks>, session: Session) -> Self {
        let Session {
            selected,
            mut filter,
            compact,
            list_percent,
            full_width,
        } = session;
        // Restored as if typed: no longer than a line the user could type.
        input::cut_to_limit(&mut filter);
        let filter = sanitize_line(&filter);
        Self {
            library: Library::new(marks),
            filter: Filter::new(filter, selected),
            reader: Reader::default(),
            text: text::HeldText::default(),
            names: None,
            timeline: None,
            related: None,
            help: Help::default(),
            bindings: KeyBindings::default(),
            compact,
            compact_by_default: false,
            list_percent,
            reader_held: false,
            reading: reading::Settings::default(),
            full_width,
            focus: Focus::List,
            prompt: None,
            area: Rect::new(0, 0, 80, 24),
            notice: None,
            unreadable_notice: None,
            alert: None,
            dismissed_alert: None,
            interrupt: Interrupt::never(),
        }
    }

    /// A reader over articles already loaded, as tests and the bundled samples want.
    pub fn with_articles(articles: Vec<crate::article::Article>) -> Self {
        let mut app = Self::new();
        let _ = app.update(Background::Loaded(LoadBatch {
            articles,
            done: true,
            ..LoadBatch::default()
        }));
        app
    }

    /// The keys the config binds, for the help and the hints.
    pub fn with_bindings(mut self, bindings: KeyBindings) -> Self {
        self.bindings = bindings;
        self
    }

    /// The list as the config shows it unless `v` said otherwise.
    pub fn with_compact_by_default(mut self, compact: bool) -> Self {
        self.compact_by_default = compact;
        self
    }

    /// What tells that input waits (the event loop's count of keys read and taken).
    pub fn with_interrupt(mut self, interrupt: Interrupt) -> Self {
        self.interrupt = interrupt;
        self
    }

    /// How articles are set: the config's `[reader]`.
    pub fn with_reading(mut self, settings: reading::Settings) -> Self {
        self.reading = settings;
        self
    }

    /// Applies one action; says whether the screen changed and what is left to do.
    pub fn update(&mut self, action: impl Into<Action>) -> Outcome {
        let outcome = match action.into() {
            Action::Command(command) => {
                let cleared = self.notice.take().is_some();
                let outcome = self.command(command);
                Outcome::redraw_if(cleared).and(outcome)
            }
            Action::Type(text) => {
                let cleared = self.notice.take().is_some();
                Outcome::redraw_if(cleared).and(self.type_text(&text))
            }
            Action::Resize { width, height } => {
                self.area = Rect::new(0, 0, width, height);
                Outcome::redraw()
            }
            Action::Notice(message) => {
                self.notice = Some(sanitize_line(&message));
                Outcome::redraw()
            }
            Action::Alert(message) => {
                let message = sanitize_line(&message);
                let new = self.dismissed_alert.as_ref() != Some(&message);
                if new {
                    self.alert = Some(message);
                }
                Outcome::redraw_if(new)
            }
            Action::Background(news) => self.background(news),
            Action::Refilter => self.filter.refilter_typed(&self.library, &self.interrupt),
            Action::Paused => {
                let held = std::mem::take(&mut self.reader_held);
                Outcome::redraw_if(held)
            }
        };
        let settled = self.settle();
        outcome.with(settled)
    }

    /// Text typed or pasted: into the names view's line, or the line being edited.
    fn type_text(&mut self, text: &str) -> Outcome {
        if let Some(view) = &mut self.names {
            let answer = view.type_text(text);
            return self.names_answer(answer);
        }
        let mut line = self.line().to_string();
        line.push_str(&input::one_line(text));
        self.set_line(line)
    }

    /// The line being typed into: the find in the reading pane, else the filter.
    fn line(&self) -> &str {
        match self.prompt {
            Some(Prompt::Find) => self.reader.find_input(),
            Some(Prompt::Filter) | None => self.filter.input(),
        }
    }

    /// A new text for the line being typed into, cut to length with a notice.
    fn set_line(&mut self, mut line: String) -> Outcome {
        let cut = input::cut_to_limit(&mut line);
        if cut {
            self.notice = Some(input::cut_notice());
        }
        if line == self.line() {
            return Outcome::redraw_if(cut);
        }
        match self.prompt {
            Some(Prompt::Find) => {
                let shown = self.reader.article().map(|id| self.shared_with_text(id));
                self.reader.set_find(line, shown.as_deref());
                Outcome::redraw()
            }
            // The line is drawn with what was typed before any filtering: the loop asks
            // for the filtering once it has drawn it. The reading pane stays as it is
            // until the typing pauses.
            Some(Prompt::Filter) | None => {
                self.filter.type_input(line);
                self.reader_held = true;
                Outcome::redraw().with([Effect::Refilter, Effect::AwaitPause])
            }
        }
    }

    /// A move of whatever has focus: the list's selection, or the reading pane's text.
    fn move_by(&mut self, command: Command, delta: isize) -> Outcome {
        match self.focus {
            Focus::List => self.move_list(delta),
            Focus::Reader => Outcome::redraw_if(self.reader.update(command)),
        }
    }

    fn move_list(&mut self, delta: isize) -> Outcome {
        Outcome::redraw_if(self.filter.move_by(delta))
    }

    fn open(&mut self) -> Outcome {
        let Some(id) = self.filter.selected_id() else {
            return Outcome::default();
        };
        self.focus = Focus::Reader;
        if self.filter.shows_snippets() {
            // The search's words go on to find-in-article, as less -p would.
            let words = Query::without_fields(self.filter.input());
            self.reader.find_words(fulltext::query_terms(&words));
        }
        let article = self.library.article(id);
        // Standard input, read once, has no file to read again.
        let reread = (article.file_path() != Path::new(loader::STDIN_PATH))
            .then(|| Effect::Reread(article.path.clone()));
        Outcome::redraw()
            .with(self.library.set_mark(id, Mark::Read(true)))
            .with(reread)
    }

    /// Esc: dismisses a kept warning; else clears the find, leaves the article, drops the
    /// filter, in that order.
    fn back(&mut self) -> Outcome {
        if self.alert.is_some() {
            self.dismissed_alert = self.alert.take();
            return Outcome::redraw();
        }
        match self.focus {
            Focus::Reader if !self.reader.find_input().is_empty() => {
                self.reader.set_find(String::new(), None);
                Outcome::redraw()
            }
            Focus::Reader => {
                self.focus = Focus::List;
                Outcome::redraw()
            }
            Focus::List if self.related.is_some() => {
                self.close_related();
                Outcome::redraw()
            }
            Focus::List if !self.filter.input().is_empty() => self.filter.clear(&self.library),
            Focus::List => Outcome::default(),
        }
    }

    fn set_selected_mark(&mut self, mark: impl FnOnce(&Marks) -> Mark) -> Outcome {
        let Some(id) = self.filter.selected_id() else {
            return Outcome::default();
        };
        let effect = self.library.set_mark(id, mark(self.library.marks(id)));
        Outcome::redraw_if(effect.is_some()).with(effect)
    }

    fn effect_on_selected(&self, effect: impl FnOnce(&crate::article::Article) -> Effect) -> Outcome {
        let effect = self.filter.selected_id().map(|id| effect(self.with_text(id)));
        Outcome::default().with(effect)
    }

    /// Article `id` with its text, where it was read again: what the reading pane, the
    /// pager and the clipboard take. The library's, without, until it has been.
    fn with_text(&self, id: usize) -> &crate::article::Article {
        self.text.or_listed(&self.library, id)
    }

    /// [`App::with_text`], for another thread.
    fn shared_with_text(&self, id: usize) -> std::sync::Arc<crate::article::Article> {
        self.text.or_listed(&self.library, id).clone()
    }

    /// `<` and `>`: the list's share of a wide terminal, in steps, within bounds.
    fn resize_list(&mut self, step: i16) -> Outcome {
        let before = self.layout().list;
        let percent = i16::from(self.list_percent.unwrap_or(LIST_PERCENT)) + step;
        self.list_percent = Some(percent.clamp(20, 80) as u8);
        Outcome::redraw_if(self.layout().list != before)
    }

    /// What reopens next time: the selection, the filter, the open article's place.
    fn quit(&mut self) -> Outcome {
        let left = self.reader.follow(None, &self.reading, self.full_width, (0, 0));
        let scroll = left.and_then(|left| self.library.set_mark(left.article, Mark::Scroll(left.scroll)));
        Outcome::default()
            .with(scroll)
            .with([Effect::Session(self.session()), Effect::Quit])
    }

    /// What to reopen on: the selection, the filter, how the list is shown, the width of
    /// the text.
    fn session(&self) -> Session {
        let filter = self.main_filter();
        Session {
            selected: filter.selected_id().map(|id| self.library.key(id)),
            filter: filter.input().to_string(),
            compact: self.compact,
            list_percent: self.list_percent,
            full_width: self.full_width,
        }
    }

    /// Brings derived state back in line after any change: the selection on screen, the
    /// open article laid out at the current width, the scroll in range; the place left in
    /// an article it no longer shows is kept as its mark.
    fn settle(&mut self) -> Vec<Effect> {
        if self.filter.visible().is_empty() {
            self.focus = Focus::List;
        }
        let (rows, width, kind) = (
            self.list_height(),
            usize::from(self.list_area().width),
            self.list_rows(),
        );
        let library = &self.library;
        self.filter
            .scroll_into_view(rows, |id| listing::height(library.article(id), width, kind));
        if self.reader_held {
            return Vec::new();
        }
        let selected_id = self.filter.selected_id();
        // Shown as listed (title and dates) until its text, asked for here, comes back.
        let read_text = selected_id
            .filter(|&id| self.library.text_dropped(id) && self.text.of(id).is_none())
            .map(|id| Effect::ReadText {
                id,
                path: self.library.article(id).path.clone(),
            });
        let text = self.reader_text_area();
        let selected = selected_id.map(|id| {
            let scroll = self.library.marks(id).scroll;
            (id, self.text.or_listed(&self.library, id).as_ref(), scroll)
        });
        let pane = (usize::from(text.width), usize::from(text.height));
        let left = self.reader.follow(selected, &self.reading, self.full_width, pane);
        let scroll = left.and_then(|left| self.library.set_mark(left.article, Mark::Scroll(left.scroll)));
        scroll.into_iter().chain(read_text).collect()
    }
}
