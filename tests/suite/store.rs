//! The reading state across restarts: marks keyed by content, atomic writes, files set
//! aside rather than lost, and two instances that keep each other's marks.

use crate::common;

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use common::{make_fifo, within_timeout};

use liseuse::article::Article;
use liseuse::store::{ContentKey, Mark, Marks, Session, Store, StoreError, content_key};

/// The archive whose session these tests keep.
const ARCHIVE: &str = "0123456789abcdef";

fn article(path: &str, title: &str, captions: &[&str], paragraphs: &[&str]) -> Article {
    Article {
        path: PathBuf::from(path),
        title: title.to_string(),
        date: None,
        source: Some("VNA".to_string()),
        place: Some("Hanoï".to_string()),
        captions: captions.iter().map(|text| text.to_string()).collect(),
        paragraphs: paragraphs.iter().map(|text| text.to_string()).collect(),
        names: Vec::new(),
        ..Article::default()
    }
}

fn key(n: u64) -> ContentKey {
    format!("{n:016x}").parse().expect("16 hex digits")
}

fn read() -> Marks {
    Marks {
        read: true,
        ..Marks::default()
    }
}

fn open(dir: &Path) -> Store {
    let (store, warnings) = Store::open(dir).expect("store opens");
    assert!(warnings.is_empty(), "unexpected warnings: {warnings:?}");
    store
}

/// Names in the data dir other than the state and its lock.
fn other_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir lists")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "state.json" && name != "state.lock")
        .collect();
    names.sort();
    names
}

fn state_file(dir: &Path) -> serde_json::Value {
    let bytes = fs::read(dir.join("state.json")).expect("state.json exists");
    serde_json::from_slice(&bytes).expect("state.json parses")
}

#[test]
fn marks_and_session_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let starred = Marks {
        read: true,
        starred: true,
        scroll: 42,
    };
    store.set_marks(key(1), starred.clone());
    store.set_marks(key(2), read());
    let session = Session {
        selected: Some(key(2)),
        filter: "Tô Lâm date:2025".to_string(),
        full_width: true,
        ..Session::default()
    };
    store.set_session(ARCHIVE, session.clone());
    assert!(store.save().expect("saves").is_empty());

    let reopened = open(dir.path());
    assert_eq!(reopened.marks(&key(1)), starred);
    assert_eq!(reopened.marks(&key(2)), read());
    assert_eq!(reopened.marks(&key(3)), Marks::default());
    assert_eq!(reopened.session(ARCHIVE), &session);
    assert_eq!(state_file(dir.path())["format"], 1);
}

#[test]
fn a_fresh_data_dir_is_an_empty_state_and_saving_nothing_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    assert_eq!(store.marks(&key(7)), Marks::default());
    assert_eq!(store.session(ARCHIVE), &Session::default());
    store.set_marks(key(7), Marks::default());
    store.set_session(ARCHIVE, Session::default());
    assert!(store.save().expect("saves").is_empty());
    assert!(!dir.path().join("state.json").exists());
}

#[test]
fn marks_set_back_to_default_are_not_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    store.set_marks(key(1), read());
    store.set_marks(key(2), read());
    store.save().expect("saves");
    store.set_marks(key(1), Marks::default());
    store.save().expect("saves");

    let marks = state_file(dir.path())["marks"].clone();
    let stored: Vec<&String> = marks.as_object().expect("an object").keys().collect();
    assert_eq!(stored, [&key(2).to_string()]);
    assert_eq!(open(dir.path()).marks(&key(1)), Marks::default());
}

#[test]
fn a_filter_from_the_state_file_comes_back_sanitized_and_only_if_typable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let with_filter = |filter: &str| {
        let state = serde_json::json!({"format": 1, "session": {"filter": filter}});
        fs::write(dir.path().join("state.json"), state.to_string()).expect("writes");
        open(dir.path()).session(ARCHIVE).filter.clone()
    };
    assert_eq!(
        with_filter("to lam\u{202e}\u{1b}]52;c;cHduZWQ=\u{7}\n!trong"),
        "to lam\u{240a}!trong"
    );
    assert_eq!(with_filter(&"a".repeat(100_000)), "", "no one typed that");
}

