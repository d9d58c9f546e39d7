//! The people and places an article mentions, found by capitalisation heuristics alone.
//!
//! A name is a run of capitalised words (`Nguyen Phu Trong`, `Ho Chi Minh-Ville`) between
//! punctuation and lowercase words. Leading titles (`Président`), institution nouns
//! (`Parti`, `Comité`), months and weekdays are stripped; sentence-initial function words
//! (`Le`, `Selon`, `À`) too. A single capitalised word opening a sentence (`Partageant`,
//! `Elles`) counts only when the article also names it mid-sentence. Acronyms (`VNA`,
//! `COVID-19`) and words with digits are not names.

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};

use foldhash::HashSet;
use unicode_normalization::char::is_combining_mark;

use super::sentence::ends_sentence;
use super::words::WordSet;

/// Words that open a sentence without being names: articles, pronouns, prepositions,
/// conjunctions, adverbs. Stripped only where they open a sentence, since mid-sentence a
/// capitalised `Le` or `La` is a name (`Le Hoai Trung`, `La Haye`).
#[rustfmt::skip]
static FUNCTION_WORDS: WordSet = WordSet::new(&[
    "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "à", "ce", "cet", "cette",
    "ces", "ceci", "cela", "ça", "celui", "celle", "ceux", "celles", "il", "ils", "elle",
    "elles", "on", "nous", "vous", "je", "tu", "leur", "leurs", "son", "sa", "ses", "notre",
    "nos", "votre", "vos", "mon", "ma", "mes", "qui", "que", "quoi", "dont", "où", "quand",
    "comment", "pourquoi", "lequel", "laquelle", "et", "ou", "mais", "donc", "or", "ni", "car",
    "si", "en", "dans", "par", "pour", "sur", "sous", "avec", "sans", "chez", "vers", "entre",
    "contre", "depuis", "pendant", "durant", "selon", "après", "avant", "lors", "dès", "parmi",
    "malgré", "grâce", "outre", "face", "concernant", "suite", "afin", "ainsi", "aussi",
    "alors", "puis", "enfin", "cependant", "toutefois", "néanmoins", "pourtant", "également",
    "notamment", "surtout", "déjà", "encore", "toujours", "jamais", "plus", "moins", "très",
    "tout", "toute", "tous", "toutes", "chaque", "plusieurs", "certains", "certaines", "autre",
    "autres", "aucun", "aucune", "même", "ici", "là", "hier", "demain", "oui", "non", "voici",
    "voilà", "parallèlement", "auparavant", "actuellement", "récemment", "lorsque", "puisque",
    "comme", "tandis", "bien", "the", "a", "an", "this", "that", "these", "those",
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "in",
    "on", "at", "of", "for", "with", "by", "from", "to", "and", "or", "but", "as", "after",
    "before", "during", "according", "while", "when", "where", "there", "here", "meanwhile",
    "however",
]);

/// Words that are never names on their own, wherever they stand: titles, institution
/// nouns, months, weekdays, compass points, and the photo credit.
#[rustfmt::skip]
static NEVER_NAMES: WordSet = WordSet::new(&[
    // titles
    "président", "présidente", "premier", "première", "ministre", "vice-président",
    "vice-présidente", "vice-premier", "secrétaire", "général", "générale", "m", "mm", "mme",
    "mmes", "mlle", "dr", "pr", "docteur", "professeur", "monsieur", "madame", "ambassadeur",
    "ambassadrice", "directeur", "directrice", "chef", "roi", "reine", "prince", "princesse",
    "sénateur", "député", "gouverneur", "maire", "camarade", "colonel", "lieutenant",
    "capitaine", "pape", "président-élu", "president", "prime", "minister", "secretary",
    "general", "chairman", "chairwoman", "ambassador", "director", "king", "queen", "mr", "mrs",
    "ms", "vice",
    // institutions and other capitalised common nouns
    "parti", "comité", "état", "etat", "états", "congrès", "déclaration", "gouvernement",
    "assemblée", "guerre", "grande", "grand", "années", "année", "conseil", "ministère",
    "bureau", "commission", "cour", "tribunal", "banque", "fonds", "front", "armée", "forces",
    "force", "union", "nations", "organisation", "association", "ambassade", "sommet", "forum",
    "conférence", "session", "plénum", "politburo", "secrétariat", "constitution", "loi",
    "accord", "accords", "traité", "charte", "programme", "stratégie", "initiative", "semaine",
    "journée", "fête", "festival", "exposition", "université", "académie", "institut", "école",
    "hôpital", "musée", "palais", "région", "province", "république", "royaume", "empire",
    "fédération", "révolution", "résolution", "mouvement", "groupe", "société", "agence",
    "centre", "département", "chambre", "sénat", "parlement", "cabinet", "présidence", "nouvel",
    "an", "têt", "internet", "party", "committee", "state", "congress", "government",
    "assembly", "war", "council", "ministry", "university", "bank", "republic",
    "photo", "photos",
    // months and weekdays
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday",
    // compass points, which join a name only after `du` (`Corée du Sud`)
    "nord", "sud", "est", "ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest",
]);

