//! What the user asks for, and the key that asks for it in each mode.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::KeyBindings;
use crate::loader::{LoadBatch, Reread};
use crate::ranking::Refined;
use crate::store::ContentKey;

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
    /// `/`: the filter in the list, find-in-article in the reading pane.
    OpenFilter,
    NextHit,
    PrevHit,
    InputChar(char),
    /// Text pasted, or typed faster than it was taken: one edit, one ranking.
    InputText(String),
    InputBackspace,
    InputDeleteWord,
    InputClearLine,
    /// Enter: keep the filter and go back to the list.
    AcceptInput,
    /// Esc: drop the filter.
    CancelInput,
    ToggleHelp,
    CloseHelp,
    /// `m`: read ⇄ unread.
    ToggleRead,
    /// `U`: only unread articles, or all.
    UnreadOnly,
    /// `s`: star ⇄ unstar.
    ToggleStar,
    /// `S`: only starred articles, or all.
    StarredOnly,
    /// `o`: the next order.
    CycleOrder,
    /// `@`: the names view (of the archive, or of the open article when reading).
    OpenNames,
    /// `e` / `E`: the open article in `$PAGER` / `$EDITOR`.
    Page,
    Edit,
    /// `y` / `Y`: the article's text / path to the clipboard.
    CopyText,
    CopyPath,
    /// Ctrl-z.
    Suspend,
    /// A message for the status line, from the event loop.
    Notice(String),
    /// A warning for the status line that stays until dismissed: the marks will not be kept.
    Alert(String),
    /// The open article's file, read again.
    Reread(Reread),
    /// Ctrl-t in the filter line: titles & names ⇄ full text.
    ToggleScope,
    /// The search engine's answer to the full-text search of `generation`, best first.
    FullTextFound {
        generation: u64,
        keys: Vec<ContentKey>,
    },
    /// The full-text index is in line with the archive, or could not be.
    Indexed(Result<(), String>),
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

impl Action {
    /// A key the user pressed, rather than news from the terminal or a background thread:
    /// only a key clears the status line's last message.
    pub fn is_from_user(&self) -> bool {
        !matches!(
            self,
            Action::Resize { .. }
                | Action::Loaded(_)
                | Action::Refined(_)
                | Action::FullTextFound { .. }
                | Action::Indexed(_)
                | Action::Reread(_)
                | Action::Notice(_)
                | Action::Alert(_)
        )
    }
}

/// Which key map applies: the model says, the key translation follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    Browse,
    /// Typing into the filter line or the find line.
    Input,
    Help,
}

/// What each bindable action does, by its name in the `[keys]` table, in help order.
pub const ACTION_HELP: &[(&str, &str)] = &[
    ("down", "next article, or next line when reading"),
    ("up", "previous article, or previous line"),
    ("page-down", "page down"),
    ("page-up", "page up"),
    ("half-page-down", "half a page down"),
    ("half-page-up", "half a page up"),
    ("top", "first"),
    ("bottom", "last"),
    ("open", "open the article"),
    (
        "back",
        "dismiss a warning, or back to the list; in the list, clear the filter",
    ),
    ("switch-pane", "switch pane"),
    ("reader-page-down", "page the reading pane down"),
    ("reader-page-up", "page the reading pane up"),
    ("filter", "filter the list; when reading, find in the article"),
    ("next-hit", "next hit of the find"),
    ("prev-hit", "previous hit of the find"),
    ("toggle-read", "mark read / unread"),
    ("unread-only", "show only unread articles, or all"),
    ("star", "star / unstar"),
    ("starred-only", "show only starred articles, or all"),
    ("order", "order: newest, oldest, title (or best match)"),
    ("names", "people and places; Enter lists their articles"),
    ("pager", "open the article in $PAGER"),
    ("editor", "open the article's file in $EDITOR"),
    ("copy-text", "copy the article's text (OSC 52, over SSH too)"),
    ("copy-path", "copy the article's path"),
    ("help", "this help"),
    ("redraw", "redraw the screen"),
    ("quit", "quit (Ctrl-c too)"),
];

/// The filter and find lines' keys, which are not rebindable: typing must stay typing.
pub const FILTER_KEY_HELP: &[(&str, &str)] = &[
    ("'word ^word word$", "exact, prefix, suffix"),
    ("!word  a | b", "must not match, either"),
    ("Enter  Esc", "keep the filter or find / clear it"),
    ("↓ ↑ Ctrl-n Ctrl-p", "move while filtering"),
    ("Ctrl-w Ctrl-u", "delete a word / the whole filter"),
    ("Ctrl-t", "search titles & names ⇄ the full text"),
    ("Ctrl-z", "suspend to the shell; fg comes back"),
];

/// The action a `[keys]` name stands for; `None` for names of features not built yet.
pub fn named_action(name: &str) -> Option<Action> {
    let action = match name {
        "down" => Action::Down,
        "up" => Action::Up,
        "page-down" => Action::PageDown,
        "page-up" => Action::PageUp,
        "half-page-down" => Action::HalfPageDown,
        "half-page-up" => Action::HalfPageUp,
        "top" => Action::Top,
        "bottom" => Action::Bottom,
        "open" => Action::Open,
        "back" => Action::Back,
        "switch-pane" => Action::SwitchPane,
        "reader-page-down" => Action::ReaderPageDown,
        "reader-page-up" => Action::ReaderPageUp,
        "filter" => Action::OpenFilter,
        "help" => Action::ToggleHelp,
        "redraw" => Action::Redraw,
        "next-hit" => Action::NextHit,
        "prev-hit" => Action::PrevHit,
        "toggle-read" => Action::ToggleRead,
        "unread-only" => Action::UnreadOnly,
        "star" => Action::ToggleStar,
        "starred-only" => Action::StarredOnly,
        "order" => Action::CycleOrder,
        "names" => Action::OpenNames,
        "pager" => Action::Page,
        "editor" => Action::Edit,
        "copy-text" => Action::CopyText,
        "copy-path" => Action::CopyPath,
        "quit" => Action::Quit,
        _ => return None,
    };
    Some(action)
}

/// Ctrl-c quits in every mode, whatever the bindings say.
pub fn action_for_key(mode: KeyMode, key: KeyEvent, bindings: &KeyBindings) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    if ctrl && matches!(key.code, KeyCode::Char('z')) {
        return Some(Action::Suspend);
    }
    match mode {
        KeyMode::Help => Some(match key.code {
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
            KeyCode::PageUp | KeyCode::Char('b') => Action::PageUp,
            _ => Action::CloseHelp,
        }),
        KeyMode::Input => filter_action(key, ctrl),
        KeyMode::Browse => bindings.action(&key).and_then(named_action),
    }
}

fn filter_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    let action = match key.code {
        KeyCode::Char('w') if ctrl => Action::InputDeleteWord,
        KeyCode::Char('u') if ctrl => Action::InputClearLine,
        KeyCode::Char('n') if ctrl => Action::Down,
        KeyCode::Char('p') if ctrl => Action::Up,
        KeyCode::Char('h') if ctrl => Action::InputBackspace,
        KeyCode::Char('t') if ctrl => Action::ToggleScope,
        KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => return None,
        KeyCode::Char(c) => Action::InputChar(c),
        KeyCode::Backspace => Action::InputBackspace,
        KeyCode::Enter => Action::AcceptInput,
        KeyCode::Esc => Action::CancelInput,
        KeyCode::Down => Action::Down,
        KeyCode::Up => Action::Up,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        _ => return None,
    };
    Some(action)
}
