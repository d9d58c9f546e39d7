//! Field terms of the filter (`date:`, `source:`, `place:`, `name:`) parsed and matched on
//! articles written here, their errors, and the names view setting one.

use crate::common;

use common::{app_at, article, sample, type_filter, visible_titles};
use liseuse::article::{Article, ArticleDate};
use liseuse::command::Command;
use liseuse::query::{FacetHaystacks, FieldError, Query};
use liseuse::ranking::{article_haystack, article_haystack_sharing};

fn dated(year: u16, month: Option<u8>, day: Option<u8>) -> Article {
    let mut article = article("d.txt", "Une dépêche", None, &[], 1);
    article.date = Some(ArticleDate { year, month, day });
    article
}

fn matches(query: &str, article: &Article) -> bool {
    let query = Query::parse(query);
    assert_eq!(query.error(), None, "{query:?}");
    query.score(&article_haystack(article)).is_some()
}

fn error(query: &str) -> FieldError {
    Query::parse(query)
        .error()
        .cloned()
        .unwrap_or_else(|| panic!("{query:?} should be an error"))
}

#[test]
fn a_day_matches_its_day_month_year_and_ranges_around_it() {
    let day = dated(2021, Some(4), Some(5));
    for query in [
        "date:2021",
        "date:2021-04",
        "date:2021-04-05",
        "date:2021-03..2021-06",
        "date:2021-04-05..2021-04-05",
        "date:>2021-03",
        "date:>=2021-04",
        "date:<2022",
        "date:<=2021-04-05",
        "date:2021..",
        "date:..2021-04",
    ] {
        assert!(matches(query, &day), "{query}");
    }
    for query in [
        "date:2020",
        "date:2021-05",
        "date:2021-04-06",
        "date:2021-05..2021-06",
        "date:>2021-04",
        "date:<2021-04-05",
        "date:<2021",
    ] {
        assert!(!matches(query, &day), "{query}");
    }
}

#[test]
fn a_less_precise_date_matches_only_periods_that_hold_it_whole() {
    let month = dated(2021, Some(4), None);
    assert!(matches("date:2021", &month));
    assert!(matches("date:2021-04", &month));
    assert!(!matches("date:2021-04-05", &month));
    assert!(!matches("date:2021-04-01..2021-04-20", &month));
    assert!(matches("date:2021-04-01..2021-04-30", &month));
    let year = dated(2021, None, None);
    assert!(matches("date:2021", &year));
    assert!(!matches("date:2021-04", &year));
    assert!(matches("date:2020..2022", &year));
    assert!(!matches("date:>2021-06", &year));
}

#[test]
fn an_undated_article_matches_no_date_term() {
    let undated = article("u.txt", "Sans date", None, &[], 1);
    for query in ["date:2021", "date:>1000", "date:<9999", "date:1000..9999"] {
        assert!(!matches(query, &undated), "{query}");
    }
    assert!(matches("!date:2021", &undated), "a negation is the opposite");
}

#[test]
fn date_terms_negate_and_combine_with_a_bar() {
    let april = dated(2021, Some(4), Some(5));
    let older = dated(2019, Some(1), Some(2));
    assert!(matches("date:2019 | date:2021", &april));
    assert!(matches("date:2019 | date:2021", &older));
    assert!(!matches("date:2020 | date:2022", &april));
    assert!(!matches("!date:2021", &april));
    assert!(matches("!date:2021", &older));
    assert!(matches("date:2021 dépêche", &april), "with a plain term");
    assert!(!matches("date:2021 tô", &april));
}

#[test]
fn source_and_place_are_matched_folded_and_alone() {
    let mut dispatch = article("s.txt", "Visite d’État", None, &["Đà Nẵng"], 1);
    dispatch.source = Some("AFP".to_string());
    dispatch.place = Some("Hanoï".to_string());
    dispatch.places = vec!["Đà Nẵng".to_string()];
    assert!(matches("source:afp", &dispatch));
    assert!(matches("source:AFP", &dispatch));
    assert!(!matches("source:vna", &dispatch));
    assert!(matches("!source:vna", &dispatch));
    assert!(!matches("!source:afp", &dispatch));
    assert!(matches("place:hanoi", &dispatch), "the dateline's place, folded");
    assert!(matches("place:HANOÏ", &dispatch));
    assert!(matches("place:da\\ nang", &dispatch), "a place the article names");
    assert!(matches("place:\"đà nẵng\"", &dispatch));
    assert!(!matches("place:afp", &dispatch), "the source is not a place");
    assert!(!matches("source:hanoi", &dispatch), "nor the place a source");
    assert!(!matches("place:visite", &dispatch), "nor the title");
    let mut none = dispatch.clone();
    none.source = None;
    none.place = None;
    none.places.clear();
    assert!(!matches("source:afp", &none));
    assert!(!matches("place:hanoi", &none));
    assert!(matches("!place:hanoi", &none));
}

