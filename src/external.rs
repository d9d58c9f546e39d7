//! What the reader asks of the world outside its screen: a pager, an editor, the
//! clipboard (OSC 52, which works over SSH), and the shell's job control (Ctrl-z).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{cursor, execute, terminal};

use crate::event::InputGate;
use crate::foreground::Foreground;
use crate::sanitize::sanitize_line;

/// What is handed to a program that takes the whole terminal for a while.
#[derive(Debug, Clone, Copy)]
pub enum Handover<'a> {
    /// This text in `$PAGER`.
    Page(&'a str),
    /// This file in `$EDITOR`.
    Edit(&'a Path),
    /// The shell, until `fg` (Ctrl-z).
    Suspend,
}

/// Gives the terminal to a program, and takes it back; says what the status line should
/// tell, if anything. The program runs as `foreground`, so signals reach it too.
pub fn hand_over(what: Handover, gate: &InputGate, foreground: &Foreground) -> io::Result<Option<String>> {
    match what {
        Handover::Page(text) => away_from_screen(gate, foreground, || Ok(page(text, foreground))),
        Handover::Edit(path) if !path.is_file() => Ok(Some(format!(
            "{} is not a file on disk",
            sanitize_line(&path.to_string_lossy())
        ))),
        Handover::Edit(path) => away_from_screen(gate, foreground, || Ok(edit(path, foreground))),
        Handover::Suspend => away_from_screen(gate, foreground, || {
            signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
            Ok(None)
        }),
    }
}

/// Leaves the alternate screen and raw mode for `run`, then takes the terminal back,
/// unless the reader is leaving on a signal meanwhile: the terminal may be gone.
fn away_from_screen(
    gate: &InputGate,
    foreground: &Foreground,
    run: impl FnOnce() -> io::Result<Option<String>>,
) -> io::Result<Option<String>> {
    gate.pause();
    let mut stdout = io::stdout();
    terminal::disable_raw_mode()?;
    execute!(
        stdout,
        DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    )?;
    let outcome = run();
    if foreground.leaving_on().is_some() {
        return outcome;
    }
    execute!(
        stdout,
        terminal::EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
    terminal::enable_raw_mode()?;
    gate.resume();
    outcome
}

/// `$PAGER` (default `less`), reading the article on its standard input: no file name
/// reaches its command line. Without `LESSOPEN`: the text is what the reader shows, and a
/// preprocessor guessing a file type from it (`|-` pipes standard input too) would run a
/// converter on whatever an article holds.
fn page(text: &str, foreground: &Foreground) -> Option<String> {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|pager| !pager.trim().is_empty());
    let pager = pager.as_deref().unwrap_or("less");
    let mut command = Command::new("sh");
    command
        .args(["-c", pager])
        .env_remove("LESSOPEN")
        .env_remove("LESSCLOSE")
        .stdin(Stdio::piped());
    let ran = foreground.run(&mut command, |child| {
        if let Some(mut input) = child.stdin.take() {
            // A pager that quits before reading everything closes the pipe: not an error.
            let _ = input.write_all(text.as_bytes());
        }
    });
    trouble(pager, ran)
}

/// `$VISUAL`, `$EDITOR` or `vi` on the article's file. The variable may hold arguments
/// (`code -w`), so the shell reads it; the path goes as `"$1"`, out of the shell's reach,
/// and absolute: starting with `/`, no editor can take it for an option or a `+command`.
fn edit(path: &Path, foreground: &Foreground) -> Option<String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|editor| !editor.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut command = Command::new("sh");
    command
        .args(["-c", &format!("{editor} \"$1\""), "sh"])
        .arg(unambiguous(path));
    // With an archive read from standard input, the editor's keys come from the terminal.
    if !io::stdin().is_terminal()
        && let Ok(terminal) = std::fs::File::open("/dev/tty")
    {
        command.stdin(terminal);
    }
    trouble(&editor, foreground.run(&mut command, |_| {}))
}

