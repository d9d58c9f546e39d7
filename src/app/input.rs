//! The lines the user types into (the filter, find, the names view's filter): their
//! editing keys, what pasted text becomes there, and how long such a line may grow.

use crate::command::Command;

/// Far longer than any query typed by hand, short enough that ranking it stays quick: a
/// pasted page is cut here.
pub const MAX_INPUT_CHARS: usize = 1_000;

/// Applies an editing command to `line`: Backspace, Ctrl-w (the last word), Ctrl-u (all).
/// False for any other command, which leaves the line alone.
pub fn apply(command: Command, line: &mut String) -> bool {
    match command {
        Command::DeleteChar => drop(line.pop()),
        Command::DeleteWord => {
            let kept = line.trim_end();
            let cut = kept.rfind(' ').map_or(0, |space| space + 1);
            line.truncate(cut);
        }
        Command::ClearLine => line.clear(),
        _ => return false,
    }
    true
}

/// Pasted text as one line: each run of line ends and tabs becomes a space, other control
/// characters are dropped (a paste must not type Esc or Enter).
pub fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    let mut in_break = false;
    for c in text.chars() {
        let is_break = matches!(c, '\n' | '\r' | '\t');
        if is_break && !in_break {
            line.push(' ');
        } else if !is_break && !c.is_control() {
            line.push(c);
        }
        in_break = is_break;
    }
    line
}

/// Cuts `input` to [`MAX_INPUT_CHARS`]; says whether it had to.
pub fn cut_to_limit(input: &mut String) -> bool {
    match input.char_indices().nth(MAX_INPUT_CHARS) {
        Some((end, _)) => {
            input.truncate(end);
            true
        }
        None => false,
    }
}

/// What the status line says when a line was cut.
pub fn cut_notice() -> String {
    format!("only the first {MAX_INPUT_CHARS} characters are kept")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_lines_become_one_line_without_controls() {
        assert_eq!(one_line("to lam\nhanoi\r\n\tx\x1b[2J\x07"), "to lam hanoi x[2J");
    }

    #[test]
    fn a_long_line_is_cut_at_a_character() {
        let mut input = "é".repeat(MAX_INPUT_CHARS + 5);
        assert!(cut_to_limit(&mut input));
        assert_eq!(input.chars().count(), MAX_INPUT_CHARS);
        assert!(!cut_to_limit(&mut input));
    }
}
