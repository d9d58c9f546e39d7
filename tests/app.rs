//! The model driven by actions alone, without a terminal.

mod common;

use common::{app_at, sample, selected_title, type_filter, visible_titles};
use liseuse::action::{Action, KeyMode, action_for_key};
use liseuse::article::ArticleDate;
use liseuse::config::KeyBindings;
use liseuse::layout::Focus;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn articles_are_listed_newest_first_with_undated_last() {
    let mut arriving = sample();
    // Undated first, then oldest, newest last: the list must sort them.
    arriving.reverse();
    let app = app_at(arriving, 120, 40);
    let titles = visible_titles(&app);
    assert_eq!(titles.len(), 3);
    assert!(titles[0].contains("Tô Lâm"));
    assert!(titles[1].contains("Nguyen Phu Trong"));
    assert!(titles[2].contains("Đặng"));
    assert_eq!(app.selected_position(), Some(0));
}

#[test]
fn moving_stops_at_both_ends() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::Up);
    assert_eq!(app.selected_position(), Some(0));
    app.update(Action::Down);
    assert_eq!(app.selected_position(), Some(1));
    app.update(Action::Bottom);
    assert_eq!(app.selected_position(), Some(2));
    app.update(Action::Down);
    app.update(Action::PageDown);
    assert_eq!(app.selected_position(), Some(2));
    app.update(Action::Top);
    assert_eq!(app.selected_position(), Some(0));
}

#[test]
fn the_list_scrolls_to_keep_the_selection_on_screen() {
    let many: Vec<_> = (0..100)
        .map(|n| common::article(&format!("{n:03}.txt"), &format!("Dépêche {n:03}"), None, &[], 1))
        .collect();
    let mut app = app_at(many, 80, 10);
    let rows = app
        .layout()
        .list
        .map(|pane| pane.content.height as usize)
        .unwrap_or(0);
    assert!(rows > 0);
    for _ in 0..rows {
        app.update(Action::Down);
    }
    assert_eq!(app.selected_position(), Some(rows));
    assert_eq!(
        app.list_offset(),
        1,
        "one row scrolled, the selection at the bottom"
    );
    app.update(Action::PageDown);
    app.update(Action::Top);
    assert_eq!(app.list_offset(), 0);
    app.update(Action::HalfPageDown);
    assert_eq!(app.selected_position(), Some(rows / 2));
}

#[test]
fn opening_focuses_the_reader_and_back_returns_to_the_list() {
    let mut app = app_at(sample(), 80, 24);
    assert_eq!(app.focus(), Focus::List);
    assert!(app.layout().reader.is_none(), "narrow: one pane at a time");
    app.update(Action::Open);
    assert_eq!(app.focus(), Focus::Reader);
    assert!(app.layout().list.is_none() && app.layout().reader.is_some());
    app.update(Action::Back);
    assert_eq!(app.focus(), Focus::List);
    app.update(Action::SwitchPane);
    assert_eq!(app.focus(), Focus::Reader);
    app.update(Action::SwitchPane);
    assert_eq!(app.focus(), Focus::List);
}

#[test]
fn wide_terminals_show_both_panes() {
    let app = app_at(sample(), 120, 40);
    let layout = app.layout();
    assert!(layout.two_panes());
    assert!(
        app.reader_lines()[0].text.contains("Tô Lâm"),
        "the selected article is shown"
    );
}

#[test]
fn the_reader_scrolls_within_the_article() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Action::Open);
    app.update(Action::Down);
    assert_eq!(app.reader_scroll(), 1);
    app.update(Action::ReaderPageDown);
    let (_, rows) = reader_text_size(&app);
    assert_eq!(app.reader_scroll(), 1 + rows);
    app.update(Action::ReaderPageUp);
    assert_eq!(app.reader_scroll(), 1);
    app.update(Action::Bottom);
    let last = app.reader_lines().len() - rows;
    assert_eq!(app.reader_scroll(), last, "the end is reachable and no further");
    app.update(Action::Down);
    assert_eq!(app.reader_scroll(), last);
    app.update(Action::Top);
    assert_eq!(app.reader_scroll(), 0);
}

