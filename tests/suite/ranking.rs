//! Filtering at scale: the quick pass decides exactly what skim would, the background
//! ranking refines without losing the selection, and the shortcuts give the same results.

use crate::common;

use common::{apply, article, type_filter, visible_titles};
use liseuse::app::{Action, App, Background, Effect};
use liseuse::article::Article;
use liseuse::command::Command;
use liseuse::loader::LoadBatch;
use liseuse::query::Query;
use liseuse::ranking::{self, FIRST_REFINEMENT, Haystacks, Scoring};

const PEOPLE: &[&str] = &[
    "Tô Lâm",
    "Vladimir Poutine",
    "Nguyễn Xuân Phúc",
    "Nguyen Phu Trong",
    "Phạm Minh Chính",
    "Đỗ Mười",
    "Sergueï Lavrov",
    "Võ Văn Thưởng",
];
const PLACES: &[&str] = &["Hanoï", "Moscou", "Hô Chi Minh-Ville", "Paris", "Đà Nẵng"];
const TOPICS: &[&str] = &[
    "coopération",
    "visite officielle",
    "entretien",
    "commerce",
    "énergie",
];

/// A deterministic archive of `count` articles with mixed names.
fn archive(count: usize) -> Vec<Article> {
    (0..count)
        .map(|n| {
            let person = PEOPLE[n % PEOPLE.len()];
            let other = PEOPLE[(n * 7 + 3) % PEOPLE.len()];
            let place = PLACES[(n * 3) % PLACES.len()];
            let topic = TOPICS[(n * 5) % TOPICS.len()];
            let title = format!("{person} et {other} : {topic} à {place}, dépêche {n}");
            article(
                &format!("{n:05}.txt"),
                &title,
                Some((2000 + (n % 25) as u16, 1 + (n % 12) as u8)),
                &[person, other, place],
                1,
            )
        })
        .collect()
}

const QUERIES: &[&str] = &[
    "poutine hanoi",
    "to lam !moscou",
    "'xuan | trong",
    "^vo",
    "ville$",
    "dang",
    "thuong coop",
    "p",
    "zzz",
    "!paris",
];

fn index(articles: &[Article]) -> (Haystacks, Vec<usize>, Vec<u32>) {
    let haystacks = Haystacks::of(articles);
    let ids = (0..articles.len()).collect();
    let rank = (0..articles.len() as u32).collect();
    (haystacks, ids, rank)
}

fn sorted(mut ids: Vec<usize>) -> Vec<usize> {
    ids.sort_unstable();
    ids
}

#[test]
fn the_quick_pass_matches_exactly_what_skim_matches() {
    let articles = archive(12_000);
    let (haystacks, ids, rank) = index(&articles);
    for input in QUERIES {
        let query = Query::parse(input);
        let quick = ranking::rank(&query, Scoring::Quick, &ids, &haystacks, &rank);
        let full = ranking::rank(&query, Scoring::Skim, &ids, &haystacks, &rank);
        assert_eq!(sorted(quick), sorted(full), "{input}");
    }
}

#[test]
fn refinement_ranks_the_best_first_then_everything() {
    let articles = archive(3_000);
    let (haystacks, ids, rank) = index(&articles);
    let query = Query::parse("p");
    let quick = ranking::rank(&query, Scoring::Quick, &ids, &haystacks, &rank);
    assert!(quick.len() > FIRST_REFINEMENT);
    let refinement = ranking::Refinement {
        generation: 7,
        query: query.clone(),
        matches: quick.clone(),
        haystacks: haystacks.clone(),
        display_rank: rank.clone().into(),
        term_scores: Default::default(),
    };
    let mut sent = Vec::new();
    refinement.run(|| false, |refined| sent.push(refined));
    assert_eq!(sent.len(), 2);
    assert!(!sent[0].complete && sent[1].complete);
    assert_eq!(sent[0].generation, 7);
    assert_eq!(
        sent[0].matches[FIRST_REFINEMENT..],
        quick[FIRST_REFINEMENT..],
        "the rest keeps its place"
    );
    assert_eq!(sorted(sent[0].matches.clone()), sorted(quick.clone()));
    assert_eq!(
        sent[1].matches,
        ranking::rank(&query, Scoring::Skim, &ids, &haystacks, &rank)
    );

    let mut sent = Vec::new();
    refinement.run(|| true, |refined| sent.push(refined));
    assert!(sent.is_empty(), "a cancelled ranking sends nothing");
}

