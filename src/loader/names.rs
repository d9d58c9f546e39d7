//! The people and places an article mentions, found by capitalisation heuristics alone.
//!
//! A name is a run of capitalised words (`Nguyen Phu Trong`, `Ho Chi Minh-Ville`) between
//! punctuation and lowercase words. Leading titles (`Président`), institution nouns
//! (`Parti`, `Comité`), months and weekdays are stripped; sentence-initial function words
//! (`Le`, `Selon`, `À`) too. A single capitalised word opening a sentence (`Partageant`,
//! `Elles`) counts only when the article also names it mid-sentence. Acronyms (`VNA`,
//! `COVID-19`) and words with digits are not names. The article's language adds its own
//! titles, institution nouns and sentence openers (`Tổng Bí thư`, `el presidente`,
//! `Russian`). Lowercase particles join a place (`Corea del Norte`) when the whole is a
//! known place; places are told from people by the embedded place list.

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};

use foldhash::HashSet;
use unicode_normalization::char::is_combining_mark;

use super::places::{is_known_place, is_known_region, is_place_name};
use super::sentence::ends_sentence;
use super::words::WordSet;
use crate::article::Language;

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

/// English sentence openers beyond the shared ones.
#[rustfmt::skip]
const ENGLISH_OPENERS: &[&str] = &[
    "also", "both", "some", "many", "most", "all", "other", "another", "such", "since", "if",
    "last", "next", "earlier", "later", "speaking", "asked", "under", "over", "about", "despite",
    "although", "though", "because", "once", "until", "then", "now", "today", "yesterday",
    "tomorrow", "so", "yet", "nor", "not", "no", "yes", "what", "who", "which", "how", "why",
    "my", "your", "us", "them", "him", "me", "each", "every", "several", "few", "more",
    "further", "thus", "instead", "overall", "following", "among", "within", "without",
    "through", "into", "upon", "like", "unlike", "regarding", "including", "following",
];

/// English titles, capitalised nationality words and institution nouns: never a name's
/// first word (`Russian President Vladimir Putin` is Vladimir Putin).
#[rustfmt::skip]
const ENGLISH_NEVER: &[&str] = &[
    "premier", "deputy", "foreign", "defence", "defense", "finance", "trade", "senior",
    "former", "acting", "chief", "spokesman", "spokeswoman", "spokesperson", "official",
    "officials", "leader", "leaders", "envoy", "people", "industry", "news", "daily", "lawmaker", "senator", "governor", "mayor",
    "sir", "lord", "lady", "madam", "mister", "dr", "prof", "professor", "pope", "emperor",
    "prince", "princess", "colonel", "captain", "lieutenant", "admiral", "commander",
    "communist", "national", "central", "people's", "supreme", "federal", "royal", "united",
    "ministry", "minister's", "department", "office", "agency", "army", "navy", "police",
    "court", "parliament", "senate", "house", "white", "cabinet", "union", "nations",
    "organization", "organisation", "association", "summit", "conference", "forum",
    "commission", "authority", "embassy", "city", "province", "region", "district",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "american", "russian", "vietnamese", "chinese", "french", "british", "english", "german",
    "japanese", "korean", "indian", "thai", "lao", "laotian", "cambodian", "malaysian",
    "indonesian", "filipino", "philippine", "singaporean", "burmese", "myanmar", "australian",
    "canadian", "mexican", "brazilian", "argentine", "argentinian", "chilean", "peruvian",
    "colombian", "venezuelan", "cuban", "spanish", "portuguese", "italian", "dutch", "belgian",
    "swiss", "austrian", "polish", "czech", "slovak", "hungarian", "romanian", "bulgarian",
    "greek", "turkish", "ukrainian", "belarusian", "georgian", "armenian", "iranian",
    "iraqi", "syrian", "israeli", "palestinian", "lebanese", "jordanian", "egyptian", "saudi",
    "emirati", "qatari", "kuwaiti", "yemeni", "afghan", "pakistani", "bangladeshi", "nepali",
    "sri", "lankan", "african", "nigerian", "kenyan", "ethiopian", "south", "european",
    "asian", "arab", "western", "swedish", "norwegian", "danish", "finnish", "irish",
    "scottish", "welsh", "serbian", "croatian", "mongolian", "taiwanese", "kazakh", "uzbek",
];

