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
pub use timeline::{TimelineAnswer, TimelineView};

use crate::command::Command;
use crate::config::KeyBindings;
use crate::fulltext;
use crate::layout::{Focus, LIST_PERCENT, LIST_PERCENT_STEP};
use crate::listing;
use crate::loader::{self, LoadBatch};
use crate::query::Query;
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
    names: Option<NamesView>,
    timeline: Option<TimelineView>,
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
    /// While a filter is typed, the reading pane keeps the article it shows until the
    /// typing pauses, rather than repainting at every key.
    reader_held: bool,
    /// A warning kept until dismissed, and the last one dismissed, not shown again.
    alert: Option<String>,
    dismissed_alert: Option<String>,
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
            names: None,
            timeline: None,
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
            alert: None,
            dismissed_alert: None,
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
            Action::Refilter => self.filter.refilter_typed(&self.library),
            Action::Paused => {
                let held = std::mem::take(&mut self.reader_held);
                Outcome::redraw_if(held)
            }
        };
        let settled = self.settle();
        outcome.with(settled)
    }

    fn command(&mut self, command: Command) -> Outcome {
        if let Some(view) = &mut self.timeline
            && !self.help.is_open()
            && !matches!(
                command,
                Command::Quit | Command::Suspend | Command::Redraw | Command::Help
            )
        {
            return match view.update(command) {
                TimelineAnswer::Open { changed } => Outcome::redraw_if(changed),
                TimelineAnswer::Closed => {
                    self.timeline = None;
                    Outcome::redraw()
                }
                TimelineAnswer::Chosen(period) => {
                    self.timeline = None;
                    self.add_to_filter(&format!("date:{period}"))
                }
            };
        }
        if self.names.is_some() {
            if let Some(outcome) = self.names_command(command) {
                return outcome;
            }
        } else if self.help.is_open() && !matches!(command, Command::Quit | Command::Suspend) {
            let rows = self.bindings.help_rows().len();
            let shown = rows.min(usize::from(self.area.height.saturating_sub(2)));
            return Outcome::redraw_if(self.help.update(command, rows, shown));
        }
        if self.prompt.is_some() {
            let mut line = self.line().to_string();
            if input::apply(command, &mut line) {
                return self.set_line(line);
            }
        }
        match command {
            Command::Down => self.move_by(command, 1),
            Command::Up => self.move_by(command, -1),
            Command::PageDown => self.move_by(command, self.page_rows()),
            Command::PageUp => self.move_by(command, -self.page_rows()),
            Command::HalfPageDown => self.move_by(command, (self.page_rows() / 2).max(1)),
            Command::HalfPageUp => self.move_by(command, -(self.page_rows() / 2).max(1)),
            Command::Top => self.move_by(command, isize::MIN / 2),
            Command::Bottom => self.move_by(command, isize::MAX / 2),
            Command::ReaderPageDown | Command::ReaderPageUp if self.layout().reader.is_some() => {
                Outcome::redraw_if(self.reader.update(command))
            }
            Command::ReaderPageDown => self.move_list(self.list_capacity() as isize),
            Command::ReaderPageUp => self.move_list(-(self.list_capacity() as isize)),
            Command::NextHit | Command::PrevHit => Outcome::redraw_if(self.reader.update(command)),
            Command::Open => self.open(),
            Command::Back => self.back(),
            Command::SwitchPane => {
                self.focus = match self.focus {
                    Focus::List if self.filter.selected_id().is_some() => Focus::Reader,
                    _ => Focus::List,
                };
                Outcome::redraw()
            }
            Command::Filter => {
                self.prompt = Some(match self.focus {
                    Focus::Reader => Prompt::Find,
                    Focus::List => {
                        self.filter.open();
                        Prompt::Filter
                    }
                });
                Outcome::redraw()
            }
            // The line closes on screen even when its filtering was already drawn.
            Command::Accept => {
                self.prompt = None;
                self.reader_held = false;
                Outcome::redraw().and(self.filter.refilter_typed(&self.library))
            }
            Command::Cancel => {
                let cleared = match self.prompt.take() {
                    Some(Prompt::Find) => {
                        self.reader.set_find(String::new(), None);
                        Outcome::default()
                    }
                    Some(Prompt::Filter) | None => {
                        self.reader_held = false;
                        self.filter.clear(&self.library)
                    }
                };
                Outcome::redraw().and(cleared)
            }
            Command::ToggleScope => self.filter.toggle_scope(&self.library),
            Command::ToggleRead => self.set_selected_mark(|marks| Mark::Read(!marks.read)),
            Command::ToggleStar => self.set_selected_mark(|marks| Mark::Starred(!marks.starred)),
            Command::UnreadOnly => self.filter.toggle_unread_only(&self.library),
            Command::StarredOnly => self.filter.toggle_starred_only(&self.library),
            Command::CycleOrder => {
                let (order, outcome) = self.filter.cycle_order(&mut self.library);
                self.notice = Some(format!("order: {}", order.label()));
                outcome
            }
            Command::Names => self.open_names(),
            Command::Timeline => {
                let dates = self
                    .filter
                    .visible()
                    .iter()
                    .map(|&id| self.library.article(id).date);
                self.timeline = Some(TimelineView::new(Timeline::of(dates)));
                Outcome::redraw()
            }
            Command::Pager => {
                let columns = usize::from(self.area.width).clamp(20, 100);
                let settings = self.reading;
                let full_width = self.full_width;
                self.effect_on_selected(|article| {
                    let typesetting = settings.typesetting(columns, full_width, article.language);
                    Effect::Page(reading::page_text(article, &typesetting))
                })
            }
            Command::Measure => {
                self.full_width = !self.full_width;
                self.notice = Some(if self.full_width {
                    "text over the full width of the pane".to_owned()
                } else {
                    format!("text at most {} columns wide", self.reading.measure)
                });
                Outcome::redraw().with([Effect::Session(self.session())])
            }
            // The file, not the address of one of its articles (`feed.xml#3`).
            Command::Editor => {
                self.effect_on_selected(|article| Effect::Edit(article.file_path().to_path_buf()))
            }
            // What was sent is told once it was: the event loop sets the notice.
            Command::CopyText => {
                self.effect_on_selected(|article| Effect::Copy(reading::plain_text(article)))
            }
            Command::CopyPath => self.effect_on_selected(|article| Effect::Copy(article.url_or_address())),
            Command::Suspend => Outcome::default().with([Effect::Suspend]),
            Command::Help => {
                self.help.toggle();
                Outcome::redraw()
            }
            Command::Compact => {
                self.compact = Some(!self.is_compact());
                Outcome::redraw()
            }
            Command::NarrowList => self.resize_list(-i16::from(LIST_PERCENT_STEP)),
            Command::WidenList => self.resize_list(i16::from(LIST_PERCENT_STEP)),
            Command::Redraw => Outcome::redraw().with([Effect::Repaint]),
            Command::Quit => self.quit(),
            Command::DeleteChar | Command::DeleteWord | Command::ClearLine | Command::CloseHelp => {
                Outcome::default()
            }
        }
    }

    /// The names view takes the keys while it is open; the others pass through.
    fn names_command(&mut self, command: Command) -> Option<Outcome> {
        let view = self.names.as_mut()?;
        let answer = match command {
            Command::Quit | Command::Suspend | Command::Redraw => return None,
            _ => view.update(command),
        };
        Some(self.names_answer(answer))
    }

    fn names_answer(&mut self, answer: NamesAnswer) -> Outcome {
        match answer {
            NamesAnswer::Open { changed, cut } => {
                if cut {
                    self.notice = Some(input::cut_notice());
                }
                Outcome::redraw_if(changed || cut)
            }
            NamesAnswer::Closed => {
                self.names = None;
                Outcome::redraw()
            }
            NamesAnswer::Chosen(name) => {
                // Into the filter line, to be edited or combined there.
                self.names = None;
                if self.prompt.is_none() {
                    self.filter.open();
                }
                self.prompt = Some(Prompt::Filter);
                self.add_to_filter(&format!("name:\"{}\"", name.replace('"', "")))
            }
        }
    }

    /// Adds a field term chosen in a view to the filter, after what is typed there, and
    /// shows the list it makes.
    fn add_to_filter(&mut self, term: &str) -> Outcome {
        self.focus = Focus::List;
        let mut line = self.filter.input().trim_end().to_string();
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(term);
        input::cut_to_limit(&mut line);
        self.filter.set_input(line, &self.library)
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
                let shown = self.reader.article().map(|id| self.library.article(id));
                self.reader.set_find(line, shown);
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
        let effect = self
            .filter
            .selected_id()
            .map(|id| effect(self.library.article(id)));
        Outcome::default().with(effect)
    }

    /// `@`: every name in the archive, or the open article's when reading.
    fn open_names(&mut self) -> Outcome {
        let everything = || self.library.articles();
        let view = match (self.focus, self.filter.selected_id()) {
            (Focus::Reader, Some(id)) => NamesView::new([self.library.article(id)], everything()),
            _ => NamesView::new(everything(), everything()),
        };
        self.names = Some(view);
        Outcome::redraw()
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
        Session {
            selected: self.filter.selected_id().map(|id| self.library.key(id)),
            filter: self.filter.input().to_string(),
            compact: self.compact,
            list_percent: self.list_percent,
            full_width: self.full_width,
        }
    }

    /// Brings derived state back in line after any change: the selection on screen, the
    /// open article laid out at the current width, the scroll in range; the place left in
    /// an article it no longer shows is kept as its mark.
    fn settle(&mut self) -> Option<Effect> {
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
            return None;
        }
        let text = self.reader_text_area();
        let selected = self.filter.selected_id().map(|id| {
            let scroll = self.library.marks(id).scroll;
            (id, self.library.article(id), scroll)
        });
        let pane = (usize::from(text.width), usize::from(text.height));
        let left = self
            .reader
            .follow(selected, &self.reading, self.full_width, pane)?;
        self.library.set_mark(left.article, Mark::Scroll(left.scroll))
    }
}
