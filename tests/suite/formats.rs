//! Archives in other formats: saved web pages, feeds, JSON and JSON Lines dumps, Markdown
//! clips, mail. Each article of them is an article like any other, with an address
//! `path#N` in a file of many; a malformed file loses only what is broken.

use std::io::Write;
use std::path::{Path, PathBuf};

use liseuse::article::{Article, ArticleDate, Language};
use liseuse::loader::{LoadError, LoadOptions, LoadWarning, load_paths_with, read_article, read_file};

fn fixtures(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder)
}

fn article(address: &str) -> Article {
    let path = fixtures("formats").join(address);
    match read_article(&path) {
        Ok(article) => article,
        Err(error) => panic!("{error}"),
    }
}

fn load(paths: &[PathBuf]) -> (Vec<Article>, Vec<LoadWarning>) {
    load_paths_with(
        paths,
        &LoadOptions {
            cache_dir: None,
            texts_let_go: false,
        },
    )
}

fn day(year: u16, month: u8, day: u8) -> Option<ArticleDate> {
    Some(ArticleDate {
        year,
        month: Some(month),
        day: Some(day),
    })
}

fn assert_text(article: &Article, present: &[&str], absent: &[&str]) {
    let text = [article.paragraphs.join("\n"), article.captions.join("\n")].join("\n");
    for wanted in present {
        assert!(text.contains(wanted), "{wanted:?} missing from {text:?}");
    }
    for unwanted in absent {
        assert!(!text.contains(unwanted), "{unwanted:?} in {text:?}");
    }
}

#[test]
fn a_saved_page_gives_its_main_text_and_its_meta_data() {
    let page = article("page.html");
    assert_eq!(page.title, "Vietnam, Japan boost trade ties");
    assert_eq!(page.date, day(2024, 6, 21));
    assert_eq!(page.source.as_deref(), Some("Asia News Daily"));
    assert_eq!(page.author.as_deref(), Some("Mai Anh"));
    assert_eq!(
        page.url.as_deref(),
        Some("https://asianewsdaily.example/2024/06/21/vietnam-japan-trade")
    );
    assert_eq!(page.place.as_deref(), Some("Hanoi"));
    assert_eq!(page.language, Some(Language::English));
    assert_eq!(
        page.captions,
        ["Prime Minister Pham Minh Chinh receives the Japanese ambassador in Hanoi on June 21, 2024."]
    );
    assert!(
        page.paragraphs[0].starts_with("Prime Minister Pham Minh Chinh on Friday"),
        "{:?}",
        page.paragraphs
    );
    assert_text(
        &page,
        &["Mekong Delta."],
        &[
            "Advertisement",
            "Subscribe",
            "Most read",
            "All rights reserved",
            "Privacy",
            "font-family",
            "By Mai Anh",
        ],
    );
    assert!(
        page.is_place("Ho Chi Minh City") && !page.is_place("Ito Naoki"),
        "{:?}",
        page.places
    );
}

