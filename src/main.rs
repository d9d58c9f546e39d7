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
use liseuse::loader::{self, LoadWarning};
use liseuse::sanitize::sanitize_line;
use liseuse::tui::{self, Library, NotATerminal};

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

    /// Print the articles matching QUERY (fzf syntax), best first; exit 1 when none match.
    #[arg(long, value_name = "QUERY", conflicts_with = "print")]
    filter: Option<String>,

    /// Print one article as the reading pane shows it, wrapped to $COLUMNS or 80 columns;
    /// `path#N` prints the N-th article of a file holding many, as `--list` shows it.
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) if error.is::<NotATerminal>() => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("liseuse: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    if cli.print_config {
        out.write_all(config::DEFAULT_CONFIG.as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if cli.man {
        clap_mangen::Man::new(Cli::command()).render(&mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(shell) = cli.completions {
        clap_complete::generate(shell, &mut Cli::command(), "liseuse", &mut out);
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(path) = &cli.print {
        let article = article_to_print(path)?;
        cli::write_article(&article, print_width(), print_markup(), &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let config = config::load(cli.config.as_deref())?;
    let paths = paths_to_read(cli.paths, &config);
    if cli.check {
        let findings = check::check(&paths);
        for finding in &findings {
            writeln!(out, "{finding}")?;
        }
        out.flush()?;
        let skipped = findings
            .iter()
            .any(|finding| matches!(finding, check::Finding::Skipped(_)));
        return Ok(if skipped {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    if cli.list || cli.filter.is_some() {
        let articles = load(&paths);
        if let Some(query) = &cli.filter {
            let matches = cli::write_filtered(&articles, query, &mut out)?;
            out.flush()?;
            return Ok(if matches == 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        cli::write_list(&articles, &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    drop(out);
    let library = if paths.is_empty() {
        Library::Bundled
    } else {
        Library::Paths(paths)
    };
    tui::run(library, &config)?;
    Ok(ExitCode::SUCCESS)
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
    eprintln!("liseuse: skipped {warning}");
}

/// A file on disk, or else one of the bundled samples by the path `--list` gives them.
fn article_to_print(path: &Path) -> anyhow::Result<Article> {
    let bundled = || {
        loader::load_bundled()
            .into_iter()
            .find(|article| article.path == path)
    };
    if let Some(article) = (!path.exists()).then(bundled).flatten() {
        return Ok(article);
    }
    loader::read_article(path)
        .with_context(|| format!("cannot print {}", sanitize_line(&path.to_string_lossy())))
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
    } else if liseuse::ui::theme::no_color() {
        Markup::Attributes
    } else {
        Markup::Colour
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<io::Error>()
        .is_some_and(|error| error.kind() == io::ErrorKind::BrokenPipe)
}
