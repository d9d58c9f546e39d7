//! Property tests: arbitrary files, queries, key sequences and terminal sizes never panic.
//! Any failure proptest finds is kept below as a regression test.

mod common;

use std::io::Write;

use liseuse::app::{Action, App};
use liseuse::command::{Command, KeyMode};
use liseuse::config::{Input, KeyBindings};
use liseuse::query::{Haystack, Query};
use liseuse::theme;
use liseuse::ui::Screen;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn draw(app: &App) {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| {
            frame.render_widget(
                Screen {
                    app,
                    theme: &theme::COLOUR,
                },
                frame.area(),
            )
        })
        .expect("draw");
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
        draw(&app);
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
                // Handing over the terminal is not for this test either: its effects are dropped.
                common::apply(&mut app, action);
            }
            draw(&app);
        }
        prop_assert!(matches!(app.key_mode(), KeyMode::Browse | KeyMode::Input | KeyMode::Help));
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
    fn any_bytes_as_a_file_load_or_are_skipped_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("article.txt");
        std::fs::File::create(&path).and_then(|mut file| file.write_all(&bytes)).expect("write");
        if let Ok(article) = liseuse::loader::read_article(&path) {
            let text = liseuse::reading::plain_text(&article);
            let raw_control = text.chars().any(|c| c == '\u{1b}' || ('\u{80}'..='\u{9f}').contains(&c));
            prop_assert!(!raw_control, "a control character got through");
        }
    }
}
