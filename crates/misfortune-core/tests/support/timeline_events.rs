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
