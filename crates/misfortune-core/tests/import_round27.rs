//! Round twenty-seven of the held-out measurements, in the project's own words: a cloud
//! provider's preliminary review whose timeline reads "16:04 UTC on 29 October 2025 – ..." with
//! its status messages pasted below, each over "This message was last updated at ..."; a bare
//! timeline with an em dash, a gap in brackets and a note under it; a table of a program's own
//! log events across midnight; and a debugging blog with no timeline at all.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

const REVIEW: &str = "\
Preliminary incident review

Timeline
09:40 UTC on 3 March 2026 – Customer impact began.
09:52 UTC on 3 March 2026 – Investigation commenced following monitoring alerts being triggered.
10:05 UTC on 3 March 2026 – Initial communication posted to our public status page.
10:30 UTC on 3 March 2026 – The dashboard failed away from the shared gateway.
10:45 UTC on 3 March 2026 – We initiated the deployment of our last known good configuration.
13:10 UTC on 3 March 2026 – Gateway impact confirmed mitigated for customers.

Status messages:

Gateway Availability Issues

Starting at approximately 09:40 UTC, we began experiencing gateway issues resulting in failed requests for some services. We suspect that a routing configuration change as the trigger event for this issue. We are rolling back to our last known good state.

This message was last updated at 10:40 UTC on 3 March 2026

Dashboard Access Issues

We are investigating an issue where customers may be unable to reach the dashboard. More information will be provided shortly.

This message was last updated at 10:05 UTC on 3 March 2026
";

#[test]
fn a_stamp_under_a_status_message_dates_that_message() {
    let i = author::import_markdown("gateway.md", REVIEW).unwrap();
    let ev = events(&i);
    // Minute 0 is the alerts that started the investigation, twelve minutes after the harm.
    for want in [
        (-12, EventKind::Symptom),
        (0, EventKind::Alert),
        (13, EventKind::Communication),
        // Each message is told at its stamp, as what the team told its customers.
        (48, EventKind::Communication),
        // Moved off the gateway on purpose, then a rollback.
        (38, EventKind::Mitigation),
        (53, EventKind::Mitigation),
        (198, EventKind::Resolution),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
    let tl = &i.skeleton.timeline;
    assert!(
        tl.iter().any(|e| e
            .2
            .starts_with("Status update: We are investigating an issue")),
        "{tl:?}"
    );
    // No stamp is left as an event of its own.
    assert!(!tl.iter().any(|e| e.2.contains("last updated")), "{tl:?}");
}

#[test]
fn a_suspected_trigger_and_an_assembled_summary_fill_what_the_document_leaves_out() {
    let i = author::import_markdown("gateway.md", REVIEW).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.root_cause.as_deref(),
        Some("We suspect that a routing configuration change as the trigger event for this issue.")
    );
    // No summary anywhere: what was experienced, the cause, how it ended; said as assembled.
    let summary = sk.summary.as_deref().unwrap_or_default();
    assert!(
        summary.starts_with("We began experiencing gateway issues resulting in failed requests"),
        "{summary}"
    );
    assert!(
        summary.contains("routing configuration change"),
        "{summary}"
    );
    assert!(
        summary.ends_with("Gateway impact confirmed mitigated for customers."),
        "{summary}"
    );
    assert!(i.found.iter().any(|f| f.starts_with("summary (assembled")));
    assert!(!i.missing.contains(&"summary".to_string()));
}

const BARE: &str = "\
Incident timeline (all times UTC)
14:00 — Nightly key rotation job runs; finishes for 30 services. billing-queue is not in scope.
14:12 — Synthetic checks detect rising 401 errors on /api/invoices. Alert fires automatically.
14:20 — On-call engineer acknowledges page and begins investigation.
14:31 — On-call rules out the database as cause; escalates to the payments lead.
14:50 — Root cause identified: expired signing key on billing-queue confirmed via logs.
15:02 — Signing key rotated by hand; billing-queue restarted. Some invoices go through.
[No entries 15:05 – 15:40]
15:40 — Remaining errors traced to a client cache holding the old key.
15:48 — Client caches flushed.
15:55 — Error rate back to baseline. Incident resolved.
Notes: \"Mitigated\" (15:02) is when the key was replaced. \"Resolved\" (15:55) is when errors stopped.
";

