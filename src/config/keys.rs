//! Key bindings: the `[keys]` table of the config file, and which command a key press asks
//! for in each mode.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::command::{Command, FILTER_SYNTAX, KeyMode, LINE_HELP};
use crate::key::Key;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use super::Problem;

/// The names of every command a key can be bound to, in the order the help lists them.
pub fn actions() -> impl Iterator<Item = &'static str> {
    Command::bindable().filter_map(|command| command.about().name)
}

/// Which keys ask for which command in the list and the reading pane. Ctrl-c, which always
/// quits, and Ctrl-z are not here: no binding can take them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBindings {
    /// Each bindable command with its keys, in help order.
    bound: Vec<(Command, Vec<Key>)>,
    /// The same, by key, for the keystroke's lookup.
    by_key: HashMap<Key, Command>,
}

impl Default for KeyBindings {
    fn default() -> KeyBindings {
        KeyBindings::from_bound(
            Command::bindable()
                .map(|command| (command, command.about().keys.to_vec()))
                .collect(),
        )
    }
}

/// What a key press is in a mode: a command, or a character typed into a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Command(Command),
    Char(char),
}

impl KeyBindings {
    fn from_bound(bound: Vec<(Command, Vec<Key>)>) -> KeyBindings {
        let by_key = bound
            .iter()
            .flat_map(|(command, keys)| keys.iter().map(move |&key| (key, *command)))
            .collect();
        KeyBindings { bound, by_key }
    }

    /// The command bound to this key press in the list and the reading pane, if any.
    pub fn command(&self, key: &KeyEvent) -> Option<Command> {
        self.by_key.get(&Key::from_event(key)).copied()
    }

    /// The keys bound to `command`, as the help shows them (`j`, `↓`, `Ctrl-n`); a command
    /// with fixed keys has those.
    pub fn keys_for(&self, command: Command) -> Vec<String> {
        let keys = match self.bound.iter().find(|(bound, _)| *bound == command) {
            Some((_, keys)) => keys.as_slice(),
            None => command.about().keys,
        };
        keys.iter().map(Key::to_string).collect()
    }

    /// What a key press asks for in `mode`. Ctrl-c quits and Ctrl-z suspends in every mode.
    pub fn translate(&self, mode: KeyMode, event: &KeyEvent) -> Option<Input> {
        let key = Key::from_event(event);
        if key.is_ctrl_c() {
            return Some(Input::Command(Command::Quit));
        }
        if key == Key::ctrl('z') {
            return Some(Input::Command(Command::Suspend));
        }
        let command = match mode {
            KeyMode::Browse => self.command(event)?,
            KeyMode::Help => match self.command(event) {
                Some(command @ (Command::Down | Command::Up | Command::PageDown | Command::PageUp)) => {
                    command
                }
                Some(Command::ReaderPageDown) => Command::PageDown,
                Some(Command::ReaderPageUp) => Command::PageUp,
                _ => Command::CloseHelp,
            },
            KeyMode::Timeline => match event.code {
                KeyCode::Left => Command::Up,
                KeyCode::Right => Command::Down,
                KeyCode::Enter => Command::Accept,
                KeyCode::Esc => Command::Cancel,
                _ => self.command(event)?,
            },
            KeyMode::Input => match (Command::on_line(key), event.code) {
                (Some(command), _) => command,
                (None, KeyCode::Char(c))
                    if !event
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    return Some(Input::Char(c));
                }
                (None, _) => return None,
            },
        };
        Some(Input::Command(command))
    }

    /// The help overlay's rows, keys then what they do: every bound command, then the
    /// filter's syntax and the typing line's keys.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Command::ALL
            .iter()
            .filter(|command| !command.about().help.is_empty())
            .map(|&command| (self.keys_for(command).join(" "), command.about().help))
            .filter(|(keys, _)| !keys.is_empty())
            .collect();
        rows.push((String::new(), "while filtering:"));
        rows.extend(
            FILTER_SYNTAX
                .iter()
                .map(|&(keys, what)| (format!("  {keys}"), what)),
        );
        rows.extend(LINE_HELP.iter().map(|&(commands, what)| {
            let keys: Vec<String> = commands
                .iter()
                .flat_map(|command| command.about().line_keys)
                .map(Key::to_string)
                .collect();
            (format!("  {}", keys.join(" ")), what)
        }));
        rows
    }

    /// The defaults with the `[keys]` table's bindings in place of theirs, or the first
    /// problem in file order: an unknown action or key, or a key bound to two actions.
    pub(super) fn from_table(
        table: &BTreeMap<Spanned<String>, Spanned<KeyList>>,
    ) -> Result<KeyBindings, Problem> {
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(action, _)| action.span().start);
        let file_bindings = entries
            .into_iter()
            .map(|(action, keys)| parse_binding(action, keys))
            .collect::<Result<Vec<_>, Problem>>()?;

        let defaults = KeyBindings::default();
        let mut bound_to: HashMap<Key, Command> = defaults
            .by_key
            .iter()
            .filter(|(_, command)| !file_bindings.iter().any(|(bound, _)| bound == *command))
            .map(|(&key, &command)| (key, command))
            .collect();
        for &(command, ref keys) in &file_bindings {
            for (span, spec, key) in keys {
                if let Some(other) = bound_to.insert(*key, command)
                    && other != command
                {
                    return Err(Problem::new(
                        span.clone(),
                        format!(
                            "`{spec}` is bound to both `{}` and `{}`",
                            name_of(other),
                            name_of(command)
                        ),
                    ));
                }
            }
        }

        let mut bound = defaults.bound;
        for (command, keys) in &mut bound {
            if let Some((_, new_keys)) = file_bindings.iter().find(|(named, _)| named == command) {
                keys.clear();
                for &(_, _, key) in new_keys {
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
        }
        Ok(KeyBindings::from_bound(bound))
    }
}

