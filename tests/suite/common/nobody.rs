//! Permissions as a user meets them where the tests run as root, as CI does: root reads and
//! writes past any mode, so what a mode should refuse is done as nobody, through `setpriv`.

use std::process::Command;

/// What makes the rest of a command line run as nobody, in no group but nogroup.
const SETPRIV_NOBODY: [&str; 4] = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

pub fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|process| process.uid() == 0)
}

/// The command line that runs `program` so that modes apply to it: as nobody when the tests
/// run as root, else as it is. `None`, after saying `test` is skipped, where root cannot drop
/// its rights (no `setpriv`).
pub fn command_line(program: &str, test: &str) -> Option<Vec<String>> {
    if !running_as_root() {
        return Some(vec![program.to_owned()]);
    }
    let drops = Command::new(SETPRIV_NOBODY[0])
        .args(&SETPRIV_NOBODY[1..])
        .arg("true")
        .status()
        .is_ok_and(|status| status.success());
    if !drops {
        eprintln!("SKIPPED {test}: running as root, and setpriv cannot run a program as nobody here");
        return None;
    }
    Some(
        SETPRIV_NOBODY
            .iter()
            .map(|arg| arg.to_string())
            .chain([program.to_owned()])
            .collect(),
    )
}

/// For a test whose subject runs in the test's own process. As root, runs the test `name` of
/// the module `module` (its `module_path!()`) again, as nobody, in a child process, and fails
/// if it fails there; returns true, the test done (or skipped, and said so). Not as root,
/// returns false: the caller goes on.
pub fn ran_as_nobody(module: &str, name: &str) -> bool {
    if !running_as_root() {
        return false;
    }
    // The test binary names its tests from below its crate: `loader::name`, not `suite::…`.
    let in_binary = module.split_once("::").map_or("", |(_, path)| path);
    let test = &format!("{in_binary}::{name}");
    let this_test_binary = std::env::current_exe().expect("the test binary");
    let Some(command) = command_line(&this_test_binary.to_string_lossy(), test) else {
        return true;
    };
    let output = Command::new(&command[0])
        .args(&command[1..])
        .args([test, "--exact", "--test-threads=1"])
        .current_dir("/")
        .output()
        .expect("run the test binary as nobody");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success() && report.contains("test result: ok. 1 passed"),
        "{test}, run again as nobody:\n{report}"
    );
    true
}
