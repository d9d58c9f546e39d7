//! The application state and `update(action)`: everything the reader does, with no I/O
//! and no terminal, so tests drive it with actions alone. What needs the outside world
//! (a pager, the clipboard, saving) is handed to the event loop as an [`Effect`].

mod input;
mod names;

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::action::{ACTION_HELP, Action, FILTER_KEY_HELP, KeyMode};
use crate::article::Article;
use crate::find::{self, Hit};
use crate::fulltext;
use crate::layout::{Focus, ScreenLayout};
use crate::loader::{self, DisplayKey, LoadBatch, LoadWarning, Reread};
use crate::query::Query;
use crate::ranking::{self, Haystacks, Refined, Refinement, Scoring};
use crate::reading::{self, ReadingLine};
use crate::sanitize::sanitize_line;
use crate::store::{self, ContentKey, Mark, Marks, Session, Store};
pub use names::NamesView;

/// What the event loop does for the model, which does no I/O itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Show this text in `$PAGER`.
    Page(String),
    /// Open this file in `$EDITOR`.
    Edit(PathBuf),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Suspend to the shell (Ctrl-z).
    Suspend,
    /// Read this article's file again: it may have changed or gone since it was loaded.
    Reread(PathBuf),
}

/// What the filter line searches: titles, names and file names (the fuzzy filter), or
/// the full text of the articles (the search engine).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    TitlesNames,
    FullText,
}

/// A full-text search for the search thread; `generation` tells its answer from older ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullTextSearch {
    pub generation: u64,
    pub query: String,
}

/// The articles to bring the full-text index in line with, by content key.
pub type IndexJob = Vec<(ContentKey, Arc<Article>)>;

/// The orders `o` cycles through; a filter ranks by best match unless `o` said otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    BestMatch,
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

/// The line at the bottom the user is typing into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// The list's filter.
    Filter,
    /// Find in the open article.
    Find,
}

/// A query as typed, with its matches (best first) and whether skim has ranked them all.
#[derive(Debug)]
struct TypedQuery {
    input: String,
    matches: Vec<usize>,
    complete: bool,
}

/// The open article laid out at the reading pane's width; re-laid only when the
/// article or the width changes.
#[derive(Debug, Default)]
struct ReaderView {
    article: Option<usize>,
    width: usize,
    lines: Vec<ReadingLine>,
    scroll: usize,
}

#[derive(Debug)]
pub struct App {
    /// Every article, by id: the order they arrived in, which never changes.
    articles: Vec<Arc<Article>>,
    /// Ids in display order (newest first, then by title), and each id's place in it.
    display_order: Vec<usize>,
    display_rank: Arc<Vec<u32>>,
    display_keys: Vec<DisplayKey>,
    /// What the filter matches, built once per article.
    haystacks: Haystacks,
    /// The ids the filter lets through, best match first.
    visible: Vec<usize>,
    /// Read, starred and scroll marks, saved by content; and each article's key and marks.
    store: Store,
    content_keys: Vec<ContentKey>,
    marks: Vec<Marks>,
    unread: usize,
    unread_only: bool,
    starred_only: bool,
    /// The order of the list without a filter (never `BestMatch`), and whether a filter
    /// ranks by best match instead.
    order: Order,
    filtered_by_match: bool,
    /// Only the articles that mention this name (chosen in the names view).
    mentions: Option<String>,
    names: Option<NamesView>,
    /// The article selected when liseuse last closed, selected again when it arrives,
    /// unless the user has moved first.
    restore_selection: Option<ContentKey>,
    /// Whether the selection follows its article as more arrive: once the user has moved
    /// it, or a remembered one came back. Until then it stays on the first row, so where it
    /// ends does not depend on which loading thread finished first.
    selection_anchored: bool,
    effect: Option<Effect>,
    /// Position of the selection in `visible`.
    selected: usize,
    /// First visible row of the list.
    list_offset: usize,
    focus: Focus,
    /// The line being typed into, if any.
    prompt: Option<Prompt>,
    help_open: bool,
    /// How far the help overlay is scrolled, when it is taller than the screen.
    help_scroll: usize,
    filter_input: String,
    query: Query,
    /// What the filter line searches, the full-text search waiting to be sent, and
    /// each content key's article (how full-text hits come back).
    scope: Scope,
    full_text_search: Option<FullTextSearch>,
    ids_by_key: HashMap<ContentKey, usize>,
    /// Articles for the full-text index, once loading is over; whether it is being built.
    index_job: Option<IndexJob>,
    indexing: bool,
    /// Find in the open article: the pattern as shown, the words looked for (the
    /// pattern, or a full-text search's words), its hits, the one shown.
    find_input: String,
    find_terms: Vec<String>,
    hits: Vec<Hit>,
    current_hit: usize,
    /// Counts filter changes, so a late ranking of an older query is recognised and dropped.
    generation: u64,
    /// Skim's ranking of the current matches, for the background ranker to do.
    refinement: Option<Refinement>,
    /// The matches of the query as typed so far and of its shorter forms, so Backspace
    /// finds them again for free; the last is the current query's.
    typed: Vec<TypedQuery>,
    reader: ReaderView,
    area: Rect,
    warnings: Vec<LoadWarning>,
    /// A one-off message for the status line, gone at the next key.
    notice: Option<String>,
    /// A warning kept in the status line until dismissed with Esc: the marks will not be kept.
    alert: Option<String>,
    /// The last warning dismissed, which the same problem found again does not bring back.
    dismissed_alert: Option<String>,
    loading: bool,
    /// Files the loader has been through, and how many it found (0 while still walking).
    files_done: usize,
    files_total: usize,
    quit: bool,
}