#[test]
fn typing_narrows_from_the_previous_matches_with_the_same_result() {
    // The same articles in display order: ties rank the same way in both.
    let articles: Vec<Article> = App::with_articles(archive(2_000))
        .visible_articles()
        .cloned()
        .collect();
    let (haystacks, ids, rank) = index(&articles);
    for input in QUERIES {
        let mut app = App::with_articles(archive(2_000));
        type_filter(&mut app, input);
        let expected: Vec<String> =
            ranking::rank(&Query::parse(input), Scoring::Skim, &ids, &haystacks, &rank)
                .into_iter()
                .map(|id| articles[id].title.clone())
                .collect();
        let typed = visible_titles(&app);
        assert_eq!(typed.len(), expected.len(), "{input}");
        assert!(typed == expected, "{input}: the ranking differs");
    }
}

#[test]
fn backspace_returns_to_the_shorter_query_at_no_cost() {
    let mut app = App::with_articles(archive(2_000));
    type_filter(&mut app, "poutine");
    let poutine = visible_titles(&app);
    apply(&mut app, Action::Type('z'.to_string()));
    assert_eq!(app.visible_count(), 0);
    let mut effects = app.update(Command::DeleteChar).effects;
    effects.extend(app.update(Action::Refilter).effects);
    assert!(
        !effects.iter().any(|effect| matches!(effect, Effect::Rank(_))),
        "the ranking was remembered"
    );
    assert_eq!(visible_titles(&app), poutine);
}

#[test]
fn a_late_ranking_of_an_older_query_is_dropped() {
    let mut app = App::with_articles(archive(1_000));
    type_filter(&mut app, "p");
    let stale = rankings(common::typed(&mut app, "o"))
        .pop()
        .expect("a ranking to do");
    common::typed(&mut app, "u");
    let current = visible_titles(&app);
    stale.run(
        || false,
        |refined| {
            app.update(Background::Ranked(refined));
        },
    );
    assert_eq!(visible_titles(&app), current);
}

#[test]
fn refining_keeps_the_selected_article() {
    let mut app = App::with_articles(archive(1_000));
    app.update(Command::Filter);
    let pending = rankings(common::typed(&mut app, "p"));
    assert!(!pending.is_empty(), "a ranking to do");
    for _ in 0..5 {
        app.update(Command::Down);
    }
    let chosen = app.selected_article().map(|article| article.path.clone());
    for ranking in pending {
        ranking.run(
            || false,
            |refined| {
                app.update(Background::Ranked(refined));
            },
        );
    }
    assert_eq!(app.selected_article().map(|article| article.path.clone()), chosen);
}

#[test]
fn articles_loaded_while_filtering_join_the_matches() {
    let mut all = archive(600);
    let late = all.split_off(300);
    let mut app = App::new();
    app.update(Background::Loaded(LoadBatch {
        articles: all,
        ..LoadBatch::default()
    }));
    assert!(app.is_loading());
    type_filter(&mut app, "'lavrov");
    let before = app.visible_count();
    apply(
        &mut app,
        Background::Loaded(LoadBatch {
            articles: late,
            done: true,
            ..LoadBatch::default()
        }),
    );
    assert!(app.visible_count() > before);
    let (haystacks, ids, rank) = index(&archive(600));
    let expected = ranking::rank(&Query::parse("'lavrov"), Scoring::Skim, &ids, &haystacks, &rank).len();
    assert_eq!(app.visible_count(), expected);
    assert!(!app.is_loading());
}

