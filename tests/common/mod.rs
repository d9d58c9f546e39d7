//! What the tests share: articles made by hand, so model and rendering tests do not depend
//! on the loader, and the real binary in a pseudo-terminal (`pty`).
#![allow(dead_code)]

pub mod pty;

use std::path::PathBuf;

use liseuse::app::{Action, App, Background, Effect};
use liseuse::article::{Article, ArticleDate};
use liseuse::command::Command;

pub fn article(
    file: &str,
    title: &str,
    date: Option<(u16, u8)>,
    names: &[&str],
    paragraphs: usize,
) -> Article {
    Article {
        path: PathBuf::from(format!("archive/{file}")),
        title: title.to_string(),
        date: date.map(|(year, month)| ArticleDate {
            year,
            month: Some(month),
            day: None,
        }),
        source: Some("VNA".to_string()),
        place: Some("Hanoï".to_string()),
        captions: vec!["Le secrétaire général à l’aéroport. Photo: VNA".to_string()],
        paragraphs: (1..=paragraphs)
            .map(|n| format!("Paragraphe {n} : les deux parties ont affirmé leur volonté de renforcer la coopération bilatérale dans de nombreux domaines."))
            .collect(),
        names: names.iter().map(|name| name.to_string()).collect(),
    }
}

/// Three dispatches: one about Tô Lâm, one about Nguyen Phu Trong, one undated.
pub fn sample() -> Vec<Article> {
    vec![
        article(
            "a.txt",
            "Le secrétaire général Tô Lâm achève sa visite en Russie",
            Some((2025, 5)),
            &["Tô Lâm", "Vladimir Poutine", "Russie"],
            30,
        ),
        article(
            "b.txt",
            "Entretien en ligne entre Nguyen Phu Trong et Vladimir Poutine",
            Some((2021, 4)),
            &["Nguyen Phu Trong", "Vladimir Poutine", "Hanoï"],
            3,
        ),
        article(
            "c.txt",
            "Đặng Thị Ngọc Thịnh reçoit une délégation de Cuba",
            None,
            &["Đặng Thị Ngọc Thịnh", "Cuba"],
            2,
        ),
    ]
}

pub fn app_at(articles: Vec<Article>, width: u16, height: u16) -> App {
    let mut app = App::with_articles(articles);
    app.update(Action::Resize { width, height });
    app
}

/// Opens the filter line and types `text`, the background ranking done after each key.
pub fn type_filter(app: &mut App, text: &str) {
    apply(app, Command::Filter);
    for c in text.chars() {
        apply(app, Action::Type(c.to_string()));
    }
}

/// Types `text` into the line being edited and has it filtered, as the loop does once the
/// line is drawn; skim's rankings are left among the effects returned, not run.
pub fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = app.update(Action::Type(text.to_string())).effects;
    effects.extend(app.update(Action::Refilter).effects);
    effects
}

/// Applies `action` as the event loop would for the ranking: skim's rankings it asks for
/// run at once and their answers come back; every other effect is returned, in order.
pub fn apply(app: &mut App, action: impl Into<Action>) -> Vec<Effect> {
    let mut pending = std::collections::VecDeque::from([action.into()]);
    let mut effects = Vec::new();
    while let Some(action) = pending.pop_front() {
        for effect in app.update(action).effects {
            match effect {
                Effect::Rank(refinement) => {
                    refinement.run(
                        || false,
                        |refined| pending.push_back(Background::Ranked(refined).into()),
                    );
                }
                // The loop would draw the line typed first; the tests go straight on.
                Effect::Refilter => pending.push_back(Action::Refilter),
                Effect::AwaitPause => pending.push_back(Action::Paused),
                other => effects.push(other),
            }
        }
    }
    effects
}

pub fn selected_title(app: &App) -> String {
    app.selected_article()
        .map(|article| article.title.clone())
        .unwrap_or_default()
}

pub fn visible_titles(app: &App) -> Vec<String> {
    app.visible_articles()
        .map(|article| article.title.clone())
        .collect()
}

/// The loader's report of one file it could not read.
pub fn skipped_file() -> Background {
    Background::Loaded(liseuse::loader::LoadBatch {
        warnings: vec![liseuse::loader::LoadWarning {
            path: "archive/broken.txt".into(),
            reason: "not a text file".to_string(),
        }],
        done: true,
        ..Default::default()
    })
}

/// Makes a named pipe at `path`; false, after saying the test is skipped, where `mkfifo`
/// is not available.
pub fn make_fifo(path: &std::path::Path) -> bool {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    if made.is_ok_and(|status| status.success()) {
        return true;
    }
    eprintln!("skipped: mkfifo is not available");
    false
}

/// Runs `work` on a thread of its own and gives its result, failing the test when it has
/// not finished within [`pty::TIMEOUT`]: what used to hang fails instead of stalling the suite.
pub fn within_timeout<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(work());
    });
    match result.recv_timeout(pty::TIMEOUT) {
        Ok(value) => value,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: still waiting after {:?}", pty::TIMEOUT)
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: failed"),
    }
}
