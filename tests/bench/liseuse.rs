//! `cargo bench`: liseuse over generated archives of 10 000 and 100 000 articles — reading
//! and indexing them, the loader's speed in each format, the first frame of the real binary,
//! each keystroke of a filter, full-text queries and related articles, peak memory, bytes
//! sent to the terminal, and fzf beside it when installed.
//!
//! Sizes: `LISEUSE_BENCH_SIZES=2000,20000 cargo bench`, or
//! `cargo bench --bench liseuse -- --sizes 2000,20000` (the library's harness rejects the
//! flag); a million with `--sizes 1000000`. Some parts only: `--only keystrokes,echo` (see
//! [`PARTS`]), for a hot path's before and after. Corpora are kept between runs (see [`bench_dir`]).
//! The file is not called `main.rs`, so that cargo does not also take `tests/bench/` for an
//! integration test; its modules are named by path for the same reason.

#[path = "binary.rs"]
mod binary;
#[path = "../suite/common/bytes.rs"]
mod bytes;
#[path = "corpus.rs"]
mod corpus;
#[path = "echo.rs"]
mod echo;
#[path = "formats.rs"]
mod formats;
#[path = "fzf.rs"]
mod fzf;
#[path = "output.rs"]
mod output;
#[path = "search.rs"]
mod search;
#[path = "stats.rs"]
mod stats;
#[path = "typing.rs"]
mod typing;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use liseuse::app::{Action, App, Background};
use liseuse::article::Article;
use liseuse::loader::LoadBatch;
use liseuse::loader::{self, LoadOptions};
use liseuse::reading::{self, Settings};

use stats::{COSTLY_RUNS, Samples, Table, ms, size, time_runs, verdict};

/// The binary's allocator, so that the figures measured in process are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEFAULT_SIZES: &[usize] = &[10_000, 100_000];

/// Issue 12's targets, in two columns: archives up to 100 000 articles, and larger ones
/// (measured at a million).
struct Targets {
    /// Process start to a complete, sorted list, cache filled (ms).
    warm_start: f64,
    /// Process start to the first article row, cold or warm (ms).
    first_row: f64,
    /// Cold load and index over the read floor.
    cold_over_floor: f64,
    /// Peak memory, the reader open after a filter, over the corpus's size.
    peak_over_corpus: f64,
    /// Echo, p90 (ms), and the list's final ranking, p95 (ms), per keystroke.
    echo_p90: f64,
    final_list_p95: f64,
    /// A full-text query, and the related articles of one (issue 10), p95 (ms).
    full_text_p95: f64,
    related_p95: f64,
}

impl Targets {
    fn for_size(articles: usize) -> Self {
        let large = articles > 100_000;
        Targets {
            warm_start: if large { 1500.0 } else { 300.0 },
            first_row: 100.0,
            cold_over_floor: 1.5,
            peak_over_corpus: if large { 0.3 } else { 0.5 },
            echo_p90: 16.0,
            final_list_p95: if large { 300.0 } else { 100.0 },
            full_text_p95: if large { 200.0 } else { 50.0 },
            related_p95: 200.0,
        }
    }
}

