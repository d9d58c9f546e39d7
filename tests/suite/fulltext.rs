//! Full-text search: what matches, in what order, with which snippet, and how the index
//! on disk follows the archive.

use crate::common;

use std::fs;
use std::path::Path;

use liseuse::article::Article;
use liseuse::fulltext::{ArticleText, FullText, FullTextError, SyncReport, query_terms, snippet};
use liseuse::loader::load_bundled;
use liseuse::store::{ContentKey, content_key};

fn article(name: &str, title: &str, paragraphs: &[&str]) -> Article {
    Article {
        path: format!("archive/{name}.txt").into(),
        title: title.to_owned(),
        date: None,
        source: None,
        place: None,
        captions: Vec::new(),
        paragraphs: paragraphs
            .iter()
            .map(|paragraph| (*paragraph).to_owned())
            .collect(),
        names: Vec::new(),
        ..Article::default()
    }
}

fn sync(index: &mut FullText, articles: &[Article]) -> SyncReport {
    index
        .sync(articles.iter().map(|article| (content_key(article), article)))
        .expect("sync")
}

fn indexed(articles: &[Article]) -> FullText {
    let mut index = FullText::open(None).expect("in-memory index");
    sync(&mut index, articles);
    index
}

/// The titles of the articles found, best first.
fn found(index: &FullText, articles: &[Article], query: &str) -> Vec<String> {
    index
        .search(query, 100)
        .expect("search")
        .iter()
        .map(|hit| title_of(articles, hit.key))
        .collect()
}

fn title_of(articles: &[Article], key: ContentKey) -> String {
    articles
        .iter()
        .find(|article| content_key(article) == key)
        .map(|article| article.title.clone())
        .expect("a hit is an article given")
}

fn archive() -> Vec<Article> {
    vec![
        article(
            "hanoi",
            "Visite à Hanoï",
            &["Le ministre est arrivé à Hanoï pour renforcer la coopération."],
        ),
        article(
            "dang",
            "Rencontre officielle",
            &[
                "Đặng Thị Ngọc Thịnh a reçu la délégation.",
                "Le partenariat progresse.",
            ],
        ),
        article(
            "russie",
            "Moscou",
            &["Sergueï Lavrov a parlé de coopération avec la Russie."],
        ),
    ]
}

#[test]
fn every_term_must_occur_in_the_body() {
    let articles = archive();
    let index = indexed(&articles);
    assert_eq!(
        found(&index, &articles, "cooperation hanoi"),
        vec!["Visite à Hanoï"]
    );
    assert_eq!(found(&index, &articles, "cooperation lavrov"), vec!["Moscou"]);
    assert!(found(&index, &articles, "cooperation dang").is_empty());
}

#[test]
fn a_word_only_in_the_title_does_not_match() {
    let articles = archive();
    let index = indexed(&articles);
    assert!(found(&index, &articles, "moscou").is_empty());
    assert!(found(&index, &articles, "officielle").is_empty());
}

#[test]
fn diacritics_and_case_are_ignored_on_both_sides() {
    let articles = archive();
    let index = indexed(&articles);
    assert_eq!(found(&index, &articles, "hanoi"), vec!["Visite à Hanoï"]);
    assert_eq!(found(&index, &articles, "HANOÏ"), vec!["Visite à Hanoï"]);
    assert_eq!(
        found(&index, &articles, "dang thinh"),
        vec!["Rencontre officielle"]
    );
    assert_eq!(found(&index, &articles, "serguei"), vec!["Moscou"]);
    let mut cooperation = found(&index, &articles, "cooperation");
    cooperation.sort();
    assert_eq!(cooperation, vec!["Moscou", "Visite à Hanoï"]);
}

#[test]
fn words_match_by_their_start_only() {
    let articles = archive();
    let index = indexed(&articles);
    assert_eq!(found(&index, &articles, "partenar"), vec!["Rencontre officielle"]);
    assert_eq!(
        found(&index, &articles, "partenariat"),
        vec!["Rencontre officielle"]
    );
    assert!(found(&index, &articles, "artenariat").is_empty());
    assert!(found(&index, &articles, "partenariats").is_empty());
}

