//! Marks, orders, names and memory, driven by actions: what a daily reader relies on.

use crate::common;

use common::{app_at, apply, sample, selected_title, type_filter, visible_titles};
use liseuse::app::{Action, App, Background, Effect, Order};
use liseuse::command::Command;
use liseuse::fulltext::Snippet;
use liseuse::fulltext::worker::FullTextFound;
use liseuse::layout::Focus;
use liseuse::store::{Store, content_key};

#[test]
fn opening_marks_read_and_m_toggles() {
    let mut app = app_at(sample(), 120, 40);
    assert_eq!(app.unread_count(), 3);
    assert!(!app.marks_at(0).read);
    app.update(Command::Open);
    assert!(app.marks_at(0).read);
    assert_eq!(app.unread_count(), 2);
    app.update(Command::ToggleRead);
    assert!(!app.marks_at(0).read);
    assert_eq!(app.unread_count(), 3);
    app.update(Command::ToggleRead);
    assert_eq!(app.unread_count(), 2);
}

#[test]
fn unread_only_and_starred_only_narrow_the_list() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Command::Open);
    app.update(Command::Back);
    app.update(Command::UnreadOnly);
    assert_eq!(app.visible_count(), 2);
    assert!(!visible_titles(&app).iter().any(|title| title.contains("Tô Lâm")));
    app.update(Command::UnreadOnly);
    assert_eq!(app.visible_count(), 3);

    app.update(Command::Bottom);
    app.update(Command::ToggleStar);
    assert!(app.marks_at(2).starred);
    app.update(Command::StarredOnly);
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(selected_title(&app).contains("Đặng"));
    app.update(Command::ToggleStar);
    app.update(Command::StarredOnly);
    app.update(Command::StarredOnly);
    assert_eq!(app.visible_count(), 0, "nothing starred any more");
}

#[test]
fn o_cycles_the_order_and_a_filter_ranks_by_match() {
    let mut app = app_at(sample(), 120, 40);
    assert_eq!(app.order(), Order::Newest);
    app.update(Command::CycleOrder);
    assert_eq!(app.order(), Order::Oldest);
    let titles = visible_titles(&app);
    assert!(
        titles[0].contains("Nguyen Phu Trong"),
        "oldest dated first: {titles:?}"
    );
    assert!(titles[2].contains("Đặng"), "undated last");
    app.update(Command::CycleOrder);
    assert_eq!(app.order(), Order::Title);
    let titles = visible_titles(&app);
    assert!(
        titles[0].starts_with("Đặng") && titles[1].starts_with("Entretien") && titles[2].starts_with("Le")
    );
    app.update(Command::CycleOrder);
    assert_eq!(app.order(), Order::Newest);

    type_filter(&mut app, "poutine");
    assert_eq!(app.order(), Order::BestMatch, "a filter ranks by best match");
    assert!(
        visible_titles(&app)[0].contains("Nguyen Phu Trong"),
        "Poutine in the title first, though the other article is newer"
    );
    app.update(Command::Accept);
    app.update(Command::CycleOrder);
    assert_eq!(app.order(), Order::Newest);
    assert!(
        visible_titles(&app)[0].contains("Tô Lâm"),
        "newest first among the matches"
    );
    assert_eq!(app.visible_count(), 2);
    for _ in 0..3 {
        app.update(Command::CycleOrder);
    }
    assert_eq!(app.order(), Order::BestMatch);
}

#[test]
fn the_names_view_counts_filters_and_lists_their_articles() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Command::Names);
    let view = app.names_view().expect("names view open");
    let names: Vec<(String, usize)> = view
        .visible()
        .map(|(name, count)| (name.to_string(), count))
        .collect();
    assert_eq!(
        names[0],
        ("Vladimir Poutine".to_string(), 2),
        "most mentioned first: {names:?}"
    );
    assert_eq!(names.len(), 7);
    for c in "hanoi".chars() {
        common::typed(&mut app, &c.to_string());
    }
    let view = app.names_view().expect("still open");
    assert_eq!(view.selected_name(), Some("Hanoï"));
    app.update(Command::Accept);
    assert!(app.names_view().is_none());
    assert_eq!(app.filter_input(), "name:\"Hanoï\"", "set in the filter line");
    assert!(app.is_editing_filter(), "where it can be edited");
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
    app.update(Command::Cancel);
    assert_eq!(app.visible_count(), 3);
}

