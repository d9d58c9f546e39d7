//! The timeline: counts and periods (year, month, day) on generated archives, the view's
//! keys narrowing the filter, its renders at 120x40 and 40x15 with and without colour,
//! and `--timeline`.

use crate::common;

use common::{app_at, article, draw, rows, visible_titles};
use liseuse::app::App;
use liseuse::article::{Article, ArticleDate};
use liseuse::command::Command;
use liseuse::theme;
use liseuse::timeline::{Granularity, Timeline};

fn date(year: u16, month: Option<u8>, day: Option<u8>) -> Option<ArticleDate> {
    Some(ArticleDate { year, month, day })
}

fn counts(timeline: &Timeline) -> Vec<(String, usize)> {
    timeline
        .periods
        .iter()
        .map(|(period, count)| (period.to_string(), *count))
        .collect()
}

/// `count` articles per date of `dates`, then two undated ones.
fn archive(dates: &[(Option<ArticleDate>, usize)]) -> Vec<Article> {
    let mut articles = Vec::new();
    for (which, &(date, count)) in dates.iter().enumerate() {
        for n in 0..count {
            let mut dispatch = article(
                &format!("{which}-{n}.txt"),
                &format!("Dépêche {which}.{n}"),
                None,
                &[],
                1,
            );
            dispatch.date = date;
            articles.push(dispatch);
        }
    }
    articles.extend((0..2).map(|n| article(&format!("u{n}.txt"), "Sans date", None, &[], 1)));
    articles
}

#[test]
fn months_with_their_gaps_and_the_articles_counted_apart() {
    let timeline = Timeline::of([
        date(2020, Some(11), Some(3)),
        date(2020, Some(11), None),
        date(2021, Some(2), Some(28)),
        date(2021, None, None),
        None,
        date(2021, Some(3), Some(1)),
        None,
    ]);
    assert_eq!(timeline.granularity, Granularity::Month);
    let expected = [
        ("2020-11", 2),
        ("2020-12", 0),
        ("2021-01", 0),
        ("2021-02", 1),
        ("2021-03", 1),
    ];
    let expected: Vec<(String, usize)> = expected.iter().map(|&(p, c)| (p.to_string(), c)).collect();
    assert_eq!(counts(&timeline), expected);
    assert_eq!(timeline.undated, 2);
    assert_eq!(timeline.imprecise, 1, "the year alone");
    assert_eq!(timeline.max_count(), 2);
}

#[test]
fn years_over_a_long_span() {
    let timeline = Timeline::of([
        date(2003, Some(5), None),
        date(2012, None, None),
        date(2012, Some(1), Some(1)),
    ]);
    assert_eq!(timeline.granularity, Granularity::Year);
    assert_eq!(timeline.periods.len(), 10, "2003 to 2012, empty years too");
    assert_eq!(counts(&timeline)[0], ("2003".to_string(), 1));
    assert_eq!(counts(&timeline)[9], ("2012".to_string(), 2));
    assert_eq!(timeline.imprecise, 0, "every date has its year");
    let eight_years = Timeline::of([date(2003, Some(5), None), date(2011, Some(5), None)]);
    assert_eq!(
        eight_years.granularity,
        Granularity::Month,
        "eight years exactly: months"
    );
}

#[test]
fn days_over_a_few_weeks_across_a_month_end() {
    let timeline = Timeline::of([
        date(2024, Some(2), Some(27)),
        date(2024, Some(3), Some(2)),
        date(2024, Some(3), Some(2)),
    ]);
    assert_eq!(timeline.granularity, Granularity::Day);
    let periods: Vec<String> = counts(&timeline).into_iter().map(|(period, _)| period).collect();
    assert_eq!(
        periods,
        [
            "2024-02-27",
            "2024-02-28",
            "2024-02-29",
            "2024-03-01",
            "2024-03-02"
        ]
    );
    assert_eq!(timeline.periods[4].1, 2);
    let month_only = Timeline::of([date(2024, Some(2), Some(27)), date(2024, Some(3), None)]);
    assert_eq!(
        month_only.granularity,
        Granularity::Month,
        "a date without its day: months"
    );
    let two_months = Timeline::of([date(2024, Some(1), Some(1)), date(2024, Some(3), Some(1))]);
    assert_eq!(
        two_months.granularity,
        Granularity::Month,
        "sixty days or more: months"
    );
}

