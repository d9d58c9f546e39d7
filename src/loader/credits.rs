//! The marks agencies leave around a dispatch's text: photo credits closing captions, the
//! dateline opening the lead (`HANOI, June 20 (Xinhua) --`), and the signatures and credits
//! closing it (`-VNA/VI`, `Enditem`, `(Reporting by …; Editing by …)`, `bur-ab/cd`).
//! Any agency is read in these positions, not a fixed list.

/// The caption before a closing photo credit (`… le 11 mai. Photo: VNA`, `(Photo : AFP)`,
/// `Photo d’archives : Reuters`, `Foto: EFE`, `(Ảnh: TTXVN)`, `… 2024. REUTERS/Kham`);
/// `Some("")` for a credit alone, `None` without a credit.
pub(crate) fn strip_credit(block: &str) -> Option<&str> {
    if let Some(caption) = strip_wire_photo_credit(block) {
        return Some(caption);
    }
    let (at, word, bracketed) = last_credit_word(block)?;
    if !is_credit(&block[at + word.len()..], bracketed) {
        return None;
    }
    let caption = block[..at].trim_end();
    let caption = if bracketed {
        &caption[..caption.len() - 1]
    } else {
        caption
    };
    Some(caption.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '-' | '|')))
}

/// The words that open a photo credit.
const CREDIT_WORDS: [&str; 9] = [
    "Photo", "photo", "PHOTO", "Foto", "foto", "FOTO", "Ảnh", "ảnh", "ẢNH",
];

/// Credit words stand at most this many bytes before the colon that follows them
/// (`Photo d’archives :`).
const CREDIT_REACH: usize = 48;

/// The last credit word that starts a word, where it is, and whether a bracket opens it.
fn last_credit_word(block: &str) -> Option<(usize, &'static str, bool)> {
    // Only just before the last colon: every credit has one after its word.
    let colon = memchr::memrchr(b':', block.as_bytes())?;
    let floor = colon.saturating_sub(CREDIT_REACH);
    // Found from the colon back a byte at a time: every credit word starts with `P`, `p`,
    // `F`, `f` or the first byte of `Ả`/`ả`.
    let mut end = colon;
    loop {
        let at = floor
            + block.as_bytes()[floor..end]
                .iter()
                .rposition(|&byte| matches!(byte, b'P' | b'p' | b'F' | b'f' | 0xE1))?;
        end = at;
        let Some(word) = CREDIT_WORDS
            .into_iter()
            .find(|word| block.get(at..).is_some_and(|rest| rest.starts_with(word)))
        else {
            continue;
        };
        match block[..at].chars().next_back() {
            None => return Some((at, word, false)),
            Some('(' | '[') => return Some((at, word, true)),
            Some(c) if c.is_whitespace() => return Some((at, word, false)),
            Some(_) => {}
        }
    }
}