#[test]
fn names_from_the_reading_pane_are_the_open_articles() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Command::Bottom);
    app.update(Command::Open);
    app.update(Command::Names);
    let view = app.names_view().expect("open");
    let names: Vec<&str> = view.visible().map(|(name, _)| name).collect();
    assert_eq!(names, ["Cuba", "Đặng Thị Ngọc Thịnh"]);
    app.update(Command::Cancel);
    assert!(app.names_view().is_none());
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn copy_page_edit_and_suspend_are_handed_to_the_event_loop() {
    let mut app = app_at(sample(), 120, 40);
    match apply(&mut app, Command::CopyText).as_slice() {
        [Effect::Copy(text)] => {
            assert!(text.starts_with("Le secrétaire général Tô Lâm"));
            assert!(text.contains("Paragraphe 30"));
        }
        other => panic!("expected a copy, got {other:?}"),
    }
    assert_eq!(app.notice(), None, "nothing is copied yet: nothing is claimed");
    assert!(
        matches!(apply(&mut app, Command::CopyPath).as_slice(), [Effect::Copy(path)] if path == "archive/a.txt")
    );
    assert_eq!(app.notice(), None);
    assert!(
        matches!(apply(&mut app, Command::Pager).as_slice(), [Effect::Page(text)] if text.contains("Paragraphe 1 "))
    );
    assert!(
        matches!(apply(&mut app, Command::Editor).as_slice(), [Effect::Edit(path)] if path.as_path() == std::path::Path::new("archive/a.txt"))
    );
    assert!(matches!(
        apply(&mut app, Command::Suspend).as_slice(),
        [Effect::Suspend]
    ));
}

/// Keeps in `store` what the effects ask to keep, as the event loop does.
fn keep(store: &mut Store, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Mark(key, mark) => store.set_mark(key, mark),
            Effect::Session(session) => store.set_session("archive", session),
            _ => {}
        }
    }
}

/// A reader starting from what `store` remembers.
fn reopened(store: &Store) -> App {
    App::remembering(store.all_marks(), store.session("archive").clone())
}

#[test]
fn each_article_reopens_where_it_was_left() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Command::Open);
    for _ in 0..7 {
        app.update(Command::Down);
    }
    app.update(Command::Back);
    app.update(Command::Down);
    app.update(Command::Open);
    assert_eq!(app.reader_scroll(), 0, "another article opens at its own place");
    app.update(Command::Back);
    app.update(Command::Up);
    app.update(Command::Open);
    assert_eq!(app.reader_scroll(), 7);
}

#[test]
fn a_restart_keeps_marks_selection_filter_and_place() {
    let data = tempfile::tempdir().expect("tempdir");
    let (mut store, warnings) = Store::open(data.path()).expect("store");
    assert!(warnings.is_empty());
    let mut app = reopened(&store);
    app.update(Background::Loaded(liseuse::loader::LoadBatch {
        articles: sample(),
        done: true,
        ..Default::default()
    }));
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let mut effects = apply(&mut app, Command::Open);
    for _ in 0..5 {
        effects.extend(apply(&mut app, Command::Down));
    }
    effects.extend(apply(&mut app, Command::ToggleStar));
    effects.extend(apply(&mut app, Command::Back));
    effects.extend(apply(&mut app, Command::Filter));
    for c in "poutine".chars() {
        effects.extend(apply(&mut app, Action::Type(c.to_string())));
    }
    effects.extend(apply(&mut app, Command::Accept));
    // Back to the starred article among the matches, wherever the ranking put it.
    effects.extend(apply(&mut app, Command::Top));
    if !selected_title(&app).contains("Tô Lâm") {
        effects.extend(apply(&mut app, Command::Down));
    }
    assert!(selected_title(&app).contains("Tô Lâm"));
    effects.extend(apply(&mut app, Command::Quit));
    keep(&mut store, effects);
    store.save().expect("saved");

    // Moved archive: same contents, other paths.
    let moved: Vec<_> = sample()
        .into_iter()
        .map(|mut article| {
            article.path = std::path::Path::new("elsewhere").join(article.file_name());
            article
        })
        .collect();
    let (store, _) = Store::open(data.path()).expect("store");
    assert!(store.marks(&content_key(&moved[0])).starred);
    let mut app = reopened(&store);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    apply(
        &mut app,
        Background::Loaded(liseuse::loader::LoadBatch {
            articles: moved,
            done: true,
            ..Default::default()
        }),
    );
    assert_eq!(app.filter_input(), "poutine");
    assert_eq!(app.visible_count(), 2);
    assert!(selected_title(&app).contains("Tô Lâm"));
    let selected = app.selected_position().expect("a selection");
    assert!(app.marks_at(selected).starred && app.marks_at(selected).read);
    assert_eq!(app.unread_count(), 2);
    app.update(Command::Open);
    assert_eq!(app.reader_scroll(), 5);
}