#[test]
fn the_word_itself_is_searched_however_many_longer_words_start_with_it() {
    let longer: Vec<String> = (0..300).map(|n| format!("hanoi{n}")).collect();
    let longer: Vec<&str> = longer.iter().map(String::as_str).collect();
    let articles = vec![
        article("many-1", "Beaucoup", &longer),
        article("many-2", "Encore", &longer),
        article("exact", "Le mot seul", &["Arrivée à Hanoï."]),
    ];
    let index = indexed(&articles);
    let mut hanoi = found(&index, &articles, "hanoi");
    hanoi.sort();
    assert_eq!(hanoi, vec!["Beaucoup", "Encore", "Le mot seul"]);
}

#[test]
fn excluded_words_remove_articles() {
    let articles = archive();
    let index = indexed(&articles);
    assert_eq!(
        found(&index, &articles, "cooperation !lavr"),
        vec!["Visite à Hanoï"]
    );
}

#[test]
fn more_occurrences_rank_higher() {
    let filler = "La réunion a porté sur de nombreux sujets de fond entre les deux pays.";
    let articles = vec![
        article("once", "Une fois", &[filler, "Le partenariat est cité."]),
        article(
            "often",
            "Souvent",
            &[
                filler,
                "Le partenariat, encore le partenariat, toujours le partenariat.",
            ],
        ),
        article("none", "Aucune", &[filler]),
    ];
    let index = indexed(&articles);
    assert_eq!(found(&index, &articles, "partenar"), vec!["Souvent", "Une fois"]);
}

#[test]
fn a_word_also_in_the_title_ranks_higher() {
    let body = "Le partenariat a été discuté pendant la rencontre des deux délégations.";
    let articles = vec![
        article("plain", "Rencontre", &[body]),
        article("titled", "Un partenariat renforcé", &[body]),
    ];
    let index = indexed(&articles);
    assert_eq!(
        found(&index, &articles, "partenariat"),
        vec!["Un partenariat renforcé", "Rencontre"]
    );
}

#[test]
fn hits_carry_decreasing_scores_and_respect_the_limit() {
    let articles: Vec<Article> = (1..=30)
        .map(|times| {
            let text = vec!["coopération"; times].join(" et ");
            article(&format!("a{times}"), &format!("Article {times}"), &[&text])
        })
        .collect();
    let index = indexed(&articles);
    let hits = index.search("coop", 10).expect("search");
    assert_eq!(hits.len(), 10);
    assert!(hits.windows(2).all(|pair| pair[0].score >= pair[1].score));
    assert_eq!(title_of(&articles, hits[0].key), "Article 30");
}

#[test]
fn the_bundled_samples_are_searchable() {
    let samples = load_bundled();
    let index = indexed(&samples);
    assert_eq!(
        found(&index, &samples, "partenariat strategique integral").len(),
        2
    );
    let chernyshenko = found(&index, &samples, "chernyshenko");
    assert_eq!(chernyshenko.len(), 1);
    assert!(
        samples.iter().any(
            |sample| sample.title == chernyshenko[0] && sample.path.ends_with("000_21107d0269baae87.txt")
        )
    );
    let vaccins = found(&index, &samples, "vaccin covid");
    assert_eq!(vaccins.len(), 1);
    assert!(
        samples
            .iter()
            .any(|sample| sample.title == vaccins[0] && sample.path.ends_with("002_36d229e41b7896dc.txt"))
    );
}

#[test]
fn the_snippet_is_one_line_of_original_text_around_the_hit() {
    let article = article(
        "long",
        "Titre",
        &[
            "Un premier paragraphe sans rapport.",
            "Le Vietnam et la Russie\nont signé un accord. Ce Partenariat stratégique intégral \
             couvre l’énergie, l’éducation, la défense, le pétrole et le gaz, la sécurité, \
             le tourisme et la formation, ainsi que bien d’autres domaines encore à définir.",
        ],
    );
    let snippet = snippet(&article.paragraphs, "partenar strategique");
    assert!(!snippet.text.contains('\n'), "{:?}", snippet.text);
    assert!(snippet.text.chars().count() <= 160, "{:?}", snippet.text);
    let chars: Vec<char> = snippet.text.chars().collect();
    let highlighted: Vec<String> = snippet
        .highlights
        .iter()
        .map(|range| chars[range.clone()].iter().collect())
        .collect();
    assert_eq!(highlighted, vec!["Partenariat", "stratégique"]);
    assert!(snippet.text.contains("Ce Partenariat stratégique intégral"));
}

