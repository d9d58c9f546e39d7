//! The user's settings: where the config file lives, how it is read, and what it holds
//! (library paths, theme, key bindings, how articles are set). All of a file applies, or
//! none of it.

mod keys;
mod theme;

use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::reading;
use crate::safe_file;

pub use keys::{Input, KeyBindings, actions};
pub use theme::{Override, ThemeConfig, ThemeName, parse_style};

/// The default config, with a comment for every setting; `--print-config` prints it.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Files and folders to read when the command line names none; empty: the samples.
    pub library: Vec<PathBuf>,
    pub theme: ThemeConfig,
    pub keys: KeyBindings,
    pub reader: reading::Settings,
    pub list: ListConfig,
    /// What the user should know of how the config was found, never fatal: on stderr for
    /// the command-line modes, in the status line for the reader.
    pub warnings: Vec<String>,
}

/// The `[list]` table: how the list shows articles until `v` says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListConfig {
    /// One line per article rather than the whole title with its date, source and place.
    #[serde(default)]
    pub compact: bool,
}

/// A config file is a few KiB; a larger one is a mistake, refused rather than read.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The reason is the source, which `{:#}` shows after the path.
    #[error("cannot read {}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: line {line}: {problem}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        problem: String,
    },
}

/// What is wrong with a config file, and where: a byte span of its text.
#[derive(Debug)]
struct Problem {
    span: Range<usize>,
    message: String,
}

impl Problem {
    fn new(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            span,
            message: message.into(),
        }
    }
}

/// The file as written, every value with its span so problems name their line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    library: Vec<Spanned<String>>,
    #[serde(default)]
    theme: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<keys::KeyList>>,
    #[serde(default)]
    list: ListConfig,
    #[serde(default)]
    reader: ReaderFile,
}

/// `[reader]`: each setting left out keeps its default.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReaderFile {
    measure: Option<Spanned<i64>>,
    hyphenate: Option<bool>,
    justify: Option<bool>,
}

/// The narrowest and widest measures taken: narrower, a line holds a few words at best.
const MEASURES: std::ops::RangeInclusive<i64> = 20..=1000;

impl ReaderFile {
    fn settings(&self) -> Result<reading::Settings, Problem> {
        let defaults = reading::Settings::default();
        let measure = match &self.measure {
            None => defaults.measure,
            Some(measure) => usize::try_from(*measure.get_ref())
                .ok()
                .filter(|_| MEASURES.contains(measure.get_ref()))
                .ok_or_else(|| {
                    Problem::new(
                        measure.span(),
                        format!(
                            "measure = {}: a measure is {} to {} columns",
                            measure.get_ref(),
                            MEASURES.start(),
                            MEASURES.end()
                        ),
                    )
                })?,
        };
        Ok(reading::Settings {
            measure,
            hyphenate: self.hyphenate.unwrap_or(defaults.hyphenate),
            justify: self.justify.unwrap_or(defaults.justify),
        })
    }
}

/// `config.toml` in the user's config folder (`$XDG_CONFIG_HOME/liseuse` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "liseuse").map(|dirs| dirs.config_dir().join("config.toml"))
}

/// The config of `explicit` (`--config PATH`), which must exist, or else of the default
/// location, where a missing file means the defaults, and so does a config folder that
/// cannot hold one (a file in its place), with a warning. Only a regular file of at most
/// 1 MiB is read: a FIFO or a device is refused, never waited on or read without end.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let Some(path) = explicit.map(Path::to_path_buf).or_else(default_path) else {
        return Ok(Config::default());
    };
    let error = match read_text(&path) {
        Ok(text) => return Config::parse(&text, &path),
        Err(error) if explicit.is_some() => error,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(error) if error.kind() == io::ErrorKind::NotADirectory => {
            return Ok(Config {
                warnings: vec![no_config_folder(&path)],
                ..Config::default()
            });
        }
        Err(error) => error,
    };
    Err(ConfigError::Read { path, source: error })
}

fn read_text(path: &Path) -> io::Result<String> {
    let bytes = safe_file::read_whole(path, MAX_CONFIG_BYTES)?;
    String::from_utf8(bytes).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// The warning for a config file whose folder is not one: names the file in the way.
fn no_config_folder(path: &Path) -> String {
    let in_the_way = path
        .ancestors()
        .skip(1)
        .find(|folder| folder.metadata().is_ok_and(|metadata| !metadata.is_dir()))
        .unwrap_or(path);
    format!(
        "no config read: {} is a file, not a config folder; using the defaults",
        in_the_way.display()
    )
}

impl Config {
    /// Reads `text`, the contents of the file at `origin`: relative library paths start
    /// from `origin`'s folder, and errors name it.
    pub fn parse(text: &str, origin: &Path) -> Result<Config, ConfigError> {
        let invalid = |problem: Problem| ConfigError::Invalid {
            path: origin.to_path_buf(),
            line: line_of(text, problem.span.start),
            problem: problem.message,
        };
        let file: ConfigFile = toml::from_str(text).map_err(|error| {
            // toml gives every error a span; the start of the file is the fallback.
            invalid(Problem::new(
                error.span().unwrap_or_default(),
                error.message().trim().to_owned(),
            ))
        })?;
        let folder = origin.parent().unwrap_or(Path::new(""));
        Ok(Config {
            library: file
                .library
                .iter()
                .map(|path| library_path(path, folder))
                .collect::<Result<_, _>>()
                .map_err(invalid)?,
            theme: ThemeConfig::from_table(&file.theme).map_err(invalid)?,
            keys: KeyBindings::from_table(&file.keys).map_err(invalid)?,
            reader: file.reader.settings().map_err(invalid)?,
            list: file.list,
            warnings: Vec::new(),
        })
    }
}

/// `~/` is the home folder; a relative path starts from the config file's folder.
fn library_path(path: &Spanned<String>, folder: &Path) -> Result<PathBuf, Problem> {
    let text = path.get_ref().as_str();
    if text.is_empty() {
        return Err(Problem::new(path.span(), "empty library path"));
    }
    let in_home = match text.strip_prefix('~') {
        Some("") => Some(""),
        Some(rest) => rest.strip_prefix('/'),
        None => None,
    };
    let Some(in_home) = in_home else {
        return Ok(folder.join(text));
    };
    let home = directories::BaseDirs::new().ok_or_else(|| {
        Problem::new(
            path.span(),
            format!("cannot expand `~` in \"{text}\": no home folder"),
        )
    })?;
    Ok(match in_home {
        "" => home.home_dir().to_path_buf(),
        in_home => home.home_dir().join(in_home),
    })
}

fn line_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    before.iter().filter(|&&byte| byte == b'\n').count() + 1
}