/// A warm start lists the whole cache, then checks the files: the filter restored or typed
/// meanwhile is ranked by skim as soon as the list is whole, not after the check, and the
/// status line says the files are being checked, not that articles are loading.
#[test]
fn a_list_whole_from_the_cache_is_ranked_and_said_checked_before_the_check_ends() {
    let mut all = archive(600);
    let rest = all.split_off(200);
    let mut app = common::app_at(Vec::new(), 120, 20);
    app.update(Background::Loaded(LoadBatch {
        articles: all,
        ..LoadBatch::default()
    }));
    type_filter(&mut app, "to lam");
    let ranked_while_loading = app.update(Background::Loaded(LoadBatch {
        articles: rest[..200].to_vec(),
        ..LoadBatch::default()
    }));
    assert!(
        rankings(ranked_while_loading.effects).is_empty(),
        "not while loading"
    );
    let status =
        |app: &App| common::rows(&common::draw(app, 120, 20, &liseuse::theme::MONOCHROME)).join("\n");
    assert!(status(&app).contains("loading"), "{}", status(&app));

    let listed = apply(
        &mut app,
        Background::Loaded(LoadBatch {
            articles: rest[200..].to_vec(),
            checking: true,
            ..LoadBatch::default()
        }),
    );
    assert!(listed.is_empty(), "{listed:?}");
    assert!(app.is_checking() && !app.is_loading());
    assert_eq!(visible_titles(&app), ranked_by_skim(&archive(600), "to lam"));
    let line = status(&app);
    assert!(
        line.contains("checking files") && !line.contains("loading"),
        "{line}"
    );

    apply(
        &mut app,
        Background::Loaded(LoadBatch {
            done: true,
            ..LoadBatch::default()
        }),
    );
    assert!(!app.is_checking() && !app.is_loading());
    assert!(!status(&app).contains("checking"), "{}", status(&app));
}

/// What `app` lists after `query` is typed, its quick pass done and skim not yet heard
/// from, and then `batches` arrive while loading goes on.
fn filtered_while_loading(
    first: Vec<Article>,
    query: &str,
    order: bool,
    batches: &[&[Article]],
) -> Vec<String> {
    let mut app = App::new();
    app.update(Background::Loaded(LoadBatch {
        articles: first,
        ..LoadBatch::default()
    }));
    if order {
        app.update(Command::CycleOrder);
    }
    app.update(Command::Filter);
    common::typed(&mut app, query);
    for batch in batches {
        app.update(Background::Loaded(LoadBatch {
            articles: batch.to_vec(),
            ..LoadBatch::default()
        }));
    }
    assert!(app.is_loading());
    visible_titles(&app)
}

#[test]
fn articles_arriving_under_a_filter_take_the_places_a_filtering_of_all_gives_them() {
    // Batches are merged into the matches shown, not ranked again with them: the list must
    // be the one filtering everything at once gives, in every order.
    let all = archive(2_400);
    let (first, rest) = all.split_at(300);
    let batches: Vec<&[Article]> = rest.chunks(700).collect();
    for order in [false, true] {
        for query in QUERIES {
            let merged = filtered_while_loading(first.to_vec(), query, order, &batches);
            let at_once = filtered_while_loading(all.clone(), query, order, &[]);
            assert_eq!(merged, at_once, "{query:?}, by best match: {}", !order);
        }
    }
}

#[test]
fn the_display_order_stays_newest_first_across_batches() {
    let mut app = App::new();
    for chunk in archive(900).chunks(100) {
        app.update(Background::Loaded(LoadBatch {
            articles: chunk.to_vec(),
            ..LoadBatch::default()
        }));
    }
    let dates: Vec<_> = app.visible_articles().map(|article| article.date).collect();
    assert_eq!(dates.len(), 900, "every article listed");
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "newest first");
}

/// The rankings among `effects`, which the background ranker would do.
fn rankings(effects: Vec<Effect>) -> Vec<liseuse::ranking::Refinement> {
    effects
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Rank(refinement) => Some(refinement),
            _ => None,
        })
        .collect()
}

/// The titles skim ranks first for `input` over the whole archive, as the list shows them.
fn ranked_by_skim(articles: &[Article], input: &str) -> Vec<String> {
    let in_order: Vec<Article> = App::with_articles(articles.to_vec())
        .visible_articles()
        .cloned()
        .collect();
    let (haystacks, ids, rank) = index(&in_order);
    ranking::rank(&Query::parse(input), Scoring::Skim, &ids, &haystacks, &rank)
        .into_iter()
        .map(|id| in_order[id].title.clone())
        .collect()
}

