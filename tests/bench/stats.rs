//! Samples, their median and 95th percentile, and the table the figures are printed in.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// A figure that takes longer than this once is "costly": it is repeated fewer times.
const COSTLY: Duration = Duration::from_millis(150);
pub const CHEAP_RUNS: usize = 20;
pub const COSTLY_RUNS: usize = 5;

/// Repeated measurements of one figure, in whatever unit it counts.
#[derive(Debug, Clone, Default)]
pub struct Samples(Vec<f64>);

impl Samples {
    pub fn push(&mut self, value: f64) {
        self.0.push(value);
    }

    pub fn push_duration(&mut self, duration: Duration) {
        self.0.push(duration.as_secs_f64() * 1e3);
    }

    pub fn extend(&mut self, other: &Samples) {
        self.0.extend_from_slice(&other.0);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn sorted(&self) -> Vec<f64> {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        sorted
    }

    /// The nearest-rank percentile: a value that was actually measured.
    pub fn percentile(&self, percent: f64) -> f64 {
        let sorted = self.sorted();
        if sorted.is_empty() {
            return f64::NAN;
        }
        let rank = ((percent / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }

    pub fn median(&self) -> f64 {
        self.percentile(50.0)
    }

    pub fn p95(&self) -> f64 {
        self.percentile(95.0)
    }

    pub fn best(&self) -> f64 {
        self.sorted().first().copied().unwrap_or(f64::NAN)
    }
}

/// Runs `work` 20 times, or 5 when one run is costly; each run's set-up (`prepare`) is
/// not timed. Returns the times in milliseconds.
pub fn time_runs<T, R>(mut prepare: impl FnMut() -> T, mut work: impl FnMut(T) -> R) -> Samples {
    let mut samples = Samples::default();
    let mut runs = CHEAP_RUNS;
    while samples.len() < runs {
        let input = prepare();
        let start = Instant::now();
        let output = work(input);
        let elapsed = start.elapsed();
        drop(std::hint::black_box(output));
        if samples.is_empty() && elapsed > COSTLY {
            runs = COSTLY_RUNS;
        }
        samples.push_duration(elapsed);
    }
    samples
}

/// Whether a figure meets its target; targets are printed, never asserted.
pub fn verdict(met: bool) -> &'static str {
    if met { "OK" } else { "MISS" }
}

/// One size's figures, printed as a table once all are in.
#[derive(Default)]
pub struct Table {
    rows: Vec<[String; 5]>,
    notes: Vec<String>,
}

impl Table {
    /// A repeated figure in milliseconds.
    pub fn time(&mut self, figure: &str, samples: &Samples, target: &str) {
        self.rows.push([
            figure.to_owned(),
            ms(samples.median()),
            ms(samples.p95()),
            samples.len().to_string(),
            target.to_owned(),
        ]);
    }

    /// A figure given as is (a ratio, a size, a count), with no p95.
    pub fn value(&mut self, figure: &str, value: String, runs: usize, target: &str) {
        self.rows.push([
            figure.to_owned(),
            value,
            "".to_owned(),
            runs.to_string(),
            target.to_owned(),
        ]);
    }

    /// Repeated counts (bytes), median and p95.
    pub fn count(&mut self, figure: &str, samples: &Samples, target: &str) {
        self.rows.push([
            figure.to_owned(),
            format!("{:.0} B", samples.median()),
            format!("{:.0} B", samples.p95()),
            samples.len().to_string(),
            target.to_owned(),
        ]);
    }

    pub fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    pub fn render(&self) -> String {
        let header = ["figure", "median", "p95", "runs", "target"].map(str::to_owned);
        let widths: Vec<usize> = (0..5)
            .map(|column| {
                std::iter::once(&header)
                    .chain(&self.rows)
                    .map(|row| row[column].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in std::iter::once(&header).chain(&self.rows) {
            let _ = writeln!(
                out,
                "| {:<w0$} | {:>w1$} | {:>w2$} | {:>w3$} | {:<w4$} |",
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2],
                w3 = widths[3],
                w4 = widths[4],
            );
            if row == &header {
                let rule: Vec<String> = widths.iter().map(|&width| "-".repeat(width)).collect();
                let _ = writeln!(
                    out,
                    "| {} | {}: | {}: | {}: | {} |",
                    rule[0],
                    &rule[1][1..],
                    &rule[2][1..],
                    &rule[3][1..],
                    rule[4]
                );
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "- {note}");
        }
        out
    }
}

/// Milliseconds, with the precision that matters at that scale.
pub fn ms(value: f64) -> String {
    if value.is_nan() {
        "n/a".to_owned()
    } else if value < 10.0 {
        format!("{value:.2} ms")
    } else if value < 1000.0 {
        format!("{value:.1} ms")
    } else {
        format!("{:.2} s", value / 1e3)
    }
}

/// Bytes as a person reads them.
pub fn size(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.2} GiB", bytes / (1024.0 * 1024.0 * 1024.0))
    } else if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MiB", bytes / (1024.0 * 1024.0))
    } else {
        format!("{:.1} KiB", bytes / 1024.0)
    }
}
