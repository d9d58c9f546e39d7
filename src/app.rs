//! The application state and `update(action)`: everything the reader does, with no I/O
//! and no terminal, so tests drive it with actions alone.

use std::path::PathBuf;

use ratatui::layout::Rect;

use crate::action::{Action, KeyMode, LoadBatch};
use crate::article::Article;
use crate::index::ArticleIndex;
use crate::layout::{Focus, ScreenLayout};
use crate::loader::{self, LoadWarning};
use crate::query::Query;
use crate::reading::{self, ReadingLine};

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
    /// Every article, in display order (newest first, then by title).
    articles: Vec<Article>,
    /// What the filter matches, built once per load.
    index: ArticleIndex,
    /// The articles the filter lets through, best match first.
    visible: Vec<usize>,
    /// Position of the selection in `visible`.
    selected: usize,
    /// First visible row of the list.
    list_offset: usize,
    focus: Focus,
    editing_filter: bool,
    help_open: bool,
    filter_input: String,
    query: Query,
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
            index: ArticleIndex::default(),
            visible: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            editing_filter: false,
            help_open: false,
            filter_input: String::new(),
            query: Query::parse(""),
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
            warnings: Vec::new(),
            done: true,
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
            Action::OpenFilter => {
                self.editing_filter = true;
                self.focus = Focus::List;
            }
            Action::FilterChar(c) => {
                let mut input = self.filter_input.clone();
                input.push(c);
                self.set_filter(input);
            }
            Action::FilterBackspace => {
                let mut input = self.filter_input.clone();
                input.pop();
                self.set_filter(input);
            }
            Action::FilterDeleteWord => {
                let kept = self.filter_input.trim_end();
                let cut = kept.rfind(' ').map_or(0, |space| space + 1);
                self.set_filter(kept[..cut].to_string());
            }
            Action::FilterClearLine => self.set_filter(String::new()),
            Action::AcceptFilter => self.editing_filter = false,
            Action::ClearFilter => {
                self.editing_filter = false;
                self.set_filter(String::new());
            }
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::CloseHelp => self.help_open = false,
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => self.area = Rect::new(0, 0, width, height),
            Action::Loaded(batch) => self.add_articles(batch),
        }
        self.settle();
        true
    }

    pub fn key_mode(&self) -> KeyMode {
        if self.help_open {
            KeyMode::Help
        } else if self.editing_filter {
            KeyMode::Filter
        } else {
            KeyMode::Browse
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn layout(&self) -> ScreenLayout {
        ScreenLayout::new(self.area, self.focus, self.editing_filter)
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
        self.visible
            .get(visible_position)
            .map_or_else(Vec::new, |&index| self.index.title_highlights(&self.query, index))
    }

    pub fn filter_input(&self) -> &str {
        &self.filter_input
    }

    pub fn is_editing_filter(&self) -> bool {
        self.editing_filter
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
        let layout = ScreenLayout::new(self.area, Focus::List, self.editing_filter);
        layout.list.map_or(0, |pane| usize::from(pane.content.height))
    }

    /// The reading pane's text area, whether or not a narrow screen shows it now.
    fn reader_text_area(&self) -> Rect {
        ScreenLayout::new(self.area, Focus::Reader, self.editing_filter)
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

    fn set_filter(&mut self, input: String) {
        self.filter_input = input;
        self.refilter();
    }

    /// Re-runs the filter, keeping the selected article selected while it still matches.
    fn refilter(&mut self) {
        let kept = self.visible.get(self.selected).copied();
        self.query = Query::parse(&self.filter_input);
        self.visible = self.index.rank(&self.query);
        self.selected = kept
            .and_then(|article| self.visible.iter().position(|&index| index == article))
            .unwrap_or(0);
        self.list_offset = self.list_offset.min(self.selected);
    }

    fn add_articles(&mut self, batch: LoadBatch) {
        let selected_path: Option<PathBuf> = self.selected_article().map(|article| article.path.clone());
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
        self.articles.extend(batch.articles);
        loader::sort_for_display(&mut self.articles);
        self.index = ArticleIndex::new(&self.articles);
        self.reader.article = None;
        self.visible.clear();
        self.refilter();
        if let Some(path) = selected_path {
            let position = self.visible_articles().position(|article| article.path == path);
            self.selected = position.unwrap_or(self.selected);
        }
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
        }
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());
    }
}