#[test]
fn content_key_follows_the_text_not_the_path() {
    let here = article(
        "/home/a/archive/2025/05/visit.txt",
        "Hanoï hosts the summit",
        &["Delegates arrive. Photo: VNA"],
        &["First paragraph.", "Second paragraph."],
    );
    let mut moved = here.clone();
    moved.path = PathBuf::from("/mnt/backup/visit-copy.txt");
    moved.source = None;
    assert_eq!(content_key(&here), content_key(&moved));
    // Pinned: a key that changed between versions would orphan every mark on disk.
    assert_eq!(content_key(&here).to_string(), "4997142a87ef2c70");

    let mut retitled = here.clone();
    retitled.title.push('!');
    let mut edited = here.clone();
    edited.paragraphs[1] = "Second paragraph, revised.".to_string();
    let mut recaptioned = here.clone();
    recaptioned.captions.clear();
    for other in [retitled, edited, recaptioned] {
        assert_ne!(content_key(&here), content_key(&other));
    }
}

#[test]
fn content_key_tells_apart_the_same_text_split_differently() {
    let split_one_way = article("a", "t", &[], &["ab", "c"]);
    let split_another = article("a", "t", &[], &["a", "bc"]);
    let as_caption = article("a", "t", &["ab"], &["c"]);
    let title_run_on = article("a", "tab", &[], &["c"]);
    let keys = [
        content_key(&split_one_way),
        content_key(&split_another),
        content_key(&as_caption),
        content_key(&title_run_on),
    ];
    for (i, first) in keys.iter().enumerate() {
        for second in &keys[i + 1..] {
            assert_ne!(first, second);
        }
    }
}

#[test]
fn a_corrupt_state_file_is_moved_aside_whole_and_replaced_on_save() {
    let cases: [(&str, &[u8]); 5] = [
        ("garbage", b"\x00\xff\xfe not json at all \x89PNG"),
        ("truncated", br#"{"format": 1, "marks": {"00000000000000"#),
        ("empty", b""),
        ("no format", br#"{"marks": {}}"#),
        (
            "bad key",
            br#"{"format": 1, "marks": {"+123456789abcdef": {"read": true}}}"#,
        ),
    ];
    for (case, bytes) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("state.json"), bytes).expect("writes");

        let (mut store, warnings) = Store::open(dir.path()).expect("store opens");
        let moved = other_files(dir.path());
        assert_eq!(moved.len(), 1, "{case}: {moved:?}");
        assert!(moved[0].starts_with("state.json.corrupt-"), "{case}: {moved:?}");
        assert_eq!(fs::read(dir.path().join(&moved[0])).expect("reads"), bytes);
        assert_eq!(warnings.len(), 1, "{case}");
        assert!(warnings[0].contains("corrupt"), "{case}: {warnings:?}");
        assert!(warnings[0].contains(&moved[0]), "{case}: {warnings:?}");
        assert!(!dir.path().join("state.json").exists(), "{case}");
        assert_eq!(store.marks(&key(0)), Marks::default(), "{case}");

        store.set_marks(key(5), read());
        assert!(store.save().expect("saves").is_empty(), "{case}");
        assert_eq!(open(dir.path()).marks(&key(5)), read(), "{case}");
        assert_eq!(other_files(dir.path()), moved, "{case}: set-aside file kept");
    }
}

#[test]
fn a_newer_format_file_is_moved_aside_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let newer = br#"{"format": 2, "marks": ["a shape this build does not know"]}"#;
    fs::write(dir.path().join("state.json"), newer).expect("writes");

    let (mut store, warnings) = Store::open(dir.path()).expect("store opens");
    let moved = other_files(dir.path());
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(moved[0].starts_with("state.json.newer-"), "{moved:?}");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("newer"), "{warnings:?}");
    assert!(warnings[0].contains(&moved[0]), "{warnings:?}");

    store.set_marks(key(1), read());
    store.save().expect("saves");
    assert_eq!(fs::read(dir.path().join(&moved[0])).expect("reads"), newer);
    assert_eq!(state_file(dir.path())["format"], 1);
}

#[test]
fn a_file_spoiled_while_running_is_moved_aside_and_this_sessions_marks_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    store.set_marks(key(1), read());
    store.save().expect("saves");
    fs::write(dir.path().join("state.json"), b"{oops").expect("writes");

    store.set_marks(key(2), read());
    let warnings = store.save().expect("saves");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("corrupt"), "{warnings:?}");
    let reopened = open(dir.path());
    assert_eq!(reopened.marks(&key(1)), read());
    assert_eq!(reopened.marks(&key(2)), read());
}

