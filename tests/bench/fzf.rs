//! fzf over the same articles, for comparison: one `fzf --filter` process per query as
//! typed, over a file of `title<TAB>names…` lines. Its times include starting the process
//! and reading the file, which an interactive fzf pays once, not per key.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use liseuse::article::Article;

use crate::stats::Samples;
use crate::typing::{QUERIES, prefixes};

/// fzf's version line, or `None` when it is not installed.
pub fn version() -> Option<String> {
    let output = Command::new("fzf").arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Writes the lines fzf filters: the title, then each name, tab-separated.
pub fn write_lines(articles: &[Article], path: &Path) -> io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    for article in articles {
        out.write_all(article.title.as_bytes())?;
        for name in &article.names {
            write!(out, "\t{name}")?;
        }
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Times `fzf --filter` for the query after each key of every query, up to `repeats`
/// times, but no new pass once `budget` is spent: each key is one sample already.
pub fn measure(lines: &Path, repeats: usize, budget: Duration) -> io::Result<Samples> {
    let mut samples = Samples::default();
    let queries: Vec<String> = QUERIES.iter().flat_map(|typed| prefixes(typed)).collect();
    let started = Instant::now();
    for _ in 0..repeats {
        if !samples.is_empty() && started.elapsed() > budget {
            break;
        }
        for query in &queries {
            let input = File::open(lines)?;
            let start = Instant::now();
            // Exit status 1 means no match, which is an answer too.
            Command::new("fzf")
                .arg("--filter")
                .arg(query)
                .stdin(input)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()?;
            samples.push_duration(start.elapsed());
        }
    }
    Ok(samples)
}

/// The size of the lines file, to say what fzf read.
pub fn file_size(path: &Path) -> u64 {
    fs::metadata(path).map_or(0, |meta| meta.len())
}
