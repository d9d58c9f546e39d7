//! The model driven by actions alone, without a terminal.

use crate::common;

use common::{app_at, sample, selected_title, type_filter, visible_titles};
use liseuse::app::{Action, Background, Effect};
use liseuse::article::ArticleDate;
use liseuse::command::{Command, KeyMode};
use liseuse::config::{Input, KeyBindings};
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
    app.update(Command::Up);
    assert_eq!(app.selected_position(), Some(0));
    app.update(Command::Down);
    assert_eq!(app.selected_position(), Some(1));
    app.update(Command::Bottom);
    assert_eq!(app.selected_position(), Some(2));
    app.update(Command::Down);
    app.update(Command::PageDown);
    assert_eq!(app.selected_position(), Some(2));
    app.update(Command::Top);
    assert_eq!(app.selected_position(), Some(0));
}

#[test]
fn the_list_scrolls_by_articles_to_keep_the_selection_on_screen() {
    let many: Vec<_> = (0..100)
        .map(|n| common::article(&format!("{n:03}.txt"), &format!("Dépêche {n:03}"), None, &[], 1))
        .collect();
    // A short title takes a line and its meta line; in the compact list, one line.
    for (compact, rows_each) in [(false, 2), (true, 1)] {
        let mut app = app_at(many.clone(), 80, 12);
        if compact {
            app.update(Command::Compact);
        }
        let rows = app
            .layout()
            .list
            .map_or(0, |pane| usize::from(pane.content.height));
        let shown = rows / rows_each;
        assert!(shown > 1);
        for _ in 0..shown {
            app.update(Command::Down);
        }
        assert_eq!(app.selected_position(), Some(shown));
        assert_eq!(
            app.list_offset(),
            1,
            "one article scrolled, the selection at the bottom"
        );
        app.update(Command::PageDown);
        assert_eq!(
            app.selected_position(),
            Some(2 * shown),
            "a page is the articles shown"
        );
        app.update(Command::Top);
        assert_eq!(app.list_offset(), 0);
        app.update(Command::HalfPageDown);
        assert_eq!(app.selected_position(), Some(shown / 2));
    }
}

#[test]
fn opening_focuses_the_reader_and_back_returns_to_the_list() {
    let mut app = app_at(sample(), 80, 24);
    assert_eq!(app.focus(), Focus::List);
    assert!(app.layout().reader.is_none(), "narrow: one pane at a time");
    app.update(Command::Open);
    assert_eq!(app.focus(), Focus::Reader);
    assert!(app.layout().list.is_none() && app.layout().reader.is_some());
    app.update(Command::Back);
    assert_eq!(app.focus(), Focus::List);
    app.update(Command::SwitchPane);
    assert_eq!(app.focus(), Focus::Reader);
    app.update(Command::SwitchPane);
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
    app.update(Command::Open);
    app.update(Command::Down);
    assert_eq!(app.reader_scroll(), 1);
    app.update(Command::ReaderPageDown);
    let (_, rows) = reader_text_size(&app);
    assert_eq!(app.reader_scroll(), 1 + rows);
    app.update(Command::ReaderPageUp);
    assert_eq!(app.reader_scroll(), 1);
    app.update(Command::Bottom);
    let last = app.reader_lines().len() - rows;
    assert_eq!(app.reader_scroll(), last, "the end is reachable and no further");
    app.update(Command::Down);
    assert_eq!(app.reader_scroll(), last);
    app.update(Command::Top);
    assert_eq!(app.reader_scroll(), 0);
}

#[test]
fn space_pages_the_reading_pane_while_the_list_has_focus() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Command::ReaderPageDown);
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
    app.update(Command::Bottom);
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
    app.update(Command::Open);
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
    common::apply(&mut app, Action::Type('m'.to_string()));
    let titles = visible_titles(&app);
    assert!(titles.len() > 1, "Trong… Vladimir matches too: {titles:?}");
    assert!(titles[0].contains("Tô Lâm"), "best match first: {titles:?}");
    app.update(Command::Cancel);
    type_filter(&mut app, "dang");
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(selected_title(&app).contains("Đặng"));
    app.update(Command::Cancel);
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
    app.update(Command::Cancel);
    type_filter(&mut app, "b.txt");
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
}