/// Spanish sentence openers.
#[rustfmt::skip]
const SPANISH_OPENERS: &[&str] = &[
    "el", "la", "los", "las", "un", "una", "unos", "unas", "este", "esta", "estos", "estas",
    "ese", "esa", "esos", "esas", "eso", "esto", "en", "de", "del", "con", "por", "para",
    "según", "tras", "durante", "desde", "hasta", "sin", "sobre", "entre", "ante", "bajo",
    "y", "o", "pero", "sino", "que", "quien", "como", "cuando", "donde", "también", "además",
    "asimismo", "así", "no", "sí", "su", "sus", "al", "a", "lo", "le", "les", "se", "él",
    "ella", "ellos", "ellas", "nosotros", "hoy", "ayer", "mañana", "allí", "aquí", "ya", "aún",
    "muy", "más", "menos", "todo", "toda", "todos", "todas", "cada", "otro", "otra", "otros",
    "otras", "mientras", "luego", "después", "antes", "entonces", "incluso", "ambos", "ambas",
    "dicho", "dicha", "asimismo", "sin", "embargo", "cuyo", "cuya", "varios", "varias",
];

/// Spanish titles, institution nouns, months, weekdays and compass points.
#[rustfmt::skip]
const SPANISH_NEVER: &[&str] = &[
    "presidente", "presidenta", "primer", "primera", "ministro", "ministra", "vicepresidente",
    "vicepresidenta", "viceprimer", "secretario", "secretaria", "canciller", "embajador",
    "embajadora", "rey", "reina", "príncipe", "princesa", "señor", "señora", "sr", "sra",
    "don", "doña", "jefe", "jefa", "portavoz", "gobierno", "ministerio", "partido",
    "comité", "congreso", "asamblea", "consejo", "ejército", "fuerzas", "naciones", "unidas",
    "organización", "asociación", "embajada", "cumbre", "foro", "conferencia", "universidad",
    "banco", "fondo", "estado", "república", "reino", "cámara", "senado", "parlamento",
    "tribunal", "corte", "agencia", "oficina", "ciudad", "provincia", "región", "frente",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves",
    "viernes", "sábado", "domingo", "norte", "sur", "este", "oeste", "noreste", "sudeste",
    "sureste", "noroeste", "suroeste",
];

/// Vietnamese sentence openers.
#[rustfmt::skip]
const VIETNAMESE_OPENERS: &[&str] = &[
    "các", "những", "theo", "trong", "tại", "ngày", "sau", "khi", "về", "với", "đây", "này",
    "cùng", "bên", "hai", "một", "nhân", "trước", "từ", "để", "do", "vì", "nếu", "tuy",
    "nhưng", "và", "cũng", "ngoài", "qua", "thay", "chiều", "sáng", "tối", "trưa", "hôm",
    "dịp", "lúc", "đó", "đến", "hiện", "cả", "mỗi", "nhiều", "đối", "phát", "tiếp", "trả",
    "năm", "tháng", "tuần", "đồng", "hội", "việc", "điều", "người", "chúng", "tôi", "ta",
    "họ", "nó", "đặc", "biệt", "bày", "tỏ", "nhấn", "mạnh", "cho", "là", "có", "đã", "sẽ",
];

/// Vietnamese titles and institution nouns, whose first syllables alone are capitalised
/// (`Tổng Bí thư`, `Thủ tướng`, `Đảng Cộng sản`, `Nhà nước`, `Liên bang`, `Quốc hội`).
#[rustfmt::skip]
const VIETNAMESE_NEVER: &[&str] = &[
    "tổng", "bí", "thủ", "chủ", "phó", "bộ", "ban", "đảng", "nhà", "liên", "quốc", "chính",
    "ủy", "uỷ", "hội", "văn", "trung", "tòa", "toà", "viện", "sở", "cục", "công", "đại",
    "thượng", "thiếu", "đồng", "ông", "bà", "anh", "chị", "tiến", "giáo", "thành", "tỉnh",
    "huyện", "xã", "phường", "quận", "thứ", "tháng", "ngày", "năm",
    "cộng", "hòa", "hoà", "mặt", "trận", "ngân", "hàng", "học", "trường",
    "cảnh", "quân", "ngoại", "nội", "an", "bảo", "kinh", "tế", "phủ", "trụ", "đối", "nguyên",
    "cựu", "lãnh", "đoàn", "sứ", "tướng",
];

/// The last word of an institution's name (`Communist Party`, `Asian Development Bank`):
/// such a run is no one's name.
#[rustfmt::skip]
static INSTITUTION_TAILS: WordSet = WordSet::new(&[
    "party", "committee", "council", "ministry", "assembly", "bank", "university", "agency",
    "office", "department", "army", "court", "parliament", "senate", "congress", "government",
    "union", "association", "organization", "organisation", "forum", "summit", "conference",
    "commission", "fund", "police", "airlines", "group", "company", "corporation", "institute",
    "academy", "news", "times", "post", "nations", "authority", "federation", "movement",
    "front", "forces", "force", "guard", "administration", "secretariat", "politburo",
    "alliance", "community", "cup", "games", "championship", "declaration", "agreement",
]);