/// Elided articles and conjunctions before an apostrophe (`l’`, `d’`, `qu’`).
#[rustfmt::skip]
static ELISIONS: WordSet = WordSet::new(&[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
]);

/// The names in an article's captions, dateline place and body, in order of first mention,
/// each once. A hyphenated pair of names found apart (`Vietnam-Russie`) gives its parts, and
/// a single word already part of a longer name (`Trong` beside `Nguyen Phu Trong`) is left out.
pub(crate) fn find(captions: &[String], place: Option<&str>, body: &[String]) -> Vec<String> {
    let mut scanner = Scanner::default();
    for caption in captions {
        scanner.scan(caption);
    }
    if let Some(place) = place {
        scanner.candidates.push(Candidate {
            name: Cow::Borrowed(place),
            sentence_initial: false,
        });
    }
    for paragraph in body {
        scanner.scan(paragraph);
    }
    let candidates = scanner.candidates;

    let confirmed: HashSet<&str> = candidates
        .iter()
        .filter(|candidate| !candidate.sentence_initial)
        .map(|candidate| candidate.name.as_ref())
        .collect();
    let mut seen = HashSet::default();
    let mut names = Vec::new();
    for candidate in &candidates {
        if candidate.sentence_initial && !confirmed.contains(candidate.name.as_ref()) {
            continue;
        }
        for part in split_pair(&candidate.name, &confirmed) {
            if seen.insert(part) {
                names.push(part);
            }
        }
    }

    let words_of_longer: HashSet<&str> = names
        .iter()
        .filter(|name| name.contains(' '))
        .flat_map(|name| name.split(' '))
        .collect();
    let mut kept: Vec<String> = names
        .iter()
        .filter(|name| name.contains(' ') || !words_of_longer.contains(*name))
        .map(|&name| name.to_owned())
        .collect();
    kept.shrink_to_fit();
    kept
}

/// A possible name, and whether it is one capitalised word opening a sentence, which
/// counts only if the article names it elsewhere. Borrowed from the text when its words
/// are there apart by single spaces, as they nearly always are.
struct Candidate<'a> {
    name: Cow<'a, str>,
    sentence_initial: bool,
}

/// A capitalised word of a run, by its place in the text, and whether it opens a sentence.
struct RunWord {
    span: Range<usize>,
    sentence_initial: bool,
}

/// The candidates found so far, and the run of capitalised words being read, kept from
/// text to text so neither is allocated again.
#[derive(Default)]
struct Scanner<'a> {
    candidates: Vec<Candidate<'a>>,
    run: Vec<RunWord>,
}

impl<'a> Scanner<'a> {
    fn scan(&mut self, text: &'a str) {
        let mut tokens = Tokens { text, at: 0 }.peekable();
        let mut sentence_start = true;
        while let Some(token) = tokens.next() {
            let (word, apostrophe) = match token {
                Token::Punctuation { opens_sentence } => {
                    self.end_run(text);
                    sentence_start = opens_sentence;
                    continue;
                }
                Token::Word { span, apostrophe } => (span, apostrophe),
            };
            let word = match apostrophe.and_then(|at| elided(text, &word, at)) {
                Some(rest) => {
                    self.end_run(text);
                    sentence_start = false;
                    rest
                }
                None => word,
            };
            let compass = match tokens.peek() {
                Some(Token::Word { span: next, .. })
                    if &text[word.clone()] == "du"
                        && !self.run.is_empty()
                        && is_compass(&text[next.clone()]) =>
                {
                    Some(next.clone())
                }
                _ => None,
            };
            if let Some(compass) = compass {
                self.run.push(RunWord {
                    span: word,
                    sentence_initial: false,
                });
                self.run.push(RunWord {
                    span: compass,
                    sentence_initial: false,
                });
                tokens.next();
            } else if is_capitalised(&text[word.clone()]) {
                self.run.push(RunWord {
                    span: word,
                    sentence_initial: sentence_start,
                });
            } else {
                self.end_run(text);
            }
            sentence_start = false;
        }
        self.end_run(text);
    }

