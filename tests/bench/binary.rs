//! The real release binary: the reader in a pseudo-terminal, timed from process start to
//! the first frame with articles in it and to the end of loading, with its peak memory read
//! from `/proc` once its full-text index is built and until it exits; and `--list` under
//! `/usr/bin/time -v`.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const COLUMNS: u16 = 120;
pub const ROWS: u16 = 40;

/// Long enough for 100 000 articles on a slow disk; a run that takes longer is reported.
const TIMEOUT: Duration = Duration::from_secs(180);

/// What one run of the reader showed, and when.
#[derive(Debug, Default)]
pub struct ReaderRun {
    /// From spawning the process to a screen whose status line counts articles.
    pub first_frame: Option<Duration>,
    /// To a status line with every article and no `loading…`: the whole list, sorted.
    pub loaded: Option<Duration>,
    /// To one with no `checking files…` either: a warm start's check of the files over.
    pub checked: Option<Duration>,
    /// VmHWM once loaded and the full-text index built, in bytes; `None` when unread.
    pub peak_indexed: Option<u64>,
    /// With a filter: the highest VmHWM read until the process exited, the filter typed and
    /// its ranking over, in bytes; `None` when unread.
    pub peak_filtered: Option<u64>,
}

#[derive(Default)]
struct Seen {
    first_frame: Option<Instant>,
    loaded: Option<Instant>,
    checked: Option<Instant>,
    status: String,
}

/// The first `position/count` on the status line: ` 1/10000 of 20000` gives (1, 10000).
pub fn status_counts(status: &str) -> Option<(usize, usize)> {
    status.split_whitespace().find_map(|word| {
        let (position, count) = word.split_once('/')?;
        Some((position.parse().ok()?, count.parse().ok()?))
    })
}

struct Session {
    seen: Arc<Mutex<Seen>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// This run's own data and config folders: no marks, session or config carried over.
    _home: tempfile::TempDir,
}

