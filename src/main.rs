//! The command line: parses it and hands over to the library.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser};
use clap_complete::Shell;
use liseuse::article::Article;
use liseuse::check;
use liseuse::cli::{self, Markup};
use liseuse::config::{self, Config};
use liseuse::fulltext::FullText;
use liseuse::loader::{self, LoadWarning};
use liseuse::sanitize::{sanitize, sanitize_line};
use liseuse::store::{self, ContentKey};
use liseuse::tui::{self, Ended, Library, MarksNotSaved, NotATerminal};

/// A terminal reader for archives of news articles.
///
/// Opens the articles found in the given files and folders (dispatches in plain text, web
/// pages, feeds, JSON and JSON Lines dumps, Markdown clips, mail), or else the library of
/// the config file, or else the bundled sample articles.
#[derive(Debug, Parser)]
#[command(name = "liseuse", version, about, long_about)]
struct Cli {
    /// Article files and folders (walked recursively for the formats liseuse reads); `-`
    /// reads one archive file of any format from standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Print one `date<TAB>title<TAB>address` line per article, newest first, and exit; an
    /// article of a file holding many has the address `path#N`.
    #[arg(long, conflicts_with_all = ["filter", "print"])]
    list: bool,

    /// Print the articles matching QUERY (fzf syntax, and fields: date:2021-04, source:vna,
    /// place:hanoi, name:"vladimir poutine"), best first; exit 1 when none match, 2 when a
    /// field term cannot be read.
    #[arg(long, value_name = "QUERY", conflicts_with = "print")]
    filter: Option<String>,

    /// Print how many articles each period holds, one `period<TAB>count` line each (years,
    /// months or days, by the span), then `undated` and `imprecise` counts; with --filter,
    /// of the matches only.
    #[arg(long, conflicts_with_all = ["list", "print", "check"])]
    timeline: bool,

    /// Print the articles most related to the one at PATH (a file, or `path#N` as `--list`
    /// shows it), best first, as `--list` does: by the words their bodies share (over the
    /// full-text index, kept in the cache folder and brought up to date first) and the
    /// people and places they name; exit 1 when none is related.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["list", "filter", "timeline", "print", "check"])]
    related: Option<PathBuf>,

    /// Print one article as the reading pane shows it, set at the measure, or at $COLUMNS
    /// (else 80) when narrower; `path#N` prints the N-th article of a file holding many, as
    /// `--list` shows it.
    #[arg(long, value_name = "PATH")]
    print: Option<PathBuf>,

    /// Print every file skipped or altered while loading, and why; exit 1 when any was skipped.
    #[arg(long, conflicts_with_all = ["list", "filter", "print"])]
    check: bool,

    /// Read this config file instead of config.toml in the config folder
    /// ($XDG_CONFIG_HOME/liseuse, or ~/.config/liseuse).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,

    /// Print the default config file, every setting commented, and exit.
    #[arg(long, exclusive = true)]
    print_config: bool,

    /// Print the manual page (roff) and exit.
    #[arg(long, exclusive = true)]
    man: bool,

    /// Print the completion script for SHELL and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    completions: Option<Shell>,
}

