//! Key bindings: the key syntax of the config file, the default keys, and which action a
//! key press asks for.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use super::Problem;

/// A key press as bindings compare them: the modifiers that matter, spelled one way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Folds the spellings a terminal may send for one key into one: `G` arrives with
    /// SHIFT or without it, Ctrl-D is Ctrl-d to a terminal, Shift-Tab may be Tab+SHIFT.
    fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let meaningful = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        let mut modifiers = modifiers & meaningful;
        let code = match code {
            KeyCode::Char(c) => {
                let shifted = modifiers.contains(KeyModifiers::SHIFT);
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(if modifiers.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else if shifted {
                    uppercase(c).unwrap_or(c)
                } else {
                    c
                })
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        if code == KeyCode::BackTab {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key { code, modifiers }
    }

    /// `"j"`, `"G"`, `"ctrl-d"`, `"shift-tab"`, `"f5"`, `"space"`…; the error says why not.
    fn parse(spec: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = spec;
        while let Some((prefix, after)) = rest.split_once('-') {
            // `-` and `ctrl--` name the minus key itself.
            if after.is_empty() {
                break;
            }
            modifiers |= match prefix.to_ascii_lowercase().as_str() {
                "ctrl" => KeyModifiers::CONTROL,
                "alt" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => break,
            };
            rest = after;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(format!("empty key `{spec}`")),
            (Some(c), None) => KeyCode::Char(c),
            _ => named_key(rest).ok_or_else(|| format!("unknown key `{spec}`"))?,
        };
        if let KeyCode::Char(c) = code
            && modifiers == KeyModifiers::SHIFT
            && !c.is_alphabetic()
        {
            return Err(format!(
                "`{spec}`: write the shifted character itself (\"?\", not \"shift-/\")"
            ));
        }
        Ok(Key::new(code, modifiers))
    }

    fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// Ctrl-c quits whatever the bindings say, so that a bad config can never trap the user.
    fn is_ctrl_c(&self) -> bool {
        *self == Key::ctrl('c')
    }
}

/// The one-character uppercase form of a letter that has one.
fn uppercase(c: char) -> Option<char> {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if u != c => Some(u),
        _ => None,
    }
}

fn named_key(name: &str) -> Option<KeyCode> {
    let name = name.to_ascii_lowercase();
    let code = match name.as_str() {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "delete" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        _ => {
            let number = name.strip_prefix('f')?.parse::<u8>().ok()?;
            return (1..=12).contains(&number).then_some(KeyCode::F(number));
        }
    };
    Some(code)
}

/// How the help overlay shows a key: `j`, `↓`, `Ctrl-d`, `PgDn`, `Shift-Tab`.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (modifier, name) in [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ] {
            if self.modifiers.contains(modifier) {
                f.write_str(name)?;
            }
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(number) => write!(f, "F{number}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            other => write!(f, "{other}"),
        }
    }
}

/// Every browse-mode action, in the order the help shows them, with its default keys.
const DEFAULTS: &[(&str, &[Key])] = &[
    (
        "down",
        &[Key::char('j'), Key::plain(KeyCode::Down), Key::ctrl('n')],
    ),
    ("up", &[Key::char('k'), Key::plain(KeyCode::Up), Key::ctrl('p')]),
    ("page-down", &[Key::plain(KeyCode::PageDown), Key::ctrl('f')]),
    ("page-up", &[Key::plain(KeyCode::PageUp), Key::ctrl('b')]),
    ("half-page-down", &[Key::ctrl('d')]),
    ("half-page-up", &[Key::ctrl('u')]),
    ("top", &[Key::char('g'), Key::plain(KeyCode::Home)]),
    ("bottom", &[Key::char('G'), Key::plain(KeyCode::End)]),
    (
        "open",
        &[
            Key::plain(KeyCode::Enter),
            Key::char('l'),
            Key::plain(KeyCode::Right),
        ],
    ),
    (
        "back",
        &[
            Key::plain(KeyCode::Esc),
            Key::char('h'),
            Key::plain(KeyCode::Left),
        ],
    ),
    (
        "switch-pane",
        &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::BackTab)],
    ),
    ("reader-page-down", &[Key::char(' ')]),
    ("reader-page-up", &[Key::char('b')]),
    ("filter", &[Key::char('/')]),
    ("help", &[Key::char('?')]),
    ("quit", &[Key::char('q')]),
    ("redraw", &[Key::ctrl('l')]),
    ("toggle-read", &[Key::char('m')]),
    ("unread-only", &[Key::char('U')]),
    ("star", &[Key::char('s')]),
    ("starred-only", &[Key::char('S')]),
    ("order", &[Key::char('o')]),
    ("names", &[Key::char('@')]),
    ("pager", &[Key::char('e')]),
    ("editor", &[Key::char('E')]),
    ("copy-text", &[Key::char('y')]),
    ("copy-path", &[Key::char('Y')]),
    ("next-hit", &[Key::char('n')]),
    ("prev-hit", &[Key::char('N')]),
];

