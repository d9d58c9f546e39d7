//! Bytes to text: which encoding a file is in, and the one clean form all article text takes.

use std::borrow::Cow;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::sanitize::sanitized;

/// Decodes a file's bytes, or `None` when they are not text.
///
/// UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such (the decoding is
/// encoding_rs's; the guessing is ours). Bytes that are not UTF-8 are taken for a legacy
/// Windows-1252 file, the usual encoding of older French
/// text, unless they look binary. Mostly-UTF-8 bytes with a few bad sequences stay UTF-8,
/// with the bad sequences replaced, rather than turning every accent into mojibake.
/// Valid UTF-8, nearly every file, is borrowed rather than copied.
pub(crate) fn decode(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_or_legacy(rest)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        UTF_16LE.decode_without_bom_handling(rest).0
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        UTF_16BE.decode_without_bom_handling(rest).0
    } else {
        utf8_or_legacy(bytes)?
    };
    // Text files never hold NUL; binary ones nearly always do.
    (!text.contains('\0')).then_some(text)
}

/// The form every string of an [`Article`](crate::article::Article) takes: LF line ends,
/// no terminal controls, NFC. Sanitizing comes before normalising so that removing an
/// invisible character cannot leave an uncomposed sequence behind. Text already in that
/// form, nearly all of it, is borrowed rather than copied.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    let sanitized = if text.contains('\r') {
        let unified = text.replace("\r\n", "\n").replace('\r', "\n");
        let changed = match sanitized(&unified) {
            Cow::Owned(changed) => Some(changed),
            Cow::Borrowed(_) => None,
        };
        Cow::Owned(changed.unwrap_or(unified))
    } else {
        sanitized(text)
    };
    // Nearly all text is NFC already, and the quick check is much cheaper than composing.
    // It reads every candidate when it answers `Yes`, so it also tells whether any is a
    // combining mark, which only then need counting.
    let mut marks = false;
    let candidates = composing_candidates(&sanitized).inspect(|&c| marks |= is_combining_mark(c));
    match is_nfc_quick(candidates) {
        IsNormalized::Yes if !marks => sanitized,
        IsNormalized::Yes => cap_mark_runs(sanitized),
        IsNormalized::No | IsNormalized::Maybe => cap_mark_runs(Cow::Owned(sanitized.nfc().collect())),
    }
}

/// No script stacks more combining marks than this on one letter (Vietnamese in NFD: two).
const MAX_MARKS_PER_LETTER: usize = 6;

/// Drops combining marks past [`MAX_MARKS_PER_LETTER`] in a row: a letter carrying 200 000
/// of them is one cell holding half a megabyte, written again at every frame.
fn cap_mark_runs(text: Cow<'_, str>) -> Cow<'_, str> {
    if !composing_candidates(&text).any(is_combining_mark) {
        return text;
    }
    let mut run = 0;
    let too_many = text.chars().any(|c| {
        run = if is_combining_mark(c) { run + 1 } else { 0 };
        run > MAX_MARKS_PER_LETTER
    });
    if !too_many {
        return text;
    }
    let mut run = 0;
    let capped = text
        .chars()
        .filter(|&c| {
            run = if is_combining_mark(c) { run + 1 } else { 0 };
            run <= MAX_MARKS_PER_LETTER
        })
        .collect();
    Cow::Owned(capped)
}

/// The characters of `text` from U+0300 on, found by their first bytes. The others (ASCII,
/// Latin letters) are all starters in NFC: leaving them out of the quick check can make it
/// answer `No` for text that is NFC, which only costs composing, never `Yes` wrongly.
fn composing_candidates(text: &str) -> impl Iterator<Item = char> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let at = rest.bytes().position(|byte| byte >= 0xcc)?;
        let c = rest[at..].chars().next()?;
        rest = &rest[at + c.len_utf8()..];
        Some(c)
    })
}