#[test]
fn nothing_dated_makes_no_period() {
    let timeline = Timeline::of([None, None]);
    assert!(timeline.periods.is_empty());
    assert_eq!(timeline.undated, 2);
}

#[test]
fn a_generated_archive_of_ten_years_is_counted_whole() {
    let mut dates = Vec::new();
    for year in 2010..2020u16 {
        for month in 1..=12u8 {
            dates.push((date(year, Some(month), Some(1 + month)), usize::from(month % 3)));
        }
    }
    let articles = archive(&dates);
    let timeline = Timeline::of(articles.iter().map(|article| article.date));
    assert_eq!(timeline.granularity, Granularity::Year);
    assert_eq!(timeline.periods.len(), 10);
    assert!(
        timeline.periods.iter().all(|&(_, count)| count == 12),
        "{timeline:?}"
    );
    let total: usize = timeline.periods.iter().map(|&(_, count)| count).sum();
    assert_eq!(total + timeline.undated, articles.len());
}

fn months_app(width: u16, height: u16) -> App {
    let dates = [
        (date(2021, Some(1), Some(4)), 3),
        (date(2021, Some(3), Some(9)), 5),
        (date(2021, Some(4), None), 1),
        (date(2021, Some(6), Some(30)), 2),
    ];
    app_at(archive(&dates), width, height)
}

#[test]
fn t_then_enter_narrows_the_list_to_the_period() {
    let mut app = months_app(120, 40);
    app.update(Command::Timeline);
    let view = app.timeline_view().expect("open");
    assert_eq!(view.timeline().periods.len(), 6, "January to June");
    assert_eq!(view.selected(), 5, "the newest first");
    app.update(Command::Up);
    app.update(Command::Up);
    app.update(Command::Up);
    app.update(Command::Down);
    app.update(Command::Accept);
    assert!(app.timeline_view().is_none());
    assert_eq!(app.filter_input(), "date:2021-04");
    assert_eq!(visible_titles(&app).len(), 1);
    app.update(Command::Timeline);
    assert_eq!(
        app.timeline_view().expect("open").timeline().periods.len(),
        1,
        "of the filter's articles"
    );
    app.update(Command::Back);
    assert!(app.timeline_view().is_none(), "Esc closes");
    assert_eq!(app.filter_input(), "date:2021-04", "and changes nothing");
}

#[test]
fn the_timeline_reads_at_120x40_and_40x15_with_and_without_colour() {
    for (width, height) in [(120, 40), (40, 15)] {
        for theme in [&theme::COLOUR, &theme::MONOCHROME] {
            let mut app = months_app(width, height);
            app.update(Command::Timeline);
            for _ in 0..3 {
                app.update(Command::Up);
            }
            let buffer = draw(&app, width, height, theme);
            let screen = rows(&buffer);
            let text = screen.join("\n");
            assert!(text.contains("Timeline, by month"), "{text}");
            assert!(
                text.contains("2021-03: 5 articles"),
                "the selected period named: {text}"
            );
            assert!(text.contains("undated 2"), "{text}");
            assert!(
                text.contains("2021-01") && text.contains("2021-06"),
                "first and last: {text}"
            );
            let mark = screen
                .iter()
                .position(|row| row.contains('▲'))
                .expect("a mark under the bar");
            let column = screen[mark].chars().position(|c| c == '▲').expect("mark") as u16;
            let above = &buffer[(column, mark as u16 - 1)];
            assert_eq!(above.symbol(), "█", "the selected bar above its mark: {text}");
            assert_eq!(
                above.fg,
                theme.matched.fg.unwrap_or_default(),
                "in the selection's colour"
            );
            // March (five articles, the most) fills the chart's height; January (three) does not.
            let tall = screen
                .iter()
                .filter(|row| row.chars().nth(usize::from(column)) == Some('█'))
                .count();
            assert!(tall >= height as usize / 3, "scaled to the window: {text}");
        }
    }
}