/// Whether `tail`, what follows the credit word, completes a credit: an optional lowercase
/// qualifier, a colon, and a short agency name at the very end.
fn is_credit(tail: &str, bracketed: bool) -> bool {
    let tail = tail.strip_prefix('s').unwrap_or(tail);
    if !tail.starts_with(|c: char| c.is_whitespace() || c == ':') {
        return false;
    }
    let Some((qualifier, agency)) = tail.split_once(':') else {
        return false;
    };
    let qualifier = qualifier.trim();
    let qualifier_ok = qualifier.chars().count() <= 25
        && !qualifier.contains('.')
        && qualifier
            .split_whitespace()
            .all(|word| word.chars().next().is_some_and(char::is_lowercase));
    let agency = agency.trim();
    let agency = if bracketed {
        match agency.strip_suffix([')', ']']) {
            Some(agency) => agency.trim_end(),
            None => return false,
        }
    } else {
        agency
    };
    let agency = agency.strip_suffix('.').unwrap_or(agency);
    let words: Vec<&str> = agency.split_whitespace().collect();
    let agency_ok = (1..=4).contains(&words.len())
        && agency.chars().count() <= 40
        && !agency.contains([',', ';', ':', '(', ')'])
        && !agency.contains(". ")
        && words.iter().all(|word| {
            word.contains('.')
                || word
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
    qualifier_ok && agency_ok
}

/// A caption closed the wire services' way, `… on June 20, 2024. REUTERS/Kham`: an
/// agency in capitals, a slash and the photographer, after a sentence.
fn strip_wire_photo_credit(block: &str) -> Option<&str> {
    let slash = block.rfind('/')?;
    let (before, photographer) = (&block[..slash], block[slash + 1..].trim());
    let agency_start = before.rfind(char::is_whitespace).map_or(0, |at| at + 1);
    let agency = &before[agency_start..];
    let caption = before[..agency_start].trim_end();
    let agency_ok = agency.chars().count() >= 2 && agency.chars().all(|c| c.is_uppercase());
    let photographer_ok = (1..=4).contains(&photographer.split_whitespace().count())
        && photographer.chars().count() <= 40
        && photographer.split_whitespace().all(|word| {
            word.starts_with(char::is_uppercase)
                && word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
        });
    (agency_ok && photographer_ok && caption.ends_with(['.', ')'])).then_some(caption)
}

/// What a dateline (`Hanoï (VNA) –`, `HANOI, June 20 (Xinhua) --`, `Hanói, 20 jun
/// (EFE).-`, `(Reuters) -`) says, and the lead after it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Dateline<'a> {
    /// As written; see [`usual_case`] for how it is shown.
    pub place: Option<&'a str>,
    pub agency: &'a str,
    pub rest: &'a str,
}

/// Lowercase words a place name may hold: `Rio de Janeiro`, `Châlons-en-Champagne`,
/// `Corea del Norte`.
const PLACE_PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "las", "los", "di", "do", "da", "del", "sur", "en", "y", "et", "of",
    "the", "upon", "on",
];

/// The dateline opening `lead`, if it has one.
pub(crate) fn split_dateline(lead: &str) -> Option<Dateline<'_>> {
    let open = lead.get(..lead.len().min(120))?.find('(')?;
    let close = open + lead[open..].find(')')?;
    let heading = lead[..open].trim();
    let (place, after_place) = match heading.split_once(',') {
        Some((place, after)) => (place.trim(), after.trim()),
        None => (heading, ""),
    };
    let place_word_ok = |word: &str| word.starts_with(char::is_uppercase) || PLACE_PARTICLES.contains(&word);
    let place_ok = place.is_empty() && after_place.is_empty()
        || place.starts_with(char::is_uppercase)
            && place.split_whitespace().count() <= 5
            && place.split_whitespace().all(place_word_ok)
            && !place.contains(['.', ';', ':', '!', '?', '«', '»', '"', '“', '”']);
    // After the comma: a date (`20 jun`, `June 20`, `Jan. 5`, `20/6`) or a country.
    let after_ok = after_place.split_whitespace().count() <= 4
        && !after_place.contains([',', ';', ':', '!', '?', '«', '»', '"', '“', '”'])
        && after_place
            .split_whitespace()
            .all(|word| !word.ends_with('.') || word.chars().count() <= 5);
    let heading_ok = heading.chars().count() <= 60 && place_ok && after_ok;
    let agency = lead[open + 1..close].trim();
    let rest = lead[close + 1..].trim_start();
    let rest = rest.strip_prefix('.').map_or(rest, str::trim_start);
    let rest = ["--", "–", "—", "-", "‒", "―", ":"]
        .into_iter()
        .find_map(|dash| rest.strip_prefix(dash))?
        .trim_start();
    (heading_ok && is_agency(agency)).then(|| Dateline {
        place: (!place.is_empty()).then_some(place),
        agency: agency.split('/').next().unwrap_or(agency).trim(),
        rest,
    })
}

/// An agency's name as agencies write it in datelines and credits: `VNA`, `AFP`, `EFE`,
/// `Reuters`, `Xinhua`, `TTXVN`, `dpa`, `Europa Press`, `VNA/VI`.
fn is_agency(agency: &str) -> bool {
    let letters = agency.chars().filter(|c| c.is_alphabetic()).count();
    let has_capital = agency.chars().any(char::is_uppercase);
    (2..=30).contains(&agency.chars().count())
        && agency.split_whitespace().count() <= 3
        && letters >= 2
        && (has_capital || agency.chars().count() <= 4)
        && agency
            .split_whitespace()
            .all(|word| word.starts_with(|c: char| c.is_alphabetic()))
        && agency
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | '&' | ' '))
}

