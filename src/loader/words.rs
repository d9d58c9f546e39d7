//! Fixed lists of lowercase words (stop words, titles, abbreviations), and whether a word,
//! whatever its case, is one of them, without allocating.

use std::sync::OnceLock;

use foldhash::HashSet;

/// Lowercased forms are built in a buffer this long; every listed word is shorter, so a word
/// whose lowercase form does not fit is in no list.
pub(crate) const MAX_BYTES: usize = 48;

/// A list of lowercase words, hashed the first time it is looked in.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    more: &'static [&'static str],
    set: OnceLock<HashSet<&'static [u8]>>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet::union(words, &[])
    }

    /// The words of two lists, looked in at once.
    pub const fn union(words: &'static [&'static str], more: &'static [&'static str]) -> Self {
        WordSet {
            words,
            more,
            set: OnceLock::new(),
        }
    }

    /// Whether `word` lowercased is in the list.
    pub fn contains(&self, word: &str) -> bool {
        let set = self.set.get_or_init(|| {
            self.words
                .iter()
                .chain(self.more)
                .map(|word| word.as_bytes())
                .collect()
        });
        let mut buffer = [0; MAX_BYTES];
        lowercase_bytes(word, &mut buffer).is_some_and(|lower| set.contains(lower))
    }
}

/// `word` lowercased into `buffer` as UTF-8 bytes, or `None` when that is longer than the
/// buffer: for looking up in sets of bytes, with no second validation of the UTF-8.
///
/// Characters are lowercased one by one, so a final capital sigma becomes `σ` where
/// [`str::to_lowercase`] gives `ς`; no list holds either.
pub(crate) fn lowercase_bytes<'b>(word: &str, buffer: &'b mut [u8; MAX_BYTES]) -> Option<&'b [u8]> {
    let length = if word.is_ascii() {
        let target = buffer.get_mut(..word.len())?;
        target.copy_from_slice(word.as_bytes());
        target.make_ascii_lowercase();
        word.len()
    } else {
        let mut length = 0;
        for lower in word.chars().flat_map(char::to_lowercase) {
            let target = buffer.get_mut(length..length + lower.len_utf8())?;
            length += lower.encode_utf8(target).len();
        }
        length
    };
    Some(&buffer[..length])
}

#[cfg(test)]
mod tests {
    use super::*;

    static LIST: WordSet = WordSet::new(&["le", "état", "président"]);

    #[test]
    fn words_are_found_whatever_their_case() {
        assert!(LIST.contains("Le"));
        assert!(LIST.contains("LE"));
        assert!(LIST.contains("État"));
        assert!(LIST.contains("PRÉSIDENT"));
        assert!(!LIST.contains("Les"));
        assert!(!LIST.contains(""));
    }

    #[test]
    fn words_too_long_for_any_list_are_in_none() {
        assert!(!LIST.contains(&"É".repeat(100)));
        assert!(!LIST.contains(&"a".repeat(100)));
    }
}