#[test]
fn enter_keeps_the_filter_and_esc_clears_it() {
    let mut app = app_at(sample(), 120, 40);
    type_filter(&mut app, "poutine");
    app.update(Command::Accept);
    assert_eq!(app.key_mode(), KeyMode::Browse);
    assert_eq!(app.filter_input(), "poutine");
    assert_eq!(app.visible_count(), 2);
    app.update(Command::Filter);
    app.update(Command::Cancel);
    assert_eq!(app.filter_input(), "");
    assert_eq!(app.visible_count(), 3);
    type_filter(&mut app, "poutine");
    app.update(Command::Accept);
    app.update(Command::Back);
    assert_eq!(app.visible_count(), 3, "Esc in the list clears a kept filter");
}

#[test]
fn every_change_of_the_query_selects_the_best_match() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Command::Down);
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
    type_filter(&mut app, "poutine");
    assert_eq!(visible_titles(&app).len(), 2);
    assert_eq!(
        app.selected_position(),
        Some(0),
        "the best match, not the article kept"
    );
    common::apply(&mut app, Action::Type(" nguyen".to_string()));
    assert!(
        selected_title(&app).contains("Nguyen Phu Trong"),
        "the new best match"
    );
    common::apply(&mut app, Command::ClearLine);
    type_filter(&mut app, "cuba");
    assert!(selected_title(&app).contains("Đặng"));
}

#[test]
fn a_match_moved_to_while_filtering_is_kept_through_enter_and_ranking() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Command::Filter);
    let pending: Vec<_> = app
        .update(Action::Type("p".to_string()))
        .effects
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Rank(refinement) => Some(refinement),
            _ => None,
        })
        .collect();
    app.update(Command::Down);
    let chosen = selected_title(&app);
    for refinement in pending {
        refinement.run(|| false, |refined| drop(app.update(Background::Ranked(refined))));
    }
    app.update(Command::Accept);
    assert_eq!(
        selected_title(&app),
        chosen,
        "skim's ranking did not move it away"
    );
    app.update(Command::Open);
    assert_eq!(
        app.selected_article().map(|article| article.title.clone()),
        Some(chosen)
    );
}

#[test]
fn esc_returns_to_the_article_selected_before_the_filter_in_its_place() {
    let articles: Vec<_> = (0..60)
        .map(|n| {
            common::article(
                &format!("{n:02}.txt"),
                &format!("Dépêche {n}"),
                Some((2000 + n as u16, 1)),
                &[],
                1,
            )
        })
        .collect();
    let mut app = app_at(articles, 120, 20);
    for _ in 0..30 {
        app.update(Command::Down);
    }
    let (before, row) = (
        selected_title(&app),
        app.selected_position().unwrap_or(0) - app.list_offset(),
    );
    type_filter(&mut app, "depeche 1");
    app.update(Command::Down);
    assert_ne!(selected_title(&app), before);
    app.update(Command::Cancel);
    assert_eq!(selected_title(&app), before, "Esc while typing");
    assert_eq!(
        app.selected_position().unwrap_or(0) - app.list_offset(),
        row,
        "at its row"
    );
    type_filter(&mut app, "depeche 2");
    app.update(Command::Accept);
    app.update(Command::Bottom);
    app.update(Command::Back);
    assert_eq!(app.filter_input(), "");
    assert_eq!(selected_title(&app), before, "Esc in the list, after Enter");
}

#[test]
fn filter_editing_deletes_characters_and_words() {
    let mut app = app_at(sample(), 120, 40);
    type_filter(&mut app, "poutine xyz");
    assert_eq!(app.visible_count(), 0);
    common::apply(&mut app, Command::DeleteWord);
    assert_eq!(app.filter_input(), "poutine ");
    assert_eq!(app.visible_count(), 2);
    common::apply(&mut app, Command::DeleteChar);
    assert_eq!(app.filter_input(), "poutine");
}