/// A place written in capitals (`HANOI`, `HO CHI MINH-VILLE`, `HÀ NỘI`, `RIO DE JANEIRO`)
/// in its usual case (`Hanoi`, `Ho Chi Minh-Ville`, `Hà Nội`, `Rio de Janeiro`); any other
/// place as it is.
pub(crate) fn usual_case(place: &str) -> String {
    let letters = || place.chars().filter(|c| c.is_alphabetic());
    if letters().nth(1).is_none() || !letters().all(char::is_uppercase) {
        return place.to_owned();
    }
    let mut out = String::with_capacity(place.len());
    for (index, word) in place.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if index > 0 && PLACE_PARTICLES.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        let mut capital_next = true;
        for c in lower.chars() {
            if capital_next {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            capital_next = matches!(c, '-' | '\'' | '’');
        }
    }
    out
}

/// Whether `block` is only an agency's name, the way some close their dispatches (`AFP`,
/// `EFE`, `(Reuters)`, `Xinhua`, `TTXVN`): the agency, if so.
fn agency_alone(block: &str) -> Option<&str> {
    let name = block.trim();
    let name = name
        .strip_prefix('(')
        .and_then(|inner| inner.strip_suffix(')'))
        .unwrap_or(name)
        .trim();
    let name = name.trim_start_matches(['-', '–', '—']).trim();
    let one_word = !name.contains(char::is_whitespace);
    let bare = !name.ends_with('.');
    (one_word
        && bare
        && name.chars().count() <= 12
        && name.starts_with(char::is_uppercase)
        && is_agency(name))
    .then(|| name.split('/').next().unwrap_or(name))
}

/// Words that close a dispatch without saying anything: `Enditem` (Xinhua), `FIN`, `END`.
const END_MARKS: &[&str] = &[
    "enditem", "end item", "fin", "end", "(end)", "(fin)", "###", "-30-", "hết", "(hết)", "-fin-",
];

fn is_end_mark(word: &str) -> bool {
    let word = word.trim();
    word.len() <= 12 && END_MARKS.contains(&word.to_lowercase().as_str())
}

/// AFP-style initials of the writers and editors (`bur-ab/cd`, `abc/def`, `jm/lb/ppy`).
fn is_initials(token: &str) -> bool {
    let token = token.trim();
    token.contains('/')
        && token.len() <= 40
        && token
            .split(['/', '-'])
            .all(|part| (2..=6).contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_lowercase()))
}

/// Words that open a closing credit paragraph: `(Reporting by …; Editing by …)`.
const CREDIT_OPENERS: &[&str] = &[
    "reporting by",
    "additional reporting",
    "writing by",
    "written by",
    "editing by",
    "edited by",
    "compiled by",
    "reporting and writing",
    "reportage",
    "rédaction",
    "rédigé par",
    "édité par",
    "avec ",
    "con información",
    "redacción",
    "edición",
    "información de",
    "por ",
];

fn is_credit_paragraph(block: &str) -> bool {
    let Some(inner) = block
        .trim()
        .strip_prefix('(')
        .and_then(|inner| inner.strip_suffix(')'))
    else {
        return false;
    };
    let lower = inner.trim_start().to_lowercase();
    inner.chars().count() <= 400 && CREDIT_OPENERS.iter().any(|opener| lower.starts_with(opener))
}

/// What came off the end of a dispatch: the agency it names, if any, and the writer when a
/// credit names one (`Thu Hằng (TTXVN)`).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Closing {
    pub agency: Option<String>,
    pub author: Option<String>,
}