#[test]
fn marks_survive_a_spoiled_file_and_a_failed_write_in_one_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    store.set_marks(key(1), read());
    store.save().expect("saves");
    fs::write(dir.path().join("state.json"), b"{oops").expect("writes");
    fs::create_dir(dir.path().join(temporary_name())).expect("creates");

    store.set_marks(key(2), read());
    store.save().expect_err("the write fails");
    fs::remove_dir(dir.path().join(temporary_name())).expect("removes");
    store.save().expect("saves");
    let reopened = open(dir.path());
    assert_eq!(reopened.marks(&key(1)), read());
    assert_eq!(reopened.marks(&key(2)), read());
}

#[test]
fn two_instances_keep_each_others_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = open(dir.path());
    let mut second = open(dir.path());
    first.set_marks(key(1), read());
    second.set_marks(key(2), read());
    second.set_session(
        ARCHIVE,
        Session {
            selected: Some(key(2)),
            ..Session::default()
        },
    );
    first.save().expect("first saves");
    second.save().expect("second saves");
    first.set_marks(key(3), read());
    first.save().expect("first saves again");

    let reopened = open(dir.path());
    for n in 1..=3 {
        assert_eq!(reopened.marks(&key(n)), read(), "article {n}");
    }
    // The first never changed the session, so its saves leave the second's in place.
    assert_eq!(reopened.session(ARCHIVE).selected, Some(key(2)));
    // Saving also brings in the other instance's marks.
    assert_eq!(first.marks(&key(2)), read());
}

fn starred() -> Marks {
    Marks {
        starred: true,
        ..Marks::default()
    }
}

#[test]
fn one_instance_s_star_and_another_s_read_mark_on_one_article_both_stay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = open(dir.path());
    let mut second = open(dir.path());
    first.set_marks(key(1), starred());
    first.save().expect("first saves");
    // The second never saw the star: it only opens the article, which marks it read.
    second.set_marks(key(1), read());
    second.save().expect("second saves");

    let both = Marks {
        read: true,
        starred: true,
        scroll: 0,
    };
    assert_eq!(open(dir.path()).marks(&key(1)), both);
    assert_eq!(second.marks(&key(1)), both, "the second now holds the star too");
}

#[test]
fn two_instances_marking_one_article_the_last_save_wins_for_each_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut seed = open(dir.path());
    seed.set_marks(key(9), read());
    seed.save().expect("seed saves");

    let mut first = open(dir.path());
    let mut second = open(dir.path());
    first.set_mark(key(1), Mark::Starred(true));
    first.set_mark(key(1), Mark::Scroll(30));
    first.set_marks(key(2), read());
    second.set_mark(key(1), Mark::Read(true));
    second.set_mark(key(1), Mark::Scroll(12));
    second.set_mark(key(9), Mark::Read(false));
    second.save().expect("second saves");
    first.save().expect("first saves");

    let reopened = open(dir.path());
    assert_eq!(
        reopened.marks(&key(1)),
        Marks {
            read: true,
            starred: true,
            scroll: 30,
        },
        "read from the second, the star and the place from the first, saved last"
    );
    assert_eq!(reopened.marks(&key(2)), read());
    // Unmarked by the second, untouched by the first: stays unmarked.
    assert_eq!(reopened.marks(&key(9)), Marks::default());

    // Unstarring later changes the star alone.
    let mut second = open(dir.path());
    second.set_mark(key(1), Mark::Starred(false));
    second.save().expect("second saves again");
    assert_eq!(open(dir.path()).marks(&key(1)), Marks { scroll: 30, ..read() });
}

#[test]
fn a_mark_changed_and_changed_back_is_still_the_latest_change_to_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = open(dir.path());
    let mut second = open(dir.path());
    second.set_mark(key(1), Mark::Starred(true));
    second.save().expect("second saves");
    first.set_mark(key(1), Mark::Starred(true));
    first.set_mark(key(1), Mark::Starred(false));
    first.save().expect("first saves");
    // The first unstarred after the second starred: not starred.
    assert_eq!(open(dir.path()).marks(&key(1)), Marks::default());
}

