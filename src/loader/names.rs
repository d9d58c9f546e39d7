//! The people and places an article mentions, found by capitalisation heuristics alone.
//!
//! A name is a run of capitalised words (`Nguyen Phu Trong`, `Ho Chi Minh-Ville`) between
//! punctuation and lowercase words. Leading titles (`Président`), institution nouns
//! (`Parti`, `Comité`), months and weekdays are stripped; sentence-initial function words
//! (`Le`, `Selon`, `À`) too. A single capitalised word opening a sentence (`Partageant`,
//! `Elles`) counts only when the article also names it mid-sentence. Acronyms (`VNA`,
//! `COVID-19`) and words with digits are not names.

use std::collections::HashSet;
use std::sync::LazyLock;

use unicode_normalization::char::is_combining_mark;

use super::sentence::ends_sentence;

/// Words that open a sentence without being names: articles, pronouns, prepositions,
/// conjunctions, adverbs. Stripped only where they open a sentence, since mid-sentence a
/// capitalised `Le` or `La` is a name (`Le Hoai Trung`, `La Haye`).
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
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
];

/// Words that are never names on their own, wherever they stand: titles, institution
/// nouns, months, weekdays, compass points, and the photo credit.
#[rustfmt::skip]
const NEVER_NAMES: &[&str] = &[
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
];

/// Elided articles and conjunctions before an apostrophe (`l’`, `d’`, `qu’`).
#[rustfmt::skip]
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
];

static FUNCTION_WORD_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| FUNCTION_WORDS.iter().copied().collect());
static NEVER_NAME_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| NEVER_NAMES.iter().copied().collect());

/// The names in an article's captions, dateline place and body, in order of first mention,
/// each once. A hyphenated pair of names found apart (`Vietnam-Russie`) gives its parts, and
/// a single word already part of a longer name (`Trong` beside `Nguyen Phu Trong`) is left out.
pub(crate) fn find(captions: &[String], place: Option<&str>, body: &[String]) -> Vec<String> {
    let mut candidates = Vec::new();
    for caption in captions {
        scan(caption, &mut candidates);
    }
    if let Some(place) = place {
        candidates.push(Candidate {
            name: place.to_owned(),
            sentence_initial: false,
        });
    }
    for paragraph in body {
        scan(paragraph, &mut candidates);
    }

    let confirmed: HashSet<&str> = candidates
        .iter()
        .filter(|candidate| !candidate.sentence_initial)
        .map(|candidate| candidate.name.as_str())
        .collect();
    let mut seen = HashSet::new();
    let mut names = Vec::new();
    for candidate in &candidates {
        if candidate.sentence_initial && !confirmed.contains(candidate.name.as_str()) {
            continue;
        }
        for part in split_pair(&candidate.name, &confirmed) {
            if seen.insert(part) {
                names.push(part.to_owned());
            }
        }
    }

    let words_of_longer: HashSet<String> = names
        .iter()
        .filter(|name| name.contains(' '))
        .flat_map(|name| name.split(' ').map(str::to_owned))
        .collect();
    names.retain(|name| name.contains(' ') || !words_of_longer.contains(name));
    names
}

/// A possible name, and whether it is one capitalised word opening a sentence, which
/// counts only if the article names it elsewhere.
struct Candidate {
    name: String,
    sentence_initial: bool,
}

/// A capitalised word of a run, and whether it opens a sentence.
struct RunWord<'a> {
    text: &'a str,
    sentence_initial: bool,
}

enum Token<'a> {
    Word(&'a str),
    Punctuation { opens_sentence: bool },
}

