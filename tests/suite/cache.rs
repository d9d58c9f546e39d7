//! Loading through the cache of parsed articles, and loading on every core: the cache gives
//! what parsing would, is used only for unchanged files, and is rebuilt when damaged.

use crate::common;

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use liseuse::app::Background;
use liseuse::article::Article;
use liseuse::loader::LoadBatch;
use liseuse::loader::{LoadOptions, LoadWarning, discover, load_streaming, read_article, sort_for_display};

fn dispatch(title: &str) -> String {
    format!(
        "date 2024-05-02\n\nHanoï (VNA) – {title}. Le Vietnam et la Russie coopèrent.\n\nSuite du texte.-VNA\n"
    )
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create test directory");
    }
    fs::write(path, text).expect("write test file");
}

fn options(cache: &Path) -> LoadOptions {
    LoadOptions {
        cache_dir: Some(cache.to_owned()),
        texts_let_go: false,
    }
}

/// Every batch of a load, in order.
fn batches(root: &Path, options: &LoadOptions) -> Vec<LoadBatch> {
    let mut batches = Vec::new();
    load_streaming(&[root.to_owned()], options, |batch| {
        batches.push(batch);
        true
    });
    batches
}

/// The articles of a load, sorted for display, and its warnings.
fn load(root: &Path, options: &LoadOptions) -> (Vec<Article>, Vec<LoadWarning>) {
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    for mut batch in batches(root, options) {
        batch.apply_to(&mut articles);
        warnings.extend(batch.warnings);
    }
    sort_for_display(&mut articles);
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    (articles, warnings)
}

fn titles(articles: &[Article]) -> Vec<&str> {
    let mut titles: Vec<&str> = articles.iter().map(|article| article.title.as_str()).collect();
    titles.sort_unstable();
    titles
}

/// The files `batches` take back, sorted.
fn removed(batches: &[LoadBatch]) -> Vec<&Path> {
    let mut removed: Vec<&Path> = batches
        .iter()
        .flat_map(|batch| &batch.removed)
        .map(PathBuf::as_path)
        .collect();
    removed.sort_unstable();
    removed
}

fn cache_files(cache: &Path) -> Vec<PathBuf> {
    fs::read_dir(cache)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default()
}

/// The one cache file a load over one root leaves.
fn cache_file(cache: &Path) -> PathBuf {
    let files = cache_files(cache);
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// Replaces a file's text with other text of the same size, and gives it back its
/// modification time: unchanged, as far as the cache can tell.
fn rewrite_unnoticed(path: &Path, text: &str) {
    let modified = fs::metadata(path)
        .and_then(|meta| meta.modified())
        .expect("mtime");
    assert_eq!(fs::metadata(path).expect("size").len(), text.len() as u64);
    write(path, text);
    set_modified(path, modified);
}

fn set_modified(path: &Path, time: SystemTime) {
    File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(time))
        .expect("set mtime");
}

/// A few files, one of them not an article, in nested folders.
fn archive() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    write(&root.path().join("2024/a.txt"), &dispatch("Premier article"));
    write(&root.path().join("2024/05/b.txt"), &dispatch("Deuxième article"));
    write(&root.path().join("c.txt"), &dispatch("Troisième article"));
    write(&root.path().join("vide.txt"), "\n\n");
    root
}

#[test]
fn second_load_gives_the_same_articles_from_the_cache_without_reading_files() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    let first = load(root.path(), &options(cache.path()));
    assert_eq!(first.0.len(), 3);
    assert_eq!(first.1.len(), 1, "{:?}", first.1);
    cache_file(cache.path());

    // The same size and time: the cache cannot tell, so the file is not read again.
    rewrite_unnoticed(&root.path().join("c.txt"), &dispatch("Troisième ARTICLE"));
    rewrite_unnoticed(&root.path().join("vide.txt"), "É");
    let second = load(root.path(), &options(cache.path()));
    assert_eq!(second, first);
}