#[test]
fn a_space_or_an_operator_alone_typed_keeps_the_list_and_its_ranking() {
    let mut app = App::with_articles(archive(2_000));
    type_filter(&mut app, "poutine");
    let poutine = visible_titles(&app);
    // Typed key by key, but for a field's name pasted whole (`d` on the way is a word).
    for typed in [" ", " !", " '", " ^", " |", " date:"] {
        let keys: Vec<String> = match typed.strip_prefix(' ') {
            Some(field) if field.len() > 1 => vec![" ".into(), field.into()],
            _ => typed.chars().map(String::from).collect(),
        };
        for key in keys {
            let effects = common::typed(&mut app, &key);
            assert!(
                !effects.iter().any(|effect| matches!(effect, Effect::Rank(_))),
                "{typed:?}: the same query is not ranked again"
            );
        }
        assert_eq!(visible_titles(&app), poutine, "{typed:?}");
        for _ in typed.chars() {
            apply(&mut app, Command::DeleteChar);
        }
    }
    // A ranking asked before the space still lands: the space did not make it stale.
    apply(&mut app, Command::DeleteChar);
    let pending = rankings(common::typed(&mut app, "e"));
    assert!(!pending.is_empty(), "a ranking to do");
    common::typed(&mut app, " ");
    for ranking in pending {
        ranking.run(
            || false,
            |refined| {
                app.update(Background::Ranked(refined));
            },
        );
    }
    assert_eq!(visible_titles(&app), ranked_by_skim(&archive(2_000), "poutine"));
}

#[test]
fn a_negation_or_a_date_typed_after_a_ranked_query_keeps_skims_order_without_ranking_again() {
    let articles = archive(3_000);
    // Typed key by key, or pasted whole: `d`, `da`… on the way to `date:` are words.
    for (ranked, added, by_key) in [
        ("p", " !moscou", true),
        ("to lam", " !paris !^vo", true),
        ("thuong", " date:2003", false),
        ("po", " !date:2010..2020", false),
    ] {
        let mut app = App::with_articles(articles.clone());
        type_filter(&mut app, ranked);
        let keys: Vec<String> = if by_key {
            added.chars().map(String::from).collect()
        } else {
            vec![added.to_string()]
        };
        let mut typed = ranked.to_string();
        for key in keys {
            typed.push_str(&key);
            let effects = common::typed(&mut app, &key);
            assert!(
                !effects.iter().any(|effect| matches!(effect, Effect::Rank(_))),
                "{typed:?}: skim's order of {ranked:?} holds"
            );
            assert_eq!(
                visible_titles(&app),
                ranked_by_skim(&articles, &typed),
                "{typed:?}"
            );
        }
        let shown = app.visible_count();
        assert!(shown > 0 && shown < 3_000, "{typed:?} keeps {shown} articles");
    }
}

/// skim's ranking of all `articles` for `input`, with the scores `term_scores` remembers.
fn refined(
    input: &str,
    haystacks: &Haystacks,
    term_scores: &std::sync::Arc<std::sync::Mutex<liseuse::query::TermScores>>,
) -> Vec<usize> {
    let count = haystacks.len();
    let refinement = ranking::Refinement {
        generation: 1,
        query: Query::parse(input),
        matches: (0..count).collect(),
        haystacks: haystacks.clone(),
        display_rank: (0..count as u32).collect::<Vec<_>>().into(),
        term_scores: term_scores.clone(),
    };
    let mut last = Vec::new();
    refinement.run(|| false, |refined| last = refined.matches);
    last
}

#[test]
fn scores_remembered_from_one_ranking_to_the_next_rank_as_scoring_afresh_even_once_a_file_changed() {
    let mut articles = archive(1_500);
    let mut haystacks = Haystacks::of(&articles);
    let remembered = std::sync::Arc::default();
    let afresh = |haystacks: &Haystacks, input: &str| {
        let ids: Vec<usize> = (0..haystacks.len()).collect();
        let rank: Vec<u32> = (0..haystacks.len() as u32).collect();
        ranking::rank(&Query::parse(input), Scoring::Skim, &ids, haystacks, &rank)
    };
    for input in ["to", "to l", "to lam", "to", "poutine | lam", "to lam !moscou"] {
        assert_eq!(
            refined(input, &haystacks, &remembered),
            afresh(&haystacks, input),
            "{input}"
        );
    }
    // The last article's file now names Tô Lâm in its title, the first's no longer does.
    let last = articles.len() - 1;
    articles[last].title = "Tô Lâm à Hanoï".into();
    articles[0].title = "Sans nom".into();
    articles[0].names.clear();
    haystacks.replace(last, ranking::article_haystack(&articles[last]));
    haystacks.replace(0, ranking::article_haystack(&articles[0]));
    for input in ["to lam", "to", "lam"] {
        let ranked = refined(input, &haystacks, &remembered);
        assert_eq!(ranked, afresh(&haystacks, input), "{input}, the files changed");
        assert!(!ranked.contains(&0), "{input}: the first no longer matches");
    }
    assert!(
        refined("to lam", &haystacks, &remembered).contains(&last),
        "the last now matches"
    );
}