impl Default for App {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// An empty reader waiting for the loader's batches.
    pub fn new() -> Self {
        Self {
            articles: Vec::new(),
            display_order: Vec::new(),
            display_rank: Arc::default(),
            display_keys: Vec::new(),
            haystacks: Haystacks::default(),
            visible: Vec::new(),
            store: Store::in_memory(),
            content_keys: Vec::new(),
            marks: Vec::new(),
            unread: 0,
            unread_only: false,
            starred_only: false,
            order: Order::Newest,
            filtered_by_match: true,
            mentions: None,
            names: None,
            restore_selection: None,
            selection_anchored: false,
            effect: None,
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            prompt: None,
            help_open: false,
            help_scroll: 0,
            filter_input: String::new(),
            query: Query::default(),
            scope: Scope::TitlesNames,
            full_text_search: None,
            ids_by_key: HashMap::new(),
            index_job: None,
            indexing: false,
            find_input: String::new(),
            find_terms: Vec::new(),
            hits: Vec::new(),
            current_hit: 0,
            generation: 0,
            refinement: None,
            typed: Vec::new(),
            reader: ReaderView::default(),
            area: Rect::new(0, 0, 80, 24),
            warnings: Vec::new(),
            notice: None,
            alert: None,
            dismissed_alert: None,
            loading: true,
            files_done: 0,
            files_total: 0,
            quit: false,
        }
    }

    /// A reader that remembers through `store`: its marks, and the selection and filter
    /// it had when it last closed.
    pub fn with_store(store: Store) -> Self {
        let mut app = Self::new();
        let Session { selected, mut filter } = store.session().clone();
        app.store = store;
        app.restore_selection = selected;
        // Restored as if typed: no longer than a line the user could type.
        input::cut_to_limit(&mut filter);
        app.set_filter(filter);
        app
    }

    /// A reader over articles already loaded, as tests and the bundled samples want.
    pub fn with_articles(articles: Vec<Article>) -> Self {
        let mut app = Self::new();
        app.update(Action::Loaded(LoadBatch {
            articles,
            done: true,
            ..LoadBatch::default()
        }));
        app
    }

