//! Echo latency: from a key written to a pseudo-terminal to the first byte the program
//! writes back, the benchmark's queries typed a key at a time, each key once the screen
//! has settled from the one before. liseuse's filter line and an interactive fzf are
//! measured the same way, on the same lines.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use crate::binary::{COLUMNS, ROWS};
use crate::stats::Samples;
use crate::typing::{BACKSPACE, QUERIES};

/// How often the answer to a key is looked for: the figures' resolution.
const POLL: Duration = Duration::from_micros(100);
/// How long the screen must stay still for a key's answer to count as done.
const SETTLED: Duration = Duration::from_millis(40);
/// The longest a program may take to load, or to answer a key.
const TIMEOUT: Duration = Duration::from_secs(180);

#[derive(Default)]
struct Output {
    /// When the last bytes came.
    last_read: Option<Instant>,
    /// When the first bytes came since a key was typed, once the key is typed.
    first_since_key: Option<Option<Instant>>,
    screen: String,
}

/// A program in a pseudo-terminal, typed into.
pub struct Typist {
    output: Arc<Mutex<Output>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Typist {
    pub fn spawn(command: CommandBuilder) -> anyhow::Result<Self> {
        let pair = native_pty_system().openpty(PtySize {
            rows: ROWS,
            cols: COLUMNS,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let child = pair.slave.spawn_command(command)?;
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader()?;
        let writer = pair.master.take_writer()?;
        let output = Arc::new(Mutex::new(Output::default()));
        let feed = output.clone();
        thread::spawn(move || {
            let mut parser = vt100::Parser::new(ROWS, COLUMNS, 0);
            let mut chunk = [0u8; 65536];
            while let Ok(read) = reader.read(&mut chunk) {
                if read == 0 {
                    break;
                }
                let now = Instant::now();
                parser.process(&chunk[..read]);
                let Ok(mut output) = feed.lock() else { break };
                output.last_read = Some(now);
                if let Some(first @ None) = &mut output.first_since_key {
                    *first = Some(now);
                }
                output.screen = parser.screen().contents();
            }
        });
        Ok(Self {
            output,
            writer,
            child,
            _master: pair.master,
        })
    }

    fn output(&self) -> anyhow::Result<std::sync::MutexGuard<'_, Output>> {
        self.output
            .lock()
            .map_err(|_| anyhow::anyhow!("the reading thread panicked"))
    }

    /// Waits until the screen satisfies `ready`.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> anyhow::Result<()> {
        let start = Instant::now();
        while !ready(&self.output()?.screen) {
            anyhow::ensure!(start.elapsed() < TIMEOUT, "timed out waiting for {what}");
            thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }

    /// Waits until nothing has been written for [`SETTLED`].
    pub fn settle(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        loop {
            let last = self.output()?.last_read;
            if last.is_none_or(|at| at.elapsed() >= SETTLED) {
                return Ok(());
            }
            anyhow::ensure!(start.elapsed() < TIMEOUT, "the screen never settled");
            thread::sleep(Duration::from_millis(2));
        }
    }

    pub fn send(&mut self, keys: &str) -> anyhow::Result<()> {
        self.writer.write_all(keys.as_bytes())?;
        self.writer.flush()?;
        Ok(())
    }

    /// Types `key` and returns the time to the first byte written back.
    pub fn echo(&mut self, key: &str) -> anyhow::Result<Duration> {
        self.output()?.first_since_key = Some(None);
        let sent = Instant::now();
        self.send(key)?;
        loop {
            if let Some(Some(first)) = self.output()?.first_since_key {
                return Ok(first.saturating_duration_since(sent));
            }
            anyhow::ensure!(sent.elapsed() < TIMEOUT, "no answer to {key:?}");
            // Not a spin: on two cores a spinning thread takes one from the program timed,
            // which showed as echoes of 180 ms at 100 000 articles (p90) that a pty
            // script waiting in select() never saw (under 9 ms).
            thread::sleep(POLL);
        }
    }

    /// Types every key of the benchmark's queries, each once the screen has settled, from
    /// an empty line each time (`clear` empties it); the time of each key's echo.
    pub fn type_queries(&mut self, clear: &str) -> anyhow::Result<Samples> {
        let mut samples = Samples::default();
        for query in QUERIES {
            self.send(clear)?;
            self.settle()?;
            for key in query.chars() {
                let key = if key == BACKSPACE {
                    "\x7f".to_owned()
                } else {
                    key.to_string()
                };
                samples.push_duration(self.echo(&key)?);
                self.settle()?;
            }
        }
        Ok(samples)
    }

    pub fn quit(mut self, keys: &str) {
        let _ = self.send(keys);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