#[test]
fn a_full_text_search_finding_nothing_while_indexing_says_more_may_match() {
    let mut app = app_at(sample(), 80, 24);
    assert!(app.is_indexing(), "a complete load asks for the index");
    app.update(Command::Filter);
    app.update(Command::ToggleScope);
    let nothing = |app: &mut App, effects: Vec<Effect>| {
        let search = effects
            .into_iter()
            .find_map(|effect| match effect {
                Effect::SearchFullText(search) => Some(search),
                _ => None,
            })
            .expect("a search for the engine");
        app.update(Background::FullTextFound(FullTextFound {
            generation: search.generation,
            hits: Ok(Vec::new()),
        }));
    };
    let effects = common::typed(&mut app, "mekong");
    nothing(&mut app, effects);
    let screen = |app: &App| common::rows(&common::draw(app, 80, 24, &liseuse::theme::MONOCHROME)).join("\n");
    assert!(
        screen(&app).contains("No match yet: indexing…"),
        "{}",
        screen(&app)
    );
    // The index commits another share of the archive: the search is asked again.
    let effects = app.update(Background::IndexGrew).effects;
    assert!(
        effects.iter().any(|effect| matches!(effect,
            Effect::SearchFullText(search) if search.query == "mekong")),
        "asked again as the index grows: {effects:?}"
    );
    nothing(&mut app, effects);
    assert!(app.is_indexing());
    // The index complete, the search is asked again: still nothing, and now for good.
    let effects = app.update(Background::Indexed(Ok(()))).effects;
    nothing(&mut app, effects);
    assert!(!app.is_indexing());
    assert!(screen(&app).contains("No match"), "{}", screen(&app));
    assert!(!screen(&app).contains("indexing"), "{}", screen(&app));
}

#[test]
fn the_index_growing_asks_nothing_of_a_filter_over_titles() {
    let mut app = app_at(sample(), 80, 24);
    type_filter(&mut app, "lam");
    let before = visible_titles(&app);
    let effects = app.update(Background::IndexGrew).effects;
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(visible_titles(&app), before);
}

#[test]
fn ctrl_t_searches_the_full_text_and_opening_carries_the_words_into_find() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Command::Filter);
    app.update(Command::ToggleScope);
    assert_eq!(app.scope(), liseuse::app::Scope::FullText);
    let mut typed = |text: &str| {
        common::typed(&mut app, text)
            .into_iter()
            .find_map(|effect| match effect {
                Effect::SearchFullText(search) => Some(search),
                _ => None,
            })
            .expect("a search for the engine")
    };
    let older = typed("volon");
    let search = typed("t");
    assert_eq!((older.query.as_str(), search.query.as_str()), ("volon", "volont"));
    assert_eq!(
        app.list_rows(),
        liseuse::listing::Rows::Snippets,
        "title, then snippet"
    );
    let found = |generation, articles: &[usize]| {
        Background::FullTextFound(FullTextFound {
            generation,
            hits: Ok(articles
                .iter()
                .map(|&article| (content_key(&sample()[article]), Snippet::default()))
                .collect()),
        })
    };
    // The engine answers the search typed last: the third article only.
    app.update(found(search.generation, &[2]));
    // Then, late, its answer to the search typed before.
    app.update(found(older.generation, &[0, 1]));
    assert_eq!(
        visible_titles(&app).len(),
        1,
        "the late answer to an older search was dropped"
    );
    assert!(selected_title(&app).contains("Đặng"));
    app.update(Command::Accept);
    app.update(Command::Open);
    assert_eq!(app.find_input(), "volont");
    assert_eq!(app.hits().len(), 2, "each paragraph's « volonté »");
    app.update(Command::Back);
    app.update(Command::Back);
    app.update(Command::Filter);
    app.update(Command::ToggleScope);
    assert_eq!(app.scope(), liseuse::app::Scope::TitlesNames);
    assert_eq!(
        app.visible_count(),
        0,
        "the filter now fuzzy-matches titles and names"
    );
}

#[test]
fn a_warning_that_marks_will_not_be_kept_stays_until_esc_and_stays_dismissed() {
    let mut app = app_at(sample(), 120, 40);
    let warning = "marks will not be kept: cannot create /nowhere: Not a directory";
    app.update(Action::Alert(warning.to_string()));
    app.update(Command::Open);
    app.update(Command::ToggleStar);
    app.update(Action::Notice("the answer to a key".to_string()));
    assert_eq!(app.alert(), Some(warning), "keys and notices leave it");
    app.update(Command::Back);
    assert_eq!(app.alert(), None, "Esc dismisses it");
    assert_eq!(app.focus(), Focus::Reader, "and does nothing else");
    app.update(Action::Alert(warning.to_string()));
    assert_eq!(app.alert(), None, "the same problem again stays dismissed");
    let other = "could not save the marks: the disk is full";
    app.update(Action::Alert(other.to_string()));
    assert_eq!(app.alert(), Some(other), "a new one shows");
    app.update(Command::Back);
    app.update(Command::Back);
    assert_eq!(app.focus(), Focus::List, "then Esc goes back as ever");
}