    /// Applies one action; says whether the screen needs drawing again.
    pub fn update(&mut self, action: Action) -> bool {
        if action.is_from_user() {
            self.notice = None;
        }
        let Some(action) = self.update_names(action) else {
            return true;
        };
        if self.help_open {
            // A help longer than the screen scrolls; any other key closes it.
            let page = (self.area.height.saturating_sub(4) as isize).max(1);
            let step = match action {
                Action::Down => Some(1),
                Action::Up => Some(-1),
                Action::PageDown => Some(page),
                Action::PageUp => Some(-page),
                _ => None,
            };
            if let Some(step) = step {
                let rows = ACTION_HELP.len() + FILTER_KEY_HELP.len() + 1;
                let last = rows.saturating_sub(usize::from(self.area.height.saturating_sub(2)));
                self.help_scroll = self.help_scroll.saturating_add_signed(step).min(last);
                return true;
            }
        }
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page_rows()),
            Action::PageUp => self.move_by(-self.page_rows()),
            Action::HalfPageDown => self.move_by((self.page_rows() / 2).max(1)),
            Action::HalfPageUp => self.move_by(-(self.page_rows() / 2).max(1)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::ReaderPageDown | Action::ReaderPageUp => {
                let sign = if matches!(action, Action::ReaderPageDown) {
                    1
                } else {
                    -1
                };
                if self.reader_on_screen() {
                    self.scroll_reader(sign * self.reader_rows().max(1) as isize);
                } else {
                    self.move_selection(sign * self.list_capacity().max(1) as isize);
                }
            }
            Action::Open => {
                if let Some(id) = self.selected_id() {
                    self.focus = Focus::Reader;
                    self.set_mark(id, Mark::Read(true));
                    if self.scope == Scope::FullText && !self.filter_input.trim().is_empty() {
                        // The search's words go on to find-in-article, as less -p would.
                        self.find_terms = fulltext::query_terms(&self.filter_input);
                        self.find_input = self.find_terms.join(" ");
                        self.reader.article = None;
                    }
                    self.effect = Some(Effect::Reread(self.articles[id].path.clone()));
                }
            }
            Action::Reread(reread) => self.take_reread(reread),
            Action::ToggleScope => {
                self.scope = match self.scope {
                    Scope::TitlesNames => Scope::FullText,
                    Scope::FullText => Scope::TitlesNames,
                };
                self.refilter_from_scratch();
            }
            Action::FullTextFound { generation, keys } => self.take_full_text_hits(generation, &keys),
            Action::Indexed(outcome) => {
                self.indexing = false;
                match outcome {
                    // What was searched while indexing is searched again, in the whole index.
                    Ok(()) if self.scope == Scope::FullText => self.refilter(),
                    Ok(()) => {}
                    Err(problem) => self.notice = Some(format!("full-text search: {problem}")),
                }
            }
            Action::ToggleRead => {
                if let Some(id) = self.selected_id() {
                    self.set_mark(id, Mark::Read(!self.marks[id].read));
                }
            }
            Action::ToggleStar => {
                if let Some(id) = self.selected_id() {
                    self.set_mark(id, Mark::Starred(!self.marks[id].starred));
                }
            }
            Action::UnreadOnly => {
                self.unread_only = !self.unread_only;
                self.refilter_from_scratch();
            }
            Action::StarredOnly => {
                self.starred_only = !self.starred_only;
                self.refilter_from_scratch();
            }
            Action::CycleOrder => self.cycle_order(),
            Action::OpenNames => self.open_names(),
            Action::Page => {
                let width = usize::from(self.area.width).clamp(20, 100);
                self.effect = self
                    .selected_article()
                    .map(|article| Effect::Page(reading::page_text(article, width)));
            }
            Action::Edit => {
                self.effect = self
                    .selected_article()
                    .map(|article| Effect::Edit(article.path.clone()))
            }
            // What was sent is told once it was: the event loop sets the notice.
            Action::CopyText => {
                self.effect = self
                    .selected_article()
                    .map(|article| Effect::Copy(reading::plain_text(article)));
            }
            Action::CopyPath => {
                self.effect = self
                    .selected_article()
                    .map(|article| Effect::Copy(article.display_path()));
            }
            Action::Suspend => self.effect = Some(Effect::Suspend),
            Action::Notice(message) => self.notice = Some(sanitize_line(&message)),
            Action::Alert(message) => {
                let message = sanitize_line(&message);
                if self.dismissed_alert.as_ref() != Some(&message) {
                    self.alert = Some(message);
                }
            }
            Action::Back if self.alert.is_some() => self.dismissed_alert = self.alert.take(),
            Action::Back => match self.focus {
                Focus::Reader if !self.find_input.is_empty() => self.set_find(String::new()),
                Focus::Reader => self.focus = Focus::List,
                Focus::List if self.mentions.is_some() => {
                    self.mentions = None;
                    self.refilter_from_scratch();
                }
                Focus::List if !self.filter_input.is_empty() => self.set_filter(String::new()),
                Focus::List => {}
            },
            Action::SwitchPane => {
                self.focus = match self.focus {
                    Focus::List if self.selected_article().is_some() => Focus::Reader,
                    _ => Focus::List,
                }
            }
            Action::OpenFilter if self.focus == Focus::Reader => self.prompt = Some(Prompt::Find),
            Action::OpenFilter => self.prompt = Some(Prompt::Filter),
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::InputChar(c) => self.edit_input(|input| input.push(c)),
            Action::InputText(text) => self.edit_input(|input| input.push_str(&input::one_line(&text))),
            Action::InputBackspace => self.edit_input(|input| {
                input.pop();
            }),
            Action::InputDeleteWord => self.edit_input(|input| {
                let kept = input.trim_end();
                let cut = kept.rfind(' ').map_or(0, |space| space + 1);
                input.truncate(cut);
            }),
            Action::InputClearLine => self.edit_input(String::clear),
            Action::AcceptInput => self.prompt = None,
            Action::CancelInput => {
                self.edit_input(String::clear);
                self.prompt = None;
            }
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                self.help_scroll = 0;
            }
            Action::CloseHelp => self.help_open = false,
            Action::Quit => {
                self.remember_session();
                self.quit = true;
            }
            Action::Redraw => {}
            Action::Resize { width, height } => self.area = Rect::new(0, 0, width, height),
            Action::Loaded(batch) => self.add_articles(batch),
            Action::Refined(refined) => self.apply_refined(refined),
        }
        self.settle();
        true
    }

    pub fn key_mode(&self) -> KeyMode {
        if self.help_open {
            KeyMode::Help
        } else if self.prompt.is_some() || self.names.is_some() {
            KeyMode::Input
        } else {
            KeyMode::Browse
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn layout(&self) -> ScreenLayout {
        ScreenLayout::new(self.area, self.focus, self.prompt.is_some())
    }

    /// The terminal size the model lays itself out for.
    pub fn size(&self) -> (u16, u16) {
        (self.area.width, self.area.height)
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    /// The articles the filter lets through, in the order shown.
    pub fn visible_articles(&self) -> impl ExactSizeIterator<Item = &Article> {
        self.visible.iter().map(|&index| self.articles[index].as_ref())
    }

    pub fn visible_count(&self) -> usize {
        self.visible.len()
    }

    /// Position of the selection among the visible articles.
    pub fn selected_position(&self) -> Option<usize> {
        (self.selected < self.visible.len()).then_some(self.selected)
    }

    fn selected_id(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// The marks of the article at `visible_position` in the list.
    pub fn marks_at(&self, visible_position: usize) -> Marks {
        self.visible
            .get(visible_position)
            .map(|&id| self.marks[id].clone())
            .unwrap_or_default()
    }

    pub fn unread_count(&self) -> usize {
        self.unread
    }

    pub fn is_unread_only(&self) -> bool {
        self.unread_only
    }

    pub fn is_starred_only(&self) -> bool {
        self.starred_only
    }

    /// The name the list is narrowed to, chosen in the names view.
    pub fn mentions(&self) -> Option<&str> {
        self.mentions.as_deref()
    }

    pub fn names_view(&self) -> Option<&NamesView> {
        self.names.as_ref()
    }

    /// What the event loop must do for the model next, if anything.
    pub fn take_effect(&mut self) -> Option<Effect> {
        self.effect.take()
    }

    /// The store, for the event loop to save.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn selected_article(&self) -> Option<&Article> {
        self.visible
            .get(self.selected)
            .map(|&index| self.articles[index].as_ref())
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    /// Character positions of the selected row's title that the filter matched.
    pub fn title_highlights(&self, visible_position: usize) -> Vec<usize> {
        match self
            .visible
            .get(visible_position)
            .and_then(|&id| self.haystacks.get(id))
        {
            Some(haystack) if !self.query.is_empty() => self.query.highlight(haystack, 0),
            _ => Vec::new(),
        }
    }

    /// Hands over the articles for the full-text index, once loading is over.
    pub fn take_index_job(&mut self) -> Option<IndexJob> {
        self.index_job.take()
    }

    /// Hands over the full-text search the filter line asks for, if any.
    pub fn take_full_text_search(&mut self) -> Option<FullTextSearch> {
        self.full_text_search.take()
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// Whether the full-text index is being brought in line with the archive.
    pub fn is_indexing(&self) -> bool {
        self.indexing
    }

    /// How many list rows one article takes: two in full text (title, then snippet).
    pub fn rows_per_article(&self) -> usize {
        if self.scope == Scope::FullText && !self.filter_input.trim().is_empty() {
            2
        } else {
            1
        }
    }

    /// Hands over the skim ranking the current filter still needs, for the background
    /// ranker (or, in tests, for [`Refinement::run`]).
    pub fn take_refinement(&mut self) -> Option<Refinement> {
        self.refinement.take()
    }

    pub fn filter_input(&self) -> &str {
        &self.filter_input
    }

    pub fn is_editing_filter(&self) -> bool {
        self.prompt == Some(Prompt::Filter)
    }

    /// The line being typed into, if any.
    pub fn prompt(&self) -> Option<Prompt> {
        self.prompt
    }

    pub fn find_input(&self) -> &str {
        &self.find_input
    }

    /// Every occurrence of the find pattern in the open article's lines.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The hit last jumped to, counted from 0.
    pub fn current_hit(&self) -> Option<usize> {
        (self.current_hit < self.hits.len()).then_some(self.current_hit)
    }

    pub fn is_help_open(&self) -> bool {
        self.help_open
    }

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub fn is_loading(&self) -> bool {
        self.loading
    }

    /// Files loaded so far and files found, while loading.
    pub fn load_progress(&self) -> (usize, usize) {
        (self.files_done, self.files_total)
    }

    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The warning kept in the status line until dismissed, if any.
    pub fn alert(&self) -> Option<&str> {
        self.alert.as_deref()
    }

    /// The open article's lines, wrapped to the reading pane.
    pub fn reader_lines(&self) -> &[ReadingLine] {
        &self.reader.lines
    }

    /// The first reading-pane line on screen.
    pub fn reader_scroll(&self) -> usize {
        self.reader.scroll
    }

    fn reader_on_screen(&self) -> bool {
        self.layout().reader.is_some()
    }

    fn list_rows(&self) -> usize {
        let layout = ScreenLayout::new(self.area, Focus::List, self.prompt.is_some());
        layout.list.map_or(0, |pane| usize::from(pane.content.height))
    }

    /// How many articles the list shows at once.
    fn list_capacity(&self) -> usize {
        self.list_rows() / self.rows_per_article()
    }

    /// The reading pane's text area, whether or not a narrow screen shows it now.
    fn reader_text_area(&self) -> Rect {
        ScreenLayout::new(self.area, Focus::Reader, self.prompt.is_some())
            .reader_text
            .unwrap_or_default()
    }

    fn reader_rows(&self) -> usize {
        usize::from(self.reader_text_area().height)
    }

    /// Rows in a page of whatever has focus.
    fn page_rows(&self) -> isize {
        let rows = match self.focus {
            Focus::List => self.list_capacity(),
            Focus::Reader => self.reader_rows(),
        };
        rows.max(1) as isize
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::List => self.move_selection(delta),
            Focus::Reader => self.scroll_reader(delta),
        }
    }

    fn move_selection(&mut self, delta: isize) {
        self.restore_selection = None;
        self.selection_anchored = true;
        let last = self.visible.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn scroll_reader(&mut self, delta: isize) {
        self.reader.scroll = self
            .reader
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
    }

    fn max_scroll(&self) -> usize {
        self.reader.lines.len().saturating_sub(self.reader_rows())
    }

    /// Applies an edit to the line being typed into, and what follows from it.
    /// A line longer than [`input::MAX_INPUT_CHARS`] is cut, and the status line says so.
    fn edit_input(&mut self, edit: impl FnOnce(&mut String)) {
        let mut input = match self.prompt {
            Some(Prompt::Find) => self.find_input.clone(),
            Some(Prompt::Filter) | None => self.filter_input.clone(),
        };
        edit(&mut input);
        if input::cut_to_limit(&mut input) {
            self.notice = Some(input::cut_notice());
        }
        let unchanged = match self.prompt {
            Some(Prompt::Find) => input == self.find_input,
            Some(Prompt::Filter) | None => input == self.filter_input,
        };
        if unchanged {
            return;
        }
        match self.prompt {
            Some(Prompt::Find) => self.set_find(input),
            Some(Prompt::Filter) | None => self.set_filter(input),
        }
    }

    /// A new find pattern: its hits, and the first at or after the top of the page shown.
    fn set_find(&mut self, input: String) {
        self.find_terms = if input.trim().is_empty() {
            Vec::new()
        } else {
            vec![input.clone()]
        };
        self.find_input = input;
        self.hits = find::find_hits(&self.reader.lines, &self.find_term_refs());
        let scroll = self.reader.scroll;
        self.current_hit = self.hits.iter().position(|hit| hit.line >= scroll).unwrap_or(0);
        self.show_current_hit();
    }

    fn find_term_refs(&self) -> Vec<&str> {
        self.find_terms.iter().map(String::as_str).collect()
    }

    /// Moves to the next (`1`) or previous (`-1`) hit, round the end, like less's `n`/`N`.
    fn step_hit(&mut self, step: isize) {
        if self.hits.is_empty() {
            return;
        }
        let count = self.hits.len() as isize;
        self.current_hit = (self.current_hit as isize + step).rem_euclid(count) as usize;
        self.show_current_hit();
    }

    /// Scrolls the current hit into view, a third of the way down when it was off screen.
    fn show_current_hit(&mut self) {
        let Some(hit) = self.hits.get(self.current_hit) else {
            return;
        };
        let rows = self.reader_rows().max(1);
        if hit.line < self.reader.scroll || hit.line >= self.reader.scroll + rows {
            self.reader.scroll = hit.line.saturating_sub(rows / 3).min(self.max_scroll());
        }
    }

    fn set_filter(&mut self, input: String) {
        self.filter_input = input;
        self.refilter();
    }

    /// Re-runs the filter, keeping the selected article selected while it still matches.
    ///
    /// Decides the matches and a quick ranking at once; skim's ranking follows from the
    /// background ranker. Starts from the previous matches when the query only narrowed,
    /// and from remembered matches when Backspace returns to a shorter query.
    fn refilter(&mut self) {
        let kept = self.visible.get(self.selected).copied();
        let query = Query::parse(&self.filter_input);
        self.generation += 1;
        self.refinement = None;
        self.full_text_search = None;
        if self.scope == Scope::FullText && !query.is_empty() {
            // The search engine answers through the event loop; the list waits for it.
            self.full_text_search = Some(FullTextSearch {
                generation: self.generation,
                query: self.filter_input.clone(),
            });
            self.typed.clear();
            self.query = query;
            return;
        }
        self.typed
            .retain(|typed| self.filter_input.starts_with(typed.input.as_str()));
        if query.is_empty() {
            self.typed.clear();
            self.filtered_by_match = true;
            self.visible = self.shown_in_display_order();
        } else if let Some(typed) = self.typed.iter().find(|typed| typed.input == self.filter_input) {
            self.visible = typed.matches.clone();
            if !typed.complete {
                self.request_refinement(&query);
            }
        } else {
            // The matches of the longest query typed on the way here that this one
            // narrows: `to lam !m` starts from those of `to lam`.
            let narrowed = self
                .typed
                .iter()
                .rev()
                .find(|typed| query.narrows(&Query::parse(&typed.input)));
            let candidates = match narrowed {
                Some(typed) => typed.matches.clone(),
                None => self.shown_in_display_order(),
            };
            self.visible = ranking::rank(
                &query,
                Scoring::Quick,
                &candidates,
                &self.haystacks,
                &self.display_rank,
            );
            self.typed.push(TypedQuery {
                input: self.filter_input.clone(),
                matches: self.visible.clone(),
                complete: false,
            });
            self.request_refinement(&query);
        }
        self.query = query;
        self.order_matches();
        self.select_id(kept);
    }

    /// The search engine's answer, best first: the articles it names, as the switches allow.
    fn take_full_text_hits(&mut self, generation: u64, keys: &[ContentKey]) {
        if generation != self.generation || self.scope != Scope::FullText {
            return;
        }
        let kept = self.selected_id();
        self.visible = keys
            .iter()
            .filter_map(|key| self.ids_by_key.get(key).copied())
            .filter(|&id| self.shown(id))
            .collect();
        self.order_matches();
        self.select_id(kept);
        self.settle();
    }

    /// Filters again from all articles: the predicates (unread, starred, mentions) or the
    /// order changed, so neither earlier matches nor remembered ones hold.
    fn refilter_from_scratch(&mut self) {
        self.typed.clear();
        self.query = Query::default();
        self.refilter();
    }

    /// The articles the unread, starred and mentions switches let through, in display order.
    fn shown_in_display_order(&self) -> Vec<usize> {
        if !self.unread_only && !self.starred_only && self.mentions.is_none() {
            return self.display_order.clone();
        }
        self.display_order
            .iter()
            .copied()
            .filter(|&id| self.shown(id))
            .collect()
    }

    fn shown(&self, id: usize) -> bool {
        let marks = &self.marks[id];
        (!self.unread_only || !marks.read)
            && (!self.starred_only || marks.starred)
            && self
                .mentions
                .as_ref()
                .is_none_or(|name| self.articles[id].names.contains(name))
    }

    /// Matches in display order when `o` chose an order over best match.
    fn order_matches(&mut self) {
        if !self.query.is_empty() && !self.filtered_by_match {
            let rank = &self.display_rank;
            self.visible.sort_by_key(|&id| rank[id]);
        }
    }

    /// The order the list is in now.
    pub fn order(&self) -> Order {
        if !self.query.is_empty() && self.filtered_by_match {
            Order::BestMatch
        } else {
            self.order
        }
    }

    /// `o`: newest → oldest → title → (with a filter) best match → newest.
    fn cycle_order(&mut self) {
        let next = match self.order() {
            Order::BestMatch => Order::Newest,
            Order::Newest => Order::Oldest,
            Order::Oldest => Order::Title,
            Order::Title if !self.query.is_empty() => Order::BestMatch,
            Order::Title => Order::Newest,
        };
        let kept = self.selected_id();
        // Without a filter, the next filter still starts by best match.
        self.filtered_by_match = next == Order::BestMatch || self.query.is_empty();
        if next != Order::BestMatch && next != self.order {
            self.order = next;
            self.sort_display_order();
        }
        self.refilter_from_scratch();
        self.select_id(kept);
        self.notice = Some(format!("order: {}", next.label()));
    }

    fn sort_display_order(&mut self) {
        let mut order: Vec<usize> = (0..self.articles.len()).collect();
        order.sort_by(|&a, &b| self.compare(a, b));
        self.set_display_order(order);
    }

    fn set_display_order(&mut self, order: Vec<usize>) {
        let mut rank = vec![0u32; order.len()];
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
                .0
                .cmp(&second.0)
                .then_with(|| second.1.cmp(&first.1))
                .then_with(|| first.2.cmp(&second.2)),
            Order::Title => first.2.cmp(&second.2).then_with(|| first.cmp(second)),
            Order::Newest | Order::BestMatch => first.cmp(second),
        };
        by_order.then_with(|| self.articles[a].path.cmp(&self.articles[b].path))
    }

    fn request_refinement(&mut self, query: &Query) {
        if !self.filtered_by_match {
            return;
        }
        self.refinement = Some(Refinement {
            generation: self.generation,
            query: query.clone(),
            matches: self.visible.clone(),
            haystacks: self.haystacks.clone(),
            display_rank: self.display_rank.clone(),
        });
    }

    /// A better ranking of the current matches: the selected article stays selected.
    fn apply_refined(&mut self, refined: Refined) {
        if refined.generation != self.generation {
            return;
        }
        let kept = self.visible.get(self.selected).copied();
        if let Some(typed) = self.typed.last_mut() {
            typed.matches.clone_from(&refined.matches);
            typed.complete = refined.complete;
        }
        self.visible = refined.matches;
        self.select_id(kept);
    }

    /// Selects article `id` if visible, else the first row.
    fn select_id(&mut self, id: Option<usize>) {
        self.selected = id
            .and_then(|id| self.visible.iter().position(|&visible| visible == id))
            .unwrap_or(0);
        self.list_offset = self.list_offset.min(self.selected);
    }

    /// A batch from the loader; after the last, the full-text index is brought in line.
    fn add_articles(&mut self, batch: LoadBatch) {
        let done = batch.done;
        self.add_batch(batch);
        if done {
            self.index_job = Some(
                self.content_keys
                    .iter()
                    .copied()
                    .zip(self.articles.iter().cloned())
                    .collect(),
            );
            self.indexing = true;
        }
    }

    fn add_batch(&mut self, batch: LoadBatch) {
        if let Some(first) = batch.warnings.first() {
            let more = batch.warnings.len() - 1;
            self.notice = Some(if more == 0 {
                format!("skipped {first}")
            } else {
                format!("skipped {first} (and {more} more)")
            });
        }
        self.warnings.extend(batch.warnings);
        self.loading = !batch.done;
        self.files_done = batch.files_done;
        self.files_total = batch.files_total;
        if batch.articles.is_empty() {
            return;
        }
        let kept = self
            .visible
            .get(self.selected)
            .copied()
            .filter(|_| self.selection_anchored);
        let first_new = self.articles.len();
        self.haystacks
            .push_chunk(batch.articles.iter().map(ranking::article_haystack).collect());
        self.display_keys
            .extend(batch.articles.iter().map(loader::display_key));
        for article in &batch.articles {
            let key = store::content_key(article);
            let marks = self.store.marks(&key);
            self.unread += usize::from(!marks.read);
            self.ids_by_key.entry(key).or_insert(self.content_keys.len());
            self.content_keys.push(key);
            self.marks.push(marks);
        }
        self.articles.extend(batch.articles.into_iter().map(Arc::new));
        self.merge_display_order(first_new);
        // New articles join the current matches; the typed history no longer holds.
        let new_ids: Vec<usize> = (first_new..self.articles.len())
            .filter(|&id| self.shown(id))
            .collect();
        if self.query.is_empty() {
            self.visible = self.shown_in_display_order();
        } else {
            self.generation += 1;
            let mut candidates = std::mem::take(&mut self.visible);
            candidates.extend(new_ids);
            self.visible = ranking::rank(
                &self.query,
                Scoring::Quick,
                &candidates,
                &self.haystacks,
                &self.display_rank,
            );
            self.typed.clear();
            self.typed.push(TypedQuery {
                input: self.filter_input.clone(),
                matches: self.visible.clone(),
                complete: false,
            });
            let query = self.query.clone();
            self.request_refinement(&query);
            self.order_matches();
        }
        let restored = self
            .restore_selection
            .and_then(|key| (first_new..self.articles.len()).find(|&id| self.content_keys[id] == key));
        if restored.is_some() {
            self.restore_selection = None;
            self.selection_anchored = true;
        }
        self.select_id(restored.or(kept));
    }

    /// What a second look at an open article's file found: new text replaces the old one
    /// (its marks stay with the old text's key, as marks belong to content); a file gone
    /// or unreadable is said, and the text as loaded stays on screen.
    fn take_reread(&mut self, reread: Reread) {
        match reread {
            Reread::Same => {}
            Reread::Changed(article) => {
                let Some(id) = self.articles.iter().position(|known| known.path == article.path) else {
                    return;
                };
                self.haystacks.replace(id, ranking::article_haystack(&article));
                self.display_keys[id] = loader::display_key(&article);
                self.articles[id] = Arc::from(article);
                self.reader.article = None;
                self.notice = Some("the file changed since it was loaded: showing its new text".to_string());
            }
            Reread::Failed(reason) => {
                self.notice = Some(format!("showing the text as it was loaded: {reason}"));
            }
        }
    }

    /// One of the article's marks, kept here and in the store; the store is told which one,
    /// so that saving leaves another instance's other marks on the article alone.
    fn set_mark(&mut self, id: usize, mark: Mark) {
        let marks = self.marks[id].clone().with(mark);
        if marks.read != self.marks[id].read {
            if marks.read {
                self.unread -= 1;
            } else {
                self.unread += 1;
            }
        }
        self.store.set_mark(self.content_keys[id], mark);
        self.marks[id] = marks;
    }

    /// Where the open article was left, so it reopens there.
    fn remember_scroll(&mut self) {
        if let Some(id) = self.reader.article {
            let scroll = u32::try_from(self.reader.scroll).unwrap_or(u32::MAX);
            self.set_mark(id, Mark::Scroll(scroll));
        }
    }

    /// What reopens next time: the selection, the filter, the open article's place.
    fn remember_session(&mut self) {
        self.remember_scroll();
        let selected = self.selected_id().map(|id| self.content_keys[id]);
        self.store.set_session(Session {
            selected,
            filter: self.filter_input.clone(),
        });
    }

    /// The names view takes the keys while it is open; other actions pass through.
    fn update_names(&mut self, action: Action) -> Option<Action> {
        let Some(view) = &mut self.names else {
            return Some(action);
        };
        match action {
            Action::Down => view.move_by(1),
            Action::Up => view.move_by(-1),
            Action::PageDown => view.move_by(10),
            Action::PageUp => view.move_by(-10),
            Action::InputChar(c) => self.edit_names(|input| input.push(c)),
            Action::InputText(text) => self.edit_names(|input| input.push_str(&input::one_line(&text))),
            Action::InputBackspace => self.edit_names(|input| {
                input.pop();
            }),
            Action::InputDeleteWord | Action::InputClearLine => self.edit_names(String::clear),
            Action::CancelInput => self.names = None,
            Action::AcceptInput => {
                let chosen = view.selected_name().map(str::to_string);
                self.names = None;
                if let Some(name) = chosen {
                    self.mentions = Some(name);
                    self.focus = Focus::List;
                    self.refilter_from_scratch();
                    self.settle();
                }
            }
            other => return Some(other),
        }
        None
    }

    fn edit_names(&mut self, edit: impl FnOnce(&mut String)) {
        if self.names.as_mut().is_some_and(|view| view.edit(edit)) {
            self.notice = Some(input::cut_notice());
        }
    }

    /// `@`: every name in the archive, or the open article's when reading.
    fn open_names(&mut self) {
        let view = match (self.focus, self.selected_article()) {
            (Focus::Reader, Some(article)) => {
                NamesView::new([article], self.articles.iter().map(Arc::as_ref))
            }
            _ => NamesView::new(
                self.articles.iter().map(Arc::as_ref),
                self.articles.iter().map(Arc::as_ref),
            ),
        };
        self.names = Some(view);
    }

    /// Sorts the ids from `first_new` on and merges them into the display order.
    fn merge_display_order(&mut self, first_new: usize) {
        let mut new_ids: Vec<usize> = (first_new..self.articles.len()).collect();
        new_ids.sort_by(|&a, &b| self.compare(a, b));
        let mut merged = Vec::with_capacity(self.articles.len());
        let (mut old, mut new) = (self.display_order.iter().peekable(), new_ids.iter().peekable());
        while let (Some(&&a), Some(&&b)) = (old.peek(), new.peek()) {
            if self.compare(a, b).is_le() {
                merged.extend(old.next());
            } else {
                merged.extend(new.next());
            }
        }
        merged.extend(old);
        merged.extend(new);
        self.set_display_order(merged);
    }

    /// Brings derived state back in line after any change: the selection on screen,
    /// the open article laid out at the current width, the scroll in range.
    fn settle(&mut self) {
        if self.visible.is_empty() {
            self.focus = Focus::List;
        }
        let rows = self.list_capacity().max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(self.visible.len().saturating_sub(rows));

        let article = self.visible.get(self.selected).copied();
        let width = usize::from(self.reader_text_area().width);
        if article != self.reader.article {
            self.remember_scroll();
            self.reader.scroll = article.map_or(0, |id| self.marks[id].scroll as usize);
        }
        if article != self.reader.article || width != self.reader.width {
            self.reader.lines = match article {
                Some(index) if width > 0 => reading::layout_article(&self.articles[index], width),
                _ => Vec::new(),
            };
            self.reader.article = article;
            self.reader.width = width;
            self.hits = find::find_hits(&self.reader.lines, &self.find_term_refs());
            self.current_hit = 0;
        }
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());
    }
}
