//! Round forty-seven of the held-out measurements, in the project's own words: a timeline kept
//! in an indented code block; a cluster team's log whose headings give the day and time
//! ("### Friday 2024-05-10 - 07:50", "### 11:02") over numbered lists and paragraphs; an
//! on-call chat pasted in a fenced block; a report written in HTML list items.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, kind_at};

#[test]
fn an_indented_timeline_reads_its_findings_and_moves() {
    let text = "\
# Post-Mortem: broker restart loop

## Summary

On 3 June 2025 our message broker restarted in a loop after its nodes were replaced.

## Timeline of Events

    06:00 UTC: Initial alert received for failed publishes.

    06:02 UTC: Monitoring confirmed the failures; logs indicated the brokers could not reach their disks.

    06:30 UTC: All brokers rescheduled onto the new storage nodes.

## Root Cause

The replacement nodes came up before the storage driver.
";
    let i = author::import_markdown("broker.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (2, EventKind::Investigation),
            (30, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn day_and_time_headings_over_lists_and_paragraphs() {
    let text = "\
# Post Mortem - Deployments Vanished

## Timeline

### Friday 2024-05-10 - 07:50

1. A customer asks whether we removed their deployments overnight
1. We investigate and find the namespaces empty in the prod cluster
1. We inform users that the prod cluster is down and that we are on it

### 08:20

Priya opens a support case with the cloud provider (severity A).

### 11:02

The namespaces are restored from the nightly backup.

We inform the users in the support channel that deployments are back.
";
    let i = author::import_markdown("vanished.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (0, EventKind::Investigation),
            (0, EventKind::Communication),
            (30, EventKind::Escalation),
            (192, EventKind::Mitigation),
            (192, EventKind::Communication),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn a_chat_in_a_fenced_block_gives_its_finding_as_the_cause() {
    let text = "\
# Incident: expired API certificate

```
[04:10] Opsgenie: CRITICAL - TLS errors on api.example.org
[04:12] @sam (on-call): looking, browsers say the cert expired
[04:15] @sam: cert-manager shows the renewal failed 5 days ago
[04:20] @lee: found it - the issuer's DNS token was revoked in Tuesday's cleanup
[04:24] @lee: new token in place, renewing now
[04:31] @sam: testing... site loads with valid cert
```
";
    let i = author::import_markdown("cert.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (2, EventKind::Investigation),
            (5, EventKind::Investigation),
            (10, EventKind::Investigation),
            (14, EventKind::Mitigation),
            (21, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
    let cause = i.skeleton.root_cause.clone().unwrap_or_default();
    assert!(cause.contains("DNS token was revoked"), "{cause}");
}

#[test]
fn a_timeline_in_html_list_items() {
    let text = "\
<h1>Incident Report</h1>
<h2>Incident Summary</h2>
<p>On 9 May 2024 at 01:15 AM UTC the search service stopped answering.</p>
<h2>Timeline</h2>
<li>
<ul>01:15 AM: Monitoring raised alerts for search timeouts.</ul>
<ul>01:25 AM: The on-call engineer began investigating the search nodes.</ul>
<ul>01:40 AM: The incident was escalated to the search team lead.</ul>
<ul>02:05 AM: The incident was resolved by restoring the previous index settings.</ul>
</li>
";
    let i = author::import_markdown("search.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (10, EventKind::Investigation),
            (25, EventKind::Escalation),
            (50, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn a_person_s_word_straight_after_a_fix_is_the_fix_going_on() {
    let text = "\
# Incident: queue stuck

```
[11:00] Opsgenie: CRITICAL - orders queue depth above 50k
[11:04] @ana (on-call): consumers are stuck on one poison message
[11:08] @ana: moving the message to the dead-letter queue now
[11:09] @ana: about half way through the partitions
[11:12] @ana: depth falling, 20k left
```
";
    let i = author::import_markdown("queue.md", text).unwrap();
    let at = |m: i64| kind_at(&i, m);
    assert_eq!(
        at(8),
        Some(EventKind::Mitigation),
        "{:#?}",
        i.skeleton.timeline
    );
    assert_eq!(
        at(9),
        Some(EventKind::Mitigation),
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn a_follow_up_after_the_last_recovery_does_not_keep_the_incident_open() {
    let text = "\
# Incident: login certificate

```
[06:00] PagerDuty: CRITICAL - TLS errors on login.example.net
[06:03] @kim (on-call): the certificate expired an hour ago
[06:06] @kim: renewing the certificate now
[06:10] @kim: testing... site loads with valid cert
[06:14] @kim: monitoring, all logins successful
[06:16] @kim: adding alerts for cert expiry at 30 days
```
";
    let i = author::import_markdown("login.md", text).unwrap();
    let at = |m: i64| kind_at(&i, m);
    assert_eq!(
        at(10),
        Some(EventKind::Mitigation),
        "{:#?}",
        i.skeleton.timeline
    );
    assert_eq!(
        at(14),
        Some(EventKind::Resolution),
        "{:#?}",
        i.skeleton.timeline
    );
}
