//! The loader through its public API: the bundled samples, walking directories, decoding,
//! the dispatch format, names, and terminal safety.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use liseuse::article::{Article, ArticleDate};
use liseuse::loader::{
    LoadError, LoadOptions, LoadWarning, discover, load_bundled, load_paths_with, parse_dispatch,
    read_article, sort_for_display,
};
use liseuse::sanitize::sanitize;

const SAMPLE_000: &str = "000_21107d0269baae87.txt";
const SAMPLE_002: &str = "002_36d229e41b7896dc.txt";

/// `loader::load_paths` without a cache: tests neither read nor write the user's.
fn load_paths(paths: &[PathBuf]) -> (Vec<Article>, Vec<LoadWarning>) {
    load_paths_with(
        paths,
        &LoadOptions {
            cache_dir: None,
            texts_let_go: false,
        },
    )
}

fn sample(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles")
        .join(name);
    match read_article(&path) {
        Ok(article) => article,
        Err(error) => panic!("{error}"),
    }
}

fn parse(text: &str) -> Article {
    match parse_dispatch(Path::new("test.txt"), text) {
        Ok(article) => article,
        Err(error) => panic!("{error}"),
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create test directory");
    }
    fs::write(path, bytes).expect("write test file");
}

fn names_of(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|path| {
            path.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn assert_names(article: &Article, present: &[&str], absent: &[&str]) {
    for name in present {
        assert!(
            article.names.iter().any(|found| found == name),
            "{name} missing from {:?}",
            article.names
        );
    }
    for word in absent {
        assert!(
            !article
                .names
                .iter()
                .any(|found| found.split(' ').any(|part| part == *word)),
            "{word} wrongly in {:?}",
            article.names
        );
    }
}

// The samples.

fn assert_title_shape(article: &Article) {
    let title = &article.title;
    assert!(title.chars().count() <= 111, "too long: {title}");
    for intruder in ["Photo", "date", "(VNA)", "Hanoï (", "VNA"] {
        assert!(!title.contains(intruder), "{intruder} in title {title}");
    }
    assert!(!article.captions.contains(title), "title is a caption: {title}");
}

#[test]
fn sample_000_title_comes_from_the_lead_not_the_caption() {
    let article = sample(SAMPLE_000);
    assert_title_shape(&article);
    assert!(
        article.title.starts_with("Durant son séjour en Russie"),
        "{}",
        article.title
    );
}

#[test]
fn sample_002_title_is_its_lead_sentence_shortened() {
    let article = sample(SAMPLE_002);
    assert_title_shape(&article);
    assert!(
        article.title.starts_with(
            "Le secrétaire général du Comité central du Parti, Nguyen Phu Trong, a eu le 5 avril"
        ),
        "{}",
        article.title
    );
    assert!(article.title.ends_with('…'));
}

#[test]
fn sample_dates_are_exactly_what_the_header_says() {
    assert_eq!(sample(SAMPLE_000).date, None);
    assert_eq!(
        sample(SAMPLE_002).date,
        Some(ArticleDate {
            year: 2021,
            month: Some(4),
            day: None
        })
    );
}

#[test]
fn sample_sources_and_places() {
    let (first, second) = (sample(SAMPLE_000), sample(SAMPLE_002));
    assert_eq!(first.source.as_deref(), Some("VNA"));
    assert_eq!(first.place, None);
    assert_eq!(second.source.as_deref(), Some("VNA"));
    assert_eq!(second.place.as_deref(), Some("Hanoï"));
}

#[test]
fn sample_captions_are_apart_from_the_body_and_clean() {
    for article in [sample(SAMPLE_000), sample(SAMPLE_002)] {
        assert_eq!(article.captions.len(), 1, "{:?}", article.captions);
        let caption = &article.captions[0];
        assert!(
            !caption.contains("Photo") && !caption.contains("date"),
            "{caption}"
        );
        assert!(!article.paragraphs.contains(caption));
        assert!(
            article
                .paragraphs
                .iter()
                .all(|paragraph| !paragraph.contains("Photo"))
        );
    }
    assert!(
        sample(SAMPLE_000).captions[0].starts_with("Le vice-Premier ministre russe, Dmitry Chernyshenko")
    );
    assert_eq!(
        sample(SAMPLE_002).captions[0],
        "Le secrétaire général du Comité central du Parti, Nguyen Phu Trong."
    );
}

#[test]
fn sample_dateline_and_signatures_are_removed_from_the_text() {
    let (first, second) = (sample(SAMPLE_000), sample(SAMPLE_002));
    assert!(
        first
            .paragraphs
            .last()
            .is_some_and(|last| last.ends_with("régionaux et mondiaux."))
    );
    assert!(
        second
            .paragraphs
            .last()
            .is_some_and(|last| last.ends_with("L’invitation a été acceptée."))
    );
    assert!(second.paragraphs[0].starts_with("Le secrétaire général du Comité central"));
    assert!(
        second
            .paragraphs
            .last()
            .is_some_and(|last| last.contains("Années croisées Vietnam-Russie."))
    );
    assert_eq!(first.paragraphs.len(), 7);
    assert_eq!(second.paragraphs.len(), 6);
}

#[test]
fn sample_paragraphs_are_single_spaced_lines() {
    for article in [sample(SAMPLE_000), sample(SAMPLE_002)] {
        for paragraph in &article.paragraphs {
            assert!(
                !paragraph.contains('\n') && !paragraph.contains("  "),
                "{paragraph:?}"
            );
            assert_eq!(paragraph.trim(), paragraph);
        }
    }
}

#[test]
fn sample_names_are_the_people_and_places() {
    assert_names(
        &sample(SAMPLE_000),
        &[
            "Tô Lâm",
            "Vladimir Poutine",
            "Dmitry Chernyshenko",
            "Russie",
            "Vietnam",
        ],
        &[
            "Le",
            "La",
            "Les",
            "Elles",
            "Elle",
            "Il",
            "Cette",
            "Durant",
            "À",
            "Parti",
            "Photo",
            "Déclaration",
            "Grande",
            "Guerre",
            "VNA",
        ],
    );
    assert_names(
        &sample(SAMPLE_002),
        &[
            "Nguyen Phu Trong",
            "Nguyen Xuan Phuc",
            "Vladimir Poutine",
            "Hanoï",
        ],
        &[
            "Le",
            "Il",
            "Partageant",
            "Parti",
            "Comité",
            "État",
            "Congrès",
            "Années",
            "PCV",
            "COVID-19",
            "Photo",
            "VNA",
        ],
    );
}

#[test]
fn names_are_in_order_of_first_mention_and_unique() {
    let article = sample(SAMPLE_002);
    assert_eq!(
        article.names[..3],
        ["Nguyen Phu Trong", "Hanoï", "Vladimir Poutine"]
    );
    let mut unique = article.names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), article.names.len());
}

