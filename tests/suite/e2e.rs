//! End to end: the real binary in a pseudo-terminal, its screen read back through a
//! vt100 parser, as a user at a terminal would see it.

use crate::common;

use std::path::Path;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use common::pty::{Session, TIMEOUT};

#[test]
fn start_filter_open_scroll_and_quit() {
    let mut session = Session::start(&[], 100, 30, &[]);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send("/");
    session.send("to lam !trong");
    let screen = session.wait_for("the filtered list", |screen| screen.contains("1/1 of 2"));
    assert!(screen.contains("/ to lam !trong"), "{screen}");
    assert!(screen.contains("Durant son séjour en Russie"), "{screen}");
    session.send("\r");
    session.wait_for("the kept filter", |screen| screen.contains("/to lam !trong"));
    session.send("\r");
    session.send("jjj");
    session.wait_for("the reader scrolled", |screen| {
        !screen.contains("Top") && screen.contains('%')
    });
    session.send("G");
    session.wait_for("the end of the article", |screen| screen.contains("End"));
    session.send("?");
    session.wait_for("the help overlay", |screen| screen.contains("any key closes"));
    session.send("x");
    session.wait_for("help closed", |screen| !screen.contains("Keys — any key closes"));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

#[test]
fn an_idle_reader_takes_no_cpu_time_and_still_answers_keys_and_resizes() {
    let mut session = Session::start(&[], 100, 30, &[]);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    // Once the start's background work (the full-text index of the samples) is over: a
    // second with under 5 ticks of 10 ms.
    let started = Instant::now();
    loop {
        let ticks = session.cpu_ticks();
        thread::sleep(Duration::from_secs(1));
        if session.cpu_ticks() - ticks < 5 || started.elapsed() > TIMEOUT {
            break;
        }
    }
    let before = session.cpu_ticks();
    thread::sleep(Duration::from_secs(4));
    let used = session.cpu_ticks() - before;
    // crossterm's own wait spent the last millisecond of every 25 asking without waiting:
    // 14 or so ticks of 10 ms in 4 s. Waiting on the terminal itself takes none.
    assert!(used <= 3, "an idle reader used {used} clock ticks in 4 s");
    session.send("j");
    session.wait_for("the second article selected", |screen| screen.contains("2/2"));
    session.resize(60, 20);
    // The status line is the last of 20 rows only once the screen is drawn again.
    session.wait_for("the screen drawn at its new size", |screen| {
        screen
            .lines()
            .nth(19)
            .is_some_and(|status| status.contains("2/2"))
    });
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn narrow_terminal_opens_and_goes_back() {
    let assets = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
    let mut session = Session::start(&[assets], 80, 24, &[("NO_COLOR", "1")]);
    session.wait_for("the list", |screen| {
        screen.contains("1/2") && !screen.contains("loading")
    });
    // The other article's title, as only the list shows it.
    let listed = "Le secrétaire général du Comité central";
    session.send("j\r");
    // Its caption, which the list never shows, and the reading pane's hints at the bottom:
    // the whole frame.
    let screen = session.wait_for("the article", |screen| {
        screen.contains("Dmitry Chernyshenko") && screen.contains("Esc back")
    });
    assert!(
        !screen.contains(listed),
        "the list is hidden:
{screen}"
    );
    session.send("\x1b");
    session.wait_for("the list again", |screen| {
        screen.contains("2/2") && screen.contains(listed) && !screen.contains("Dmitry Chernyshenko")
    });
    session.send("\x03");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

fn signal_restores_the_terminal(signal: &str, status: u32) {
    let mut session = Session::start(&[], 100, 30, &[]);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    let pid = session.child.process_id().expect("pid").to_string();
    let killed = std::process::Command::new("kill")
        .args([signal, &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    assert_eq!(session.wait_exit(), status);
    session.assert_terminal_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("-TERM", 128 + 15);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("-HUP", 128 + 1);
}

#[test]
fn sigint_sent_by_kill_restores_the_terminal() {
    signal_restores_the_terminal("-INT", 128 + 2);
}

/// Writes `count` small dispatches in a few folders; every seventh mentions Sergueï Lavrov.
fn write_archive(root: &std::path::Path, count: usize) {
    for n in 0..count {
        let folder = root.join(format!("{:02}", n / 500));
        std::fs::create_dir_all(&folder).expect("folder");
        let person = if n % 7 == 0 {
            "Sergueï Lavrov"
        } else {
            "Phạm Minh Chính"
        };
        let text = format!(
            "date 2020-{:02}\n\nMoscou (VNA) – Le ministre {person} a reçu une délégation, dépêche numéro {n}.\n\n\
             Les deux parties ont échangé sur la coopération bilatérale.-VNA\n",
            1 + n % 12
        );
        std::fs::write(folder.join(format!("{n:05}.txt")), text).expect("article");
    }
}

#[test]
fn keys_work_while_a_large_archive_loads() {
    let archive = tempfile::tempdir().expect("tempdir");
    write_archive(archive.path(), 6_000);
    let root = archive.path().to_str().expect("utf-8 path");
    let mut session = Session::start(&[root], 100, 30, &[]);
    // Type at once, while the loader is still at work.
    session.send("/lavrov");
    // The filter line as typed, and the list narrowed (` 3/20 of 130`), loading still going.
    session.wait_for("the filter applied while loading", |screen| {
        let status = screen.lines().last().unwrap_or_default();
        screen.contains("/ lavrov") && status.contains(" of ") && status.contains("loading")
    });
    let expected = 6_000 / 7 + 1;
    let screen = session.wait_for("every Lavrov dispatch", |screen| {
        screen.contains(&format!("/{expected} of 6000")) && !screen.contains("loading")
    });
    assert!(
        screen.contains("/ lavrov"),
        "the typed filter survived the loading:\n{screen}"
    );
    assert!(screen.contains("Sergueï Lavrov"), "{screen}");
    session.send("\r");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

#[test]
fn marks_position_and_selection_survive_a_restart() {
    let home = Arc::new(tempfile::tempdir().expect("tempdir"));
    let mut session = Session::start_at_home(home.clone(), &[], 100, 30, &[]);
    session.wait_for("the list", |screen| {
        screen.contains("1/2") && screen.contains("2 unread")
    });
    // The second article: star it, read it, scroll into it.
    session.send("j");
    session.wait_for("the second article", |screen| screen.contains("2/2"));
    session.send("s\r");
    session.wait_for("read and starred", |screen| {
        screen.contains("1 unread") && screen.contains("★ Durant")
    });
    // The help opened after the four moves: once it is on screen, all four were made.
    session.send("jjjj?");
    session.wait_for("the help overlay", |screen| screen.contains("any key closes"));
    session.send("\x1b");
    let scrolled = session.wait_for("scrolled", |screen| {
        !screen.contains("any key closes") && !screen.contains("Top") && screen.contains('%')
    });
    let percent = scrolled
        .lines()
        .last()
        .and_then(|status| status.split_whitespace().find(|word| word.ends_with('%')))
        .expect("the reading position in the status line")
        .to_string();
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();

    let mut session = Session::start_at_home(home, &[], 100, 30, &[]);
    let screen = session.wait_for("the same state", |screen| {
        screen.contains("2/2") && screen.contains("1 unread")
    });
    assert!(screen.contains("★ Durant"), "the star is back:\n{screen}");
    assert!(
        screen.lines().last().unwrap_or_default().contains(&percent),
        "back at {percent}:\n{screen}"
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn an_arrow_key_split_by_a_slow_link_is_still_an_arrow_key() {
    let mut session = filtering_the_samples("lam");
    // ESC alone, read alone, then the rest of the arrow a little later, as a slow link
    // delivers it: ↓, ↑, ↓, each after another gap, and each must move the selection.
    let mut read_apart = 0;
    for (gap, rest, position) in [(0, "[B", "2/2"), (20, "[A", "1/2"), (50, "[B", "2/2")] {
        read_apart += usize::from(session.send_and_wait_read("\x1b"));
        thread::sleep(Duration::from_millis(gap));
        session.send(rest);
        let screen = session.wait_for("the selection moved", |screen| {
            let status = screen.lines().last().unwrap_or_default();
            status.starts_with(&format!(" {position} "))
        });
        assert!(screen.contains("/ lam"), "the typed filter is intact:\n{screen}");
        assert!(!screen.contains("/ lam["), "no stray characters:\n{screen}");
    }
    // Nothing else was read meanwhile here: the Esc went through the rejoining of a split
    // sequence, not through a read that held the whole arrow.
    assert!(read_apart > 0, "an Esc was never read alone");
    // A real Esc still clears the filter.
    session.send("\x1b");
    session.wait_for("the filter cleared", |screen| {
        !screen.contains("lam") && screen.contains("? help")
    });
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// What an article may hold to take over a terminal: the bytes of each must never reach it.
const HOSTILE_SEQUENCES: &[&str] = &[
    "\x1b[2J",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1b]0;owned\x07",
    "\x1b]8;;http://example.invalid\x1b\\",
    "\u{9b}31m",
    "\x07",
    "\x08\x08",
    "\u{202e}",
];

fn hostile_article() -> String {
    format!(
        "Hanoï (VNA) – Un titre {} piégé {} avec {} des {} séquences {} de {} contrôle {}.\n\n\
         Un corps {} qui {} continue.-VNA\n",
        HOSTILE_SEQUENCES[0],
        HOSTILE_SEQUENCES[1],
        HOSTILE_SEQUENCES[2],
        HOSTILE_SEQUENCES[3],
        HOSTILE_SEQUENCES[4],
        HOSTILE_SEQUENCES[5],
        HOSTILE_SEQUENCES[6],
        HOSTILE_SEQUENCES[7],
        HOSTILE_SEQUENCES[0],
    )
}

fn assert_inert(output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    for sequence in [
        "\x1b]52",
        "\x1b]0;owned",
        "\x1b]8;;",
        "\u{9b}",
        "\u{202e}",
        "\x08",
        "\x07",
    ] {
        assert!(!text.contains(sequence), "{sequence:?} reached the terminal");
    }
    assert!(!text.contains("owned"), "the title change reached the terminal");
    // The only screen clears are liseuse's own, before it draws.
    let clears = text.matches("\x1b[2J").count();
    assert!(clears <= 1, "{clears} screen clears");
}

#[test]
fn escape_sequences_in_an_article_and_its_name_stay_inert() {
    let archive = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        archive.path().join("piège\x1b[31m\u{9b}2J.txt"),
        hostile_article(),
    )
    .expect("article");
    let root = archive.path().to_str().expect("utf-8 path");
    let mut session = Session::start(&[root], 100, 30, &[OUTSIDE_TMUX]);
    session.wait_for("the article", |screen| {
        screen.contains("Un titre") && !screen.contains("loading")
    });
    session.send("\r");
    session.wait_for("open", |screen| screen.contains("Un corps"));
    session.send("y");
    session.send("Y");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let output = session.output.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&output);
    // y and Y write liseuse's own OSC 52, with the text base64-encoded: only those two.
    assert_eq!(text.matches("\x1b]52;c;").count(), 2);
    let without_copies: Vec<u8> = strip_osc52(&text).into_bytes();
    assert_inert(&without_copies);

    for mode in [vec!["--list", root], vec!["--filter", "titre", root]] {
        let mut session = Session::start(&mode, 100, 30, &[]);
        session.wait_exit();
        let output = session.output.lock().unwrap().clone();
        assert!(String::from_utf8_lossy(&output).contains("Un titre"));
        assert_inert(&output);
    }
    let file = archive.path().join("piège\x1b[31m\u{9b}2J.txt");
    let mut session = Session::start(&["--print", file.to_str().expect("utf-8")], 100, 30, &[]);
    session.wait_exit();
    let output = session.output.lock().unwrap().clone();
    assert!(String::from_utf8_lossy(&output).contains("Un corps"));
    assert_inert(&output);
}

/// The text without liseuse's own clipboard writes.
fn strip_osc52(text: &str) -> String {
    let mut rest = text;
    let mut kept = String::new();
    while let Some(start) = rest.find("\x1b]52;c;") {
        kept.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find('\x07').map_or(after.len(), |bell| bell + 1);
        rest = &after[end..];
    }
    kept.push_str(rest);
    kept
}

#[test]
fn ctrl_z_suspends_and_fg_redraws_in_full() {
    // A shell with job control, as the user has: it reports the stop, then runs `fg`.
    let script = format!("set -m; '{}'; echo STOPPED-$?; fg", env!("CARGO_BIN_EXE_liseuse"));
    let mut session = Session::start_command("bash", &["-c", &script], 100, 30);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send("\x1a");
    session.wait_for_output("liseuse stopped", |output| output.contains("STOPPED-"));
    session.wait_for("the list again after fg", |screen| {
        screen.contains("1/2") && screen.contains("Articles")
    });
    let output = session.output_text();
    let stopped = output
        .find("STOPPED-148")
        .expect("the shell saw liseuse stop (128 + SIGTSTP)");
    let left = output.find("\x1b[?1049l").expect("the alternate screen was left");
    assert!(left < stopped, "the screen was given back before stopping");
    assert!(
        output[stopped..].contains("\x1b[?1049h"),
        "and taken again after fg"
    );
    assert!(output[stopped..].contains("Articles"), "then drawn in full");
    session.send("j");
    session.wait_for("keys work again", |screen| screen.contains("2/2"));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

#[test]
fn a_file_changed_or_deleted_after_loading_shows_its_new_text_or_says_so() {
    let archive = tempfile::tempdir().expect("tempdir");
    let path = archive.path().join("depeche.txt");
    std::fs::write(
        &path,
        "Hanoï (VNA) – Première version du texte.\n\nUn paragraphe ancien.-VNA\n",
    )
    .expect("write");
    let root = archive.path().to_str().expect("utf-8 path");
    let mut session = Session::start(&[root], 80, 24, &[]);
    session.wait_for("the list", |screen| {
        screen.contains("Première version") && !screen.contains("loading")
    });
    std::fs::write(
        &path,
        "Hanoï (VNA) – Seconde version du texte.\n\nUn paragraphe nouveau.-VNA\n",
    )
    .expect("write");
    session.send("\r");
    session.wait_for("the new text, and why", |screen| {
        screen.contains("Un paragraphe nouveau") && screen.contains("changed since it was loaded")
    });
    session.send("\x1b");
    std::fs::remove_file(&path).expect("delete");
    session.send("\r");
    let screen = session.wait_for("a clear message", |screen| screen.contains("as it was loaded"));
    assert!(screen.contains("Un paragraphe nouveau"), "{screen}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn esc_and_a_key_arriving_together_are_both_taken() {
    let mut session = filtering_the_samples("lam");
    // One read holds Esc and q: the terminal reports Alt-q.
    session.send("\x1bq");
    assert_eq!(session.wait_exit(), 0, "Esc closed the filter, then q quit");
}

#[test]
fn full_text_search_finds_word_prefixes_with_a_snippet_and_opens_on_the_hits() {
    let mut session = Session::start(&[], 100, 30, &[]);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send("/\x14partenar");
    // The list keeps its rows, snippets and all, until the search answers, and a search
    // made before the index is built finds nothing: only the index done and the snippets
    // shown tell the search's answer.
    let snippets = |screen: &str| {
        screen
            .lines()
            .filter(|line| line.starts_with("│    …") && line.contains("partenariat"))
            .count()
    };
    session.wait_for("both articles, each with its snippet", |screen| {
        screen.contains("Full text: partenar")
            && screen.contains("full text")
            && !screen.contains("indexing")
            && snippets(screen) == 2
    });
    session.send("\r\r");
    let screen = session.wait_for("the article, on the hits", |screen| screen.contains("hit 1/"));
    assert!(screen.contains("partenariat"), "{screen}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// The bundled samples, with `filter` typed in the filter line.
fn filtering_the_samples(filter: &str) -> Session {
    let mut session = Session::start(&[], 100, 30, &[]);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send(&format!("/{filter}"));
    session.wait_for("the filter", |screen| screen.contains(&format!("/ {filter}")));
    session
}

#[test]
fn the_pager_and_the_editor_get_the_terminal_and_give_it_back() {
    let home = Arc::new(tempfile::tempdir().expect("tempdir"));
    let paged = home.path().join("paged.txt");
    let pager = format!("cat > '{}'", paged.display());
    let mut session = Session::start_at_home(
        home.clone(),
        &[],
        100,
        30,
        &[("PAGER", &pager), ("EDITOR", "true")],
    );
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send("e");
    // Taken at start, then again once the pager has ended.
    session.wait_for_screen_taken(2);
    session.wait_for("back from the pager", |screen| screen.contains("1/2"));
    let text = std::fs::read_to_string(&paged).expect("the pager got the article");
    assert!(
        text.starts_with("Le secrétaire général du Comité central"),
        "{text}"
    );
    // Set at the measure, the sentence may run over two lines.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("L’invitation a été acceptée."), "{text}");
    session.send("E");
    session.wait_for("the editor refused for a bundled sample", |screen| {
        screen.contains("not a file on disk")
    });
    session.send("j");
    session.wait_for("keys work", |screen| screen.contains("2/2"));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

/// liseuse started from `dir` with `args`, as `cd dir && liseuse args…` would be.
fn start_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
    let home = Arc::new(tempfile::tempdir().expect("tempdir"));
    let dir = dir.to_str().expect("utf-8 path");
    let mut command = vec![
        "-c",
        "cd \"$1\" && shift && exec \"$@\"",
        "sh",
        dir,
        env!("CARGO_BIN_EXE_liseuse"),
    ];
    command.extend(args);
    Session::spawn("sh", home, &command, 100, 30, env)
}

/// File names an editor could read as a command (`+cmd`) or an option.
const NAMES_THAT_LOOK_LIKE_ARGUMENTS: [&str; 3] = ["+!touch PWNED;.txt", "-c.txt", "--help.txt"];

fn archive_of_names_that_look_like_arguments() -> tempfile::TempDir {
    let archive = tempfile::tempdir().expect("tempdir");
    for (n, name) in NAMES_THAT_LOOK_LIKE_ARGUMENTS.iter().enumerate() {
        std::fs::write(
            archive.path().join(name),
            format!("Hanoï (VNA) – Dépêche numéro {n} sur la coopération.\n\nUn paragraphe.-VNA\n"),
        )
        .expect("article");
    }
    archive
}

#[test]
fn the_editor_gets_an_absolute_path_whatever_the_file_is_named() {
    let archive = archive_of_names_that_look_like_arguments();
    let tools = tempfile::tempdir().expect("tempdir");
    let log = tools.path().join("argv.txt");
    let editor = tools.path().join("editor");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nfor argument in \"$@\"; do printf '%s\\n' \"$argument\"; done >> '{}'\n",
            log.display()
        ),
    )
    .expect("editor");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    // An editor with arguments of its own, as `code -w` has.
    let editor_command = format!("{} --wait", editor.display());
    let mut arguments = vec!["--"];
    arguments.extend(NAMES_THAT_LOOK_LIKE_ARGUMENTS);
    let mut session = start_in(
        archive.path(),
        &arguments,
        &[("EDITOR", &editor_command), ("VISUAL", "")],
    );
    session.wait_for("the list", |screen| {
        screen.contains("1/3") && !screen.contains("loading")
    });
    for opened in 1..=NAMES_THAT_LOOK_LIKE_ARGUMENTS.len() {
        session.send("E");
        session.wait_for_screen_taken(1 + opened);
        session.send("j");
    }
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let argv = std::fs::read_to_string(&log).expect("the editor ran");
    let argv: Vec<&str> = argv.lines().collect();
    assert_eq!(argv.len(), 2 * NAMES_THAT_LOOK_LIKE_ARGUMENTS.len(), "{argv:?}");
    let mut opened: Vec<&str> = Vec::new();
    for call in argv.chunks(2) {
        assert_eq!(call[0], "--wait", "the editor's own argument first: {argv:?}");
        let path = Path::new(call[1]);
        assert!(path.is_absolute(), "{argv:?}");
        assert_eq!(path.parent(), Some(archive.path()), "{argv:?}");
        opened.push(
            path.file_name()
                .and_then(|name| name.to_str())
                .unwrap_or_default(),
        );
    }
    opened.sort_unstable();
    let mut expected = NAMES_THAT_LOOK_LIKE_ARGUMENTS;
    expected.sort_unstable();
    assert_eq!(opened, expected);
    assert!(!archive.path().join("PWNED").exists());
}

/// A program on the PATH, or `None` with a note that the test depending on it is skipped.
fn installed(program: &str, test: &str) -> Option<String> {
    let found = std::process::Command::new("sh")
        .args(["-c", "command -v \"$1\"", "sh", program])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string());
    if found.is_none() {
        eprintln!("SKIPPED {test}: {program} is not installed");
    }
    found
}

#[test]
fn vim_runs_no_command_named_by_a_file() {
    let Some(vim) = installed("vim", "vim_runs_no_command_named_by_a_file") else {
        return;
    };
    let archive = archive_of_names_that_look_like_arguments();
    let editor = format!("{vim} -u NONE -i NONE -n");
    let mut session = start_in(
        archive.path(),
        &["+!touch PWNED;.txt"],
        &[("EDITOR", &editor), ("VISUAL", "")],
    );
    session.wait_for("the list", |screen| screen.contains("1/1"));
    session.send("E");
    let pwned = archive.path().join("PWNED");
    session.wait_for("the file in vim, or the command run", |screen| {
        screen.contains("Un paragraphe.-VNA") || pwned.exists()
    });
    session.send("\x1b:qa!\r");
    session.wait_for("the reader again", |screen| screen.contains("1/1"));
    assert!(!pwned.exists(), "vim ran the command in the file name");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn the_pager_is_given_text_and_no_preprocessor_to_run_on_it() {
    let test = "the_pager_is_given_text_and_no_preprocessor_to_run_on_it";
    let Some(less) = installed("less", test) else {
        return;
    };
    let tools = tempfile::tempdir().expect("tempdir");
    let ran = tools.path().join("ran.txt");
    let preprocessor = tools.path().join("preprocess");
    std::fs::write(
        &preprocessor,
        format!("#!/bin/sh\necho \"$@\" >> '{}'\ncat\n", ran.display()),
    )
    .expect("preprocessor");
    std::fs::set_permissions(&preprocessor, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    // `|-`: less pipes standard input through it too (file types are guessed from the text).
    let lessopen = format!("|-{} %s", preprocessor.display());
    let mut session = Session::start(
        &[],
        100,
        30,
        &[
            ("PAGER", &less),
            ("LESSOPEN", &lessopen),
            ("LESS", "-Psless-is-paging"),
        ],
    );
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send("e");
    session.wait_for("less", |screen| screen.contains("less-is-paging"));
    session.send("q");
    session.wait_for("the reader again", |screen| {
        screen.contains("1/2") && !screen.contains("less-is-paging")
    });
    assert!(!ran.exists(), "less ran LESSOPEN on the article");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// The payloads of the OSC 52 sequences in `output`, decoded.
fn clipboard_writes(output: &str) -> Vec<String> {
    use base64::Engine;
    output
        .split("\x1b]52;c;")
        .skip(1)
        .map(|rest| {
            let payload = rest.split('\x07').next().unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(payload)
                .expect("base64");
            String::from_utf8(bytes).expect("UTF-8")
        })
        .collect()
}

/// Inside tmux, an OSC 52 reaches the terminal only if tmux lets it: `$TMUX` is all a
/// program sees of it.
const INSIDE_TMUX: (&str, &str) = ("TMUX", "/tmp/tmux-0/default,4242,0");
const OUTSIDE_TMUX: (&str, &str) = ("TMUX", "");

#[test]
fn copying_says_what_was_sent_to_the_terminal_and_how() {
    let mut session = Session::start(&[], 100, 30, &[OUTSIDE_TMUX]);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send("y");
    let screen = session.wait_for("the notice", |screen| screen.contains("sent "));
    let output = session.output_text();
    let copies = clipboard_writes(&output);
    assert_eq!(copies.len(), 1, "one OSC 52");
    assert!(
        copies[0].starts_with("Le secrétaire général du Comité central"),
        "{copies:?}"
    );
    let characters = copies[0].chars().count();
    assert!(
        screen.contains(&format!(
            "sent {characters} characters to the terminal's clipboard (OSC 52)"
        )),
        "{screen}"
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    let mut session = Session::start(&[], 100, 30, &[INSIDE_TMUX]);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send("y");
    let screen = session.wait_for("the notice", |screen| screen.contains("sent "));
    assert!(screen.contains("through tmux"), "{screen}");
    assert!(screen.contains("set-clipboard on"), "{screen}");
    let output = session.output_text();
    // Once for tmux's set-clipboard, once through its passthrough (every ESC doubled).
    assert_eq!(clipboard_writes(&output).len(), 2);
    assert!(output.contains("\x1bPtmux;\x1b\x1b]52;c;"));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn an_article_too_long_for_the_terminal_clipboard_is_not_sent_and_says_so() {
    let archive = tempfile::tempdir().expect("tempdir");
    let paragraph = "Les deux parties ont affirmé leur volonté de renforcer la coopération. ".repeat(40);
    // Twice what a terminal's clipboard takes over OSC 52: as long as needed, and quick to
    // load in a debug build on a busy machine.
    let mut text = String::from("Hanoï (VNA) – Une dépêche trop longue pour le presse-papiers.\n\n");
    while text.len() < 200 * 1024 {
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    std::fs::write(archive.path().join("longue.txt"), &text).expect("article");
    let root = archive.path().to_str().expect("utf-8 path");
    for place in [INSIDE_TMUX, OUTSIDE_TMUX] {
        let mut session = Session::start(&[root], 100, 30, &[place]);
        session.wait_for("the list", |screen| {
            screen.contains("1/1") && !screen.contains("loading")
        });
        session.send("y");
        let screen = session.wait_for("the notice", |screen| screen.contains("not copied"));
        assert!(!screen.contains("sent "), "{screen}");
        session.send("q");
        assert_eq!(session.wait_exit(), 0);
        let output = session.output_text();
        assert!(!output.contains("]52;"), "nothing sent for the clipboard");
    }
}

/// Whether process `pid` is alive: not gone, and not a zombie waiting to be reaped.
fn is_running(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(") ")
            .is_some_and(|(_, fields)| !fields.starts_with('Z'))
    })
}

/// A pager run by a shell that waits for it, as dash's `sh -c` does (it does not exec the
/// last command), which says the process ids of the shell, the pager and liseuse. The pager
/// reads nothing, and takes a moment to end on SIGTERM or SIGHUP, then says so.
fn slow_ending_pager(home: &Path) -> (String, std::path::PathBuf) {
    let pid_file = home.join("pager.pid");
    let pager = format!(
        "sh -c 'trap \"sleep 0.3; echo pager-ended; exit\" TERM HUP; while :; do sleep 0.05; done' & \
         echo $$ $! $PPID > '{}.new'; mv '{0}.new' '{0}'; wait",
        pid_file.display()
    );
    (pager, pid_file)
}

fn wait_for_file(path: &Path, session: &Session) -> String {
    poll_until(&format!("{}", path.display()), session, || {
        std::fs::read_to_string(path)
            .ok()
            .map(|text| text.trim().to_string())
    })
}

/// Waits until `parent` runs `program` (itself or a child), started and not only forked: a signal sent to the
/// terminal's process group before then reaches the shell alone, and a shell that has it
/// still waits for what it starts next.
fn wait_for_child_program(parent: &str, program: &str, session: &Session) {
    let runs_program = |child: &str| {
        std::fs::read(format!("/proc/{child}/cmdline"))
            .is_ok_and(|cmdline| cmdline.split(|&byte| byte == 0).next() == Some(program.as_bytes()))
    };
    poll_until(&format!("{program} under {parent}"), session, || {
        let children =
            std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).unwrap_or_default();
        // A shell may also start its last command in its own place.
        (runs_program(parent) || children.split_whitespace().any(runs_program)).then_some(())
    });
}

/// Polls `ready` until it gives something, failing with the screen after a timeout.
fn poll_until<T>(what: &str, session: &Session, mut ready: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(found) = ready() {
            return found;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "{what} never came:\n{}",
            session.screen()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// liseuse started from a shell that outlives it, as from a prompt: what liseuse leaves
/// running is not ended by the terminal session ending with it. The shell tells how
/// liseuse exited, then the terminal's modes (`stty -a`).
fn start_under_a_shell(home: Arc<tempfile::TempDir>, args: &[&str], env: &[(&str, &str)]) -> Session {
    let script = "\"$@\"; echo \"liseuse exited $?\"; stty -a; exec sleep 60";
    let mut command = vec!["-c", script, "sh", env!("CARGO_BIN_EXE_liseuse")];
    command.extend(args);
    Session::spawn("sh", home, &command, 100, 30, env)
}

fn wait_for_exit_under_the_shell(session: &Session) -> u32 {
    let status = |output: &str| -> Option<u32> {
        let (_, after) = output.split_once("liseuse exited ")?;
        after.split_whitespace().next()?.parse().ok()
    };
    let output = session.wait_for_output("liseuse to exit", |output| status(output).is_some());
    status(&output).expect("an exit status")
}

fn a_signal_while_the_pager_runs_saves_ends_it_and_restores(signal: &str, status: u32) {
    let home = Arc::new(tempfile::tempdir().expect("tempdir"));
    let (pager, pid_file) = slow_ending_pager(home.path());
    let mut session = start_under_a_shell(home.clone(), &[], &[("PAGER", &pager)]);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send("s");
    session.wait_for("the star", |screen| screen.contains('★'));
    session.send("e");
    let pids = wait_for_file(&pid_file, &session);
    let [shell, pager, liseuse] = pids.split(' ').collect::<Vec<_>>()[..] else {
        panic!("three process ids: {pids}");
    };
    let killed = std::process::Command::new("kill")
        .args([signal, liseuse])
        .status()
        .expect("kill");
    assert!(killed.success());
    assert_eq!(wait_for_exit_under_the_shell(&session), status);
    assert!(
        !is_running(shell) && !is_running(pager),
        "the pager was left running"
    );
    let output = session.output_text();
    let pager_ended = output.find("pager-ended").expect("the pager ended");
    assert!(
        pager_ended < output.find("liseuse exited").unwrap_or_default(),
        "liseuse waited for the pager to end"
    );
    session.assert_terminal_restored();
    session.child.kill().expect("end the shell");

    let mut session = Session::start_at_home(home, &[], 100, 30, &[]);
    let screen = session.wait_for("the list", |screen| screen.contains("1/2"));
    assert!(screen.contains('★'), "the star was saved:\n{screen}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn sigterm_while_the_pager_runs_saves_ends_the_pager_and_restores_the_terminal() {
    a_signal_while_the_pager_runs_saves_ends_it_and_restores("-TERM", 128 + 15);
}

#[test]
fn sighup_while_the_pager_runs_saves_hangs_up_the_pager_and_restores_the_terminal() {
    a_signal_while_the_pager_runs_saves_ends_it_and_restores("-HUP", 128 + 1);
}

#[test]
fn ctrl_c_in_the_pager_is_for_the_pager_and_the_reader_goes_on() {
    let home = Arc::new(tempfile::tempdir().expect("tempdir"));
    let pid_file = home.path().join("pager.pid");
    let pager = format!(
        "echo $$ > '{}.new'; mv '{0}.new' '{0}'; sleep 60",
        pid_file.display()
    );
    let mut session = Session::start_at_home(home.clone(), &[], 100, 30, &[("PAGER", &pager)]);
    session.wait_for("the list", |screen| screen.contains("1/2"));
    session.send("e");
    let shell = wait_for_file(&pid_file, &session);
    // A Ctrl-c that reached the shell before it started `sleep` would miss `sleep`.
    wait_for_child_program(&shell, "sleep", &session);
    // Outside raw mode, the terminal sends SIGINT to the pager and the reader alike.
    session.send("\x03");
    // Taken at start, then again once the pager has ended.
    session.wait_for_screen_taken(2);
    session.send("j");
    session.wait_for("keys work", |screen| screen.contains("2/2"));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

#[test]
fn an_editor_ended_by_a_signal_leaves_the_terminal_as_it_was() {
    let home = Arc::new(tempfile::tempdir().expect("tempdir"));
    let archive = archive_of_names_that_look_like_arguments();
    let pid_file = home.path().join("editor.pid");
    let editor = home.path().join("editor");
    // Raw mode, as a full-screen editor sets it, and no chance to set it back.
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nstty raw -echo\necho $$ > '{}.new'; mv '{0}.new' '{0}'\nsleep 60\n",
            pid_file.display()
        ),
    )
    .expect("editor");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let root = archive.path().to_str().expect("utf-8 path");
    let editor = editor.to_str().expect("utf-8 path");
    let mut session = start_under_a_shell(home.clone(), &[root], &[("EDITOR", editor), ("VISUAL", "")]);
    session.wait_for("the list", |screen| {
        screen.contains("1/3") && !screen.contains("loading")
    });
    session.send("E");
    wait_for_file(&pid_file, &session);
    let liseuse = session.child.process_id().expect("pid");
    let liseuse = std::fs::read_to_string(format!("/proc/{liseuse}/task/{liseuse}/children"))
        .expect("the shell's children");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", liseuse.trim()])
        .status()
        .expect("kill");
    assert!(killed.success());
    assert_eq!(wait_for_exit_under_the_shell(&session), 128 + 15);
    session.wait_for("the modes", |screen| screen.contains("icanon"));
    let output = session.output_text();
    let modes: Vec<&str> = output
        .split_once("liseuse exited")
        .map(|(_, after)| after.split_whitespace().collect())
        .unwrap_or_default();
    for mode in ["icanon", "echo", "opost", "isig"] {
        assert!(modes.contains(&mode), "{mode} is off: {modes:?}");
    }
    session.child.kill().expect("end the shell");
}

/// Text far longer than any query, as a user might paste by mistake.
fn page_of_text() -> String {
    "Sergueï Lavrov a reçu une délégation à Moscou. ".repeat(2_200)
}

#[test]
fn a_bracketed_paste_is_one_edit_cut_to_a_query_and_ctrl_c_still_quits() {
    let archive = tempfile::tempdir().expect("tempdir");
    write_archive(archive.path(), 2_000);
    let root = archive.path().to_str().expect("utf-8 path");
    let mut session = Session::start(&[root], 100, 30, &[]);
    session.wait_for("the archive", |screen| {
        screen.contains("1/2000") && !screen.contains("loading")
    });
    assert!(
        session.output_text().contains("\x1b[?2004h"),
        "bracketed paste asked of the terminal"
    );
    session.send("/");
    session.send(&format!("\x1b[200~{}\x1b[201~", page_of_text()));
    let screen = session.wait_for("the paste, cut", |screen| {
        screen.contains("only the first 1000 characters are kept")
    });
    assert!(screen.contains("à Moscou. Sergueï Lavrov"), "{screen}");
    session.send("\x03");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
    let output = session.output_text();
    let turned_off = output.rfind("\x1b[?2004l").expect("bracketed paste turned off");
    assert!(turned_off > output.rfind("\x1b[?2004h").unwrap_or(0));
}

#[test]
fn text_typed_faster_than_it_is_taken_does_not_hold_back_ctrl_c() {
    let archive = tempfile::tempdir().expect("tempdir");
    write_archive(archive.path(), 2_000);
    let root = archive.path().to_str().expect("utf-8 path");
    let mut session = Session::start(&[root], 100, 30, &[]);
    session.wait_for("the archive", |screen| {
        screen.contains("1/2000") && !screen.contains("loading")
    });
    // A terminal without bracketed paste types the text key by key, Ctrl-c right behind.
    session.send("/");
    session.send_in_background(format!("{}\x03", page_of_text()));
    assert_eq!(session.wait_exit(), 0, "Ctrl-c was taken behind 100 KB of typing");
    session.assert_terminal_restored();
}

#[test]
fn an_archive_on_standard_input_opens_in_the_reader_with_keys_from_the_terminal() {
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats/feed_atom.xml"
    );
    let script = format!(
        "cat '{feed}' | '{}' -; echo EXITED-$?",
        env!("CARGO_BIN_EXE_liseuse")
    );
    let mut session = Session::start_command("sh", &["-c", &script], 100, 30);
    session.wait_for("the feed's entries", |screen| {
        screen.contains("Vietnam's exports rise") && screen.contains("Samsung") && screen.contains("1/2")
    });
    session.send("j");
    session.wait_for("a key from the terminal", |screen| screen.contains("2/2"));
    session.send("q");
    session.wait_for("the reader left", |screen| screen.contains("EXITED-0"));
}

#[test]
fn a_typed_character_reaches_the_terminal_before_the_list_is_filtered() {
    let archive = tempfile::tempdir().expect("tempdir");
    write_archive(archive.path(), 3_000);
    let root = archive.path().to_str().expect("utf-8 path");
    let mut session = Session::start(&[root], 100, 30, &[]);
    session.wait_for("the archive", |screen| {
        screen.contains("1/3000") && !screen.contains("loading")
    });
    session.send("/");
    session.wait_for("the filter line", |screen| screen.contains("Enter keep"));
    let before = session.output_text().len();
    // No article matches: the list says so once the filtering is done. One character,
    // so that it is read, and echoed, in one piece however busy the machine.
    session.send("ж");
    session.wait_for("the filtered list", |screen| screen.contains("No match"));
    let output = session.output_text();
    let written = &output[before..];
    let echo = written.find('ж').expect("the typed text was written");
    let filtered = written.find("No match").expect("the list was written");
    assert!(
        echo < filtered,
        "the line typed into was on screen before the filtering: {written:?}"
    );
    session.send("\x03");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn each_archive_reopens_on_its_own_filter_and_selection() {
    let home = Arc::new(tempfile::tempdir().expect("tempdir"));
    let assets = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
    // Archive A: a filter typed and kept.
    let mut a = Session::start_at_home(home.clone(), &[assets], 100, 30, &[]);
    a.wait_for("archive A", |screen| {
        screen.contains("1/2") && !screen.contains("loading")
    });
    a.send("/chernyshenko\r");
    a.wait_for("the filter kept", |screen| {
        screen.contains("/chernyshenko") && screen.contains("1/1 of 2")
    });
    a.send("q");
    assert_eq!(a.wait_exit(), 0);
    // The bundled samples are another archive: no filter.
    let mut b = Session::start_at_home(home.clone(), &[], 100, 30, &[]);
    let screen = b.wait_for("archive B", |screen| screen.contains("2 unread"));
    assert!(
        screen.contains(" 1/2 ") && !screen.contains("chernyshenko"),
        "{screen}"
    );
    b.send("q");
    assert_eq!(b.wait_exit(), 0);
    // Archive A again, written another way: its filter is back.
    let mut again = Session::start_at_home(home, &[&format!("{assets}/")], 100, 30, &[]);
    again.wait_for("archive A's filter back", |screen| {
        screen.contains("/chernyshenko") && screen.contains("1/1 of 2")
    });
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn the_timeline_narrows_the_list_to_the_month_chosen() {
    let archive = tempfile::tempdir().expect("tempdir");
    write_archive(archive.path(), 120);
    let root = archive.path().to_str().expect("utf-8 path");
    let mut session = Session::start(&[root], 100, 30, &[]);
    session.wait_for("the whole archive", |screen| {
        screen.contains("1/120") && !screen.contains("loading")
    });
    session.send("t");
    session.wait_for("the timeline on the newest month", |screen| {
        screen.contains("Timeline, by month") && screen.contains("2020-12: 10 articles")
    });
    session.send("k");
    session.wait_for("the month before", |screen| {
        screen.contains("2020-11: 10 articles")
    });
    session.send("\r");
    let screen = session.wait_for("the list narrowed to November", |screen| {
        screen.contains("/10 of 120") && screen.contains("/date:2020-11")
    });
    assert!(!screen.contains("Timeline"), "closed:\n{screen}");
    assert!(screen.contains("2020-11"), "{screen}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}

#[test]
fn r_lists_the_related_dispatches_and_esc_returns_to_the_filtered_list() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/related");
    let mut session = Session::start(&[fixture], 120, 30, &[]);
    session.wait_for("the whole archive", |screen| {
        screen.contains("1/10") && !screen.contains("loading")
    });
    session.send("/'salinisation menace");
    session.wait_for("the one dispatch", |screen| screen.contains("1/1 of 10"));
    session.send("\r");
    session.send("r");
    let screen = session.wait_for("the other dispatches of the story", |screen| {
        screen.contains("related to «La salinisation menace")
            && !screen.contains("finding")
            && screen.contains("Ben Tre décrète")
            && screen.contains("Saltwater intrusion")
            && screen.contains("Delta du Mékong : les")
    });
    assert!(screen.contains(" Related "), "{screen}");
    session.send("\x1b");
    session.wait_for("the filtered list again", |screen| {
        screen.contains("1/1 of 10")
            && screen.contains("/'salinisation menace")
            && !screen.contains("Related")
    });
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_terminal_restored();
}
