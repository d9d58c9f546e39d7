//! Folding text for search: lowercase, Latin diacritics stripped, typographic punctuation made plain.
//!
//! Both the query and the articles go through [`fold`], so `to lam` finds `Tô Lâm`
//! and `dang` finds `Đặng`, whatever the normalisation form of either side.

use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};

/// Folded text, with where each of its chars came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each char of `text`, the index (in chars) of the original char it came from;
    /// folding changes lengths (`œ` → `oe`, NFD marks dropped), and highlights must land on
    /// the original text.
    pub origin: Vec<usize>,
}

/// Folds `s`, keeping the origin of each folded char.
pub fn fold(s: &str) -> Folded {
    if s.is_ascii() {
        return Folded {
            text: s.to_ascii_lowercase(),
            origin: (0..s.len()).collect(),
        };
    }
    let mut out = Folded {
        text: String::with_capacity(s.len()),
        origin: Vec::with_capacity(s.len()),
    };
    fold_into(s, &mut out);
    out
}

/// Where folded chars go, each with the index (in chars) of the original char it came
/// from: a [`Folded`], or a haystack that keeps only where the two stop advancing together.
pub trait FoldSink {
    fn push(&mut self, c: char, origin: usize);
    /// The last char pushed for this text, which a combining mark may compose with.
    fn last(&self) -> Option<char>;
    /// Puts `c` in the last char's place, with its origin.
    fn replace_last(&mut self, c: char);
}

/// Folds `s` into `out`.
pub fn fold_into(s: &str, out: &mut impl FoldSink) {
    // Marks after a Latin (or plain) char are diacritics to drop; after any other
    // script they belong to the letter, as they would in the precomposed (NFC) form.
    let mut after_latin = true;
    for (index, c) in s.chars().enumerate() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase(), index);
            after_latin = true;
        } else if let Some(plain) = plain_punctuation(c) {
            out.push(plain, index);
            after_latin = true;
        } else if is_combining_mark(c) {
            if !after_latin {
                attach_mark(out, c, index);
            }
        } else if is_latin(c) {
            after_latin = true;
            decompose_canonical(c, |part| {
                if is_combining_mark(part) {
                    return;
                }
                for lower in part.to_lowercase() {
                    push_latin(out, lower, index);
                }
            });
        } else {
            after_latin = false;
            for lower in c.to_lowercase() {
                out.push(lower, index);
            }
        }
    }
}

/// Folds `s` when the origins are not needed (a query, a key).
pub fn fold_str(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        fold(s).text
    }
}

impl FoldSink for Folded {
    fn push(&mut self, c: char, origin: usize) {
        self.text.push(c);
        self.origin.push(origin);
    }

    fn last(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    fn replace_last(&mut self, c: char) {
        self.text.pop();
        self.text.push(c);
    }
}

/// Pushes a lowercase Latin letter, spelling out those that have no decomposition.
fn push_latin(out: &mut impl FoldSink, c: char, origin: usize) {
    match latin_without_decomposition(c) {
        Some(spelled) => spelled.chars().for_each(|plain| out.push(plain, origin)),
        // `İ` lowercases to `i` plus a combining dot.
        None if is_combining_mark(c) => {}
        None => out.push(c, origin),
    }
}

/// Puts a combining mark on the previous non-Latin letter, as NFC would (`и` + breve → `й`).
fn attach_mark(out: &mut impl FoldSink, mark: char, origin: usize) {
    match out.last().and_then(|last| compose(last, mark)) {
        Some(composed) => out.replace_last(composed),
        None => out.push(mark, origin),
    }
}

/// The Latin blocks, where every letter is folded to its base letters.
fn is_latin(c: char) -> bool {
    matches!(c,
        '\u{00C0}'..='\u{024F}'     // Latin-1 letters, Extended-A and -B (ơ, ư)
        | '\u{1E00}'..='\u{1EFF}'   // Extended Additional (Vietnamese ặ, ở…)
        | '\u{2C60}'..='\u{2C7F}'   // Extended-C
        | '\u{A720}'..='\u{A7FF}'   // Extended-D
        | '\u{AB30}'..='\u{AB6F}' // Extended-E
    )
}

/// Lowercase Latin letters that carry a stroke or are ligatures, so have no canonical decomposition.
fn latin_without_decomposition(c: char) -> Option<&'static str> {
    Some(match c {
        'đ' | 'ð' => "d",
        'ø' => "o",
        'ł' | 'ŀ' => "l",
        'ħ' => "h",
        'ı' => "i",
        'ŧ' => "t",
        'ƒ' => "f",
        'œ' => "oe",
        'æ' => "ae",
        'ß' => "ss",
        'þ' => "th",
        _ => return None,
    })
}