    /// Takes the name the run gives, once leading titles, institution nouns and
    /// sentence-opening function words are stripped, if any; and starts a new run.
    fn end_run(&mut self, text: &'a str) {
        let start = self.run.iter().position(|word| {
            let word_text = &text[word.span.clone()];
            let function_word = word.sentence_initial && FUNCTION_WORDS.contains(word_text);
            !(function_word || NEVER_NAMES.contains(word_text) || is_one_character(word_text))
        });
        if let Some(start) = start {
            let words = &self.run[start..];
            let spaced = words
                .windows(2)
                .all(|pair| &text[pair[0].span.end..pair[1].span.start] == " ");
            let name = match (words.first(), words.last()) {
                (Some(first), Some(last)) if spaced => Cow::Borrowed(&text[first.span.start..last.span.end]),
                _ => Cow::Owned(
                    words
                        .iter()
                        .map(|word| &text[word.span.clone()])
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            };
            self.candidates.push(Candidate {
                name,
                sentence_initial: words.len() == 1 && words[0].sentence_initial,
            });
        }
        self.run.clear();
    }
}

enum Token {
    /// A word, and where its first apostrophe is, if it has one (`l’État`).
    Word {
        span: Range<usize>,
        apostrophe: Option<usize>,
    },
    Punctuation {
        opens_sentence: bool,
    },
}

/// The words (letters, digits, marks, joined by inner hyphens and apostrophes) of a text,
/// and the punctuation between them; whitespace only separates.
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let text = self.text;
        loop {
            let start = self.at;
            let c = char_at(text, start)?;
            self.at = start + c.len_utf8();
            if is_word_char(c) {
                let mut apostrophe = None;
                loop {
                    // ASCII letters and digits, most of any word, a byte at a time.
                    let bytes = &text.as_bytes()[self.at..];
                    self.at += bytes
                        .iter()
                        .take_while(|byte| byte.is_ascii_alphanumeric())
                        .count();
                    let Some(next) = char_at(text, self.at) else {
                        break;
                    };
                    let after = self.at + next.len_utf8();
                    let joins = is_joiner(next) && char_at(text, after).is_some_and(is_word_char);
                    if !(is_word_char(next) || joins) {
                        break;
                    }
                    if joins && next != '-' && next != '\u{2011}' && apostrophe.is_none() {
                        apostrophe = Some(self.at);
                    }
                    self.at = after;
                }
                return Some(Token::Word {
                    span: start..self.at,
                    apostrophe,
                });
            } else if !c.is_whitespace() {
                let opens_sentence = match c {
                    '.' | '!' | '?' | '…' => ends_sentence(text, start),
                    ':' | '«' | '“' | '"' => true,
                    _ => false,
                };
                return Some(Token::Punctuation { opens_sentence });
            }
        }
    }
}

/// The character at byte `at`, read without decoding when it is ASCII, as most are.
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        byte if byte.is_ascii() => Some(char::from(byte)),
        _ => text[at..].chars().next(),
    }
}

/// Letters, digits and marks; the common Latin letters without a table lookup.
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7f}' => false,
        // Latin-1 letters, Latin Extended-A and -B, and the Vietnamese block, all letters.
        _ if LATIN_LETTERS.contains(&c) || VIETNAMESE_LETTERS.contains(&c) => c != '×' && c != '÷',
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

const LATIN_LETTERS: RangeInclusive<char> = '\u{c0}'..='\u{24f}';
const VIETNAMESE_LETTERS: RangeInclusive<char> = '\u{1e00}'..='\u{1eff}';

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\u{2011}' | '\'' | '’' | 'ʼ')
}