/// Removes every signature and credit closing `body` (several may follow each other:
/// `… said. Enditem`, `EFE` then `abc/def`), and says what they named.
pub(crate) fn strip_closing(body: &mut Vec<String>) -> Closing {
    let mut closing = Closing::default();
    for _ in 0..6 {
        let Some(last) = body.last_mut() else {
            break;
        };
        let changed = strip_one_closing(last, &mut closing);
        if last.is_empty() {
            body.pop();
        }
        if !changed {
            break;
        }
    }
    closing
}

/// Removes one closing mark from `last`, which may end empty; whether one was found.
fn strip_one_closing(last: &mut String, closing: &mut Closing) -> bool {
    let text = last.trim_end();
    if is_end_mark(text) || is_initials(text) || is_credit_paragraph(text) {
        last.clear();
        return true;
    }
    if let Some(agency) = agency_alone(text) {
        closing.agency.get_or_insert_with(|| agency.to_owned());
        last.clear();
        return true;
    }
    if let Some((writer, agency)) = writer_and_agency(text) {
        closing.agency.get_or_insert_with(|| agency.to_owned());
        if !writer.is_empty() {
            closing.author.get_or_insert_with(|| writer.to_owned());
        }
        last.clear();
        return true;
    }
    // A mark after the last sentence, on the same line or glued: `… said. Enditem`.
    if let Some(space) = text.rfind(char::is_whitespace) {
        let (kept, mark) = (text[..space].trim_end(), &text[space + 1..]);
        let after_sentence = kept.ends_with(['.', '!', '?', '…', '»', '”', '"', ')']);
        if after_sentence && (is_end_mark(mark) || is_initials(mark)) {
            last.truncate(kept.len());
            return true;
        }
    }
    if let Some((kept, agency)) = split_signature(text) {
        closing.agency.get_or_insert_with(|| agency.to_owned());
        let kept = kept.len();
        last.truncate(kept);
        return true;
    }
    false
}

/// A last line naming the writer and the agency, `Thu Hằng (TTXVN)`: both, the writer
/// possibly empty.
fn writer_and_agency(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let (writer, agency) = (inner[..open].trim(), inner[open + 1..].trim());
    let writer_ok = writer.chars().count() <= 40
        && writer.split_whitespace().count() <= 4
        && writer
            .split_whitespace()
            .all(|word| word.starts_with(char::is_uppercase) && !word.ends_with(['.', ',', ';', ':']));
    (writer_ok && is_agency(agency) && agency.chars().any(char::is_uppercase))
        .then(|| (writer, agency.split('/').next().unwrap_or(agency)))
}