#[test]
fn a_new_modification_time_is_parsed_again() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    load(root.path(), &options(cache.path()));
    let path = root.path().join("c.txt");
    rewrite_unnoticed(&path, &dispatch("Troisième ARTICLE"));
    set_modified(&path, SystemTime::now() + Duration::from_secs(5));
    let (articles, _) = load(root.path(), &options(cache.path()));
    assert_eq!(
        titles(&articles),
        ["Deuxième article", "Premier article", "Troisième ARTICLE"]
    );
}

#[test]
fn changed_added_and_deleted_files_are_seen() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    load(root.path(), &options(cache.path()));
    write(
        &root.path().join("2024/a.txt"),
        &dispatch("Premier article, revu et augmenté"),
    );
    fs::remove_file(root.path().join("2024/05/b.txt")).expect("remove");
    write(&root.path().join("2025/d.txt"), &dispatch("Quatrième article"));
    let (articles, warnings) = load(root.path(), &options(cache.path()));
    assert_eq!(
        titles(&articles),
        [
            "Premier article, revu et augmenté",
            "Quatrième article",
            "Troisième article"
        ]
    );
    assert_eq!(warnings.len(), 1);
    // The rewritten cache agrees with the files.
    assert_eq!(load(root.path(), &options(cache.path())), (articles, warnings));
}

#[test]
fn articles_from_the_cache_take_the_path_they_are_found_at() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    load(root.path(), &options(cache.path()));
    // The same folder named another way shares the cache.
    let other_name = root.path().join("2024/..");
    let (articles, _) = load(&other_name, &options(cache.path()));
    assert_eq!(cache_files(cache.path()).len(), 1);
    assert_eq!(articles.len(), 3);
    assert!(
        articles
            .iter()
            .all(|article| article.path.starts_with(&other_name)),
        "{articles:?}"
    );
}