/// The sample articles in the order a loader might deliver them: oldest first, the newest last.
fn batch(articles: Vec<liseuse::article::Article>, done: bool) -> Background {
    Background::Loaded(liseuse::loader::LoadBatch {
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
    app.update(Command::Down);
    assert!(selected_title(&app).contains("Đặng"));
    app.update(batch(vec![newest], true));
    assert!(selected_title(&app).contains("Đặng"));
    assert_eq!(app.selected_position(), Some(2));
}

#[test]
fn a_remembered_selection_is_applied_when_its_article_arrives() {
    let articles = sample();
    let remembered = liseuse::store::content_key(&articles[1]);
    let session = liseuse::store::Session {
        selected: Some(remembered),
        ..Default::default()
    };
    let mut app = liseuse::app::App::remembering(Default::default(), session);
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
    app.update(Command::Help);
    assert!(app.is_help_open());
    assert_eq!(app.key_mode(), KeyMode::Help);
    let press = |code| match KeyBindings::default()
        .translate(KeyMode::Help, &KeyEvent::new(code, KeyModifiers::NONE))
    {
        Some(Input::Command(command)) => Some(command),
        _ => None,
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
    let bottom = KeyBindings::default().help_rows().len() - 10;
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
    let effects = app.update(Command::Quit).effects;
    assert!(matches!(effects.last(), Some(Effect::Quit)), "{effects:?}");
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
    let browse = |event| format!("{:?}", KeyBindings::default().translate(KeyMode::Browse, &event));
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
        (key(Char('/')), "Filter"),
        (key(Char('?')), "Help"),
        (key(Char('q')), "Quit"),
        (ctrl('c'), "Quit"),
        (ctrl('l'), "Redraw"),
    ] {
        assert_eq!(browse(event), format!("Some(Command({expected}))"), "{event:?}");
    }
    let filter = |event| format!("{:?}", KeyBindings::default().translate(KeyMode::Input, &event));
    assert_eq!(
        filter(key(Char('q'))),
        "Some(Char('q'))",
        "q is text while filtering"
    );
    assert_eq!(filter(key(Char('j'))), "Some(Char('j'))");
    assert_eq!(filter(key(Enter)), "Some(Command(Accept))");
    assert_eq!(filter(key(Esc)), "Some(Command(Cancel))");
    assert_eq!(filter(key(Backspace)), "Some(Command(DeleteChar))");
    assert_eq!(filter(key(Down)), "Some(Command(Down))");
    assert_eq!(filter(ctrl('c')), "Some(Command(Quit))");
}

#[test]
fn skipped_files_are_reported_in_the_status_line() {
    let mut app = app_at(sample(), 120, 40);
    app.update(common::skipped_file());
    assert!(app.notice().is_some_and(|notice| notice.contains("broken.txt")));
    assert_eq!(app.warnings().len(), 1);
    app.update(Command::Down);
    assert!(
        app.notice().is_none(),
        "the notice goes at the next key; the count stays"
    );
    assert_eq!(app.warnings().len(), 1);
}

fn type_text(app: &mut liseuse::app::App, text: &str) {
    for c in text.chars() {
        common::typed(app, &c.to_string());
    }
}

#[test]
fn slash_in_the_reading_pane_finds_in_the_article() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Command::Open);
    app.update(Command::Filter);
    assert_eq!(app.prompt(), Some(liseuse::app::Prompt::Find));
    type_text(&mut app, "COOPERATION");
    let hits = app.hits().len();
    assert_eq!(hits, 30, "one per paragraph, case and accents ignored");
    assert_eq!(app.current_hit(), Some(0));
    assert_eq!(app.filter_input(), "", "the list's filter is untouched");
    app.update(Command::Accept);
    app.update(Command::NextHit);
    assert_eq!(app.current_hit(), Some(1));
    let (_, rows) = reader_text_size(&app);
    for _ in 0..20 {
        app.update(Command::NextHit);
    }
    let shown = app.hits().line(app.current_hit().unwrap()).unwrap();
    assert!(
        (app.reader_scroll()..app.reader_scroll() + rows).contains(&shown),
        "n scrolls the hit into view"
    );
    app.update(Command::PrevHit);
    assert_eq!(app.current_hit(), Some(20));
    for _ in 0..10 {
        app.update(Command::NextHit);
    }
    assert_eq!(app.current_hit(), Some(0), "n wraps round the end");
    app.update(Command::PrevHit);
    assert_eq!(app.current_hit(), Some(29), "N wraps round the start");
}

#[test]
fn find_maps_hits_to_the_original_characters() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Command::Open);
    app.update(Command::Filter);
    type_text(&mut app, "hanoi");
    let hit = app.hits().pieces_of(0)[0].clone();
    let line: Vec<char> = app.reader_lines()[hit.line].text.chars().collect();
    let found: String = line[hit.chars.clone()].iter().collect();
    assert_eq!(found, "Hanoï");
}

#[test]
fn esc_clears_the_find_before_leaving_the_article() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Command::Open);
    app.update(Command::Filter);
    type_text(&mut app, "volonté");
    app.update(Command::Accept);
    assert!(!app.hits().is_empty());
    app.update(Command::Back);
    assert!(app.hits().is_empty());
    assert_eq!(app.focus(), Focus::Reader);
    app.update(Command::Back);
    assert_eq!(app.focus(), Focus::List);
    app.update(Command::Open);
    app.update(Command::Filter);
    type_text(&mut app, "volonté");
    app.update(Command::Cancel);
    assert!(app.hits().is_empty(), "Esc while typing clears it too");
    assert_eq!(app.key_mode(), KeyMode::Browse);
}

