//! liseuse's own files — its state, its lock, its config, its caches — when another reader,
//! a read-only disk or something in their place gets in the way: the real binary, in a
//! pseudo-terminal or on the command line, as a user meets it.

use crate::common;

use std::fs::{self, File};
use std::path::Path;
use std::sync::Arc;

use common::pty::Session;

/// A home of its own for sessions that must share it.
fn shared_home() -> Arc<tempfile::TempDir> {
    Arc::new(tempfile::tempdir().expect("tempdir"))
}

#[test]
fn a_star_saved_by_one_reader_survives_another_that_opened_the_article() {
    let home = shared_home();
    let mut first = Session::start_at_home(home.clone(), &[], 100, 30, &[]);
    let mut second = Session::start_at_home(home.clone(), &[], 100, 30, &[]);
    first.wait_for("the first reader's list", |screen| screen.contains("2 unread"));
    second.wait_for("the second reader's list", |screen| screen.contains("2 unread"));

    first.send("s");
    first.wait_for("the star", |screen| screen.contains('★'));
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    // The second reader opened before the star was saved, and never saw it.
    second.send("\r");
    second.wait_for("the article read", |screen| screen.contains("1 unread"));
    second.send("q");
    assert_eq!(second.wait_exit(), 0);

    let mut third = Session::start_at_home(home, &[], 100, 30, &[]);
    let screen = third.wait_for("the list", |screen| screen.contains("1 unread"));
    assert!(
        screen.contains('★'),
        "the first reader's star is kept with the second's read mark:\n{screen}"
    );
    third.send("q");
    assert_eq!(third.wait_exit(), 0);
}

/// The bundled samples at 100×30, with liseuse started by `command` (the program, then the
/// arguments before liseuse's own) in `home`.
fn start_as(command: &[String], home: &Arc<tempfile::TempDir>) -> Session {
    let args: Vec<&str> = command[1..].iter().map(String::as_str).collect();
    Session::spawn(&command[0], home.clone(), &args, 100, 30, &[])
}

