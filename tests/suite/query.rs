//! The filter language through the public API: syntax, folding, ranking, highlights.

use liseuse::query::{Haystack, Query};

fn hay(fields: &[&str]) -> Haystack {
    Haystack::new(fields.iter().copied())
}

fn matches(query: &str, fields: &[&str]) -> bool {
    Query::parse(query).score(&hay(fields)).is_some()
}

fn score(query: &str, fields: &[&str]) -> i64 {
    Query::parse(query)
        .score(&hay(fields))
        .unwrap_or_else(|| panic!("{query:?} should match {fields:?}"))
}

/// Titles, in the order the caller would show them for `query`.
fn ranked<'a>(query: &str, titles: &[&'a str]) -> Vec<&'a str> {
    let query = Query::parse(query);
    let mut scored: Vec<(i64, &str)> = titles
        .iter()
        .filter_map(|title| Some((query.score(&hay(&[title]))?, *title)))
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.into_iter().map(|(_, title)| title).collect()
}

const TO_LAM: &[&str] = &["Tô Lâm à Moscou", "Tô Lâm", "Vladimir Poutine", "2024-05-08.txt"];
const HANOI: &[&str] = &["Visite d’État à Hanoï", "Đặng Thị Ngọc Thịnh", "hanoi.txt"];

#[test]
fn plain_query_finds_diacritics() {
    assert!(matches("to lam", TO_LAM));
    assert!(matches("hanoi", HANOI));
    assert!(matches("dang", HANOI));
    assert!(matches("'hanoi", &["Visite à Hanoï"]));
    assert!(matches("thuong", &["Võ Văn Thưởng"]));
}

#[test]
fn query_with_diacritics_finds_plain_text() {
    assert!(matches("Hanoï", &["HANOI"]));
    assert!(matches("'Đặng", &["Dang Thi Ngoc Thinh"]));
}

#[test]
fn nfd_article_matches_nfc_query() {
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Tô Lâm").collect();
    assert!(matches("'tô\\ lâm", &[&nfd]));
}

#[test]
fn fuzzy_term_matches_scattered_letters_in_order() {
    assert!(matches("vlpt", &["Vladimir Poutine"]));
    assert!(!matches("tpvl", &["Vladimir Poutine"]));
}

#[test]
fn fuzzy_term_does_not_span_fields() {
    // "mos" + "cou" are in different fields only.
    assert!(!matches("moscou", &["Arrivée à Mos", "cou"]));
    assert!(matches("moscou", &["Arrivée", "à Moscou"]));
}

#[test]
fn exact_term_needs_a_substring() {
    assert!(matches("'lam", TO_LAM));
    assert!(!matches("'tlm", TO_LAM));
    assert!(matches("tlm", TO_LAM));
}

#[test]
fn prefix_term_applies_to_each_field() {
    assert!(matches("^viet", &["Coopération", "Vietnam"]));
    assert!(!matches("^nam", &["Vietnam"]));
    assert!(matches("^poutine", &["Visite", "Poutine à Hanoï"]));
}

#[test]
fn suffix_term_applies_to_each_field() {
    assert!(matches("hanoi$", &["Poutine à Hanoï", "Tô Lâm"]));
    assert!(matches(".txt$", HANOI));
    assert!(!matches("poutine$", &["Poutine à Hanoï"]));
    assert!(
        matches("moscou$", &["cou", "à Moscou"]),
        "a field shorter than the suffix"
    );
}

#[test]
fn equal_term_needs_a_whole_field() {
    assert!(matches("^hanoi$", &["Visite", "Hanoï"]));
    assert!(!matches("^hanoi$", &["Visite à Hanoï"]));
    assert!(matches("^to\\ lam$", TO_LAM));
    assert!(!matches("^to\\ lam$", &["Tô Lâm à Moscou"]));
}

#[test]
fn negation_excludes_substrings_anywhere() {
    assert!(!matches("!moscou", TO_LAM));
    assert!(matches("!pekin", TO_LAM));
    assert!(!matches("!poutine", TO_LAM), "a name field counts too");
}

#[test]
fn negated_prefix_and_suffix() {
    assert!(!matches("!^vlad", TO_LAM));
    assert!(matches("!^poutine", TO_LAM));
    assert!(!matches("!.txt$", TO_LAM));
    assert!(matches("!.md$", TO_LAM));
}

#[test]
fn all_term_groups_must_match() {
    assert!(matches("poutine hanoi", &["Poutine à Hanoï"]));
    assert!(!matches("poutine hanoi", &["Poutine à Moscou"]));
    assert!(!matches("to lam !moscou", TO_LAM));
    assert!(matches("to lam !moscou", &["Tô Lâm à Pékin"]));
}