/// Typographic punctuation and spaces, as people type them on a plain keyboard.
fn plain_punctuation(c: char) -> Option<char> {
    Some(match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        '«' | '»' | '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => '-',
        '\u{00A0}' | '\u{202F}' | '\u{2009}' => ' ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_lowercased_with_identity_origins() {
        let folded = fold("Hanoi 2024");
        assert_eq!(folded.text, "hanoi 2024");
        assert_eq!(folded.origin, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn vietnamese_letters_lose_every_diacritic() {
        assert_eq!(fold_str("Tô Lâm"), "to lam");
        assert_eq!(fold_str("Thưởng"), "thuong");
        assert_eq!(fold_str("Phạm"), "pham");
        assert_eq!(fold_str("Đỗ"), "do");
        assert_eq!(fold_str("Đặng"), "dang");
        assert_eq!(fold_str("NGUYỄN PHÚ TRỌNG"), "nguyen phu trong");
    }

    #[test]
    fn french_and_transliterated_names_fold() {
        assert_eq!(fold_str("Hanoï"), "hanoi");
        assert_eq!(fold_str("Sergueï"), "serguei");
        assert_eq!(fold_str("Œuvre Æther Straße"), "oeuvre aether strasse");
    }

    #[test]
    fn letters_without_decomposition_use_the_table() {
        assert_eq!(
            fold_str("Øresund Łódź Ħal ı Ŧ ƒ Þór Ðá ŀ"),
            "oresund lodz hal i t f thor da l"
        );
    }

    #[test]
    fn stroked_letters_with_marks_fold_fully() {
        // Ǿ decomposes to Ø plus an acute; the Ø then goes through the table.
        assert_eq!(fold_str("Ǿ"), "o");
        assert_eq!(fold_str("İstanbul"), "istanbul");
    }

    #[test]
    fn typographic_punctuation_becomes_plain() {
        assert_eq!(
            fold_str("l’Élysée «\u{a0}oui\u{202f}» — “non” – ʼa‘"),
            "l'elysee \" oui \" - \"non\" - 'a'"
        );
    }

    #[test]
    fn nfd_and_nfc_fold_the_same() {
        let nfc = "Tô Lâm, Đặng Thị Ngọc Thịnh, Hanoï";
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(nfc).collect();
        assert_ne!(nfc, nfd);
        assert_eq!(fold_str(&nfd), fold_str(nfc));
    }

    #[test]
    fn other_scripts_are_only_lowercased() {
        assert_eq!(fold_str("Сергей ЛАВРОВ"), "сергей лавров");
        assert_eq!(fold_str("Ёлка"), "ёлка");
        assert_eq!(fold_str("東京"), "東京");
    }

    #[test]
    fn nfd_other_scripts_fold_like_nfc() {
        let nfc = "Йошкар-Ола, ёлка, Ἀθῆναι";
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(nfc).collect();
        assert_eq!(fold_str(&nfd), fold_str(nfc));
    }

    #[test]
    fn origins_point_at_the_original_chars() {
        let folded = fold("Œuvre Đặng");
        assert_eq!(folded.text, "oeuvre dang");
        assert_eq!(folded.origin, vec![0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    #[test]
    fn origins_skip_dropped_marks() {
        // "Lâm" in NFD: L, a, combining circumflex, m.
        let folded = fold("La\u{302}m ß");
        assert_eq!(folded.text, "lam ss");
        assert_eq!(folded.origin, vec![0, 1, 3, 4, 5, 5]);
    }

    #[test]
    fn stray_marks_are_dropped_unless_they_follow_another_script() {
        assert_eq!(fold_str("\u{301}"), "");
        assert_eq!(fold_str("a\u{301}\u{301}"), "a");
        assert_eq!(fold_str("🙂\u{301}"), "🙂\u{301}");
    }
}