#[test]
fn the_snippet_of_a_sample_highlights_its_match() {
    let samples = load_bundled();
    assert_eq!(samples.len(), 2);
    for sample in &samples {
        // Both words are in the body of each sample, the second with its accents.
        let body: Vec<String> = sample
            .captions
            .iter()
            .chain(&sample.paragraphs)
            .cloned()
            .collect();
        let snippet = snippet(&body, "partenariat strategique");
        let chars: Vec<char> = snippet.text.chars().collect();
        let highlighted: Vec<String> = snippet
            .highlights
            .iter()
            .map(|range| chars[range.clone()].iter().collect())
            .collect();
        assert_eq!(
            highlighted,
            ["partenariat", "stratégique"],
            "{}: {:?}",
            sample.title,
            snippet.text
        );
    }
}

#[test]
fn query_terms_are_the_folded_words_to_find_in_the_article() {
    assert_eq!(
        query_terms("Partenar ^Đặng' !lavrov | l’amitié"),
        vec!["partenar", "dang", "l", "amitie"]
    );
    assert!(query_terms("  ! ^ $ | ' ").is_empty());
}

#[test]
fn empty_and_operator_only_queries_find_nothing() {
    let articles = archive();
    let index = indexed(&articles);
    for query in ["", "   ", "!", "^ $ | '", "!cooperation", "…", "\u{301}"] {
        assert!(index.search(query, 10).expect("search").is_empty(), "{query:?}");
    }
    assert!(index.search("hanoi", 0).expect("search").is_empty());
}

#[test]
fn syncing_follows_changed_and_deleted_articles() {
    let mut articles = archive();
    let mut index = FullText::open(None).expect("index");
    assert_eq!(
        sync(&mut index, &articles),
        SyncReport {
            added: 3,
            removed: 0,
            indexed: 3
        }
    );
    assert_eq!(
        sync(&mut index, &articles),
        SyncReport {
            added: 0,
            removed: 0,
            indexed: 3
        }
    );

    articles[0].paragraphs = vec!["Le ministre est arrivé à Hô Chi Minh-Ville.".to_owned()];
    assert_eq!(
        sync(&mut index, &articles),
        SyncReport {
            added: 1,
            removed: 1,
            indexed: 3
        }
    );
    assert!(found(&index, &articles, "hanoi").is_empty());
    assert_eq!(found(&index, &articles, "minh ville"), vec!["Visite à Hanoï"]);

    articles.remove(2);
    assert_eq!(
        sync(&mut index, &articles),
        SyncReport {
            added: 0,
            removed: 1,
            indexed: 2
        }
    );
    assert!(found(&index, &articles, "lavrov").is_empty());
}

/// `articles` as the library holds those of an archive on disk, their texts given to the
/// index as they arrive: the texts, and the articles without them.
fn arriving(articles: &[Article]) -> (Vec<ArticleText>, Vec<Article>) {
    articles
        .iter()
        .map(|article| {
            let (listed, text) = ArticleText::split_off(content_key(article), article.clone());
            (text, listed)
        })
        .unzip()
}

#[test]
fn texts_given_as_they_arrive_are_searched_and_cut_into_snippets_from_the_index() {
    let articles = archive();
    let (texts, listed) = arriving(&articles);
    let mut index = FullText::open(None).expect("index");
    let mut grew = 0;
    index.add_arriving(texts, &mut || grew += 1).expect("add");
    let keys = articles.iter().map(content_key);
    let report = index.sync(keys.zip(&listed)).expect("sync");
    assert_eq!((report.indexed, report.removed), (3, 0));
    assert_eq!(
        found(&index, &articles, "cooperation"),
        vec!["Moscou", "Visite à Hanoï"]
    );
    // The library holds no text: the snippet comes from the text the index stores.
    let hits = index
        .searcher()
        .search_with_bodies("partenariat", 10)
        .expect("search");
    assert_eq!(hits.len(), 1);
    let (hit, body) = &hits[0];
    assert_eq!(title_of(&articles, hit.key), "Rencontre officielle");
    assert_eq!(snippet(body, "partenariat").text, "Le partenariat progresse.");
    assert_eq!(grew, 0, "a few texts commit with the sync, not before");
}

#[test]
fn a_text_given_for_an_article_gone_before_the_sync_is_not_kept() {
    let articles = archive();
    let (texts, mut listed) = arriving(&articles);
    let mut index = FullText::open(None).expect("index");
    index.add_arriving(texts, &mut || {}).expect("add");
    // Russie's file was found changed while loading: taken back.
    listed.pop();
    let keys = articles.iter().map(content_key);
    assert_eq!(index.sync(keys.zip(&listed)).expect("sync").indexed, 2);
    assert!(found(&index, &articles, "lavrov").is_empty());
    // The next start gives the same texts again: nothing to add, nothing to remove.
    let (texts, listed) = arriving(&articles[..2]);
    index.add_arriving(texts, &mut || {}).expect("add");
    let keys = articles.iter().map(content_key);
    assert_eq!(
        index.sync(keys.zip(&listed)).expect("sync"),
        SyncReport {
            added: 0,
            removed: 0,
            indexed: 2
        }
    );
}

