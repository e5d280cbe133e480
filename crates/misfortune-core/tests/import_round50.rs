//! Round fifty of the held-out measurements, in the project's own words: a home-lab incident
//! written in Russian, whose timeline gives minutes known only to their ten ("~13:5x"). Its
//! headings are read; its prose is not (the importer's words are English).

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn minutes_known_to_their_ten_are_read_at_the_ten() {
    let text = "\
# Build farm outage

## Timeline

| Time | Event |
|---|---|
| 09:02 | Alert: build queue above 500 jobs |
| ~09:1x | On-call finds the artifact disk full |
| 09:4x | Old artifacts deleted, builds resume |
";
    let i = author::import_markdown("farm.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (8, EventKind::Investigation),
            (38, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn russian_headings_are_read_as_their_english_names() {
    let text = "\
# 0009 — Заполненный диск и простой сборок

## Сводка

Диск с артефактами заполнился, и сборки встали на три часа.

## Временная шкала

| Время | Событие |
|---|---|
| 09:02 | Alert: build queue above 500 jobs |
| 09:40 | Old artifacts deleted, builds resume |

## Первопричина

Задача очистки артефактов была отключена при переезде.
";
    let i = author::import_markdown("ru.md", text).unwrap();
    let sk = &i.skeleton;
    assert!(
        sk.summary
            .as_deref()
            .unwrap_or_default()
            .contains("сборки встали"),
        "{:?}",
        sk.summary
    );
    assert!(
        sk.root_cause
            .as_deref()
            .unwrap_or_default()
            .contains("очистки артефактов"),
        "{:?}",
        sk.root_cause
    );
    assert_eq!(
        events(&i),
        [(0, EventKind::Alert), (38, EventKind::Mitigation)],
        "{:#?}",
        sk.timeline
    );
}
