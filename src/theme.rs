//! The styles the screen is drawn with: colours, or attributes only when NO_COLOR asks.
//! A leaf: the config reads overrides into it, the UI draws with it.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub selected: Style,
    pub matched: Style,
    pub title: Style,
    pub meta: Style,
    pub caption: Style,
    pub date: Style,
    pub source: Style,
    pub star: Style,
    pub border: Style,
    pub border_focused: Style,
    pub status: Style,
    pub notice: Style,
    pub prompt: Style,
    pub cursor: Style,
}

/// Only the eight basic colours, so the linux console and `screen` show it too.
pub const COLOUR: Theme = Theme {
    selected: Style::new().fg(Color::Black).bg(Color::Cyan),
    matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    title: Style::new().add_modifier(Modifier::BOLD),
    meta: Style::new().fg(Color::Cyan),
    caption: Style::new()
        .add_modifier(Modifier::ITALIC)
        .add_modifier(Modifier::DIM),
    date: Style::new().fg(Color::Green),
    source: Style::new().fg(Color::Magenta),
    star: Style::new().fg(Color::Yellow),
    border: Style::new().add_modifier(Modifier::DIM),
    border_focused: Style::new().fg(Color::Cyan),
    status: Style::new().add_modifier(Modifier::REVERSED),
    notice: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    prompt: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    cursor: Style::new().add_modifier(Modifier::REVERSED),
};

/// NO_COLOR: attributes only; the selection in reverse video.
pub const MONOCHROME: Theme = Theme {
    selected: Style::new().add_modifier(Modifier::REVERSED),
    matched: Style::new()
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::UNDERLINED),
    title: Style::new().add_modifier(Modifier::BOLD),
    meta: Style::new(),
    caption: Style::new().add_modifier(Modifier::ITALIC),
    date: Style::new(),
    source: Style::new(),
    star: Style::new(),
    border: Style::new(),
    border_focused: Style::new().add_modifier(Modifier::BOLD),
    status: Style::new().add_modifier(Modifier::REVERSED),
    notice: Style::new().add_modifier(Modifier::BOLD),
    prompt: Style::new().add_modifier(Modifier::BOLD),
    cursor: Style::new().add_modifier(Modifier::REVERSED),
};

/// NO_COLOR set to anything non-empty means no colours (no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}
