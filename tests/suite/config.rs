//! The config file: the embedded default, errors that name their line, library paths,
//! theme overrides, key bindings; and the flags that print the config, man page and
//! completions.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use liseuse::command::Command as UserCommand;
use liseuse::config::{self, Config, DEFAULT_CONFIG, KeyBindings, ThemeName};
use liseuse::theme::{COLOUR, MONOCHROME, Theme};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};

const ORIGIN: &str = "/etc/liseuse/config.toml";

fn parse(text: &str) -> Config {
    Config::parse(text, Path::new(ORIGIN)).expect("a valid config")
}

/// The error message for `text`, which must start with the file name and `line`.
fn error_at(text: &str, line: usize) -> String {
    let message = Config::parse(text, Path::new(ORIGIN))
        .expect_err("an invalid config")
        .to_string();
    let prefix = format!("{ORIGIN}: line {line}: ");
    assert!(message.starts_with(&prefix), "want {prefix:?}: {message}");
    message
}

/// The binary with a config folder of its own, so the user's config never interferes.
fn liseuse(args: &[&str], config_home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_liseuse"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .env("XDG_CONFIG_HOME", config_home)
        .stdin(Stdio::null())
        .output()
        .expect("run liseuse")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// A folder holding one dispatch whose title contains `word`.
fn archive_in(folder: &Path, word: &str) -> PathBuf {
    std::fs::create_dir_all(folder).expect("create archive");
    std::fs::write(
        folder.join("article.txt"),
        format!("Hanoï (VNA) – Une dépêche sur {word}.\n"),
    )
    .expect("write article");
    folder.to_path_buf()
}

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn debug(theme: &Theme) -> String {
    format!("{theme:?}")
}

#[test]
fn the_embedded_default_parses_to_the_defaults() {
    assert_eq!(parse(DEFAULT_CONFIG), Config::default());
}

#[test]
fn the_embedded_default_lists_every_action() {
    for action in config::actions() {
        assert!(
            DEFAULT_CONFIG
                .lines()
                .any(|line| line.starts_with(&format!("{action} = "))),
            "{action} missing from assets/config.toml"
        );
    }
}

#[test]
fn the_commented_styles_of_the_default_are_the_colour_theme() {
    let (before, theme_and_keys) = DEFAULT_CONFIG.split_once("[theme]").expect("[theme]");
    let (theme, keys) = theme_and_keys.split_once("[keys]").expect("[keys]");
    let theme: Vec<&str> = theme
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(setting) if setting.contains(" = \"") => setting,
            _ => line,
        })
        .collect();
    let uncommented = format!("{before}[theme]{}\n[keys]{keys}", theme.join("\n"));
    let config = parse(&uncommented);
    assert_eq!(config.theme.overrides.len(), 14, "one per element of Theme");
    assert_eq!(debug(&config.theme.theme(false)), debug(&COLOUR));
}

#[test]
fn print_config_prints_exactly_the_embedded_default() {
    let home = tempdir();
    let output = liseuse(&["--print-config"], home.path());
    assert!(output.status.success());
    assert_eq!(stdout(&output), DEFAULT_CONFIG);
}

#[test]
fn bad_toml_names_the_file_and_line() {
    let message = error_at("library = []\n\n[theme\nname = \"colour\"\n", 3);
    assert!(message.contains(']'), "{message}");
}

#[test]
fn unknown_keys_are_errors_on_their_line() {
    let message = error_at("library = []\n\n\ncolour = \"red\"\n", 4);
    assert!(message.contains("`colour`"), "{message}");

    let message = error_at("[theme]\nname = \"colour\"\ncolour = \"red\"\n", 3);
    assert!(message.contains("unknown key `colour` in [theme]"), "{message}");
}

#[test]
fn unknown_theme_names_are_errors() {
    let message = error_at("[theme]\n\nname = \"solarized\"\n", 3);
    assert!(message.contains("solarized"), "{message}");
}