#[test]
fn space_pages_the_reading_pane_while_the_list_has_focus() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::ReaderPageDown);
    assert_eq!(app.focus(), Focus::List);
    assert!(app.reader_scroll() > 0);
    assert_eq!(app.selected_position(), Some(0));
}

/// The reading pane's text width and height now.
fn reader_text_size(app: &liseuse::app::App) -> (usize, usize) {
    let area = app.layout().reader_text.expect("the reading pane is shown");
    (usize::from(area.width), usize::from(area.height))
}

/// Goes to the end of the open article and checks its last line is the pane's last row.
fn assert_end_reachable(app: &mut liseuse::app::App) {
    app.update(Action::Bottom);
    let (_, rows) = reader_text_size(app);
    let lines = app.reader_lines().len();
    assert!(lines > rows, "an article longer than the pane");
    assert_eq!(
        app.reader_scroll() + rows,
        lines,
        "the last line at the bottom, no further"
    );
}

#[test]
fn the_reader_rewraps_on_resize_and_keeps_the_end_reachable() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::Open);
    let wide_lines = app.reader_lines().len();
    assert_end_reachable(&mut app);

    // Narrower while reading: one pane, the article alone, wrapped again to its width.
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    assert!(!app.layout().two_panes());
    let (width, _) = reader_text_size(&app);
    assert!(app.reader_lines().len() > wide_lines);
    assert!(
        app.reader_lines()
            .iter()
            .all(|line| liseuse::ui::text_width(&line.text) <= width)
    );
    assert!(
        app.reader_lines()
            .iter()
            .any(|line| liseuse::ui::text_width(&line.text) > width - 10),
        "lines filled to the new width, not left at an old one"
    );
    assert_end_reachable(&mut app);

    // Wider again at the end: fewer lines, and the end still fills the pane's last row.
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let (_, rows) = reader_text_size(&app);
    assert_eq!(app.reader_lines().len(), wide_lines);
    assert_eq!(
        app.reader_scroll() + rows,
        wide_lines,
        "no blank rows past the end after widening"
    );
}

#[test]
fn the_filter_narrows_live_and_ignores_diacritics() {
    let mut articles = sample();
    // Tô Lâm's visit the oldest: first only as the best match.
    articles[0].date = Some(ArticleDate {
        year: 2019,
        month: None,
        day: None,
    });
    let mut app = app_at(articles, 120, 40);
    assert!(visible_titles(&app)[1].contains("Tô Lâm"));
    type_filter(&mut app, "to la");
    assert_eq!(app.key_mode(), KeyMode::Input);
    app.update(Action::InputChar('m'));
    common::finish_ranking(&mut app);
    let titles = visible_titles(&app);
    assert!(titles.len() > 1, "Trong… Vladimir matches too: {titles:?}");
    assert!(titles[0].contains("Tô Lâm"), "best match first: {titles:?}");
    app.update(Action::CancelInput);
    type_filter(&mut app, "dang");
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(selected_title(&app).contains("Đặng"));
    app.update(Action::CancelInput);
    type_filter(&mut app, "hanoi");
    assert!(
        visible_titles(&app)
            .iter()
            .any(|title| title.contains("Nguyen Phu Trong"))
    );
}

#[test]
fn the_filter_matches_names_and_file_names() {
    let mut app = app_at(sample(), 120, 40);
    type_filter(&mut app, "'cuba");
    assert_eq!(visible_titles(&app).len(), 1);
    app.update(Action::CancelInput);
    type_filter(&mut app, "b.txt");
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
}

#[test]
fn enter_keeps_the_filter_and_esc_clears_it() {
    let mut app = app_at(sample(), 120, 40);
    type_filter(&mut app, "poutine");
    app.update(Action::AcceptInput);
    assert_eq!(app.key_mode(), KeyMode::Browse);
    assert_eq!(app.filter_input(), "poutine");
    assert_eq!(app.visible_count(), 2);
    app.update(Action::OpenFilter);
    app.update(Action::CancelInput);
    assert_eq!(app.filter_input(), "");
    assert_eq!(app.visible_count(), 3);
    type_filter(&mut app, "poutine");
    app.update(Action::AcceptInput);
    app.update(Action::Back);
    assert_eq!(app.visible_count(), 3, "Esc in the list clears a kept filter");
}

