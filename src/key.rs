//! A key press as bindings compare them: parsed from the config's spelling (`ctrl-d`,
//! `G`, `pagedown`), shown as the help spells it (`Ctrl-d`, `G`, `PgDn`).

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key press as bindings compare them: the modifiers that matter, spelled one way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Folds the spellings a terminal may send for one key into one: `G` arrives with
    /// SHIFT or without it, Ctrl-D is Ctrl-d to a terminal, Shift-Tab may be Tab+SHIFT.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
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
    pub fn parse(spec: &str) -> Result<Key, String> {
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

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// Ctrl-c quits whatever the bindings say, so that a bad config can never trap the user.
    pub fn is_ctrl_c(&self) -> bool {
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
