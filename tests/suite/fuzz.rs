//! Property tests: text files full of stray controls, queries, key sequences and terminal
//! sizes never panic, and leave a clean article or a coherent screen.
//! Any failure proptest finds is kept below as a regression test.

use crate::common;

use std::io::Write;

use liseuse::app::{Action, App};
use liseuse::command::Command;
use liseuse::config::{Input, KeyBindings};
use liseuse::loader::LoadError;
use liseuse::query::{Haystack, Query};
use liseuse::theme;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Draws `app` at its size and checks what must hold whatever came before.
fn draw_and_check(app: &App) {
    let (width, height) = app.size();
    common::assert_coherent(app, &common::draw(app, width, height, &theme::COLOUR));
}

/// A key a user could press, in any mode.
fn key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        proptest::char::range(' ', '~').prop_map(KeyCode::Char),
        proptest::char::any().prop_map(KeyCode::Char),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Backspace),
        Just(KeyCode::Tab),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Home),
        Just(KeyCode::End),
    ];
    let modifiers = prop_oneof![
        4 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::SHIFT),
    ];
    (code, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    Resize(u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => key().prop_map(Step::Key),
        1 => (1u16..=300, 1u16..=100).prop_map(|(width, height)| Step::Resize(width, height)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_keys_at_any_size_never_panic(
        steps in proptest::collection::vec(step(), 1..60),
        (width, height) in (1u16..=300, 1u16..=100),
    ) {
        let mut app = common::app_at(common::sample(), width, height);
        let keys = KeyBindings::default();
        draw_and_check(&app);
        for step in steps {
            let action = match step {
                Step::Key(key) => match keys.translate(app.key_mode(), &key) {
                    // Leaving the app is not for this test.
                    Some(Input::Command(Command::Quit)) | None => None,
                    Some(Input::Command(command)) => Some(Action::Command(command)),
                    Some(Input::Char(c)) => Some(Action::Type(c.to_string())),
                },
                Step::Resize(width, height) => Some(Action::Resize { width, height }),
            };
            if let Some(action) = action {
                // Handing over the terminal is not for this test either: its effects are
                // dropped, as the model goes on the same whatever the loop does of them.
                common::apply(&mut app, action);
            }
            draw_and_check(&app);
        }
    }

    #[test]
    fn any_query_on_any_text_never_panics(query in ".{0,40}", fields in proptest::collection::vec(".{0,60}", 0..4)) {
        let haystack = Haystack::new(fields.iter().map(String::as_str));
        let parsed = Query::parse(&query);
        let full = parsed.score(&haystack);
        let quick = parsed.quick_score(&haystack);
        prop_assert_eq!(full.is_some(), quick.is_some(), "the quick pass decides as the full one");
        for field in 0..=fields.len() {
            let chars = fields.get(field).map_or(0, |field| field.chars().count());
            prop_assert!(parsed.highlight(&haystack, field).iter().all(|&position| position < chars));
        }
    }

    #[test]
    fn text_with_stray_controls_loads_clean_and_only_a_nul_makes_it_binary(
        lines in proptest::collection::vec(proptest::collection::vec(piece(), 0..12), 0..8),
        last_line in proptest::collection::vec(word(), 1..6),
    ) {
        // Whatever the lines before do, a control string ends at its line: the last stays.
        let last_line = last_line.join(" ");
        let text = lines
            .iter()
            .map(|line| line.concat())
            .chain([last_line.clone()])
            .collect::<Vec<_>>()
            .join("\n");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("article.txt");
        std::fs::File::create(&path).and_then(|mut file| file.write_all(text.as_bytes())).expect("write");
        let loaded = liseuse::loader::read_article(&path);
        if text.contains('\0') {
            prop_assert!(matches!(loaded, Err(LoadError::NotText { .. })), "{loaded:?}");
        } else {
            let article = loaded.map_err(|error| TestCaseError::fail(error.to_string()))?;
            let shown = liseuse::reading::plain_text(&article);
            let control = shown
                .chars()
                .find(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c));
            prop_assert_eq!(control, None, "in {:?}", shown);
            let words = shown.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert!(words.contains(&last_line), "{:?} lost from {:?}", last_line, words);
        }
    }
}

/// A word of French or Vietnamese, in NFC.
fn word() -> impl Strategy<Value = String> {
    "[a-zàâçéèêëîïôûùüđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]{3,10}"
}

/// A piece of a line: mostly words and spaces, then what a hostile or broken file holds:
/// escape sequences whole or cut short, C1 controls, BEL, a bidi override, a NUL.
fn piece() -> impl Strategy<Value = String> {
    let hostile = prop_oneof![
        Just("\x1b[2J"),
        Just("\x1b[31;1m"),
        Just("\x1b]0;titre\x07"),
        Just("\x1b]52;c;aGVsbG8=\x1b\\"),
        Just("\x1b]8;;http://example.invalid"),
        Just("\x1bPq#0;2;0;0;0"),
        Just("\x1b"),
        Just("\x1b[12"),
        Just("\x1b(B"),
        Just("\u{9b}31m"),
        Just("\u{9d}0;titre\u{9c}"),
        Just("\u{85}"),
        Just("\x07"),
        Just("\x08"),
        Just("\t"),
        Just("\r"),
        Just("\u{202e}"),
        Just("\0"),
    ];
    prop_oneof![
        6 => word(),
        3 => Just(" ".to_string()),
        1 => Just(". ".to_string()),
        2 => hostile.prop_map(str::to_string),
    ]
}
