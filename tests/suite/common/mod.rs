//! What the tests share: articles made by hand, so model and rendering tests do not depend
//! on the loader; drawing and what every screen must show; the real binary in a
//! pseudo-terminal (`pty`); and permissions that hold where the tests run as root (`nobody`).
#![allow(dead_code)]

pub mod bytes;
pub mod nobody;
pub mod pty;

use std::path::PathBuf;

use liseuse::app::{Action, App, Background, Effect};
use liseuse::article::{Article, ArticleDate};
use liseuse::command::{Command, KeyMode};
use liseuse::listing;
use liseuse::ui::{Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

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

/// Applies `action` as the event loop would for the ranking and the texts read again:
/// skim's rankings it asks for run at once and their answers come back, as do the texts of
/// articles the library holds without; every other effect is returned, in order.
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
                // Read at once, as the loop does before it draws.
                Effect::ReadText { id, path } => pending.push_back(
                    Background::TextRead {
                        id,
                        read: liseuse::loader::read_article(&path).map(Box::new),
                    }
                    .into(),
                ),
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

/// What `app` draws on a `width`×`height` screen with `theme`.
pub fn draw(app: &App, width: u16, height: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| frame.render_widget(Screen { app, theme }, frame.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The rows of a drawn screen, as text.
pub fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// What holds after any keys at any size: a selection exactly when the list has a row, on
/// a row the list shows; highlights on characters of the titles; the reading pane never
/// scrolled past the end; the key map the screen shows; and a screen that is never blank,
/// its status line (or the too-small notice) always written.
pub fn assert_coherent(app: &App, screen: &Buffer) {
    let shown = rows(screen);
    let context = || format!("at {:?}:\n{}", app.size(), shown.join("\n"));
    assert_eq!(
        app.selected_position().is_some(),
        app.visible_count() > 0,
        "a selection exactly when there are rows {}",
        context()
    );
    for (position, article) in app.visible_articles().enumerate() {
        let chars = article.title.chars().count();
        let highlights = app.title_highlights(position);
        assert!(
            highlights.iter().all(|&at| at < chars) && highlights.is_sorted(),
            "highlights {highlights:?} of {:?} {}",
            article.title,
            context()
        );
    }
    let layout = app.layout();
    if let (Some(list), Some(selected)) = (layout.list, app.selected_position()) {
        // The selected article's rows, every one of them, among the list's.
        let width = usize::from(list.content.width);
        let heights: Vec<usize> = app
            .visible_articles()
            .map(|article| listing::height(article, width, app.list_rows()))
            .collect();
        let offset = app.list_offset();
        let rows_to_selection: usize = heights
            .get(offset..=selected)
            .map_or(usize::MAX, |rows| rows.iter().sum());
        assert!(
            selected >= offset
                && (rows_to_selection <= usize::from(list.content.height) || selected == offset),
            "selection {selected} off the list's rows from {offset} {}",
            context()
        );
    }
    if let Some(text) = layout.reader_text {
        let last = app.reader_lines().len().saturating_sub(usize::from(text.height));
        assert!(app.reader_scroll() <= last, "scrolled past the end {}", context());
    }
    assert_eq!(
        app.current_hit().is_some(),
        !app.hits().is_empty(),
        "a current hit exactly when there are hits {}",
        context()
    );
    let mode = match (
        app.is_help_open(),
        app.timeline_view().is_some(),
        app.prompt().is_some() || app.names_view().is_some(),
    ) {
        (true, _, _) => KeyMode::Help,
        (false, true, _) => KeyMode::Timeline,
        (false, false, true) => KeyMode::Input,
        (false, false, false) => KeyMode::Browse,
    };
    assert_eq!(app.key_mode(), mode, "{}", context());
    let written = if layout.too_small {
        shown.first()
    } else {
        shown.last()
    };
    assert!(
        written.is_some_and(|row| !row.trim().is_empty()),
        "a blank status line {}",
        context()
    );
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
