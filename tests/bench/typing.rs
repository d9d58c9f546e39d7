//! Typing queries one key at a time into an [`App`], as the event loop would: the first
//! result list comes from `update`, skim's ranking from the refinement the loop hands to the
//! background ranker, run here on the same thread right after, from the same key press.

use std::time::Instant;

use liseuse::app::{Action, App, Background, Effect};
use liseuse::command::Command;
use liseuse::ranking::Refined;

use crate::stats::Samples;

/// Backspace in a typed query.
pub const BACKSPACE: char = '\u{8}';

/// Realistic queries, typed as written; the last one mistyped and corrected.
pub const QUERIES: &[&str] = &[
    "poutine hanoi",
    "to lam !moscou",
    "'xuan | trong",
    "pham minh chinj\u{8}h",
];

/// The query on screen after each key of `typed`.
pub fn prefixes(typed: &str) -> Vec<String> {
    let mut query = String::new();
    typed
        .chars()
        .map(|key| {
            if key == BACKSPACE {
                query.pop();
            } else {
                query.push(key);
            }
            query.clone()
        })
        .collect()
}

#[derive(Default)]
pub struct KeystrokeTimes {
    /// Key to the first result list (`App::update`).
    pub first_list: Samples,
    /// Key to skim's ranking of the best few hundred.
    pub first_refined: Samples,
    /// Key to skim's ranking of every match: the final order.
    pub final_ranking: Samples,
    pub keys: usize,
}

/// Types every query `repeats` times, from an empty filter each time.
pub fn measure(app: &mut App, repeats: usize) -> KeystrokeTimes {
    let mut times = KeystrokeTimes::default();
    for _ in 0..repeats {
        for query in QUERIES {
            app.update(Command::Cancel);
            app.update(Command::Filter);
            for key in query.chars() {
                let action = if key == BACKSPACE {
                    Action::Command(Command::DeleteChar)
                } else {
                    Action::Type(key.to_string())
                };
                let pressed = Instant::now();
                let mut effects = app.update(action).effects;
                // As the loop does once the line is drawn: the list comes with the Refilter.
                if effects.iter().any(|effect| matches!(effect, Effect::Refilter)) {
                    effects.extend(app.update(Action::Refilter).effects);
                }
                let first_list = pressed.elapsed();
                let mut refined: Vec<(std::time::Duration, Refined)> = Vec::new();
                for effect in effects {
                    if let Effect::Rank(refinement) = effect {
                        refinement.run(|| false, |ranking| refined.push((pressed.elapsed(), ranking)));
                    }
                }
                times.first_list.push_duration(first_list);
                // A query whose ranking is already known (Backspace) is final at once.
                let first_refined = refined.first().map_or(first_list, |(at, _)| *at);
                let final_ranking = refined.last().map_or(first_list, |(at, _)| *at);
                times.first_refined.push_duration(first_refined);
                times.final_ranking.push_duration(final_ranking);
                times.keys += 1;
                for (_, ranking) in refined {
                    app.update(Background::Ranked(ranking));
                }
            }
        }
    }
    times
}
