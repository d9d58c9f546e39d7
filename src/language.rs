//! The language an article is written in, as far as setting it goes: which hyphenation
//! dictionary its words are split by, if any.
//!
//! Articles do not carry their language yet: [`Language::of`] guesses it from a few
//! common words. Once the loader gives `Article` a language, `of` reads it instead.

use std::sync::OnceLock;

use hyphenation::{Load, Standard};
use textwrap::WordSplitter;

use crate::article::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    French,
    English,
    Spanish,
    /// Any other (Vietnamese, unknown…): its words are never split.
    Other,
}

/// Words frequent in running text of one language and rare in the others'.
const STOP_WORDS: [(Language, &[&str]); 3] = [
    (
        Language::French,
        &[
            "le", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "au", "sur",
        ],
    ),
    (
        Language::English,
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "by",
        ],
    ),
    (
        Language::Spanish,
        &[
            "el", "los", "las", "del", "y", "con", "por", "una", "para", "es", "al", "lo",
        ],
    ),
];

/// The guess reads no further than this many words: enough to tell, and cheap.
const WORDS_READ: usize = 400;
/// Fewer stop words than this among those read, and the language is not guessed.
const LEAST_STOP_WORDS: usize = 3;

impl Language {
    /// The language of `article`'s body: the one with the most stop words among its
    /// first words, if it has a few; otherwise [`Language::Other`].
    pub fn of(article: &Article) -> Language {
        let mut counts = [0usize; STOP_WORDS.len()];
        let words = article
            .paragraphs
            .iter()
            .flat_map(|paragraph| paragraph.split(|c: char| !c.is_alphabetic()))
            .filter(|word| !word.is_empty())
            .take(WORDS_READ);
        for word in words {
            let lower = word.to_lowercase();
            for (count, (_, stop_words)) in counts.iter_mut().zip(&STOP_WORDS) {
                *count += usize::from(stop_words.contains(&lower.as_str()));
            }
        }
        let (best, count) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(_, count)| *count)
            .map_or((Language::Other, 0), |(at, count)| (STOP_WORDS[at].0, *count));
        if count >= LEAST_STOP_WORDS {
            best
        } else {
            Language::Other
        }
    }

    /// The language's hyphenation dictionary, loaded the first time it is wanted; none for
    /// [`Language::Other`] (or, should it ever happen, one that does not load).
    pub fn hyphenation(self) -> Option<&'static WordSplitter> {
        static FRENCH: OnceLock<Option<WordSplitter>> = OnceLock::new();
        static ENGLISH: OnceLock<Option<WordSplitter>> = OnceLock::new();
        static SPANISH: OnceLock<Option<WordSplitter>> = OnceLock::new();
        let (loaded, dictionary) = match self {
            Language::French => (&FRENCH, hyphenation::Language::French),
            Language::English => (&ENGLISH, hyphenation::Language::EnglishUS),
            Language::Spanish => (&SPANISH, hyphenation::Language::Spanish),
            Language::Other => return None,
        };
        loaded
            .get_or_init(|| {
                Standard::from_embedded(dictionary)
                    .ok()
                    .map(WordSplitter::Hyphenation)
            })
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> Article {
        Article {
            path: "a.txt".into(),
            title: String::new(),
            date: None,
            source: None,
            place: None,
            captions: Vec::new(),
            paragraphs: vec![body.to_owned()],
            names: Vec::new(),
        }
    }

    #[test]
    fn the_stop_words_tell_the_language() {
        let french = "Le Premier ministre a reçu les représentants des entreprises et a salué leur rôle dans l’économie.";
        let english = "The Prime Minister received the representatives of the companies and praised their role in the economy.";
        let spanish = "El primer ministro recibió a los representantes de las empresas y elogió su papel en la economía.";
        assert_eq!(Language::of(&article(french)), Language::French);
        assert_eq!(Language::of(&article(english)), Language::English);
        assert_eq!(Language::of(&article(spanish)), Language::Spanish);
    }

    #[test]
    fn without_stop_words_the_language_is_other() {
        let vietnamese = "Thủ tướng Phạm Minh Chính tiếp đại diện các doanh nghiệp Việt Nam.";
        assert_eq!(Language::of(&article(vietnamese)), Language::Other);
        assert_eq!(Language::of(&article("")), Language::Other);
    }
}