/// `≤ 300 ms OK`: a target in milliseconds and whether `value` meets it.
fn within_ms(value: f64, target: f64) -> String {
    format!("≤ {} {}", ms(target), verdict(value <= target))
}
const SEED: u64 = 0x11_5E05E;
/// A pass of typing every query that takes longer than this is repeated 5 times, not 20.
const COSTLY_PASS: Duration = Duration::from_millis(1500);
/// fzf starts a pass of the queries only while less than this has been spent on it.
const FZF_BUDGET: Duration = Duration::from_secs(20);
/// The long article laid out, and the width: the reading pane's at 120 columns is about this.
const LONG_ARTICLE_BYTES: usize = 16 << 20;
const LAYOUT_WIDTH: usize = 72;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this without it.
    if !args.iter().any(|arg| arg == "--bench") {
        eprintln!("liseuse bench: nothing to do outside `cargo bench`");
        return ExitCode::SUCCESS;
    }
    let sizes = match sizes(&args) {
        Ok(sizes) => sizes,
        Err(error) => {
            eprintln!("liseuse bench: {error}");
            return ExitCode::from(2);
        }
    };
    let only = match only(&args) {
        Ok(only) => only,
        Err(error) => {
            eprintln!("liseuse bench: {error}");
            return ExitCode::from(2);
        }
    };
    println!("{}", machine());
    for &articles in &sizes {
        match bench_size(articles, &only) {
            Ok(table) => println!("\n### {} articles\n\n{}", thousands(articles), table.render()),
            Err(error) => {
                eprintln!("liseuse bench: {} articles: {error:#}", thousands(articles));
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// The value of `--NAME VALUE` or `--NAME=VALUE`.
fn flag(args: &[String], name: &str) -> Option<String> {
    let long = format!("--{name}");
    let joined = format!("{long}=");
    args.iter().enumerate().find_map(|(at, arg)| {
        if *arg == long {
            args.get(at + 1).cloned()
        } else {
            arg.strip_prefix(&joined).map(str::to_owned)
        }
    })
}

/// The parts of the bench `--only` names, each measured apart from the others.
const PARTS: &[&str] = &[
    "floor",
    "load",
    "layout",
    "formats",
    "reader",
    "keystrokes",
    "fzf",
    "echo",
    "search",
    "bytes",
];

/// Which parts of the bench to run: `--only keystrokes,echo`, else all of them.
struct Only(Option<Vec<String>>);

impl Only {
    fn wants(&self, part: &str) -> bool {
        self.0
            .as_ref()
            .is_none_or(|parts| parts.iter().any(|wanted| wanted == part))
    }
}

fn only(args: &[String]) -> anyhow::Result<Only> {
    let Some(list) = flag(args, "only") else {
        return Ok(Only(None));
    };
    let parts: Vec<String> = list.split(',').map(|part| part.trim().to_owned()).collect();
    if let Some(unknown) = parts.iter().find(|part| !PARTS.contains(&part.as_str())) {
        anyhow::bail!(
            "no part of the bench is called {unknown:?}; the parts: {}",
            PARTS.join(", ")
        );
    }
    Ok(Only(Some(parts)))
}

/// `--sizes 2000,20000` (or `--sizes=…`), else `LISEUSE_BENCH_SIZES`, else the defaults.
fn sizes(args: &[String]) -> anyhow::Result<Vec<usize>> {
    let Some(list) = flag(args, "sizes").or_else(|| std::env::var("LISEUSE_BENCH_SIZES").ok()) else {
        return Ok(DEFAULT_SIZES.to_vec());
    };
    list.split(',')
        .map(|size| {
            let digits = size.trim().replace('_', "");
            match digits.parse::<usize>() {
                Ok(size) if size > 0 => Ok(size),
                _ => anyhow::bail!("not a size of archive: {size:?}"),
            }
        })
        .collect()
}

/// Where generated corpora are kept between runs: `$LISEUSE_BENCH_DIR`, else
/// `target/bench-corpus`.
fn bench_dir() -> PathBuf {
    std::env::var_os("LISEUSE_BENCH_DIR").map_or_else(
        || {
            let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
            tmp.parent().unwrap_or(tmp).join("bench-corpus")
        },
        PathBuf::from,
    )
}

fn bench_size(count: usize, only: &Only) -> anyhow::Result<Table> {
    let base = bench_dir();
    fs::create_dir_all(&base).with_context(|| format!("cannot create {}", base.display()))?;
    // Caches as large as the corpus: on the same disk, not in a small /tmp.
    let scratch = tempfile::tempdir_in(&base)?;
    let say = |what: &str| eprintln!("[{}] {what}", thousands(count));
    say("generating the archive, unless kept from an earlier run");
    let corpus = corpus::kept(&base, count, SEED)?;
    let paths = vec![corpus.root.clone()];
    let targets = Targets::for_size(count);
    let mut table = Table::default();
    table.note(format!(
        "{} articles in {} folders, {} on disk (sum of file sizes), {} per article on average",
        thousands(corpus.files),
        corpus.files.div_ceil(1000),
        size(corpus.bytes as f64),
        size(corpus.bytes as f64 / corpus.files as f64),
    ));

    say("read floor");
    read_everything(&corpus.root)?; // once, so every later run finds the page cache warm
    let floor = if only.wants("floor") || only.wants("load") {
        let floor = time_runs(|| (), |()| read_everything(&corpus.root));
        table.time(
            &format!(
                "read floor: walk + fs::read, page cache warm (best {})",
                ms(floor.best())
            ),
            &floor,
            "",
        );
        Some(floor)
    } else {
        None
    };

    say("cold load");
    let caches = scratch.path().join("caches");
    let mut cold_runs = 0;
    // Each run's cache is removed at the next: a million articles' cache is gigabytes.
    let mut next_cache = || {
        let _ = fs::remove_dir_all(caches.join(format!("load-{cold_runs}")));
        cold_runs += 1;
        let dir = caches.join(format!("load-{cold_runs}"));
        fs::create_dir_all(&dir).map(|()| dir)
    };
    let load = match &floor {
        Some(_) if only.wants("load") => Some(time_runs(&mut next_cache, |dir| {
            dir.map(|dir| load_streaming(&paths, &dir))
        })),
        _ => None,
    };
    let warm_cache = next_cache()?;
    let (articles, skipped) = load_streaming(&paths, &warm_cache);
    anyhow::ensure!(
        articles.len() == count && skipped == 0,
        "loaded {} of {count} articles, {skipped} skipped",
        articles.len(),
    );
    if let (Some(floor), Some(load)) = (&floor, &load) {
        load_figures(&paths, &warm_cache, &articles, floor, load, &targets, &mut table);
    }

    if only.wants("layout") {
        say("layout of a long article");
        let long = long_article(&articles, LONG_ARTICLE_BYTES)?;
        // As the reader sets it by default: hyphenated, not justified.
        let typesetting = Settings::default().typesetting(LAYOUT_WIDTH, false, long.language);
        let layout = time_runs(|| (), |()| reading::layout_article(&long, &typesetting));
        table.time(
            &format!(
                "layout: one {} article at {LAYOUT_WIDTH} columns (reading::layout_article)",
                size(LONG_ARTICLE_BYTES as f64)
            ),
            &layout,
            "",
        );
    }

    if only.wants("formats") {
        say("loader speed per format");
        formats::measure(&corpus.root, &scratch.path().join("formats"), &mut table)?;
    }

    if only.wants("reader") {
        say("the reader in a pseudo-terminal");
        reader_figures(&scratch.path().join("caches"), &corpus, &targets, &mut table)?;
    }

    let mut passes = COSTLY_RUNS;
    if only.wants("keystrokes") {
        say("keystrokes");
        passes = keystroke_figures(&articles, &targets, &mut table);
    }

    if only.wants("fzf") {
        say("fzf");
        fzf_figures(scratch.path(), &articles, passes, &mut table)?;
    }

    if only.wants("echo") {
        say("echo");
        echo_figures(scratch.path(), &corpus, &articles, &targets, &mut table)?;
    }

    if only.wants("search") {
        say("full text and related articles");
        search::measure(
            &scratch.path().join("fulltext"),
            &articles,
            targets.full_text_p95,
            targets.related_p95,
            &mut table,
        )?;
    }

    if only.wants("bytes") {
        say("bytes to the terminal");
        terminal_bytes(articles, &mut table)?;
    }
    Ok(table)
}

/// The cold load and the warm start in process, and each set against the read floor or
/// its target.
fn load_figures(
    paths: &[PathBuf],
    warm_cache: &Path,
    articles: &[Article],
    floor: &Samples,
    load: &Samples,
    targets: &Targets,
    table: &mut Table,
) {
    let warm = time_runs(|| (), |()| load_streaming(paths, warm_cache));
    let index = time_runs(|| articles.to_vec(), ready_app);
    table.time("cold load: loader::load_streaming, empty cache", load, "");
    table.time("index: App::update(Loaded) (order + haystacks)", &index, "");
    let cold = load.median() + index.median();
    let ratio = cold / floor.best();
    table.value(
        "cold load + index, median, ÷ read floor best",
        format!("{} = {ratio:.2}×", ms(cold)),
        load.len().min(index.len()),
        &format!(
            "≤ {}× {}",
            targets.cold_over_floor,
            verdict(ratio <= targets.cold_over_floor)
        ),
    );
    table.time("warm start: load_streaming, cache filled", &warm, "");
    let warm_ready = warm.median() + index.median();
    table.value(
        "warm start + index, median",
        ms(warm_ready),
        warm.len().min(index.len()),
        &within_ms(warm_ready, targets.warm_start),
    );
}

/// Each keystroke of the queries typed into an [`App`] holding `articles`; returns how many
/// passes were made, which fzf's figures make too.
fn keystroke_figures(articles: &[Article], targets: &Targets, table: &mut Table) -> usize {
    let mut app = App::with_articles(articles.to_vec());
    app.update(Action::Resize {
        width: binary::COLUMNS,
        height: binary::ROWS,
    });
    let started = Instant::now();
    let mut typed = typing::measure(&mut app, 1);
    let passes = if started.elapsed() < COSTLY_PASS {
        stats::CHEAP_RUNS
    } else {
        COSTLY_RUNS
    };
    let more = typing::measure(&mut app, passes - 1);
    typed.first_list.extend(&more.first_list);
    typed.first_refined.extend(&more.first_refined);
    typed.final_ranking.extend(&more.final_ranking);
    drop(app);
    let keys = format!("{} keys × {passes}", typed.keys);
    table.time(
        &format!("per keystroke: first list ({keys})"),
        &typed.first_list,
        &format!("p95 ≤ 16 ms {}", verdict(typed.first_list.p95() <= 16.0)),
    );
    table.time(
        "per keystroke: first refined (best 300 by skim)",
        &typed.first_refined,
        "",
    );
    table.time(
        "per keystroke: final ranking",
        &typed.final_ranking,
        &format!(
            "p95 {}",
            within_ms(typed.final_ranking.p95(), targets.final_list_p95)
        ),
    );
    table.note(format!(
        "keystrokes: {}; from the key to the list, skim's ranking run right after on the same thread",
        typing::QUERIES
            .iter()
            .map(|query| format!("`{}`", query.replace(typing::BACKSPACE, "⌫")))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    passes
}

/// What the reader holds once loaded: the articles in display order, with their haystacks.
fn ready_app(articles: Vec<Article>) -> App {
    let mut app = App::new();
    app.update(Background::Loaded(LoadBatch {
        articles,
        done: true,
        ..LoadBatch::default()
    }));
    app
}

/// One article of at least `bytes` of paragraphs, the archive's one after another: what
/// opening it, or resizing the pane, lays out.
fn long_article(articles: &[Article], bytes: usize) -> anyhow::Result<Article> {
    let mut long = articles.first().cloned().context("no article to lengthen")?;
    let mut total = 0;
    long.paragraphs = articles
        .iter()
        .flat_map(|article| &article.paragraphs)
        .cycle()
        .take_while(|paragraph| {
            let short = total < bytes;
            total += paragraph.len();
            short
        })
        .cloned()
        .collect();
    Ok(long)
}

/// Loads `paths` as the reader does, with its metadata cache in `cache_dir`; returns the
/// articles and how many files were skipped.
fn load_streaming(paths: &[PathBuf], cache_dir: &Path) -> (Vec<Article>, usize) {
    let options = LoadOptions {
        cache_dir: Some(cache_dir.to_owned()),
        texts_let_go: false,
    };
    let (mut articles, mut skipped) = (Vec::new(), 0);
    loader::load_streaming(paths, &options, |mut batch| {
        batch.apply_to(&mut articles);
        skipped += batch.warnings.len();
        true
    });
    (articles, skipped)
}

/// Walks `root` and reads every file: the least any loader has to do.
fn read_everything(root: &Path) -> anyhow::Result<u64> {
    let mut total = 0;
    let mut folders: Vec<PathBuf> = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                folders.push(entry.path());
            } else {
                total += fs::read(entry.path())?.len() as u64;
            }
        }
    }
    Ok(total)
}

fn reader_figures(
    caches: &Path,
    corpus: &corpus::Corpus,
    targets: &Targets,
    table: &mut Table,
) -> anyhow::Result<()> {
    let binary = Path::new(env!("CARGO_BIN_EXE_liseuse"));
    let (mut first_frame, mut loaded) = (Samples::default(), Samples::default());
    let (mut peak_indexed, mut peak_filtered) = (Peak::default(), Peak::default());
    let mut cache_written = false;
    for run in 0..COSTLY_RUNS {
        // A new, empty cache each run: these are cold starts whatever the binary caches.
        // Only the last is kept, for the warm runs.
        if let Some(previous) = run.checked_sub(1) {
            let _ = fs::remove_dir_all(caches.join(format!("cold-{previous}")));
        }
        let cache = caches.join(format!("cold-{run}"));
        fs::create_dir_all(&cache)?;
        // Every run filters, so that each run's peak after filtering is at least its peak
        // once indexed, and the highest of each over the runs compare.
        let reader = binary::run_reader(binary, &corpus.root, &cache, corpus.files, Some("to lam"))?;
        first_frame.extend(&duration_sample(reader.first_frame));
        loaded.extend(&duration_sample(reader.loaded));
        peak_indexed.add(reader.peak_indexed);
        peak_filtered.add(reader.peak_filtered);
        cache_written |= fs::read_dir(&cache)?.next().is_some();
    }
    table.time(
        "first frame: process start → first article row",
        &first_frame,
        &format!("p95 {}", within_ms(first_frame.p95(), targets.first_row)),
    );
    table.time("all loaded: process start → no `loading…`", &loaded, "");
    if cache_written {
        let cache = caches.join(format!("cold-{}", COSTLY_RUNS - 1));
        let (mut warm_first, mut warm, mut checked) =
            (Samples::default(), Samples::default(), Samples::default());
        for _ in 0..COSTLY_RUNS {
            let reader = binary::run_reader(binary, &corpus.root, &cache, corpus.files, None)?;
            warm_first.extend(&duration_sample(reader.first_frame));
            warm.extend(&duration_sample(reader.loaded));
            checked.extend(&duration_sample(reader.checked));
        }
        table.time(
            "reader, cache filled: process start → first article row",
            &warm_first,
            &format!("p95 {}", within_ms(warm_first.p95(), targets.first_row)),
        );
        table.time(
            "reader, cache filled: process start → whole list, sorted",
            &warm,
            &format!("p95 {}", within_ms(warm.p95(), targets.warm_start)),
        );
        table.time(
            "reader, cache filled: process start → files checked",
            &checked,
            "",
        );
    }
    let on_disk = corpus.bytes as f64;
    let against_corpus = |peak: u64| format!("{} = {:.2}× corpus", size(peak as f64), peak as f64 / on_disk);
    for (figure, peak) in [
        ("peak RSS (VmHWM), reader loaded and indexed", peak_indexed),
        (
            "peak RSS (VmHWM) until exit, reader after filtering `to lam`",
            peak_filtered,
        ),
    ] {
        match peak.highest {
            Some(highest) => table.value(
                figure,
                against_corpus(highest),
                peak.runs,
                &format!(
                    "≤ {}× {}",
                    targets.peak_over_corpus,
                    verdict(highest as f64 / on_disk <= targets.peak_over_corpus)
                ),
            ),
            None => table.value(
                figure,
                "not read".to_owned(),
                0,
                &format!("≤ {}× MISS", targets.peak_over_corpus),
            ),
        }
    }
    let list_cache = caches.join("list");
    fs::create_dir_all(&list_cache)?;
    match binary::run_list(binary, &corpus.root, &list_cache)? {
        Some((elapsed, peak)) => table.value(
            "liseuse --list: peak RSS (GNU time), wall time",
            format!(
                "{}, {}",
                peak.map_or("peak not read".to_owned(), against_corpus),
                ms(elapsed.as_secs_f64() * 1e3)
            ),
            1,
            "",
        ),
        None => table.note("liseuse --list: not measured, /usr/bin/time is not installed".to_owned()),
    }
    table.note(format!(
        "reader: the release binary in a {}×{} pseudo-terminal, each run with an empty LISEUSE_CACHE_DIR{}",
        binary::COLUMNS,
        binary::ROWS,
        if cache_written { "" } else { " (it wrote no cache)" }
    ));
    table.note(
        "peak RSS: VmHWM in /proc/<pid>/status, the highest of the runs; read once the full-text index \
         is built (as the full-text scope's status line shows), then, `to lam` typed and the reader idle \
         (no CPU used for 200 ms: skim's ranking over), the highest read until the process is gone"
            .to_owned(),
    );
    Ok(())
}

/// The highest of the peaks read over several runs, and how many runs could read one.
#[derive(Default)]
struct Peak {
    highest: Option<u64>,
    runs: usize,
}

impl Peak {
    fn add(&mut self, peak: Option<u64>) {
        self.runs += usize::from(peak.is_some());
        self.highest = self.highest.max(peak);
    }
}

fn duration_sample(duration: Option<Duration>) -> Samples {
    let mut samples = Samples::default();
    if let Some(duration) = duration {
        samples.push_duration(duration);
    }
    samples
}

fn fzf_figures(scratch: &Path, articles: &[Article], passes: usize, table: &mut Table) -> anyhow::Result<()> {
    let Some(version) = fzf::version() else {
        table.note("fzf: not installed, not compared".to_owned());
        return Ok(());
    };
    let lines = scratch.join("fzf-lines.txt");
    fzf::write_lines(articles, &lines)?;
    let times = fzf::measure(&lines, passes.min(COSTLY_RUNS), FZF_BUDGET)?;
    table.time("fzf --filter, per keystroke (process + read + match)", &times, "");
    table.note(format!(
        "fzf {version}: one `fzf --filter Q < file` per query as typed, over {} of title<TAB>names lines; \
         its time includes starting fzf and reading the file",
        size(fzf::file_size(&lines) as f64)
    ));
    Ok(())
}

fn terminal_bytes(articles: Vec<Article>, table: &mut Table) -> anyhow::Result<()> {
    let bytes = output::measure(articles)?;
    // A change against a full redraw of the same screen, at the same size.
    let far_below = |samples: &Samples, full_redraw: &Samples| {
        let share = samples.p95() / full_redraw.median();
        format!("{:.0}% of full {}", share * 100.0, verdict(share <= 0.25))
    };
    let half = bytes.selection_move.median() / bytes.full_redraw.median();
    table.count(
        "bytes: move the selection one row",
        &bytes.selection_move,
        &format!("{:.0}% of full, ≤ 50% {}", half * 100.0, verdict(half <= 0.5)),
    );
    table.count(
        "bytes: scroll the reading pane one line",
        &bytes.scroll_line,
        &far_below(&bytes.scroll_line, &bytes.full_redraw),
    );
    table.count(
        "bytes: one filter keystroke (echo, then the list)",
        &bytes.filter_key,
        &format!("≤ 4 KB {}", verdict(bytes.filter_key.median() <= 4096.0)),
    );
    table.count("bytes: full redraw (clear + draw)", &bytes.full_redraw, "");
    let one_pane = format!("list alone ({} columns)", output::ONE_PANE_COLUMNS);
    table.count(
        &format!("bytes: move the selection one row, {one_pane}"),
        &bytes.selection_move_one_pane,
        &far_below(&bytes.selection_move_one_pane, &bytes.full_redraw_one_pane),
    );
    table.count(
        &format!("bytes: full redraw, {one_pane}"),
        &bytes.full_redraw_one_pane,
        "",
    );
    for note in bytes.notes {
        table.note(note);
    }
    table.note(format!(
        "bytes: ratatui's crossterm backend at {}×{} (the list alone: {}×{}), colour theme; \
         \"far below\" taken as p95 ≤ 25% of a full redraw of the same screen",
        binary::COLUMNS,
        binary::ROWS,
        output::ONE_PANE_COLUMNS,
        binary::ROWS
    ));
    Ok(())
}

/// The machine the figures come from: cores, CPU model, memory, kernel, date.
fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| {
            line.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, model)| model.trim())
        })
        .unwrap_or("unknown CPU");
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|line| {
            line.strip_prefix("MemTotal:")?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or("unknown".to_owned(), |kib| size(kib * 1024.0));
    let cores = std::thread::available_parallelism().map_or(0, |cores| cores.get());
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "liseuse bench, {}: {cores} cores (nproc), {model}, {memory} RAM, Linux {}",
        today(),
        kernel.trim()
    )
}