#[test]
fn unknown_actions_are_errors_on_their_line() {
    let message = error_at("[keys]\ndown = \"j\"\njump = \"J\"\n", 3);
    assert!(message.contains("unknown action `jump`"), "{message}");
}

#[test]
fn bad_key_specs_are_errors_on_their_own_line() {
    let message = error_at("[keys]\ndown = [\n  \"j\",\n  \"hyper-j\",\n]\n", 4);
    assert!(message.contains("hyper-j"), "{message}");
    let message = error_at("[keys]\ntop = \"f13\"\n", 2);
    assert!(message.contains("f13"), "{message}");
    let message = error_at("[keys]\ntop = \"shift-/\"\n", 2);
    assert!(message.contains("\"?\""), "{message}");
    let message = error_at("[keys]\n\ntop = 3\n", 3);
    assert!(message.contains("a key or a list of keys"), "{message}");
}

#[test]
fn bad_colours_are_errors_on_their_line() {
    let message = error_at(
        "[theme]\nselected = \"black on cyan\"\nmatched = \"blurple\"\n",
        3,
    );
    assert!(message.contains("`blurple`"), "{message}");
    assert!(message.contains("matched"), "{message}");
    error_at("[theme]\nselected = \"black on\"\n", 2);
    error_at("[theme]\nselected = \"red green\"\n", 2);
    error_at("[theme]\nselected = \"\"\n", 2);
}

#[test]
fn a_key_bound_to_two_actions_is_an_error_naming_both() {
    let message = error_at("[keys]\nquit = \"q\"\n\ndown = [\"j\", \"k\"]\n", 4);
    assert!(message.contains("`k`"), "{message}");
    assert!(
        message.contains("`up`") && message.contains("`down`"),
        "{message}"
    );

    let message = error_at("[keys]\nstar = \"x\"\norder = \"x\"\n", 3);
    assert!(
        message.contains("`star`") && message.contains("`order`"),
        "{message}"
    );
}

#[test]
fn ctrl_c_cannot_be_bound_to_anything_but_quit() {
    let message = error_at("[keys]\nhelp = [\"?\", \"ctrl-c\"]\n", 2);
    assert!(message.contains("always quits"), "{message}");
    parse("[keys]\nquit = [\"q\", \"ctrl-c\"]\n");
}

#[test]
fn nothing_of_a_bad_file_is_applied() {
    let home = tempdir();
    let archive = archive_in(&home.path().join("news"), "Danang");
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!("library = [{archive:?}]\n[keys]\nbogus = \"x\"\n"),
    )
    .expect("write config");
    let output = liseuse(
        &["--config", config.to_str().expect("utf-8"), "--list"],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "{}", stdout(&output));
    assert!(stderr(&output).contains("line 3"), "{}", stderr(&output));
}

