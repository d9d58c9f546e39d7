//! Texts read on demand: the library holds the articles of an archive on disk without
//! their text, read again from the file when an article is shown, copied or paged. What the
//! reader shows is the same; a file changed or removed since it was listed is told, and
//! never shown as another article's text.

use crate::common;

use std::fs;
use std::path::Path;

use liseuse::app::{Action, App, Background, Effect};
use liseuse::command::Command;
use liseuse::loader::{LoadBatch, LoadOptions, load_streaming};

const WIDTH: u16 = 100;
const HEIGHT: u16 = 30;

/// A dispatch dated `day` of May 2024 (the list shows the newest first), whose body holds
/// `sentence`.
fn dispatch(day: u8, title: &str, sentence: &str) -> String {
    format!("date 2024-05-{day:02}\n\n{title}\n\nHanoï (VNA) – {sentence} La suite du texte.-VNA\n")
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).expect("write test file");
}

/// Three dispatches, listed newest first: `c.txt`, `b.txt`, `a.txt`.
fn archive() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    write(
        &root.path().join("a.txt"),
        &dispatch(
            1,
            "Premier article sur le riz",
            "Les exportations de riz ont progressé.",
        ),
    );
    write(
        &root.path().join("b.txt"),
        &dispatch(
            2,
            "Deuxième article sur le café",
            "Le café des hauts plateaux se vend bien.",
        ),
    );
    write(
        &root.path().join("c.txt"),
        &dispatch(
            3,
            "Troisième article sur le thé",
            "Les collines de thé attirent les visiteurs.",
        ),
    );
    root
}

/// The reader over `root` as the loader streams it (no cache), at the test's size; the
/// first article is selected and shown.
fn loaded(root: &Path) -> App {
    let mut batches: Vec<LoadBatch> = Vec::new();
    load_streaming(
        &[root.to_owned()],
        &LoadOptions {
            cache_dir: None,
            texts_let_go: true,
        },
        |batch| {
            batches.push(batch);
            true
        },
    );
    let mut app = App::new();
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    for batch in batches {
        common::apply(&mut app, Background::Loaded(batch));
    }
    assert_eq!(app.article_count(), 3);
    app
}

fn screen(app: &App) -> String {
    common::rows(&common::draw(app, WIDTH, HEIGHT, &liseuse::theme::MONOCHROME)).join("\n")
}

/// Moves the selection down `steps` rows.
fn down(app: &mut App, steps: usize) {
    for _ in 0..steps {
        common::apply(app, Command::Down);
    }
}

#[test]
fn each_article_selected_shows_the_text_of_its_file_and_the_library_holds_no_other() {
    let root = archive();
    let mut app = loaded(root.path());
    let sentences = [
        ("Troisième article", "Les collines de thé attirent les visiteurs."),
        ("Deuxième article", "Le café des hauts plateaux se vend bien."),
        ("Premier article", "Les exportations de riz ont progressé."),
    ];
    for (step, (title, sentence)) in sentences.iter().enumerate() {
        if step > 0 {
            down(&mut app, 1);
        }
        assert!(common::selected_title(&app).starts_with(title));
        let shown = screen(&app);
        assert!(shown.contains(sentence), "{title}: {shown}");
        // No other article's text is on screen: the pane follows the selection.
        for (other, other_sentence) in &sentences {
            if other != title {
                assert!(!shown.contains(other_sentence), "{title} shows {other}'s text");
            }
        }
    }
    assert!(
        app.visible_articles()
            .all(|article| article.paragraphs.is_empty() && article.text_dropped),
        "the list holds titles, names and dates, not texts"
    );
}

#[test]
fn copying_and_paging_take_the_text_read_from_the_file() {
    let root = archive();
    let mut app = loaded(root.path());
    let copied = common::apply(&mut app, Command::CopyText);
    assert!(
        matches!(copied.as_slice(), [Effect::Copy(text)] if text.contains("Les collines de thé attirent")),
        "{copied:?}"
    );
    let paged = common::apply(&mut app, Command::Pager);
    assert!(
        matches!(paged.as_slice(), [Effect::Page(text)] if text.contains("Les collines de thé attirent")),
        "{paged:?}"
    );
}

#[test]
fn a_file_changed_between_listing_and_opening_shows_its_new_text_and_says_so() {
    let root = archive();
    let mut app = loaded(root.path());
    write(
        &root.path().join("b.txt"),
        &dispatch(
            2,
            "Deuxième article, corrigé",
            "Le poivre remplace le café dans ce texte.",
        ),
    );
    down(&mut app, 1);
    let shown = screen(&app);
    assert!(shown.contains("Le poivre remplace le café"), "{shown}");
    assert!(!shown.contains("hauts plateaux"), "the old text is gone: {shown}");
    assert!(
        shown.contains("Deuxième article, corrigé"),
        "the list takes the new title: {shown}"
    );
    assert!(
        app.notice().is_some_and(|notice| notice.contains("changed")),
        "{:?}",
        app.notice()
    );
    // Opening it reads the file again and finds it as shown.
    common::apply(&mut app, Command::Open);
    assert!(screen(&app).contains("Le poivre remplace le café"));
    // Left and selected again, it is the text known now: not said to have changed again.
    common::apply(&mut app, Command::Back);
    common::apply(&mut app, Command::Up);
    down(&mut app, 1);
    assert!(screen(&app).contains("Le poivre remplace le café"));
    assert_eq!(app.notice(), None);
}

/// The archive loaded, then `b.txt` removed and its article selected: its text is asked
/// of a file gone.
fn b_removed_and_selected() -> (tempfile::TempDir, App) {
    let root = archive();
    let mut app = loaded(root.path());
    fs::remove_file(root.path().join("b.txt")).expect("remove");
    down(&mut app, 1);
    (root, app)
}

