//! Where sentences end in dispatch prose, past abbreviations (`M.`), initials and numbers.

use super::words::WordSet;

/// Abbreviations that end in a period without ending a sentence, lowercased.
#[rustfmt::skip]
static ABBREVIATIONS: WordSet = WordSet::new(&[
    "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "st", "ste", "mgr", "gal", "col",
    "lt", "av", "apr", "env", "cf", "etc", "vol", "no", "nº", "p", "mr", "mrs", "ms", "jr",
    "sr", "gen", "gov", "sen", "rep", "vs", "inc", "ltd", "co", "corp",
]);

/// Whether the character at byte `at` of `text` ends a sentence; see [`sentence_end`].
pub(crate) fn ends_sentence(text: &str, at: usize) -> bool {
    sentence_end(text, at).is_some()
}

/// The byte index just past the first sentence of `text`, if a sentence ends in it.
pub(crate) fn first_sentence_end(text: &str) -> Option<usize> {
    text.match_indices(['.', '!', '?', '…'])
        .find_map(|(at, _)| sentence_end(text, at))
}

/// If the character at byte `at` (one of `.`, `!`, `?`, `…`) ends a sentence, the index
/// past it and any closing quotes or brackets. It does when it comes before the end of the
/// text, or before a space and a word that does not start in lowercase, and when a period
/// does not close an abbreviation or an initial.
fn sentence_end(text: &str, at: usize) -> Option<usize> {
    let mark = text[at..].chars().next()?;
    if !matches!(mark, '.' | '!' | '?' | '…') || mark == '.' && closes_abbreviation(&text[..at]) {
        return None;
    }
    let after = &text[at + mark.len_utf8()..];
    let is_closer = |c: char| matches!(c, '»' | '”' | '"' | '’' | ')' | ']');
    let next_word = after.trim_start_matches(|c: char| c.is_whitespace() || is_closer(c));
    let gap = &after[..after.len() - next_word.len()];
    let ends = next_word.is_empty()
        || gap.contains(char::is_whitespace) && next_word.chars().next().is_some_and(|c| !c.is_lowercase());
    let closers = gap.trim_end().len();
    ends.then_some(text.len() - after.len() + closers)
}

/// Whether `before` (the text up to a period) ends with an abbreviation, an initial (`M`,
/// `J`) or a dotted form (`J.-C`, `U.S`).
fn closes_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '«' | '“' | '"'))
        .next()
        .unwrap_or_default();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let dotted = word.contains('.') && letters <= 4;
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    initial || dotted || ABBREVIATIONS.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> &str {
        &text[..first_sentence_end(text).unwrap_or(text.len())]
    }

    #[test]
    fn sentence_ends_at_period_before_capital() {
        assert_eq!(first("Il est venu. Elle aussi."), "Il est venu.");
    }

    #[test]
    fn title_abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(first("M. Poutine a dit oui. Puis non."), "M. Poutine a dit oui.");
        assert_eq!(
            first("Mme Ngan et J. Smith sont là. Oui."),
            "Mme Ngan et J. Smith sont là."
        );
    }

    #[test]
    fn decimal_numbers_do_not_end_sentences() {
        assert_eq!(first("La hausse est de 1.5 %. Voilà."), "La hausse est de 1.5 %.");
    }

    #[test]
    fn period_before_lowercase_does_not_end_sentences() {
        assert_eq!(
            first("Les pommes, poires etc. sont là. Fin"),
            "Les pommes, poires etc. sont là."
        );
    }

    #[test]
    fn closing_quote_after_mark_still_ends() {
        assert_eq!(first("Il a dit « oui ! » Ensuite"), "Il a dit « oui ! »");
    }

    #[test]
    fn text_without_a_mark_has_no_end() {
        assert_eq!(first_sentence_end("pas de fin"), None);
    }
}
