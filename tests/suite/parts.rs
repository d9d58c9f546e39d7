//! Each part of the model driven alone, with its own actions, without the others; and
//! what `update` says it caused: a redraw only when something visible changed.

use crate::common;

use common::{app_at, sample};
use liseuse::app::{Background, Effect, Filter, Help, Library, NamesAnswer, NamesView, Order, Reader};
use liseuse::command::Command;
use liseuse::loader::LoadBatch;
use liseuse::ranking::Refined;
use liseuse::reading::Settings;
use liseuse::store::{Mark, content_key};

fn loaded(articles: Vec<liseuse::article::Article>) -> (Library, usize) {
    let mut library = Library::new(Default::default());
    let arrived = library.add(LoadBatch {
        articles,
        done: true,
        ..LoadBatch::default()
    });
    (library, arrived.first_new)
}

#[test]
fn the_library_orders_marks_and_hands_over_the_index() {
    let mut library = Library::new(Default::default());
    let arrived = library.add(LoadBatch {
        articles: sample(),
        done: true,
        ..LoadBatch::default()
    });
    assert!(!library.is_loading());
    assert_eq!(
        arrived.index.map(|job| job.len()),
        Some(3),
        "the index once loading is over"
    );
    let titles = |library: &Library| -> Vec<String> {
        library
            .display_order()
            .iter()
            .map(|&id| library.article(id).title.clone())
            .collect()
    };
    assert!(titles(&library)[0].contains("Tô Lâm"), "newest first");
    library.set_order(Order::Oldest);
    assert!(
        titles(&library)[0].contains("Nguyen Phu Trong"),
        "oldest dated first"
    );
    assert_eq!(library.unread(), 3);
    let effect = library.set_mark(0, Mark::Read(true));
    assert!(matches!(effect, Some(Effect::Mark(key, Mark::Read(true))) if key == content_key(&sample()[0])));
    assert_eq!(library.unread(), 2);
    assert!(
        library.set_mark(0, Mark::Read(true)).is_none(),
        "no change, nothing to keep"
    );
}

#[test]
fn the_filter_ranks_keeps_its_selection_and_drops_late_rankings() {
    let (library, first_new) = loaded(sample());
    let mut filter = Filter::new(String::new(), None);
    let arrived = liseuse::app::Arrived {
        first_new,
        removed: false,
        skipped: None,
        index: None,
    };
    let _ = filter.arrived(&arrived, &library);
    assert_eq!(filter.visible().len(), 3);
    let outcome = filter.set_input("poutine".to_string(), &library);
    assert_eq!(filter.visible().len(), 2);
    let ranking = outcome
        .effects
        .into_iter()
        .find_map(|effect| match effect {
            Effect::Rank(refinement) => Some(refinement),
            _ => None,
        })
        .expect("skim's ranking asked for");
    let _ = filter.move_by(isize::MIN / 2);
    assert_eq!(filter.selected_position(), Some(0));
    assert!(filter.move_by(1), "down to the second match");
    let chosen = filter.selected_id();
    let stale = Refined {
        generation: ranking.generation - 1,
        matches: vec![],
        complete: true,
    };
    assert!(
        !filter.ranked(stale),
        "a ranking of an older query changes nothing"
    );
    let mut refined = Vec::new();
    ranking.run(|| false, |ranked| refined.push(ranked));
    for ranked in refined {
        assert!(filter.ranked(ranked));
    }
    assert_eq!(filter.selected_id(), chosen, "the selection stays on its article");
    assert!(!filter.move_by(5), "already on the last match");
}

#[test]
fn the_reader_lays_out_scrolls_finds_and_says_where_it_was_left() {
    let articles = sample();
    let mut reader = Reader::default();
    let settings = Settings::default();
    let follow = |reader: &mut Reader, id: usize, scroll: u32| {
        reader.follow(Some((id, &articles[id], scroll)), &settings, false, (40, 10))
    };
    assert_eq!(follow(&mut reader, 0, 0), None);
    assert!(reader.lines().len() > 10);
    assert!(reader.update(Command::PageDown));
    assert_eq!(reader.scroll(), 10);
    assert!(reader.update(Command::Bottom));
    assert!(!reader.update(Command::Down), "past the end: nothing changes");
    reader.set_find("paragraphe 3".to_string(), Some(&articles[0]));
    assert!(!reader.hits().is_empty());
    let left = follow(&mut reader, 1, 2);
    assert!(matches!(left, Some(left) if left.article == 0 && left.scroll > 0));
    assert_eq!(reader.scroll(), 2, "the next article opens where it was left");
}

