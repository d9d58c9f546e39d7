//! How articles are set for reading: the measure, what is kept together, hyphenation,
//! justification; and that copying and find-in-article see the words as written.

use crate::common;

use common::{app_at, apply};
use liseuse::app::{Action, App, Effect};
use liseuse::article::Article;
use liseuse::article::Language;
use liseuse::command::Command;
use liseuse::reading::{self, LineKind, ReadingLine, Settings, Typesetting};
use liseuse::store::Session;
use liseuse::typeset::MAX_JUSTIFIED_SPACE;
use liseuse::ui::text_width;

/// A French dispatch with what must hold together: numbers, units, initials, and French
/// spacing before `: ; ! ?` and inside `« »`.
const FRENCH: &str = "Le typhon a frappé la province avec des vents de 149 km/h : plus de 50 000 \
     habitants ont été évacués, soit 20 % de la population ; les pluies ont atteint 300 mm \
     en une nuit. « La situation est préoccupante ! » a déclaré M. Nguyen, qui a demandé : \
     « Où sont les 1 234,5 tonnes promises ? » Les autorités gouvernementales ont décidé \
     d’accélérer l’approvisionnement et la reconstruction des infrastructures endommagées.";

const ENGLISH: &str = "The government announced that the international community had \
     acknowledged its responsibilities towards the neighbouring countries, and that the \
     reconstruction of the infrastructure would be accelerated considerably.";

const SPANISH: &str = "El gobierno anunció que la comunidad internacional había reconocido \
     extraordinariamente sus responsabilidades con los países vecinos, y que la \
     reconstrucción de las infraestructuras se aceleraría considerablemente.";

/// Words that must never be hyphenated whatever the width: names (capitalised in the
/// middle of a sentence), acronyms, numbers, an address, and words under 7 letters.
const NEVER_HYPHENATED: &str = "Les élus de Vladivostok, Ouzbékistan, Kazakhstan et \
     Constantinople, avec ASEAN et APEC, ont compté 1234567890 voix sur \
     www.vietnamplus.vn/economie et contact@vietnamplus.vn entre leurs pays amis pour la \
     paix, avec calme, force, espoir, joie, envie, soleil, jardin, maison, plaine.";

fn article(paragraphs: &[&str]) -> Article {
    Article {
        path: "archive/dispatch.txt".into(),
        title: "Le typhon frappe la province".to_owned(),
        date: None,
        source: Some("VNA".to_owned()),
        place: Some("Hanoï".to_owned()),
        captions: vec![FRENCH.to_owned()],
        paragraphs: paragraphs
            .iter()
            .map(|paragraph| (*paragraph).to_owned())
            .collect(),
        language: Some(Language::French),
        ..Article::default()
    }
}

/// An article of `paragraph`, as a caption and as the body, set at `width`.
fn set(
    paragraph: &str,
    width: usize,
    language: Option<Language>,
    hyphenate: bool,
    justify: bool,
) -> Vec<ReadingLine> {
    let typesetting = Typesetting {
        width,
        language,
        hyphenate,
        justify,
    };
    let set_twice = Article {
        captions: vec![paragraph.to_owned()],
        ..article(&[paragraph])
    };
    reading::layout_article(&set_twice, &typesetting)
}

/// The lines of running text (captions and paragraphs), by block.
fn running_text(lines: &[ReadingLine]) -> Vec<Vec<&ReadingLine>> {
    let mut blocks: Vec<Vec<&ReadingLine>> = Vec::new();
    for line in lines
        .iter()
        .filter(|line| matches!(line.kind, LineKind::Body | LineKind::Caption))
    {
        match blocks.last_mut() {
            Some(block) if block[0].block == line.block => block.push(line),
            _ => blocks.push(vec![line]),
        }
    }
    blocks
}

/// The body text of each line without its captions' mark.
fn words_of(line: &ReadingLine) -> String {
    line.text.chars().skip(line.lead).collect()
}

/// What starts `line` up to the first space a line may break at: its first word, with
/// the French `: ; ! ? »` that stay with it.
fn first_word(line: &ReadingLine) -> String {
    let text = words_of(line);
    let mut words = text.split(' ').filter(|word| !word.is_empty());
    let mut first = words.next().unwrap_or_default().to_owned();
    for word in words.take_while(|word| word.starts_with([':', ';', '!', '?', '»'])) {
        first = format!("{first} {word}");
    }
    first
}

/// Each `(word, head, tail)` where a line ends in `head-`, the hyphen added, and the next
/// line of the paragraph starts with `tail`: the two halves of one hyphenated word.
fn hyphenated(lines: &[ReadingLine]) -> Vec<(String, String, String)> {
    running_text(lines)
        .iter()
        .flat_map(|block| block.windows(2))
        .filter_map(|pair| {
            let text = words_of(pair[0]);
            let head = text.strip_suffix('-')?.rsplit(' ').next()?.to_owned();
            let tail = first_word(pair[1]);
            Some((format!("{head}{tail}"), head, tail))
        })
        .collect()
}

