//! Related articles (`r`, `--related`): on an archive where the answer is known — four
//! dispatches of one story (a drought in the Mekong delta, in French and in English, from
//! three agencies) among six others, one of which shares a place with the story.

use crate::common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{app_at, apply, draw, rows, selected_title, type_filter, visible_titles};
use liseuse::app::{Action, App, Background, Effect, RelatedState};
use liseuse::article::Article;
use liseuse::command::Command;
use liseuse::fulltext::FullText;
use liseuse::fulltext::related;
use liseuse::fulltext::worker::RelatedSearch;
use liseuse::layout::Focus;
use liseuse::loader::{LoadOptions, load_paths_with};
use liseuse::ranking::Haystacks;
use liseuse::theme;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/related");
const ASKED: &str = "La salinisation menace les rizières du delta du Mékong";
const STORY: [&str; 3] = [
    "Saltwater intrusion hits rice farmers in Vietnam's Mekong Delta",
    "Ben Tre décrète l’état d’urgence face à la salinisation",
    "Delta du Mékong : les riziculteurs face à la sécheresse",
];
/// Shares the dateline `Can Tho` with the first dispatch, and nothing of its story.
const SAME_PLACE: &str = "Can Tho inaugure un nouveau pont sur le fleuve Hau";

fn archive() -> Vec<Article> {
    let (articles, warnings) = load_paths_with(
        &[PathBuf::from(FIXTURE)],
        &LoadOptions {
            cache_dir: None,
            texts_let_go: false,
        },
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 10);
    articles
}

fn indexed(articles: &[Article]) -> FullText {
    let mut index = FullText::open(None).expect("in-memory index");
    index
        .sync(
            articles
                .iter()
                .map(|article| (liseuse::store::content_key(article), article)),
        )
        .expect("sync");
    index
}

fn position_of(articles: &[Article], title: &str) -> usize {
    articles
        .iter()
        .position(|article| article.title == title)
        .unwrap_or_else(|| panic!("{title} not loaded"))
}

/// The related articles of `title` as `--related` lists them: titles, best first.
fn related_titles(articles: &[Article], index: Option<&FullText>, title: &str) -> Vec<String> {
    let searcher = index.map(FullText::searcher);
    let keys: Vec<_> = articles.iter().map(liseuse::store::content_key).collect();
    liseuse::cli::related(articles, &keys, position_of(articles, title), searcher.as_ref())
        .expect("related")
        .into_iter()
        .map(|article| article.title.clone())
        .collect()
}

#[test]
fn an_article_held_without_its_text_finds_the_same_related_by_the_text_the_index_keeps() {
    let articles = archive();
    let index = indexed(&articles);
    let with_text = related_titles(&articles, Some(&index), ASKED);
    // As the reader holds an archive on disk: titles, names, dates; no texts.
    let listed: Vec<Article> = articles.iter().cloned().map(Article::without_text).collect();
    let searcher = index.searcher();
    let keys: Vec<_> = articles.iter().map(liseuse::store::content_key).collect();
    let without: Vec<String> =
        liseuse::cli::related(&listed, &keys, position_of(&articles, ASKED), Some(&searcher))
            .expect("related")
            .into_iter()
            .map(|article| article.title.clone())
            .collect();
    assert_eq!(without, with_text);
    assert_eq!(first_three(&without), HashSet::from(STORY), "{without:#?}");
}

#[test]
fn the_other_dispatches_of_the_story_come_first() {
    let articles = archive();
    let index = indexed(&articles);
    let titles = related_titles(&articles, Some(&index), ASKED);
    let first = first_three(&titles);
    assert_eq!(first, HashSet::from(STORY), "{titles:#?}");
    assert!(
        !titles.iter().any(|title| title == ASKED),
        "the article itself: {titles:#?}"
    );
    let place = titles.iter().position(|title| title == SAME_PLACE);
    assert!(place.is_none_or(|place| place >= 3), "{titles:#?}");
}

#[test]
fn an_english_dispatch_finds_its_french_story_by_the_names_it_shares() {
    let articles = archive();
    let index = indexed(&articles);
    let english = STORY[0];
    let titles = related_titles(&articles, Some(&index), english);
    let first = first_three(&titles);
    let french: HashSet<&str> = [ASKED, STORY[1], STORY[2]].into();
    assert_eq!(first, french, "{titles:#?}");
}