/// The sentence openers and the words never a name's first, for each language's rules;
/// French (the shared lists hold French and common English words) when none is known.
struct Rules {
    openers: &'static WordSet,
    never: &'static WordSet,
}

static BASE_OPENERS: WordSet = WordSet::new(FUNCTION_WORDS);
static BASE_NEVER: WordSet = WordSet::new(NEVER_NAMES);
static EN_OPENERS: WordSet = WordSet::union(FUNCTION_WORDS, ENGLISH_OPENERS);
static EN_NEVER: WordSet = WordSet::union(NEVER_NAMES, ENGLISH_NEVER);
static ES_OPENERS: WordSet = WordSet::union(FUNCTION_WORDS, SPANISH_OPENERS);
static ES_NEVER: WordSet = WordSet::union(NEVER_NAMES, SPANISH_NEVER);
static VI_OPENERS: WordSet = WordSet::union(FUNCTION_WORDS, VIETNAMESE_OPENERS);
static VI_NEVER: WordSet = WordSet::union(NEVER_NAMES, VIETNAMESE_NEVER);
static FRENCH_RULES: Rules = Rules {
    openers: &BASE_OPENERS,
    never: &BASE_NEVER,
};
static ENGLISH_RULES: Rules = Rules {
    openers: &EN_OPENERS,
    never: &EN_NEVER,
};
static SPANISH_RULES: Rules = Rules {
    openers: &ES_OPENERS,
    never: &ES_NEVER,
};
static VIETNAMESE_RULES: Rules = Rules {
    openers: &VI_OPENERS,
    never: &VI_NEVER,
};

fn rules(language: Option<Language>) -> &'static Rules {
    match language {
        None | Some(Language::French) => &FRENCH_RULES,
        Some(Language::English) => &ENGLISH_RULES,
        Some(Language::Spanish) => &SPANISH_RULES,
        Some(Language::Vietnamese) => &VIETNAMESE_RULES,
    }
}

/// Whether a lowercase word joins capitalised ones into one place, when the whole is a
/// known place: `Corea del Norte`, `Rio de Janeiro`, `Bosnia y Herzegovina`.
fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "del" | "du" | "des" | "da" | "do" | "dos" | "das" | "di" | "of" | "y" | "and" | "et" | "e"
    )
}

/// Elided articles and conjunctions before an apostrophe (`l’`, `d’`, `qu’`).
#[rustfmt::skip]
static ELISIONS: WordSet = WordSet::new(&[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
]);

/// The names an article mentions, in order of first mention, and which are places.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Found {
    pub names: Vec<String>,
    /// The places among `names`, in the same order.
    pub places: Vec<String>,
}

/// The names in an article's captions, dateline place and body, in order of first mention,
/// each once, by the rules of its `language`. A hyphenated pair of names found apart
/// (`Vietnam-Russie`) gives its parts, and a single word already part of a longer name
/// (`Trong` beside `Nguyen Phu Trong`) is left out. Places are the dateline's and those
/// on the place list.
pub(crate) fn find(
    captions: &[String],
    place: Option<&str>,
    body: &[String],
    language: Option<Language>,
) -> Found {
    let mut scanner = Scanner {
        rules: rules(language),
        candidates: Vec::new(),
        run: Vec::new(),
    };
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
    let mut distinct = Vec::new();
    for candidate in &candidates {
        if candidate.sentence_initial
            && !confirmed.contains(candidate.name.as_ref())
            && !(candidate.name.chars().count() > 3 && is_known_place(&candidate.name))
        {
            continue;
        }
        for part in split_pair(&candidate.name, &confirmed) {
            if seen.insert(part) {
                distinct.push(part);
            }
        }
    }
    // Refined once a name, not once a mention.
    let rules = rules(language);
    let mut refined = HashSet::default();
    let mut names = Vec::with_capacity(distinct.len());
    for name in distinct {
        refine(name, rules, &mut |part| {
            if refined.insert(part) {
                names.push(part);
            }
        });
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
    let mut places: Vec<String> = kept
        .iter()
        .filter(|name| place == Some(name.as_str()) || is_place_name(name))
        .cloned()
        .collect();
    places.shrink_to_fit();
    Found { names: kept, places }
}

/// A possible name, and whether it is one capitalised word opening a sentence, which
/// counts only if the article names it elsewhere. Borrowed from the text when its words
/// are there apart by single spaces, as they nearly always are.
struct Candidate<'a> {
    name: Cow<'a, str>,
    sentence_initial: bool,
}