/// What to tell of a program that could not run or did not end well; the command comes
/// from the environment, and is shown sanitised like anything else.
fn trouble(command: &str, ran: io::Result<Option<ExitStatus>>) -> Option<String> {
    let command = sanitize_line(command);
    match ran {
        Ok(Some(status)) if !status.success() => Some(format!("{command} ended with {status}")),
        Ok(_) => None,
        Err(error) => Some(format!("could not run {command}: {error}")),
    }
}

/// `path` made absolute; should the working folder be gone, `./path`, which no program
/// reads as an option either.
fn unambiguous(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| Path::new(".").join(path))
}

/// The longest OSC 52 sequence sent: 100 000 bytes, the limit of hterm's `osc52.sh` and
/// vim-oscyank. Past it a copy is likely lost: tmux drops sequences over 1 MiB, Termux takes
/// about 7 KB, mintty and Tabby less still; kitty takes more.
const MAX_OSC52_BYTES: usize = 100_000;
const OSC52_START: &str = "\x1b]52;c;";
/// The most text that fits: base64 makes 4 bytes of 3, and BEL ends the sequence.
const MAX_COPY_BYTES: usize = (MAX_OSC52_BYTES - OSC52_START.len() - 1) / 4 * 3;

/// OSC 52: the terminal (or the one at the other end of SSH) puts the text on its
/// clipboard. Nothing confirms it, so the message says what was sent, not that it was copied.
pub fn copy_to_clipboard(text: &str) -> io::Result<String> {
    if text.len() > MAX_COPY_BYTES {
        return Ok(format!(
            "not copied: the text is {} bytes, and a terminal's clipboard takes at most \
             {MAX_COPY_BYTES} over OSC 52",
            text.len()
        ));
    }
    let inside_tmux = std::env::var_os("TMUX").is_some_and(|tmux| !tmux.is_empty());
    let mut stdout = io::stdout();
    stdout.write_all(clipboard_sequences(text, inside_tmux).as_bytes())?;
    stdout.flush()?;
    let characters = text.chars().count();
    Ok(if inside_tmux {
        format!(
            "sent {characters} characters for the clipboard through tmux (OSC 52; tmux may \
             need set-clipboard on)"
        )
    } else {
        format!("sent {characters} characters to the terminal's clipboard (OSC 52)")
    })
}

/// The OSC 52 sequence for `text`. Inside tmux, twice: tmux takes the plain one only with
/// `set-clipboard on` (its default, `external`, ignores programs), and passes the wrapped
/// one to the terminal with `allow-passthrough on`, or always before tmux 3.3.
fn clipboard_sequences(text: &str, inside_tmux: bool) -> String {
    let mut sequence = String::from(OSC52_START);
    STANDARD.encode_string(text, &mut sequence);
    sequence.push('\x07');
    if inside_tmux {
        let passthrough = format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"));
        sequence.push_str(&passthrough);
    }
    sequence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_goes_base64_encoded_in_one_osc52_sequence() {
        assert_eq!(clipboard_sequences("foobar", false), "\x1b]52;c;Zm9vYmFy\x07");
        assert_eq!(clipboard_sequences("é", false), "\x1b]52;c;w6k=\x07");
    }

    #[test]
    fn inside_tmux_the_sequence_also_goes_through_the_passthrough() {
        assert_eq!(
            clipboard_sequences("fo", true),
            "\x1b]52;c;Zm8=\x07\x1bPtmux;\x1b\x1b]52;c;Zm8=\x07\x1b\\"
        );
    }

    #[test]
    fn the_longest_text_copied_makes_the_longest_sequence_sent() {
        let longest = "a".repeat(MAX_COPY_BYTES);
        let sent = clipboard_sequences(&longest, false).len();
        assert!(sent <= MAX_OSC52_BYTES, "{sent}");
        assert!(sent + 4 > MAX_OSC52_BYTES, "{sent}: 3 bytes more would still fit");
    }
}
