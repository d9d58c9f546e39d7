//! What the reader asks of the world outside its screen: a pager, an editor, the
//! clipboard (OSC 52, which works over SSH), and the shell's job control (Ctrl-z).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use ratatui::crossterm::{cursor, execute, terminal};

use crate::app::Effect;
use crate::event::InputGate;
use crate::sanitize::sanitize_line;

/// Carries out `effect`; says what the status line should tell, if anything.
pub fn perform(effect: Effect, gate: &InputGate) -> io::Result<Option<String>> {
    match effect {
        Effect::Copy(text) => {
            copy_to_clipboard(&text)?;
            Ok(None)
        }
        Effect::Page(text) => away_from_screen(gate, || page(&text)),
        Effect::Edit(path) if !path.is_file() => Ok(Some(format!(
            "{} is not a file on disk",
            sanitize_line(&path.to_string_lossy())
        ))),
        Effect::Edit(path) => away_from_screen(gate, || edit(&path)),
        // The event loop reads the file itself: the terminal is not involved.
        Effect::Reread(_) => Ok(None),
        Effect::Suspend => away_from_screen(gate, || {
            signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
            Ok(None)
        }),
    }
}

/// Leaves the alternate screen and raw mode for `run`, then takes the terminal back.
fn away_from_screen(
    gate: &InputGate,
    run: impl FnOnce() -> io::Result<Option<String>>,
) -> io::Result<Option<String>> {
    gate.pause();
    let mut stdout = io::stdout();
    terminal::disable_raw_mode()?;
    execute!(stdout, terminal::LeaveAlternateScreen, cursor::Show)?;
    let outcome = run();
    execute!(stdout, terminal::EnterAlternateScreen, cursor::Hide)?;
    terminal::enable_raw_mode()?;
    gate.resume();
    outcome
}

/// `$PAGER` (default `less`), reading the article on its standard input: no file name
/// reaches its command line. Without `LESSOPEN`: the text is what the reader shows, and a
/// preprocessor guessing a file type from it (`|-` pipes standard input too) would run a
/// converter on whatever an article holds.
fn page(text: &str) -> io::Result<Option<String>> {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|pager| !pager.trim().is_empty());
    let pager = pager.as_deref().unwrap_or("less");
    let mut child = match Command::new("sh")
        .args(["-c", pager])
        .env_remove("LESSOPEN")
        .env_remove("LESSCLOSE")
        .stdin(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) => return Ok(Some(failed_to_start(pager, &error))),
    };
    if let Some(mut input) = child.stdin.take() {
        // A pager that quits before reading everything closes the pipe: not an error.
        let _ = input.write_all(text.as_bytes());
    }
    let status = child.wait()?;
    Ok((!status.success()).then(|| ended_with(pager, status)))
}

/// `$VISUAL`, `$EDITOR` or `vi` on the article's file. The variable may hold arguments
/// (`code -w`), so the shell reads it; the path goes as `"$1"`, out of the shell's reach,
/// and absolute: starting with `/`, no editor can take it for an option or a `+command`.
fn edit(path: &Path) -> io::Result<Option<String>> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|editor| !editor.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let status = Command::new("sh")
        .args(["-c", &format!("{editor} \"$1\""), "sh"])
        .arg(unambiguous(path))
        .status();
    Ok(match status {
        Ok(status) if status.success() => None,
        Ok(status) => Some(ended_with(&editor, status)),
        Err(error) => Some(failed_to_start(&editor, &error)),
    })
}

/// `path` made absolute; should the working folder be gone, `./path`, which no program
/// reads as an option either.
fn unambiguous(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| Path::new(".").join(path))
}

/// The command comes from the environment: shown sanitised, like anything else.
fn failed_to_start(command: &str, error: &io::Error) -> String {
    format!("could not start {}: {error}", sanitize_line(command))
}

fn ended_with(command: &str, status: ExitStatus) -> String {
    format!("{} ended with {status}", sanitize_line(command))
}

/// OSC 52: the terminal (or the one at the other end of SSH) puts the text on its clipboard.
fn copy_to_clipboard(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout();
    write!(stdout, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
    stdout.flush()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut encoded = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |group, (index, &byte)| {
            group | u32::from(byte) << (16 - 8 * index)
        });
        for position in 0..4 {
            if position <= chunk.len() {
                let sextet = (group >> (18 - 6 * position)) & 0x3f;
                encoded.push(char::from(ALPHABET[sextet as usize]));
            } else {
                encoded.push('=');
            }
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }
}