#[test]
fn the_selected_article_stays_selected_while_it_matches() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::Down);
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
    type_filter(&mut app, "p");
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
    app.update(Action::InputChar('o'));
    app.update(Action::InputChar('u'));
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
    app.update(Action::InputClearLine);
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
    type_filter(&mut app, "cuba");
    assert!(
        selected_title(&app).contains("Đặng"),
        "no longer matching: the best match"
    );
}

#[test]
fn filter_editing_deletes_characters_and_words() {
    let mut app = app_at(sample(), 120, 40);
    type_filter(&mut app, "poutine xyz");
    assert_eq!(app.visible_count(), 0);
    app.update(Action::InputDeleteWord);
    assert_eq!(app.filter_input(), "poutine ");
    assert_eq!(app.visible_count(), 2);
    app.update(Action::InputBackspace);
    assert_eq!(app.filter_input(), "poutine");
}

/// The sample articles in the order a loader might deliver them: oldest first, the newest last.
fn batch(articles: Vec<liseuse::article::Article>, done: bool) -> Action {
    Action::Loaded(liseuse::action::LoadBatch {
        articles,
        done,
        ..Default::default()
    })
}

#[test]
fn a_progressive_load_nobody_touched_ends_on_the_first_article() {
    let mut articles = sample();
    let newest = articles.remove(0);
    let mut app = liseuse::app::App::new();
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(batch(articles, false));
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
    app.update(batch(vec![newest], true));
    assert_eq!(app.article_count(), 3);
    assert_eq!(app.selected_position(), Some(0));
    assert!(
        selected_title(&app).contains("Tô Lâm"),
        "the newest article, sorted in before the selection, is selected"
    );
    assert!(!app.is_loading());
}

#[test]
fn a_selection_the_user_moved_stays_on_its_article_as_more_arrive() {
    let mut articles = sample();
    let newest = articles.remove(0);
    let mut app = liseuse::app::App::new();
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(batch(articles, false));
    app.update(Action::Down);
    assert!(selected_title(&app).contains("Đặng"));
    app.update(batch(vec![newest], true));
    assert!(selected_title(&app).contains("Đặng"));
    assert_eq!(app.selected_position(), Some(2));
}

#[test]
fn a_remembered_selection_is_applied_when_its_article_arrives() {
    let articles = sample();
    let remembered = liseuse::store::content_key(&articles[1]);
    let mut store = liseuse::store::Store::in_memory();
    store.set_session(liseuse::store::Session {
        selected: Some(remembered),
        filter: String::new(),
    });
    let mut app = liseuse::app::App::with_store(store);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let mut later = articles;
    let undated = later.pop().expect("three articles");
    let remembered_article = later.pop().expect("three articles");
    app.update(batch(vec![undated], false));
    assert_eq!(app.selected_position(), Some(0));
    app.update(batch(later, false));
    assert!(selected_title(&app).contains("Tô Lâm"), "still on the first row");
    app.update(batch(vec![remembered_article], true));
    assert!(
        selected_title(&app).contains("Nguyen Phu Trong"),
        "the remembered article, once it arrived"
    );
    assert_eq!(app.selected_position(), Some(1));
}

