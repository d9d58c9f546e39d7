//! The `[theme]` table: which built-in theme, the style strings that override its
//! elements, and the theme they make together with NO_COLOR.

use std::collections::BTreeMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::Spanned;

use super::Problem;
use crate::theme::{self, Theme};

/// The built-in theme the overrides start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Colour,
    Monochrome,
}

/// One element of the screen given its own style by the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Override {
    /// A field of `Theme`, as `ELEMENTS` names it.
    pub element: &'static str,
    pub style: Style,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ThemeConfig {
    pub name: ThemeName,
    pub overrides: Vec<Override>,
}

type Slot = fn(&mut Theme) -> &mut Style;

/// The fields of `Theme` by the names the config file gives them.
const ELEMENTS: &[(&str, Slot)] = &[
    ("selected", |theme| &mut theme.selected),
    ("matched", |theme| &mut theme.matched),
    ("title", |theme| &mut theme.title),
    ("meta", |theme| &mut theme.meta),
    ("caption", |theme| &mut theme.caption),
    ("date", |theme| &mut theme.date),
    ("source", |theme| &mut theme.source),
    ("star", |theme| &mut theme.star),
    ("border", |theme| &mut theme.border),
    ("border_focused", |theme| &mut theme.border_focused),
    ("status", |theme| &mut theme.status),
    ("notice", |theme| &mut theme.notice),
    ("prompt", |theme| &mut theme.prompt),
    ("cursor", |theme| &mut theme.cursor),
];

impl ThemeConfig {
    /// The theme to draw with. With `no_color` (NO_COLOR set, which always wins) it is the
    /// monochrome theme, and overrides lend it their attributes but never their colours;
    /// an override that names only colours leaves the monochrome style as it is.
    pub fn theme(&self, no_color: bool) -> Theme {
        let mut theme = match (no_color, self.name) {
            (false, ThemeName::Colour) => theme::COLOUR,
            _ => theme::MONOCHROME,
        };
        for Override { element, style } in &self.overrides {
            let Some(&(_, slot)) = ELEMENTS.iter().find(|(name, _)| name == element) else {
                continue;
            };
            let colour_only = style.add_modifier.is_empty() && *style != Style::new();
            *slot(&mut theme) = match no_color {
                false => *style,
                true if colour_only => continue,
                true => Style::new().add_modifier(style.add_modifier),
            };
        }
        theme
    }

    /// The `[theme]` table read, or its first problem in file order.
    pub(super) fn from_table(
        table: &BTreeMap<Spanned<String>, Spanned<String>>,
    ) -> Result<ThemeConfig, Problem> {
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        let mut config = ThemeConfig::default();
        for (key, value) in entries {
            if key.get_ref() == "name" {
                config.name = match value.get_ref().as_str() {
                    "colour" => ThemeName::Colour,
                    "monochrome" => ThemeName::Monochrome,
                    other => {
                        return Err(Problem::new(
                            value.span(),
                            format!("unknown theme `{other}`: it is \"colour\" or \"monochrome\""),
                        ));
                    }
                };
                continue;
            }
            let Some(&(element, _)) = ELEMENTS.iter().find(|(name, _)| name == key.get_ref()) else {
                return Err(Problem::new(
                    key.span(),
                    format!("unknown key `{}` in [theme]", key.get_ref()),
                ));
            };
            let style = parse_style(value.get_ref()).map_err(|problem| {
                Problem::new(value.span(), format!("bad style for `{element}`: {problem}"))
            })?;
            config.overrides.push(Override { element, style });
        }
        Ok(config)
    }
}

/// `"black on cyan"`, `"yellow bold"`, `"#ff8800 on 236"`, `"none"`: a colour, `on` a
/// background colour, attributes, in any order.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    match text.trim().to_ascii_lowercase().as_str() {
        "none" => return Ok(style),
        "" => return Err("empty style; \"none\" is the plain style".to_owned()),
        _ => {}
    }
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        if let Some(modifier) = modifier(word) {
            style = style.add_modifier(modifier);
        } else if word.eq_ignore_ascii_case("on") {
            let colour = words
                .next()
                .ok_or_else(|| format!("`on` needs a colour after it in \"{text}\""))?;
            if style.bg.is_some() {
                return Err(format!("two background colours in \"{text}\""));
            }
            style = style.bg(parse_colour(colour)?);
        } else {
            if style.fg.is_some() {
                return Err(format!(
                    "two colours in \"{text}\"; `on` goes before a background"
                ));
            }
            style = style.fg(parse_colour(word)?);
        }
    }
    Ok(style)
}

fn modifier(word: &str) -> Option<Modifier> {
    let modifier = match word.to_ascii_lowercase().as_str() {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" => Modifier::UNDERLINED,
        "reversed" => Modifier::REVERSED,
        _ => return None,
    };
    Some(modifier)
}

fn parse_colour(word: &str) -> Result<Color, String> {
    Color::from_str(word).map_err(|_| {
        format!(
            "unknown colour or attribute `{word}` \
             (a colour name, #rrggbb, 0–255; bold dim italic underlined reversed)"
        )
    })
}