#[test]
fn bundled_samples_match_the_files_and_are_sorted() {
    let bundled = load_bundled();
    assert_eq!(bundled.len(), 2);
    assert_eq!(
        bundled[0].path,
        Path::new("assets/articles").join(SAMPLE_002),
        "dated first"
    );
    assert_eq!(bundled[1].path, Path::new("assets/articles").join(SAMPLE_000));
    let on_disk = sample(SAMPLE_002);
    assert_eq!(bundled[0].title, on_disk.title);
    assert_eq!(bundled[0].paragraphs, on_disk.paragraphs);
    assert_eq!(bundled[0].names, on_disk.names);
    assert_eq!(bundled[0].file_name(), SAMPLE_002);
}

// The dispatch format beyond the samples.

#[test]
fn date_header_alone_on_its_line_is_read_and_removed() {
    let article = parse("Date: 2021-04-05\nHanoï (VNA) – Le Vietnam signe un accord.\n\nSuite du texte.");
    assert_eq!(
        article.date,
        Some(ArticleDate {
            year: 2021,
            month: Some(4),
            day: Some(5)
        })
    );
    assert_eq!(article.title, "Le Vietnam signe un accord");
    assert_eq!(
        article.paragraphs,
        ["Le Vietnam signe un accord.", "Suite du texte."]
    );
}

#[test]
fn year_only_header_gives_a_year_only_date() {
    let article = parse("date 2021\n\nLe texte.");
    assert_eq!(
        article.date,
        Some(ArticleDate {
            year: 2021,
            month: None,
            day: None
        })
    );
}

