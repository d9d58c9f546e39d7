//! The loader's speed in each format it reads, in articles a second: the same generated
//! dispatches written as plain text, web pages, RSS, Atom and JSON feeds, a JSON array,
//! JSON Lines (plain and gzipped), Markdown clips, mail and an mbox, each loaded cold.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use liseuse::loader::{self, LoadOptions};

use crate::stats::{Samples, Table, time_runs};

/// Articles per format: enough to time, few enough that eleven formats stay quick.
pub const ARTICLES: usize = 2_000;
/// Items per feed file, as a news site's feed holds.
const PER_FEED: usize = 100;

/// Writes the sources in one format into a folder.
type Writer = fn(&[Source], &Path) -> io::Result<()>;

/// One article of the corpus, as the formats need it.
struct Source {
    title: String,
    text: String,
}

/// Writes the first [`ARTICLES`] dispatches under `corpus` in every format under `out`,
/// loads each format's folder cold, and adds a line per format to `table`.
pub fn measure(corpus: &Path, out: &Path, table: &mut Table) -> anyhow::Result<()> {
    let sources = sources(corpus)?;
    let count = sources.len();
    let formats: [(&str, Writer); 11] = [
        ("plain text (.txt)", write_text),
        ("web pages (.html)", write_html),
        ("RSS 2.0 feeds (.xml, 100 items each)", write_rss),
        ("Atom feeds (.atom, 100 entries each)", write_atom),
        ("JSON Feed (.json, 100 items each)", write_json_feed),
        ("JSON array (.json, one file)", write_json_array),
        ("JSON Lines (.jsonl, one file)", write_jsonl),
        ("JSON Lines gzipped (.jsonl.gz, one file)", write_jsonl_gz),
        ("Markdown with YAML front matter (.md)", write_markdown),
        ("mail (.eml)", write_eml),
        ("mbox (one file)", write_mbox),
    ];
    let options = LoadOptions {
        cache_dir: None,
        texts_let_go: false,
    };
    for (index, (name, write)) in formats.into_iter().enumerate() {
        let folder = out.join(format!("format-{index}"));
        fs::create_dir_all(&folder)?;
        write(&sources, &folder)?;
        let paths = vec![folder];
        let mut loaded = 0;
        let samples: Samples = time_runs(
            || (),
            |()| {
                loaded = 0;
                loader::load_streaming(&paths, &options, |batch| {
                    loaded += batch.articles.len();
                    true
                });
            },
        );
        anyhow::ensure!(loaded == count, "{name}: loaded {loaded} of {count} articles");
        let per_second = count as f64 / (samples.median() / 1000.0);
        table.value(
            &format!("loader speed, {name}"),
            format!("{} articles/s", thousands(per_second)),
            samples.len(),
            "",
        );
    }
    table.note(format!(
        "loader speed: the first {} articles of the archive written in each format, loaded with no cache on every core; median of the runs",
        ARTICLES.min(count)
    ));
    Ok(())
}

fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value);
    let mut out = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

/// The first [`ARTICLES`] `.txt` files under `corpus`, in name order.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

fn sources(corpus: &Path) -> io::Result<Vec<Source>> {
    let mut files = Vec::new();
    let mut folders = vec![corpus.to_owned()];
    while let Some(folder) = folders.pop() {
        let mut entries: Vec<PathBuf> = fs::read_dir(&folder)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for path in entries {
            if path.is_dir() {
                folders.push(path);
            } else if files.len() < ARTICLES && !is_hidden(&path) {
                // Not the corpus's own marker (`.complete`): dispatches only.
                files.push(path);
            }
        }
    }
    files
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path)?;
            let title = text
                .lines()
                .find(|line| !line.trim().is_empty())
                .unwrap_or("Article")
                .chars()
                .take(90)
                .collect::<String>();
            Ok(Source { title, text })
        })
        .collect()
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|paragraph| !paragraph.trim().is_empty())
        .map(|paragraph| format!("<p>{}</p>", escape_xml(paragraph.trim())))
        .collect()
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn write_text(sources: &[Source], folder: &Path) -> io::Result<()> {
    for (index, source) in sources.iter().enumerate() {
        fs::write(folder.join(format!("{index:05}.txt")), &source.text)?;
    }
    Ok(())
}

fn write_html(sources: &[Source], folder: &Path) -> io::Result<()> {
    for (index, source) in sources.iter().enumerate() {
        let page = format!(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title>\
             <meta property=\"og:site_name\" content=\"Le Courrier\">\
             <meta property=\"article:published_time\" content=\"2024-06-20T08:00:00+07:00\"></head>\
             <body><header><nav><a href=\"/\">Accueil</a> <a href=\"/monde\">Monde</a> <a href=\"/eco\">Économie</a></nav></header>\
             <div class=\"advert\">Publicité : abonnez-vous</div><main><article><h1>{title}</h1>{body}</article></main>\
             <aside><h3>Les plus lus</h3><ul><li>Un</li><li>Deux</li></ul></aside>\
             <footer>© Le Courrier · Mentions légales</footer></body></html>",
            title = escape_xml(&source.title),
            body = html_paragraphs(&source.text),
        );
        fs::write(folder.join(format!("{index:05}.html")), page)?;
    }
    Ok(())
}

