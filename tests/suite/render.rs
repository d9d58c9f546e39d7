//! Rendering at fixed sizes with ratatui's TestBackend: what a reader sees on screen.

use crate::common;

use common::{app_at, draw, rows, sample, type_filter};
use liseuse::app::{Action, App};
use liseuse::command::Command;
use liseuse::config::KeyBindings;
use liseuse::theme;
use ratatui::style::{Color, Modifier};

fn screen(app: &App, width: u16, height: u16) -> String {
    rows(&draw(app, width, height, &theme::COLOUR)).join("\n")
}

#[test]
fn wide_screen_shows_list_and_reader_side_by_side() {
    let app = app_at(sample(), 120, 40);
    let text = screen(&app, 120, 40);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("Articles"));
    assert!(
        lines[1].contains("Le secrétaire général Tô Lâm achève sa visite en"),
        "{text}"
    );
    assert!(
        lines[2].contains("│  Russie "),
        "the whole title, over two lines: {text}"
    );
    assert!(
        lines[3].contains("│  2025-05 · VNA · Hanoï "),
        "date, source, place: {text}"
    );
    let reader_title = lines
        .iter()
        .position(|line| line.contains("│ Le secrétaire général Tô Lâm achève"));
    assert!(reader_title.is_some(), "the reading pane shows the title: {text}");
    assert!(
        text.contains("2025-05 · VNA · Hanoï · Tô Lâm, Vladimir Poutine, Russie"),
        "meta line: {text}"
    );
    assert!(
        text.contains("▏ Le secrétaire général à l’aéroport"),
        "caption set apart: {text}"
    );
    assert!(lines[39].contains("1/3"), "status: {}", lines[39]);
    assert!(lines[39].contains("? help"));
}

#[test]
fn the_title_is_bold_in_the_reading_pane() {
    let app = app_at(sample(), 120, 40);
    let buffer = draw(&app, 120, 40, &theme::COLOUR);
    let text = rows(&buffer);
    let y = text
        .iter()
        .position(|line| line.contains("│ Le secrétaire général Tô Lâm achève"))
        .unwrap();
    let byte = text[y].find("│ Le secrétaire général Tô Lâm achève").unwrap();
    let x = text[y][..byte].chars().count() as u16 + 2;
    assert_eq!(buffer[(x, y as u16)].symbol(), "L");
    assert!(buffer[(x, y as u16)].modifier.contains(Modifier::BOLD));
}

#[test]
fn narrow_screen_shows_one_pane_at_a_time() {
    let mut app = app_at(sample(), 80, 24);
    let text = screen(&app, 80, 24);
    assert!(!text.contains('│'), "no second pane: {text}");
    assert!(
        text.lines()
            .next()
            .unwrap()
            .starts_with("  Le secrétaire général Tô Lâm")
    );
    app.update(Command::Open);
    let text = screen(&app, 80, 24);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("Le secrétaire général Tô Lâm achève")
    );
    assert!(!text.contains("Entretien en ligne"), "the list is hidden: {text}");
    assert!(
        text.lines().last().unwrap().contains("Top"),
        "scroll indicator: {text}"
    );
    app.update(Command::Bottom);
    assert!(screen(&app, 80, 24).lines().last().unwrap().contains("End"));
}

#[test]
fn long_titles_are_cut_with_an_ellipsis_past_two_lines() {
    let long = "Un titre très long ".repeat(10);
    let mut app = app_at(vec![common::article("x.txt", long.trim(), None, &[], 1)], 80, 24);
    let text = screen(&app, 80, 24);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        !lines[0].contains('…') && lines[0].trim_end().len() > 60,
        "{text}"
    );
    assert!(lines[1].contains('…'), "{text}");
    assert!(lines.iter().all(|line| line.chars().count() == 80));
    app.update(Command::Compact);
    let first = screen(&app, 80, 24)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(first.contains('…'), "one line in the compact list: {first}");
}

#[test]
fn tiny_screen_still_lists_articles() {
    let app = app_at(sample(), 20, 5);
    let text = screen(&app, 20, 5);
    assert!(
        text.lines().next().unwrap().starts_with("Le secrétaire"),
        "{text}"
    );
    assert!(text.lines().last().unwrap().contains("1/3"), "{text}");
}

#[test]
fn too_small_a_screen_shows_a_notice() {
    let app = app_at(sample(), 10, 4);
    let text = screen(&app, 10, 4);
    assert!(text.starts_with("Terminal …"), "{text}");
}