#[test]
fn damaged_caches_are_rebuilt_silently() {
    let root = archive();
    let expected = load(
        root.path(),
        &LoadOptions {
            cache_dir: None,
            texts_let_go: false,
        },
    );
    let cache = tempfile::tempdir().expect("cache dir");
    load(root.path(), &options(cache.path()));
    let file = cache_file(cache.path());
    let good = fs::read(&file).expect("read cache");

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    let header_length = 16 + u32::from_le_bytes([good[8], good[9], good[10], good[11]]) as usize;
    let mut long_frame = good.clone();
    long_frame.extend_from_slice(&[0xFF; 12]);
    let damages: [(&str, Vec<u8>); 7] = [
        ("empty", Vec::new()),
        (
            "random bytes",
            (0..4000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("header only", good[..header_length].to_vec()),
        ("half a header", good[..header_length - 3].to_vec()),
        ("a flipped byte", flipped),
        ("trailing garbage", long_frame),
    ];
    for (damage, bytes) in damages {
        fs::write(&file, &bytes).expect("damage cache");
        assert_eq!(load(root.path(), &options(cache.path())), expected, "{damage}");
        // Rebuilt: the same records, in whatever order the parsing threads gave them.
        let rebuilt = fs::read(&file).expect("read cache");
        assert_eq!(rebuilt.len(), good.len(), "{damage}: not rebuilt");
    }
}

#[test]
fn a_cache_from_another_version_is_rebuilt() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    let expected = load(root.path(), &options(cache.path()));
    let file = cache_file(cache.path());
    let good = fs::read(&file).expect("read cache");

    // The header frame follows the 8-byte magic: length, CRC-32, then the versions.
    let mut other = good.clone();
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let length = u32::from_le_bytes([other[8], other[9], other[10], other[11]]) as usize;
    let payload = &mut other[16..16 + length];
    let at = payload
        .windows(version.len())
        .position(|window| window == version)
        .expect("crate version in the header");
    payload[at] = if payload[at] == b'9' { b'8' } else { b'9' };
    let checksum = crc32fast::hash(payload);
    other[12..16].copy_from_slice(&checksum.to_le_bytes());
    // Its records are fine, and would be used if the version were not checked.
    rewrite_unnoticed(&root.path().join("c.txt"), &dispatch("Troisième ARTICLE"));
    fs::write(&file, &other).expect("write other version");

    let (articles, warnings) = load(root.path(), &options(cache.path()));
    assert!(titles(&articles).contains(&"Troisième ARTICLE"), "{articles:?}");
    assert_ne!(fs::read(&file).expect("read cache"), other);
    assert_ne!(expected.0, articles);
    let said: Vec<&LoadWarning> = warnings.iter().filter(|warning| warning.path == file).collect();
    assert_eq!(said.len(), 1, "{warnings:?}");
    assert!(said[0].reason.contains("another version"), "{said:?}");
    // Rebuilt, the next start says nothing of it.
    let (_, warnings) = load(root.path(), &options(cache.path()));
    assert!(
        warnings.iter().all(|warning| warning.path != file),
        "{warnings:?}"
    );
}

/// `cache` with every record frame's `from` bytes replaced by `to` (as long) and its
/// checksum made right again: a record changed by hand, which nothing but its content betrays.
fn with_records_changed(cache: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut changed = cache.to_vec();
    // After the 8-byte magic, frames: length, CRC-32, payload; the first is the header.
    let mut at = 8;
    let mut header = true;
    while at + 8 <= changed.len() {
        let length =
            u32::from_le_bytes([changed[at], changed[at + 1], changed[at + 2], changed[at + 3]]) as usize;
        let payload = &mut changed[at + 8..at + 8 + length];
        if !header {
            let mut start = 0;
            while let Some(found) = payload[start..]
                .windows(from.len())
                .position(|window| window == from)
            {
                payload[start + found..start + found + to.len()].copy_from_slice(to);
                start += found + to.len();
            }
        }
        let checksum = crc32fast::hash(payload);
        changed[at + 4..at + 8].copy_from_slice(&checksum.to_le_bytes());
        at += 8 + length;
        header = false;
    }
    changed
}

#[test]
fn a_cached_article_carrying_an_escape_sequence_is_read_again_from_its_file() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    let expected = load(root.path(), &options(cache.path()));
    let file = cache_file(cache.path());
    let good = fs::read(&file).expect("read cache");
    for (case, hostile) in [
        ("CSI", &b"\x1b[2J"[..]),
        ("bidi override", "\u{202e}x".as_bytes()),
    ] {
        fs::write(&file, with_records_changed(&good, b"Prem", hostile)).expect("write cache");
        let loaded = load(root.path(), &options(cache.path()));
        assert_eq!(loaded, expected, "{case}: the articles as their files give them");
    }
}

#[test]
fn a_cache_file_that_is_a_fifo_is_passed_over_without_waiting() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    let expected = load(root.path(), &options(cache.path()));
    let file = cache_file(cache.path());
    fs::remove_file(&file).expect("remove cache");
    if !common::make_fifo(&file) {
        return;
    }
    let loaded = common::within_timeout("loading", {
        let (root, cache) = (root.path().to_owned(), cache.path().to_owned());
        move || load(&root, &options(&cache))
    });
    assert_eq!(loaded, expected);
    assert!(
        fs::metadata(&file).expect("rebuilt").is_file(),
        "a cache file again"
    );
}

#[test]
fn an_unusable_cache_directory_only_costs_the_cache() {
    let root = archive();
    let blocker = tempfile::NamedTempFile::new().expect("temp file");
    let expected = load(
        root.path(),
        &LoadOptions {
            cache_dir: None,
            texts_let_go: false,
        },
    );
    assert_eq!(load(root.path(), &options(blocker.path())), expected);
}