impl Session {
    fn start(
        binary: &Path,
        corpus: &Path,
        cache_dir: &Path,
        articles: usize,
    ) -> anyhow::Result<(Self, Instant)> {
        let pair = native_pty_system().openpty(PtySize {
            rows: ROWS,
            cols: COLUMNS,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut command = CommandBuilder::new(binary);
        command.arg(corpus);
        command.cwd(std::env::temp_dir());
        command.env("TERM", "xterm-256color");
        command.env("LISEUSE_CACHE_DIR", cache_dir);
        let home = tempfile::tempdir()?;
        command.env("XDG_DATA_HOME", home.path().join("data"));
        command.env("XDG_CONFIG_HOME", home.path().join("config"));
        command.env_remove("NO_COLOR");
        let seen = Arc::new(Mutex::new(Seen::default()));
        let mut reader = pair.master.try_clone_reader()?;
        let writer = pair.master.take_writer()?;
        let feed = seen.clone();
        let start = Instant::now();
        let child = pair.slave.spawn_command(command)?;
        drop(pair.slave);
        // The screen is parsed as the bytes arrive, so the moment it first shows a count
        // is taken when those bytes are read, not at the next poll.
        thread::spawn(move || {
            let mut parser = vt100::Parser::new(ROWS, COLUMNS, 0);
            let mut chunk = [0u8; 65536];
            while let Ok(read) = reader.read(&mut chunk) {
                if read == 0 {
                    break;
                }
                parser.process(&chunk[..read]);
                let now = Instant::now();
                let status = parser.screen().rows(0, COLUMNS).last().unwrap_or_default();
                let Ok(mut seen) = feed.lock() else { break };
                if let Some((_, count)) = status_counts(&status) {
                    if count > 0 && seen.first_frame.is_none() {
                        seen.first_frame = Some(now);
                    }
                    if count == articles && !status.contains("loading") && seen.loaded.is_none() {
                        seen.loaded = Some(now);
                    }
                    if seen.loaded.is_some() && !status.contains("checking") && seen.checked.is_none() {
                        seen.checked = Some(now);
                    }
                }
                seen.status = status;
            }
        });
        Ok((
            Self {
                seen,
                writer,
                child,
                _master: pair.master,
                _home: home,
            },
            start,
        ))
    }

    fn wait_for(&self, what: &str, ready: impl Fn(&Seen) -> bool) -> anyhow::Result<()> {
        let start = Instant::now();
        loop {
            {
                let seen = self
                    .seen
                    .lock()
                    .map_err(|_| anyhow::anyhow!("reader thread panicked"))?;
                if ready(&seen) {
                    return Ok(());
                }
                if start.elapsed() > TIMEOUT {
                    anyhow::bail!(
                        "timed out waiting for {what}; status line: {}",
                        seen.status.trim()
                    );
                }
            }
            thread::sleep(Duration::from_millis(2));
        }
    }

    fn send(&mut self, keys: &str) -> anyhow::Result<()> {
        self.writer.write_all(keys.as_bytes())?;
        self.writer.flush()?;
        Ok(())
    }

    fn peak_rss(&self) -> Option<u64> {
        vm_hwm(self.child.process_id()?)
    }

    /// Waits until the reader has used no CPU for [`QUIET`]: its work in the background
    /// (skim's ranking, which has no mark on screen) is over.
    fn wait_idle(&self) -> anyhow::Result<()> {
        let pid = self.child.process_id().context("no process id")?;
        let ticks = || cpu_ticks(pid).context("no CPU times in /proc");
        let start = Instant::now();
        let (mut last, mut quiet_since) = (ticks()?, Instant::now());
        while quiet_since.elapsed() < QUIET {
            anyhow::ensure!(start.elapsed() < TIMEOUT, "the reader never went idle");
            thread::sleep(Duration::from_millis(10));
            let now = ticks()?;
            if now != last {
                (last, quiet_since) = (now, Instant::now());
            }
        }
        Ok(())
    }

    /// Quits with Ctrl-c and waits for the process to end, reading its VmHWM until it is
    /// gone; returns the highest read, `None` when none could be.
    fn quit(mut self) -> Option<u64> {
        let mut peak = self.peak_rss();
        let _ = self.send("\x03");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            // A process that has exited but is not yet reaped has no VmHWM any more.
            peak = peak.max(self.peak_rss());
            if let Ok(Some(_)) = self.child.try_wait() {
                return peak;
            }
            thread::sleep(Duration::from_millis(1));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        peak
    }
}

/// How long the reader must use no CPU to be taken for idle.
const QUIET: Duration = Duration::from_millis(200);

/// Runs the reader over `corpus` until every article is loaded and its full-text index
/// built; with `filter`, then types it, waits for its ranking to be over, and quits, the
/// peak memory read until the process is gone.
pub fn run_reader(
    binary: &Path,
    corpus: &Path,
    cache_dir: &Path,
    articles: usize,
    filter: Option<&str>,
) -> anyhow::Result<ReaderRun> {
    let (mut session, start) = Session::start(binary, corpus, cache_dir, articles)?;
    let result = (|| {
        session.wait_for("the first frame", |seen| seen.first_frame.is_some())?;
        session.wait_for("every article loaded", |seen| seen.loaded.is_some())?;
        session.wait_for("the files checked", |seen| seen.checked.is_some())?;
        let mut run = ReaderRun::default();
        {
            let seen = session
                .seen
                .lock()
                .map_err(|_| anyhow::anyhow!("reader thread panicked"))?;
            run.first_frame = seen.first_frame.map(|at| at - start);
            run.loaded = seen.loaded.map(|at| at - start);
            run.checked = seen.checked.map(|at| at - start);
        }
        // The index is built after loading, unseen but in the full-text scope's status.
        session.send("/\x14")?;
        session.wait_for("the full-text index built", |seen| {
            seen.status.contains("full text") && !seen.status.contains("indexing")
        })?;
        run.peak_indexed = session.peak_rss();
        session.send("\x14\x1b")?;
        session.wait_for("the list again", |seen| !seen.status.contains("full text"))?;
        if let Some(filter) = filter {
            session.send("/")?;
            session.send(filter)?;
            session.send("\r")?;
            session.wait_for("the filtered list", |seen| {
                seen.status.contains(" of ") && seen.status.contains(&format!("/{filter}"))
            })?;
            session.wait_idle()?;
        }
        Ok(run)
    })();
    let peak_at_exit = session.quit();
    result.map(|run| ReaderRun {
        peak_filtered: filter.and(peak_at_exit),
        ..run
    })
}

/// The CPU time a process has used so far, all its threads, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name: state, then 10 fields before utime and stime.
    let (_, fields) = stat.rsplit_once(") ")?;
    let mut times = fields.split_whitespace().skip(11);
    let user: u64 = times.next()?.parse().ok()?;
    let system: u64 = times.next()?.parse().ok()?;
    Some(user + system)
}

/// The peak resident set of a running process, from `/proc/<pid>/status`.
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// `liseuse --list` over `corpus` under `/usr/bin/time -v`: wall time and peak RSS (`None`
/// when GNU time's report has none), or `None` when GNU time is not installed.
pub fn run_list(
    binary: &Path,
    corpus: &Path,
    cache_dir: &Path,
) -> anyhow::Result<Option<(Duration, Option<u64>)>> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return Ok(None);
    }
    let start = Instant::now();
    let output = Command::new(time)
        .arg("-v")
        .arg(binary)
        .arg("--list")
        .arg(corpus)
        .env("LISEUSE_CACHE_DIR", cache_dir)
        .env("XDG_CONFIG_HOME", cache_dir.join("config"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()?;
    let elapsed = start.elapsed();
    anyhow::ensure!(
        output.status.success(),
        "liseuse --list failed: {}",
        output.status
    );
    let report = String::from_utf8_lossy(&output.stderr);
    let kib = report
        .lines()
        .find_map(|line| line.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|value| value.trim().parse::<u64>().ok());
    Ok(Some((elapsed, kib.map(|kib| kib * 1024))))
}