#[test]
fn every_size_draws_a_coherent_screen() {
    for width in (1..=130).step_by(3) {
        for height in (1..=45).step_by(2) {
            let check = |app: &App| common::assert_coherent(app, &draw(app, width, height, &theme::COLOUR));
            let mut app = app_at(sample(), width, height);
            check(&app);
            app.update(Command::Open);
            app.update(Command::Bottom);
            check(&app);
            type_filter(&mut app, "to lam");
            check(&app);
            app.update(Command::Help);
            check(&app);
        }
    }
}

#[test]
fn matched_characters_are_highlighted() {
    let mut app = app_at(sample(), 120, 40);
    type_filter(&mut app, "'ligne");
    let buffer = draw(&app, 120, 40, &theme::COLOUR);
    let text = rows(&buffer);
    let y = text.iter().position(|line| line.contains("Entretien")).unwrap();
    let x = text[y]
        .find("ligne")
        .map(|byte| text[y][..byte].chars().count())
        .unwrap() as u16;
    assert_eq!(buffer[(x + 1, y as u16)].fg, Color::Yellow, "{}", text[y]);
    assert_ne!(
        buffer[(x - 1, y as u16)].fg,
        Color::Yellow,
        "only the match: {}",
        text[y]
    );
    assert!(text[38].starts_with("/ 'ligne"), "the filter line: {}", text[38]);
}

#[test]
fn no_color_uses_reverse_video_and_no_colours() {
    let app = app_at(sample(), 120, 40);
    let buffer = draw(&app, 120, 40, &theme::MONOCHROME);
    assert!(
        buffer[(3, 1)].modifier.contains(Modifier::REVERSED),
        "selection in reverse video"
    );
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
}

#[test]
fn help_lists_every_key() {
    let mut app = app_at(sample(), 120, 40);
    app.update(Command::Help);
    // The help is taller than the screen: every page of it.
    let mut text = screen(&app, 120, 40);
    while app.update(Command::PageDown).redraw {
        text.push_str(&screen(&app, 120, 40));
    }
    for (keys, what) in KeyBindings::default().help_rows() {
        assert!(text.contains(keys.trim()), "{keys} missing from help:\n{text}");
        assert!(text.contains(what), "{what} missing from help:\n{text}");
    }
    for keys in [
        "j ↓ Ctrl-n",
        "Ctrl-d",
        "g Home",
        "Enter l →",
        "Esc h ←",
        "Space",
        "/",
        "?",
        "q",
    ] {
        assert!(text.contains(keys), "{keys} missing from help:\n{text}");
    }
}

#[test]
fn the_status_line_counts_skipped_files() {
    let mut app = app_at(sample(), 100, 30);
    app.update(common::skipped_file());
    let text = screen(&app, 100, 30);
    assert!(text.lines().last().unwrap().contains("broken.txt"), "{text}");
    app.update(Command::Down);
    let text = screen(&app, 100, 30);
    assert!(
        text.lines().last().unwrap().contains("2/3  3 unread  1 skipped"),
        "{text}"
    );
}

#[test]
fn a_warning_kept_until_dismissed_is_cut_to_leave_its_key_in_view_and_sanitized() {
    let mut app = app_at(sample(), 60, 20);
    app.update(Action::Alert(
        "marks will not be kept: cannot create /home/\u{1b}]0;pwned\u{7}\u{202e}x/.local/share/liseuse: Read-only file system".to_string(),
    ));
    app.update(Command::CycleOrder);
    let buffer = draw(&app, 60, 20, &theme::COLOUR);
    let status = rows(&buffer).pop().unwrap_or_default();
    assert!(
        status.starts_with("marks will not be kept: cannot create /home/x/"),
        "{status}"
    );
    assert!(status.ends_with("…Esc dismiss "), "{status}");
    assert_eq!(buffer[(0, 19)].fg, Color::Yellow, "in the warning style");
    app.update(Command::Back);
    let status = rows(&draw(&app, 60, 20, &theme::COLOUR))
        .pop()
        .unwrap_or_default();
    assert!(
        status.starts_with(" 2/3  oldest first  3 unread"),
        "the summary again: {status}"
    );
}

#[test]
fn a_long_filter_keeps_its_end_in_view() {
    let mut app = app_at(sample(), 30, 10);
    type_filter(&mut app, "poutine hanoi 東京東京東京 vietnam russie");
    let text = screen(&app, 30, 10);
    let filter_line = text.lines().nth(8).unwrap();
    assert!(filter_line.starts_with("/ "), "{text}");
    assert!(filter_line.contains("vietnam russie"), "{filter_line}");
}

