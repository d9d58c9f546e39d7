//! What the screen (and the tests) read of the model, answers drawn from its parts and
//! never a way to change them; and the screen's geometry, which the model pages by.

use ratatui::layout::Rect;

use super::{App, NamesView, Order, Prompt, Scope, TimelineView};
use crate::article::Article;
use crate::command::KeyMode;
use crate::config::KeyBindings;
use crate::find::Hits;
use crate::fulltext::Snippet;
use crate::layout::{self, Focus, ScreenLayout};
use crate::listing::{self, Rows};
use crate::loader::LoadWarning;
use crate::reading::ReadingLine;
use crate::store::Marks;

impl App {
    /// Which keys apply now.
    pub fn key_mode(&self) -> KeyMode {
        if self.help.is_open() {
            KeyMode::Help
        } else if self.timeline.is_some() {
            KeyMode::Timeline
        } else if self.prompt.is_some() || self.names.is_some() {
            KeyMode::Input
        } else {
            KeyMode::Browse
        }
    }

    /// One line per article, or the whole title and its meta line.
    pub fn is_compact(&self) -> bool {
        self.compact.unwrap_or(self.compact_by_default)
    }

    /// The list's share of a wide terminal, in percent.
    fn list_share(&self) -> u8 {
        self.list_percent.unwrap_or(crate::layout::LIST_PERCENT)
    }

    pub fn bindings(&self) -> &KeyBindings {
        &self.bindings
    }