#[test]
fn help_scrolls_and_any_other_key_closes_it() {
    let mut app = app_at(sample(), 80, 12);
    app.update(Action::ToggleHelp);
    assert!(app.is_help_open());
    assert_eq!(app.key_mode(), KeyMode::Help);
    let press = |code| {
        action_for_key(
            KeyMode::Help,
            KeyEvent::new(code, KeyModifiers::NONE),
            &KeyBindings::default(),
        )
    };
    app.update(press(KeyCode::Char('j')).expect("j scrolls"));
    app.update(press(KeyCode::PageDown).expect("PgDn scrolls"));
    assert!(app.is_help_open());
    assert!(app.help_scroll() > 1);
    assert_eq!(
        app.selected_position(),
        Some(0),
        "scrolling the help moves nothing else"
    );
    // At 80×12 the overlay shows 10 rows between its borders: the last of them at the end.
    let bottom = liseuse::ui::help::rows(&KeyBindings::default()).len() - 10;
    for _ in 0..50 {
        app.update(press(KeyCode::Char('j')).expect("j scrolls"));
    }
    assert_eq!(app.help_scroll(), bottom, "no scrolling past the end");
    app.update(press(KeyCode::Char('k')).expect("k scrolls"));
    assert_eq!(app.help_scroll(), bottom - 1, "k at the end scrolls back at once");
    app.update(press(KeyCode::Char('x')).expect("every other key closes help"));
    assert!(!app.is_help_open());
    assert_eq!(
        app.selected_position(),
        Some(0),
        "the closing key does nothing else"
    );
}

#[test]
fn quit_ends_the_session() {
    let mut app = app_at(sample(), 120, 40);
    assert!(!app.should_quit());
    app.update(Action::Quit);
    assert!(app.should_quit());
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn every_documented_key_maps_to_its_action() {
    use KeyCode::*;
    let browse = |event| {
        format!(
            "{:?}",
            action_for_key(KeyMode::Browse, event, &KeyBindings::default())
        )
    };
    for (event, expected) in [
        (key(Char('j')), "Down"),
        (key(Down), "Down"),
        (key(Char('k')), "Up"),
        (key(Up), "Up"),
        (key(PageDown), "PageDown"),
        (key(PageUp), "PageUp"),
        (ctrl('d'), "HalfPageDown"),
        (ctrl('u'), "HalfPageUp"),
        (key(Char('g')), "Top"),
        (key(Home), "Top"),
        (key(Char('G')), "Bottom"),
        (key(End), "Bottom"),
        (key(Enter), "Open"),
        (key(Char('l')), "Open"),
        (key(Right), "Open"),
        (key(Esc), "Back"),
        (key(Char('h')), "Back"),
        (key(Left), "Back"),
        (key(Tab), "SwitchPane"),
        (key(Char(' ')), "ReaderPageDown"),
        (key(Char('b')), "ReaderPageUp"),
        (key(Char('/')), "OpenFilter"),
        (key(Char('?')), "ToggleHelp"),
        (key(Char('q')), "Quit"),
        (ctrl('c'), "Quit"),
        (ctrl('l'), "Redraw"),
    ] {
        assert_eq!(browse(event), format!("Some({expected})"), "{event:?}");
    }
    let filter = |event| {
        format!(
            "{:?}",
            action_for_key(KeyMode::Input, event, &KeyBindings::default())
        )
    };
    assert_eq!(
        filter(key(Char('q'))),
        "Some(InputChar('q'))",
        "q is text while filtering"
    );
    assert_eq!(filter(key(Char('j'))), "Some(InputChar('j'))");
    assert_eq!(filter(key(Enter)), "Some(AcceptInput)");
    assert_eq!(filter(key(Esc)), "Some(CancelInput)");
    assert_eq!(filter(key(Backspace)), "Some(InputBackspace)");
    assert_eq!(filter(key(Down)), "Some(Down)");
    assert_eq!(filter(ctrl('c')), "Some(Quit)");
}

#[test]
fn skipped_files_are_reported_in_the_status_line() {
    let mut app = app_at(sample(), 120, 40);
    app.update(common::skipped_file());
    assert!(app.notice().is_some_and(|notice| notice.contains("broken.txt")));
    assert_eq!(app.warnings().len(), 1);
    app.update(Action::Down);
    assert!(
        app.notice().is_none(),
        "the notice goes at the next key; the count stays"
    );
    assert_eq!(app.warnings().len(), 1);
}

fn type_text(app: &mut liseuse::app::App, text: &str) {
    for c in text.chars() {
        app.update(Action::InputChar(c));
    }
}

#[test]
fn slash_in_the_reading_pane_finds_in_the_article() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Action::Open);
    app.update(Action::OpenFilter);
    assert_eq!(app.prompt(), Some(liseuse::app::Prompt::Find));
    type_text(&mut app, "COOPERATION");
    let hits = app.hits().len();
    assert_eq!(hits, 30, "one per paragraph, case and accents ignored");
    assert_eq!(app.current_hit(), Some(0));
    assert_eq!(app.filter_input(), "", "the list's filter is untouched");
    app.update(Action::AcceptInput);
    app.update(Action::NextHit);
    assert_eq!(app.current_hit(), Some(1));
    let (_, rows) = reader_text_size(&app);
    for _ in 0..20 {
        app.update(Action::NextHit);
    }
    let shown = &app.hits()[app.current_hit().unwrap()];
    assert!(
        (app.reader_scroll()..app.reader_scroll() + rows).contains(&shown.line),
        "n scrolls the hit into view"
    );
    app.update(Action::PrevHit);
    assert_eq!(app.current_hit(), Some(20));
    for _ in 0..10 {
        app.update(Action::NextHit);
    }
    assert_eq!(app.current_hit(), Some(0), "n wraps round the end");
    app.update(Action::PrevHit);
    assert_eq!(app.current_hit(), Some(29), "N wraps round the start");
}