/// A word of a run, by its place in the text, whether it opens a sentence, and whether it
/// is a lowercase particle (`del`) joining capitalised words.
struct RunWord {
    span: Range<usize>,
    sentence_initial: bool,
    particle: bool,
}

/// The candidates found so far, and the run of capitalised words being read, kept from
/// text to text so neither is allocated again.
struct Scanner<'a> {
    rules: &'static Rules,
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
            let mut possessive = false;
            let word = match apostrophe.and_then(|at| elided(text, &word, at)) {
                Some(rest) => {
                    self.end_run(text);
                    sentence_start = false;
                    rest
                }
                None => match apostrophe.and_then(|at| possessive_of(text, &word, at)) {
                    Some(owner) => {
                        possessive = true;
                        owner
                    }
                    None => word,
                },
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
                self.push(word, false);
                self.push(compass, false);
                tokens.next();
            } else if is_capitalised(&text[word.clone()]) {
                self.push(word, sentence_start);
            } else if !self.run.is_empty()
                && is_particle(&text[word.clone()])
                && matches!(tokens.peek(), Some(Token::Word { span: next, .. }) if is_capitalised(&text[next.clone()]))
            {
                self.run.push(RunWord {
                    span: word,
                    sentence_initial: false,
                    particle: true,
                });
            } else {
                self.end_run(text);
            }
            if possessive {
                self.end_run(text);
            }
            sentence_start = false;
        }
        self.end_run(text);
    }

    fn push(&mut self, span: Range<usize>, sentence_initial: bool) {
        self.run.push(RunWord {
            span,
            sentence_initial,
            particle: false,
        });
    }

    /// Takes the names the run gives, and starts a new run. In a run holding particles,
    /// the stretches a particle joins are one name where together they are a known place
    /// (`Corea del Sur`, `Bosnia and Herzegovina`), else each stretch is a name of its own.
    fn end_run(&mut self, text: &'a str) {
        let run = std::mem::take(&mut self.run);
        if !run.iter().any(|word| word.particle) {
            self.take(text, &run);
        } else {
            let stretches: Vec<&[RunWord]> = run.split(|word| word.particle).collect();
            // Where each stretch starts in the run, to take several with their particles.
            let mut starts = Vec::with_capacity(stretches.len());
            let mut at = 0;
            for stretch in &stretches {
                starts.push(at);
                at += stretch.len() + 1;
            }
            let mut first = 0;
            while first < stretches.len() {
                let joined_place = (first + 1..stretches.len()).rev().find(|&last| {
                    let words = &run[starts[first]..starts[last] + stretches[last].len()];
                    let start = self.first_kept(text, words).unwrap_or(0);
                    let compass = words.windows(2).any(|pair| {
                        &text[pair[0].span.clone()] == "du" && is_compass(&text[pair[1].span.clone()])
                    });
                    compass || is_known_place(&run_text(text, &words[start..]))
                });
                match joined_place {
                    Some(last) => {
                        self.take(text, &run[starts[first]..starts[last] + stretches[last].len()]);
                        first = last + 1;
                    }
                    None => {
                        self.take(text, stretches[first]);
                        first += 1;
                    }
                }
            }
        }
        self.run = run;
        self.run.clear();
    }

    /// Where the name in `words` starts, past leading titles, institution nouns,
    /// sentence-opening function words and particles.
    fn first_kept(&self, text: &str, words: &[RunWord]) -> Option<usize> {
        words.iter().position(|word| {
            let word_text = &text[word.span.clone()];
            let function_word = word.sentence_initial && self.rules.openers.contains(word_text);
            !(word.particle
                || function_word
                || self.rules.never.contains(word_text)
                || is_one_character(word_text))
        })
    }

    /// Takes the name `words` give, if any: past its leading titles; none if it ends with
    /// an institution noun; a known place leading a longer name (`Nga Vladimir Putin`)
    /// apart from it.
    fn take(&mut self, text: &'a str, words: &[RunWord]) {
        let start = self.first_kept(text, words);
        // A known place whole, whatever its first word (`North Korea`, `United States`).
        if start != Some(0) && words.len() > 1 {
            let opened = words.iter().position(|word| {
                !(word.sentence_initial && self.rules.openers.contains(&text[word.span.clone()]))
            });
            if let Some(opened) = opened
                && start != Some(opened)
                && words.len() - opened > 1
                && is_known_place(&run_text(text, &words[opened..]))
            {
                self.push_candidate(text, &words[opened..]);
                return;
            }
        }
        let Some(start) = start else {
            return;
        };
        self.push_candidate(text, &words[start..]);
    }

    fn push_candidate(&mut self, text: &'a str, words: &[RunWord]) {
        let name = run_text(text, words);
        self.candidates.push(Candidate {
            name,
            sentence_initial: words.len() == 1 && words[0].sentence_initial,
        });
    }
}