/// An agency signature closing the last paragraph (`mondiaux.-VNA/VI`, `acceptée. -VNA`,
/// `.- AFP`): the paragraph without it, and the agency. Only after a sentence end, or a
/// space and a dash glued to the agency, so `entre le Vietnam - ASEAN` is left alone.
pub(crate) fn split_signature(last: &str) -> Option<(&str, &str)> {
    let text = last.trim_end();
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_uppercase() || c == '/')
        .last()
        .map(|(at, _)| at)?;
    let signature = &text[start..];
    let mut parts = signature.split('/');
    let agency = parts.next().filter(|agency| (2..=8).contains(&agency.len()))?;
    if !parts.all(|desk| (1..=8).contains(&desk.len())) {
        return None;
    }
    let before = &text[..start];
    let before_dash = before.trim_end();
    let space_after_dash = before_dash.len() < before.len();
    let dash = before_dash
        .chars()
        .next_back()
        .filter(|c| matches!(c, '-' | '–' | '—'))?;
    let head = &before_dash[..before_dash.len() - dash.len_utf8()];
    let head = head.strip_suffix('-').unwrap_or(head);
    let kept = head.trim_end();
    let space_before_dash = kept.len() < head.len();
    let after_sentence = kept.is_empty() || kept.ends_with(['.', '!', '?', '…', '»', '”', '"', ')']);
    (after_sentence || space_before_dash && !space_after_dash).then_some((kept, agency))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_are_recognised_in_their_variants() {
        assert_eq!(
            strip_credit("Le départ, le 11 mai. Photo: VNA"),
            Some("Le départ, le 11 mai.")
        );
        assert_eq!(strip_credit("Une vue. Photo : AFP"), Some("Une vue."));
        assert_eq!(strip_credit("Une vue. Photo\u{a0}: Reuters"), Some("Une vue."));
        assert_eq!(
            strip_credit("Une vue. Photo\u{202f}: Xinhua/VNA"),
            Some("Une vue.")
        );
        assert_eq!(strip_credit("Une vue (Photo : AFP)"), Some("Une vue"));
        assert_eq!(strip_credit("Une vue. Photo d’archives : VNA"), Some("Une vue."));
        assert_eq!(strip_credit("Photo : VNA"), Some(""));
        assert_eq!(
            strip_credit("Una vista de Hanói. Foto: EFE"),
            Some("Una vista de Hanói.")
        );
        assert_eq!(
            strip_credit("Tổng Bí thư Tô Lâm phát biểu. (Ảnh: Thống Nhất/TTXVN)"),
            Some("Tổng Bí thư Tô Lâm phát biểu.")
        );
        assert_eq!(
            strip_credit("Vietnam's Prime Minister speaks in Hanoi, June 20, 2024. REUTERS/Thanh Hue"),
            Some("Vietnam's Prime Minister speaks in Hanoi, June 20, 2024.")
        );
    }

    #[test]
    fn text_about_photos_is_not_a_credit() {
        assert_eq!(strip_credit("Ils ont pris une photo : les dirigeants"), None);
        assert_eq!(strip_credit("Photo: VNA. Le texte continue ici."), None);
        assert_eq!(strip_credit("La Photothèque : VNA"), None);
        assert_eq!(strip_credit("Les échanges Vietnam/Russie progressent"), None);
    }

    fn dateline(lead: &str) -> Option<(Option<&str>, &str, &str)> {
        split_dateline(lead).map(|line| (line.place, line.agency, line.rest))
    }

    #[test]
    fn datelines_give_place_and_agency() {
        assert_eq!(
            dateline("Hanoï (VNA) – Le secrétaire"),
            Some((Some("Hanoï"), "VNA", "Le secrétaire"))
        );
        assert_eq!(
            dateline("Ho Chi Minh-Ville (VNA) -Le"),
            Some((Some("Ho Chi Minh-Ville"), "VNA", "Le"))
        );
        assert_eq!(
            dateline("Paris, 12 mai (AFP)\u{a0}— Le"),
            Some((Some("Paris"), "AFP", "Le"))
        );
    }

    #[test]
    fn datelines_of_every_agency_and_dash() {
        assert_eq!(
            dateline("HANOI, June 20 (Xinhua) -- Vietnamese leaders"),
            Some((Some("HANOI"), "Xinhua", "Vietnamese leaders"))
        );
        assert_eq!(
            dateline("Hanói, 20 jun (EFE).- El presidente"),
            Some((Some("Hanói"), "EFE", "El presidente"))
        );
        assert_eq!(
            dateline("HANOI, Vietnam (AP) — Vietnam's leader"),
            Some((Some("HANOI"), "AP", "Vietnam's leader"))
        );
        assert_eq!(
            dateline("HANOI, June 20 (Reuters) - Vietnam"),
            Some((Some("HANOI"), "Reuters", "Vietnam"))
        );
        assert_eq!(
            dateline("Hà Nội, 20/6 (TTXVN) - Chiều 20/6"),
            Some((Some("Hà Nội"), "TTXVN", "Chiều 20/6"))
        );
        assert_eq!(
            dateline("(Reuters) - Vietnam's"),
            Some((None, "Reuters", "Vietnam's"))
        );
        assert_eq!(
            dateline("WASHINGTON, Jan. 5 (AP) — The"),
            Some((Some("WASHINGTON"), "AP", "The"))
        );
        assert_eq!(
            dateline("Corea del Norte, 3 may (EFE).- Pyongyang"),
            Some((Some("Corea del Norte"), "EFE", "Pyongyang"))
        );
    }

    #[test]
    fn parentheses_in_ordinary_text_are_not_a_dateline() {
        assert!(split_dateline("Le Parti communiste du Vietnam (PCV) – dit-il").is_none());
        assert!(split_dateline("Hanoï (VNA) Le secrétaire").is_none());
        assert!(split_dateline("Il a dit (en 2020) – ce qui").is_none());
        assert!(split_dateline("The World Bank (WB) said on Monday - ").is_none());
    }

    #[test]
    fn places_in_capitals_take_their_usual_case() {
        assert_eq!(usual_case("HANOI"), "Hanoi");
        assert_eq!(usual_case("HO CHI MINH-VILLE"), "Ho Chi Minh-Ville");
        assert_eq!(usual_case("HÀ NỘI"), "Hà Nội");
        assert_eq!(usual_case("RIO DE JANEIRO"), "Rio de Janeiro");
        assert_eq!(usual_case("Hanoï"), "Hanoï");
        assert_eq!(usual_case("UN"), "Un");
    }

    #[test]
    fn signatures_are_removed_after_a_sentence_end() {
        assert_eq!(
            split_signature("et mondiaux.-VNA/VI"),
            Some(("et mondiaux.", "VNA"))
        );
        assert_eq!(split_signature("acceptée. -VNA"), Some(("acceptée.", "VNA")));
        assert_eq!(split_signature("acceptée.- VNA "), Some(("acceptée.", "VNA")));
        assert_eq!(split_signature("acceptée.–VNA/CVN"), Some(("acceptée.", "VNA")));
        assert_eq!(split_signature("the talks. -- AFP"), Some(("the talks.", "AFP")));
        assert_eq!(
            split_signature("dans le monde -VNA"),
            Some(("dans le monde", "VNA"))
        );
    }

    #[test]
    fn hyphenated_words_at_the_end_are_not_signatures() {
        assert_eq!(split_signature("les Années croisées Vietnam-Russie"), None);
        assert_eq!(split_signature("le partenariat Vietnam - ASEAN"), None);
        assert_eq!(split_signature("contre le COVID-19"), None);
        assert_eq!(split_signature("le groupe PCV-VNA"), None);
    }

    fn closed(blocks: &[&str]) -> (Vec<String>, Closing) {
        let mut body: Vec<String> = blocks.iter().map(|block| (*block).to_owned()).collect();
        let closing = strip_closing(&mut body);
        (body, closing)
    }

    #[test]
    fn closing_credits_of_every_kind_are_removed() {
        let (body, closing) = closed(&["Texte.", "The talks ended, it said. Enditem"]);
        assert_eq!(body, ["Texte.", "The talks ended, it said."]);
        assert_eq!(closing.agency, None);
        let (body, _) = closed(&["Texte.", "(Reporting by Khanh Vu; Editing by Ed Davies)"]);
        assert_eq!(body, ["Texte."]);
        let (body, closing) = closed(&["Il l'a dit. bur-ab/cd"]);
        assert_eq!(body, ["Il l'a dit."]);
        assert_eq!(closing.agency, None);
        let (body, closing) = closed(&["Texto final.", "EFE", "abc/def"]);
        assert_eq!(body, ["Texto final."]);
        assert_eq!(closing.agency.as_deref(), Some("EFE"));
        let (body, closing) = closed(&["Văn bản.", "Thu Hằng (TTXVN)"]);
        assert_eq!(body, ["Văn bản."]);
        assert_eq!(closing.agency.as_deref(), Some("TTXVN"));
        assert_eq!(closing.author.as_deref(), Some("Thu Hằng"));
        let (body, closing) = closed(&["Final text.", "Reuters"]);
        assert_eq!(body, ["Final text."]);
        assert_eq!(closing.agency.as_deref(), Some("Reuters"));
    }

    #[test]
    fn ordinary_endings_are_kept() {
        let (body, closing) = closed(&["Il a salué les Années croisées Vietnam-Russie"]);
        assert_eq!(body, ["Il a salué les Années croisées Vietnam-Russie"]);
        assert_eq!(closing, Closing::default());
        let (body, _) = closed(&["Les chiffres : 3/4 des votants."]);
        assert_eq!(body, ["Les chiffres : 3/4 des votants."]);
        let (body, _) = closed(&["He met Nguyen Phu Trong (right) in Hanoi."]);
        assert_eq!(body.len(), 1);
    }
}
