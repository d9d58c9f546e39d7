//! How an article stands in the list: its whole title, wrapped over up to two lines and cut
//! with `…` only past that, then a line with its date, source and place; or one line each in
//! the compact list. The model pages by these heights and the screen draws these lines, so
//! the two always agree.

use unicode_width::UnicodeWidthChar;

use crate::article::Article;

/// Lines a title may take before it is cut.
pub const TITLE_LINES: usize = 2;
/// Columns before the title: `★ ` for a starred article.
pub const MARK_COLUMNS: usize = 2;

/// How the list shows its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// The whole title, then the date, source and place.
    Full,
    /// One line per article.
    Compact,
    /// Full-text results: the title, then the snippet of the hit.
    Snippets,
}

/// One line of a wrapped title: its text and the index, in chars, where it starts in the
/// title, so that matched characters can be found on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleLine {
    pub text: String,
    pub start: usize,
}

/// `title` in lines of at most `width` columns, at most `max_lines` of them, broken between
/// words (inside a word only when it is wider than a line); the last ends in `…` when the
/// title goes on.
pub fn wrap_title(title: &str, width: usize, max_lines: usize) -> Vec<TitleLine> {
    let chars: Vec<char> = title.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() && lines.len() < max_lines && width > 0 {
        let last_line = lines.len() + 1 == max_lines;
        let (end, next) = line_end(&chars, start, width);
        let goes_on = next < chars.len();
        let text = if last_line && goes_on {
            cut_with_ellipsis(&chars[start..], width)
        } else {
            chars[start..end].iter().collect()
        };
        lines.push(TitleLine { text, start });
        start = next;
    }
    lines
}

/// The rows an article takes in the list.
pub fn height(article: &Article, width: usize, rows: Rows) -> usize {
    match rows {
        Rows::Compact => 1,
        Rows::Snippets | Rows::Full => {
            let title_width = width.saturating_sub(MARK_COLUMNS);
            wrap_title(&article.title, title_width, TITLE_LINES).len().max(1) + 1
        }
    }
}

/// The line under a title: `2021-04-05 · VNA · Hanoï`, what of it is known.
pub fn meta_line(article: &Article) -> String {
    let date = article.date.map(|date| date.to_string());
    [
        date.as_deref(),
        article.source.as_deref(),
        article.place.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// Where the line starting at `start` ends (exclusive) and where the next one starts: after
/// the last space that lets the words fit, or at the width inside a word wider than a line.
fn line_end(chars: &[char], start: usize, width: usize) -> (usize, usize) {
    let mut used = 0;
    let mut last_break = None;
    for (at, &c) in chars.iter().enumerate().skip(start) {
        let char_width = c.width().unwrap_or(0);
        if used + char_width > width {
            return match last_break {
                Some(space) => (space, skip_spaces(chars, space)),
                None => (at.max(start + 1), at.max(start + 1)),
            };
        }
        if c == ' ' {
            last_break = Some(at);
        }
        used += char_width;
    }
    (chars.len(), chars.len())
}

fn skip_spaces(chars: &[char], from: usize) -> usize {
    chars[from..]
        .iter()
        .position(|&c| c != ' ')
        .map_or(chars.len(), |offset| from + offset)
}

/// As much of `chars` as fits in `width` columns with a final `…`, cut after a word where
/// one ends in the last third of the line.
fn cut_with_ellipsis(chars: &[char], width: usize) -> String {
    let budget = width.saturating_sub(1);
    let mut used = 0;
    let mut end = 0;
    for (at, &c) in chars.iter().enumerate() {
        let char_width = c.width().unwrap_or(0);
        if used + char_width > budget {
            break;
        }
        used += char_width;
        end = at + 1;
    }
    let word_end = chars[..end]
        .iter()
        .rposition(|&c| c == ' ')
        .filter(|&space| space * 3 >= end * 2);
    let kept: String = chars[..word_end.unwrap_or(end)].iter().collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[TitleLine]) -> Vec<&str> {
        lines.iter().map(|line| line.text.as_str()).collect()
    }

    #[test]
    fn a_short_title_takes_one_line() {
        assert_eq!(texts(&wrap_title("Tô Lâm à Moscou", 40, 2)), ["Tô Lâm à Moscou"]);
    }

    #[test]
    fn a_long_title_wraps_between_words_and_is_cut_only_past_two_lines() {
        let title = "Le secrétaire général Tô Lâm achève sa visite officielle en Russie et rencontre Vladimir Poutine";
        let lines = wrap_title(title, 40, 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "Le secrétaire général Tô Lâm achève sa");
        assert_eq!(
            lines[1].start,
            "Le secrétaire général Tô Lâm achève sa ".chars().count()
        );
        assert!(lines[1].text.ends_with('…'), "{:?}", lines[1].text);
        assert!(lines.iter().all(|line| line.text.chars().count() <= 40));
        let whole = wrap_title(title, 60, 2);
        assert!(!whole[1].text.ends_with('…'), "fits in two lines of 60");
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken() {
        let lines = wrap_title("Anticonstitutionnellement", 10, 3);
        assert_eq!(texts(&lines), ["Anticonsti", "tutionnell", "ement"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let lines = wrap_title("東京 東京 東京", 6, 2);
        assert_eq!(
            texts(&lines),
            ["東京", "東京…"],
            "4 columns a line and its ellipsis"
        );
    }
}