/// Every file under `dir`, at any depth; none where `dir` is missing.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in cache_files(dir) {
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// `liseuse --list root` run from the folder `cwd`, with `XDG_CACHE_HOME` at `cache_home`,
/// and `LISEUSE_CACHE_DIR` set to `cache_dir` when given; what it listed.
fn list_with_cache_home(root: &Path, cwd: &Path, cache_home: &Path, cache_dir: Option<&str>) -> String {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_liseuse"));
    command
        .args(["--list".as_ref(), root.as_os_str()])
        .current_dir(cwd)
        .env("HOME", cwd)
        .env("XDG_CONFIG_HOME", cwd.join("config"))
        .env("XDG_CACHE_HOME", cache_home)
        .env_remove("LISEUSE_CACHE_DIR");
    if let Some(cache_dir) = cache_dir {
        command.env("LISEUSE_CACHE_DIR", cache_dir);
    }
    let output = command.output().expect("run liseuse");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn no_cache_directory_means_no_cache() {
    let root = archive();
    let home = tempfile::tempdir().expect("home");
    let cache_home = home.path().join("cache");
    let listed = list_with_cache_home(root.path(), home.path(), &cache_home, Some(""));
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert_eq!(
        files_under(home.path()),
        Vec::<PathBuf>::new(),
        "nothing written anywhere"
    );

    // The same run with the cache on writes it where the test looks.
    let again = list_with_cache_home(root.path(), home.path(), &cache_home, None);
    assert_eq!(again, listed);
    assert_eq!(
        files_under(&cache_home).len(),
        1,
        "{:?}",
        files_under(home.path())
    );
}

#[test]
fn batches_end_with_one_done_and_count_every_file() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    for _ in 0..2 {
        let batches = batches(root.path(), &options(cache.path()));
        let last = batches.last().expect("a batch");
        assert!(last.done);
        assert!(batches[..batches.len() - 1].iter().all(|batch| !batch.done));
        assert_eq!((last.files_done, last.files_total), (4, 4));
    }
}

#[test]
fn stopping_early_writes_no_cache() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    let mut calls = 0;
    load_streaming(&[root.path().to_owned()], &options(cache.path()), |_| {
        calls += 1;
        false
    });
    assert_eq!(calls, 1);
    assert!(cache_files(cache.path()).is_empty());
}

/// A corpus of a few hundred files of varied kinds, as the parallel load must take it.
fn varied_corpus(root: &Path) {
    for index in 0..300 {
        let path = root.join(format!("{:02}/{index:03}.txt", index % 7));
        let text = match index % 10 {
            0 => String::new(),
            1 => "\u{0}\u{1}binaire\u{2}".to_owned(),
            2 => format!("Photo : VNA\n\nLégende seule numéro {index}. Photo : VNA"),
            _ => dispatch(&format!("Article numéro {index} sur Nguyen Phu Trong")),
        };
        write(&path, &text);
    }
}

#[test]
fn parallel_load_gives_what_reading_one_file_at_a_time_gives() {
    let root = tempfile::tempdir().expect("temp dir");
    varied_corpus(root.path());
    let (files, mut sequential_warnings) = discover(&[root.path().to_owned()]);
    let mut sequential = Vec::new();
    for file in files {
        match read_article(&file) {
            Ok(article) => sequential.push(article),
            Err(error) => sequential_warnings.push(error.into()),
        }
    }
    sort_for_display(&mut sequential);
    sequential_warnings.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(sequential.len(), 240);
    assert_eq!(sequential_warnings.len(), 60);

    let (parallel, warnings) = load(
        root.path(),
        &LoadOptions {
            cache_dir: None,
            texts_let_go: false,
        },
    );
    assert_eq!(parallel, sequential);
    assert_eq!(warnings, sequential_warnings);

    let cache = tempfile::tempdir().expect("cache dir");
    for round in ["cold", "warm"] {
        let (cached, warnings) = load(root.path(), &options(cache.path()));
        assert_eq!(cached, sequential, "{round}");
        assert_eq!(warnings, sequential_warnings, "{round}");
    }
}