#[test]
fn bar_matches_either_term() {
    let xuan = &["Nguyễn Xuân Phúc"];
    let trong = &["Nguyễn Phú Trọng"];
    let neither = &["Vladimir Poutine"];
    assert!(matches("'xuan | trong", xuan));
    assert!(matches("'xuan | trong", trong));
    assert!(!matches("'xuan | trong", neither));
}

#[test]
fn bar_groups_combine_with_and() {
    let query = "nguyen 'xuan | trong !pekin";
    assert!(matches(query, &["Nguyễn Phú Trọng à Moscou"]));
    assert!(matches(query, &["Nguyễn Xuân Phúc à Hanoï"]));
    assert!(!matches(query, &["Nguyễn Phú Trọng à Pékin"]));
    assert!(!matches(query, &["Tô Lâm reçoit Xuân"]));
}

#[test]
fn escaped_space_stays_in_the_term() {
    assert!(matches("'lam\\ a", &["Tô Lâm à Moscou"]));
    assert!(!matches("'lam\\ a", &["Lâm", "à Moscou"]));
}

#[test]
fn contiguous_match_outranks_scattered() {
    let order = ranked(
        "trong",
        &[
            "Tout reste ouvert, notent les gens",
            "Nguyễn Phú Trọng à Pékin",
            "Le tronçon de la gare",
        ],
    );
    assert_eq!(order[0], "Nguyễn Phú Trọng à Pékin");
    assert_eq!(order[2], "Tout reste ouvert, notent les gens");
}

#[test]
fn word_start_outranks_middle_of_word() {
    assert!(score("'lam", &["Tô Lâm"]) > score("'lam", &["Islamabad"]));
    assert!(score("'lam", &["Tô Lâm"]) > score("'lam", &["lampe"]));
    assert!(score("lam", &["Tô Lâm"]) > score("lam", &["Islamabad"]));
}

#[test]
fn title_match_ranks_before_scattered_letters() {
    let in_title = hay(&["Nguyễn Phú Trọng à Pékin", "2024-01-01.txt"]);
    let scattered = hay(&["Tout reste ouvert, notent les gens", "2024-01-02.txt"]);
    let query = Query::parse("trong");
    assert!(query.score(&in_title) > query.score(&scattered));
}

#[test]
fn title_outranks_the_same_match_in_a_name() {
    let in_title = hay(&["Tô Lâm à Moscou", "Vladimir Poutine"]);
    let in_name = hay(&["Visite à Moscou", "Tô Lâm"]);
    let query = Query::parse("to lam");
    assert!(query.score(&in_title) > query.score(&in_name));
}

#[test]
fn longer_exact_match_scores_higher() {
    assert!(score("'hanoi", HANOI) > score("'han", HANOI));
}

#[test]
fn empty_query_matches_everything() {
    for blank in ["", "   ", "\t"] {
        let query = Query::parse(blank);
        assert!(query.is_empty());
        assert_eq!(query.score(&hay(TO_LAM)), Some(0));
        assert!(query.highlight(&hay(TO_LAM), 0).is_empty());
    }
    assert!(!Query::parse("lam").is_empty());
}

#[test]
fn operators_alone_are_ignored() {
    for alone in ["'", "^", "!", "^$", "!^", "!'", "' ^ !"] {
        assert!(Query::parse(alone).is_empty(), "{alone:?}");
    }
}

#[test]
fn odd_input_decides_as_the_quick_pass_and_highlights_within_the_field() {
    let fields: [&[&str]; 7] = [
        TO_LAM,
        HANOI,
        &[],
        &["", ""],
        &["🙂 émoji 👨‍👩‍👧", "a\u{301}\u{302}", "\u{301}"],
        &["東京 Сергей Лавров", "|", "$"],
        // Letters that fold to two: positions in the folded text run past the original.
        &["ŒŒŒ œuvre", "ﬁn de la straße"],
    ];
    let odd = [
        "|",
        "| |",
        "|||",
        "a |",
        "| a",
        "a | | b",
        "!",
        "'",
        "^$",
        "$",
        "\\",
        "a\\",
        "\\ ",
        "\\\\",
        "!$",
        "!^$",
        "''",
        "^^",
        "$$",
        "!!",
        "🙂",
        "👨‍👩‍👧",
        "\u{301}",
        "'\u{301}",
        "^\u{301}$",
        "東京",
        "сергей$",
        "^'",
        "'$",
        "lam\\ ",
        "é è ê",
        "\u{a0}",
        "\u{202f}x",
    ];
    for input in odd {
        let query = Query::parse(input);
        for texts in fields {
            let haystack = hay(texts);
            let score = query.score(&haystack);
            assert_eq!(
                score.is_some(),
                query.quick_score(&haystack).is_some(),
                "{input:?} on {texts:?}: the quick pass decides otherwise"
            );
            if query.is_empty() {
                assert_eq!(score, Some(0), "{input:?} is no query: everything matches");
            }
            for field in 0..texts.len() + 1 {
                let chars = texts.get(field).map_or(0, |text| text.chars().count());
                let positions = query.highlight(&haystack, field);
                assert!(
                    positions.windows(2).all(|pair| pair[0] < pair[1])
                        && positions.iter().all(|&at| at < chars),
                    "{input:?} on {texts:?}: {positions:?} in field {field}"
                );
            }
        }
    }
}