#[test]
fn rss_items_are_articles_with_html_rendered() {
    let (articles, warnings) = load(&[fixtures("formats").join("feed_rss.xml")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 3);
    let first = article("feed_rss.xml#1");
    assert_eq!(first.title, "Hanoï accueille un forum sur l’énergie verte");
    assert_eq!(first.date, day(2024, 6, 20));
    assert_eq!(
        (first.source.as_deref(), first.place.as_deref()),
        (Some("VNA"), Some("Hanoï"))
    );
    assert_eq!(first.author.as_deref(), Some("Thanh Hà"));
    assert_eq!(
        first.url.as_deref(),
        Some("https://courrier.example/2024/06/20/forum-energie")
    );
    assert_eq!(
        (first.part, first.path.clone()),
        (Some(1), fixtures("formats").join("feed_rss.xml#1"))
    );
    assert_eq!(first.file_path(), fixtures("formats").join("feed_rss.xml"));
    assert_text(
        &first,
        &["Trần Hồng Hà", "Le forum se poursuit vendredi."],
        &["<p>", "-VNA"],
    );
    let second = article("feed_rss.xml#2");
    assert_text(&second, &["Thongloun Sisoulith, a reçu"], &["<b>"]);
    assert_eq!(second.place.as_deref(), Some("Vientiane"));
    let third = article("feed_rss.xml#3");
    assert_eq!(third.source.as_deref(), Some("VNA"), "a plain-text description");
}

#[test]
fn atom_entries_with_html_content_and_summary() {
    let first = article("feed_atom.xml#1");
    assert_eq!(first.title, "Vietnam's exports rise 15% in first half");
    assert_eq!(first.author.as_deref(), Some("Nguyen Thu Trang"));
    assert_eq!(first.date, day(2024, 6, 21));
    assert_eq!(first.place.as_deref(), Some("Hanoi"));
    assert_text(
        &first,
        &["trade surplus of 11.6 billion dollars."],
        &["&lt;", "<p>"],
    );
    let second = article("feed_atom.xml#2");
    assert_eq!(second.date, day(2024, 6, 20), "updated when not published");
    assert_eq!(
        second.source.as_deref(),
        Some("Vietnam Business Wire"),
        "the feed's title"
    );
    assert!(
        second.places.iter().any(|place| place == "Bac Ninh"),
        "{:?}",
        second.places
    );
}

#[test]
fn json_feed_items_in_html_and_text() {
    let first = article("feed.json#1");
    assert_eq!(first.title, "Vietnam y Rusia firman acuerdos energéticos");
    assert_eq!(
        (first.source.as_deref(), first.place.as_deref()),
        (Some("EFE"), Some("Hanói"))
    );
    assert_eq!(first.language, Some(Language::Spanish));
    assert_eq!(
        first.url.as_deref(),
        Some("https://noticiasasia.example/vietnam-ruso")
    );
    assert_text(&first, &["mar de China Meridional."], &["EFE"]);
    let second = article("feed.json#2");
    assert_eq!(second.paragraphs.len(), 2);
    assert_eq!(second.date, day(2024, 6, 21));
}

#[test]
fn news_please_trafilatura_and_readability_dumps_through_one_alias_table() {
    let news_please = article("newsplease.json");
    assert_eq!(news_please.title, "Putin, Vietnam's To Lam hold talks in Hanoi");
    assert_eq!(news_please.date, day(2024, 6, 20));
    assert_eq!(
        news_please.author.as_deref(),
        Some("Khanh Vu, Francesco Guarascio")
    );
    assert_eq!(
        news_please.source.as_deref(),
        Some("Reuters"),
        "the dateline's agency first"
    );
    assert_eq!(
        news_please.url.as_deref(),
        Some("https://www.reuters.example/world/asia/putin-vietnam-2024-06-20/")
    );
    assert_eq!(news_please.part, None, "one object, one article");
    assert_text(
        &news_please,
        &["Vietnamese state media said."],
        &["Reporting by", "HANOI, June 20"],
    );

    let trafilatura = article("trafilatura.json");
    assert_eq!(
        trafilatura.title,
        "Le Vietnam vise une croissance de 6,5 % en 2024"
    );
    assert_eq!(trafilatura.author.as_deref(), Some("Lê Minh"));
    assert_eq!(trafilatura.date, day(2024, 6, 18));
    assert_eq!(trafilatura.language, Some(Language::French));
    assert_text(&trafilatura, &["ralentissement en Asie du Sud-Est."], &["-VNA"]);

    let readability = article("readability.json");
    assert_eq!(
        readability.title,
        "Da Nang hosts international fireworks festival"
    );
    assert_eq!(readability.author.as_deref(), Some("Tran Van Nam"));
    assert_eq!(readability.date, day(2024, 6, 9));
    assert_eq!(
        (readability.source.as_deref(), readability.place.as_deref()),
        (Some("AP"), Some("Da Nang"))
    );
    assert_eq!(
        readability.captions,
        ["Fireworks over the Han River in Da Nang, June 8, 2024."]
    );
    assert_text(&readability, &["central city."], &["<p>", "readability-page"]);
}

#[test]
fn a_cc_news_jsonl_gz_dump_is_streamed_record_by_record() {
    let (articles, warnings) = load(&[fixtures("formats").join("ccnews.jsonl.gz")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 3);
    let third = article("ccnews.jsonl.gz#3");
    assert_eq!(third.title, "Lao president visits Hanoi");
    assert_eq!(third.source.as_deref(), Some("VNA"));
    assert_eq!(third.url.as_deref(), Some("https://en.vietnamplus.example/lao"));
    let second = article("ccnews.jsonl.gz#2");
    assert_eq!(
        second.source.as_deref(),
        Some("e.vnexpress.example"),
        "the domain without a dateline"
    );
    assert_eq!(second.date, day(2024, 6, 19));
}

#[test]
fn markdown_clips_with_yaml_and_toml_front_matter() {
    let yaml = article("clip_yaml.md");
    assert_eq!(
        yaml.title,
        "Tổng Bí thư Tô Lâm tiếp Tổng thống Nga Vladimir Putin"
    );
    assert_eq!(yaml.date, day(2024, 6, 20));
    assert_eq!(yaml.author.as_deref(), Some("Thu Hằng"));
    assert_eq!(
        yaml.url.as_deref(),
        Some("https://baotintuc.example/thoi-su/tong-bi-thu-tiep-tong-thong-nga.htm")
    );
    assert_eq!(
        (yaml.source.as_deref(), yaml.place.as_deref()),
        (Some("TTXVN"), Some("Hà Nội"))
    );
    assert_eq!(yaml.language, Some(Language::Vietnamese));
    assert_text(
        &yaml,
        &["Tổng Bí thư Tô Lâm đã tiếp Tổng thống Nga Vladimir Putin đang"],
        &["**", "](", "![", "anh.jpg"],
    );
    assert_eq!(yaml.people().collect::<Vec<_>>(), ["Tô Lâm", "Vladimir Putin"]);

    let toml = article("clip_toml.md");
    assert_eq!(toml.title, "El turismo en Vietnam bate récords");
    assert_eq!(toml.date, day(2024, 6, 15));
    assert_eq!(toml.author.as_deref(), Some("María López"));
    assert_eq!(toml.language, Some(Language::Spanish));
    assert!(toml.is_place("Corea del Sur"), "{:?}", toml.places);
}

#[test]
fn mail_with_a_text_part_and_with_html_only() {
    let text = article("text.eml");
    assert_eq!(text.title, "Hanoi to ban motorbikes from city centre by 2030");
    assert_eq!(text.date, day(2024, 6, 21));
    assert_eq!(text.author.as_deref(), Some("VnExpress International"));
    assert_text(&text, &["home to about 400 000 people."], &["HTML part", "=\n"]);
    let html = article("html_only.eml");
    assert_eq!(html.title, "Huế restaure sa citadelle", "an encoded Subject");
    assert_eq!(
        (html.source.as_deref(), html.place.as_deref()),
        (Some("VNA"), Some("Huế"))
    );
    assert_text(
        &html,
        &["patrimoine mondial de l’Unesco.", "deux ans."],
        &["alert", "<p>"],
    );
}

#[test]
fn an_mbox_of_three_messages_gives_three_articles() {
    let (articles, warnings) = load(&[fixtures("formats").join("inbox.mbox")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 3);
    let second = article("inbox.mbox#2");
    assert_eq!(second.title, "Rice exports climb");
    assert_text(&second, &["From the ministry's figures"], &[">From"]);
    assert_eq!(article("inbox.mbox#3").place.as_deref(), Some("Da Nang"));
}

#[test]
fn a_folder_of_every_format_loads_with_unique_addresses() {
    let (articles, warnings) = load(&[fixtures("formats")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 21);
    let mut addresses: Vec<String> = articles.iter().map(Article::address).collect();
    addresses.sort();
    addresses.dedup();
    assert_eq!(addresses.len(), articles.len());
    for article in &articles {
        assert!(
            !article.title.is_empty() && !article.paragraphs.is_empty(),
            "{}",
            article.address()
        );
        assert_eq!(
            read_article(&article.path).as_ref().ok(),
            Some(article),
            "{}",
            article.address()
        );
    }
}

#[test]
fn addresses_past_the_end_or_of_a_whole_file_of_many_say_so() {
    let past = read_article(&fixtures("formats").join("feed_rss.xml#9"));
    assert!(matches!(past, Err(LoadError::NoSuchPart { .. })), "{past:?}");
    let whole = read_article(&fixtures("formats").join("feed_rss.xml"));
    let message = whole.map(|_| ()).map_err(|error| error.to_string());
    assert!(
        message
            .as_ref()
            .is_err_and(|text| text.contains("holds 3 articles")),
        "{message:?}"
    );
}

// Malformed files lose only what is broken.

#[test]
fn a_broken_json_line_loses_only_itself_and_is_named_by_its_line() {
    let path = fixtures("malformed").join("broken.jsonl");
    let (articles, warnings) = load(std::slice::from_ref(&path));
    let titles: Vec<&str> = articles.iter().map(|article| article.title.as_str()).collect();
    assert_eq!(titles, ["Premier article", "Troisième article"]);
    assert_eq!(
        articles[1].address(),
        format!("{}#3", path.display()),
        "numbers do not shift"
    );
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].path, path);
    assert!(
        warnings[0].reason.starts_with("line 2: broken JSON"),
        "{}",
        warnings[0]
    );
}

#[test]
fn an_invalid_feed_item_loses_only_itself() {
    let path = fixtures("malformed").join("broken_feed.xml");
    let file = match read_file(&path) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    };
    let titles: Vec<&str> = file
        .articles
        .iter()
        .map(|article| article.title.as_str())
        .collect();
    assert_eq!(titles, ["Premier élément", "Troisième élément"]);
    assert_eq!(file.articles[1].part, Some(3));
    assert_eq!(file.problems.len(), 1);
    assert!(
        file.problems[0].starts_with("line 9: item 2 is invalid XML"),
        "{:?}",
        file.problems
    );
}

#[test]
fn bad_front_matter_loses_its_fields_not_the_text() {
    let path = fixtures("malformed").join("bad_front_matter.md");
    let (articles, warnings) = load(std::slice::from_ref(&path));
    assert_eq!(articles.len(), 1);
    assert!(
        articles[0].paragraphs[0].starts_with("Le texte d'une coupure"),
        "{:?}",
        articles[0].paragraphs
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].reason.starts_with("line 2: front matter is not YAML"),
        "{}",
        warnings[0]
    );
}