    /// The terminal size the model lays itself out for.
    pub fn size(&self) -> (u16, u16) {
        (self.area.width, self.area.height)
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn article_count(&self) -> usize {
        self.library.present()
    }

    /// The articles the filter lets through, in the order shown.
    pub fn visible_articles(&self) -> impl ExactSizeIterator<Item = &Article> {
        self.filter.visible().iter().map(|&id| self.library.article(id))
    }

    pub fn visible_count(&self) -> usize {
        self.filter.visible().len()
    }

    /// Position of the selection among the visible articles.
    pub fn selected_position(&self) -> Option<usize> {
        self.filter.selected_position()
    }

    pub fn selected_article(&self) -> Option<&Article> {
        self.filter.selected_id().map(|id| self.with_text(id))
    }

    /// The marks of the article at `visible_position` in the list.
    pub fn marks_at(&self, visible_position: usize) -> Marks {
        self.filter
            .visible()
            .get(visible_position)
            .map(|&id| self.library.marks(id).clone())
            .unwrap_or_default()
    }

    /// Character positions of the title at `visible_position` that the filter matched.
    pub fn title_highlights(&self, visible_position: usize) -> Vec<usize> {
        let query = self.filter.query();
        match self
            .filter
            .visible()
            .get(visible_position)
            .and_then(|&id| self.library.haystacks().get(id))
        {
            Some(haystack) if !query.is_empty() => query.highlight(haystack, 0),
            _ => Vec::new(),
        }
    }

    /// The full-text snippet of the article at `visible_position`, under its title.
    pub fn snippet_at(&self, visible_position: usize) -> Option<&Snippet> {
        let id = *self.filter.visible().get(visible_position)?;
        self.filter.snippet(id)
    }

    pub fn list_offset(&self) -> usize {
        self.filter.offset()
    }

    /// How the list shows its articles now.
    pub fn list_rows(&self) -> Rows {
        if self.filter.shows_snippets() {
            Rows::Snippets
        } else if self.is_compact() {
            Rows::Compact
        } else {
            Rows::Full
        }
    }

    /// The order the list is in now.
    pub fn order(&self) -> Order {
        self.filter.order(&self.library)
    }

    pub fn unread_count(&self) -> usize {
        self.library.unread()
    }

    pub fn is_unread_only(&self) -> bool {
        self.filter.is_unread_only()
    }

    pub fn is_starred_only(&self) -> bool {
        self.filter.is_starred_only()
    }

    /// Why a field term of the filter cannot be read, if one cannot.
    pub fn query_error(&self) -> Option<String> {
        self.filter.query().error().map(ToString::to_string)
    }

    pub fn timeline_view(&self) -> Option<&TimelineView> {
        self.timeline.as_ref()
    }

    pub fn names_view(&self) -> Option<&NamesView> {
        self.names.as_ref()
    }

    pub fn scope(&self) -> Scope {
        self.filter.scope()
    }

    /// Whether the full-text index is being brought in line with the archive.
    pub fn is_indexing(&self) -> bool {
        self.filter.is_indexing()
    }

    pub fn filter_input(&self) -> &str {
        self.filter.input()
    }

    pub fn is_editing_filter(&self) -> bool {
        self.prompt == Some(Prompt::Filter)
    }

    /// The line being typed into, if any.
    pub fn prompt(&self) -> Option<Prompt> {
        self.prompt
    }

    pub fn find_input(&self) -> &str {
        self.reader.find_input()
    }

    /// Every occurrence of the find pattern in the open article, on its lines.
    pub fn hits(&self) -> &Hits {
        self.reader.hits()
    }

    /// The hit last jumped to, counted from 0.
    pub fn current_hit(&self) -> Option<usize> {
        self.reader.current_hit()
    }

    /// The open article's lines, set at the measure or the reading pane's width.
    pub fn reader_lines(&self) -> &[ReadingLine] {
        self.reader.lines()
    }

    /// Where the open article's lines go in `text`, the reading pane's text area: a column
    /// as wide as they were set, with even margins.
    pub fn reader_column(&self, text: Rect) -> Rect {
        let width = self.reader.typesetting().map_or(text.width, |typesetting| {
            u16::try_from(typesetting.width).unwrap_or(u16::MAX)
        });
        layout::centred(text, width)
    }

    /// Whether articles are set over the reading pane's full width rather than the measure.
    pub fn is_full_width(&self) -> bool {
        self.full_width
    }

    /// The first reading-pane line on screen.
    pub fn reader_scroll(&self) -> usize {
        self.reader.scroll()
    }

    pub fn is_help_open(&self) -> bool {
        self.help.is_open()
    }

    pub fn help_scroll(&self) -> usize {
        self.help.scroll()
    }

    pub fn is_loading(&self) -> bool {
        self.library.is_loading()
    }

    pub fn is_checking(&self) -> bool {
        self.library.is_checking()
    }

    /// Files loaded so far and files found, while loading.
    pub fn load_progress(&self) -> (usize, usize) {
        self.library.progress()
    }

    pub fn warnings(&self) -> &[LoadWarning] {
        self.library.warnings()
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The warning kept in the status line until dismissed.
    pub fn alert(&self) -> Option<&str> {
        self.alert.as_deref()
    }

    /// Where each pane goes now.
    pub fn layout(&self) -> ScreenLayout {
        ScreenLayout::new(self.area, self.focus, self.prompt.is_some(), self.list_share())
    }

    /// The list pane's inside, whether or not a narrow screen shows it now.
    pub(super) fn list_area(&self) -> Rect {
        ScreenLayout::new(self.area, Focus::List, self.prompt.is_some(), self.list_share())
            .list
            .map(|pane| pane.content)
            .unwrap_or_default()
    }

    /// The rows article `id` takes in the list.
    pub(super) fn article_height(&self, id: usize) -> usize {
        let width = usize::from(self.list_area().width);
        listing::height(self.library.article(id), width, self.list_rows())
    }

    /// The rows the list has for articles.
    pub(super) fn list_height(&self) -> usize {
        usize::from(self.list_area().height)
    }

    /// How many articles the list shows at once, from the first shown.
    pub(super) fn list_capacity(&self) -> usize {
        self.filter
            .shown_from_offset(self.list_height(), |id| self.article_height(id))
    }

    /// The reading pane's text area, whether or not a narrow screen shows it now.
    pub(super) fn reader_text_area(&self) -> Rect {
        ScreenLayout::new(self.area, Focus::Reader, self.prompt.is_some(), self.list_share())
            .reader_text
            .unwrap_or_default()
    }

    /// Rows in a page of whatever has focus.
    pub(super) fn page_rows(&self) -> isize {
        let rows = match self.focus {
            Focus::List => self.list_capacity(),
            Focus::Reader => usize::from(self.reader_text_area().height),
        };
        rows.max(1) as isize
    }
}