#[test]
fn find_hits_are_highlighted_and_counted() {
    let mut app = app_at(sample(), 80, 24);
    app.update(Command::Open);
    app.update(Command::Filter);
    for c in "volonté".chars() {
        common::typed(&mut app, &c.to_string());
    }
    let buffer = draw(&app, 80, 24, &theme::COLOUR);
    let text = rows(&buffer);
    assert!(text[22].starts_with("Find: volonté"), "{}", text[22]);
    assert!(text[23].contains("hit 1/30"), "{}", text[23]);
    let y = text.iter().position(|line| line.contains("volonté")).unwrap();
    let x = text[y]
        .find("volonté")
        .map(|byte| text[y][..byte].chars().count())
        .unwrap() as u16;
    assert!(
        buffer[(x, y as u16)].modifier.contains(Modifier::REVERSED),
        "the current hit"
    );
    assert_eq!(buffer[(x, y as u16)].fg, Color::Yellow);
}

#[test]
fn wide_and_invisible_characters_keep_every_border_in_place() {
    let tricky = [
        "東京で日越首脳会談、協力を確認 — 🇻🇳🤝🇯🇵 des accords",
        "Việt Nam : « l’économie » ; NBSP\u{a0}: et fine\u{202f}!",
        "e\u{301}\u{302} combinés, zéro\u{200b}largeur, trait\u{ad}d’union",
    ];
    let articles: Vec<_> = tricky
        .iter()
        .enumerate()
        .map(|(n, title)| {
            let mut article = common::article(&format!("{n}.txt"), title, None, &["東京", "Hà Nội"], 2);
            article.paragraphs.push(title.repeat(6));
            article
        })
        .collect();
    for (width, height) in [(120, 40), (100, 30), (41, 15), (23, 7)] {
        let mut app = app_at(articles.clone(), width, height);
        for _ in 0..3 {
            let buffer = draw(&app, width, height, &theme::COLOUR);
            for y in 0..height {
                // Walk the row as a terminal would: a wide character takes two columns.
                let mut x = 0;
                while x < width {
                    let symbol = buffer[(x, y)].symbol();
                    let cells = liseuse::ui::text_width(symbol).max(1) as u16;
                    assert!(
                        x + cells <= width,
                        "row {y} overflows at column {x} ({symbol:?}) at {width}x{height}"
                    );
                    x += cells;
                }
            }
            if width >= 100 {
                // Where each row's borders stand, in cells: the same columns on every row.
                let borders = |y: u16| -> Vec<u16> {
                    (0..width)
                        .filter(|&x| buffer[(x, y)].symbol() == "│")
                        .take(3)
                        .collect()
                };
                let expected = borders(1);
                assert_eq!(expected.len(), 3, "list and reader borders");
                for y in 1..height - 2 {
                    assert_eq!(borders(y), expected, "row {y}: {}", rows(&buffer)[usize::from(y)]);
                }
            }
            app.update(Command::Down);
            app.update(Command::Open);
        }
    }
}

#[test]
fn on_a_wide_screen_the_text_stands_at_the_measure_between_even_margins() {
    let mut app = app_at(sample(), 220, 50);
    let text = app.layout().reader_text.expect("two panes");
    let column = app.reader_column(text);
    assert_eq!(column.width, 72);
    let (left, right) = (column.x - text.x, text.right() - column.right());
    assert!(left.abs_diff(right) <= 1, "margins {left} and {right}");
    let shown = rows(&draw(&app, 220, 50, &theme::COLOUR));
    let cells = |row: &str, columns: std::ops::Range<u16>| -> String {
        row.chars()
            .skip(usize::from(columns.start))
            .take(usize::from(columns.end - columns.start))
            .collect()
    };
    let title_row = &shown[usize::from(text.y)];
    assert!(cells(title_row, column.x..column.right()).starts_with("Le secrétaire général Tô Lâm"));
    for row in &shown[usize::from(text.y)..usize::from(text.bottom())] {
        assert!(cells(row, text.x..column.x).trim().is_empty(), "{row}");
        assert!(
            cells(row, column.right()..text.right()).trim().is_empty(),
            "{row}"
        );
    }

    app.update(Command::Measure);
    let full = app.reader_column(app.layout().reader_text.expect("two panes"));
    assert_eq!(full, text, "w: the whole pane");
}