#[test]
fn no_line_is_wider_than_the_measure_at_any_pane_width() {
    let articles = vec![article(&[FRENCH, ENGLISH, SPANISH, NEVER_HYPHENATED])];
    for justify in [false, true] {
        for pane in 30..=220 {
            let mut app = App::with_articles(articles.clone()).with_reading(Settings {
                justify,
                ..Settings::default()
            });
            app.update(Action::Resize {
                width: pane,
                height: 50,
            });
            app.update(Command::Open);
            let text = app.layout().reader_text.expect("the reading pane");
            let measure = usize::from(text.width).min(72);
            for line in app.reader_lines() {
                assert!(
                    text_width(&line.text) <= measure,
                    "{pane} columns, justify {justify}: {:?} is over {measure}",
                    line.text
                );
            }
            if pane >= 120 {
                assert!(
                    app.reader_lines().iter().any(|line| text_width(&line.text) > 60),
                    "{pane} columns: the measure is filled"
                );
            }
        }
    }
}

#[test]
fn in_french_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_guillemet() {
    for width in 20..=120 {
        for justify in [false, true] {
            for line in set(FRENCH, width, Some(Language::French), true, justify) {
                let text = words_of(&line);
                assert!(
                    !text.starts_with([':', ';', '!', '?', '»']),
                    "{width} columns: {text:?}"
                );
                assert!(!text.trim_end().ends_with('«'), "{width} columns: {text:?}");
            }
        }
    }
}

#[test]
fn numbers_units_and_initials_are_never_split() {
    let kept = ["149 km/h", "50 000", "20 %", "300 mm", "1 234,5", "M. Nguyen"];
    for width in 20..=120 {
        for justify in [false, true] {
            let lines = set(FRENCH, width, Some(Language::French), true, justify);
            for together in kept {
                let whole = lines.iter().filter(|line| line.text.contains(together)).count();
                assert_eq!(whole, 2, "{width} columns: {together:?} split (caption and body)");
            }
        }
    }
}

#[test]
fn long_french_english_and_spanish_words_are_hyphenated_where_a_line_would_be_short() {
    let cases = [
        (FRENCH, Some(Language::French), "gouvernementales"),
        (FRENCH, Some(Language::French), "approvisionnement"),
        (ENGLISH, Some(Language::English), "responsibilities"),
        (ENGLISH, Some(Language::English), "international"),
        (SPANISH, Some(Language::Spanish), "extraordinariamente"),
        (SPANISH, Some(Language::Spanish), "responsabilidades"),
    ];
    for (paragraph, language, word) in cases {
        let mut seen = false;
        for width in 20..=80 {
            let lines = set(paragraph, width, language, true, false);
            for (whole, head, tail) in hyphenated(&lines) {
                assert!(paragraph.contains(&whole), "{width} columns: {head}- {tail}");
                seen |= whole.trim_end_matches([',', '.']).ends_with(word);
            }
        }
        assert!(seen, "{word} is never hyphenated ({language:?})");
    }
}

#[test]
fn a_word_is_hyphenated_only_when_it_does_not_fit_whole() {
    for (paragraph, language) in [
        (FRENCH, Some(Language::French)),
        (ENGLISH, Some(Language::English)),
        (SPANISH, Some(Language::Spanish)),
    ] {
        for width in 20..=80 {
            let lines = set(paragraph, width, language, true, false);
            for block in running_text(&lines) {
                for pair in block.windows(2) {
                    let Some(before_hyphen) = pair[0].text.strip_suffix('-') else {
                        continue;
                    };
                    let tail = first_word(pair[1]);
                    assert!(
                        text_width(before_hyphen) + text_width(&tail) > width,
                        "{width} columns: {before_hyphen:?} + {tail:?} fits on one line"
                    );
                }
            }
        }
    }
}

#[test]
fn names_numbers_addresses_and_short_words_are_never_hyphenated() {
    for width in 30..=120 {
        for justify in [false, true] {
            let lines = set(NEVER_HYPHENATED, width, Some(Language::French), true, justify);
            let body: Vec<&ReadingLine> = lines.iter().filter(|line| line.kind == LineKind::Body).collect();
            for line in body {
                assert!(!line.text.ends_with('-'), "{width} columns: {:?}", line.text);
            }
        }
    }
}

#[test]
fn hyphenation_is_off_when_the_settings_say_so_and_for_other_languages() {
    for width in 20..=80 {
        for (hyphenate, language) in [(false, Some(Language::French)), (true, None)] {
            let lines = set(FRENCH, width, language, hyphenate, false);
            assert!(hyphenated(&lines).is_empty(), "{width} columns, {language:?}");
        }
    }
}