#[test]
fn lone_bar_is_a_literal_term() {
    assert!(matches("|", &["a | b"]));
    assert!(!matches("|", &["a b"]));
}

#[test]
fn highlight_maps_to_original_chars() {
    let haystack = hay(&["Tô Lâm à Moscou"]);
    assert_eq!(Query::parse("lam").highlight(&haystack, 0), vec![3, 4, 5]);
    assert_eq!(Query::parse("'lam").highlight(&haystack, 0), vec![3, 4, 5]);
    assert_eq!(
        Query::parse("^to\\ lam").highlight(&haystack, 0),
        vec![0, 1, 2, 3, 4, 5]
    );
    assert_eq!(
        Query::parse("moscou$").highlight(&haystack, 0),
        vec![9, 10, 11, 12, 13, 14]
    );
}

#[test]
fn highlight_through_expanding_and_nfd_text() {
    // "Œ" folds to two chars, both from char 0.
    let haystack = hay(&["Œuvre de Đặng"]);
    assert_eq!(Query::parse("'oeuv").highlight(&haystack, 0), vec![0, 1, 2]);
    assert_eq!(Query::parse("'dang").highlight(&haystack, 0), vec![9, 10, 11, 12]);
    // NFD "Lâm": L, a, combining circumflex, m; the mark is not highlighted, the m is char 3.
    let nfd = hay(&["La\u{302}m"]);
    assert_eq!(Query::parse("'lam").highlight(&nfd, 0), vec![0, 1, 3]);
}

#[test]
fn highlight_is_per_field() {
    let haystack = hay(&["Visite à Moscou", "Tô Lâm"]);
    let query = Query::parse("'lam 'moscou");
    assert_eq!(query.highlight(&haystack, 0), vec![9, 10, 11, 12, 13, 14]);
    assert_eq!(query.highlight(&haystack, 1), vec![3, 4, 5]);
    assert!(query.highlight(&haystack, 2).is_empty());
}

#[test]
fn highlight_skips_negations_and_unmatched_alternatives() {
    let haystack = hay(&["Tô Lâm à Moscou"]);
    assert_eq!(Query::parse("'lam !pekin").highlight(&haystack, 0), vec![3, 4, 5]);
    assert_eq!(
        Query::parse("'xuan | 'lam").highlight(&haystack, 0),
        vec![3, 4, 5]
    );
}

#[test]
fn fuzzy_highlight_avoids_scattered_letters_when_another_field_matches_better() {
    let haystack = hay(&["Tout reste ouvert, notent les gens", "Nguyễn Phú Trọng"]);
    let query = Query::parse("trong");
    assert!(query.highlight(&haystack, 0).is_empty());
    assert_eq!(query.highlight(&haystack, 1), vec![11, 12, 13, 14, 15]);
}

#[test]
fn highlights_are_sorted_and_deduplicated() {
    let haystack = hay(&["Tô Lâm à Moscou"]);
    let positions = Query::parse("lam 'lam ^to").highlight(&haystack, 0);
    assert_eq!(positions, vec![0, 1, 3, 4, 5]);
}

#[test]
fn narrowing_is_only_claimed_when_it_holds() {
    let narrows = |longer: &str, shorter: &str| Query::parse(longer).narrows(&Query::parse(shorter));
    assert!(narrows("poutine", "pout"), "a fuzzy term grew");
    assert!(narrows("poutine ha", "poutine"), "a term was added");
    assert!(
        narrows("to lam !mo", "to lam"),
        "a negation added after narrows too"
    );
    assert!(
        !narrows("to lam !mos", "to lam !mo"),
        "a longer negation lets more through"
    );
    assert!(!narrows("!mo", "'mo"), "a term turned into its negation");
    assert!(!narrows("xuan | trong", "xuan"), "an alternative widens");
    assert!(!narrows("ville$", "ile$"), "a suffix grows at its start");
}