#[test]
fn a_state_file_of_format_1_is_read_whole_and_kept_by_a_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let written_by_0_1 = format!(
        r#"{{"format":1,"marks":{{"{}":{{"read":true,"starred":true,"scroll":42}},"{}":{{"starred":true}}}},"session":{{"selected":"{}","filter":"to lam"}}}}"#,
        key(1),
        key(2),
        key(2)
    );
    fs::write(dir.path().join("state.json"), written_by_0_1).expect("writes");
    let mut store = open(dir.path());
    let all = Marks {
        read: true,
        starred: true,
        scroll: 42,
    };
    assert_eq!(store.marks(&key(1)), all);
    assert_eq!(store.marks(&key(2)), starred());
    assert_eq!(store.session(ARCHIVE).filter, "to lam");
    assert!(
        !store.session(ARCHIVE).full_width,
        "written before `w`: the text at the measure"
    );
    store.set_mark(key(2), Mark::Read(true));
    store.save().expect("saves");

    let reopened = open(dir.path());
    assert_eq!(reopened.marks(&key(1)), all);
    assert_eq!(
        reopened.marks(&key(2)),
        Marks {
            read: true,
            ..starred()
        }
    );
    assert_eq!(reopened.session(ARCHIVE).selected, Some(key(2)));
    assert_eq!(state_file(dir.path())["format"], 1, "still readable by 0.1");
}

#[test]
fn saves_racing_from_two_threads_leave_a_whole_file_with_every_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rounds = 60;
    std::thread::scope(|scope| {
        for instance in 0..2u64 {
            let dir = dir.path();
            scope.spawn(move || {
                let mut store = open(dir);
                for round in 0..rounds {
                    store.set_marks(key(instance * 1000 + round), read());
                    // A lock held past the save's patience (fsyncs on a busy disk) is a save
                    // for later, as the reader makes it: the marks stay pending meanwhile.
                    while let Err(error) = store.save() {
                        assert!(matches!(error, StoreError::Busy(_)), "saves: {error:?}");
                    }
                    // Whatever the other thread is doing, the file on disk is whole.
                    state_file(dir);
                }
            });
        }
    });
    let reopened = open(dir.path());
    for instance in 0..2 {
        for round in 0..rounds {
            assert_eq!(reopened.marks(&key(instance * 1000 + round)), read());
        }
    }
    assert_eq!(other_files(dir.path()), Vec::<String>::new(), "no temp files");
}

#[test]
fn a_missing_data_dir_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("not-there");
    let error = Store::open(&missing).expect_err("no dir, no store");
    assert!(matches!(error, StoreError::MissingDir(_)), "{error:?}");
    assert!(error.to_string().contains("not-there"), "{error}");

    let file = dir.path().join("a-file");
    fs::write(&file, b"").expect("writes");
    let error = Store::open(&file).expect_err("a file is no dir");
    assert!(matches!(error, StoreError::NotADirectory(_)), "{error:?}");
}

#[test]
fn a_data_dir_removed_while_running_fails_the_save_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("liseuse");
    fs::create_dir(&data).expect("creates");
    let mut store = open(&data);
    fs::remove_dir_all(&data).expect("removes");
    store.set_marks(key(1), read());
    let error = store.save().expect_err("nowhere to save");
    assert!(error.to_string().contains("liseuse"), "{error}");

    // The change is still pending: once the dir is back, it is saved.
    fs::create_dir(&data).expect("creates");
    store.save().expect("saves");
    assert_eq!(open(&data).marks(&key(1)), read());
}

#[test]
fn a_failed_write_leaves_the_old_file_whole_and_the_change_pending() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    store.set_marks(key(1), read());
    store.save().expect("saves");
    let before = fs::read(dir.path().join("state.json")).expect("reads");

    // A directory where the temporary file goes makes the write fail, even for root.
    fs::create_dir(dir.path().join(temporary_name())).expect("creates");
    store.set_marks(key(2), read());
    let error = store.save().expect_err("the write fails");
    assert!(matches!(error, StoreError::Io { .. }), "{error:?}");
    assert!(error.to_string().contains("state.json"), "{error}");
    assert_eq!(fs::read(dir.path().join("state.json")).expect("reads"), before);

    fs::remove_dir(dir.path().join(temporary_name())).expect("removes");
    store.save().expect("saves");
    assert_eq!(open(dir.path()).marks(&key(2)), read());
}