#[test]
fn without_an_index_the_names_alone_find_the_story() {
    let articles = archive();
    let titles = related_titles(&articles, None, ASKED);
    let first = first_three(&titles);
    assert_eq!(first, HashSet::from(STORY), "{titles:#?}");
}

#[test]
fn names_are_compared_folded_and_a_rare_name_counts_more_than_a_common_one() {
    let names = |names: &[&str]| common::article("x.txt", "x", None, names, 1);
    let mut articles = vec![
        names(&["Tô Lâm", "Hanoï"]),
        names(&["To Lam"]),
        names(&["Hanoi"]),
        names(&["Tran Van Minh"]),
    ];
    // Hanoï in most of the archive, Tô Lâm in two articles.
    articles.extend((0..6).map(|_| names(&["Hanoï"])));
    let matches = related::by_names(&Haystacks::of(&articles), 0);
    let score_of = |id: usize| {
        matches
            .iter()
            .find(|found| found.id == id)
            .map(|found| found.score)
    };
    let to_lam = score_of(1).expect("`To Lam` is `Tô Lâm`");
    let hanoi = score_of(2).expect("`Hanoi` is `Hanoï`");
    assert!(to_lam > hanoi, "{to_lam} against {hanoi}");
    assert_eq!(score_of(3), None, "no name shared");
    assert_eq!(score_of(0), None, "the article itself");
    assert_eq!(
        matches[0].shared,
        vec![0],
        "the shared name, as the article spells it"
    );
}

/// The app over the fixture, at `width`×30, the asked dispatch selected.
fn app_on_asked(width: u16) -> (App, Vec<Article>) {
    let articles = archive();
    let mut app = app_at(articles.clone(), width, 30);
    select(&mut app, ASKED);
    (app, articles)
}

fn select(app: &mut App, title: &str) {
    apply(app, Command::Top);
    for _ in 0..app.visible_count() {
        if selected_title(app) == title {
            return;
        }
        apply(app, Command::Down);
    }
    panic!("{title} not in the list");
}

/// `r`, and the search thread's answer over `index`, as the loop would bring it.
fn ask_related(app: &mut App, index: Option<&FullText>) {
    let effects = apply(app, Command::Related);
    let search = related_search(effects, "r asks for the related articles");
    answer(app, search, index);
}

