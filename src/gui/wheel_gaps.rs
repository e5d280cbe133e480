//! The wheel leans towards the volunteer's gaps: once today's volunteer is drawn, each scenario
//! on the wheel is marked with the skills and systems it trains that they have not practised
//! (from the progress store, brought up to date from the journals), and the pick favours those.

use std::collections::HashSet;

use misfortune_core::journal::JournalKey;
use misfortune_core::progress::{ProgressStore, Store};
use misfortune_core::tags::{self, TagKind};
use misfortune_core::wheel::Slot;

use super::library::Library;
use super::wheel::WheelState;

/// Lean the wheel towards `volunteer`'s gaps (or stop leaning when the store cannot say).
pub fn lean(state: &mut WheelState, volunteer: &str, library: &Library, key: Option<&JournalKey>) {
    match key.and_then(|k| practised(volunteer, k)) {
        Some(p) => {
            mark(&mut state.slots, &state.entries, library, &p);
            state.options.prefer_gaps = true;
        }
        None => state.options.prefer_gaps = false,
    }
}

/// The tags `name` has practised in counted sessions ("" when the store cannot be read: the
/// wheel then simply does not lean).
pub fn practised(name: &str, key: &JournalKey) -> Option<HashSet<String>> {
    let dir = super::session::sessions_dir()?;
    let mut store = Store::open(&misfortune_core::progress::store::default_path(&dir)).ok()?;
    store.sync(&dir, key).ok()?;
    let sessions = store.sessions(Some(name)).ok()?;
    Some(
        sessions
            .into_iter()
            .filter(|s| s.counted)
            .flat_map(|s| s.tags)
            .collect(),
    )
}

/// Mark each slot with its scenario's tags outside `practised` (where they come from is the
/// library: `entries[i]` is the slot's library entry).
pub fn mark(slots: &mut [Slot], entries: &[usize], library: &Library, practised: &HashSet<String>) {
    for (slot, &e) in slots.iter_mut().zip(entries) {
        let scenario_tags = library
            .files
            .get(e)
            .and_then(|f| f.scenario.as_ref())
            .map(|s| s.tags.clone())
            .unwrap_or_default();
        slot.gaps = scenario_tags
            .into_iter()
            .filter(|t| {
                tags::kind(t).is_some_and(|k| k != TagKind::About) && !practised.contains(t)
            })
            .collect();
    }
}