fn write_rss(sources: &[Source], folder: &Path) -> io::Result<()> {
    for (feed, chunk) in sources.chunks(PER_FEED).enumerate() {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" \
             xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Le Courrier</title>",
        );
        for (index, source) in chunk.iter().enumerate() {
            let _ = write!(
                xml,
                "<item><title>{}</title><link>https://courrier.example/{feed}/{index}</link>\
                 <pubDate>Thu, 20 Jun 2024 09:15:00 +0700</pubDate>\
                 <content:encoded><![CDATA[{}]]></content:encoded></item>",
                escape_xml(&source.title),
                html_paragraphs(&source.text),
            );
        }
        xml.push_str("</channel></rss>");
        fs::write(folder.join(format!("{feed:03}.xml")), xml)?;
    }
    Ok(())
}

fn write_atom(sources: &[Source], folder: &Path) -> io::Result<()> {
    for (feed, chunk) in sources.chunks(PER_FEED).enumerate() {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
             <title>Le Courrier</title><id>urn:courrier</id><updated>2024-06-21T10:00:00Z</updated>",
        );
        for (index, source) in chunk.iter().enumerate() {
            let _ = write!(
                xml,
                "<entry><title>{}</title><link href=\"https://courrier.example/{feed}/{index}\"/>\
                 <id>urn:courrier:{feed}:{index}</id><published>2024-06-21T09:00:00Z</published>\
                 <content type=\"html\">{}</content></entry>",
                escape_xml(&source.title),
                escape_xml(&html_paragraphs(&source.text)),
            );
        }
        xml.push_str("</feed>");
        fs::write(folder.join(format!("{feed:03}.atom")), xml)?;
    }
    Ok(())
}

fn write_json_feed(sources: &[Source], folder: &Path) -> io::Result<()> {
    for (feed, chunk) in sources.chunks(PER_FEED).enumerate() {
        let items: Vec<String> = chunk
            .iter()
            .enumerate()
            .map(|(index, source)| {
                format!(
                    "{{\"id\": \"{feed}-{index}\", \"title\": {}, \"content_text\": {}, \
                     \"url\": \"https://courrier.example/{feed}/{index}\", \"date_published\": \"2024-06-20T12:00:00+07:00\"}}",
                    json_string(&source.title),
                    json_string(&source.text),
                )
            })
            .collect();
        let json = format!(
            "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Le Courrier\", \"items\": [{}]}}",
            items.join(",\n")
        );
        fs::write(folder.join(format!("{feed:03}.json")), json)?;
    }
    Ok(())
}

/// One news-please-like record a line.
fn records(sources: &[Source]) -> Vec<String> {
    sources
        .iter()
        .enumerate()
        .map(|(index, source)| {
            format!(
                "{{\"title\": {}, \"maintext\": {}, \"date_publish\": \"2024-06-20 08:05:00\", \
                 \"source_domain\": \"courrier.example\", \"url\": \"https://courrier.example/{index}\", \"authors\": [\"Thanh Hà\"]}}",
                json_string(&source.title),
                json_string(&source.text),
            )
        })
        .collect()
}

fn write_json_array(sources: &[Source], folder: &Path) -> io::Result<()> {
    fs::write(
        folder.join("dump.json"),
        format!("[\n{}\n]", records(sources).join(",\n")),
    )
}

fn write_jsonl(sources: &[Source], folder: &Path) -> io::Result<()> {
    fs::write(folder.join("dump.jsonl"), records(sources).join("\n") + "\n")
}

fn write_jsonl_gz(sources: &[Source], folder: &Path) -> io::Result<()> {
    let file = fs::File::create(folder.join("dump.jsonl.gz"))?;
    let mut encoder = flate2::write::GzEncoder::new(io::BufWriter::new(file), flate2::Compression::default());
    encoder.write_all((records(sources).join("\n") + "\n").as_bytes())?;
    encoder.finish()?.flush()
}

fn write_markdown(sources: &[Source], folder: &Path) -> io::Result<()> {
    for (index, source) in sources.iter().enumerate() {
        let clip = format!(
            "---\ntitle: {}\nsource: \"https://courrier.example/{index}\"\nauthor:\n  - \"[[Thanh Hà]]\"\npublished: 2024-06-20\n---\n\n{}",
            json_string(&source.title),
            source.text
        );
        fs::write(folder.join(format!("{index:05}.md")), clip)?;
    }
    Ok(())
}

fn message(index: usize, source: &Source) -> String {
    format!(
        "From: Le Courrier <info@courrier.example>\nTo: lecteur@example.org\nSubject: {}\n\
         Date: Thu, 20 Jun 2024 09:15:00 +0700\nMessage-ID: <{index}@courrier.example>\n\
         MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{}\n",
        source.title.replace('\n', " "),
        source.text.replace("\nFrom ", "\n>From ")
    )
}

fn write_eml(sources: &[Source], folder: &Path) -> io::Result<()> {
    for (index, source) in sources.iter().enumerate() {
        fs::write(folder.join(format!("{index:05}.eml")), message(index, source))?;
    }
    Ok(())
}

fn write_mbox(sources: &[Source], folder: &Path) -> io::Result<()> {
    let mut mbox = String::new();
    for (index, source) in sources.iter().enumerate() {
        let _ = write!(
            mbox,
            "From info@courrier.example Thu Jun 20 09:15:00 2024\n{}\n",
            message(index, source)
        );
    }
    fs::write(folder.join("inbox.mbox"), mbox)
}
