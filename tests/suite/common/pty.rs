//! The real binary in a pseudo-terminal, its screen read back through a vt100 parser, as a
//! user at a terminal would see it: for the end-to-end tests.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub output: Arc<Mutex<Vec<u8>>>,
    /// Set once the terminal is closed on the program's side and all it wrote is read.
    output_ended: Arc<AtomicBool>,
    pub writer: Arc<Mutex<Box<dyn Write + Send>>>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// The session's own config, cache and data folders.
    _home: Arc<tempfile::TempDir>,
}

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        let home = Arc::new(tempfile::tempdir().expect("tempdir"));
        Self::start_at_home(home, args, cols, rows, env)
    }

    /// Runs `program` (a shell, say) instead of liseuse itself.
    pub fn start_command(program: &str, args: &[&str], cols: u16, rows: u16) -> Self {
        let home = Arc::new(tempfile::tempdir().expect("tempdir"));
        Self::spawn(program, home, args, cols, rows, &[])
    }

    /// Starts with the config, cache and data folders of `home`, so a restart finds them.
    pub fn start_at_home(
        home: Arc<tempfile::TempDir>,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Self {
        Self::spawn(env!("CARGO_BIN_EXE_liseuse"), home, args, cols, rows, env)
    }

    pub fn spawn(
        program: &str,
        home: Arc<tempfile::TempDir>,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.cwd(std::env::temp_dir());
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        command.env("HOME", home.path());
        for (variable, folder) in [
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_DATA_HOME", "data"),
        ] {
            command.env(variable, home.path().join(folder));
        }
        command.env_remove("LISEUSE_CACHE_DIR");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn liseuse");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let output = Arc::new(Mutex::new(Vec::new()));
        let output_ended = Arc::new(AtomicBool::new(false));
        let (parser_feed, output_feed, ended) = (parser.clone(), output.clone(), output_ended.clone());
        thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(read) = reader.read(&mut chunk) {
                if read == 0 {
                    break;
                }
                parser_feed.lock().unwrap().process(&chunk[..read]);
                output_feed.lock().unwrap().extend_from_slice(&chunk[..read]);
            }
            ended.store(true, Ordering::SeqCst);
        });
        Self {
            parser,
            output,
            output_ended,
            writer: Arc::new(Mutex::new(writer)),
            child,
            _master: pair.master,
            _home: home,
        }
    }

    /// Gives the terminal a new size, as a window resized does (SIGWINCH to the program).
    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().screen_mut().set_size(rows, cols);
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// The CPU time the program has used so far, in clock ticks (user and system).
    pub fn cpu_ticks(&self) -> u64 {
        let pid = self.child.process_id().expect("pid");
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the program's stat");
        // The fields after the command's name, which is in parentheses and may hold spaces.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .expect("a stat line")
            .1
            .split_whitespace()
            .collect();
        // utime and stime are the 14th and 15th fields; the 3rd is the first after the name.
        fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime")
    }

    pub fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).expect("type");
        writer.flush().expect("flush");
    }

    /// Bytes the program has read so far, from its terminal and anything else: `rchar` in
    /// `/proc/<pid>/io`.
    fn bytes_read(&self) -> u64 {
        let pid = self.child.process_id().expect("pid");
        std::fs::read_to_string(format!("/proc/{pid}/io"))
            .ok()
            .and_then(|io| {
                io.lines()
                    .find_map(|line| line.strip_prefix("rchar: ")?.trim().parse().ok())
            })
            .expect("rchar in /proc/<pid>/io")
    }

    /// Types `keys` and waits until the program has read as many bytes; true when it read
    /// exactly those meanwhile, so read them apart from whatever is typed next.
    pub fn send_and_wait_read(&mut self, keys: &str) -> bool {
        let before = self.bytes_read();
        self.send(keys);
        let start = Instant::now();
        loop {
            let read = self.bytes_read() - before;
            if read >= keys.len() as u64 {
                return read == keys.len() as u64;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "{keys:?} never read:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(1));
        }
    }

    /// Types `keys` from another thread: a program that stops reading its terminal then
    /// makes the test fail on its timeouts rather than hang on a full input buffer.
    pub fn send_in_background(&self, keys: String) {
        let writer = self.writer.clone();
        thread::spawn(move || {
            let mut writer = writer.lock().unwrap();
            let _ = writer.write_all(keys.as_bytes()).and_then(|()| writer.flush());
        });
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `ready`, failing with the screen after a timeout.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                self.wait_for_output_end();
                return status.exit_code();
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "liseuse did not exit:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until every byte the program wrote has been read: its last words, such as
    /// leaving the alternate screen, may still be in flight when it has exited.
    fn wait_for_output_end(&self) {
        let start = Instant::now();
        while !self.output_ended.load(Ordering::SeqCst) {
            assert!(
                start.elapsed() < TIMEOUT,
                "the terminal stayed open after the program exited"
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Everything the program has written so far, lossily as text.
    pub fn output_text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// Waits until everything written so far satisfies `ready`, failing with the screen
    /// after a timeout; gives that output, lossily as text.
    pub fn wait_for_output(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let output = self.output_text();
            if ready(&output) {
                return output;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the program has taken the alternate screen `times` times: once at
    /// start, and again each time it comes back from a pager, an editor or the shell.
    pub fn wait_for_screen_taken(&self, times: usize) {
        self.wait_for_output(&format!("the screen taken {times} times"), |output| {
            output.matches("\x1b[?1049h").count() >= times
        });
    }

    pub fn assert_terminal_restored(&self) {
        assert!(
            !self.parser.lock().unwrap().screen().alternate_screen(),
            "alternate screen left"
        );
        let output = self.output.lock().unwrap();
        let text = String::from_utf8_lossy(&output);
        let entered = text
            .rfind("\x1b[?1049h")
            .expect("the reader used the alternate screen");
        let left = text.rfind("\x1b[?1049l").expect("the alternate screen was left");
        assert!(left > entered);
        assert!(
            text.rfind("\x1b[?25h").is_some_and(|shown| shown > entered),
            "cursor shown again"
        );
    }
}