#[test]
fn names_are_fuzzy_with_operators_and_quotes() {
    let dispatch = article(
        "n.txt",
        "Entretien au Kremlin",
        None,
        &["Tô Lâm", "Vladimir Poutine", "Moscou"],
        1,
    );
    assert!(matches("name:poutine", &dispatch));
    assert!(matches("name:vlpt", &dispatch), "fuzzy within a name");
    assert!(matches("name:'tô\\ lâm", &dispatch));
    assert!(matches("name:'tô", &dispatch));
    assert!(matches("name:\"vladimir poutine\"", &dispatch));
    assert!(matches("name:\"'tô lâm\"", &dispatch));
    assert!(matches("name:^vladimir", &dispatch));
    assert!(!matches("name:^poutine", &dispatch));
    assert!(matches("name:poutine$", &dispatch));
    assert!(!matches("name:kremlin", &dispatch), "the title is not a name");
    assert!(!matches("name:n.txt", &dispatch), "nor the file name");
    assert!(!matches("!name:poutine", &dispatch));
    assert!(matches("!name:lavrov", &dispatch));
    assert!(matches("name:lavrov | name:poutine", &dispatch));
}

#[test]
fn quoted_values_keep_their_spaces_and_need_no_closing_quote_yet() {
    let dispatch = article("n.txt", "Titre", None, &["Vladimir Poutine"], 1);
    assert!(matches("name:\"vladimir pou", &dispatch), "while it is typed");
    assert_eq!(
        Query::parse("name:\"vladimir poutine\""),
        Query::parse("name:vladimir\\ poutine")
    );
    assert!(
        !matches("name:\"vladimir poutine\" absent", &dispatch),
        "the next term counts"
    );
}

#[test]
fn a_field_prefix_alone_is_left_out_while_typed() {
    let dispatch = dated(2021, Some(4), None);
    assert!(Query::parse("date:").is_empty());
    assert!(Query::parse("name:").is_empty());
    assert!(
        matches("note:", &article("n.txt", "Note: rien", None, &[], 1)),
        "plain text"
    );
    assert!(
        matches("'http://x", &article("h.txt", "Voir http://x", None, &[], 1)),
        "escaped by '"
    );
    assert!(matches("dépêche date:", &dispatch));
}

#[test]
fn malformed_field_terms_are_errors_that_match_nothing() {
    type Made = fn(String) -> FieldError;
    let cases: [(&str, Made, &str); 13] = [
        ("date:2021-13", FieldError::NoSuchMonth, "2021-13"),
        ("date:2021-00", FieldError::NoSuchMonth, "2021-00"),
        ("date:2021-02-29", FieldError::NoSuchDay, "2021-02-29"),
        ("date:2021-04-31", FieldError::NoSuchDay, "2021-04-31"),
        ("date:abc", FieldError::NotADate, "abc"),
        ("date:21", FieldError::NotADate, "21"),
        ("date:2021-4", FieldError::NotADate, "2021-4"),
        ("date:0000", FieldError::NotADate, "0000"),
        ("date:>", FieldError::NotADate, ">"),
        ("date:2021-01-01-01", FieldError::NotADate, "2021-01-01-01"),
        ("date:2022..2021", FieldError::Reversed, "2022..2021"),
        ("colour:red", FieldError::UnknownField, "colour"),
        ("tô lâm !author:x", FieldError::UnknownField, "author"),
    ];
    for (query, made, said) in cases {
        assert_eq!(error(query), made(said.to_string()), "{query}");
    }
    assert!(Query::parse("date:2020-02-29").error().is_none(), "a leap day");
    let query = Query::parse("date:2021-13 | date:2021");
    assert!(!query.is_empty());
    for article in sample() {
        assert_eq!(query.score(&article_haystack(&article)), None);
        assert_eq!(query.quick_score(&article_haystack(&article)), None);
    }
    assert!(error("date:2021-13").to_string().contains("2021-13"));
}