/// `name` as names go out: none if it ends with an institution noun (`Communist Party`);
/// a known country leading a longer name (`Nga Vladimir Putin`) apart from it, the rest
/// past its titles.
fn refine<'n>(name: &'n str, rules: &Rules, out: &mut impl FnMut(&'n str)) {
    let Some((_, last)) = name.rsplit_once(' ') else {
        out(name);
        return;
    };
    if INSTITUTION_TAILS.contains(last) {
        return;
    }
    let spaces: Vec<usize> = name.match_indices(' ').map(|(at, _)| at).collect();
    if spaces.len() >= 2 && !is_known_place(name) {
        // A prefix of at most all words but two.
        let prefix_end = spaces[..spaces.len() - 1]
            .iter()
            .rev()
            .copied()
            .find(|&end| is_known_region(&name[..end]));
        if let Some(end) = prefix_end {
            out(&name[..end]);
            let mut rest = &name[end + 1..];
            while let Some((word, after)) = rest.split_once(' ')
                && (rules.never.contains(word) || is_one_character(word))
            {
                rest = after;
            }
            if !(rules.never.contains(rest) || is_one_character(rest)) {
                refine(rest, rules, out);
            }
            return;
        }
    }
    out(name);
}

/// The words of a run, one space apart: borrowed from the text when they are there so,
/// as they nearly always are.
fn run_text<'a>(text: &'a str, words: &[RunWord]) -> Cow<'a, str> {
    let spaced = words
        .windows(2)
        .all(|pair| &text[pair[0].span.end..pair[1].span.start] == " ");
    match (words.first(), words.last()) {
        (Some(first), Some(last)) if spaced => Cow::Borrowed(&text[first.span.start..last.span.end]),
        _ => Cow::Owned(joined(text, words)),
    }
}

/// The words of a run, one space apart.
fn joined(text: &str, words: &[RunWord]) -> String {
    words
        .iter()
        .map(|word| &text[word.span.clone()])
        .collect::<Vec<_>>()
        .join(" ")
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

/// The owner in an English possessive, `Russia` in `Russia's`: the span of `word` before
/// its apostrophe at `apostrophe`.
fn possessive_of(text: &str, word: &Range<usize>, apostrophe: usize) -> Option<Range<usize>> {
    let mark = char_at(text, apostrophe)?;
    let after = &text[apostrophe + mark.len_utf8()..word.end];
    (after == "s" || after == "S").then_some(word.start..apostrophe)
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
        find(&[], None, &[body.to_owned()], None).names
    }

    fn names_in_language(body: &str, language: Language) -> Found {
        find(&[], None, &[body.to_owned()], Some(language))
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

    #[test]
    fn english_titles_nationalities_and_possessives_are_not_names() {
        let found = names_in_language(
            "Russian President Vladimir Putin met Vietnam's leader To Lam. The Communist Party said so.",
            Language::English,
        );
        assert_eq!(found.names, ["Vladimir Putin", "Vietnam", "To Lam"]);
        assert_eq!(found.places, ["Vietnam"]);
    }

    #[test]
    fn spanish_titles_and_places_with_particles() {
        let found = names_in_language(
            "El presidente Vladímir Putin visitó Corea del Norte y luego Vietnam.",
            Language::Spanish,
        );
        assert_eq!(found.names, ["Vladímir Putin", "Corea del Norte", "Vietnam"]);
    }

    #[test]
    fn vietnamese_titles_institutions_and_leading_countries() {
        let found = names_in_language(
            "Tổng Bí thư Tô Lâm tiếp Tổng thống Nga Vladimir Putin tại Trụ sở Trung ương Đảng Cộng sản Việt Nam.",
            Language::Vietnamese,
        );
        assert_eq!(found.names, ["Tô Lâm", "Nga", "Vladimir Putin", "Việt Nam"]);
        assert_eq!(found.places, ["Nga", "Việt Nam"]);
    }

    #[test]
    fn ban_is_a_name_outside_vietnamese() {
        assert_eq!(names_in("Il a rencontré Ban Ki-moon hier."), ["Ban Ki-moon"]);
    }
}