#[test]
fn files_of_many_articles_and_their_broken_records_come_back_from_the_cache_alike() {
    let root = tempfile::tempdir().expect("temp dir");
    write(
        &root.path().join("dump.jsonl"),
        "{\"title\": \"Un\", \"text\": \"Hanoï (VNA) – Texte un.\"}\n{\"title\": \"Deux\", \"text\": \n{\"title\": \"Trois\", \"text\": \"Texte trois.\", \"url\": \"https://x.example/3\"}\n",
    );
    write(
        &root.path().join("feed.rss"),
        "<rss version=\"2.0\"><channel><title>Flux</title><item><title>A</title><description>Texte A.</description></item>\
         <item><title>B</title><description>Texte B.</description></item></channel></rss>",
    );
    write(&root.path().join("c.txt"), &dispatch("Troisième article"));
    let cache = tempfile::tempdir().expect("cache dir");
    let first = load(root.path(), &options(cache.path()));
    assert_eq!(first.0.len(), 5, "{:?}", titles(&first.0));
    assert_eq!(first.1.len(), 1, "{:?}", first.1);
    assert!(first.1[0].reason.starts_with("line 2:"), "{:?}", first.1);
    let second = load(root.path(), &options(cache.path()));
    assert_eq!(
        second, first,
        "articles with their addresses, parts and URLs, and the warning"
    );
    let third = second
        .0
        .iter()
        .find(|article| article.title == "Trois")
        .expect("Trois");
    assert_eq!(third.path, root.path().join("dump.jsonl#3"));
    assert_eq!(third.part, Some(3));
}

#[test]
fn with_texts_let_go_the_articles_of_a_file_of_many_keep_their_text_from_the_cache_too() {
    let root = tempfile::tempdir().expect("temp dir");
    write(
        &root.path().join("dump.jsonl"),
        "{\"title\": \"Un\", \"text\": \"Hanoï (VNA) – Texte un.\"}\n{\"title\": \"Deux\", \"text\": \"Texte deux.\"}\n",
    );
    write(&root.path().join("c.txt"), &dispatch("Troisième article"));
    let cache = tempfile::tempdir().expect("cache dir");
    let let_go = LoadOptions {
        cache_dir: Some(cache.path().to_owned()),
        texts_let_go: true,
    };
    let cold = load(root.path(), &let_go);
    let warm = load(root.path(), &let_go);
    assert_eq!(warm, cold);
    assert_eq!(warm.0.len(), 3);
    for article in &warm.0 {
        // A file of many would be parsed whole to give one text again: theirs stay.
        match article.part {
            Some(_) => assert!(
                !article.text_dropped && !article.paragraphs.is_empty(),
                "{article:?}"
            ),
            None => assert!(
                article.text_dropped && article.paragraphs.is_empty(),
                "{article:?}"
            ),
        }
    }
}

/// Articles from the cache go out before their files are looked at; a file changed or
/// removed since it was cached is then taken back, and the list shows what is on disk.
#[test]
fn a_file_changed_or_removed_after_caching_shows_its_new_state() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    load(root.path(), &options(cache.path()));
    let changed = root.path().join("2024/a.txt");
    write(&changed, &dispatch("Premier article, revu"));
    set_modified(&changed, SystemTime::now() + Duration::from_secs(5));
    fs::remove_file(root.path().join("2024/05/b.txt")).expect("remove");

    let batches = batches(root.path(), &options(cache.path()));
    let (a, b) = (changed.clone(), root.path().join("2024/05/b.txt"));
    assert_eq!(removed(&batches), [b.as_path(), a.as_path()], "both taken back");

    let mut app = common::app_at(Vec::new(), 100, 30);
    for batch in batches {
        common::apply(&mut app, Background::Loaded(batch));
    }
    let mut titles = common::visible_titles(&app);
    titles.sort_unstable();
    assert_eq!(titles, ["Premier article, revu", "Troisième article"]);
    assert_eq!(app.article_count(), 2);
    common::type_filter(&mut app, "article");
    let mut titles = common::visible_titles(&app);
    titles.sort_unstable();
    assert_eq!(
        titles,
        ["Premier article, revu", "Troisième article"],
        "nor matched"
    );
}