#[test]
fn the_list_shows_nothing_and_says_why_for_a_wrong_term() {
    let mut app = app_at(sample(), 120, 40);
    type_filter(&mut app, "date:2021-13");
    assert_eq!(app.visible_count(), 0);
    let error = app.query_error().expect("an error");
    assert!(error.contains("2021-13"), "{error}");
    let screen = common::rows(&common::draw(&app, 120, 40, &liseuse::theme::COLOUR));
    let filter_row = screen
        .iter()
        .position(|row| row.contains("/ date:2021-13"))
        .expect("filter line");
    assert!(
        screen[filter_row + 1].contains("no such month"),
        "under the filter line: {screen:?}"
    );
    app.update(Command::Cancel);
    type_filter(&mut app, "date:2021-04");
    assert_eq!(app.query_error(), None);
    assert_eq!(visible_titles(&app).len(), 1);
}

#[test]
fn the_filter_narrows_by_fields_in_the_app() {
    let mut app = app_at(sample(), 120, 40);
    type_filter(&mut app, "date:2025");
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(visible_titles(&app)[0].contains("Tô Lâm"));
    app.update(Command::Cancel);
    type_filter(&mut app, "name:poutine !date:2025");
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(visible_titles(&app)[0].contains("Nguyen Phu Trong"));
}

#[test]
fn a_name_chosen_joins_the_filter_typed() {
    let mut app = app_at(sample(), 120, 40);
    type_filter(&mut app, "date:2021");
    app.update(Command::Accept);
    app.update(Command::Names);
    for c in "poutine".chars() {
        common::typed(&mut app, &c.to_string());
    }
    app.update(Command::Accept);
    assert_eq!(app.filter_input(), "date:2021 name:\"Vladimir Poutine\"");
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(visible_titles(&app)[0].contains("Nguyen Phu Trong"));
}

#[test]
fn field_terms_restrict_full_text_hits_and_stay_out_of_the_search() {
    use liseuse::app::{Background, Effect};
    use liseuse::fulltext::Snippet;
    use liseuse::fulltext::worker::FullTextFound;
    use liseuse::store::content_key;

    let mut app = app_at(sample(), 120, 40);
    app.update(Command::Filter);
    app.update(Command::ToggleScope);
    let search = common::typed(&mut app, "volonté date:2021")
        .into_iter()
        .find_map(|effect| match effect {
            Effect::SearchFullText(search) => Some(search),
            _ => None,
        })
        .expect("a search for the engine");
    assert_eq!(search.query, "volonté", "the engine gets the words alone");
    let every = sample()
        .iter()
        .map(|article| (content_key(article), Snippet::default()))
        .collect();
    app.update(Background::FullTextFound(FullTextFound {
        generation: search.generation,
        hits: Ok(every),
    }));
    assert_eq!(visible_titles(&app).len(), 1, "only the hit of 2021");
    assert!(visible_titles(&app)[0].contains("Nguyen Phu Trong"));
}

#[test]
fn articles_sharing_their_sources_and_places_haystacks_match_as_with_their_own() {
    let with = |source: Option<&str>, place: Option<&str>, places: &[&str]| {
        let mut article = article("s.txt", "Une dépêche", None, &[], 1);
        article.source = source.map(str::to_owned);
        article.place = place.map(str::to_owned);
        article.places = places.iter().map(|place| place.to_string()).collect();
        article
    };
    let articles = [
        with(Some("VNA"), Some("Hanoï"), &[]),
        with(Some("AFP"), Some("Hanoï"), &["Moscou"]),
        with(Some("VNA"), Some("Hanoï"), &[]),
        // The same letters cut into other fields: never the same haystack.
        with(Some("VNA"), Some("Ha"), &["noï"]),
        with(Some("VNA"), None, &["Hanoï"]),
        with(Some("VNA"), None, &["Han", "oï"]),
        with(None, None, &[]),
        with(Some("AFP"), Some("Moscou"), &["Hanoï", "Moscou"]),
        with(Some(""), Some("Hanoï"), &[]),
    ];
    let queries = [
        "source:vna",
        "source:afp",
        "source:'vna",
        "place:hanoi",
        "place:'hanoi",
        "place:moscou",
        "place:'han",
        "place:noi",
        "name:hanoi",
    ];
    let mut shared = FacetHaystacks::default();
    for article in &articles {
        let sharing = article_haystack_sharing(article, &mut shared);
        let own = article_haystack(article);
        for query in queries {
            let query = Query::parse(query);
            assert_eq!(
                query.score(&sharing),
                query.score(&own),
                "{query:?} on {:?} / {:?} / {:?}",
                article.source,
                article.place,
                article.places
            );
        }
    }
}