#[test]
fn a_bare_timeline_skips_its_gap_and_its_note_and_answers_the_page_after_it_fired() {
    let i = author::import_markdown("keys.md", BARE).unwrap();
    let ev = events(&i);
    assert_eq!(
        ev,
        [
            (-12, EventKind::Trigger),
            (0, EventKind::Alert),
            (8, EventKind::Investigation),
            (19, EventKind::Escalation),
            (38, EventKind::Investigation),
            (50, EventKind::Mitigation),
            (88, EventKind::Investigation),
            (96, EventKind::Mitigation),
            (103, EventKind::Resolution),
        ]
    );
    let g = &i.skeleton.game;
    // The fix is the change that answers the cause, not the flush that finished the recovery.
    assert_eq!(
        g.fix.as_ref().map(|f| f.name.as_str()),
        Some("Signing key rotated by hand")
    );
    // "billing-queue" names a service, not a queue's backlog.
    assert!(
        g.metrics.iter().all(|m| m.id != "backlog"),
        "{:?}",
        g.metrics
    );
    // With no summary, one is put together from the first alert, the cause and the end.
    let summary = i.skeleton.summary.as_deref().unwrap_or_default();
    assert!(summary.contains("Expired signing key"), "{summary}");
}

#[test]
fn a_table_of_logged_events_starts_at_the_first_failure() {
    let text = "\
# Bug: uploads lost for one night

## Summary

Every upload of a night's batch was lost because the storage client rejected its own writes.

## Timeline (all times UTC)

| Time | Event |
|------|-------|
| 22:10:05 | Upload page opened (`session_active: false`) |
| 01:30:12 | `upload.batch.started` → batch `b_0412` |
| 01:30:12 | First `upload.storage.validation_failed` (`missing-owner`) |
| 01:30:12–01:30:40 | Validation failures repeat every ~300ms (burst) |
| 01:31:00 | Stats: `files=10, bytes=4000, retries=3` |
| 01:33:10 | `upload_note_added` (`note_77`) |
| ~01:40:00 | Batch ends |

## Root Cause

### The immediate cause: a check that refused every write

```javascript
if (owner === null) { return { ok: false }; }
```

Every first write lacked an owner, so the check refused it, and no write ever set one.
";
    let i = author::import_markdown("uploads.md", text).unwrap();
    let ev = events(&i);
    // Nobody was alerted and nobody acted: minute 0 is the first failure, not the page opening
    // three hours before; a range keeps its start; a reading is a signal; a logged event's name
    // (`upload_note_added`) is not someone adding anything.
    for want in [
        (-200, EventKind::Trigger),
        (0, EventKind::Symptom),
        (10, EventKind::Symptom),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
    assert!(
        ev.iter()
            .all(|e| e.1 != EventKind::Investigation && e.1 != EventKind::Mitigation),
        "{ev:?}"
    );
    let tl = &i.skeleton.timeline;
    assert!(
        tl.iter()
            .any(|e| e.2.starts_with("Validation failures repeat")),
        "{tl:?}"
    );
    // The cause is said in words; the code it quotes is evidence, not the sentence.
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(!cause.contains("return"), "{cause}");
    assert!(cause.contains("no write ever set one"), "{cause}");
}

#[test]
fn a_debugging_blog_gives_its_cause_its_wrong_readings_and_what_cured_it() {
    let text = "\
---
title: \"The disk was fine. The cable was not.\"
date: 2026-05-02
excerpt: \"A home server kept dropping its disk and corrupting files. The actual cause was a loose SATA cable that lost contact when the fan spun up.\"
---

## What I saw

The array kept marking one disk as failed, and files written overnight came back corrupt.

The natural reading of those two symptoms together is a dying disk. That is where I went first.

It looked like a bad controller, too, since a second disk briefly dropped as well.

## What fixed it

Reseating the SATA cable and tying it away from the fan cleared both symptoms at once.
";
    let i = author::import_markdown("disk.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.root_cause.as_deref(),
        Some("The actual cause was a loose SATA cable that lost contact when the fan spun up.")
    );
    let g = &sk.game;
    let theories: Vec<&str> = g.theories.iter().map(|t| t.name.as_str()).collect();
    assert!(theories.contains(&"a dying disk"), "{theories:?}");
    assert!(theories.contains(&"bad controller"), "{theories:?}");
    assert_eq!(
        g.fix.as_ref().map(|f| f.quote.as_str()),
        Some("Reseating the SATA cable and tying it away from the fan")
    );
}
