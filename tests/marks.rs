//! Marks, orders, names and memory, driven by actions: what a daily reader relies on.

mod common;

use common::{app_at, finish_ranking, sample, selected_title, type_filter, visible_titles};
use liseuse::action::Action;
use liseuse::app::{App, Effect, Order};
use liseuse::layout::Focus;
use liseuse::store::{Store, content_key};

#[test]
fn opening_marks_read_and_m_toggles() {
    let mut app = app_at(sample(), 120, 40);
    assert_eq!(app.unread_count(), 3);
    assert!(!app.marks_at(0).read);
    app.update(Action::Open);
    assert!(app.marks_at(0).read);
    assert_eq!(app.unread_count(), 2);
    app.update(Action::ToggleRead);
    assert!(!app.marks_at(0).read);
    assert_eq!(app.unread_count(), 3);
    app.update(Action::ToggleRead);
    assert_eq!(app.unread_count(), 2);
}

#[test]
fn unread_only_and_starred_only_narrow_the_list() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::Open);
    app.update(Action::Back);
    app.update(Action::UnreadOnly);
    assert_eq!(app.visible_count(), 2);
    assert!(!visible_titles(&app).iter().any(|title| title.contains("Tô Lâm")));
    app.update(Action::UnreadOnly);
    assert_eq!(app.visible_count(), 3);

    app.update(Action::Bottom);
    app.update(Action::ToggleStar);
    assert!(app.marks_at(2).starred);
    app.update(Action::StarredOnly);
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(selected_title(&app).contains("Đặng"));
    app.update(Action::ToggleStar);
    app.update(Action::StarredOnly);
    app.update(Action::StarredOnly);
    assert_eq!(app.visible_count(), 0, "nothing starred any more");
}

#[test]
fn o_cycles_the_order_and_a_filter_ranks_by_match() {
    let mut app = app_at(sample(), 120, 40);
    assert_eq!(app.order(), Order::Newest);
    app.update(Action::CycleOrder);
    assert_eq!(app.order(), Order::Oldest);
    let titles = visible_titles(&app);
    assert!(
        titles[0].contains("Nguyen Phu Trong"),
        "oldest dated first: {titles:?}"
    );
    assert!(titles[2].contains("Đặng"), "undated last");
    app.update(Action::CycleOrder);
    assert_eq!(app.order(), Order::Title);
    let titles = visible_titles(&app);
    assert!(
        titles[0].starts_with("Đặng") && titles[1].starts_with("Entretien") && titles[2].starts_with("Le")
    );
    app.update(Action::CycleOrder);
    assert_eq!(app.order(), Order::Newest);

    type_filter(&mut app, "poutine");
    assert_eq!(app.order(), Order::BestMatch, "a filter ranks by best match");
    assert!(
        visible_titles(&app)[0].contains("Nguyen Phu Trong"),
        "Poutine in the title first, though the other article is newer"
    );
    app.update(Action::AcceptInput);
    app.update(Action::CycleOrder);
    assert_eq!(app.order(), Order::Newest);
    assert!(
        visible_titles(&app)[0].contains("Tô Lâm"),
        "newest first among the matches"
    );
    assert_eq!(app.visible_count(), 2);
    for _ in 0..3 {
        app.update(Action::CycleOrder);
    }
    assert_eq!(app.order(), Order::BestMatch);
}

#[test]
fn the_names_view_counts_filters_and_lists_their_articles() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::OpenNames);
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
        app.update(Action::InputChar(c));
    }
    let view = app.names_view().expect("still open");
    assert_eq!(view.selected_name(), Some("Hanoï"));
    app.update(Action::AcceptInput);
    assert!(app.names_view().is_none());
    assert_eq!(app.mentions(), Some("Hanoï"));
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(selected_title(&app).contains("Nguyen Phu Trong"));
    app.update(Action::Back);
    assert_eq!(app.mentions(), None);
    assert_eq!(app.visible_count(), 3);
}

#[test]
fn names_from_the_reading_pane_are_the_open_articles() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::Bottom);
    app.update(Action::Open);
    app.update(Action::OpenNames);
    let view = app.names_view().expect("open");
    let names: Vec<&str> = view.visible().map(|(name, _)| name).collect();
    assert_eq!(names, ["Cuba", "Đặng Thị Ngọc Thịnh"]);
    app.update(Action::CancelInput);
    assert!(app.names_view().is_none());
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn copy_page_edit_and_suspend_are_handed_to_the_event_loop() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Action::CopyText);
    match app.take_effect() {
        Some(Effect::Copy(text)) => {
            assert!(text.starts_with("Le secrétaire général Tô Lâm"));
            assert!(text.contains("Paragraphe 30"));
        }
        other => panic!("expected a copy, got {other:?}"),
    }
    assert_eq!(app.notice(), None, "nothing is copied yet: nothing is claimed");
    app.update(Action::CopyPath);
    assert_eq!(app.take_effect(), Some(Effect::Copy("archive/a.txt".to_string())));
    assert_eq!(app.notice(), None);
    app.update(Action::Page);
    assert!(matches!(app.take_effect(), Some(Effect::Page(text)) if text.contains("Paragraphe 1 ")));
    app.update(Action::Edit);
    assert_eq!(app.take_effect(), Some(Effect::Edit("archive/a.txt".into())));
    app.update(Action::Suspend);
    assert_eq!(app.take_effect(), Some(Effect::Suspend));
    assert_eq!(app.take_effect(), None);
}

