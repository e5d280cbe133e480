//! Round twenty-three of the held-out measurements, in the project's own words: a cloud
//! provider's review whose response paragraph gives undated times above a list stamped "21
//! March 2025 @ 04:10 UTC", over two days; a table that opens on the harm with no alert, with
//! the impact's ranges restated under it; a class write-up whose prose names an earlier alert
//! than its timeline and a later end; and a blog told as a story, with the machine's output
//! quoted in code blocks.

use misfortune_core::author::{self, guess_kind};
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn undated_times_above_a_day_first_list_fall_on_the_day_among_its_stamps() {
    let text = "\
# Review - Queue service - Publishing failures

**What happened?**

Between 03:40 and 07:15 UTC on 21 March 2025, publishers to the queue service saw errors.

**How did we respond?**

At 04:10 UTC, our monitoring detected a drop in publish success, and we began an investigation. By 05:20 UTC we had tied the failures to the certificate rotation. The rotation was reverted at 05:45 UTC.

- 20 March 2025 @ 22:30 UTC – A scheduled job rotated the broker certificates in one region.
- 21 March 2025 @ 03:40 UTC – First publishers start failing their handshakes.
- 21 March 2025 @ 04:10 UTC – Monitoring detected failed publishes, and the on-call engineer began investigating.
- 21 March 2025 @ 04:40 UTC – Because more regions were affected, we raised the severity of the incident and engaged the networking team.
- 21 March 2025 @ 05:20 UTC – The cause of the failures was understood, and a revert was prepared.
- 21 March 2025 @ 05:45 UTC – We began reverting the certificate rotation.
- 21 March 2025 @ 07:15 UTC – Publishing recovered in every region.
";
    let i = author::import_markdown("review.md", text).unwrap();
    let ev = events(&i);
    // The paragraph's 04:10 is the 21st (among the stamps), not the 20th five hours before
    // the rotation: the detection stays at minute 0 and the rotation 340 minutes before it.
    assert_eq!(ev.first(), Some(&(-340, EventKind::Trigger)), "{ev:?}");
    for want in [
        (-30, EventKind::Symptom),
        (0, EventKind::Alert),
        (30, EventKind::Escalation),
        (70, EventKind::Investigation),
        (95, EventKind::Mitigation),
        // A recovery with no earlier one is the fix taking hold.
        (185, EventKind::Mitigation),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
    // The paragraph's later sentences are not a day away from its first.
    assert!(ev.iter().all(|e| e.0 < 24 * 60), "{ev:?}");
}

#[test]
fn a_table_that_opens_on_the_harm_with_its_ranges_restated_below() {
    let text = "\
# Root cause analysis: delayed webhooks

## Timeline (UTC, May 2, 2026)

| Time | Event |
| --- | --- |
| 09:05 | Customer impact began. Webhook deliveries started timing out. |
| 09:12 | First signature verification errors observed as workers lost their keys. |
| 10:30 | Worker release rolled back. |
| 10:31 | Delivery latency began returning toward normal. |
| 10:40 | Webhook delivery impact ended. |
| 10:52 | Last signature verification errors observed. |
| 11:20 | Incident resolved. |

### Duration of impact

- **Webhook delivery:** ~95 minutes (09:05–10:40 UTC).
- **Retries:** ~110 minutes (09:02–10:52 UTC).
";
    let i = author::import_markdown("rca.md", text).unwrap();
    let ev = events(&i);
    // No alert: the harm beginning is minute 0, and the ranges under the table stay on its
    // day rather than rolling over to the next.
    for want in [
        (-3, EventKind::Symptom),
        (0, EventKind::Symptom),
        (7, EventKind::Symptom),
        (85, EventKind::Mitigation),
        (86, EventKind::Mitigation),
        (95, EventKind::Mitigation),
        (107, EventKind::Mitigation),
        (135, EventKind::Resolution),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
    assert!(ev.iter().all(|e| e.0 < 200), "{ev:?}");
    assert_eq!(
        guess_kind("Escalated; severity upgraded to SEV-1.", false),
        EventKind::Escalation
    );
    // A severity in an aside does not make the rollout an escalation.
    assert_eq!(
        guess_kind(
            "Rollback fully propagated; status moved to Monitoring (Severity upgraded to Critical).",
            false
        ),
        EventKind::Mitigation
    );
}

#[test]
fn prose_that_names_an_earlier_alert_and_a_later_end_than_the_timeline() {
    let text = "\
# Postmortem: the shop API outage

### Issue Summary
From 2:20 PM to 3:45 PM EAT, requests to the shop API returned 502 errors.

### Timeline (all times East Africa Time)
- 2:10 PM: Nginx config push begins
- 2:12 PM: Outage begins
- 2:15 PM: Opsgenie paged the team
- 2:25 PM: Failed rollback of the config push
- 2:40 PM: Successful rollback of the config push

### Resolution and recovery
At 2:12 PM EAT, the monitoring systems alerted our engineers, who investigated at once.
";
    let i = author::import_markdown("shop.md", text).unwrap();
    let ev = events(&i);
    // The team knew at 2:12, three minutes before the page the timeline lists.
    assert!(ev.contains(&(0, EventKind::Alert)), "{ev:?}");
    assert!(ev.contains(&(-2, EventKind::Trigger)), "{ev:?}");
    assert!(ev.contains(&(3, EventKind::Alert)), "{ev:?}");
    // The summary's end, after the timeline's last line, is when the harm stopped.
    assert_eq!(ev.last(), Some(&(93, EventKind::Resolution)), "{ev:?}");
}

#[test]
fn a_story_with_quoted_logs_gives_its_wrong_paths_and_its_fix() {
    let text = "\
---
title: \"Our wiki went down\"
---

On March 3, 2025, the team wiki was down for about five hours.

## The wiki is down

The first thing I did was look at the service logs:

```
Mar 03 10:02:11 wiki systemd[1]: Starting wiki...
Mar 03 10:02:11 wiki wiki[811]: 2025-03-03 10:02:11.482 UTC ERROR cannot open database file /srv/wiki/db.sqlite
Mar 03 10:02:11 wiki systemd[1]: wiki.service: Failed with result 'exit-code'.
```

Thinking that this might be a stuck mount, I restarted the machine.
Sadly, that didn't make a difference: the wiki was still failing to start.

Maybe the backup job had locked the database?
I checked the backup logs, and nothing had run since Sunday.

## Found it

```
root@wiki:~# df -h /srv
/dev/vda1  20G  20G  0 100% /srv
```

The disk was full of old exports. I removed the exports older than a month and the wiki came back.
";
    let i = author::import_markdown("wiki.md", text).unwrap();
    let sk = &i.skeleton;
    // The logs in the code blocks are the machine's output, not the timeline.
    assert!(
        sk.timeline.iter().all(|e| !e.2.contains("systemd")),
        "{:?}",
        sk.timeline
    );
    let g = &sk.game;
    assert!(
        g.quoted_logs
            .iter()
            .any(|l| l == "wiki[811]: ERROR cannot open database file /srv/wiki/db.sqlite"),
        "{:?}",
        g.quoted_logs
    );
    let theories: Vec<&str> = g.theories.iter().map(|t| t.name.as_str()).collect();
    assert!(theories.contains(&"stuck mount"), "{theories:?}");
    assert!(
        theories.contains(&"the backup job had locked the database"),
        "{theories:?}"
    );
    assert_eq!(g.failed_fixes.len(), 1, "{:?}", g.failed_fixes);
    assert_eq!(g.failed_fixes[0].0.name, "Restarted the machine");
    let fix = g.fix.as_ref().expect("the fix the story ends on");
    assert!(fix.name.starts_with("Removed the exports"), "{fix:?}");
    // The scenario the import writes quotes those log lines as they were logged.
    let ron = author::render_skeleton(sk);
    // (Without the wall clock inside them: the session gives each line its time.)
    assert!(
        ron.contains(
            "level: Error, text: \"wiki[811]: ERROR cannot open database file /srv/wiki/db.sqlite\""
        ),
        "{ron}"
    );
    // A theory that is a claim is checked as one.
    assert!(
        ron.contains("label: \"Check whether the backup job had locked the database\""),
        "{ron}"
    );
}

#[test]
fn a_timeframe_label_over_the_timeline_is_the_harm_beginning() {
    let text = "\
# Incident: thumbnails missing

Timeframe: October 2, 2:14 pm – 3:02 pm PDT

## What happened
Thumbnail requests returned 404 for new uploads.

## Timeline
- 2:20 pm: On-call paged for image 404s.
- 2:41 pm: Rolled back the resizer deploy.
- 3:02 pm: Thumbnail errors back to normal.
";
    let i = author::import_markdown("thumbs.md", text).unwrap();
    let ev = events(&i);
    assert_eq!(ev.first(), Some(&(-6, EventKind::Symptom)), "{ev:?}");
    // The label's words stay with its time, though a date sits between them.
    let before = &i.skeleton.before_start;
    assert!(before[0].2.starts_with("Impact began"), "{before:?}");
}