#[test]
fn invalid_header_dates_are_not_invented() {
    assert_eq!(parse("date 2021-13-05\n\nLe texte.").date, None);
    assert_eq!(parse("date 2021-02-30\n\nLe texte.").date, None);
    assert_eq!(parse("date 2021-13-05\n\nLe texte.").paragraphs, ["Le texte."]);
}

#[test]
fn stray_credits_in_the_body_are_dropped() {
    let article = parse("Premier paragraphe.\n\nPhoto : VNA\n\nPhoto: AFP\n\nDernier paragraphe.");
    assert_eq!(article.paragraphs, ["Premier paragraphe.", "Dernier paragraphe."]);
    assert!(article.captions.is_empty());
}

#[test]
fn dateline_with_several_words_and_a_date() {
    let article = parse("Ho Chi Minh-Ville (VNA) - La ville accueille un forum.");
    assert_eq!(article.place.as_deref(), Some("Ho Chi Minh-Ville"));
    assert_eq!(article.source.as_deref(), Some("VNA"));
    let article = parse("Paris, 12 mai (AFP) – Le président a parlé.");
    assert_eq!(article.place.as_deref(), Some("Paris"));
    assert_eq!(article.source.as_deref(), Some("AFP"));
    assert_eq!(article.paragraphs, ["Le président a parlé."]);
    assert_eq!(article.date, None, "a dateline's day is not a date");
}

#[test]
fn signature_gives_the_source_when_no_dateline_does() {
    let article = parse("Le texte se termine ici.- AFP");
    assert_eq!(article.source.as_deref(), Some("AFP"));
    assert_eq!(article.paragraphs, ["Le texte se termine ici."]);
}

#[test]
fn hyphenated_words_mid_sentence_or_at_the_end_are_kept() {
    let article =
        parse("Les relations Vietnam-Russie progressent.\n\nIl salue les Années croisées Vietnam-Russie");
    assert_eq!(
        article.paragraphs[1],
        "Il salue les Années croisées Vietnam-Russie"
    );
    assert_eq!(article.source, None);
}

#[test]
fn title_skips_abbreviations_and_numbers() {
    assert_eq!(
        parse("M. Lavrov annonce une hausse de 1.5 %. Il ajoute.").title,
        "M. Lavrov annonce une hausse de 1.5 %"
    );
}

#[test]
fn long_title_is_cut_at_a_clause() {
    let article = parse(
        "Le Vietnam et la Russie ont signé mardi un important accord de coopération énergétique : \
         il porte sur le pétrole, le gaz et l’énergie nucléaire civile pour les dix prochaines années.",
    );
    assert_eq!(
        article.title,
        "Le Vietnam et la Russie ont signé mardi un important accord de coopération énergétique"
    );
}

#[test]
fn captions_only_file_takes_its_title_from_the_caption() {
    let article = parse("Une vue de Hanoï au printemps. Photo : VNA");
    assert_eq!(article.title, "Une vue de Hanoï au printemps");
    assert_eq!(article.captions, ["Une vue de Hanoï au printemps."]);
    assert!(article.paragraphs.is_empty());
}

#[test]
fn text_without_content_is_empty() {
    for text in [
        "",
        "  \n\t\n ",
        "date 2021-04\n\nPhoto : VNA\n",
        "\u{feff}\u{200b}",
    ] {
        assert!(
            matches!(
                parse_dispatch(Path::new("e.txt"), text),
                Err(LoadError::Empty { .. })
            ),
            "{text:?}"
        );
    }
}

// Names in articles written for these tests.

#[test]
fn names_in_a_dispatch_with_vietnamese_and_russian_names() {
    let article = parse(
        "Hanoï (VNA) – Selon Phạm Minh Chính, les échanges entre le Vietnam et la Russie progressent.\n\n\
         Mardi, le ministre russe des Affaires étrangères, Sergueï Lavrov, s’est rendu à Ho Chi Minh-Ville. \
         Durant sa visite, il a rendu hommage à l’ancien secrétaire général Đỗ Mười.\n\n\
         En mai, le Parti communiste du Vietnam avait reçu une délégation venue de Chine.\n\n\
         Cette visite renforce les liens. Photo : VNA",
    );
    assert_names(
        &article,
        &[
            "Hanoï",
            "Phạm Minh Chính",
            "Vietnam",
            "Russie",
            "Sergueï Lavrov",
            "Ho Chi Minh-Ville",
            "Đỗ Mười",
            "Chine",
        ],
        &[
            "Selon", "Mardi", "Durant", "En", "Parti", "Cette", "Photo", "Le", "VNA",
        ],
    );
}

