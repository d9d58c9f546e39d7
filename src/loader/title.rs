//! The title of a dispatch, which has no headline: the first sentence of its lead, shortened.

use super::sentence::first_sentence_end;
use super::words::WordSet;

/// Titles longer than this many characters are shortened.
const MAX_CHARS: usize = 110;
/// A clause shorter than this says too little to stand as a title.
const MIN_CLAUSE_CHARS: usize = 25;
/// Commas in French leads mostly set off appositions (`du Parti, Nguyen Phu Trong, a eu…`),
/// and cutting at an early one drops the verb; a comma cut must keep at least this much.
const MIN_COMMA_CLAUSE_CHARS: usize = 70;
/// Words a shortened title should not end on.
#[rustfmt::skip]
static DANGLING: WordSet = WordSet::new(&[
    "à", "au", "aux", "avec", "dans", "de", "des", "du", "en", "et", "la", "le", "les", "ou",
    "par", "pour", "que", "qui", "sur", "un", "une", "vers", "entre", "a", "an", "and", "of",
    "the", "to", "with", "in", "on", "for", "y", "el", "los", "las", "del", "con", "por",
    "para", "của", "và", "với", "các",
]);

/// The title drawn from `lead`: its first sentence without the closing period, or, when
/// that is longer than [`MAX_CHARS`], its first clause, or failing that a cut at a word
/// boundary marked with `…`. Empty when the lead holds no words.
pub(crate) fn title_from(lead: &str) -> String {
    let sentence = first_sentence_end(lead).map_or(lead, |end| &lead[..end]).trim();
    let sentence = sentence.strip_suffix('.').unwrap_or(sentence).trim_end();
    if sentence.chars().count() <= MAX_CHARS {
        sentence.to_owned()
    } else {
        clause(sentence).map_or_else(|| cut_at_word(sentence), str::to_owned)
    }
}

/// The longest prefix ending at a clause boundary that fits: at `;`, `:` or a spaced dash
/// when at least [`MIN_CLAUSE_CHARS`] long, at a comma when at least
/// [`MIN_COMMA_CLAUSE_CHARS`].
fn clause(sentence: &str) -> Option<&str> {
    let fits = |end: usize, min: usize| (min..=MAX_CHARS).contains(&sentence[..end].chars().count());
    let strong = sentence
        .char_indices()
        .filter(|&(at, c)| match c {
            ';' | ':' => sentence[at + 1..].starts_with(char::is_whitespace),
            '–' | '—' | '-' => {
                sentence[..at].ends_with(char::is_whitespace)
                    && sentence[at + c.len_utf8()..].starts_with(char::is_whitespace)
            }
            _ => false,
        })
        .map(|(at, _)| at)
        .rfind(|&at| fits(at, MIN_CLAUSE_CHARS));
    let comma = || {
        sentence
            .match_indices(',')
            .map(|(at, _)| at)
            .rfind(|&at| fits(at, MIN_COMMA_CLAUSE_CHARS))
    };
    strong.or_else(comma).map(|end| sentence[..end].trim_end())
}

/// Whether `text` ends on a word a title should not end on (`de`, `the`, `y`…).
pub(crate) fn ends_dangling(text: &str) -> bool {
    let last_word = text.rsplit(char::is_whitespace).next().unwrap_or_default();
    DANGLING.contains(last_word)
}

/// `sentence` cut at the last word boundary that leaves room for `…`, without a dangling
/// preposition or article at the end.
fn cut_at_word(sentence: &str) -> String {
    let limit = sentence
        .char_indices()
        .nth(MAX_CHARS - 1)
        .map_or(sentence.len(), |(at, _)| at);
    let prefix = &sentence[..limit];
    let mut kept = if sentence[limit..].starts_with(char::is_whitespace) {
        prefix
    } else {
        prefix
            .rfind(char::is_whitespace)
            .map_or(prefix, |space| &prefix[..space])
    };
    loop {
        kept = kept
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '—' | '-'));
        let last_word = kept.rsplit(char::is_whitespace).next().unwrap_or_default();
        let dangling = DANGLING.contains(last_word);
        if !dangling || last_word.len() == kept.len() {
            break;
        }
        kept = &kept[..kept.len() - last_word.len()];
    }
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_first_sentence_is_the_title_without_its_period() {
        assert_eq!(
            title_from("Le Vietnam et la Russie signent. Suite."),
            "Le Vietnam et la Russie signent"
        );
    }

    #[test]
    fn question_mark_is_kept() {
        assert_eq!(title_from("Qui gagnera ? Personne."), "Qui gagnera ?");
    }

    #[test]
    fn long_sentence_is_cut_at_a_strong_clause_boundary() {
        let lead = "Le Premier ministre a présenté le plan de relance économique du gouvernement : \
                    il prévoit des investissements massifs dans les infrastructures, la santé et l’éducation.";
        assert_eq!(
            title_from(lead),
            "Le Premier ministre a présenté le plan de relance économique du gouvernement"
        );
    }

    #[test]
    fn early_commas_give_way_to_a_word_cut() {
        let lead = "Le secrétaire général du Comité central du Parti, Nguyen Phu Trong, a eu le 5 avril \
                    une conversation en ligne avec le président russe, Vladimir Poutine.";
        let title = title_from(lead);
        assert_eq!(
            title,
            "Le secrétaire général du Comité central du Parti, Nguyen Phu Trong, a eu le 5 avril une conversation en ligne…"
        );
        assert!(title.chars().count() <= MAX_CHARS);
    }

    #[test]
    fn one_enormous_word_is_cut_inside_it() {
        let title = title_from(&"a".repeat(300));
        assert_eq!(title.chars().count(), MAX_CHARS);
        assert!(title.ends_with('…'));
    }
}