/// The search for related articles that `effects` ask for.
fn related_search(effects: Vec<Effect>, what: &str) -> RelatedSearch {
    effects
        .into_iter()
        .find_map(|effect| match effect {
            Effect::FindRelated(search) => Some(search),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{what}"))
}

/// The first three of `titles`, in any order.
fn first_three(titles: &[String]) -> HashSet<&str> {
    titles.iter().take(3).map(String::as_str).collect()
}

fn answer(app: &mut App, search: RelatedSearch, index: Option<&FullText>) {
    let searcher = index.map(FullText::searcher);
    apply(app, Background::RelatedFound(search.answer(searcher.as_ref())));
}

#[test]
fn r_lists_the_related_articles_enter_opens_and_esc_returns_where_you_were() {
    let (mut app, articles) = app_on_asked(120);
    let index = indexed(&articles);
    type_filter(&mut app, "m");
    apply(&mut app, Command::Accept);
    let filtered = visible_titles(&app);
    // From the reading pane: Esc must come back to it.
    select(&mut app, ASKED);
    let asked_at = app.selected_position();
    apply(&mut app, Command::Open);
    assert_eq!(app.focus(), Focus::Reader);

    let effects = apply(&mut app, Command::Related);
    assert_eq!(app.focus(), Focus::List, "the related list has the keys");
    assert_eq!(app.visible_count(), 0, "nothing before the answer");
    assert!(matches!(app.related_to(), Some((article, RelatedState::Finding)) if article.title == ASKED));
    let screen = rows(&draw(&app, 120, 30, &theme::COLOUR));
    assert!(
        screen.iter().any(|row| row.contains("Finding related articles")),
        "{screen:#?}"
    );
    let search = related_search(effects, "r asks for the related articles");
    answer(&mut app, search, Some(&index));

    let titles = visible_titles(&app);
    let first = first_three(&titles);
    assert_eq!(first, HashSet::from(STORY), "{titles:#?}");
    let screen = rows(&draw(&app, 120, 30, &theme::COLOUR));
    let text = screen.join("\n");
    assert!(text.contains(" Related "), "{text}");
    assert!(text.contains("related to «La salinisation menace"), "{text}");
    // The names shared, as the related article spells them, under its title.
    assert!(text.contains("Tran Van Minh"), "{text}");
    assert!(text.contains("Trần Văn Minh"), "{text}");

    // Enter opens the selected related article; Esc comes back to the related list.
    apply(&mut app, Command::Down);
    let chosen = selected_title(&app);
    apply(&mut app, Command::Open);
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(selected_title(&app), chosen);
    apply(&mut app, Command::Back);
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(visible_titles(&app), titles, "still the related list");

    // Esc again: the filtered list, the same article selected, read in the reading pane.
    apply(&mut app, Command::Back);
    assert!(app.related_to().is_none());
    assert_eq!(visible_titles(&app), filtered);
    assert_eq!(app.filter_input(), "m");
    assert_eq!(selected_title(&app), ASKED);
    assert_eq!(app.selected_position(), asked_at);
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn r_in_the_related_list_asks_about_its_article_and_esc_still_returns_to_the_first_list() {
    let (mut app, articles) = app_on_asked(120);
    let index = indexed(&articles);
    let all = visible_titles(&app);
    ask_related(&mut app, Some(&index));
    let first_related = selected_title(&app);
    ask_related(&mut app, Some(&index));
    assert!(matches!(app.related_to(), Some((article, _)) if article.title == first_related));
    assert!(!visible_titles(&app).contains(&first_related));
    apply(&mut app, Command::Back);
    assert_eq!(visible_titles(&app), all);
    assert_eq!(selected_title(&app), ASKED);
}

#[test]
fn the_filter_and_its_switches_leave_the_related_list_first() {
    let (mut app, articles) = app_on_asked(120);
    let index = indexed(&articles);
    ask_related(&mut app, Some(&index));
    type_filter(&mut app, "delta");
    assert!(
        app.related_to().is_none(),
        "/ filters the archive, not the related list"
    );
    assert_eq!(app.filter_input(), "delta");
    assert!(visible_titles(&app).iter().any(|title| title == ASKED));

    apply(&mut app, Command::Cancel);
    ask_related(&mut app, Some(&index));
    apply(&mut app, Command::UnreadOnly);
    assert!(app.related_to().is_none());
    assert!(app.is_unread_only());
}

#[test]
fn while_the_index_is_built_it_says_so_and_fills_in_when_complete() {
    let articles = archive();
    // The articles arrive with the index still to build, as when the archive is opened.
    let mut app = App::new();
    apply(
        &mut app,
        Action::Resize {
            width: 120,
            height: 30,
        },
    );
    apply(
        &mut app,
        Background::Loaded(liseuse::loader::LoadBatch {
            articles: articles.clone(),
            done: true,
            ..Default::default()
        }),
    );
    assert!(app.is_indexing(), "a complete load asks for the index");
    select(&mut app, ASKED);
    // Nothing indexed yet: the names alone answer.
    let empty = FullText::open(None).expect("in-memory index");
    ask_related(&mut app, Some(&empty));
    assert!(matches!(app.related_to(), Some((_, RelatedState::Partial))));
    let text = rows(&draw(&app, 120, 30, &theme::COLOUR)).join("\n");
    assert!(text.contains("index still building, more to come"), "{text}");
    let partial = visible_titles(&app);
    assert!(!partial.is_empty());

    // The index completes: the related articles are asked again, over all of it.
    let index = indexed(&articles);
    let effects = apply(&mut app, Background::Indexed(Ok(())));
    let search = related_search(effects, "asked again once the index is complete");
    answer(&mut app, search, Some(&index));
    assert!(matches!(app.related_to(), Some((_, RelatedState::Found))));
    let titles = visible_titles(&app);
    let first = first_three(&titles);
    assert_eq!(first, HashSet::from(STORY), "{titles:#?}");
    assert!(
        titles.len() > partial.len(),
        "words add articles names alone did not find"
    );
}

#[test]
fn a_late_answer_for_another_article_changes_nothing() {
    let (mut app, articles) = app_on_asked(120);
    let index = indexed(&articles);
    let effects = apply(&mut app, Command::Related);
    let mut search = related_search(effects, "r asks for the related articles");
    search.of = (search.of + 1) % articles.len();
    answer(&mut app, search, Some(&index));
    assert_eq!(
        app.visible_count(),
        0,
        "the answer of another article is not shown"
    );
    assert!(matches!(app.related_to(), Some((_, RelatedState::Finding))));
}

#[test]
fn the_related_list_draws_at_every_size() {
    let (mut app, articles) = app_on_asked(120);
    let index = indexed(&articles);
    ask_related(&mut app, Some(&index));
    for (width, height) in [(120, 40), (80, 24), (40, 15), (10, 4)] {
        apply(&mut app, Action::Resize { width, height });
        let screen = draw(&app, width, height, &theme::COLOUR);
        common::assert_coherent(&app, &screen);
    }
}

fn liseuse(args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().expect("tempdir");
    Process::new(env!("CARGO_BIN_EXE_liseuse"))
        .args(args)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("LISEUSE_CACHE_DIR", home.path().join("cache"))
        .output()
        .expect("run liseuse")
}

#[test]
fn related_flag_prints_them_as_list_does() {
    let asked = Path::new(FIXTURE).join("mekong_1_vna.txt");
    let output = liseuse(&["--related", &asked.to_string_lossy(), FIXTURE]);
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    let first: HashSet<&str> = lines
        .iter()
        .take(3)
        .map(|line| line.split('\t').nth(1).expect("date, title, address"))
        .collect();
    assert_eq!(first, HashSet::from(STORY), "{text}");
    assert!(lines.iter().all(|line| line.split('\t').count() == 3), "{text}");
    assert!(!text.contains("mekong_1_vna.txt"), "{text}");

    // An article from outside the archive is asked about all the same.
    let outside = tempfile::tempdir().expect("tempdir");
    let copy = outside.path().join("copie.txt");
    std::fs::copy(&asked, &copy).expect("copy");
    let output = liseuse(&["--related", &copy.to_string_lossy(), FIXTURE]);
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        !text.contains("mekong_1_vna.txt"),
        "the same text is the same article: {text}"
    );
    assert!(text.contains("mekong_3_vna.txt"), "{text}");
}

#[test]
fn related_flag_of_a_missing_file_is_a_clear_error() {
    let output = liseuse(&["--related", "/nonexistent/dépêche.txt", FIXTURE]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("cannot find the articles related to /nonexistent/dépêche.txt"),
        "{error}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn while_articles_still_arrive_it_says_so_and_asks_again_once_indexed() {
    let articles = archive();
    let (first, rest) = articles.split_at(6);
    let mut app = App::new();
    apply(
        &mut app,
        Action::Resize {
            width: 120,
            height: 30,
        },
    );
    let batch = |articles: &[Article], done| {
        Background::Loaded(liseuse::loader::LoadBatch {
            articles: articles.to_vec(),
            done,
            ..Default::default()
        })
    };
    apply(&mut app, batch(first, false));
    let asked = first
        .iter()
        .find(|article| STORY.contains(&article.title.as_str()) || article.title == ASKED);
    select(
        &mut app,
        &asked.expect("a dispatch of the story loaded first").title,
    );
    ask_related(&mut app, None);
    assert!(
        matches!(app.related_to(), Some((_, RelatedState::Partial))),
        "the index is not even begun"
    );
    let effects = apply(&mut app, batch(rest, true));
    assert!(effects.iter().any(|effect| matches!(effect, Effect::Index(_))));
    assert!(matches!(app.related_to(), Some((_, RelatedState::Partial))));
    let effects = apply(&mut app, Background::Indexed(Ok(())));
    assert!(
        effects
            .iter()
            .any(|effect| matches!(effect, Effect::FindRelated(_))),
        "asked again over the whole archive, indexed"
    );
}