fn utf8_or_legacy(bytes: &[u8]) -> Option<Cow<'_, str>> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(Cow::Borrowed(text));
    }
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte > invalid {
        Some(String::from_utf8_lossy(bytes))
    } else if looks_binary(bytes) {
        None
    } else {
        Some(WINDOWS_1252.decode_without_bom_handling(bytes).0)
    }
}

/// Control bytes text does not use (more than 1 %), or mostly high bytes (more than 30 %).
fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&byte| {
            matches!(byte, 0x01..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F) || undefined_in_windows_1252(byte)
        })
        .count();
    let high = bytes.iter().filter(|&&byte| byte >= 0x80).count();
    controls * 100 > bytes.len() || high * 10 > bytes.len() * 3
}

/// The five bytes Windows-1252 leaves undefined: a text in it never holds them.
fn undefined_in_windows_1252(byte: u8) -> bool {
    matches!(byte, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9").as_deref(), Some("café"));
    }

    #[test]
    fn windows_1252_is_decoded() {
        assert_eq!(
            decode(b"L\x92\xE9t\xE9 dernier, le caf\xE9 co\xFBtait 2 \x80 \x96 une \x9Cuvre.").as_deref(),
            Some("L’été dernier, le café coûtait 2 € – une œuvre.")
        );
    }

    #[test]
    fn bytes_windows_1252_leaves_undefined_never_reach_the_screen_as_controls() {
        let mut bytes = b"Le caf\xE9 co\xFBte \x81 un \x9D euro.".to_vec();
        bytes.extend(b" Une phrase ordinaire, sans rien d'autre.".repeat(10));
        let decoded = decode(&bytes).expect("text");
        let cleaned = clean(&decoded);
        assert!(cleaned.starts_with("Le café coûte "), "{cleaned}");
        assert!(
            !cleaned.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
            "{cleaned:?}"
        );
    }

    #[test]
    fn mostly_utf8_stays_utf8() {
        assert_eq!(
            decode(b"caf\xC3\xA9 et th\xC3\xA9 \xFF").as_deref(),
            Some("café et thé \u{fffd}")
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        assert_eq!(decode(b"\xFF\xFEc\0a\0f\0\xE9\0").as_deref(), Some("café"));
        assert_eq!(decode(b"\xFE\xFF\0c\0a\0f\0\xE9").as_deref(), Some("café"));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"abc\0def"), None);
        assert_eq!(decode(b"\xFF\xFEa\0\0\0"), None);
    }

    #[test]
    fn control_heavy_or_high_heavy_bytes_mean_binary() {
        assert_eq!(decode(b"\x89PNG\x1A\x0B\x01\x02\x03\xFF\xD8"), None);
        assert_eq!(decode(&[0xC0, 0xFF, 0xE9, 0xE8, 0x41]), None);
    }

    #[test]
    fn characters_left_out_of_the_quick_check_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        let mut left_out = 0;
        for c in char::MIN..=char::MAX {
            if composing_candidates(c.encode_utf8(&mut [0; 4])).next().is_some() {
                continue;
            }
            left_out += 1;
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
        assert!(
            left_out >= 0x80,
            "ASCII at least is passed over: the point of the cutoff"
        );
    }

    #[test]
    fn clean_borrows_clean_text() {
        assert!(matches!(clean("Hanoï (VNA) – l’été\n« oui »"), Cow::Borrowed(_)));
    }

    #[test]
    fn clean_unifies_line_ends_sanitizes_and_composes() {
        assert_eq!(clean("a\r\nb\rc\u{1b}[2Je\u{301}"), "a\nb\ncé");
    }

    #[test]
    fn clean_caps_runs_of_combining_marks() {
        let zalgo = format!("a{} fin", "\u{301}".repeat(200_000));
        let cleaned = clean(&zalgo);
        assert!(cleaned.chars().count() < 20, "{} chars", cleaned.chars().count());
        assert!(cleaned.starts_with('á') && cleaned.ends_with(" fin"));
        let vietnamese_nfd = "Vie\u{302}\u{323}t";
        assert_eq!(clean(vietnamese_nfd), "Việt", "ordinary stacks are kept");
    }
}