#[test]
fn opening_asks_for_the_file_again_and_shows_what_changed() {
    let mut app = app_at(sample(), 120, 40);
    let effects = app.update(Command::Open).effects;
    let Some(Effect::Reread(path)) = effects
        .into_iter()
        .find(|effect| matches!(effect, Effect::Reread(_)))
    else {
        panic!("opening asks the loop to read the file again");
    };
    assert_eq!(path, std::path::Path::new("archive/a.txt"));
    let mut changed = sample().remove(0);
    changed.paragraphs = vec!["Un texte tout neuf.".to_string()];
    app.update(Background::Reread(liseuse::loader::Reread::Changed(Box::new(
        changed,
    ))));
    assert!(
        app.reader_lines()
            .iter()
            .any(|line| line.text == "Un texte tout neuf.")
    );
    assert!(app.notice().is_some_and(|notice| notice.contains("changed")));
    app.update(Background::Reread(liseuse::loader::Reread::Failed(
        liseuse::loader::LoadError::Io {
            path: "archive/a.txt".into(),
            source: std::io::ErrorKind::NotFound.into(),
        },
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
    app.update(Command::Filter);
    common::typed(&mut app, "to\nlam\t\x1b");
    assert_eq!(app.filter_input(), "to lam ");
    assert!(selected_title(&app).contains("Tô Lâm"));
    app.update(Action::Type("poutine ".repeat(10_000)));
    assert_eq!(app.filter_input().chars().count(), 1_000);
    assert!(
        app.notice()
            .is_some_and(|notice| notice.contains("first 1000 characters")),
        "{:?}",
        app.notice()
    );
}

/// A key waiting while the filter runs its quick pass: the pass gives way (the list stays as
/// it was and the filtering is asked for again), so the key is echoed first; once nothing
/// waits, the same filtering runs to the end.
#[test]
fn the_filtering_of_what_was_typed_gives_way_to_a_waiting_key() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let waiting = Arc::new(AtomicBool::new(false));
    let flag = waiting.clone();
    let mut app = app_at(sample(), 100, 30).with_interrupt(liseuse::ranking::Interrupt::new(move || {
        flag.load(Ordering::SeqCst)
    }));
    let all = visible_titles(&app);
    app.update(Command::Filter);
    app.update(Action::Type("'trong".to_string()));
    waiting.store(true, Ordering::SeqCst);
    let outcome = app.update(Action::Refilter);
    assert!(
        outcome
            .effects
            .iter()
            .any(|effect| matches!(effect, Effect::Refilter)),
        "asked for again: {:?}",
        outcome.effects
    );
    assert!(!outcome.redraw, "nothing changed on screen");
    assert_eq!(visible_titles(&app), all, "the list as it was");

    waiting.store(false, Ordering::SeqCst);
    let outcome = app.update(Action::Refilter);
    assert!(outcome.redraw);
    assert!(
        !outcome
            .effects
            .iter()
            .any(|effect| matches!(effect, Effect::Refilter))
    );
    assert_eq!(
        visible_titles(&app),
        vec!["Entretien en ligne entre Nguyen Phu Trong et Vladimir Poutine".to_string()]
    );
}

/// A filter restored at start is ranked quickly as each batch arrives, and by skim once,
/// when the last is in: not over the growing archive at every batch.
#[test]
fn a_restored_filter_is_ranked_by_skim_once_the_archive_is_loaded() {
    let session = liseuse::store::Session {
        filter: "poutine".to_string(),
        ..Default::default()
    };
    let mut app = liseuse::app::App::remembering(std::collections::HashMap::new(), session);
    let articles = sample();
    let batch = |articles: &[liseuse::article::Article], done| {
        Background::Loaded(liseuse::loader::LoadBatch {
            articles: articles.to_vec(),
            done,
            ..Default::default()
        })
    };
    let ranks = |effects: &[Effect]| {
        effects
            .iter()
            .filter(|effect| matches!(effect, Effect::Rank(_)))
            .count()
    };
    let first = app.update(batch(&articles[..1], false)).effects;
    assert_eq!(ranks(&first), 0, "{first:?}");
    assert_eq!(visible_titles(&app).len(), 1, "matched and listed at once");
    let last = app.update(batch(&articles[1..], true)).effects;
    assert_eq!(ranks(&last), 1, "{last:?}");
    assert_eq!(visible_titles(&app).len(), 2);
}