/// A warm load lists the whole cache before it looks at any file: the batches up to the
/// one marked `checking` hold every article cached and take nothing back; what the check
/// finds (a file gone, one changed, one new) comes after it. A cold load has nothing to
/// check, and a damaged cache is not a whole list. (Over enough articles that a batch goes
/// out before the cache is read: a smaller one arrives whole with its check.)
#[test]
fn a_warm_load_lists_the_whole_cache_then_checks_the_files() {
    let root = archive();
    let many = 600;
    for n in 0..many {
        write(
            &root.path().join(format!("many/{n:03}.txt")),
            &dispatch(&format!("Dépêche {n}")),
        );
    }
    let cache = tempfile::tempdir().expect("cache dir");
    let cold = batches(root.path(), &options(cache.path()));
    assert!(
        cold.iter().all(|batch| !batch.checking),
        "nothing to check without a cache"
    );
    let changed = root.path().join("2024/a.txt");
    write(&changed, &dispatch("Premier article, revu"));
    set_modified(&changed, SystemTime::now() + Duration::from_secs(5));
    let gone = root.path().join("2024/05/b.txt");
    fs::remove_file(&gone).expect("remove");
    write(&root.path().join("2025/d.txt"), &dispatch("Quatrième article"));

    let warm = batches(root.path(), &options(cache.path()));
    let listed = warm
        .iter()
        .position(|batch| batch.checking)
        .expect("a batch says the list is whole");
    let (before, after) = warm.split_at(listed + 1);
    let mut articles = Vec::new();
    for batch in before {
        assert!(batch.removed.is_empty() && !batch.done);
        articles.extend(batch.articles.clone());
    }
    assert_eq!(articles.len(), many + 3, "every cached article");
    articles.retain(|article| !article.title.starts_with("Dépêche"));
    assert_eq!(
        titles(&articles),
        ["Deuxième article", "Premier article", "Troisième article"],
        "the cache's articles, as cached"
    );
    assert_eq!(removed(after), [gone.as_path(), changed.as_path()]);
    let mut found = Vec::new();
    for batch in after {
        found.extend(batch.articles.clone());
    }
    assert_eq!(titles(&found), ["Premier article, revu", "Quatrième article"]);
    assert!(after.last().is_some_and(|last| last.done && !last.checking));

    let file = cache_file(cache.path());
    let mut damaged = fs::read(&file).expect("read cache");
    let last = damaged.len() - 1;
    damaged[last] ^= 0xff;
    fs::write(&file, damaged).expect("write cache");
    let batches = batches(root.path(), &options(cache.path()));
    assert!(
        batches.iter().all(|batch| !batch.checking),
        "a damaged cache is no whole list"
    );
}

/// A cache whose frames are all sound but that names one file twice (two runs' records
/// spliced together) gives each article once.
#[test]
fn a_record_repeated_in_the_cache_gives_its_article_once() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    let expected = load(root.path(), &options(cache.path()));
    let file = cache_file(cache.path());
    let good = fs::read(&file).expect("read cache");
    let header_length = 16 + u32::from_le_bytes([good[8], good[9], good[10], good[11]]) as usize;
    let mut doubled = good.clone();
    doubled.extend_from_slice(&good[header_length..]);
    fs::write(&file, doubled).expect("write cache");
    assert_eq!(load(root.path(), &options(cache.path())), expected);
    assert_eq!(
        fs::read(&file).expect("read cache").len(),
        good.len(),
        "rewritten"
    );
}

/// What the reader does with a file taken back after its articles were listed: they leave
/// the list, the count and the filter's matches, and the file's new article takes their place.
#[test]
fn articles_taken_back_by_the_loader_leave_the_list_and_the_matches() {
    let first = common::sample();
    let taken_back = first[0].path.clone();
    let mut revised = first[0].clone();
    revised.title = "Tô Lâm achève sa visite, texte revu".to_owned();
    let mut app = common::app_at(Vec::new(), 100, 30);
    common::apply(
        &mut app,
        Background::Loaded(LoadBatch {
            articles: first.clone(),
            ..LoadBatch::default()
        }),
    );
    common::type_filter(&mut app, "achève");
    assert_eq!(common::visible_titles(&app), [first[0].title.clone()]);
    common::apply(
        &mut app,
        Background::Loaded(LoadBatch {
            removed: vec![taken_back],
            articles: vec![revised.clone()],
            done: true,
            ..LoadBatch::default()
        }),
    );
    assert_eq!(common::visible_titles(&app), [revised.title.clone()], "the match");
    assert_eq!(app.article_count(), first.len());
    common::apply(&mut app, liseuse::command::Command::ClearLine);
    let titles = common::visible_titles(&app);
    assert_eq!(titles.len(), first.len(), "{titles:?}");
    assert!(!titles.contains(&first[0].title), "{titles:?}");
}