/// The loader's check takes back the article of `b.txt`, as after a warm start.
fn b_taken_back(app: &mut App, root: &Path) {
    common::apply(
        app,
        Background::Loaded(LoadBatch {
            removed: vec![root.join("b.txt")],
            done: true,
            ..LoadBatch::default()
        }),
    );
}

#[test]
fn a_file_removed_between_listing_and_opening_is_said_and_the_others_read_on() {
    let (_root, mut app) = b_removed_and_selected();
    assert!(common::selected_title(&app).starts_with("Deuxième article"));
    let shown = screen(&app);
    assert!(shown.contains("cannot be read again"), "{shown}");
    assert!(
        !shown.contains("Les collines de thé"),
        "another article's text: {shown}"
    );
    assert!(
        app.notice().is_some_and(|notice| notice.contains("cannot read")),
        "{:?}",
        app.notice()
    );
    // Asked once: keys that keep the selection do not read the file again.
    let effects = app
        .update(Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        })
        .effects;
    assert!(
        !effects
            .iter()
            .any(|effect| matches!(effect, Effect::ReadText { .. })),
        "{effects:?}"
    );
    down(&mut app, 1);
    let shown = screen(&app);
    assert!(shown.contains("Les exportations de riz"), "{shown}");
}

#[test]
fn the_notice_of_a_file_gone_goes_when_the_loader_takes_its_article_back() {
    // A warm start lists the cache before checking the files: the article of a file gone
    // can be shown, and said unreadable, before the check takes it back.
    let (root, mut app) = b_removed_and_selected();
    assert!(app.notice().is_some_and(|notice| notice.contains("cannot read")));
    b_taken_back(&mut app, root.path());
    assert_eq!(app.article_count(), 2);
    assert_eq!(app.notice(), None, "a notice about an article no longer listed");
    let shown = screen(&app);
    assert!(!shown.contains("cannot be read again"), "{shown}");
    assert!(!shown.contains("Deuxième article"), "{shown}");
}

#[test]
fn a_notice_about_something_else_stays_when_an_article_is_taken_back() {
    let (root, mut app) = b_removed_and_selected();
    common::apply(&mut app, Action::Notice("copied".to_string()));
    b_taken_back(&mut app, root.path());
    assert_eq!(app.notice(), Some("copied"));
}

#[test]
fn a_file_replaced_by_something_unreadable_says_why_and_never_panics() {
    let root = archive();
    let mut app = loaded(root.path());
    let b = root.path().join("b.txt");
    // Binary bytes, then a folder, then nothing at all: each said, none shown as text.
    fs::write(&b, [0u8, 159, 146, 150, 0, 0, 255, 254].repeat(64)).expect("write binary");
    down(&mut app, 1);
    assert!(screen(&app).contains("cannot be read again"));
    common::apply(&mut app, Command::Up);
    fs::remove_file(&b).expect("remove");
    fs::create_dir(&b).expect("folder in its place");
    down(&mut app, 1);
    assert!(screen(&app).contains("cannot be read again"));
    common::apply(&mut app, Command::Up);
    fs::remove_dir(&b).expect("remove folder");
    write(&b, "");
    down(&mut app, 1);
    assert!(screen(&app).contains("cannot be read again"));
    // A FIFO in its place is never opened: reading it would wait for a writer forever.
    common::apply(&mut app, Command::Up);
    fs::remove_file(&b).expect("remove");
    if common::make_fifo(&b) {
        let shown = common::within_timeout("selecting a FIFO", move || {
            down(&mut app, 1);
            screen(&app)
        });
        assert!(shown.contains("cannot be read again"), "{shown}");
    }
}

#[test]
fn a_file_rewritten_with_another_articles_text_is_shown_as_changed_not_as_the_other() {
    let root = archive();
    let mut app = loaded(root.path());
    // b.txt now holds what a.txt holds: its text is a.txt's, and said to have changed.
    let a = fs::read_to_string(root.path().join("a.txt")).expect("read a");
    write(&root.path().join("b.txt"), &a);
    down(&mut app, 1);
    let shown = screen(&app);
    assert!(shown.contains("Les exportations de riz"), "{shown}");
    assert!(
        app.notice().is_some_and(|notice| notice.contains("changed")),
        "{:?}",
        app.notice()
    );
}

/// Each article's path and content key, as the batches of a load that lets the texts go
/// give them.
fn keys_given(root: &Path, cache: &Path) -> Vec<(std::path::PathBuf, liseuse::store::ContentKey)> {
    let options = LoadOptions {
        cache_dir: Some(cache.to_owned()),
        texts_let_go: true,
    };
    let mut given = Vec::new();
    load_streaming(&[root.to_owned()], &options, |batch| {
        assert_eq!(batch.keys.len(), batch.articles.len());
        assert_eq!(
            batch.texts.len(),
            batch.articles.len(),
            "each file is one article"
        );
        for (article, key) in batch.articles.iter().zip(&batch.keys) {
            assert!(article.text_dropped && article.paragraphs.is_empty());
            given.push((article.path.clone(), *key));
        }
        true
    });
    given.sort();
    given
}

#[test]
fn the_keys_given_with_texts_let_go_are_those_of_the_texts_cold_and_from_the_cache() {
    let root = archive();
    let cache = tempfile::tempdir().expect("cache dir");
    let cold = keys_given(root.path(), cache.path());
    let warm = keys_given(root.path(), cache.path());
    assert_eq!(cold.len(), 3);
    assert_eq!(cold, warm);
    for (path, key) in &cold {
        let article = liseuse::loader::read_article(path).expect("read");
        assert_eq!(liseuse::store::content_key(&article), *key, "{}", path.display());
    }
}