#[test]
fn the_names_view_filters_moves_and_chooses() {
    let articles = sample();
    let mut view = NamesView::new(&articles, &articles);
    assert_eq!(
        view.selected_name(),
        Some("Vladimir Poutine"),
        "most mentioned first"
    );
    assert!(matches!(
        view.type_text("cuba"),
        NamesAnswer::Open {
            changed: true,
            cut: false
        }
    ));
    assert_eq!(view.visible().len(), 1);
    assert_eq!(
        view.update(Command::Accept),
        NamesAnswer::Chosen("Cuba".to_string())
    );
    assert_eq!(view.update(Command::Cancel), NamesAnswer::Closed);
}

#[test]
fn the_names_view_shows_people_then_places() {
    let mut articles = sample();
    articles[0].places = vec!["Russie".to_string()];
    articles[1].places = vec!["Hanoï".to_string()];
    let view = NamesView::new(&articles, &articles);
    let shown: Vec<(&str, bool)> = view
        .visible()
        .enumerate()
        .map(|(position, (name, _))| (name, view.is_place_at(position)))
        .collect();
    let first_place = shown.iter().position(|&(_, place)| place).expect("places");
    assert!(shown[..first_place].iter().all(|&(_, place)| !place), "{shown:?}");
    assert!(shown[first_place..].iter().all(|&(_, place)| place), "{shown:?}");
    assert_eq!(&shown[first_place..], &[("Hanoï", true), ("Russie", true)]);
    assert_eq!(
        shown[0],
        ("Vladimir Poutine", false),
        "the most mentioned person first"
    );
}

#[test]
fn the_help_scrolls_within_its_rows_and_any_other_key_closes_it() {
    let mut help = Help::default();
    help.toggle();
    assert!(help.is_open());
    assert!(help.update(Command::Down, 30, 10));
    assert!(help.update(Command::PageDown, 30, 10));
    for _ in 0..40 {
        let _ = help.update(Command::Down, 30, 10);
    }
    assert_eq!(help.scroll(), 20, "the last row at the bottom, no further");
    assert!(!help.update(Command::Down, 30, 10));
    assert!(help.update(Command::CloseHelp, 30, 10));
    assert!(!help.is_open());
}

#[test]
fn enter_on_the_filter_line_redraws_though_its_list_is_already_drawn() {
    let mut app = app_at(sample(), 120, 40);
    common::type_filter(&mut app, "to lam");
    // The typing's filtering drawn, and its ranking in, before Enter comes: nothing else
    // will ask for a frame.
    common::apply(&mut app, liseuse::app::Action::Refilter);
    let accepted = app.update(Command::Accept);
    assert!(accepted.redraw, "the filter line closes on screen");
    let screen = common::rows(&common::draw(&app, 120, 40, &liseuse::theme::COLOUR));
    assert!(
        !screen.iter().any(|row| row.contains("Enter keep")),
        "{screen:#?}"
    );
}

#[test]
fn nothing_visible_changed_means_no_redraw() {
    let mut app = app_at(sample(), 120, 40);
    assert!(!app.update(Command::Up).redraw, "Up on the first row");
    assert!(!app.update(Command::Back).redraw, "Esc with nothing to clear");
    assert!(app.update(Command::Down).redraw);
    common::type_filter(&mut app, "p");
    let typed = app.update(liseuse::app::Action::Type("o".to_string()));
    assert!(typed.redraw, "what was typed is drawn at once");
    let refiltered = app.update(liseuse::app::Action::Refilter);
    assert!(refiltered.redraw);
    let generation = refiltered
        .effects
        .iter()
        .find_map(|effect| match effect {
            Effect::Rank(refinement) => Some(refinement.generation),
            _ => None,
        })
        .expect("a ranking asked for");
    let shown = common::visible_titles(&app);
    let stale = Background::Ranked(Refined {
        generation: generation - 1,
        matches: vec![2, 1, 0],
        complete: true,
    });
    assert!(!app.update(stale).redraw, "a late ranking of an older query");
    assert_eq!(common::visible_titles(&app), shown);
    app.update(Command::Accept);
    app.update(Command::Open);
    let same = Background::Reread(liseuse::loader::Reread::Same);
    assert!(!app.update(same).redraw, "a file read again, unchanged");
}
