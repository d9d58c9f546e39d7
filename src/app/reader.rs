//! The reading pane's state: the open article laid out (again only when the article or how
//! it is set changes), how far it is scrolled, and find in the article with its hits.

use crate::article::Article;
use crate::command::Command;
use crate::find::{self, Hits};
use crate::reading::{self, ReadingLine, Settings, Typesetting};

#[derive(Debug, Default)]
pub struct Reader {
    /// The id of the article laid out, and how it was set.
    article: Option<usize>,
    typesetting: Option<Typesetting>,
    lines: Vec<ReadingLine>,
    scroll: usize,
    /// Rows of text the pane shows.
    rows: usize,
    /// The find pattern as shown, the words looked for (the pattern, or a full-text
    /// search's words), its hits, and the one last jumped to.
    find_input: String,
    find_terms: Vec<String>,
    hits: Hits,
    current_hit: usize,
}

/// The article the reader left, and where: kept as its mark, so it reopens there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Left {
    pub article: usize,
    pub scroll: u32,
}

impl Reader {
    /// Shows `selected` (its id, text, and the line it was left at) set by `settings` in a
    /// pane of `columns` and `rows`, at the full width if `full_width`; says which article
    /// it left, if it changed. Set again at another width, an article keeps its first line
    /// shown.
    pub fn follow(
        &mut self,
        selected: Option<(usize, &Article, u32)>,
        settings: &Settings,
        full_width: bool,
        (columns, rows): (usize, usize),
    ) -> Option<Left> {
        self.rows = rows;
        let id = selected.map(|(id, _, _)| id);
        let mut left = None;
        if id != self.article {
            left = self.article.map(|article| Left {
                article,
                scroll: u32::try_from(self.scroll).unwrap_or(u32::MAX),
            });
            self.scroll = selected.map_or(0, |(_, _, scroll)| scroll as usize);
        }
        let typesetting = selected
            .map(|(_, article, _)| settings.typesetting(columns, full_width, article.language))
            .filter(|typesetting| typesetting.width > 0);
        if id != self.article || typesetting != self.typesetting {
            let kept = (id == self.article)
                .then(|| self.lines.get(self.scroll).map(reading::line_start))
                .flatten();
            self.lines = match (selected, &typesetting) {
                (Some((_, article, _)), Some(typesetting)) => reading::layout_article(article, typesetting),
                _ => Vec::new(),
            };
            if let Some(place) = kept {
                self.scroll = reading::line_showing(&self.lines, place);
            }
            self.article = id;
            self.typesetting = typesetting;
            self.hits = self.find(selected.map(|(_, article, _)| article));
            self.current_hit = 0;
        }
        self.scroll = self.scroll.min(self.max_scroll());
        left
    }

    /// Lays the article out again at the next [`Reader::follow`]: its text changed.
    pub fn relayout(&mut self) {
        self.typesetting = None;
    }

    /// The moves the reading pane answers to; says whether anything changed.
    pub fn update(&mut self, command: Command) -> bool {
        let page = self.rows.max(1) as isize;
        let before = (self.scroll, self.current_hit);
        match command {
            Command::Down => self.scroll_by(1),
            Command::Up => self.scroll_by(-1),
            Command::PageDown | Command::ReaderPageDown => self.scroll_by(page),
            Command::PageUp | Command::ReaderPageUp => self.scroll_by(-page),
            Command::HalfPageDown => self.scroll_by((page / 2).max(1)),
            Command::HalfPageUp => self.scroll_by(-(page / 2).max(1)),
            Command::Top => self.scroll = 0,
            Command::Bottom => self.scroll = self.max_scroll(),
            Command::NextHit => self.step_hit(1),
            Command::PrevHit => self.step_hit(-1),
            _ => {}
        }
        before != (self.scroll, self.current_hit)
    }

    /// A new find pattern in `article`, the one shown: its hits, and the first at or after
    /// the top of the page shown.
    pub fn set_find(&mut self, input: String, article: Option<&Article>) {
        self.find_terms = if input.trim().is_empty() {
            Vec::new()
        } else {
            vec![input.clone()]
        };
        self.find_input = input;
        self.hits = self.find(article);
        self.current_hit = self.hits.first_from(self.scroll).unwrap_or(0);
        self.show_current_hit();
    }

    /// Finds a full-text search's words in the next article opened, as `less -p` would.
    pub fn find_words(&mut self, words: Vec<String>) {
        self.find_input = words.join(" ");
        self.find_terms = words;
        self.article = None;
    }

    /// The id of the article shown.
    pub fn article(&self) -> Option<usize> {
        self.article
    }

    /// How the article shown is set.
    pub fn typesetting(&self) -> Option<&Typesetting> {
        self.typesetting.as_ref()
    }

    pub fn lines(&self) -> &[ReadingLine] {
        &self.lines
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn find_input(&self) -> &str {
        &self.find_input
    }

    pub fn hits(&self) -> &Hits {
        &self.hits
    }

    /// The hit last jumped to, counted from 0.
    pub fn current_hit(&self) -> Option<usize> {
        (self.current_hit < self.hits.len()).then_some(self.current_hit)
    }

    fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta).min(self.max_scroll());
    }

    fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.rows)
    }

    /// The find's hits in `article`, the one laid out.
    fn find(&self, article: Option<&Article>) -> Hits {
        let Some(article) = article.filter(|_| !self.find_terms.is_empty()) else {
            return Hits::default();
        };
        let blocks = reading::blocks(article);
        let texts: Vec<&str> = blocks.iter().map(|(_, text)| text.as_ref()).collect();
        let terms: Vec<&str> = self.find_terms.iter().map(String::as_str).collect();
        find::find_hits(&texts, &self.lines, &terms)
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
        let Some(line) = self.hits.line(self.current_hit) else {
            return;
        };
        let rows = self.rows.max(1);
        if line < self.scroll || line >= self.scroll + rows {
            self.scroll = line.saturating_sub(rows / 3).min(self.max_scroll());
        }
    }
}