/// The word after an elided article or conjunction, `État` in `l’État`: the span of
/// `word` past its apostrophe at `apostrophe`.
fn elided(text: &str, word: &Range<usize>, apostrophe: usize) -> Option<Range<usize>> {
    let mark = char_at(text, apostrophe)?;
    ELISIONS
        .contains(&text[word.start..apostrophe])
        .then(|| apostrophe + mark.len_utf8()..word.end)
}

/// Capitalised, without digits, and not an acronym (`VNA`, `PCV`).
fn is_capitalised(word: &str) -> bool {
    // The first letter first: it settles most words.
    if !word.chars().next().is_some_and(char::is_uppercase) || word.chars().any(|c| c.is_numeric()) {
        return false;
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let acronym = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
    !acronym
}

fn is_one_character(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some() && chars.next().is_none()
}

fn is_compass(word: &str) -> bool {
    matches!(
        word,
        "Nord" | "Sud" | "Est" | "Ouest" | "Nord-Est" | "Nord-Ouest" | "Sud-Est" | "Sud-Ouest"
    )
}

/// The parts of a hyphenated pair whose every part is a name found on its own
/// (`Vietnam-Russie`), or the name itself (`Asie-Pacifique`, `Minh-Ville`).
fn split_pair<'n>(name: &'n str, confirmed: &HashSet<&str>) -> impl Iterator<Item = &'n str> {
    let is_pair =
        !name.contains(' ') && name.contains('-') && name.split('-').all(|part| confirmed.contains(part));
    name.split(move |c| is_pair && c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_are_word_characters_as_unicode_says() {
        for c in LATIN_LETTERS.chain(VIETNAMESE_LETTERS) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?}"
            );
        }
    }

    fn names_in(body: &str) -> Vec<String> {
        find(&[], None, &[body.to_owned()])
    }

    #[test]
    fn runs_of_capitalised_words_are_names() {
        assert_eq!(
            names_in("Il a rencontré Vladimir Poutine et Nguyen Phu Trong à Ho Chi Minh-Ville."),
            ["Vladimir Poutine", "Nguyen Phu Trong", "Ho Chi Minh-Ville"]
        );
    }

    #[test]
    fn sentence_opening_function_words_are_stripped() {
        assert_eq!(
            names_in("Selon Phạm Minh Chính, tout va bien."),
            ["Phạm Minh Chính"]
        );
        assert_eq!(names_in("Le Vietnam avance."), ["Vietnam"]);
    }

    #[test]
    fn mid_sentence_particles_stay_part_of_names() {
        assert_eq!(
            names_in("Il se rend à La Haye avec Le Hoai Trung."),
            ["La Haye", "Le Hoai Trung"]
        );
    }

    #[test]
    fn lone_sentence_openers_need_a_mention_elsewhere() {
        assert!(names_in("Partageant des vues, ils parlent.").is_empty());
        assert_eq!(names_in("Hanoï accueille. Il vit à Hanoï."), ["Hanoï"]);
    }

    #[test]
    fn titles_institutions_and_dates_are_not_names() {
        assert_eq!(
            names_in("Mardi, le Président Sergueï Lavrov a salué le Parti et l'État, en Mai."),
            ["Sergueï Lavrov"]
        );
    }

    #[test]
    fn acronyms_and_digits_are_not_names() {
        assert!(names_in("Le PCV et la VNA luttent contre le COVID-19 au G20.").is_empty());
    }

    #[test]
    fn elided_articles_are_stripped() {
        assert_eq!(names_in("Il parle d’Asie et de l’Europe."), ["Asie", "Europe"]);
    }

    #[test]
    fn compass_points_join_after_du() {
        assert_eq!(
            names_in("Il visite la Corée du Sud et l’Asie du Sud-Est."),
            ["Corée du Sud", "Asie du Sud-Est"]
        );
    }

    #[test]
    fn hyphenated_pairs_of_known_names_split() {
        assert_eq!(
            names_in("Le Vietnam et la Russie ouvrent les Années Vietnam-Russie en Asie-Pacifique."),
            ["Vietnam", "Russie", "Asie-Pacifique"]
        );
    }

    #[test]
    fn lone_words_of_longer_names_are_dropped() {
        assert_eq!(
            names_in("Il voit Vladimir Poutine. Poutine sourit."),
            ["Vladimir Poutine"]
        );
    }

    #[test]
    fn abbreviated_titles_do_not_open_sentences() {
        assert_eq!(names_in("Il a vu M. Lavrov hier."), ["Lavrov"]);
    }
}
