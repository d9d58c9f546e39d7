//! The command-line modes, through the real binary.

use crate::common;

use std::process::{Command, Output, Stdio};

use common::pty::Session;

/// The binary with a home of its own: no user config, cache or state leaks in or out.
fn command() -> (Command, tempfile::TempDir) {
    let home = tempfile::tempdir().expect("tempdir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_liseuse"));
    command
        .current_dir(std::env::temp_dir())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("LISEUSE_CACHE_DIR")
        .env_remove("COLUMNS")
        .stdin(Stdio::null());
    (command, home)
}

fn liseuse(args: &[&str]) -> Output {
    let (mut command, _home) = command();
    command.args(args).output().expect("run liseuse")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

const ASSETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");

#[test]
fn list_prints_date_title_and_path_newest_first() {
    let output = liseuse(&["--list", ASSETS]);
    assert!(output.status.success());
    let text = stdout(&output);
    let lines: Vec<Vec<&str>> = text.lines().map(|line| line.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().all(|fields| fields.len() == 3), "{text}");
    assert_eq!(lines[0][0], "2021-04", "the dated article first");
    assert!(lines[0][1].contains("Nguyen Phu Trong"));
    assert!(lines[0][2].ends_with("002_36d229e41b7896dc.txt"));
    assert_eq!(lines[1][0], "", "no date: an empty field");
    assert!(lines[1][2].ends_with("000_21107d0269baae87.txt"));
}

#[test]
fn no_path_means_the_bundled_articles_from_any_directory() {
    let output = liseuse(&["--list"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("assets/articles/002_36d229e41b7896dc.txt"));
}

#[test]
fn filter_prints_matches_best_first_and_exits_1_on_none() {
    let output = liseuse(&["--filter", "to lam", ASSETS]);
    assert!(output.status.success());
    let text = stdout(&output);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.ends_with("000_21107d0269baae87.txt"),
        "Tô Lâm's article first: {text}"
    );

    let output = liseuse(&["--filter", "'to lam", ASSETS]);
    assert_eq!(stdout(&output).lines().count(), 1, "exact: only Tô Lâm's article");

    let output = liseuse(&["--filter", "hanoi", ASSETS]);
    assert!(stdout(&output).contains("002_36d229e41b7896dc.txt"));

    let output = liseuse(&["--filter", "poutine !trong", ASSETS]);
    assert_eq!(stdout(&output).lines().count(), 1);

    let output = liseuse(&["--filter", "zzzqqq", ASSETS]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn filter_takes_field_terms_and_exits_2_on_a_wrong_one() {
    let output = liseuse(&["--filter", "date:2021-04", ASSETS]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("002_36d229e41b7896dc.txt"), "{text}");

    let output = liseuse(&["--filter", "date:2021 | !date:2021", ASSETS]);
    assert_eq!(stdout(&output).lines().count(), 2, "the undated one too");

    for (query, said) in [
        ("date:2021-13", "no such month"),
        ("colour:red", "unknown field `colour:`"),
    ] {
        let output = liseuse(&["--filter", query, ASSETS]);
        assert_eq!(output.status.code(), Some(2), "{query}");
        assert!(output.stdout.is_empty(), "{query}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(said), "{query}: {message}");
    }
}

#[test]
fn timeline_prints_period_and_count_lines_of_all_or_the_matches() {
    let output = liseuse(&["--timeline", ASSETS]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), "2021-04\t1\nundated\t1\n");
    let output = liseuse(&["--timeline", "--filter", "'to lam", ASSETS]);
    assert_eq!(stdout(&output), "undated\t1\n", "the matches only");
    let output = liseuse(&["--timeline", "--filter", "date:2021-13", ASSETS]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn print_wraps_to_columns_without_escape_codes_when_piped() {
    let (mut command, _home) = command();
    let output = command
        .args(["--print", &format!("{ASSETS}/002_36d229e41b7896dc.txt")])
        .env("COLUMNS", "40")
        .output()
        .expect("run liseuse");
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.lines().all(|line| line.chars().count() <= 40), "{text}");
    assert!(!text.contains('\x1b'));
    assert!(text.starts_with("Le secrétaire général du Comité"), "{text}");
    assert!(text.contains("2021-04 · VNA · Hanoï"));
    assert!(text.trim_end().ends_with("acceptée."), "signature gone: {text}");
    assert!(!text.contains("Photo : VNA\n\n"));
}

#[test]
fn print_defaults_to_80_columns_and_finds_bundled_paths() {
    let output = liseuse(&["--print", "assets/articles/000_21107d0269baae87.txt"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    assert!(text.lines().all(|line| line.chars().count() <= 80));
    assert!(text.lines().any(|line| line.chars().count() > 60));
    assert!(text.trim_end().ends_with("mondiaux."));
}

#[test]
fn print_sets_the_text_at_the_measure_when_the_terminal_is_wider() {
    let print = |config: Option<&str>| {
        let (mut command, home) = command();
        if let Some(config) = config {
            let folder = home.path().join("config/liseuse");
            std::fs::create_dir_all(&folder).expect("config folder");
            std::fs::write(folder.join("config.toml"), config).expect("write config");
        }
        let output = command
            .args(["--print", &format!("{ASSETS}/000_21107d0269baae87.txt")])
            .env("COLUMNS", "200")
            .output()
            .expect("run liseuse");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let widest = stdout(&output).lines().map(|line| line.chars().count()).max();
        widest.unwrap_or(0)
    };
    assert!((61..=72).contains(&print(None)), "the default measure");
    assert!((41..=50).contains(&print(Some("[reader]\nmeasure = 50\n"))));
}

#[test]
fn print_of_a_missing_file_is_a_clear_error() {
    let output = liseuse(&["--print", "/nonexistent/x.txt"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        message.trim_end(),
        "liseuse: cannot print /nonexistent/x.txt: cannot read: No such file or directory (os error 2)",
        "the path and the reason, each said once"
    );
}

#[test]
fn unreadable_files_are_skipped_with_a_warning_on_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("good.txt"),
        "Hanoï (VNA) – Une dépêche de test.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("bad.txt"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    let output = liseuse(&["--list", dir.path().to_str().expect("utf-8 temp path")]);
    assert!(output.status.success());
    assert_eq!(stdout(&output).lines().count(), 1);
    let warnings = String::from_utf8_lossy(&output.stderr);
    assert!(warnings.contains("bad.txt"), "{warnings}");
}

#[test]
fn without_a_terminal_the_reader_refuses_with_status_2() {
    let output = liseuse(&[]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("ssh -t"), "{message}");
    assert!(message.contains("--list"), "{message}");
    assert!(!message.contains("panicked"));
}

#[test]
fn help_and_version() {
    let output = liseuse(&["--help"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for flag in ["--list", "--filter", "--print", "--version"] {
        assert!(text.contains(flag), "{flag}: {text}");
    }
    let output = liseuse(&["--version"]);
    assert!(stdout(&output).starts_with("liseuse "));
}

#[test]
fn escape_sequences_in_files_never_reach_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hostile = "Hanoï (VNA) – Un titre \x1b[2J\x1b]0;pwned\x07 avec \u{9b}31m des \u{202e}pièges\x08.\n\nLe corps \x1b]52;c;aGVsbG8=\x07 du texte.-VNA\n";
    std::fs::write(dir.path().join("hostile.txt"), hostile).expect("write");
    let path = dir.path().join("hostile.txt");
    for args in [
        vec!["--list", dir.path().to_str().expect("utf-8")],
        vec!["--filter", "titre", dir.path().to_str().expect("utf-8")],
        vec!["--print", path.to_str().expect("utf-8")],
    ] {
        let output = liseuse(&args);
        assert!(output.status.success(), "{args:?}");
        let text = stdout(&output);
        assert!(text.contains("Un titre"), "{text}");
        for forbidden in ['\x1b', '\x07', '\x08', '\u{9b}', '\u{202e}'] {
            assert!(
                !text.contains(forbidden),
                "{args:?} let {forbidden:?} through: {text:?}"
            );
        }
    }
}

#[test]
fn check_lists_skipped_and_altered_files_and_fails_when_any_was_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("clean.txt"),
        "Hanoï (VNA) – Une dépêche propre.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("crlf.txt"),
        "Hanoï (VNA) – Une dépêche\r\n\r\nen CRLF.\r\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Hano\xef (VNA) \x96 Une d\xe9p\xeache.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("escape.txt"), "Un titre \x1b[2J piégé.\n").expect("write");
    std::fs::write(dir.path().join("empty.txt"), "  \n").expect("write");
    let root = dir.path().to_str().expect("utf-8");
    let output = liseuse(&["--check", root]);
    assert_eq!(output.status.code(), Some(1), "a file was skipped");
    let text = stdout(&output);
    let line = |name: &str| {
        text.lines()
            .find(|line| line.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("empty.txt").starts_with("skipped"), "{text}");
    assert!(
        line("crlf.txt").starts_with("altered") && line("crlf.txt").contains("CRLF"),
        "{text}"
    );
    assert!(line("latin1.txt").contains("Windows-1252"), "{text}");
    assert!(line("escape.txt").contains("terminal controls"), "{text}");
    assert_eq!(line("clean.txt"), "", "a clean file is not listed: {text}");
    assert!(!text.contains('\x1b'));

    std::fs::remove_file(dir.path().join("empty.txt")).expect("remove");
    assert_eq!(
        liseuse(&["--check", root]).status.code(),
        Some(0),
        "altered only: success"
    );
}

/// Every mode that prints, with an article folder where `--check` has something to say.
fn printing_modes(archive: &std::path::Path) -> Vec<Vec<String>> {
    let root = archive.to_str().expect("utf-8").to_string();
    let article = archive.join("crlf.txt").to_str().expect("utf-8").to_string();
    [
        vec!["--completions", "bash"],
        vec!["--man"],
        vec!["--print-config"],
        vec!["--help"],
        vec!["--version"],
        vec!["--list", &root],
        vec!["--filter", "dépêche", &root],
        vec!["--print", &article],
        vec!["--check", &root],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(String::from).collect())
    .collect()
}

fn archive_with_an_altered_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("crlf.txt"),
        "Hanoï (VNA) – Une dépêche\r\n\r\nen CRLF.\r\n",
    )
    .expect("write");
    dir
}

fn run_with_stdout(args: &[String], stdout: Stdio) -> Output {
    let (mut command, _home) = command();
    command
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("run liseuse")
}

#[test]
fn a_full_disk_is_an_error_message_and_a_failure_never_a_panic() {
    let archive = archive_with_an_altered_file();
    for args in printing_modes(archive.path()) {
        let full = std::fs::File::create("/dev/full").expect("/dev/full");
        let output = run_with_stdout(&args, Stdio::from(full));
        let message = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(
            message.starts_with("liseuse: could not write to standard output:"),
            "{args:?}: {message}"
        );
        assert!(!message.contains("panicked"), "{args:?}: {message}");
    }
}

#[test]
fn a_closed_pipe_is_a_quiet_success() {
    let archive = archive_with_an_altered_file();
    for args in printing_modes(archive.path()) {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let output = run_with_stdout(&args, Stdio::from(writer));
        let message = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {message}");
        assert_eq!(message, "", "{args:?}");
    }
}

#[test]
fn a_message_to_a_full_stderr_is_lost_but_the_exit_status_stays() {
    for args in [vec!["--print", "/nonexistent/x.txt"], vec!["--no-such-flag"]] {
        let (mut command, _home) = command();
        let full = std::fs::File::create("/dev/full").expect("/dev/full");
        let output = command
            .args(&args)
            .stderr(Stdio::from(full))
            .output()
            .expect("run liseuse");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

/// Escape sequences a file name can carry to a terminal: a window title and a clipboard write.
const OSC_IN_A_NAME: &str = "\x1b]0;PWNED\x07name\x1b]52;c;cHduZWQ=\x07";

fn assert_no_escape_sequence(output: &str) {
    for sequence in ["\x1b]0;", "\x1b]52;", "\x07"] {
        assert!(
            !output.contains(sequence),
            "{sequence:?} reached the terminal: {output:?}"
        );
    }
}

#[test]
fn a_usage_error_does_not_replay_the_escape_sequences_of_an_argument_to_the_terminal() {
    // clap writes its colours, and the argument as it came, only to a terminal.
    let argument = format!("--{OSC_IN_A_NAME}");
    let mut session = Session::start(&[&argument], 100, 30, &[]);
    assert_eq!(session.wait_exit(), 2);
    let output = session.output_text();
    assert!(output.contains("unexpected argument '--name'"), "{output:?}");
    assert_no_escape_sequence(&output);
}

#[test]
fn an_error_message_does_not_replay_the_escape_sequences_of_a_path() {
    let config = format!("/nonexistent/{OSC_IN_A_NAME}");
    let output = liseuse(&["--config", &config, "--list"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("/nonexistent/name"), "{message:?}");
    assert_no_escape_sequence(&message);
}

const FORMATS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");
const MALFORMED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/malformed");

/// The binary with `input` on its standard input.
fn liseuse_with_input(args: &[&str], input: &[u8]) -> Output {
    let (mut command, _home) = command();
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run liseuse");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    output
}

#[test]
fn list_shows_the_address_of_each_article_of_a_file_of_many() {
    let output = liseuse(&["--list", FORMATS]);
    assert!(output.status.success());
    let text = stdout(&output);
    for address in [
        "feed_rss.xml#3",
        "inbox.mbox#2",
        "ccnews.jsonl.gz#1",
        "feed.json#2",
    ] {
        assert!(
            text.lines().any(|line| line.ends_with(address)),
            "{address} not in {text}"
        );
    }
    assert!(text.lines().any(|line| line.ends_with("page.html")), "{text}");
}

#[test]
fn print_takes_an_address() {
    let address = format!("{FORMATS}/feed_rss.xml#2");
    let output = liseuse(&["--print", &address]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    assert!(
        text.starts_with("Le Vietnam et le Laos renforcent leur coopération\n"),
        "{text}"
    );
    let missing = liseuse(&["--print", &format!("{FORMATS}/feed_rss.xml#7")]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no article #7"));
}

#[test]
fn list_and_filter_read_an_archive_of_any_format_from_standard_input() {
    let jsonl = std::fs::read(format!("{FORMATS}/ccnews.jsonl.gz")).expect("read fixture");
    let output = liseuse_with_input(&["--list", "-"], &jsonl);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.lines().any(|line| line.ends_with("\t-#3")), "{text}");

    let feed = std::fs::read(format!("{FORMATS}/feed_atom.xml")).expect("read fixture");
    let output = liseuse_with_input(&["--filter", "samsung", "-"], &feed);
    assert!(output.status.success());
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("Samsung to expand plant in Bac Ninh"), "{text}");

    let dispatch = "Hanoi (VNA) - A dispatch piped in.\n";
    let output = liseuse_with_input(&["--list", "-"], dispatch.as_bytes());
    assert!(
        stdout(&output).ends_with("\tA dispatch piped in\t-\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn check_lists_broken_records_by_file_and_line() {
    let output = liseuse(&["--check", MALFORMED]);
    assert_eq!(output.status.code(), Some(1), "records were skipped");
    let text = stdout(&output);
    assert!(
        text.lines()
            .any(|line| line.contains("broken.jsonl: line 2: broken JSON")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|line| line.contains("broken_feed.xml: line 9: item 2")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|line| line.contains("bad_front_matter.md: line 2: front matter")),
        "{text}"
    );
}
