//! Mail (`.eml`, and mbox files of many messages) through `mail-parser`: the Subject is
//! the title, Date the date, From the author; the text part is the body, or the HTML part
//! rendered when there is no text. An mbox is read as a stream, a message at a time.

use std::io::{self, BufRead};
use std::path::Path;

use mail_parser::{MessageParser, PartType};

use super::fields::Fields;
use super::{FileArticles, LoadError, html};
use crate::article::{Article, ArticleDate};

/// No one message is larger (attachments included); a larger one is skipped.
const MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;

/// Whether the start of a file is a mail message's: header lines a message has.
pub(crate) fn looks_like_mail(start: &str) -> bool {
    let headers = [
        "return-path:",
        "received:",
        "from:",
        "subject:",
        "date:",
        "message-id:",
        "mime-version:",
        "delivered-to:",
        "to:",
    ];
    let lower = start
        .get(..start.len().min(200))
        .unwrap_or(start)
        .to_ascii_lowercase();
    headers.iter().any(|header| lower.starts_with(header))
}

/// One message as an article; `part` for the N-th of an mbox.
pub(crate) fn parse_message(path: &Path, bytes: &[u8], part: Option<u32>) -> Result<Article, LoadError> {
    let Some(message) = MessageParser::default().parse(bytes) else {
        return Err(LoadError::Malformed {
            path: path.to_owned(),
            reason: "not a mail message".to_owned(),
        });
    };
    let has_plain_text = message
        .text_body
        .iter()
        .filter_map(|&id| message.parts.get(id as usize))
        .any(|part| matches!(part.body, PartType::Text(_)));
    let (text, html) = if has_plain_text {
        (message.body_text(0).map(|text| text.into_owned()), None)
    } else {
        (None, message.body_html(0).map(|html| html.into_owned()))
    };
    let author = message.from().and_then(|from| from.first()).and_then(|address| {
        address
            .name()
            .map(str::to_owned)
            .or_else(|| address.address().map(str::to_owned))
    });
    let date = message.date().and_then(|date| {
        let valid = (1..=12).contains(&date.month) && (1..=31).contains(&date.day) && date.year >= 1000;
        valid.then_some(ArticleDate {
            year: date.year,
            month: Some(date.month),
            day: Some(date.day),
        })
    });
    let fields = Fields {
        title: message.subject().map(str::to_owned),
        date,
        author,
        source: message.header_raw("List-Id").map(|list| list.trim().to_owned()),
        url: message
            .header_raw("Content-Base")
            .or_else(|| message.header_raw("X-Url"))
            .map(|url| url.trim().trim_matches(['<', '>', '"']).to_owned()),
        language: message
            .header_raw("Content-Language")
            .and_then(super::language::from_tag),
        text: text.filter(|text| !html::looks_like_html(text) || has_plain_text),
        html,
        summary: None,
    };
    fields.into_article(path, part)
}

/// Every message of the mbox `reader` (of the file at `path`); with `want`, the
/// `want`-th alone. Messages start at `From ` lines, after a blank line or at the start.
pub(crate) fn parse_mbox(
    path: &Path,
    mut reader: impl BufRead,
    want: Option<u32>,
) -> Result<FileArticles, LoadError> {
    let mut file = FileArticles::default();
    let mut message = Vec::new();
    let mut too_long = false;
    let mut line = Vec::new();
    let mut line_number = 0usize;
    let mut message_line = 1usize;
    let mut part = 0u32;
    let mut previous_blank = true;
    let finish =
        |message: &mut Vec<u8>, too_long: &mut bool, part: u32, at_line: usize, file: &mut FileArticles| {
            if part == 0 || want.is_some_and(|want| want != part) {
                message.clear();
                *too_long = false;
                return;
            }
            if *too_long {
                file.problems
                    .push(format!("line {at_line}: message {part} is larger than 16 MiB"));
            } else {
                unescape_from_lines(message);
                match parse_message(path, message, Some(part)) {
                    Ok(article) => file.articles.push(article),
                    Err(error) => file
                        .problems
                        .push(format!("line {at_line}: message {part}: {}", error.reason())),
                }
            }
            message.clear();
            *too_long = false;
        };
    loop {
        line.clear();
        let read = read_line_capped(&mut reader, &mut line).map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
        if read == 0 {
            break;
        }
        line_number += 1;
        if previous_blank && line.starts_with(b"From ") {
            finish(&mut message, &mut too_long, part, message_line, &mut file);
            if want.is_some_and(|want| part >= want) {
                return Ok(file);
            }
            part = part.saturating_add(1);
            message_line = line_number;
            previous_blank = false;
            continue;
        }
        if part == 0 && !line.iter().all(u8::is_ascii_whitespace) {
            // Text before the first `From ` line: a message without its envelope line.
            part = 1;
            message_line = line_number;
        }
        previous_blank = line == b"\n" || line == b"\r\n";
        let wanted = want.is_none_or(|want| want == part);
        if wanted && !too_long {
            if message.len() + line.len() > MAX_MESSAGE_BYTES {
                too_long = true;
                message.clear();
            } else {
                message.extend_from_slice(&line);
            }
        }
    }
    finish(&mut message, &mut too_long, part, message_line, &mut file);
    Ok(file)
}

/// A line into `line` (with its end), at most 1 MiB of it; the rest of a longer line is
/// read and dropped. The bytes read, 0 at the end.
fn read_line_capped(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    const MAX_LINE: usize = 1024 * 1024;
    let mut total = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(total);
        }
        let (used, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        let room = MAX_LINE.saturating_sub(line.len()).min(used);
        line.extend_from_slice(&available[..room]);
        reader.consume(used);
        total += used;
        if done {
            return Ok(total);
        }
    }
}

/// mboxrd's escaping undone: `>From ` at a line's start was `From `.
fn unescape_from_lines(message: &mut Vec<u8>) {
    if !message
        .windows(6)
        .any(|window| window == b"\n>From" || window.starts_with(b">From"))
    {
        return;
    }
    let mut out = Vec::with_capacity(message.len());
    for line in message.split_inclusive(|&byte| byte == b'\n') {
        let quotes = line.iter().take_while(|&&byte| byte == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    *message = out;
}
