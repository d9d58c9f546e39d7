//! The user's commands: one table, where each command has its name in the config's `[keys]`
//! table, its default keys, its fixed keys in the line being typed into, and the help it
//! shows. Key bindings, the help overlay and the status line's hints all read it.

use ratatui::crossterm::event::KeyCode;

use crate::key::Key;

/// Which keys apply: the model says, the key translation follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    /// The list and the reading pane: the bindings of the config.
    Browse,
    /// Typing into the filter line, the find line or the names view: keys are text, but
    /// for the line's own fixed keys.
    Input,
    /// The help overlay: its scrolling keys, and any other key closes it.
    Help,
    /// The timeline: the bindings of the config, and ← → Enter Esc fixed, as in a chart.
    Timeline,
}

/// What the table says of one command.
#[derive(Debug)]
pub struct About {
    /// Its name in `[keys]`; `None` for commands whose keys are fixed.
    pub name: Option<&'static str>,
    /// Its keys in the list and the reading pane: defaults the config may replace when the
    /// command is named, fixed otherwise.
    pub keys: &'static [Key],
    /// Its keys in the line being typed into, which are never rebound: typing stays typing.
    pub line_keys: &'static [Key],
    /// What it does, as the help says it.
    pub help: &'static str,
}

macro_rules! commands {
    ($(
        $(#[$doc:meta])*
        $variant:ident {
            $(name: $name:literal,)?
            keys: [$($key:expr),* $(,)?],
            $(line_keys: [$($line_key:expr),* $(,)?],)?
            help: $help:literal $(,)?
        }
    )*) => {
        /// A command the user gives with a key. `Copy`, so that keys map to it cheaply.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $($(#[$doc])* $variant,)*
        }

        impl Command {
            /// Every command, in the order the help lists them.
            pub const ALL: &'static [Command] = &[$(Command::$variant,)*];

            pub fn about(self) -> &'static About {
                match self {
                    $(Command::$variant => const {
                        &About {
                            name: commands!(@name $($name)?),
                            keys: &[$($key),*],
                            line_keys: &[$($($line_key),*)?],
                            help: $help,
                        }
                    },)*
                }
            }
        }
    };
    (@name $name:literal) => { Some($name) };
    (@name) => { None };
}

const ENTER: Key = Key::plain(KeyCode::Enter);
const ESC: Key = Key::plain(KeyCode::Esc);
const DOWN: Key = Key::plain(KeyCode::Down);
const UP: Key = Key::plain(KeyCode::Up);
const PAGE_DOWN: Key = Key::plain(KeyCode::PageDown);
const PAGE_UP: Key = Key::plain(KeyCode::PageUp);

commands! {
    /// Next article, or next line in the reading pane.
    Down {
        name: "down",
        keys: [Key::char('j'), DOWN, Key::ctrl('n')],
        line_keys: [DOWN, Key::ctrl('n')],
        help: "next article, or next line when reading",
    }
    Up {
        name: "up",
        keys: [Key::char('k'), UP, Key::ctrl('p')],
        line_keys: [UP, Key::ctrl('p')],
        help: "previous article, or previous line",
    }
    PageDown {
        name: "page-down",
        keys: [PAGE_DOWN, Key::ctrl('f')],
        line_keys: [PAGE_DOWN],
        help: "page down",
    }
    PageUp {
        name: "page-up",
        keys: [PAGE_UP, Key::ctrl('b')],
        line_keys: [PAGE_UP],
        help: "page up",
    }
    HalfPageDown { name: "half-page-down", keys: [Key::ctrl('d')], help: "half a page down" }
    HalfPageUp { name: "half-page-up", keys: [Key::ctrl('u')], help: "half a page up" }
    Top { name: "top", keys: [Key::char('g'), Key::plain(KeyCode::Home)], help: "first" }
    Bottom { name: "bottom", keys: [Key::char('G'), Key::plain(KeyCode::End)], help: "last" }
    Open {
        name: "open",
        keys: [ENTER, Key::char('l'), Key::plain(KeyCode::Right)],
        help: "open the article",
    }
    /// Back to the list; in the list, clear the filter; dismisses a kept warning first.
    Back {
        name: "back",
        keys: [ESC, Key::char('h'), Key::plain(KeyCode::Left)],
        help: "back to the list; in the list, clear the filter",
    }
    SwitchPane {
        name: "switch-pane",
        keys: [Key::plain(KeyCode::Tab), Key::plain(KeyCode::BackTab)],
        help: "switch pane",
    }
    /// Space and `b`: page the reading pane whichever pane has focus.
    ReaderPageDown { name: "reader-page-down", keys: [Key::char(' ')], help: "page the reading pane down" }
    ReaderPageUp { name: "reader-page-up", keys: [Key::char('b')], help: "page the reading pane up" }
    /// `/`: the filter in the list, find-in-article in the reading pane.
    Filter {
        name: "filter",
        keys: [Key::char('/')],
        help: "filter the list; when reading, find in the article",
    }
    NextHit { name: "next-hit", keys: [Key::char('n')], help: "next hit of the find" }
    PrevHit { name: "prev-hit", keys: [Key::char('N')], help: "previous hit of the find" }
    ToggleRead { name: "toggle-read", keys: [Key::char('m')], help: "mark read / unread" }
    UnreadOnly { name: "unread-only", keys: [Key::char('U')], help: "show only unread articles, or all" }
    ToggleStar { name: "star", keys: [Key::char('s')], help: "star / unstar" }
    StarredOnly { name: "starred-only", keys: [Key::char('S')], help: "show only starred articles, or all" }
    CycleOrder { name: "order", keys: [Key::char('o')], help: "order: newest, oldest, title (or best match)" }
    /// `@`: the names view, of the archive or of the open article when reading.
    Names { name: "names", keys: [Key::char('@')], help: "people and places; Enter filters by name:\"…\"" }
    Timeline {
        name: "timeline",
        keys: [Key::char('t')],
        help: "timeline of the articles shown (j/k or ←/→); Enter filters to a period",
    }
    /// `r`: the articles related to the one selected, in the list; Esc returns.
    Related {
        name: "related",
        keys: [Key::char('r')],
        help: "related articles: shared words and names; Esc returns",
    }
    Pager { name: "pager", keys: [Key::char('e')], help: "open the article in $PAGER" }
    Editor { name: "editor", keys: [Key::char('E')], help: "open the article's file in $EDITOR" }
    /// `w`: the text at the measure (`reader.measure`), or over the pane's full width.
    Measure { name: "measure", keys: [Key::char('w')], help: "text at the measure, or the pane's full width" }
    CopyText { name: "copy-text", keys: [Key::char('y')], help: "copy the article's text (OSC 52, over SSH too)" }
    CopyPath { name: "copy-path", keys: [Key::char('Y')], help: "copy the article's URL, else its path or address" }
    /// `v`: one line per article ⇄ the whole title with its date, source and place.
    Compact { name: "compact", keys: [Key::char('v')], help: "compact list ⇄ whole titles" }
    NarrowList { name: "narrow-list", keys: [Key::char('<')], help: "narrow the list (side by side)" }
    WidenList { name: "widen-list", keys: [Key::char('>')], help: "widen the list (side by side)" }
    Help { name: "help", keys: [Key::char('?')], help: "this help" }
    /// Ctrl-l: paint the whole screen again, for a terminal garbled by something else.
    Redraw { name: "redraw", keys: [Key::ctrl('l')], help: "redraw the screen" }
    /// Bound to `q`; Ctrl-c quits too, whatever the bindings say.
    Quit { name: "quit", keys: [Key::char('q')], help: "quit (Ctrl-c too)" }
    /// Ctrl-z, in every mode.
    Suspend { keys: [Key::ctrl('z')], help: "suspend to the shell; fg comes back" }
    /// Enter in the line: keep the filter (or the find) and go back to the list.
    Accept { keys: [], line_keys: [ENTER], help: "" }
    /// Esc in the line: drop what was typed.
    Cancel { keys: [], line_keys: [ESC], help: "" }
    DeleteChar {
        keys: [],
        line_keys: [Key::plain(KeyCode::Backspace), Key::ctrl('h')],
        help: "",
    }
    DeleteWord { keys: [], line_keys: [Key::ctrl('w')], help: "" }
    ClearLine { keys: [], line_keys: [Key::ctrl('u')], help: "" }
    /// Ctrl-t in the filter line: titles & names ⇄ full text.
    ToggleScope {
        keys: [],
        line_keys: [Key::ctrl('t')],
        help: "",
    }
    /// Any key of the help overlay but its scrolling keys.
    CloseHelp { keys: [], help: "" }
}