/// How to start liseuse so that a folder without write permission stays unwritable to it:
/// as nobody where the tests run as root, which writes anywhere, `home` opened to nobody.
/// `None`, after saying `test` is skipped, where root cannot drop its rights.
fn without_root(home: &Path, test: &str) -> Option<Vec<String>> {
    set_mode(home, 0o755);
    common::nobody::command_line(env!("CARGO_BIN_EXE_liseuse"), test)
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Stars the first sample article in `home`, and quits.
fn star_first_article(home: &Arc<tempfile::TempDir>) {
    let mut session = Session::start_at_home(home.clone(), &[], 100, 30, &[]);
    session.wait_for("the list", |screen| screen.contains("2 unread"));
    session.send("s");
    session.wait_for("the star", |screen| screen.contains('★'));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn stars_saved_in_a_read_only_data_dir_are_shown_and_the_exit_says_nothing_was_kept() {
    let home = shared_home();
    star_first_article(&home);
    let test = "stars_saved_in_a_read_only_data_dir_are_shown_and_the_exit_says_nothing_was_kept";
    let Some(command) = without_root(home.path(), test) else {
        return;
    };
    let data = home.path().join("data/liseuse");
    set_mode(&data, 0o555);
    let mut reader = start_as(&command, &home);
    let screen = reader.wait_for("the warning", |screen| screen.contains("marks will not be kept"));
    assert!(screen.contains('★'), "the star saved before is shown:\n{screen}");
    reader.send("js");
    // The status line is drawn last: wait for it with the stars above it.
    reader.wait_for("a second star, the warning kept through other keys", |screen| {
        screen.matches('★').count() == 2
            && screen.contains("marks will not be kept")
            && screen.contains("Esc dismiss")
    });
    reader.send("q");
    assert_eq!(reader.wait_exit(), 3);
    reader.assert_terminal_restored();
    let screen = reader.screen();
    assert!(
        screen.contains("liseuse: the marks of this session were not saved"),
        "{screen}"
    );
    set_mode(&data, 0o755);
}

#[test]
fn a_read_only_home_keeps_its_warning_until_dismissed_and_the_exit_says_nothing_was_kept() {
    let home = shared_home();
    // No data folder can be made under a file: what a read-only home gives, even to root.
    let in_the_way = home.path().join("not-a-folder");
    fs::write(&in_the_way, "").expect("writes");
    let data_home = in_the_way.to_str().expect("utf-8");
    let mut reader = Session::start_at_home(home, &[], 100, 30, &[("XDG_DATA_HOME", data_home)]);
    reader.wait_for("the warning", |screen| {
        screen.contains("marks will not be kept: cannot create") && screen.contains("Esc dismiss")
    });
    reader.send("js");
    reader.wait_for("a star", |screen| screen.contains('★'));
    assert!(
        reader.screen().contains("marks will not be kept"),
        "{}",
        reader.screen()
    );
    reader.send("\x1b");
    reader.wait_for("the warning dismissed", |screen| {
        screen.contains("2/2") && !screen.contains("marks will not be kept")
    });
    reader.send("\r");
    reader.wait_for("the article open", |screen| screen.contains("1 unread"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 3);
    reader.assert_terminal_restored();
    let screen = reader.screen();
    assert!(
        screen.contains("liseuse: the marks of this session were not saved: cannot create"),
        "{screen}"
    );
}

/// Holds `state.lock` in `home` from this process, as another program would.
fn hold_the_lock(home: &Path) -> File {
    let lock = File::options()
        .write(true)
        .open(home.join("data/liseuse/state.lock"))
        .expect("the lock file is there");
    lock.lock().expect("holds the lock");
    lock
}

#[test]
fn a_lock_held_by_another_process_leaves_the_reader_working_and_the_marks_saved_once_freed() {
    let home = shared_home();
    star_first_article(&home);
    let held = hold_the_lock(home.path());
    let mut reader = Session::start_at_home(home.clone(), &[], 100, 30, &[]);
    let screen = reader.wait_for("the list and the notice", |screen| {
        screen.contains("Durant son séjour") && screen.contains("state.lock is held by another program")
    });
    assert!(
        screen.contains('★'),
        "the saved star is read all the same:\n{screen}"
    );
    reader.send("js");
    reader.wait_for("a second star", |screen| screen.matches('★').count() == 2);
    drop(held);
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0, "saved once the lock was free");

    let mut again = Session::start_at_home(home, &[], 100, 30, &[]);
    let screen = again.wait_for("the list", |screen| screen.contains("2/2"));
    assert_eq!(screen.matches('★').count(), 2, "{screen}");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_lock_held_until_the_end_says_at_exit_that_the_marks_were_not_saved() {
    let home = shared_home();
    star_first_article(&home);
    let _held = hold_the_lock(home.path());
    let mut reader = Session::start_at_home(home, &[], 100, 30, &[]);
    reader.wait_for("the list", |screen| screen.contains("Durant son séjour"));
    reader.send("js");
    reader.wait_for("a second star", |screen| screen.matches('★').count() == 2);
    reader.send("q");
    assert_eq!(reader.wait_exit(), 3);
    let screen = reader.screen();
    assert!(
        screen.contains("not saved") && screen.contains("state.lock is held by another program"),
        "{screen}"
    );
}

#[test]
fn a_filter_restored_from_the_state_file_reaches_the_screen_sanitized() {
    let home = shared_home();
    let data = home.path().join("data/liseuse");
    fs::create_dir_all(&data).expect("creates");
    let filter = "lam\u{202e}\u{1b}]0;pwned\u{7}";
    let state = serde_json::json!({"format": 1, "session": {"filter": filter}});
    fs::write(data.join("state.json"), state.to_string()).expect("writes");
    let mut reader = Session::start_at_home(home, &[], 100, 30, &[]);
    reader.wait_for("the filter restored, sanitized", |screen| {
        screen.contains(" /lam  2 unread")
    });
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    let output = reader.output_text();
    assert!(
        !output.contains('\u{202e}'),
        "a bidi override reached the terminal"
    );
    assert!(
        !output.contains("\u{1b}]0;"),
        "an escape sequence reached the terminal"
    );
    assert!(!output.contains("pwned"), "nor its payload");
}

#[test]
fn a_config_home_that_is_a_file_opens_the_reader_with_the_defaults_and_says_why() {
    let home = shared_home();
    let in_the_way = home.path().join("config-file");
    fs::write(&in_the_way, "").expect("writes");
    let config_home = in_the_way.to_str().expect("utf-8");
    let mut reader = Session::start_at_home(home, &[], 100, 30, &[("XDG_CONFIG_HOME", config_home)]);
    // A frame arrives in pieces: wait for the status line itself, not for a row above it.
    let screen = reader.wait_for("the warning", |screen| {
        screen.contains("config-file is a file, not a config folder; using the defaults")
    });
    assert!(screen.contains("Durant son séjour"), "{screen}");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn full_text_search_works_with_a_cache_that_cannot_be_written() {
    let home = shared_home();
    // A file where the cache folder goes: no index on disk, even for root.
    let in_the_way = home.path().join("cache-file");
    fs::write(&in_the_way, "").expect("writes");
    let cache_home = in_the_way.to_str().expect("utf-8");
    let assets = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
    let mut reader = Session::start_at_home(home, &[assets], 100, 30, &[("XDG_CACHE_HOME", cache_home)]);
    // The index is opened in the background: why it is in memory comes with the list or
    // just after.
    let screen = reader.wait_for("the list, and why the index is in memory", |screen| {
        screen.contains("Durant son séjour") && screen.contains("full-text index kept in memory")
    });
    assert!(screen.contains("Durant son séjour"), "{screen}");
    reader.send("/\x14congrat");
    let screen = reader.wait_for("the full-text results", |screen| {
        screen.contains("Full text: congrat") && screen.contains("1/1 of 2")
    });
    assert!(screen.contains("Nguyen Phu Trong"), "{screen}");
    reader.send("\x1bq");
    assert_eq!(reader.wait_exit(), 0);
}
