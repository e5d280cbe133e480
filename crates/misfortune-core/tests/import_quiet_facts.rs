//! Facts the team reads while it looks, told with no harm in them (a config value, what a
//! function does), are findings, not the harm going on; a reading of the attack's size is not.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, kinds_at};

#[test]
fn a_config_value_and_a_code_path_read_while_looking_are_findings() {
    let text = "\
# Stale prices

## Timeline

| Time | Event |
|---|---|
| 10:00 | Shop owner reports that new prices do not show |
| 10:02 | Acknowledged; looking at the price service |
| 10:05 | `redis-cli TTL` shows the cached price has 1500s left |
| 10:06 | `PRICE_CACHE_TTL` is 3600 in `prod.env`, 30 in `dev.env` |
| 10:06 | `prices.py`: `set_price` writes the row and never calls `cache.delete(sku)` |
| 10:20 | Cache TTL lowered to 30s and the cache flushed |
";
    let i = author::import_markdown("prices.md", text).unwrap();
    assert_eq!(
        kinds_at(&i, 6),
        [EventKind::Investigation, EventKind::Investigation],
        "{:?}",
        events(&i)
    );
}

#[test]
fn the_harm_growing_while_looking_stays_the_harm() {
    let text = "\
# Flood

## Timeline

| Time | Event |
|---|---|
| 10:00 | Traffic alert fires for the edge |
| 10:05 | On-call acknowledges and looks at the edge graphs |
| 10:30 | Attack traffic reaches its peak of 12 Gbit/s |
| 11:00 | Upstream filtering enabled |
";
    let i = author::import_markdown("flood.md", text).unwrap();
    assert_eq!(kinds_at(&i, 30), [EventKind::Symptom], "{:?}", events(&i));
}