#[test]
fn names_in_a_dispatch_with_titles_and_institutions() {
    let article = parse(
        "Le Premier ministre Nguyễn Xuân Phúc a reçu jeudi à Hanoï l’ambassadeur du Japon. \
         Il a salué l’Assemblée nationale et le Comité central.\n\n\
         Selon M. Phúc, le Japon reste un partenaire clé en Asie du Sud-Est.",
    );
    assert_names(
        &article,
        &["Nguyễn Xuân Phúc", "Hanoï", "Japon", "Asie du Sud-Est"],
        &["Premier", "Il", "Assemblée", "Comité", "Selon", "M"],
    );
}

#[test]
fn sentence_initial_word_counts_when_named_elsewhere() {
    let article = parse(
        "Pékin a protesté. La délégation est partie pour Pékin.\n\nPartageant ce point de vue, Tokyo a répondu.",
    );
    assert_names(&article, &["Pékin", "Tokyo"], &["Partageant", "La"]);
    assert_eq!(article.names[0], "Pékin");
}

#[test]
fn names_in_an_english_dispatch() {
    let article = parse("On Monday, the President met Angela Merkel in Berlin. The talks were brief.");
    assert_names(
        &article,
        &["Angela Merkel", "Berlin"],
        &["On", "Monday", "President", "The"],
    );
}

// Walking directories.

#[test]
fn walk_finds_txt_files_in_nested_directories_sorted() {
    let root = tempfile::tempdir().expect("temp dir");
    write(&root.path().join("b.txt"), b"Texte b.");
    write(&root.path().join("sub/deeper/a.TXT"), b"Texte a.");
    write(&root.path().join("sub/c.txt"), b"Texte c.");
    let (files, warnings) = discover(&[root.path().to_owned()]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(names_of(&files), ["b.txt", "c.txt", "a.TXT"]);
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

#[test]
fn walk_passes_over_hidden_entries_and_other_files_silently() {
    let root = tempfile::tempdir().expect("temp dir");
    write(&root.path().join("article.txt"), b"Texte.");
    write(&root.path().join(".hidden.txt"), b"Texte.");
    write(&root.path().join(".git/inside.txt"), b"Texte.");
    write(&root.path().join("notes.doc"), b"Texte.");
    write(&root.path().join("image.jpg"), b"\xFF\xD8\xFF");
    let (files, warnings) = discover(&[root.path().to_owned()]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(names_of(&files), ["article.txt"]);
}

#[test]
fn explicitly_named_files_load_whatever_their_extension() {
    let root = tempfile::tempdir().expect("temp dir");
    let named = root.path().join("dispatch.md");
    write(&named, b"Le Vietnam avance.");
    let (articles, warnings) = load_paths(&[named]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 1);
}

#[test]
fn missing_paths_given_explicitly_warn() {
    let root = tempfile::tempdir().expect("temp dir");
    let missing = root.path().join("absent.txt");
    let (files, warnings) = discover(std::slice::from_ref(&missing));
    assert!(files.is_empty());
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].path, missing);
    assert!(
        warnings[0]
            .to_string()
            .starts_with(&missing.display().to_string())
    );
}

#[test]
fn bad_files_are_skipped_with_warnings_while_others_load() {
    let root = tempfile::tempdir().expect("temp dir");
    write(&root.path().join("good.txt"), b"Le Vietnam avance.");
    write(
        &root.path().join("binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x01\x02",
    );
    write(&root.path().join("empty.txt"), b"");
    write(&root.path().join("blank.txt"), b" \n\r\n\t\n");
    let (articles, warnings) = load_paths(&[root.path().to_owned()]);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].title, "Le Vietnam avance");
    let mut reasons: Vec<(String, String)> = warnings
        .iter()
        .map(|warning| {
            (
                names_of(std::slice::from_ref(&warning.path))[0].clone(),
                warning.reason.clone(),
            )
        })
        .collect();
    reasons.sort();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert_eq!(reasons[0].0, "binary.txt");
    assert!(reasons[0].1.contains("not text"));
    assert_eq!(
        (reasons[1].0.as_str(), reasons[2].0.as_str()),
        ("blank.txt", "empty.txt")
    );
    assert!(reasons[1].1.contains("empty") && reasons[2].1.contains("empty"));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    if common::nobody::ran_as_nobody(module_path!(), "unreadable_file_is_skipped_with_a_warning") {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let locked = root.path().join("locked.txt");
    write(&locked, b"Secret.");
    write(&root.path().join("open.txt"), b"Ouvert.");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    assert!(fs::read(&locked).is_err(), "the mode applies to this process");
    let (articles, warnings) = load_paths(&[root.path().to_owned()]);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].title, "Ouvert");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].path, locked);
    assert!(
        warnings[0].reason.contains("Permission denied"),
        "{}",
        warnings[0]
    );
}