#[test]
fn the_same_text_twice_is_indexed_once() {
    let mut articles = archive();
    articles.push(Article {
        path: "elsewhere/copy.txt".into(),
        ..articles[0].clone()
    });
    let mut index = FullText::open(None).expect("index");
    assert_eq!(sync(&mut index, &articles).indexed, 3);
    assert_eq!(index.search("hanoi", 10).expect("search").len(), 1);
}

#[test]
fn a_reopened_index_keeps_its_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index_dir = dir.path().join("fulltext");
    let articles = archive();
    {
        let mut index = FullText::open(Some(&index_dir)).expect("new index");
        assert_eq!(sync(&mut index, &articles).added, 3);
    }
    let mut index = FullText::open(Some(&index_dir)).expect("reopened index");
    assert_eq!(found(&index, &articles, "partenar"), vec!["Rencontre officielle"]);
    assert_eq!(
        sync(&mut index, &articles),
        SyncReport {
            added: 0,
            removed: 0,
            indexed: 3
        }
    );
    assert_eq!(
        sync(&mut index, &articles[1..]),
        SyncReport {
            added: 0,
            removed: 1,
            indexed: 2
        }
    );
    drop(index);
    let mut index = FullText::open(Some(&index_dir)).expect("reopened again");
    assert!(found(&index, &articles, "hanoi").is_empty());
    // The article removed comes back: its key, still in the index's files until a merge,
    // is not taken for an article indexed.
    assert_eq!(
        sync(&mut index, &articles),
        SyncReport {
            added: 1,
            removed: 0,
            indexed: 3
        }
    );
    assert_eq!(found(&index, &articles, "hanoi").len(), 1);
}

/// Each way an index directory can hold something else than this build's index.
fn assert_rebuilt(spoil: impl Fn(&Path)) {
    let dir = tempfile::tempdir().expect("tempdir");
    let index_dir = dir.path().join("fulltext");
    let articles = archive();
    {
        let mut index = FullText::open(Some(&index_dir)).expect("new index");
        sync(&mut index, &articles);
    }
    spoil(&index_dir);
    let mut index = FullText::open(Some(&index_dir)).expect("rebuilt index");
    assert_eq!(sync(&mut index, &articles).added, 3);
    assert_eq!(found(&index, &articles, "hanoi"), vec!["Visite à Hanoï"]);
}

/// Rewrites each of the index's segment files with what `garbage` makes of its bytes.
fn spoil_segments(dir: &Path, garbage: impl Fn(&mut Vec<u8>)) {
    for entry in fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path
            .extension()
            .is_some_and(|ext| ext == "idx" || ext == "term" || ext == "fast")
        {
            let mut bytes = fs::read(&path).expect("read");
            garbage(&mut bytes);
            fs::write(&path, bytes).expect("spoil");
        }
    }
}

#[test]
fn a_corrupt_index_is_rebuilt_silently() {
    assert_rebuilt(|dir| fs::write(dir.join("meta.json"), b"\x00garbage{").expect("spoil"));
    for length in [0, 3, 5, 7, 8, 100] {
        assert_rebuilt(|dir| spoil_segments(dir, |bytes| *bytes = vec![b'g'; length]));
    }
    assert_rebuilt(|dir| {
        for entry in fs::read_dir(dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|ext| ext == "term") {
                fs::remove_file(path).expect("spoil");
            }
        }
    });
    assert_rebuilt(|dir| {
        spoil_segments(dir, |bytes| {
            let middle = bytes.len() / 3;
            bytes[middle] ^= 0x55;
        })
    });
}

#[test]
fn an_index_of_another_format_is_rebuilt() {
    assert_rebuilt(|dir| fs::write(dir.join("liseuse-format"), "liseuse-fulltext 0").expect("spoil"));
    assert_rebuilt(|dir| fs::remove_file(dir.join("liseuse-format")).expect("spoil"));
}

fn fifo_as_format_file(dir: &Path) {
    fs::remove_file(dir.join("liseuse-format")).expect("spoil");
    common::make_fifo(&dir.join("liseuse-format"));
}

