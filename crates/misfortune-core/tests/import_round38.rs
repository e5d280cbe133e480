//! Round thirty-eight, in the project's own words: gaps left open by earlier rounds (a fix
//! reported not to work, a signal that stays bad despite a rollback, a release that carries the
//! fix weeks later) and the new round's documents.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_fix_said_not_to_work_is_the_harm_going_on() {
    for line in [
        "The customer told us that the patch in version 4.1.2 was not effective.",
        "Latency remains elevated despite the rollback",
    ] {
        assert_eq!(
            author::guess_kind(line, false),
            EventKind::Symptom,
            "{line}"
        );
    }
}

#[test]
fn a_release_that_carries_the_fix_ends_a_timeline_that_never_said_resolved() {
    let text = "\
# Ledger sync stall

## Timeline

- 10:00 Monitoring detected the ledger sync stall.
- 10:04 Sync resumed after the worker was restarted.
- 13:30 The fix was merged into the main branch.
- 16:00 Version 3.8.1 was released that included the fix.
";
    let i = author::import_markdown("ledger.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (4, EventKind::Mitigation),
            (210, EventKind::Mitigation),
            (360, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn a_tools_export_with_key_timestamps_and_headings_in_portuguese() {
    let text = "\
# Post-mortem

# Resumo

A atualização do serviço de pagamentos deixou alguns clientes sem conseguir pagar por 12 minutos.

### Key Timestamps

- **Reported:** May 9, 2024 2:10 PM (UTC)
- **Impact start:** May 9, 2024 2:10 PM (UTC)
- **Fixed:** May 9, 2024 2:22 PM (UTC)
- **Closed:** May 9, 2024 2:50 PM (UTC)

# Linha do tempo

| Date / Time | Event |
| --- | --- |
| 2024-05-09 |  |
| 14:10 | The incident was opened automatically from a Prometheus alert. |
| … | … |
| 14:50 | We confirmed no errors were left and closed the incident |
";
    let i = author::import_markdown("export.md", text).unwrap();
    let sk = &i.skeleton;
    // The Portuguese heading is the summary's; its prose stays as written.
    assert!(
        sk.summary
            .as_deref()
            .unwrap_or_default()
            .starts_with("A atualização"),
        "{:?}",
        sk.summary
    );
    // "Fixed" is told only among the key timestamps; the others repeat the timeline's minutes.
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (12, EventKind::Mitigation),
            (40, EventKind::Resolution),
        ],
        "{:#?}",
        sk.timeline
    );
}

#[test]
fn traffic_flowing_again_is_a_recovery() {
    assert_eq!(
        author::guess_kind("Green lights everywhere and traffic is flowing", false),
        EventKind::Mitigation
    );
}

#[test]
fn a_full_root_partition_and_a_backup_contact_say_disk_not_network_or_restore() {
    let text = "\
# Wiki host outage

## Root cause

The wiki never cleared its upload cache, so the disk filled up.

## Timeline

- 01:10: alerts fired for the wiki being down, the backup contact got paged
- 01:12: Ana found the reason for the outage (full root partition)
- 01:20: Ana removed the upload cache and restarted the web server
";
    let i = author::import_markdown("wiki.md", text).unwrap();
    let tags = &i.skeleton.tags;
    assert!(tags.iter().any(|t| t == "resource-exhaustion"), "{tags:?}");
    assert!(
        !tags
            .iter()
            .any(|t| t == "network-partition" || t == "restore-from-backup"),
        "{tags:?}"
    );
}

#[test]
fn an_incidents_metadata_above_its_timeline_is_not_an_event() {
    let text = "\
# Two search incidents

## Timeline

### March 2, 2025 - Index lag

**Duration:** 09:00 to 09:40 UTC (40 minutes)
**Impact:** Search results up to an hour stale

- **09:00 UTC** - Incident reported, rising index lag detected
- **09:40 UTC** - Incident resolved, lag back to seconds
";
    let i = author::import_markdown("search.md", text).unwrap();
    assert_eq!(
        events(&i),
        [(0, EventKind::Alert), (40, EventKind::Resolution)],
        "{:#?}",
        i.skeleton.timeline
    );
}
