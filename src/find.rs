//! Finding text in the open article, as `less` does: every occurrence of the pattern,
//! ignoring case and diacritics, as char ranges of the laid-out lines to highlight.
//!
//! The article's text is searched as written, block by block, and each occurrence is then
//! mapped onto the lines that show it: a word hyphenated at a line's end, or words a line
//! break falls between, are found all the same, in one piece a line.

use std::ops::Range;

use crate::fold::{fold, fold_str};
use crate::reading::ReadingLine;

/// The part of one occurrence on one line: the chars it covers there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub line: usize,
    pub chars: Range<usize>,
    /// Which occurrence it is part of, counted from 0 in reading order.
    pub hit: usize,
}

/// Every occurrence, in reading order, each in one piece a line it is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// In reading order: by occurrence, and so by line.
    pieces: Vec<Piece>,
    count: usize,
}

impl Hits {
    /// How many occurrences.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The pieces of occurrence `hit`, one a line.
    pub fn pieces_of(&self, hit: usize) -> &[Piece] {
        let first = self.pieces.partition_point(|piece| piece.hit < hit);
        let end = first + self.pieces[first..].partition_point(|piece| piece.hit == hit);
        &self.pieces[first..end]
    }

    /// The line occurrence `hit` starts on.
    pub fn line(&self, hit: usize) -> Option<usize> {
        self.pieces_of(hit).first().map(|piece| piece.line)
    }

    /// The first occurrence starting on `line` or after, if any.
    pub fn first_from(&self, line: usize) -> Option<usize> {
        let first = self.pieces.partition_point(|piece| piece.line < line);
        self.pieces[first..]
            .iter()
            .find(|piece| self.line(piece.hit) == Some(piece.line))
            .map(|piece| piece.hit)
    }

    /// The pieces on `line`, left to right.
    pub fn on_line(&self, line: usize) -> &[Piece] {
        let first = self.pieces.partition_point(|piece| piece.line < line);
        let end = first + self.pieces[first..].partition_point(|piece| piece.line == line);
        &self.pieces[first..end]
    }
}

/// Every occurrence of any of `patterns` in `blocks` (the article's texts, as
/// [`crate::reading::blocks`] gives them), on the `lines` laid out from them. Patterns are
/// matched folded (`hanoi` finds `Hanoï`).
pub fn find_hits(blocks: &[&str], lines: &[ReadingLine], patterns: &[&str]) -> Hits {
    let needles: Vec<String> = patterns
        .iter()
        .map(|pattern| fold_str(pattern.trim()))
        .filter(|needle| !needle.is_empty())
        .collect();
    let mut hits = Hits::default();
    if needles.is_empty() {
        return hits;
    }
    for (block, text) in blocks.iter().enumerate() {
        let found = occurrences_in(text, &needles);
        if found.is_empty() {
            continue;
        }
        let first_line = lines.partition_point(|line| line.block < block);
        let block_lines = &lines[first_line..];
        let block_lines = &block_lines[..block_lines.partition_point(|line| line.block == block)];
        for bytes in found {
            let shown = block_lines.partition_point(|line| line.source.end <= bytes.start);
            let mut pieces = block_lines[shown..]
                .iter()
                .zip(first_line + shown..)
                .take_while(|(line, _)| line.source.start < bytes.end)
                .filter_map(|(line, index)| {
                    let on_line = bytes.start.max(line.source.start)..bytes.end.min(line.source.end);
                    (!on_line.is_empty()).then(|| Piece {
                        line: index,
                        chars: shown_chars(line, text, on_line),
                        hit: hits.count,
                    })
                })
                .peekable();
            if pieces.peek().is_some() {
                hits.pieces.extend(pieces);
                hits.count += 1;
            }
        }
    }
    hits
}

/// The byte ranges of `text` where any of `needles` (folded) occurs, in order, without
/// overlaps.
fn occurrences_in(text: &str, needles: &[String]) -> Vec<Range<usize>> {
    let folded = fold(text);
    let mut chars: Vec<Range<usize>> = needles
        .iter()
        .flat_map(|needle| folded.text.match_indices(needle.as_str()))
        .map(|(start, found)| {
            let start = folded.text[..start].chars().count();
            let end = start + found.chars().count();
            let first = folded.origin.get(start).copied().unwrap_or(0);
            let last = folded.origin.get(end.saturating_sub(1)).copied().unwrap_or(first);
            first..last + 1
        })
        .collect();
    chars.sort_by_key(|range| (range.start, range.end));
    chars.dedup_by(|later, earlier| later.start < earlier.end);
    if chars.is_empty() {
        return Vec::new();
    }
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(byte, _)| byte)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte = |char_index: usize| byte_of.get(char_index).copied().unwrap_or(text.len());
    chars
        .into_iter()
        .map(|range| byte(range.start)..byte(range.end))
        .collect()
}

/// The chars of `line.text` that show `bytes` of its block `text`: the line is its lead,
/// then the block's text with spaces added (justification) and maybe a hyphen at the end.
fn shown_chars(line: &ReadingLine, text: &str, bytes: Range<usize>) -> Range<usize> {
    let mut shown = line.text.chars().enumerate().skip(line.lead);
    let (mut start, mut end) = (None, line.lead);
    for (offset, c) in text[line.source.clone()].char_indices() {
        let at = line.source.start + offset;
        if at >= bytes.end {
            break;
        }
        let Some((index, _)) = shown.by_ref().find(|&(_, shown_char)| shown_char == c) else {
            break;
        };
        if at >= bytes.start {
            start.get_or_insert(index);
            end = index + 1;
        }
    }
    start.unwrap_or(end)..end
}