#[test]
fn each_article_reopens_where_it_was_left() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Action::Open);
    for _ in 0..7 {
        app.update(Action::Down);
    }
    app.update(Action::Back);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.reader_scroll(), 0, "another article opens at its own place");
    app.update(Action::Back);
    app.update(Action::Up);
    app.update(Action::Open);
    assert_eq!(app.reader_scroll(), 7);
}

#[test]
fn a_restart_keeps_marks_selection_filter_and_place() {
    let data = tempfile::tempdir().expect("tempdir");
    let (store, warnings) = Store::open(data.path()).expect("store");
    assert!(warnings.is_empty());
    let mut app = App::with_store(store);
    app.update(Action::Loaded(liseuse::action::LoadBatch {
        articles: sample(),
        done: true,
        ..Default::default()
    }));
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::Open);
    for _ in 0..5 {
        app.update(Action::Down);
    }
    app.update(Action::ToggleStar);
    app.update(Action::Back);
    type_filter(&mut app, "poutine");
    app.update(Action::AcceptInput);
    app.update(Action::Quit);
    app.store_mut().save().expect("saved");

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
    let mut app = App::with_store(store);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::Loaded(liseuse::action::LoadBatch {
        articles: moved,
        done: true,
        ..Default::default()
    }));
    finish_ranking(&mut app);
    assert_eq!(app.filter_input(), "poutine");
    assert_eq!(app.visible_count(), 2);
    assert!(selected_title(&app).contains("Tô Lâm"));
    let selected = app.selected_position().expect("a selection");
    assert!(app.marks_at(selected).starred && app.marks_at(selected).read);
    assert_eq!(app.unread_count(), 2);
    app.update(Action::Open);
    assert_eq!(app.reader_scroll(), 5);
}

#[test]
fn ctrl_t_searches_the_full_text_and_opening_carries_the_words_into_find() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Action::OpenFilter);
    app.update(Action::ToggleScope);
    assert_eq!(app.scope(), liseuse::app::Scope::FullText);
    for c in "volon".chars() {
        app.update(Action::InputChar(c));
    }
    let older = app.take_full_text_search().expect("a search for the engine");
    app.update(Action::InputChar('t'));
    let search = app.take_full_text_search().expect("a search for the engine");
    assert_eq!((older.query.as_str(), search.query.as_str()), ("volon", "volont"));
    assert_eq!(app.rows_per_article(), 2, "title, then snippet");
    // The engine answers the search typed last: the third article only.
    app.update(Action::FullTextFound {
        generation: search.generation,
        keys: vec![content_key(&sample()[2])],
    });
    // Then, late, its answer to the search typed before.
    app.update(Action::FullTextFound {
        generation: older.generation,
        keys: vec![content_key(&sample()[0]), content_key(&sample()[1])],
    });
    assert_eq!(
        visible_titles(&app).len(),
        1,
        "the late answer to an older search was dropped"
    );
    assert!(selected_title(&app).contains("Đặng"));
    app.update(Action::AcceptInput);
    app.update(Action::Open);
    assert_eq!(app.find_input(), "volont");
    assert_eq!(app.hits().len(), 2, "each paragraph's « volonté »");
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::OpenFilter);
    app.update(Action::ToggleScope);
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
    app.update(Action::Open);
    app.update(Action::ToggleStar);
    app.update(Action::Notice("the answer to a key".to_string()));
    assert_eq!(app.alert(), Some(warning), "keys and notices leave it");
    app.update(Action::Back);
    assert_eq!(app.alert(), None, "Esc dismisses it");
    assert_eq!(app.focus(), Focus::Reader, "and does nothing else");
    app.update(Action::Alert(warning.to_string()));
    assert_eq!(app.alert(), None, "the same problem again stays dismissed");
    let other = "could not save the marks: the disk is full";
    app.update(Action::Alert(other.to_string()));
    assert_eq!(app.alert(), Some(other), "a new one shows");
    app.update(Action::Back);
    app.update(Action::Back);
    assert_eq!(app.focus(), Focus::List, "then Esc goes back as ever");
}