/// Today's date (UTC) as YYYY-MM-DD, from the civil calendar algorithm of H. Hinnant.
fn today() -> String {
    let seconds = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let days = (seconds / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// 100000 as `100 000`, as the README writes sizes.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

/// The time from a key to the first byte back, liseuse's filter line in the release binary
/// (its cache filled, its index built), then an interactive fzf over the same lines.
fn echo_figures(
    scratch: &Path,
    corpus: &corpus::Corpus,
    articles: &[Article],
    targets: &Targets,
    table: &mut Table,
) -> anyhow::Result<()> {
    let binary = Path::new(env!("CARGO_BIN_EXE_liseuse"));
    let home = tempfile::tempdir()?;
    let mut command = portable_pty::CommandBuilder::new(binary);
    command.arg(&corpus.root);
    command.cwd(std::env::temp_dir());
    command.env("TERM", "xterm-256color");
    command.env("LISEUSE_CACHE_DIR", home.path().join("cache"));
    command.env("XDG_DATA_HOME", home.path().join("data"));
    command.env("XDG_CONFIG_HOME", home.path().join("config"));
    command.env_remove("NO_COLOR");
    let mut liseuse = echo::Typist::spawn(command)?;
    let all = format!("/{}", corpus.files);
    liseuse.wait_for("every article", |screen| {
        screen.contains(&all) && !screen.contains("loading")
    })?;
    // The full-text index is built after loading; typing meanwhile would share the cores.
    liseuse.send("/\x14")?;
    liseuse.wait_for("the index built", |screen| {
        screen.contains("full text") && !screen.contains("indexing")
    })?;
    liseuse.send("\x14")?;
    liseuse.settle()?;
    let echoes = liseuse.type_queries("\x15")?;
    liseuse.quit("\x03");
    let target = format!("p90 {}", within_ms(echoes.percentile(90.0), targets.echo_p90));
    table.value(
        "echo: key → first byte back, liseuse (median / p90 / p99)",
        spread(&echoes),
        echoes.len(),
        &target,
    );

    let Some(version) = fzf::version() else {
        return Ok(());
    };
    let lines = scratch.join("fzf-lines.txt");
    fzf::write_lines(articles, &lines)?;
    let mut command = portable_pty::CommandBuilder::new("sh");
    command.args(["-c", &format!("exec fzf < '{}'", lines.display())]);
    command.env("TERM", "xterm-256color");
    let mut fzf = echo::Typist::spawn(command)?;
    let all = format!("{0}/{0}", articles.len());
    fzf.wait_for("fzf's list", |screen| screen.contains(&all))?;
    let echoes = fzf.type_queries("\x15")?;
    fzf.quit("\x03");
    table.value(
        "echo: key → first byte back, fzf (median / p90 / p99)",
        spread(&echoes),
        echoes.len(),
        "",
    );
    table.note(format!(
        "echo: each key of the queries typed in a {}×{} pseudo-terminal once the screen has been still \
         for 40 ms; liseuse with its cache filled and its index built, fzf {version} interactive over the \
         lines of `fzf --filter`",
        binary::COLUMNS,
        binary::ROWS
    ));
    Ok(())
}

/// `1.2 ms / 3.4 ms / 5.6 ms`: median, p90 and p99.
fn spread(samples: &Samples) -> String {
    [50.0, 90.0, 99.0]
        .map(|percent| ms(samples.percentile(percent)))
        .join(" / ")
}
