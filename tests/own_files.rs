//! liseuse's own files — its state, its lock, its config, its caches — when another reader,
//! a read-only disk or something in their place gets in the way: the real binary, in a
//! pseudo-terminal or on the command line, as a user meets it.

mod common;

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
