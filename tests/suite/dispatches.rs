//! Dispatches of any agency, in French, English, Spanish and Vietnamese: datelines,
//! headlines, closing credits, names and places, and the language that picks the rules.
//! The fixtures (`tests/fixtures/dispatches/`) are written in each agency's usual shape.

use std::path::{Path, PathBuf};

use liseuse::article::{Article, Language};
use liseuse::loader::{load_bundled, parse_dispatch, read_article};
use liseuse::store::content_key;

fn fixture(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dispatches")
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

/// The article's names, people and places apart.
fn people_and_places(article: &Article) -> (Vec<&str>, Vec<&str>) {
    let people = article.people().collect();
    let places = article.places.iter().map(String::as_str).collect();
    (people, places)
}

fn assert_last_paragraph_ends(article: &Article, end: &str) {
    let last = article.paragraphs.last().map(String::as_str).unwrap_or_default();
    assert!(last.ends_with(end), "last paragraph: {last:?}");
}

#[test]
fn xinhua_headline_dateline_and_enditem() {
    let article = fixture("en_xinhua.txt");
    assert_eq!(
        article.title,
        "Vietnam, Russia pledge to deepen comprehensive strategic partnership"
    );
    assert_eq!(article.place.as_deref(), Some("Hanoi"));
    assert_eq!(article.source.as_deref(), Some("Xinhua"));
    assert_eq!(article.language, Some(Language::English));
    assert!(
        article.paragraphs[0].starts_with("Vietnamese leaders"),
        "{}",
        article.paragraphs[0]
    );
    assert_last_paragraph_ends(&article, "according to the report.");
    let (people, places) = people_and_places(&article);
    assert_eq!(people, ["Vladimir Putin", "To Lam"]);
    assert_eq!(places, ["Hanoi", "Vietnam", "Southeast Asia"]);
}

#[test]
fn reuters_credit_paragraph_and_titles_before_names() {
    let article = fixture("en_reuters.txt");
    assert_eq!(
        article.title,
        "Vietnam's top leader meets Putin as Moscow seeks Asian partners"
    );
    assert_eq!(
        (article.place.as_deref(), article.source.as_deref()),
        (Some("Hanoi"), Some("Reuters"))
    );
    assert_last_paragraph_ends(&article, "at the Presidential Palace.");
    assert!(
        article
            .paragraphs
            .iter()
            .all(|paragraph| !paragraph.contains("Reporting by"))
    );
    let (people, places) = people_and_places(&article);
    for person in [
        "To Lam",
        "Vladimir Putin",
        "Pham Minh Chinh",
        "Antony Blinken",
        "Luong Cuong",
    ] {
        assert!(people.contains(&person), "{person} not in {people:?}");
    }
    for place in ["Hanoi", "Moscow", "Washington", "Asia"] {
        assert!(places.contains(&place), "{place} not in {places:?}");
    }
    for name in &article.names {
        for title in [
            "Russian",
            "President",
            "Prime",
            "Minister",
            "Secretary",
            "Vietnam's",
        ] {
            assert!(!name.split(' ').any(|word| word == title), "{title} in {name}");
        }
    }
}

#[test]
fn ap_dateline_with_a_country_and_places_whole() {
    let article = fixture("en_ap.txt");
    assert_eq!(
        (article.place.as_deref(), article.source.as_deref()),
        (Some("Hanoi"), Some("AP"))
    );
    assert!(
        article
            .title
            .starts_with("Russian President Vladimir Putin arrived in Vietnam")
    );
    let (people, places) = people_and_places(&article);
    assert_eq!(people, ["Vladimir Putin", "Tran Hong Ha", "To Lam"]);
    assert_eq!(places, ["Hanoi", "Vietnam", "North Korea", "United States"]);
}

#[test]
fn afp_dateline_after_a_headline_and_initials() {
    let article = fixture("fr_afp.txt");
    assert_eq!(
        article.title,
        "Poutine reçu à Hanoï par les dirigeants vietnamiens"
    );
    assert_eq!(
        (article.place.as_deref(), article.source.as_deref()),
        (Some("Moscou"), Some("AFP"))
    );
    assert_eq!(article.language, Some(Language::French));
    assert!(article.paragraphs[0].starts_with("Le président russe"));
    assert_last_paragraph_ends(&article, "entre la Russie et le Vietnam.");
    let (people, places) = people_and_places(&article);
    assert_eq!(
        people,
        ["Vladimir Poutine", "Tô Lâm", "Pham Minh Chinh", "Kremlin"]
    );
    for place in [
        "Moscou",
        "Hanoï",
        "Corée du Nord",
        "Asie du Sud-Est",
        "Russie",
        "Vietnam",
    ] {
        assert!(places.contains(&place), "{place} not in {places:?}");
    }
}

#[test]
fn efe_dateline_with_dot_dash_and_agency_alone_at_the_end() {
    let article = fixture("es_efe.txt");
    assert_eq!(
        article.title,
        "Putin llega a Vietnam tras su visita a Corea del Norte"
    );
    assert_eq!(
        (article.place.as_deref(), article.source.as_deref()),
        (Some("Hanói"), Some("EFE"))
    );
    assert_eq!(article.language, Some(Language::Spanish));
    assert!(article.paragraphs[0].starts_with("El presidente ruso"));
    assert_last_paragraph_ends(&article, "en energía y educación.");
    let (people, places) = people_and_places(&article);
    for person in ["Vladímir Putin", "Kim Jong-un", "To Lam"] {
        assert!(people.contains(&person), "{person} not in {people:?}");
    }
    assert!(places.contains(&"Corea del Norte"), "{places:?}");
    for word in ["El", "Norte", "Estado", "Corea"] {
        assert!(
            !article.names.iter().any(|name| name == word),
            "{word} in {:?}",
            article.names
        );
    }
}

#[test]
fn ttxvn_vietnamese_names_whole_and_alone() {
    let article = fixture("vi_ttxvn.txt");
    assert_eq!(
        article.title,
        "Tổng Bí thư Tô Lâm hội đàm với Tổng thống Nga Vladimir Putin"
    );
    assert_eq!(
        (article.place.as_deref(), article.source.as_deref()),
        (Some("Hà Nội"), Some("TTXVN"))
    );
    assert_eq!(article.author.as_deref(), Some("Thu Hằng"));
    assert_eq!(article.language, Some(Language::Vietnamese));
    assert_last_paragraph_ends(&article, "từng thăm Nga năm 2018.");
    let (people, places) = people_and_places(&article);
    assert_eq!(
        people,
        ["Tô Lâm", "Vladimir Putin", "Phạm Minh Chính", "Nguyễn Phú Trọng"]
    );
    assert_eq!(places, ["Hà Nội", "Nga", "Việt Nam"]);
    for fragment in ["Tổng Bí", "Liên", "Nhà", "Đảng Cộng", "Trụ", "Đối"] {
        assert!(
            !article.names.iter().any(|name| name == fragment),
            "{fragment} in {:?}",
            article.names
        );
    }
}

#[test]
fn vna_english_signature_and_french_headline() {
    let english = fixture("en_vna.txt");
    assert_eq!(
        (english.place.as_deref(), english.source.as_deref()),
        (Some("Hanoi"), Some("VNA"))
    );
    assert_last_paragraph_ends(&english, "in Ho Chi Minh City.");
    let (people, places) = people_and_places(&english);
    assert_eq!(people, ["Pham Minh Chinh", "Ito Naoki"]);
    for place in ["Hanoi", "Japan", "Vietnam", "Mekong Delta", "Ho Chi Minh City"] {
        assert!(places.contains(&place), "{place} not in {places:?}");
    }
    let french = fixture("fr_vna_headline.txt");
    assert_eq!(french.title, "Le Vietnam et le Japon renforcent leur coopération");
    assert_eq!(
        (french.place.as_deref(), french.source.as_deref()),
        (Some("Hanoï"), Some("VNA"))
    );
    assert_last_paragraph_ends(&french, "au delta du Mékong.");
}

#[test]
fn datelines_in_capitals_take_the_usual_case() {
    let article = parse("HO CHI MINH CITY, June 3 (Reuters) - Shares rose.");
    assert_eq!(article.place.as_deref(), Some("Ho Chi Minh City"));
    let article = parse("HÀ NỘI (TTXVN) – Sáng nay, các đại biểu đã họp tại Hà Nội.");
    assert_eq!(article.place.as_deref(), Some("Hà Nội"));
    let article = parse("(Reuters) - Vietnam's exports rose in May.");
    assert_eq!(
        (article.place, article.source.as_deref()),
        (None, Some("Reuters"))
    );
}

#[test]
fn sentence_initial_articles_of_every_language_are_not_names() {
    let english = parse(
        "The Vietnamese government said on Monday that trade with Japan grew. The talks went on in Tokyo.",
    );
    let spanish = parse(
        "El gobierno de Vietnam dijo el lunes que el comercio con Japón creció. Los diálogos siguieron en Tokio.",
    );
    let french = parse(
        "Le gouvernement du Vietnam a dit lundi que le commerce avec le Japon a crû. Les discussions ont eu lieu à Tokyo.",
    );
    let vietnamese =
        parse("Các đại biểu đã thảo luận về thương mại với Nhật Bản. Những cuộc họp diễn ra tại Tokyo.");
    for article in [english, spanish, french, vietnamese] {
        for opener in ["The", "El", "Los", "Le", "Les", "Các", "Những"] {
            assert!(
                !article
                    .names
                    .iter()
                    .any(|name| name.split(' ').next() == Some(opener)),
                "{opener} in {:?}",
                article.names
            );
        }
        assert!(
            article
                .places
                .iter()
                .any(|place| place == "Tokyo" || place == "Tokio"),
            "{:?}",
            article.places
        );
    }
}

#[test]
fn titles_and_roles_in_each_language_are_not_part_of_names() {
    let cases = [
        (
            "Prime Minister Pham Minh Chinh met President Joe Biden in Washington on Monday.",
            ["Pham Minh Chinh", "Joe Biden"],
        ),
        (
            "Le président Emmanuel Macron a reçu M. Pham Minh Chinh à Paris hier soir.",
            ["Emmanuel Macron", "Pham Minh Chinh"],
        ),
        (
            "El presidente Gustavo Petro recibió al primer ministro Pham Minh Chinh en Bogotá.",
            ["Gustavo Petro", "Pham Minh Chinh"],
        ),
        (
            "Thủ tướng Phạm Minh Chính đã tiếp Chủ tịch Quốc hội Trần Thanh Mẫn tại Hà Nội.",
            ["Phạm Minh Chính", "Trần Thanh Mẫn"],
        ),
    ];
    for (text, people) in cases {
        let article = parse(text);
        assert_eq!(article.people().collect::<Vec<_>>(), people, "{text}");
    }
}

#[test]
fn particles_join_a_place_only_when_the_whole_is_a_place() {
    let article =
        parse("Le ministre est allé à Rio de Janeiro, puis a vu Nguyen Phu Trong et Vladimir Poutine.");
    assert_eq!(
        article.names,
        ["Rio de Janeiro", "Nguyen Phu Trong", "Vladimir Poutine"]
    );
    assert_eq!(article.places, ["Rio de Janeiro"]);
    let article = parse("Kim Jong Un of North Korea met leaders of Bosnia and Herzegovina in Sarajevo.");
    assert_eq!(
        article.names,
        ["Kim Jong Un", "North Korea", "Bosnia and Herzegovina", "Sarajevo"]
    );
}

#[test]
fn model_helpers_tell_places_and_give_addresses() {
    let article = fixture("vi_ttxvn.txt");
    assert!(article.is_place("Hà Nội") && !article.is_place("Tô Lâm"));
    assert_eq!(article.address(), article.display_path());
    assert_eq!(article.file_path(), article.path);
    assert_eq!(article.url_or_address(), article.address());
    let mut part = article.clone();
    part.path = PathBuf::from("feeds/news.xml#3");
    part.part = Some(3);
    assert_eq!(part.file_path(), Path::new("feeds/news.xml"));
    assert_eq!(part.address(), "feeds/news.xml#3");
    part.url = Some("https://example.org/a".to_owned());
    assert_eq!(part.url_or_address(), "https://example.org/a");
}

#[test]
fn the_bundled_french_samples_keep_their_content_keys() {
    let keys: Vec<String> = load_bundled()
        .iter()
        .map(|article| content_key(article).to_string())
        .collect();
    assert_eq!(
        keys,
        ["ee7b0666d048d2c0", "6f8826054aae1aca"],
        "users' marks depend on these"
    );
    for article in load_bundled() {
        assert_eq!(article.language, Some(Language::French));
    }
}
