//! What goes into `App::update` and what comes out: the actions the model is told, and
//! the outcome, a redraw or not and the effects for the event loop.

use std::path::PathBuf;

use crate::article::Article;
use crate::command::Command;
use crate::fulltext::worker;
use crate::loader::{LoadBatch, LoadError, Reread};
use crate::ranking::{Refined, Refinement};
use crate::store::{ContentKey, Mark, Session};

/// What the model is told: a command of the user's, text typed into a line, the terminal's
/// size, a message for the status line, or the news of a background task.
#[derive(Debug)]
pub enum Action {
    Command(Command),
    /// Text typed (a character, or several queued) or pasted into the line being edited.
    Type(String),
    Resize {
        width: u16,
        height: u16,
    },
    /// A message for the status line, gone at the next key.
    Notice(String),
    /// A warning kept in the status line until dismissed (Esc).
    Alert(String),
    Background(Background),
    /// The filtering of what was typed, asked for by [`Effect::Refilter`] once the line
    /// with it is on screen.
    Refilter,
    /// The typing has paused: the reading pane may follow the selection again.
    Paused,
}

/// What the background threads report: never a command of the user's.
#[derive(Debug)]
pub enum Background {
    Loaded(LoadBatch),
    /// skim's better ranking of the current matches.
    Ranked(Refined),
    /// The index, still being built, holds more of the archive than at the last search.
    IndexGrew,
    /// Why the full-text index is kept in memory for this run.
    IndexNote(String),
    Indexed(worker::Indexed),
    FullTextFound(worker::FullTextFound),
    /// The two halves of the articles related to one.
    RelatedFound(worker::RelatedFound),
    /// The open article's file, read again.
    Reread(Reread),
    /// The text of article `id`, which the library holds without, read again from its file.
    TextRead {
        id: usize,
        read: Result<Box<Article>, LoadError>,
    },
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Command(command)
    }
}

impl From<Background> for Action {
    fn from(news: Background) -> Self {
        Action::Background(news)
    }
}

/// What an update caused: whether the screen changed, and what the event loop must do.
#[derive(Debug, Default)]
pub struct Outcome {
    pub redraw: bool,
    pub effects: Vec<Effect>,
}

impl Outcome {
    pub fn redraw() -> Self {
        Self {
            redraw: true,
            effects: Vec::new(),
        }
    }

    pub(super) fn redraw_if(changed: bool) -> Self {
        Self {
            redraw: changed,
            effects: Vec::new(),
        }
    }

    pub(super) fn with(mut self, effect: impl IntoIterator<Item = Effect>) -> Self {
        self.effects.extend(effect);
        self
    }

    pub(super) fn and(mut self, other: Outcome) -> Self {
        self.redraw |= other.redraw;
        self.effects.extend(other.effects);
        self
    }
}

/// What the event loop does for the model, which does no I/O itself.
#[derive(Debug)]
pub enum Effect {
    /// Rank these matches with skim, in the background.
    Rank(Refinement),
    /// Bring the full-text index in line with these articles.
    Index(worker::IndexJob),
    SearchFullText(worker::FullTextSearch),
    /// Find the articles related to one, in the background.
    FindRelated(worker::RelatedSearch),
    /// Show this text in `$PAGER`.
    Page(String),
    /// Open this file in `$EDITOR`.
    Edit(PathBuf),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Suspend to the shell (Ctrl-z).
    Suspend,
    /// Read this article's file again: it may have changed or gone since it was loaded.
    Reread(PathBuf),
    /// Read the text of article `id`, held without it, from the file at `path`; answered
    /// by [`Background::TextRead`] before the screen is drawn again.
    ReadText {
        id: usize,
        path: PathBuf,
    },
    /// Keep this mark of an article, by its content.
    Mark(ContentKey, Mark),
    /// Keep what to reopen on.
    Session(Session),
    /// Paint the whole screen again (Ctrl-l).
    Repaint,
    /// Draw the line just typed, then send [`Action::Refilter`]; a newer key first makes
    /// it wait for that one.
    Refilter,
    /// Send [`Action::Paused`] once no key has come for a moment.
    AwaitPause,
    Quit,
}