/// mimalloc rather than the system's: see Cargo.toml.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(answer) => return clap_answer(&answer),
    };
    match run(cli) {
        Ok(code) => code,
        Err(error) if error.is::<NotATerminal>() => {
            say(&error.to_string());
            ExitCode::from(2)
        }
        Err(error) if error.is::<MarksNotSaved>() => {
            say(&format!("liseuse: {error}"));
            ExitCode::from(MarksNotSaved::EXIT_STATUS)
        }
        Err(error) => {
            say(&format!("liseuse: {error:#}"));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if cli.print_config {
        to_stdout(|out| out.write_all(config::DEFAULT_CONFIG.as_bytes()))?;
        return Ok(ExitCode::SUCCESS);
    }
    if cli.man {
        to_stdout(|out| clap_mangen::Man::new(Cli::command()).render(out))?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(shell) = cli.completions {
        // clap_complete panics when it cannot write: the script is made in memory first.
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "liseuse", &mut script);
        to_stdout(|out| out.write_all(&script))?;
        return Ok(ExitCode::SUCCESS);
    }
    let config = config::load(cli.config.as_deref())?;
    if let Some(path) = &cli.print {
        let article = article_at(path, "print")?;
        // At the measure, like the reading pane, when the terminal is wider.
        let typesetting = config.reader.typesetting(print_width(), false, article.language);
        to_stdout(|out| cli::write_article(&article, &typesetting, print_markup(), out))?;
        return Ok(ExitCode::SUCCESS);
    }
    let printing = cli.list || cli.timeline || cli.filter.is_some() || cli.related.is_some();
    if cli.check || printing {
        // The reader shows them in its status line instead.
        for warning in &config.warnings {
            eprintln!("liseuse: {}", sanitize_line(warning));
        }
    }
    let paths = paths_to_read(cli.paths, &config);
    if cli.check {
        let findings = check::check(&paths);
        to_stdout(|out| findings.iter().try_for_each(|finding| writeln!(out, "{finding}")))?;
        let skipped = findings
            .iter()
            .any(|finding| matches!(finding, check::Finding::Skipped(_)));
        return Ok(if skipped {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    if let Some(path) = &cli.related {
        return related(path, &paths);
    }
    if printing {
        let articles = load(&paths);
        if let Some(query) = &cli.filter {
            let matches = match cli::filter(&articles, query) {
                Ok(matches) => matches,
                Err(error) => {
                    say(&format!("liseuse: {error}"));
                    return Ok(ExitCode::from(2));
                }
            };
            if cli.timeline {
                to_stdout(|out| cli::write_timeline(matches.iter().copied(), out))?;
                return Ok(ExitCode::SUCCESS);
            }
            to_stdout(|out| cli::write_list(matches.iter().copied(), out))?;
            return Ok(if matches.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        if cli.timeline {
            to_stdout(|out| cli::write_timeline(&articles, out))?;
        } else {
            to_stdout(|out| cli::write_list(&articles, out))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let library = if paths.is_empty() {
        Library::Bundled
    } else {
        Library::Paths(paths)
    };
    Ok(match tui::run(library, &config)? {
        Ended::Quit => ExitCode::SUCCESS,
        Ended::Signal(signal) => u8::try_from(128 + signal).map_or(ExitCode::FAILURE, ExitCode::from),
    })
}

/// `--related PATH [ARCHIVE]...`: the archive's articles related to the one at `path`,
/// which need not be in it.
fn related(path: &Path, paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let article = article_at(path, "find the articles related to")?;
    let mut articles = load(paths);
    let mut keys: Vec<ContentKey> = articles.iter().map(store::content_key).collect();
    let key = store::content_key(&article);
    let of = match keys.iter().position(|&loaded| loaded == key) {
        Some(of) => of,
        None => {
            articles.push(article);
            keys.push(key);
            articles.len() - 1
        }
    };
    let index_dir = (!paths.is_empty())
        .then(|| loader::full_text_dir(paths))
        .flatten();
    let (mut full_text, note) = FullText::open_or_in_memory(index_dir.as_deref())?;
    if let Some(note) = note {
        say(&format!("liseuse: {note}"));
    }
    // Another liseuse updating the index leaves it searchable as it is.
    if let Err(problem) = full_text.sync(keys.iter().copied().zip(&articles)) {
        say(&format!("liseuse: related by the index as it is: {problem}"));
    }
    let related = cli::related(&articles, &keys, of, Some(&full_text.searcher()))?;
    to_stdout(|out| cli::write_list(related.iter().copied(), out))?;
    Ok(if related.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What clap says instead of running: help and version on stdout, a usage error on stderr,
/// with clap's exit status. Without clap's colours: the plain text can be sanitised, and
/// an argument repeated in an error can hold escape sequences.
fn clap_answer(answer: &clap::Error) -> ExitCode {
    let text = answer.render().to_string();
    if answer.use_stderr() {
        say(text.trim_end());
    } else if let Err(error) = to_stdout(|out| out.write_all(sanitize(&text).as_bytes())) {
        say(&format!("liseuse: {error:#}"));
        return ExitCode::from(2);
    }
    u8::try_from(answer.exit_code()).map_or(ExitCode::FAILURE, ExitCode::from)
}

/// Writes to standard output with `write`, then flushes. A reader that went away (`| head`)
/// is no failure: it had what it wanted.
fn to_stdout(write: impl FnOnce(&mut io::StdoutLock<'static>) -> io::Result<()>) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        written => written.context("could not write to standard output"),
    }
}

/// A message for the user on stderr, on a line of its own, sanitised: messages repeat file
/// names, arguments and settings. Should stderr fail too, there is nowhere left to say it.
fn say(message: &str) {
    let _ = writeln!(io::stderr(), "{}", sanitize(message));
}

/// The paths of the command line, or else the config's library; empty: the samples.
fn paths_to_read(command_line: Vec<PathBuf>, config: &Config) -> Vec<PathBuf> {
    if command_line.is_empty() {
        config.library.clone()
    } else {
        command_line
    }
}

/// The articles of `paths` (`-`: standard input), or the bundled ones; each skipped file,
/// or broken record, reported on stderr.
fn load(paths: &[PathBuf]) -> Vec<Article> {
    if paths.is_empty() {
        return loader::load_bundled();
    }
    let (articles, warnings) = loader::load_paths(paths);
    warnings.iter().for_each(report);
    articles
}

fn report(warning: &LoadWarning) {
    say(&format!("liseuse: skipped {warning}"));
}

/// A file on disk, or else one of the bundled samples by the path `--list` gives them.
/// The article at `path` (a file, `path#N`, or a bundled one), for `doing` to it.
fn article_at(path: &Path, doing: &str) -> anyhow::Result<Article> {
    let bundled = || {
        loader::load_bundled()
            .into_iter()
            .find(|article| article.path == path)
    };
    if let Some(article) = (!path.exists()).then(bundled).flatten() {
        return Ok(article);
    }
    // The reason alone: the path is said once, and the reason already holds its cause.
    loader::read_article(path).map_err(|error| {
        anyhow::anyhow!(
            "cannot {doing} {}: {}",
            sanitize_line(&path.to_string_lossy()),
            error.reason()
        )
    })
}

fn print_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<usize>().ok())
        .filter(|&columns| columns > 0)
        .unwrap_or(80)
}

fn print_markup() -> Markup {
    if !io::stdout().is_terminal() {
        Markup::Plain
    } else if liseuse::theme::no_color() {
        Markup::Attributes
    } else {
        Markup::Colour
    }
}
