//! An imported timeline as (signed minutes from minute 0, kind), the shape the import tests
//! compare against.

use misfortune_core::author::Imported;
use misfortune_core::model::EventKind;

/// Every event, before minute 0 and after, as signed minutes from minute 0, in time order.
pub fn events(i: &Imported) -> Vec<(i64, EventKind)> {
    let sk = &i.skeleton;
    let mut all: Vec<(i64, EventKind)> = sk
        .before_start
        .iter()
        .map(|e| (-(e.0.round_mins() as i64), e.1))
        .chain(sk.timeline.iter().map(|e| (e.0.round_mins() as i64, e.1)))
        .collect();
    all.sort_by_key(|e| e.0);
    all
}

/// The kind of the first event at a signed minute, if any.
#[allow(dead_code)] // Not every test file that shares this helper asks one minute.
pub fn kind_at(i: &Imported, minute: i64) -> Option<EventKind> {
    events(i).into_iter().find(|e| e.0 == minute).map(|e| e.1)
}

/// Every kind at a signed minute, in time order.
#[allow(dead_code)] // Only the files that check several events at one minute use it.
pub fn kinds_at(i: &Imported, minute: i64) -> Vec<EventKind> {
    events(i)
        .into_iter()
        .filter(|e| e.0 == minute)
        .map(|e| e.1)
        .collect()
}

/// The names of the wrong theories the game built.
#[allow(dead_code)] // Only the files that check the game's wrong paths use it.
pub fn theory_names(i: &Imported) -> Vec<String> {
    i.skeleton
        .game
        .theories
        .iter()
        .map(|t| t.name.clone())
        .collect()
}
