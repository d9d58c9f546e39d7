//! The names view (`@`): every person, then every place, with how many articles mention
//! it, most frequent first, filtered with the same query language as the list.

use std::collections::{HashMap, HashSet};

use super::input;
use crate::article::Article;
use crate::command::Command;
use crate::query::{Haystack, Query};

/// What a key did to the names view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamesAnswer {
    /// Still open; whether anything changed, and whether the line had to be cut.
    Open {
        changed: bool,
        cut: bool,
    },
    Closed,
    /// Enter on a name: the list is to show its articles.
    Chosen(String),
}

#[derive(Debug)]
pub struct NamesView {
    /// Each name, the number of articles that mention it, and whether it is a place:
    /// people first, then places, each most frequent first.
    entries: Vec<Entry>,
    haystacks: Vec<Haystack>,
    input: String,
    /// `input` parsed, kept for drawing the highlights of every row shown.
    query: Query,
    /// Indices into `entries` that match `input`, best first.
    visible: Vec<usize>,
    selected: usize,
}

/// One name of the view.
#[derive(Debug)]
struct Entry {
    name: String,
    count: usize,
    place: bool,
}

impl NamesView {
    /// The names of `articles`, counted over `counted_in` (the whole archive); a name is a
    /// place where an article that mentions it says so.
    pub fn new<'a>(
        articles: impl IntoIterator<Item = &'a Article>,
        counted_in: impl IntoIterator<Item = &'a Article>,
    ) -> Self {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut places: HashSet<&str> = HashSet::new();
        for article in counted_in {
            for name in &article.names {
                *counts.entry(name.as_str()).or_default() += 1;
            }
            places.extend(article.places.iter().map(String::as_str));
        }
        let mut seen = HashSet::new();
        let mut entries: Vec<Entry> = articles
            .into_iter()
            .flat_map(|article| &article.names)
            .filter(|name| seen.insert(name.as_str()))
            .map(|name| Entry {
                name: name.clone(),
                count: counts.get(name.as_str()).copied().unwrap_or(0),
                place: places.contains(name.as_str()),
            })
            .collect();
        entries.sort_by(|a, b| {
            a.place
                .cmp(&b.place)
                .then(b.count.cmp(&a.count))
                .then_with(|| a.name.cmp(&b.name))
        });
        let haystacks = entries
            .iter()
            .map(|entry| Haystack::new([entry.name.as_str()]))
            .collect();
        let mut view = Self {
            entries,
            haystacks,
            input: String::new(),
            query: Query::default(),
            visible: Vec::new(),
            selected: 0,
        };
        view.refilter();
        view
    }

    pub fn input(&self) -> &str {
        &self.input
    }

    /// Its keys while open: moving, editing its filter line, Enter and Esc.
    pub fn update(&mut self, command: Command) -> NamesAnswer {
        let changed = match command {
            Command::Down => self.move_by(1),
            Command::Up => self.move_by(-1),
            Command::PageDown => self.move_by(10),
            Command::PageUp => self.move_by(-10),
            Command::DeleteChar | Command::DeleteWord | Command::ClearLine => {
                return self.edit(|line| {
                    input::apply(command, line);
                });
            }
            Command::Cancel => return NamesAnswer::Closed,
            Command::Accept => {
                return match self.selected_name() {
                    Some(name) => NamesAnswer::Chosen(name.to_string()),
                    None => NamesAnswer::Closed,
                };
            }
            _ => false,
        };
        NamesAnswer::Open { changed, cut: false }
    }

    /// Text typed or pasted into its filter line.
    pub fn type_text(&mut self, text: &str) -> NamesAnswer {
        self.edit(|line| line.push_str(&input::one_line(text)))
    }

    /// Applies an edit to the filter line, cut to length, and filters again.
    fn edit(&mut self, edit: impl FnOnce(&mut String)) -> NamesAnswer {
        edit(&mut self.input);
        let cut = input::cut_to_limit(&mut self.input);
        self.refilter();
        NamesAnswer::Open { changed: true, cut }
    }

    fn refilter(&mut self) {
        self.query = Query::parse(&self.input);
        let query = &self.query;
        let mut scored: Vec<(i64, usize)> = self
            .haystacks
            .iter()
            .enumerate()
            .filter_map(|(index, haystack)| Some((query.score(haystack)?, index)))
            .collect();
        // People, then places; each best match first, among equals the most mentioned (the
        // entries' own order).
        let entries = &self.entries;
        scored.sort_by(|a, b| {
            (entries[a.1].place.cmp(&entries[b.1].place))
                .then(b.0.cmp(&a.0))
                .then(a.1.cmp(&b.1))
        });
        self.visible = scored.into_iter().map(|(_, index)| index).collect();
        self.selected = 0;
    }

    fn move_by(&mut self, delta: isize) -> bool {
        let last = self.visible.len().saturating_sub(1);
        let before = self.selected;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.selected != before
    }

    /// The names shown, with their counts, in order.
    pub fn visible(&self) -> impl ExactSizeIterator<Item = (&str, usize)> {
        self.visible.iter().map(|&index| {
            let entry = &self.entries[index];
            (entry.name.as_str(), entry.count)
        })
    }

    pub fn selected_position(&self) -> Option<usize> {
        (self.selected < self.visible.len()).then_some(self.selected)
    }

    pub fn selected_name(&self) -> Option<&str> {
        let index = *self.visible.get(self.selected)?;
        Some(self.entries[index].name.as_str())
    }

    /// Whether the name shown at `position` is a place rather than a person.
    pub fn is_place_at(&self, position: usize) -> bool {
        self.visible
            .get(position)
            .is_some_and(|&index| self.entries[index].place)
    }

    /// Character positions of a shown name that the filter matched.
    pub fn highlights(&self, position: usize) -> Vec<usize> {
        match self.visible.get(position) {
            Some(&index) if !self.query.is_empty() => self.query.highlight(&self.haystacks[index], 0),
            _ => Vec::new(),
        }
    }
}
