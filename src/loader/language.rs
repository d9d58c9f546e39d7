//! Which of the languages the loader knows an article is written in, by its commonest
//! short words: cheap enough to run on every file, sure enough to pick the rules.

use std::sync::OnceLock;

use foldhash::HashMap;

use super::words::{MAX_BYTES, lowercase_bytes};
use crate::article::Language;

/// Words read at most before deciding: a lead paragraph or two is plenty.
const WORDS_READ: usize = 80;
/// Hits at which a language that leads the others threefold is taken at once.
const SURE_HITS: usize = 4;
/// Fewer hits than this for every language: the text is too short, or in another language.
const MIN_HITS: usize = 2;

/// Short words frequent in each language and rare in the others; words shared by two
/// (`la`, `de`, `que`, `a`) count for neither.
#[rustfmt::skip]
const FRENCH: &[&str] = &[
    "le", "les", "des", "du", "et", "est", "une", "dans", "pour", "avec", "sur", "au", "aux",
    "été", "ont", "ce", "cette", "il", "elle", "pas", "par", "son", "ses", "leur", "leurs",
    "qui", "ne", "sont", "mais", "à", "entre", "lors", "selon", "deux", "après",
];
#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "by", "as", "at",
    "from", "his", "has", "have", "are", "were", "said", "will", "be", "it", "an", "this",
    "which", "its", "their", "after", "two", "between",
];
#[rustfmt::skip]
const SPANISH: &[&str] = &[
    "el", "los", "las", "del", "y", "por", "con", "para", "una", "es", "fue", "su", "sus",
    "al", "más", "como", "ha", "han", "sobre", "entre", "este", "esta", "dos", "tras",
    "según", "también", "hoy",
];
#[rustfmt::skip]
const VIETNAMESE: &[&str] = &[
    "của", "và", "các", "là", "được", "với", "cho", "trong", "này", "đã", "có", "những",
    "một", "người", "không", "ngày", "tại", "về", "theo", "đến", "nước", "cũng", "việc",
    "hai", "năm", "để", "từ", "sẽ", "đồng", "chí",
];

const LANGUAGES: [Language; 4] = [
    Language::French,
    Language::English,
    Language::Spanish,
    Language::Vietnamese,
];

/// Each listed word, with the languages (a bit each, in [`LANGUAGES`] order) it counts for.
fn word_languages() -> &'static HashMap<&'static [u8], u8> {
    static WORDS: OnceLock<HashMap<&'static [u8], u8>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = HashMap::default();
        for (bit, list) in [FRENCH, ENGLISH, SPANISH, VIETNAMESE].into_iter().enumerate() {
            for word in list {
                *words.entry(word.as_bytes()).or_insert(0) |= 1 << bit;
            }
        }
        words
    })
}

/// The language of `texts`, from their first words; `None` when no language stands out.
pub(crate) fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Language> {
    let words_languages = word_languages();
    let mut hits = [0usize; 4];
    // Words split at ASCII punctuation and spaces: every listed word is letters, and a
    // word glued to other punctuation (`l’été`) is in no list anyway.
    let words = texts
        .into_iter()
        .flat_map(|text| text.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric()))
        .filter(|word| !word.is_empty() && word.len() <= 12)
        .take(WORDS_READ);
    let mut buffer = [0; MAX_BYTES];
    for word in words {
        let Some(bits) = lowercase_bytes(word, &mut buffer).and_then(|lower| words_languages.get(lower))
        else {
            continue;
        };
        for (at, count) in hits.iter_mut().enumerate() {
            *count += usize::from(bits & (1 << at) != 0);
        }
        let (best, second) = top_two(&hits);
        if best >= SURE_HITS && second * 3 <= best {
            break;
        }
    }
    let (most, second) = top_two(&hits);
    let best = hits.iter().position(|&count| count == most)?;
    (most >= MIN_HITS && most > second).then_some(LANGUAGES[best])
}

fn top_two(hits: &[usize; 4]) -> (usize, usize) {
    let mut sorted = *hits;
    sorted.sort_unstable();
    (sorted[3], sorted[2])
}

/// A language named by a code or tag from a file (`fr`, `en-US`, `es_ES`, `vi`).
pub(crate) fn from_tag(tag: &str) -> Option<Language> {
    let primary = tag.trim().get(..2)?.to_ascii_lowercase();
    let rest = &tag.trim()[2..];
    if !(rest.is_empty() || rest.starts_with(['-', '_'])) {
        return None;
    }
    match primary.as_str() {
        "fr" => Some(Language::French),
        "en" => Some(Language::English),
        "es" => Some(Language::Spanish),
        "vi" => Some(Language::Vietnamese),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_is_told_by_its_short_words() {
        assert_eq!(
            detect(["Le Vietnam et la Russie ont signé un accord dans le domaine de l'énergie."]),
            Some(Language::French)
        );
        assert_eq!(
            detect(["The two countries signed an agreement on energy, the ministry said."]),
            Some(Language::English)
        );
        assert_eq!(
            detect(["El presidente de Vietnam se reunió con su homólogo ruso para firmar los acuerdos."]),
            Some(Language::Spanish)
        );
        assert_eq!(
            detect([
                "Tổng Bí thư Tô Lâm đã có cuộc hội đàm với Tổng thống Nga tại Moskva, hai bên nhất trí."
            ]),
            Some(Language::Vietnamese)
        );
    }

    #[test]
    fn too_few_words_tell_nothing() {
        assert_eq!(detect(["Hanoï"]), None);
        assert_eq!(detect([""]), None);
    }

    #[test]
    fn tags_give_the_language() {
        assert_eq!(from_tag("fr-FR"), Some(Language::French));
        assert_eq!(from_tag("en"), Some(Language::English));
        assert_eq!(from_tag("es_ES"), Some(Language::Spanish));
        assert_eq!(from_tag("vi"), Some(Language::Vietnamese));
        assert_eq!(from_tag("de"), None);
        assert_eq!(from_tag("eng"), None);
    }
}