#[test]
fn a_missing_config_file_given_on_the_command_line_is_an_error() {
    let home = tempdir();
    let output = liseuse(&["--config", "/nonexistent/liseuse.toml", "--list"], home.path());
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("/nonexistent/liseuse.toml"), "{message}");
    assert!(message.contains("No such file"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn a_missing_default_config_file_means_the_defaults() {
    let home = tempdir();
    let output = liseuse(&["--list"], home.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stderr.is_empty(), "silently: {}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 2, "the bundled samples");
}

/// [`liseuse`], failing the test rather than hanging when it has not ended in 20 seconds
/// (its output must fit in the pipes: a few KiB).
fn liseuse_in_time(args: &[&str], config_home: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_liseuse"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .env("XDG_CONFIG_HOME", config_home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run liseuse");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("liseuse {args:?} still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_config_folder_that_cannot_hold_a_config_means_the_defaults_with_a_warning() {
    let home = tempdir();
    let file = home.path().join("a-file");
    std::fs::write(&file, "").expect("write");
    // The config home a file, or the liseuse folder in it a file.
    for (config_home, in_the_way) in [
        (file.clone(), file.clone()),
        (home.path().to_owned(), home.path().join("liseuse")),
    ] {
        std::fs::write(&in_the_way, "").expect("write");
        let output = liseuse(&["--list"], &config_home);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(stdout(&output).lines().count(), 2, "the bundled samples");
        let message = stderr(&output);
        assert!(
            message.contains(&in_the_way.display().to_string()) && message.contains("using the defaults"),
            "{message}"
        );
    }
    let output = liseuse(
        &[
            "--config",
            &file.join("config.toml").display().to_string(),
            "--list",
        ],
        home.path(),
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "a config named on the command line must be there"
    );
}

#[test]
fn a_config_file_that_is_a_fifo_a_device_or_huge_is_refused_at_once() {
    let home = tempdir();
    let fifo = home.path().join("fifo.toml");
    let huge = home.path().join("huge.toml");
    let device = home.path().join("zero.toml");
    std::fs::write(&huge, "# a comment\n".repeat(100_000)).expect("write");
    std::os::unix::fs::symlink("/dev/zero", &device).expect("link");
    let made_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|status| status.success());
    let mut cases = vec![
        (huge, "larger than 1 MiB"),
        (device, "not a regular file (a device)"),
    ];
    if made_fifo {
        cases.push((fifo.clone(), "not a regular file (a named pipe)"));
    } else {
        eprintln!("skipped: mkfifo is not available, no FIFO case");
    }
    for (path, reason) in cases {
        let output = liseuse_in_time(
            &["--config", path.to_str().expect("utf-8"), "--list"],
            home.path(),
        );
        assert_eq!(output.status.code(), Some(2), "{}", path.display());
        let message = stderr(&output);
        assert!(
            message.contains(path.to_str().expect("utf-8")) && message.contains(reason),
            "{message}"
        );
    }
    if made_fifo {
        // In the config folder too: refused, not waited on.
        std::fs::create_dir(home.path().join("liseuse")).expect("create");
        std::fs::rename(&fifo, home.path().join("liseuse/config.toml")).expect("move");
        let output = liseuse_in_time(&["--list"], home.path());
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains("a named pipe"), "{}", stderr(&output));
    }
}

#[test]
fn the_default_config_file_is_read_from_the_config_folder() {
    let home = tempdir();
    let folder = home.path().join("liseuse");
    archive_in(&folder.join("news"), "Danang");
    std::fs::write(folder.join("config.toml"), "library = [\"news\"]\n").expect("write");
    let output = liseuse(&["--list"], home.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("Danang"),
        "a relative path from the config's folder: {text}"
    );

    std::fs::write(folder.join("config.toml"), "[theme]\n\nbold = true\n").expect("write");
    let output = liseuse(&["--list"], home.path());
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("config.toml: line 3"), "{message}");
}

#[test]
fn library_paths_apply_only_when_no_path_is_given() {
    let home = tempdir();
    let archive = archive_in(&home.path().join("news"), "Danang");
    let config = home.path().join("my.toml");
    std::fs::write(&config, format!("library = [{archive:?}]\n")).expect("write");
    let config = config.to_str().expect("utf-8");

    let output = liseuse(&["--config", config, "--filter", "danang"], home.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("article.txt"));

    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
    let output = liseuse(&["--config", config, "--list", samples], home.path());
    assert_eq!(stdout(&output).lines().count(), 2, "the command line wins");
}