#[test]
fn justified_lines_fill_the_measure_with_at_most_three_spaces_and_the_last_stays_ragged() {
    let too_wide = " ".repeat(MAX_JUSTIFIED_SPACE + 1);
    let mut justified = 0;
    for width in 30..=100 {
        let lines = set(FRENCH, width, Some(Language::French), true, true);
        for block in running_text(&lines) {
            let (last, full) = block.split_last().expect("a paragraph has a line");
            assert!(
                !words_of(last).contains("  "),
                "{width} columns: the last line {:?}",
                last.text
            );
            for line in full {
                assert!(!line.text.contains(&too_wide), "{width} columns: {:?}", line.text);
                if text_width(&line.text) == width {
                    justified += usize::from(words_of(line).contains("  "));
                } else {
                    assert!(
                        !words_of(line).contains("  "),
                        "{width} columns: a line not filled is ragged: {:?}",
                        line.text
                    );
                }
            }
        }
    }
    assert!(justified > 100, "only {justified} lines justified");
}

#[test]
fn copying_gives_the_words_as_written_whatever_was_hyphenated() {
    let mut app = app_at(vec![article(&[FRENCH, ENGLISH])], 62, 40);
    app.update(Command::Open);
    let lines = app.reader_lines().to_vec();
    assert!(
        !hyphenated(&lines).is_empty(),
        "something is hyphenated at this width"
    );
    let copied = apply(&mut app, Command::CopyText)
        .into_iter()
        .find_map(|effect| match effect {
            Effect::Copy(text) => Some(text),
            _ => None,
        });
    let copied = copied.expect("y copies");
    for paragraph in [FRENCH, ENGLISH] {
        assert!(copied.contains(paragraph), "{copied}");
    }
    for (whole, head, _) in hyphenated(&lines) {
        assert!(copied.contains(&whole), "{whole}");
        assert!(!copied.contains(&format!("{head}-")), "{head}-");
    }
}

#[test]
fn find_finds_a_word_hyphenated_across_two_lines_and_highlights_both_halves() {
    let mut app = app_at(vec![article(&[FRENCH, ENGLISH])], 62, 40);
    app.update(Command::Open);
    let lines = app.reader_lines().to_vec();
    let (whole, head, tail) = hyphenated(&lines).into_iter().next().expect("a hyphenated word");
    let word = whole.trim_end_matches([',', '.', ';']);
    app.update(Command::Filter);
    for c in word.chars() {
        app.update(Action::Type(c.to_string()));
    }
    let hits = app.hits();
    let split = (0..hits.len())
        .map(|hit| hits.pieces_of(hit))
        .find(|pieces| pieces.len() == 2)
        .unwrap_or_else(|| panic!("{word}: no hit across two lines"));
    let shown: Vec<String> = split
        .iter()
        .map(|piece| {
            let chars: Vec<char> = lines[piece.line].text.chars().collect();
            chars[piece.chars.clone()].iter().collect()
        })
        .collect();
    assert_eq!(shown[0], head, "the head before the hyphen");
    assert!(
        tail.starts_with(&shown[1]),
        "the rest at the start of the next line"
    );
    assert_eq!(shown.concat(), word);
}

#[test]
fn w_sets_the_text_over_the_full_pane_and_back_keeping_the_place_and_remembering_it() {
    let mut app = app_at(vec![article(&[FRENCH, ENGLISH, SPANISH].repeat(10))], 220, 50);
    app.update(Command::Open);
    let widest = |app: &App| app.reader_lines().iter().map(|line| text_width(&line.text)).max();
    assert!(widest(&app) <= Some(72));
    for _ in 0..40 {
        app.update(Command::Down);
    }
    assert_eq!(app.reader_scroll(), 40);
    let first_shown = |app: &App| reading::line_start(&app.reader_lines()[app.reader_scroll()]);
    let place = first_shown(&app);

    let effects = app.update(Command::Measure).effects;
    assert!(app.is_full_width());
    assert!(widest(&app) > Some(100), "the whole pane");
    let saved = effects.into_iter().find_map(|effect| match effect {
        Effect::Session(session) => Some(session),
        _ => None,
    });
    assert!(
        saved.is_some_and(|session| session.full_width),
        "kept in the session"
    );
    assert!(
        first_shown(&app) <= place,
        "the line that was at the top is still on screen"
    );

    app.update(Command::Measure);
    assert!(!app.is_full_width());
    assert!(widest(&app) <= Some(72));

    let reopened = App::remembering(
        Default::default(),
        Session {
            full_width: true,
            ..Session::default()
        },
    );
    assert!(
        reopened.is_full_width(),
        "a new run starts as the last one left it"
    );
}

#[test]
fn w_is_listed_in_the_help_and_can_be_rebound() {
    assert_eq!(Command::named("measure"), Some(Command::Measure));
    let about = Command::Measure.about();
    assert_eq!(about.keys, [liseuse::key::Key::char('w')]);
    assert!(!about.help.is_empty());
}