/// The names of every action a key can be bound to, in the order the help lists them.
pub fn actions() -> impl Iterator<Item = &'static str> {
    DEFAULTS.iter().map(|&(action, _)| action)
}

/// Which keys ask for which browse-mode action. Ctrl-c, which always quits, is not here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBindings {
    /// In the order of `DEFAULTS`; a handful of keys per action, so a scan is quick.
    bindings: Vec<(&'static str, Vec<Key>)>,
}

impl Default for KeyBindings {
    fn default() -> KeyBindings {
        KeyBindings {
            bindings: DEFAULTS
                .iter()
                .map(|&(action, keys)| (action, keys.to_vec()))
                .collect(),
        }
    }
}

impl KeyBindings {
    /// The action bound to this key press, if any.
    pub fn action(&self, key: &KeyEvent) -> Option<&'static str> {
        let key = Key::from_event(key);
        self.bindings
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|&(action, _)| action)
    }

    /// The keys bound to `action`, as the help overlay shows them (`j`, `↓`, `Ctrl-n`).
    pub fn keys_for(&self, action: &str) -> Vec<String> {
        self.bindings
            .iter()
            .find(|&&(name, _)| name == action)
            .map(|(_, keys)| keys.iter().map(Key::to_string).collect())
            .unwrap_or_default()
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

        let mut bound_to: HashMap<Key, &'static str> = DEFAULTS
            .iter()
            .filter(|(action, _)| !file_bindings.iter().any(|(name, _)| name == action))
            .flat_map(|&(action, keys)| keys.iter().map(move |&key| (key, action)))
            .collect();
        for &(action, ref keys) in &file_bindings {
            for (span, spec, key) in keys {
                if let Some(other) = bound_to.insert(*key, action)
                    && other != action
                {
                    return Err(Problem::new(
                        span.clone(),
                        format!("`{spec}` is bound to both `{other}` and `{action}`"),
                    ));
                }
            }
        }

        let mut bindings = KeyBindings::default();
        for (action, keys) in &mut bindings.bindings {
            if let Some((_, new_keys)) = file_bindings.iter().find(|(name, _)| name == action) {
                keys.clear();
                for &(_, _, key) in new_keys {
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
        }
        Ok(bindings)
    }
}

/// One `action = keys` line: the action's name as `DEFAULTS` spells it, and each key with
/// its span and spelling, for the messages about it.
type ParsedBinding<'a> = (&'static str, Vec<(Range<usize>, &'a str, Key)>);

fn parse_binding<'a>(
    action: &Spanned<String>,
    keys: &'a Spanned<KeyList>,
) -> Result<ParsedBinding<'a>, Problem> {
    let name = actions().find(|&name| name == action.get_ref()).ok_or_else(|| {
        Problem::new(
            action.span(),
            format!(
                "unknown action `{}` in [keys] (`liseuse --print-config` lists them)",
                action.get_ref()
            ),
        )
    })?;
    let mut parsed = Vec::new();
    for (span, spec) in keys.get_ref().specs(keys.span()) {
        let key = Key::parse(spec).map_err(|problem| Problem::new(span.clone(), problem))?;
        if key.is_ctrl_c() && name != "quit" {
            return Err(Problem::new(
                span,
                format!("`{spec}` always quits; it cannot be bound to `{name}`"),
            ));
        }
        parsed.push((span, spec, key));
    }
    Ok((name, parsed))
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