impl Command {
    /// The command whose `[keys]` name this is.
    pub fn named(name: &str) -> Option<Command> {
        Command::ALL
            .iter()
            .copied()
            .find(|command| command.about().name == Some(name))
    }

    /// The commands the config can bind, in help order.
    pub fn bindable() -> impl Iterator<Item = Command> {
        Command::ALL
            .iter()
            .copied()
            .filter(|command| command.about().name.is_some())
    }

    /// The command a fixed key of the typing line asks for.
    pub fn on_line(key: Key) -> Option<Command> {
        Command::ALL
            .iter()
            .copied()
            .find(|command| command.about().line_keys.contains(&key))
    }
}

/// The typing line's keys as the help groups them: the commands of a row, what they do.
pub const LINE_HELP: &[(&[Command], &str)] = &[
    (
        &[Command::Accept, Command::Cancel],
        "keep the filter or find / clear it",
    ),
    (&[Command::Down, Command::Up], "move while filtering"),
    (
        &[Command::DeleteWord, Command::ClearLine],
        "delete a word / the whole line",
    ),
    (&[Command::ToggleScope], "search titles & names ⇄ the full text"),
];

/// The filter language, as the help recalls it: not commands, but what the line takes.
pub const FILTER_SYNTAX: &[(&str, &str)] = &[
    ("'word ^word word$", "exact, prefix, suffix"),
    ("!word  a | b", "must not match, either"),
    (
        "date:2021-04 date:2021..2022 date:>2020",
        "a period, a range, after",
    ),
    ("source:vna place:hanoi name:\"tô lâm\"", "one field only"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keys_are_each_used_once() {
        let mut names = std::collections::HashSet::new();
        let mut keys = std::collections::HashSet::new();
        let mut line_keys = std::collections::HashSet::new();
        for command in Command::ALL {
            let about = command.about();
            if let Some(name) = about.name {
                assert!(names.insert(name), "{name} twice");
            }
            for key in about.keys {
                assert!(keys.insert(*key), "{key} bound twice");
            }
            for key in about.line_keys {
                assert!(line_keys.insert(*key), "{key} twice in the line");
            }
        }
    }

    #[test]
    fn every_command_is_reachable_by_name_or_fixed_key() {
        for &command in Command::ALL {
            let about = command.about();
            let reachable = about.name.is_some()
                || !about.keys.is_empty()
                || !about.line_keys.is_empty()
                || command == Command::CloseHelp;
            assert!(reachable, "{command:?}");
            if let Some(name) = about.name {
                assert_eq!(Command::named(name), Some(command));
                assert!(!about.help.is_empty(), "{name} has no help");
            }
        }
    }
}