/// A bindable command's name in `[keys]`.
fn name_of(command: Command) -> &'static str {
    command.about().name.unwrap_or_default()
}

/// One `action = keys` line: the command it names, and each key with its span and
/// spelling, for the messages about it.
type ParsedBinding<'a> = (Command, Vec<(Range<usize>, &'a str, Key)>);

fn parse_binding<'a>(
    action: &Spanned<String>,
    keys: &'a Spanned<KeyList>,
) -> Result<ParsedBinding<'a>, Problem> {
    let command = Command::named(action.get_ref()).ok_or_else(|| {
        Problem::new(
            action.span(),
            format!(
                "unknown action `{}` in [keys] (`liseuse --print-config` lists them)",
                action.get_ref()
            ),
        )
    })?;
    let name = name_of(command);
    let mut parsed = Vec::new();
    for (span, spec) in keys.get_ref().specs(keys.span()) {
        let key = Key::parse(spec).map_err(|problem| Problem::new(span.clone(), problem))?;
        if key.is_ctrl_c() && command != Command::Quit {
            return Err(Problem::new(
                span,
                format!("`{spec}` always quits; it cannot be bound to `{name}`"),
            ));
        }
        parsed.push((span, spec, key));
    }
    Ok((command, parsed))
}

/// An action's value in `[keys]`: one key, or a list of them, each with its place in the
/// file so that a bad one is reported on its own line.
#[derive(Debug)]
pub(super) enum KeyList {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl KeyList {
    /// Each key spec with its span; a lone key's span is the whole value's.
    fn specs(&self, span: Range<usize>) -> Vec<(Range<usize>, &str)> {
        match self {
            KeyList::One(spec) => vec![(span, spec.as_str())],
            KeyList::Many(specs) => specs
                .iter()
                .map(|spec| (spec.span(), spec.get_ref().as_str()))
                .collect(),
        }
    }
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeyList, D::Error> {
        struct KeyListVisitor;

        impl<'de> Visitor<'de> for KeyListVisitor {
            type Value = KeyList;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key or a list of keys")
            }

            fn visit_str<E: de::Error>(self, spec: &str) -> Result<KeyList, E> {
                Ok(KeyList::One(spec.to_owned()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
                let mut specs = Vec::new();
                while let Some(spec) = seq.next_element()? {
                    specs.push(spec);
                }
                Ok(KeyList::Many(specs))
            }
        }

        deserializer.deserialize_any(KeyListVisitor)
    }
}
