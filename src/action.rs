//! What the user asks for, and the key that asks for it in each mode.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::article::Article;
use crate::loader::LoadWarning;
use crate::search::Refined;

/// Articles read by the background loader, delivered in batches.
#[derive(Debug, Default)]
pub struct LoadBatch {
    pub articles: Vec<Article>,
    pub warnings: Vec<LoadWarning>,
    /// The last batch: loading is over.
    pub done: bool,
}

#[derive(Debug)]
pub enum Action {
    /// Next row in the list, or next line in the reading pane.
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    Open,
    Back,
    SwitchPane,
    /// Space and `b`: page the reading pane whichever pane has focus.
    ReaderPageDown,
    ReaderPageUp,
    OpenFilter,
    FilterChar(char),
    FilterBackspace,
    FilterDeleteWord,
    FilterClearLine,
    /// Enter: keep the filter and go back to the list.
    AcceptFilter,
    /// Esc: drop the filter.
    ClearFilter,
    ToggleHelp,
    CloseHelp,
    /// Ctrl-l: paint the whole screen again, for a terminal garbled by something else.
    Redraw,
    Quit,
    Resize {
        width: u16,
        height: u16,
    },
    Loaded(LoadBatch),
    /// The background ranker's better ranking of the current matches.
    Refined(Refined),
}

/// Which key map applies: the model says, the key translation follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    Browse,
    Filter,
    Help,
}

/// Every key, as the help overlay and the README list them.
pub const KEY_HELP: &[(&str, &str)] = &[
    ("j ↓  k ↑", "next / previous article, or line when reading"),
    ("PgDn PgUp Ctrl-f Ctrl-b", "page down / up"),
    ("Ctrl-d Ctrl-u", "half a page down / up"),
    ("g Home  G End", "first / last"),
    ("Enter l →", "open the article"),
    ("Esc h ←", "back to the list; in the list, clear the filter"),
    ("Tab", "switch pane"),
    ("Space  b", "page the reading pane down / up"),
    ("/", "filter titles and names (fzf syntax)"),
    ("  'word ^word word$", "exact, prefix, suffix"),
    ("  !word  a | b", "must not match, either"),
    ("  Enter  Esc", "keep the filter / clear it"),
    ("  ↓ ↑ Ctrl-n Ctrl-p", "move while filtering"),
    ("  Ctrl-w Ctrl-u", "delete a word / the whole filter"),
    ("?", "this help"),
    ("Ctrl-l", "redraw the screen"),
    ("q  Ctrl-c", "quit"),
];

pub fn action_for_key(mode: KeyMode, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    match mode {
        KeyMode::Help => Some(Action::CloseHelp),
        KeyMode::Filter => filter_action(key, ctrl),
        KeyMode::Browse => browse_action(key, ctrl),
    }
}

fn filter_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    let action = match key.code {
        KeyCode::Char('w') if ctrl => Action::FilterDeleteWord,
        KeyCode::Char('u') if ctrl => Action::FilterClearLine,
        KeyCode::Char('n') if ctrl => Action::Down,
        KeyCode::Char('p') if ctrl => Action::Up,
        KeyCode::Char('h') if ctrl => Action::FilterBackspace,
        KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => return None,
        KeyCode::Char(c) => Action::FilterChar(c),
        KeyCode::Backspace => Action::FilterBackspace,
        KeyCode::Enter => Action::AcceptFilter,
        KeyCode::Esc => Action::ClearFilter,
        KeyCode::Down => Action::Down,
        KeyCode::Up => Action::Up,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        _ => return None,
    };
    Some(action)
}

fn browse_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    let action = match key.code {
        KeyCode::Char('d') if ctrl => Action::HalfPageDown,
        KeyCode::Char('u') if ctrl => Action::HalfPageUp,
        KeyCode::Char('f') if ctrl => Action::PageDown,
        KeyCode::Char('b') if ctrl => Action::PageUp,
        KeyCode::Char('n') if ctrl => Action::Down,
        KeyCode::Char('p') if ctrl => Action::Up,
        KeyCode::Char('l') if ctrl => Action::Redraw,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::Char('l') | KeyCode::Right | KeyCode::Enter => Action::Open,
        KeyCode::Char('h') | KeyCode::Left | KeyCode::Esc => Action::Back,
        KeyCode::Tab | KeyCode::BackTab => Action::SwitchPane,
        KeyCode::Char(' ') => Action::ReaderPageDown,
        KeyCode::Char('b') => Action::ReaderPageUp,
        KeyCode::Char('/') => Action::OpenFilter,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    };
    Some(action)
}
