//! Terminal safety: turns any text into text that cannot drive the terminal it is drawn on.
//!
//! Escape sequences are removed whole, so their payload (an OSC 52 clipboard write, a
//! window title) never shows up as text either. Other control characters become the
//! visible Unicode control pictures (BEL → `␇`), and invisible characters that reorder or
//! hide text (bidi overrides, zero-width characters, soft hyphens, tags) are removed.
//! A tab becomes one space: article text reflows anyway, and one column keeps widths exact.

use std::borrow::Cow;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// The C1 string terminator; `ESC \` is its 7-bit form.
const C1_ST: char = '\u{9c}';

/// Returns `text` with every escape sequence removed and every other control made visible.
///
/// `'\n'` is the only control character kept as it is.
pub fn sanitize(text: &str) -> String {
    sanitized(text).into_owned()
}

/// Whether `text` is as [`sanitized`] leaves it: what came from a cache, written by
/// another process, must be before it can reach the screen.
pub fn is_sanitized(text: &str) -> bool {
    matches!(sanitized(text), Cow::Borrowed(_))
}

/// [`sanitize`], borrowing `text` when it needs no change, as nearly all text does: clean
/// stretches are found by their bytes and copied whole.
pub fn sanitized(text: &str) -> Cow<'_, str> {
    let Some(first) = next_to_change(text, 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut change = Some(first);
    while let Some(start) = change {
        out.push_str(&text[at..start]);
        at = change_one(text, start, &mut out);
        change = next_to_change(text, at);
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Writes to `out` what the character at `at` becomes (nothing, a picture, a space),
/// skipping the whole sequence it opens, if any; returns where the text resumes.
fn change_one(text: &str, at: usize, out: &mut String) -> usize {
    let Some(c) = text[at..].chars().next() else {
        return text.len();
    };
    let next = at + c.len_utf8();
    match c {
        '\t' => {
            out.push(' ');
            next
        }
        ESC => skip_escape(text, next).unwrap_or_else(|| {
            out.push(control_picture(ESC));
            next
        }),
        '\u{9b}' => skip_csi(text, next),
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_control_string(text, next),
        '\0'..='\u{1f}' | '\u{7f}' => {
            out.push(control_picture(c));
            next
        }
        '\u{80}'..='\u{9f}' => {
            out.push(char::REPLACEMENT_CHARACTER);
            next
        }
        // The rest [`next_to_change`] stops at are hidden characters: dropped.
        _ => next,
    }
}

/// Where, from byte `from` on, the first character that [`sanitize`] changes starts.
fn next_to_change(text: &str, from: usize) -> Option<usize> {
    TO_CHANGE.find(text, from)
}

/// What [`sanitize`] changes: controls but `\n`, and hidden characters. Only ASCII controls
/// and the lead bytes of U+0080–U+00BF, U+0600–U+063F, U+2000–U+2FFF, U+F000–U+FFFF and
/// U+C0000–U+FFFFF can start one.
static TO_CHANGE: RareChars = RareChars::new(
    b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\
      \x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f\xc2\xd8\xe2\xef\xf3",
    |c| c != '\n' && (c.is_control() || is_hidden(c)),
);

/// Characters that are rare in text, found by their first byte: only characters starting
/// with one of a few bytes are decoded, and long clean stretches are passed over a byte at
/// a time. The loader finds whitespace to collapse by the same means.
pub(crate) struct RareChars {
    /// Whether a byte can start a wanted character; every one flagged is ASCII or a lead
    /// byte, so a flagged byte is a character boundary.
    lead_bytes: [bool; 256],
    wanted: fn(char) -> bool,
}

impl RareChars {
    /// `lead_bytes` must hold the first byte of every character `wanted` holds for.
    pub(crate) const fn new(lead_bytes: &[u8], wanted: fn(char) -> bool) -> Self {
        let mut flags = [false; 256];
        let mut index = 0;
        while index < lead_bytes.len() {
            let byte = lead_bytes[index];
            assert!(byte < 0x80 || byte >= 0xc0, "not the first byte of a character");
            flags[byte as usize] = true;
            index += 1;
        }
        RareChars {
            lead_bytes: flags,
            wanted,
        }
    }

    /// Whether `byte` may start a wanted character.
    pub(crate) fn may_start(&self, byte: u8) -> bool {
        self.lead_bytes[usize::from(byte)]
    }

    /// Where, from byte `from` on, the first wanted character starts.
    pub(crate) fn find(&self, text: &str, from: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut at = from;
        while let Some(offset) = bytes
            .get(at..)?
            .iter()
            .position(|&byte| self.lead_bytes[usize::from(byte)])
        {
            at += offset;
            let c = text[at..].chars().next()?;
            if (self.wanted)(c) {
                return Some(at);
            }
            at += c.len_utf8();
        }
        None
    }

    /// Whether every character `wanted` holds for starts with a flagged byte.
    #[cfg(test)]
    pub(crate) fn flags_every_wanted_character(&self) -> bool {
        (char::MIN..=char::MAX)
            .filter(|&c| (self.wanted)(c))
            .all(|c| self.lead_bytes[usize::from(c.encode_utf8(&mut [0; 4]).as_bytes()[0])])
    }
}

/// Like [`sanitize`], for text that must stay on one line (file names, paths, messages):
/// a newline is shown as `␊`.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace('\n', "\u{240a}")
}

/// The Unicode control picture of a C0 control or DEL: `␀`…`␟`, `␡`.
fn control_picture(c: char) -> char {
    let picture = if c == '\u{7f}' {
        0x2421
    } else {
        0x2400 + u32::from(c)
    };
    char::from_u32(picture).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Characters that change how the text around them is shown while showing nothing:
/// bidi marks, embeddings, overrides and isolates, zero-width characters, the word joiner
/// and invisible operators, the byte-order mark, the soft hyphen, and tag characters.
fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Skips the escape sequence whose ESC ends just before `at`; `None` when the ESC starts
/// no sequence (end of text, or a character no terminal would read as one).
fn skip_escape(text: &str, at: usize) -> Option<usize> {
    let after = text[at..].chars().next()?;
    let next = at + after.len_utf8();
    match after {
        '[' => Some(skip_csi(text, next)),
        ']' | 'P' | 'X' | '^' | '_' => Some(skip_control_string(text, next)),
        // `ESC ( B` and the like: intermediate bytes, then one final byte.
        ' '..='/' => {
            let end = skip_while(text, next, |c| matches!(c, ' '..='/'));
            Some(match text[end..].chars().next() {
                Some(last @ '0'..='~') => end + last.len_utf8(),
                _ => end,
            })
        }
        // Two-character sequences: `ESC 7`, `ESC c`, `ESC =`…
        '0'..='~' => Some(next),
        _ => None,
    }
}

/// Skips a CSI sequence's parameter and intermediate bytes and its final byte. A sequence
/// broken by any other character ends there; that character is then read as text.
fn skip_csi(text: &str, at: usize) -> usize {
    let end = skip_while(text, at, |c| matches!(c, ' '..='?'));
    match text[end..].chars().next() {
        Some(last @ '@'..='~') => end + last.len_utf8(),
        _ => end,
    }
}

/// Skips the payload of an OSC, DCS, SOS, PM or APC string and its terminator (BEL, `ESC \`
/// or the C1 ST). An unterminated string ends at the end of its line, so one stray byte
/// cannot swallow the rest of an article; what follows is still sanitized.
fn skip_control_string(text: &str, at: usize) -> usize {
    for (offset, c) in text[at..].char_indices() {
        let here = at + offset;
        match c {
            BEL | C1_ST => return here + c.len_utf8(),
            ESC if text[here + 1..].starts_with('\\') => return here + 2,
            // Any other ESC aborts the string and starts a sequence of its own.
            ESC | '\n' => return here,
            _ => {}
        }
    }
    text.len()
}

fn skip_while(text: &str, at: usize, keep: impl Fn(char) -> bool) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(text.len(), |(offset, _)| at + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_and_newlines_pass_through() {
        assert_eq!(
            sanitize("Hanoï (VNA) –\nLe 5 avril."),
            "Hanoï (VNA) –\nLe 5 avril."
        );
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(sanitize("a\u{1b}[2Jb\u{1b}[1;31mc\u{1b}[0m"), "abc");
        assert_eq!(sanitize("a\u{1b}[?1049hb"), "ab");
    }

    #[test]
    fn c1_csi_is_removed_whole() {
        assert_eq!(sanitize("a\u{9b}2Jb"), "ab");
    }

    #[test]
    fn broken_csi_ends_at_the_first_foreign_character() {
        assert_eq!(sanitize("a\u{1b}[12\nb"), "a\nb");
        assert_eq!(sanitize("a\u{1b}[12"), "a");
    }

    #[test]
    fn osc_is_removed_up_to_bel_or_st() {
        assert_eq!(sanitize("a\u{1b}]52;c;aGVsbG8=\u{7}b"), "ab");
        assert_eq!(sanitize("a\u{1b}]0;title\u{1b}\\b"), "ab");
        assert_eq!(sanitize("a\u{9d}0;title\u{9c}b"), "ab");
    }

    #[test]
    fn unterminated_osc_ends_at_the_line() {
        assert_eq!(sanitize("a\u{1b}]0;title\nb"), "a\nb");
        assert_eq!(sanitize("a\u{1b}]0;title"), "a");
    }

    #[test]
    fn osc_aborted_by_another_escape_removes_both() {
        assert_eq!(sanitize("a\u{1b}]0;x\u{1b}[2Jb"), "ab");
    }

    #[test]
    fn dcs_sos_pm_apc_are_removed_whole() {
        for opener in [
            "\u{1b}P", "\u{1b}X", "\u{1b}^", "\u{1b}_", "\u{90}", "\u{98}", "\u{9e}", "\u{9f}",
        ] {
            assert_eq!(
                sanitize(&format!("a{opener}payload\u{1b}\\b")),
                "ab",
                "{opener:?}"
            );
        }
    }

    #[test]
    fn two_character_escapes_are_removed() {
        assert_eq!(sanitize("a\u{1b}7b\u{1b}cc\u{1b}(Bd\u{1b}#8e"), "abcde");
    }

    #[test]
    fn lone_esc_is_shown_as_a_picture() {
        assert_eq!(sanitize("a\u{1b}"), "a\u{241b}");
        assert_eq!(sanitize("a\u{1b}é"), "a\u{241b}é");
    }

    #[test]
    fn c0_controls_and_del_become_control_pictures() {
        assert_eq!(sanitize("a\u{7}b\rc\0d\u{7f}"), "a␇b␍c␀d␡");
    }

    #[test]
    fn tab_becomes_one_space() {
        assert_eq!(sanitize("a\tb"), "a b");
    }

    #[test]
    fn other_c1_controls_become_replacement_characters() {
        assert_eq!(sanitize("a\u{85}b\u{8d}c"), "a\u{fffd}b\u{fffd}c");
    }

    #[test]
    fn bidi_controls_are_removed() {
        let hidden =
            "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}";
        assert_eq!(sanitize(&format!("a{hidden}b")), "ab");
    }

    #[test]
    fn zero_width_characters_and_bom_are_removed() {
        assert_eq!(
            sanitize("a\u{200b}b\u{200c}c\u{200d}d\u{2060}e\u{feff}f"),
            "abcdef"
        );
    }

    #[test]
    fn soft_hyphen_is_removed() {
        assert_eq!(sanitize("coopé\u{ad}ration"), "coopération");
    }

    #[test]
    fn tag_characters_are_removed() {
        assert_eq!(sanitize("a\u{e0001}\u{e0041}\u{e007f}b"), "ab");
    }

    #[test]
    fn every_character_to_change_is_looked_at() {
        assert!(TO_CHANGE.flags_every_wanted_character());
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitized("Hanoï (VNA) – l’été\n« oui »"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn sanitize_line_shows_newlines() {
        assert_eq!(sanitize_line("a\nb\u{1b}[2J"), "a\u{240a}b");
    }
}