/// A title of `length` characters, of words of several lengths.
fn title_of(length: usize) -> String {
    let words = [
        "Le",
        "secrétaire",
        "général",
        "a",
        "reçu",
        "une",
        "délégation",
        "de",
        "Hanoï",
    ];
    let mut title = String::new();
    for word in words.iter().cycle() {
        if title.chars().count() >= length {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    title
        .chars()
        .take(length)
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[test]
fn each_row_shows_the_whole_title_over_two_lines_then_date_source_and_place() {
    for (width, height) in [(120, 40), (80, 24), (40, 15)] {
        for length in [30, 90, 200] {
            let title = title_of(length);
            let mut app = app_at(
                vec![common::article("a.txt", &title, Some((2021, 4)), &[], 3)],
                width,
                height,
            );
            let list = app.layout().list.expect("the list is shown").content;
            let room = usize::from(list.width) - liseuse::listing::MARK_COLUMNS;
            let text = screen(&app, width, height);
            let rows: Vec<&str> = text.lines().skip(usize::from(list.y)).collect();
            let in_list = |row: &str| -> String {
                row.chars()
                    .skip(usize::from(list.x) + liseuse::listing::MARK_COLUMNS)
                    .take(room)
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            };
            let context = format!("{width}x{height}, a title of {length}:\n{text}");
            if title.chars().count() <= room {
                assert_eq!(in_list(rows[0]), title, "{context}");
                assert_eq!(in_list(rows[1]), "2021-04 · VNA · Hanoï", "{context}");
            } else {
                let shown = format!("{} {}", in_list(rows[0]), in_list(rows[1]));
                // 90 characters fit in two lines of 50 columns or more; 200 never do.
                if length == 90 && room >= 50 {
                    assert_eq!(shown, title, "the whole title over two lines: {context}");
                } else {
                    assert!(shown.ends_with('…'), "cut with … past two lines: {context}");
                    let kept = shown.trim_end_matches('…').trim_end();
                    assert!(title.starts_with(kept), "the start of the title: {context}");
                }
                assert_eq!(in_list(rows[2]), "2021-04 · VNA · Hanoï", "{context}");
            }
            app.update(Command::Compact);
            let compact = screen(&app, width, height);
            let rows: Vec<&str> = compact.lines().skip(usize::from(list.y)).collect();
            assert!(
                in_list(rows[0]).starts_with("Le secrétaire"),
                "one line in the compact list: {compact}"
            );
            assert_eq!(in_list(rows[1]), "", "and nothing under it: {compact}");
            if title.chars().count() > room {
                assert!(in_list(rows[0]).contains('…'), "{compact}");
            }
        }
    }
}

/// An archive large enough to fill the list: `count` dispatches, one in seven on Lavrov.
fn many(count: usize) -> Vec<liseuse::article::Article> {
    (0..count)
        .map(|n| {
            let person = if n % 7 == 0 {
                "Sergueï Lavrov"
            } else {
                "Phạm Minh Chính"
            };
            let title = format!("Le ministre {person} a reçu une délégation, dépêche numéro {n}");
            let mut article = common::article(
                &format!("{n:04}.txt"),
                &title,
                Some((2000 + (n % 20) as u16, 1)),
                &[person],
                0,
            );
            // Every article its own text, as in an archive: showing another repaints the pane.
            article.paragraphs = (0..12)
                .map(|paragraph| format!("{paragraph} {} ", title.repeat(2)).repeat(n % 3 + 1))
                .collect();
            article
        })
        .collect()
}

#[test]
fn a_filter_key_writes_a_few_kilobytes_and_leaves_the_reading_pane_alone() {
    let mut app = app_at(many(500), 120, 40);
    // Far from the matches to come, so each key selects another article.
    app.update(Command::Bottom);
    let mut terminal = common::bytes::CountedTerminal::new(120, 40).expect("terminal");
    let full = common::bytes::CountedTerminal::full_redraw(&app, 120, 40).expect("full redraw");
    terminal.draw(&app).expect("first frame");
    app.update(Command::Filter);
    terminal.draw(&app).expect("the filter line");
    let mut written = Vec::new();
    for key in ["l", "a", "v"] {
        app.update(liseuse::app::Action::Type(key.to_string()));
        let echo = terminal.draw(&app).expect("echo");
        app.update(liseuse::app::Action::Refilter);
        written.push(echo + terminal.draw(&app).expect("the list"));
    }
    written.sort_unstable();
    let median = written[written.len() / 2];
    assert!(
        median <= 4096,
        "a filter key wrote {median} bytes (a full redraw: {full})"
    );
    // The pause: the reading pane shows the best match now, once.
    app.update(liseuse::app::Action::Paused);
    assert!(terminal.draw(&app).expect("the reader") > 0);
}

#[test]
fn moving_the_selection_writes_at_most_half_a_full_redraw() {
    let mut app = app_at(many(50), 120, 40);
    let mut terminal = common::bytes::CountedTerminal::new(120, 40).expect("terminal");
    terminal.draw(&app).expect("first frame");
    app.update(Command::Down);
    let moved = terminal.draw(&app).expect("a move");
    let full = common::bytes::CountedTerminal::full_redraw(&app, 120, 40).expect("full redraw");
    assert!(
        moved * 2 <= full,
        "a move wrote {moved} bytes, a full redraw {full}"
    );
}
