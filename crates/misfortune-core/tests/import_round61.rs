//! Round sixty-one of the held-out measurements, in the project's own words: a home lab's
//! table timeline of a full volume, with a decision row and a last "ready 1/1".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_decision_row_is_a_fix_chosen_and_ready_one_of_one_at_the_last_is_the_end() {
    let text = "\
# INC-12: the wiki's database volume filled up

## Timeline

All times JST.

| Time | Event |
| --- | --- |
| 2026-04-01 ~02:10 | Volume reaches 100%; writes hang |
| 2026-04-01 09:00 | User reports the wiki will not save pages; investigation begins |
| 2026-04-01 09:06 | `df` shows the data volume full — root cause identified |
| 2026-04-01 ~09:10 | Decision: delete old dumps in place rather than restart the database |
| 2026-04-01 09:12 | Old dumps deleted; free space back to 4G |
| 2026-04-01 09:15 | Writes complete and connections drain from 100 to 2 |
| 2026-04-01 09:30 | Volume expanded to 20Gi |
| 2026-04-01 09:40 | Wiki ready 1/1; saving an article works |
";
    let i = author::import_markdown("wiki.md", text).unwrap();
    let ev = events(&i);
    assert!(ev.contains(&(10, EventKind::Mitigation)), "{ev:?}");
    assert_eq!(ev.last(), Some(&(40, EventKind::Resolution)), "{ev:?}");
}
