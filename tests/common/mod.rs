//! What the tests share: articles made by hand, so model and rendering tests do not depend
//! on the loader, and the real binary in a pseudo-terminal (`pty`).
#![allow(dead_code)]

pub mod pty;

use std::path::PathBuf;

use liseuse::action::Action;
use liseuse::app::App;
use liseuse::article::{Article, ArticleDate};

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
        ..Article::default()
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
    app.update(Action::OpenFilter);
    for c in text.chars() {
        app.update(Action::InputChar(c));
        finish_ranking(app);
    }
}

/// Does what the background ranker would: skim's ranking, delivered as actions.
pub fn finish_ranking(app: &mut App) {
    while let Some(refinement) = app.take_refinement() {
        refinement.run(
            || false,
            |refined| {
                app.update(Action::Refined(refined));
            },
        );
    }
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
pub fn skipped_file() -> Action {
    Action::Loaded(liseuse::action::LoadBatch {
        warnings: vec![liseuse::loader::LoadWarning {
            path: "archive/broken.txt".into(),
            reason: "not a text file".to_string(),
        }],
        done: true,
        ..Default::default()
    })
}