/// A data dir holding one saved mark, `key(1)` read.
fn saved_once() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    store.set_marks(key(1), read());
    store.save().expect("saves");
    dir
}

#[cfg(unix)]
#[test]
fn a_read_only_data_dir_is_read_and_says_it_cannot_save() {
    use std::os::unix::fs::PermissionsExt;

    if common::nobody::ran_as_nobody(
        module_path!(),
        "a_read_only_data_dir_is_read_and_says_it_cannot_save",
    ) {
        return;
    }
    // Its lock file still opens for writing: the folder is what cannot be written.
    let dir = saved_once();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
    assert!(
        fs::write(dir.path().join("probe"), b"").is_err(),
        "the mode applies to this process"
    );
    let (mut store, _) = Store::open(dir.path()).expect("a read-only dir is still read");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(store.marks(&key(1)), read(), "the saved mark is shown");
    let why = store.cannot_write().expect("it says it cannot save");
    assert!(why.contains(&dir.path().display().to_string()), "{why}");
    store.set_marks(key(2), read());
    let error = store.save().expect_err("nothing can be saved");
    assert!(matches!(error, StoreError::CannotWrite(_)), "{error:?}");
}

#[test]
fn a_lock_file_in_the_way_leaves_the_state_readable_but_not_saved() {
    // Something in the way that even root cannot open for writing: a folder.
    let dir = saved_once();
    let lock = dir.path().join("state.lock");
    fs::remove_file(&lock).expect("removes");
    fs::create_dir(&lock).expect("creates");
    let before = fs::read(dir.path().join("state.json")).expect("reads");

    let (mut store, _) = Store::open(dir.path()).expect("opens all the same");
    assert_eq!(store.marks(&key(1)), read());
    let why = store.cannot_write().expect("it says why it cannot save");
    assert!(
        why.contains("state.lock") && why.contains("not a regular file"),
        "{why}"
    );
    store.set_marks(key(2), read());
    let error = store.save().expect_err("not saved");
    assert!(error.to_string().contains("state.lock"), "{error}");
    assert_eq!(fs::read(dir.path().join("state.json")).expect("reads"), before);
}

#[test]
fn a_lock_file_that_is_a_fifo_or_a_device_is_refused_without_waiting() {
    for (case, in_the_way) in [("fifo", None), ("device", Some("/dev/zero"))] {
        let dir = saved_once();
        let lock = dir.path().join("state.lock");
        fs::remove_file(&lock).expect("removes");
        match in_the_way {
            Some(device) => std::os::unix::fs::symlink(device, &lock).expect("links"),
            None if make_fifo(&lock) => {}
            None => continue,
        }
        let opened = within_timeout(case, {
            let dir = dir.path().to_owned();
            move || Store::open(&dir).map(|(store, _)| store.cannot_write().map(str::to_owned))
        });
        let why = opened.expect("opens").expect("cannot save");
        assert!(
            why.contains("state.lock") && why.contains("not a regular file"),
            "{case}: {why}"
        );
    }
}

#[test]
fn a_lock_held_by_another_process_is_waited_for_briefly_and_saving_waits_for_it() {
    let dir = saved_once();
    let held = File::options()
        .write(true)
        .open(dir.path().join("state.lock"))
        .expect("opens the lock");
    held.lock().expect("holds the lock");

    let (mut store, warnings) = within_timeout("opening", {
        let dir = dir.path().to_owned();
        move || Store::open(&dir).expect("opens without the lock")
    });
    assert_eq!(store.marks(&key(1)), read(), "the state is read all the same");
    assert!(store.cannot_write().is_none());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("state.lock is held"), "{warnings:?}");

    store.set_marks(key(2), read());
    assert!(matches!(store.try_save(), Err(StoreError::Busy(_))));
    let (mut store, waited) = within_timeout("the last save", move || {
        let waited = store.save();
        (store, waited)
    });
    let error = waited.expect_err("still held");
    assert!(
        error
            .to_string()
            .contains("state.lock is held by another program"),
        "{error}"
    );
    assert_eq!(open_unlocked(dir.path()).marks(&key(2)), Marks::default());

    drop(held);
    store.try_save().expect("saves once the lock is free");
    assert_eq!(open(dir.path()).marks(&key(2)), read());
}

