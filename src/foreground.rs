//! The program that has the terminal while the reader waits for it (a pager, an editor):
//! SIGTERM or SIGHUP sent to the reader reaches it too, and Ctrl-c typed in it is its own.

use std::io;
use std::process::{Child, Command, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGINT, SIGTERM};

/// Shared by the event loop, which runs the program, and the thread that takes the signals.
#[derive(Debug, Clone, Default)]
pub struct Foreground {
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    /// Notified when the program has ended.
    ended: Condvar,
}

#[derive(Debug, Default)]
struct State {
    /// The program that has the terminal, from its start until it has ended; not reaped
    /// before it is taken off, so its process id is never another process's.
    running: Option<u32>,
    /// The signal the reader is leaving on.
    leaving_on: Option<i32>,
    /// The processes the program started that a signal was passed on to.
    signalled_descendants: Vec<u32>,
}

/// How long the program has to end by itself before the signal is passed on: a terminal
/// that hangs up sends SIGHUP to the whole foreground process group, the program included,
/// and a second one could cut short what it does on the first (vim saving its swap file).
const OWN_END: Duration = Duration::from_millis(500);

/// How long the reader waits for the processes the program started, once it has ended
/// itself: they may be restoring the terminal's modes, which restoring it now would race.
const DESCENDANTS_END: Duration = Duration::from_secs(1);

impl Foreground {
    /// Runs `command`, hands the started child to `feed` (to write its standard input), and
    /// waits until it ends. `None`: the reader is leaving, and the program was not started.
    pub fn run(
        &self,
        command: &mut Command,
        feed: impl FnOnce(&mut Child),
    ) -> io::Result<Option<ExitStatus>> {
        let mut child = {
            let mut state = self.state();
            if state.leaving_on.is_some() {
                return Ok(None);
            }
            // Started and registered at once, so a signal in between cannot miss it.
            let child = command.spawn()?;
            state.running = Some(child.id());
            child
        };
        feed(&mut child);
        let ended = wait_without_reaping(child.id());
        let descendants = {
            let mut state = self.state();
            state.running = None;
            std::mem::take(&mut state.signalled_descendants)
        };
        self.shared.ended.notify_all();
        wait_until_ended(&descendants, DESCENDANTS_END);
        ended?;
        child.wait().map(Some)
    }

    /// The reader was sent `signal`; says whether it leaves. A SIGINT from the terminal is
    /// Ctrl-c typed in a program that has it (in raw mode Ctrl-c is a key), and is that
    /// program's; one sent by `kill` is the reader's, like SIGTERM.
    pub fn leave(&self, signal: i32) -> bool {
        if signal == SIGINT && !SIGINT_FROM_A_PROCESS.load(Ordering::SeqCst) {
            return false;
        }
        self.state().leaving_on.get_or_insert(signal);
        true
    }

    /// The signal the reader is leaving on, if it is.
    pub fn leaving_on(&self) -> Option<i32> {
        self.state().leaving_on
    }

    /// Passes `signal` on to the program that has the terminal and to what it started,
    /// unless it ends by itself first: SIGTERM ends it, SIGHUP hangs it up, as they would
    /// have the reader. A SIGINT goes as SIGTERM: pagers take SIGINT for stopping a search.
    pub fn pass_on(&self, signal: i32) {
        let signal = if signal == SIGINT { SIGTERM } else { signal };
        let state = self.state();
        let (mut state, _) = self
            .shared
            .ended
            .wait_timeout_while(state, OWN_END, |state| state.running.is_some())
            .unwrap_or_else(PoisonError::into_inner);
        let Some(child) = state.running else {
            return;
        };
        // The whole tree: `sh -c less` need not exec less, and a shell ended by the signal
        // would leave its pager running on the terminal.
        let tree = process_tree(child);
        for &pid in &tree {
            if let Ok(pid) = libc::pid_t::try_from(pid) {
                // SAFETY: kill(2) touches no memory of ours. The child is not reaped while
                // `state` is held, so its id names no other process; its descendants' ids
                // were read just now.
                unsafe { libc::kill(pid, signal) };
            }
        }
        state.signalled_descendants = tree[1..].to_vec();
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.shared.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `pid` and every process descended from it, parents first, as Linux lists them; `pid`
/// alone where /proc does not say.
fn process_tree(pid: u32) -> Vec<u32> {
    let mut tree = vec![pid];
    let mut next = 0;
    while let Some(&parent) = tree.get(next) {
        tree.extend(children(parent));
        next += 1;
    }
    tree
}

/// Waits until none of `processes` runs any more, or `patience` has passed.
fn wait_until_ended(processes: &[u32], patience: Duration) {
    let start = Instant::now();
    while processes.iter().any(|&pid| is_running(pid)) && start.elapsed() < patience {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Whether process `pid` runs: it exists, and is not a zombie left to be reaped.
fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(") ")
            .is_some_and(|(_, fields)| !fields.starts_with(['Z', 'X']))
    })
}

/// The children of process `pid`: each of its threads lists those it started.
fn children(pid: u32) -> Vec<u32> {
    let Ok(threads) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    threads
        .flatten()
        .filter_map(|thread| std::fs::read_to_string(thread.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|child| child.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

/// Whether the last SIGINT was sent by a process (`kill`) rather than by the terminal.
static SIGINT_FROM_A_PROCESS: AtomicBool = AtomicBool::new(false);

/// Notes where each SIGINT comes from, for [`Foreground::leave`]; to be called before any
/// other SIGINT handler is registered, so the note is taken before they run.
pub fn note_where_sigint_comes_from() -> io::Result<()> {
    let note = |info: &libc::siginfo_t| {
        SIGINT_FROM_A_PROCESS.store(info.si_code != libc::SI_KERNEL, Ordering::SeqCst);
    };
    // SAFETY: the action only stores to an atomic, which is async-signal-safe.
    unsafe { signal_hook_registry::register_sigaction(SIGINT, note) }?;
    Ok(())
}

/// Waits until process `pid`, a child, has ended, and leaves it to be reaped.
fn wait_without_reaping(pid: u32) -> io::Result<()> {
    loop {
        // SAFETY: an all-zero siginfo_t is a valid value, and waitid(2) writes only into
        // `info`, which outlives the call.
        let waited = unsafe {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            libc::waitid(libc::P_PID, pid, &mut info, libc::WEXITED | libc::WNOWAIT)
        };
        if waited == 0 {
            return Ok(());
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}