fn scan(text: &str, candidates: &mut Vec<Candidate>) {
    let tokens = tokenize(text);
    let mut run: Vec<RunWord> = Vec::new();
    let mut sentence_start = true;
    let mut index = 0;
    while let Some(token) = tokens.get(index) {
        index += 1;
        let word = match *token {
            Token::Punctuation { opens_sentence } => {
                candidates.extend(candidate(&run));
                run.clear();
                sentence_start = opens_sentence;
                continue;
            }
            Token::Word(word) => word,
        };
        let word = match elided(word) {
            Some(rest) => {
                candidates.extend(candidate(&run));
                run.clear();
                sentence_start = false;
                rest
            }
            None => word,
        };
        let compass = match tokens.get(index) {
            Some(Token::Word(next)) if word == "du" && !run.is_empty() && is_compass(next) => Some(*next),
            _ => None,
        };
        if let Some(compass) = compass {
            run.push(RunWord {
                text: word,
                sentence_initial: false,
            });
            run.push(RunWord {
                text: compass,
                sentence_initial: false,
            });
            index += 1;
        } else if is_capitalised(word) {
            run.push(RunWord {
                text: word,
                sentence_initial: sentence_start,
            });
        } else {
            candidates.extend(candidate(&run));
            run.clear();
        }
        sentence_start = false;
    }
    candidates.extend(candidate(&run));
}

/// Words (letters, digits, marks, joined by inner hyphens and apostrophes) and the
/// punctuation between them; whitespace only separates.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    // ASCII first: no ASCII character is a combining mark, and most are ASCII.
    let is_word_char = |c: char| c.is_alphanumeric() || !c.is_ascii() && is_combining_mark(c);
    let is_joiner = |c: char| matches!(c, '-' | '\u{2011}' | '\'' | '’' | 'ʼ');
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_word_char(c) {
            let mut end = start + c.len_utf8();
            while let Some(&(at, next)) = chars.peek() {
                let after = at + next.len_utf8();
                let joins = is_joiner(next) && text[after..].starts_with(is_word_char);
                if !(is_word_char(next) || joins) {
                    break;
                }
                end = after;
                chars.next();
            }
            tokens.push(Token::Word(&text[start..end]));
        } else if !c.is_whitespace() {
            let opens_sentence = match c {
                '.' | '!' | '?' | '…' => ends_sentence(text, start),
                ':' | '«' | '“' | '"' => true,
                _ => false,
            };
            tokens.push(Token::Punctuation { opens_sentence });
        }
    }
    tokens
}

/// The word after an elided article or conjunction: `État` in `l’État`.
fn elided(word: &str) -> Option<&str> {
    let (prefix, rest) = word.split_once(['\'', '’', 'ʼ'])?;
    ELISIONS.contains(&prefix.to_lowercase().as_str()).then_some(rest)
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

fn is_compass(word: &str) -> bool {
    matches!(
        word,
        "Nord" | "Sud" | "Est" | "Ouest" | "Nord-Est" | "Nord-Ouest" | "Sud-Est" | "Sud-Ouest"
    )
}

/// The name a run of capitalised words gives once leading titles, institution nouns and
/// sentence-opening function words are stripped, if any.
fn candidate(run: &[RunWord]) -> Option<Candidate> {
    let start = run.iter().position(|word| {
        let lower = word.text.to_lowercase();
        let function_word = word.sentence_initial && FUNCTION_WORD_SET.contains(lower.as_str());
        !(function_word || NEVER_NAME_SET.contains(lower.as_str()) || word.text.chars().count() == 1)
    })?;
    let words = &run[start..];
    let name = words.iter().map(|word| word.text).collect::<Vec<_>>().join(" ");
    Some(Candidate {
        name,
        sentence_initial: words.len() == 1 && words[0].sentence_initial,
    })
}

/// The parts of a hyphenated pair whose every part is a name found on its own
/// (`Vietnam-Russie`), or the name itself (`Asie-Pacifique`, `Minh-Ville`).
fn split_pair<'a>(name: &'a str, confirmed: &HashSet<&str>) -> Vec<&'a str> {
    let is_pair =
        !name.contains(' ') && name.contains('-') && name.split('-').all(|part| confirmed.contains(part));
    if is_pair {
        name.split('-').collect()
    } else {
        vec![name]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