#[cfg(unix)]
#[test]
fn symlink_cycles_do_not_loop_and_files_load_once() {
    let root = tempfile::tempdir().expect("temp dir");
    write(&root.path().join("sub/a.txt"), b"Texte a.");
    std::os::unix::fs::symlink(root.path(), root.path().join("sub/loop")).expect("symlink");
    std::os::unix::fs::symlink(root.path().join("sub/a.txt"), root.path().join("alias.txt"))
        .expect("symlink");
    let (files, warnings) = discover(&[root.path().to_owned(), root.path().join("sub")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(files.len(), 1, "{files:?}");
}

#[cfg(unix)]
#[test]
fn fifo_named_txt_is_never_opened() {
    let root = tempfile::tempdir().expect("temp dir");
    let fifo = root.path().join("x.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    write(&root.path().join("real.txt"), b"Le texte.");
    let (articles, warnings) = load_paths(&[root.path().to_owned()]);
    assert_eq!(articles.len(), 1);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].path, fifo);
    let (articles, warnings) = load_paths(std::slice::from_ref(&fifo));
    assert!(articles.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(matches!(read_article(&fifo), Err(LoadError::NotAFile { .. })));
}

#[test]
fn articles_sort_newest_first_then_undated_by_title() {
    let root = tempfile::tempdir().expect("temp dir");
    write(&root.path().join("1.txt"), b"date 2020-01-01\n\nZ ancien.");
    write(&root.path().join("2.txt"), b"date 2021-04\n\nY r\xC3\xA9cent.");
    write(
        &root.path().join("3.txt"),
        b"date 2021-04-05\n\nX plus r\xC3\xA9cent.",
    );
    write(&root.path().join("4.txt"), b"\xC3\x89t\xC3\xA9 sans date.");
    write(&root.path().join("5.txt"), b"automne sans date.");
    write(&root.path().join("6.txt"), b"Zinc sans date.");
    let (articles, warnings) = load_paths(&[root.path().to_owned()]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let titles: Vec<&str> = articles.iter().map(|article| article.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "X plus récent",
            "Y récent",
            "Z ancien",
            "automne sans date",
            "Été sans date",
            "Zinc sans date"
        ]
    );
}

#[test]
fn sort_breaks_title_ties_by_path() {
    let mut articles = vec![parse("Même titre."), parse("Même titre.")];
    articles[0].path = PathBuf::from("b.txt");
    articles[1].path = PathBuf::from("a.txt");
    sort_for_display(&mut articles);
    assert_eq!(articles[0].path, Path::new("a.txt"));
}

// Decoding.

fn load_bytes(bytes: &[u8]) -> Article {
    let root = tempfile::tempdir().expect("temp dir");
    let path = root.path().join("article.txt");
    write(&path, bytes);
    match read_article(&path) {
        Ok(article) => article,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn utf8_bom_is_not_part_of_the_text() {
    let article = load_bytes(b"\xEF\xBB\xBFdate 2021\n\nLe caf\xC3\xA9.");
    assert_eq!(
        article.date,
        Some(ArticleDate {
            year: 2021,
            month: None,
            day: None
        })
    );
    assert_eq!(article.title, "Le café");
}

#[test]
fn crlf_and_lone_cr_are_line_ends() {
    let article = load_bytes(b"Premier.\r\n\r\nDeuxi\xC3\xA8me\rligne.\r\n");
    assert_eq!(article.paragraphs, ["Premier.", "Deuxième ligne."]);
}

#[test]
fn windows_1252_text_is_decoded() {
    let article = load_bytes(b"L\x92\xE9t\xE9 \xE0 Hano\xEF fut chaud.\r\n\r\nLe caf\xE9 co\xFBte 2 \x80.");
    assert_eq!(article.title, "L’été à Hanoï fut chaud");
    assert_eq!(article.paragraphs[1], "Le café coûte 2 €.");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = "Le café à Hanoï.\r\n\r\nSuite.";
    let little: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let big: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for bytes in [little, big] {
        let article = load_bytes(&bytes);
        assert_eq!(article.paragraphs, ["Le café à Hanoï.", "Suite."]);
    }
}

#[test]
fn decomposed_text_is_composed() {
    let article = load_bytes("Le cafe\u{301} de Hanoi\u{308}.".as_bytes());
    assert_eq!(article.title, "Le café de Hanoï");
}

// Terminal safety.

#[test]
fn escape_sequences_never_reach_an_article() {
    let text = "Le \u{1b}[2Jtitre\u{7}.\n\n\u{1b}]52;c;ZWNobyBoYWNrZWQ=\u{7}Texte \u{9b}31m\u{202e}inversé\u{1b}[0m.";
    let article = parse(text);
    assert_eq!(article.title, "Le titre␇");
    assert_eq!(article.paragraphs[1], "Texte inversé.");
    let all = [
        article.title.clone(),
        article.paragraphs.concat(),
        article.names.concat(),
    ]
    .concat();
    assert!(!all.chars().any(|c| c.is_control() || c == '\u{202e}'), "{all:?}");
}

#[test]
fn sanitize_removes_controls_from_any_text() {
    assert_eq!(sanitize("a\u{1b}[2Jb"), "ab");
    assert_eq!(sanitize("a\u{1b}]52;c;aGk=\u{1b}\\b"), "ab");
    assert_eq!(sanitize("a\u{9b}2Jb"), "ab");
    assert_eq!(sanitize("a\u{7}b"), "a␇b");
    assert_eq!(sanitize("a\u{202e}b"), "ab");
}

#[cfg(unix)]
#[test]
fn file_names_with_controls_are_shown_inert() {
    use std::os::unix::ffi::OsStrExt;
    let root = tempfile::tempdir().expect("temp dir");
    let path = root
        .path()
        .join(std::ffi::OsStr::from_bytes(b"evil\x1b[2J\n\xFF.txt"));
    write(&path, b"Texte.");
    let (articles, _) = load_paths(&[root.path().to_owned()]);
    assert_eq!(articles[0].file_name(), "evil\u{240a}\u{fffd}.txt");
    assert!(!articles[0].display_path().chars().any(char::is_control));
    let (_, warnings) = load_paths(&[root.path().join("gone\u{1b}]0;x\u{7}.txt")]);
    assert!(!warnings[0].to_string().chars().any(char::is_control));
}

#[test]
fn huge_file_is_read_up_to_the_cap_and_says_so() {
    // "éa" is three bytes, so the 16 MiB cap falls inside an `é`.
    let text = "éa".repeat(6 * 1024 * 1024);
    let article = load_bytes(format!("Début.\n\n{text}").as_bytes());
    assert_eq!(article.title, "Début");
    let last = article.paragraphs.last().map(String::as_str).unwrap_or_default();
    assert!(last.contains("16 MiB"), "{last}");
    assert!(article.paragraphs[1].starts_with("éaéa") && !article.paragraphs[1].contains('\u{fffd}'));
}

#[test]
fn dangling_links_and_a_crowded_folder_load_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .expect("symlink");
    for n in 0..10_000 {
        let text = format!("Hanoï (VNA) – Dépêche numéro {n} sur la coopération.\n");
        std::fs::write(dir.path().join(format!("{n:05}.txt")), text).expect("write");
    }
    let (articles, warnings) = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(articles.len(), 10_000, "every article of one crowded folder");
    assert_eq!(warnings.len(), 1, "the dangling link, said once: {warnings:?}");
    assert!(warnings[0].path.ends_with("dangling.txt"), "{warnings:?}");
}