/// The store in `dir`, whatever the state of its lock.
fn open_unlocked(dir: &Path) -> Store {
    Store::open(dir).expect("store opens").0
}

/// Puts something other than a state file where one goes.
type PutInTheWay = fn(&Path);

/// A sparse file just past the cap of `state.json`: no disk used.
fn make_huge(path: &Path) {
    let file = File::create(path).expect("creates");
    file.set_len((64 << 20) + 1).expect("grows");
}

fn link_to_dev_zero(path: &Path) {
    std::os::unix::fs::symlink("/dev/zero", path).expect("links");
}

#[test]
fn a_state_file_that_is_a_fifo_a_device_or_huge_is_set_aside_unread() {
    let cases: [(&str, PutInTheWay, &str); 3] = [
        ("huge", make_huge, "larger than 64 MiB"),
        ("device", link_to_dev_zero, "a device"),
        // Where mkfifo is missing, nothing is made and the case is passed over.
        (
            "fifo",
            |path| {
                make_fifo(path);
            },
            "a named pipe",
        ),
    ];
    for (case, make, reason) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = dir.path().join("state.json");
        make(&state);
        if fs::symlink_metadata(&state).is_err() {
            continue;
        }
        let (mut store, warnings) = within_timeout(case, {
            let dir = dir.path().to_owned();
            move || Store::open(&dir).expect("opens")
        });
        assert_eq!(warnings.len(), 1, "{case}: {warnings:?}");
        let warning = &warnings[0];
        assert!(
            warning.contains("state.json") && warning.contains(reason),
            "{case}: {warning}"
        );
        let moved = other_files(dir.path());
        assert!(
            moved.len() == 1 && moved[0].starts_with("state.json.unusable-"),
            "{case}: {moved:?}"
        );
        assert!(warning.contains(&moved[0]), "{case}: {warning}");

        store.set_marks(key(1), read());
        store.save().expect("saves");
        assert_eq!(open(dir.path()).marks(&key(1)), read(), "{case}");
    }
}

#[cfg(unix)]
#[test]
fn saving_never_writes_through_a_link_or_waits_on_a_fifo_left_as_the_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = dir.path().join("elsewhere.txt");
    fs::write(&elsewhere, b"not liseuse's").expect("writes");
    let data = dir.path().join("data");
    fs::create_dir(&data).expect("creates");
    let temp = data.join(temporary_name());
    std::os::unix::fs::symlink(&elsewhere, &temp).expect("links");

    let mut store = open(&data);
    store.set_marks(key(1), read());
    store.save().expect("saves");
    assert_eq!(fs::read(&elsewhere).expect("reads"), b"not liseuse's");
    assert!(
        !fs::symlink_metadata(data.join("state.json"))
            .expect("saved")
            .is_symlink()
    );

    if !make_fifo(&temp) {
        return;
    }
    store.set_marks(key(2), read());
    let saved = within_timeout("saving", move || store.save().map(|_| ()));
    saved.expect("saves");
    assert_eq!(open(&data).marks(&key(2)), read());
}

#[test]
fn a_hundred_thousand_marked_articles_survive_a_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let count: u64 = 100_000;
    let spread = |n: u64| key(n.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut store = open(dir.path());
    for n in 0..count {
        store.set_marks(
            spread(n),
            Marks {
                read: true,
                starred: n % 7 == 0,
                scroll: (n % 300) as u32,
            },
        );
    }
    store.save().expect("saves");
    let mut reopened = open(dir.path());
    reopened.set_marks(key(1), read());
    reopened.save().expect("saves");
    // Another instance saved meanwhile: this save reads the file again and merges.
    let mut other = open(dir.path());
    other.set_marks(key(2), read());
    other.save().expect("saves");
    reopened.set_marks(key(3), read());
    reopened.save().expect("saves");

    let last = open(dir.path());
    for n in [0, 7, 50_000, count - 1] {
        assert_eq!(last.marks(&spread(n)).scroll, (n % 300) as u32);
        assert_eq!(last.marks(&spread(n)).starred, n % 7 == 0);
    }
    for n in 1..=3 {
        assert!(last.marks(&key(n)).read, "both instances' marks kept");
    }
}

/// The name a save of this process writes `state.json` under before renaming it.
fn temporary_name() -> String {
    format!("state.json.{}.tmp", std::process::id())
}