/// A full-text index given the texts a load lets go, as the reader's does, and the titles
/// the load listed.
fn indexed_as_let_go(root: &Path, cache: &Path) -> (liseuse::fulltext::FullText, Vec<String>) {
    let options = LoadOptions {
        cache_dir: Some(cache.to_owned()),
        texts_let_go: true,
    };
    let mut index = liseuse::fulltext::FullText::open(None).expect("index");
    let (mut articles, mut keys) = (Vec::new(), Vec::new());
    for batch in batches(root, &options) {
        index.add_arriving(batch.texts, &mut || {}).expect("add");
        articles.extend(batch.articles);
        keys.extend(batch.keys);
    }
    // As the reader's final sync: what arrived is committed.
    index.sync(keys.into_iter().zip(&articles)).expect("sync");
    let mut listed: Vec<String> = articles.into_iter().map(|article| article.title).collect();
    listed.sort();
    (index, listed)
}

/// The bodies the index stores of the articles whose text holds `word`.
fn bodies_with(index: &liseuse::fulltext::FullText, word: &str) -> Vec<Vec<String>> {
    let hits = index.searcher().search_with_bodies(word, 10).expect("search");
    hits.into_iter().map(|(_, body)| body).collect()
}

#[test]
fn texts_let_go_from_the_cache_reach_the_index_as_their_files_give_them_and_a_hostile_one_never() {
    let root = tempfile::tempdir().expect("temp dir");
    // Words that are no name: a name is listed too, and a list field made hostile is
    // damage found at once, the whole cache passed over.
    for (name, word) in [("a", "mangues"), ("b", "letchis"), ("c", "durians")] {
        let text = format!(
            "date 2024-05-02\n\nHanoï (VNA) – Article {name}.\n\nLes rizières donnent des {word}.-VNA\n"
        );
        write(&root.path().join(format!("{name}.txt")), &text);
    }
    let cache = tempfile::tempdir().expect("cache dir");
    // Cold, the texts are those parsed; warm, those the cache kept, handed on undecoded.
    let (cold, listed) = indexed_as_let_go(root.path(), cache.path());
    let (warm, listed_warm) = indexed_as_let_go(root.path(), cache.path());
    assert_eq!(listed.len(), 3);
    assert_eq!(listed, listed_warm);
    for word in ["mangues", "letchis", "durians"] {
        let bodies = bodies_with(&warm, word);
        assert_eq!(bodies.len(), 1, "{word}");
        assert_eq!(bodies, bodies_with(&cold, word), "{word}");
        assert!(bodies[0].concat().contains("rizières"), "{bodies:?}");
    }

    // An escape sequence where `letchis` was, its checksum made right: that text is left out
    // of the index (never shown in a snippet), the others are indexed, all three listed.
    let file = cache_file(cache.path());
    let good = fs::read(&file).expect("read cache");
    fs::write(&file, with_records_changed(&good, b"letchis", b"\x1b[2Jxyz")).expect("write cache");
    let (index, listed_hostile) = indexed_as_let_go(root.path(), cache.path());
    assert_eq!(listed_hostile, listed);
    assert_eq!(bodies_with(&index, "rizieres").len(), 2);
    assert!(bodies_with(&index, "2jxyz").is_empty());
    assert_eq!(bodies_with(&index, "mangues").len(), 1);
    assert_eq!(bodies_with(&index, "durians").len(), 1);
}