#[test]
fn find_maps_hits_to_the_original_characters() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Action::Open);
    app.update(Action::OpenFilter);
    type_text(&mut app, "hanoi");
    let hit = app.hits().first().cloned().expect("Hanoï is in the meta line");
    let line: Vec<char> = app.reader_lines()[hit.line].text.chars().collect();
    let found: String = line[hit.chars.clone()].iter().collect();
    assert_eq!(found, "Hanoï");
}

#[test]
fn esc_clears_the_find_before_leaving_the_article() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Action::Open);
    app.update(Action::OpenFilter);
    type_text(&mut app, "volonté");
    app.update(Action::AcceptInput);
    assert!(!app.hits().is_empty());
    app.update(Action::Back);
    assert!(app.hits().is_empty());
    assert_eq!(app.focus(), Focus::Reader);
    app.update(Action::Back);
    assert_eq!(app.focus(), Focus::List);
    app.update(Action::Open);
    app.update(Action::OpenFilter);
    type_text(&mut app, "volonté");
    app.update(Action::CancelInput);
    assert!(app.hits().is_empty(), "Esc while typing clears it too");
    assert_eq!(app.key_mode(), KeyMode::Browse);
}

#[test]
fn opening_asks_for_the_file_again_and_shows_what_changed() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::Open);
    let Some(liseuse::app::Effect::Reread(path)) = app.take_effect() else {
        panic!("opening asks the loop to read the file again");
    };
    assert_eq!(path, std::path::Path::new("archive/a.txt"));
    let mut changed = sample().remove(0);
    changed.paragraphs = vec!["Un texte tout neuf.".to_string()];
    app.update(Action::Reread(liseuse::app::Reread::Changed(Box::new(changed))));
    assert!(
        app.reader_lines()
            .iter()
            .any(|line| line.text == "Un texte tout neuf.")
    );
    assert!(app.notice().is_some_and(|notice| notice.contains("changed")));
    app.update(Action::Reread(liseuse::app::Reread::Failed(
        "archive/a.txt: cannot read: No such file or directory".to_string(),
    )));
    assert!(
        app.notice()
            .is_some_and(|notice| notice.contains("as it was loaded"))
    );
    assert!(
        app.reader_lines()
            .iter()
            .any(|line| line.text == "Un texte tout neuf.")
    );
}

#[test]
fn pasted_text_is_one_line_cut_to_a_query_with_a_notice() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::OpenFilter);
    app.update(Action::InputText("to\nlam\t\x1b".to_string()));
    assert_eq!(app.filter_input(), "to lam ");
    assert!(selected_title(&app).contains("Tô Lâm"));
    app.update(Action::InputText("poutine ".repeat(10_000)));
    assert_eq!(app.filter_input().chars().count(), 1_000);
    assert!(
        app.notice()
            .is_some_and(|notice| notice.contains("first 1000 characters")),
        "{:?}",
        app.notice()
    );
}
