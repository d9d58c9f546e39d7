//! The application state and `update(action)`: everything the reader does, with no I/O
//! and no terminal, so tests drive it with actions alone.

use std::sync::Arc;

use ratatui::layout::Rect;

use crate::action::{Action, KeyMode, LoadBatch};
use crate::article::Article;
use crate::find::{self, Hit};
use crate::layout::{Focus, ScreenLayout};
use crate::loader::{self, DisplayKey, LoadWarning};
use crate::query::Query;
use crate::reading::{self, ReadingLine};
use crate::search::{self, Haystacks, Refined, Refinement};

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
    articles: Vec<Article>,
    /// Ids in display order (newest first, then by title), and each id's place in it.
    display_order: Vec<usize>,
    display_rank: Arc<Vec<u32>>,
    display_keys: Vec<DisplayKey>,
    /// What the filter matches, built once per article.
    haystacks: Haystacks,
    /// The ids the filter lets through, best match first.
    visible: Vec<usize>,
    /// Position of the selection in `visible`.
    selected: usize,
    /// First visible row of the list.
    list_offset: usize,
    focus: Focus,
    /// The line being typed into, if any.
    prompt: Option<Prompt>,
    help_open: bool,
    filter_input: String,
    query: Query,
    /// Find in the open article: the pattern, its hits, the one shown.
    find_input: String,
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
    loading: bool,
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
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            prompt: None,
            help_open: false,
            filter_input: String::new(),
            query: Query::default(),
            find_input: String::new(),
            hits: Vec::new(),
            current_hit: 0,
            generation: 0,
            refinement: None,
            typed: Vec::new(),
            reader: ReaderView::default(),
            area: Rect::new(0, 0, 80, 24),
            warnings: Vec::new(),
            notice: None,
            loading: true,
            quit: false,
        }
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
        if !matches!(action, Action::Loaded(_) | Action::Resize { .. }) {
            self.notice = None;
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
                    self.move_selection(sign * self.list_rows().max(1) as isize);
                }
            }
            Action::Open => {
                if self.selected_article().is_some() {
                    self.focus = Focus::Reader;
                }
            }
            Action::Back => match self.focus {
                Focus::Reader if !self.find_input.is_empty() => self.set_find(String::new()),
                Focus::Reader => self.focus = Focus::List,
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
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::CloseHelp => self.help_open = false,
            Action::Quit => self.quit = true,
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
        } else if self.prompt.is_some() {
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

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    /// The articles the filter lets through, in the order shown.
    pub fn visible_articles(&self) -> impl ExactSizeIterator<Item = &Article> {
        self.visible.iter().map(|&index| &self.articles[index])
    }

    pub fn visible_count(&self) -> usize {
        self.visible.len()
    }

    /// Position of the selection among the visible articles.
    pub fn selected_position(&self) -> Option<usize> {
        (self.selected < self.visible.len()).then_some(self.selected)
    }

    pub fn selected_article(&self) -> Option<&Article> {
        self.visible
            .get(self.selected)
            .map(|&index| &self.articles[index])
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

    pub fn is_loading(&self) -> bool {
        self.loading
    }

    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
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
            Focus::List => self.list_rows(),
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
    fn edit_input(&mut self, edit: impl FnOnce(&mut String)) {
        match self.prompt {
            Some(Prompt::Find) => {
                let mut input = self.find_input.clone();
                edit(&mut input);
                self.set_find(input);
            }
            Some(Prompt::Filter) | None => {
                let mut input = self.filter_input.clone();
                edit(&mut input);
                self.set_filter(input);
            }
        }
    }

    /// A new find pattern: its hits, and the first at or after the top of the page shown.
    fn set_find(&mut self, input: String) {
        self.find_input = input;
        self.hits = find::find_hits(&self.reader.lines, &[self.find_input.as_str()]);
        let scroll = self.reader.scroll;
        self.current_hit = self.hits.iter().position(|hit| hit.line >= scroll).unwrap_or(0);
        self.show_current_hit();
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
        self.typed
            .retain(|typed| self.filter_input.starts_with(typed.input.as_str()));
        if query.is_empty() {
            self.typed.clear();
            self.visible = self.display_order.clone();
        } else if let Some(typed) = self.typed.iter().find(|typed| typed.input == self.filter_input) {
            self.visible = typed.matches.clone();
            if !typed.complete {
                self.request_refinement(&query);
            }
        } else {
            let narrowed = !self.query.is_empty() && query.narrows(&self.query);
            let candidates = if narrowed {
                &self.visible
            } else {
                &self.display_order
            };
            self.visible = search::quick_rank(&query, candidates, &self.haystacks, &self.display_rank);
            self.typed.push(TypedQuery {
                input: self.filter_input.clone(),
                matches: self.visible.clone(),
                complete: false,
            });
            self.request_refinement(&query);
        }
        self.query = query;
        self.select_id(kept);
    }

    fn request_refinement(&mut self, query: &Query) {
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

    fn add_articles(&mut self, batch: LoadBatch) {
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
        if batch.articles.is_empty() {
            return;
        }
        let kept = self.visible.get(self.selected).copied();
        let first_new = self.articles.len();
        self.haystacks
            .push_chunk(batch.articles.iter().map(search::article_haystack).collect());
        self.display_keys
            .extend(batch.articles.iter().map(loader::display_key));
        self.articles.extend(batch.articles);
        self.merge_display_order(first_new);
        // New articles join the current matches; the typed history no longer holds.
        let new_ids: Vec<usize> = (first_new..self.articles.len()).collect();
        if self.query.is_empty() {
            self.visible = self.display_order.clone();
        } else {
            self.generation += 1;
            let mut candidates = std::mem::take(&mut self.visible);
            candidates.extend(new_ids);
            self.visible = search::quick_rank(&self.query, &candidates, &self.haystacks, &self.display_rank);
            self.typed.clear();
            self.typed.push(TypedQuery {
                input: self.filter_input.clone(),
                matches: self.visible.clone(),
                complete: false,
            });
            let query = self.query.clone();
            self.request_refinement(&query);
        }
        self.select_id(kept);
    }

    /// Sorts the ids from `first_new` on and merges them into the display order.
    fn merge_display_order(&mut self, first_new: usize) {
        let order = |a: &usize, b: &usize| {
            self.display_keys[*a]
                .cmp(&self.display_keys[*b])
                .then_with(|| self.articles[*a].path.cmp(&self.articles[*b].path))
        };
        let mut new_ids: Vec<usize> = (first_new..self.articles.len()).collect();
        new_ids.sort_by(order);
        let mut merged = Vec::with_capacity(self.articles.len());
        let (mut old, mut new) = (self.display_order.iter().peekable(), new_ids.iter().peekable());
        while let (Some(a), Some(b)) = (old.peek(), new.peek()) {
            if order(a, b).is_le() {
                merged.extend(old.next());
            } else {
                merged.extend(new.next());
            }
        }
        merged.extend(old);
        merged.extend(new);
        let mut rank = vec![0u32; merged.len()];
        for (place, &id) in merged.iter().enumerate() {
            rank[id] = place as u32;
        }
        self.display_order = merged;
        self.display_rank = Arc::new(rank);
    }

    /// Brings derived state back in line after any change: the selection on screen,
    /// the open article laid out at the current width, the scroll in range.
    fn settle(&mut self) {
        if self.visible.is_empty() {
            self.focus = Focus::List;
        }
        let rows = self.list_rows().max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(self.visible.len().saturating_sub(rows));

        let article = self.visible.get(self.selected).copied();
        let width = usize::from(self.reader_text_area().width);
        if article != self.reader.article {
            self.reader.scroll = 0;
        }
        if article != self.reader.article || width != self.reader.width {
            self.reader.lines = match article {
                Some(index) if width > 0 => reading::layout_article(&self.articles[index], width),
                _ => Vec::new(),
            };
            self.reader.article = article;
            self.reader.width = width;
            self.hits = find::find_hits(&self.reader.lines, &[self.find_input.as_str()]);
            self.current_hit = 0;
        }
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());
    }
}