fn fifo_as_meta(dir: &Path) {
    fs::remove_file(dir.join("meta.json")).expect("spoil");
    common::make_fifo(&dir.join("meta.json"));
}

fn dev_zero_as(name: &'static str) -> impl Fn(&Path) + Send + 'static {
    move |dir: &Path| {
        fs::remove_file(dir.join(name)).expect("spoil");
        std::os::unix::fs::symlink("/dev/zero", dir.join(name)).expect("link");
    }
}

#[test]
fn an_index_file_that_is_a_fifo_or_a_device_is_rebuilt_without_waiting() {
    common::within_timeout("a FIFO as the format file", || {
        assert_rebuilt(fifo_as_format_file)
    });
    common::within_timeout("a FIFO as meta.json", || assert_rebuilt(fifo_as_meta));
    common::within_timeout("/dev/zero as the format file", || {
        assert_rebuilt(dev_zero_as("liseuse-format"))
    });
    common::within_timeout("/dev/zero as meta.json", || {
        assert_rebuilt(dev_zero_as("meta.json"))
    });
}

#[test]
fn an_index_that_cannot_be_kept_on_disk_is_kept_in_memory_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a-file");
    fs::write(&file, "not a directory").expect("file");
    let articles = archive();
    let (mut index, note) = FullText::open_or_in_memory(Some(&file.join("fulltext"))).expect("an index");
    let note = note.expect("it says why");
    assert!(note.contains("in memory") && note.contains("a-file"), "{note}");
    sync(&mut index, &articles);
    assert_eq!(found(&index, &articles, "hanoi"), vec!["Visite à Hanoï"]);

    let (_, note) = FullText::open_or_in_memory(Some(&dir.path().join("fulltext"))).expect("an index");
    assert_eq!(note, None, "kept on disk where it can be");
}

#[cfg(unix)]
#[test]
fn an_index_in_a_read_only_cache_is_not_searched_stale_but_rebuilt_in_memory() {
    use std::os::unix::fs::PermissionsExt;

    if common::nobody::ran_as_nobody(
        module_path!(),
        "an_index_in_a_read_only_cache_is_not_searched_stale_but_rebuilt_in_memory",
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let index_dir = dir.path().join("fulltext");
    let articles = archive();
    {
        let mut index = FullText::open(Some(&index_dir)).expect("new index");
        sync(&mut index, &articles[1..]);
    }
    // The folder alone: its files could still be written, not added to.
    let read_only = |mode| fs::set_permissions(&index_dir, fs::Permissions::from_mode(mode)).expect("chmod");
    read_only(0o555);
    assert!(
        fs::write(index_dir.join("probe"), "").is_err(),
        "the mode applies to this process"
    );
    let (mut index, note) = FullText::open_or_in_memory(Some(&index_dir)).expect("an index");
    read_only(0o755);
    assert!(note.is_some_and(|note| note.contains("in memory")));
    sync(&mut index, &articles);
    assert_eq!(
        found(&index, &articles, "hanoi"),
        vec!["Visite à Hanoï"],
        "an article the index on disk lacks"
    );
}

#[test]
fn a_directory_of_garbage_becomes_an_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index_dir = dir.path().join("fulltext");
    fs::create_dir_all(index_dir.join("sub")).expect("mkdir");
    fs::write(index_dir.join("junk.bin"), [0xFF; 64]).expect("junk");
    let articles = archive();
    let mut index = FullText::open(Some(&index_dir)).expect("index over garbage");
    assert_eq!(sync(&mut index, &articles).added, 3);
    assert!(!index_dir.join("junk.bin").exists());
}

#[test]
fn an_index_directory_that_cannot_be_made_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a-file");
    fs::write(&file, "not a directory").expect("file");
    let error = FullText::open(Some(&file.join("fulltext"))).expect_err("an error");
    assert!(matches!(error, FullTextError::Io { .. }), "{error}");
}

#[test]
fn a_sync_on_another_thread_shows_in_a_searcher() {
    let articles = archive();
    let mut index = FullText::open(None).expect("index");
    let searcher = index.searcher();
    assert!(searcher.search("hanoi", 10).expect("search").is_empty());
    let background = std::thread::spawn(move || {
        let report = sync(&mut index, &articles);
        (index, report)
    });
    let (_index, report) = background.join().expect("sync thread");
    assert_eq!(report.added, 3);
    assert_eq!(searcher.search("hanoi", 10).expect("search").len(), 1);
}
