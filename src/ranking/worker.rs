//! The background ranker's thread: skim's ranking of the quick ranking's matches, the
//! newest request first, an older one cancelled as soon as a newer one comes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::{Refined, Refinement};

/// Takes the newest refinement, skipping older ones.
pub struct Ranker {
    requests: Sender<Refinement>,
    latest: Arc<AtomicU64>,
}

impl Ranker {
    /// Starts the thread; each result goes through `deliver`, until it returns false.
    pub fn spawn(deliver: impl Fn(Refined) -> bool + Send + 'static) -> Self {
        let (requests, incoming) = mpsc::channel::<Refinement>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        thread::spawn(move || rank_forever(&incoming, &newest, deliver));
        Self { requests, latest }
    }

    pub fn submit(&self, refinement: Refinement) {
        self.latest.store(refinement.generation, Ordering::SeqCst);
        // The thread only stops when the app is leaving; nothing to do then.
        let _ = self.requests.send(refinement);
    }
}

fn rank_forever(incoming: &Receiver<Refinement>, latest: &AtomicU64, deliver: impl Fn(Refined) -> bool) {
    while let Ok(mut refinement) = incoming.recv() {
        while let Ok(newer) = incoming.try_recv() {
            refinement = newer;
        }
        let cancelled = || latest.load(Ordering::SeqCst) != refinement.generation;
        let mut open = true;
        refinement.run(cancelled, |refined| open = open && deliver(refined));
        if !open {
            return;
        }
    }
}