#[test]
fn a_feed_that_is_not_xml_at_all_is_skipped_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nothing.xml");
    std::fs::write(&path, "this is no feed < at all").expect("write");
    let (articles, warnings) = load(&[dir.path().to_owned()]);
    assert!(articles.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].reason.contains("not a feed"), "{}", warnings[0]);
}

// Streams of many articles: not cut at 16 MiB, and no gzip bomb fills memory.

fn record(n: usize, filler: &str) -> String {
    format!(
        "{{\"title\": \"Article {n}\", \"text\": \"Hanoi (VNA) - Record number {n} of a long dump. {filler}\"}}\n"
    )
}

#[test]
fn a_json_lines_file_past_16_mib_is_read_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.jsonl");
    let filler = "Lorem ipsum dolor sit amet. ".repeat(40);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let count = 20 * 1024 * 1024 / record(0, &filler).len() + 100;
    for n in 1..=count {
        file.write_all(record(n, &filler).as_bytes()).expect("write");
    }
    drop(file);
    assert!(std::fs::metadata(&path).expect("size").len() > 16 * 1024 * 1024);
    let (articles, warnings) = load(std::slice::from_ref(&path));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), count);
    let last = match read_article(&PathBuf::from(format!("{}#{count}", path.display()))) {
        Ok(article) => article,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(last.title, format!("Article {count}"));
}

#[test]
fn a_gzip_bomb_is_cut_with_a_warning_and_the_records_before_it_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bomb.jsonl.gz");
    let file = std::fs::File::create(&path).expect("create");
    let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    encoder.write_all(record(1, "").as_bytes()).expect("write");
    // A line of 300 MiB of spaces, compressed to a few hundred KiB.
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..300 {
        encoder.write_all(&spaces).expect("write");
    }
    encoder.finish().expect("finish");
    let (articles, warnings) = load(std::slice::from_ref(&path));
    assert_eq!(articles.len(), 1);
    let reasons: Vec<&str> = warnings.iter().map(|warning| warning.reason.as_str()).collect();
    assert!(
        reasons.iter().any(|reason| reason.contains("decompressed past")),
        "{reasons:?}"
    );
}

#[test]
fn broken_gzip_data_is_a_clear_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.jsonl.gz");
    std::fs::write(&path, b"\x1f\x8b\x08\x00garbage that is not deflate").expect("write");
    let (articles, warnings) = load(std::slice::from_ref(&path));
    assert!(articles.is_empty());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}
