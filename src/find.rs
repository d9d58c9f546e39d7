//! Finding text in the open article, as `less` does: every occurrence of the pattern in
//! the laid-out lines, ignoring case and diacritics, as char ranges to highlight.

use std::ops::Range;

use crate::fold::{fold, fold_str};
use crate::reading::ReadingLine;

/// One occurrence: a line of the laid-out article and the chars it covers there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub line: usize,
    pub chars: Range<usize>,
}

/// Every occurrence of any of `patterns` in `lines`, in reading order. Patterns are
/// matched folded (`hanoi` finds `Hanoï`); an occurrence cut by a line break is not found.
pub fn find_hits(lines: &[ReadingLine], patterns: &[&str]) -> Vec<Hit> {
    let needles: Vec<String> = patterns
        .iter()
        .map(|pattern| fold_str(pattern.trim()))
        .filter(|needle| !needle.is_empty())
        .collect();
    if needles.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (line_index, line) in lines.iter().enumerate() {
        let folded = fold(&line.text);
        let mut line_hits: Vec<Range<usize>> = needles
            .iter()
            .flat_map(|needle| occurrences(&folded.text, needle))
            .map(|bytes| {
                let start = folded.text[..bytes.start].chars().count();
                let end = start + folded.text[bytes].chars().count();
                let first = folded.origin.get(start).copied().unwrap_or(0);
                let last = folded.origin.get(end.saturating_sub(1)).copied().unwrap_or(first);
                first..last + 1
            })
            .collect();
        line_hits.sort_by_key(|range| (range.start, range.end));
        line_hits.dedup_by(|later, earlier| later.start < earlier.end);
        hits.extend(line_hits.into_iter().map(|chars| Hit {
            line: line_index,
            chars,
        }));
    }
    hits
}

/// Byte ranges of the non-overlapping occurrences of `needle` in `text`.
fn occurrences(text: &str, needle: &str) -> Vec<Range<usize>> {
    text.match_indices(needle)
        .map(|(start, found)| start..start + found.len())
        .collect()
}