#[test]
fn a_leading_tilde_is_the_home_folder() {
    let home = tempdir();
    archive_in(&home.path().join("archives/vna"), "Hué");
    let config = home.path().join("config.toml");
    std::fs::write(&config, "library = [\"~/archives/vna\"]\n").expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_liseuse"))
        .args(["--config", config.to_str().expect("utf-8"), "--list"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .expect("run liseuse");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Hué"), "{}", stdout(&output));

    let config = parse("library = [\"~\", \"/srv/news\", \"vna\"]\n");
    let home = directories::BaseDirs::new().expect("a home folder");
    assert_eq!(
        config.library,
        [
            home.home_dir().to_path_buf(),
            PathBuf::from("/srv/news"),
            PathBuf::from("/etc/liseuse/vna"),
        ]
    );
}

#[test]
fn theme_overrides_replace_their_elements_only() {
    let config = parse(
        "[theme]\nselected = \"#ff8800 on 236 bold\"\ntitle = \"none\"\nmatched = \"LightRed Underlined\"\n",
    );
    let theme = config.theme.theme(false);
    assert_eq!(
        theme.selected,
        Style::new()
            .fg(Color::Rgb(0xff, 0x88, 0x00))
            .bg(Color::Indexed(236))
            .add_modifier(Modifier::BOLD)
    );
    assert_eq!(theme.title, Style::new());
    assert_eq!(
        theme.matched,
        Style::new()
            .fg(Color::LightRed)
            .add_modifier(Modifier::UNDERLINED)
    );
    assert_eq!(theme.date, COLOUR.date);
    assert_eq!(theme.status, COLOUR.status);

    let config = parse("[theme]\nname = \"monochrome\"\ndate = \"green italic\"\n");
    assert_eq!(config.theme.name, ThemeName::Monochrome);
    let theme = config.theme.theme(false);
    assert_eq!(
        theme.date,
        Style::new().fg(Color::Green).add_modifier(Modifier::ITALIC)
    );
    assert_eq!(theme.selected, MONOCHROME.selected);
}

#[test]
fn no_color_means_no_colours_whatever_the_config_says() {
    let config =
        parse("[theme]\nname = \"colour\"\nselected = \"black on cyan underlined\"\ndate = \"green\"\n");
    let theme = config.theme.theme(true);
    assert_eq!(theme.selected, Style::new().add_modifier(Modifier::UNDERLINED));
    assert_eq!(theme.date, MONOCHROME.date, "a colour-only style changes nothing");
    assert_eq!(theme.matched, MONOCHROME.matched);
    for style in [
        theme.selected,
        theme.matched,
        theme.title,
        theme.meta,
        theme.caption,
        theme.date,
        theme.source,
        theme.border,
        theme.border_focused,
        theme.status,
        theme.notice,
        theme.prompt,
        theme.cursor,
    ] {
        assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
    }
    assert_eq!(debug(&Config::default().theme.theme(true)), debug(&MONOCHROME));
}

#[test]
fn default_bindings_and_the_spellings_terminals_send() {
    let keys = KeyBindings::default();
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let shift = KeyModifiers::SHIFT;
    for (code, modifiers, action) in [
        (KeyCode::Char('j'), none, "down"),
        (KeyCode::Down, none, "down"),
        (KeyCode::Char('n'), ctrl, "down"),
        (KeyCode::Char('d'), ctrl, "half-page-down"),
        (KeyCode::Char('G'), none, "bottom"),
        (KeyCode::Char('G'), shift, "bottom"),
        (KeyCode::Char('g'), none, "top"),
        (KeyCode::BackTab, shift, "switch-pane"),
        (KeyCode::Char(' '), none, "reader-page-down"),
        (KeyCode::Char('@'), none, "names"),
        (KeyCode::Char('?'), shift, "help"),
        (KeyCode::Char('N'), shift, "prev-hit"),
    ] {
        assert_eq!(
            name_of(keys.command(&press(code, modifiers))),
            Some(action),
            "{code:?} {modifiers:?}"
        );
    }
    assert_eq!(
        name_of(keys.command(&press(KeyCode::Char('c'), ctrl))),
        None,
        "the caller quits"
    );
    assert_eq!(name_of(keys.command(&press(KeyCode::Char('j'), ctrl))), None);
}

#[test]
fn bindings_replace_the_defaults_of_their_action_only() {
    let keys = parse(
        "[keys]\nswitch-pane = \"tab\"\ntop = [\"shift-tab\", \"F5\"]\nbottom = [\"shift-g\", \"shift-G\", \"alt-space\"]\nredraw = \"Ctrl-L\"\nstar = []\norder = [\"o\", \"s\"]\n",
    )
    .keys;
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let shift = KeyModifiers::SHIFT;
    for (code, modifiers, action) in [
        (KeyCode::BackTab, shift, Some("top")),
        (KeyCode::Tab, shift, Some("top")),
        (KeyCode::Tab, none, Some("switch-pane")),
        (KeyCode::F(5), none, Some("top")),
        (KeyCode::Char('g'), none, None),
        (KeyCode::Home, none, None),
        (KeyCode::Char('G'), none, Some("bottom")),
        (KeyCode::Char('G'), shift, Some("bottom")),
        (KeyCode::Char(' '), KeyModifiers::ALT, Some("bottom")),
        (KeyCode::Char('l'), ctrl, Some("redraw")),
        (KeyCode::Char('s'), none, Some("order")),
        (KeyCode::Char('j'), none, Some("down")),
    ] {
        assert_eq!(
            name_of(keys.command(&press(code, modifiers))),
            action,
            "{code:?} {modifiers:?}"
        );
    }
    assert!(keys.keys_for(named("star")).is_empty());
    assert_eq!(keys.keys_for(named("top")), ["Shift-Tab", "F5"]);
    assert_eq!(keys.keys_for(named("bottom")), ["G", "Alt-Space"]);
}

#[test]
fn keys_are_shown_as_the_help_writes_them() {
    let keys = KeyBindings::default();
    assert_eq!(keys.keys_for(named("down")), ["j", "↓", "Ctrl-n"]);
    assert_eq!(keys.keys_for(named("page-down")), ["PgDn", "Ctrl-f"]);
    assert_eq!(keys.keys_for(named("open")), ["Enter", "l", "→"]);
    assert_eq!(keys.keys_for(named("switch-pane")), ["Tab", "Shift-Tab"]);
    assert_eq!(keys.keys_for(named("reader-page-down")), ["Space"]);
    assert!(UserCommand::named("no-such-action").is_none());
}

#[test]
fn man_prints_a_manual_page() {
    let home = tempdir();
    let output = liseuse(&["--man"], home.path());
    assert!(output.status.success());
    let page = stdout(&output);
    assert!(page.contains(".TH liseuse"), "{page}");
    assert!(page.contains("print\\-config"), "{page}");
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let home = tempdir();
    for (shell, filter_flag) in [("bash", "--filter"), ("zsh", "--filter"), ("fish", "-l filter")] {
        let output = liseuse(&["--completions", shell], home.path());
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        assert!(script.contains(filter_flag), "{shell}: {script}");
        assert!(script.contains("print-config"), "{shell}: {script}");
    }
    let output = liseuse(&["--completions", "tcsh"], home.path());
    assert_eq!(output.status.code(), Some(2));
}

/// The `[keys]` name of a command, as the config file spells it.
fn name_of(command: Option<UserCommand>) -> Option<&'static str> {
    command.and_then(|command| command.about().name)
}

fn named(name: &str) -> UserCommand {
    UserCommand::named(name).expect("a command of that name")
}

#[test]
fn the_reader_settings_are_read_and_default_to_72_columns_hyphenated_ragged() {
    assert_eq!(parse("").reader, liseuse::reading::Settings::default());
    let defaults = parse("").reader;
    assert_eq!(
        (defaults.measure, defaults.hyphenate, defaults.justify),
        (72, true, false)
    );
    let set = parse("[reader]\nmeasure = 60\nhyphenate = false\njustify = true\n").reader;
    assert_eq!((set.measure, set.hyphenate, set.justify), (60, false, true));
    assert_eq!(
        parse("[reader]\njustify = true\n").reader.measure,
        72,
        "the others keep their defaults"
    );
}

#[test]
fn a_measure_out_of_range_or_an_unknown_reader_setting_is_an_error_on_its_line() {
    assert!(error_at("[reader]\n\nmeasure = 5\n", 3).contains("20 to 1000 columns"));
    assert!(error_at("[reader]\nmeasure = -1\n", 2).contains("measure = -1"));
    assert!(error_at("[reader]\njustify = true\nhyphenation = true\n", 3).contains("hyphenation"));
    error_at("[reader]\nmeasure = \"wide\"\n", 2);
}
