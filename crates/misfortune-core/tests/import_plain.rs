//! Postmortems pasted as plain text (from a status page, an email, a web page) and the shapes
//! they come in: status labels alone on a line, headings that are only short lines, times given
//! only in sentences ("at approximately 4:55 PM", "around 1 PM", "this morning"), a scribe's log
//! with an actor between pipes. Written for round seven of the held-out measurements.

use misfortune_core::author::{self, guess_kind};
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_status_page_copied_as_text_is_read() {
    let text = "\
Investigating Checkout errors for some customers
Incident Report for Example Shop

Postmortem

Checkout failures - May 6, 2026

Starting on May 5, at 11:20 PM PT, a share of checkout attempts failed with a payment timeout. We know how much checkout matters to you and we are sorry for the trouble.

What happened: A nightly reconciliation job was started twice and held locks on the payments table, which caused payment writes to time out.

What we did: We stopped the duplicate job and payments recovered by 7:10 AM PT. Queued orders were replayed by 8:05 AM PT.

What we are changing: The scheduler will refuse to start a job that is already running, and long lock waits will page the on-call engineer.

Posted May 06, 2026 - 15:00 PDT

Resolved

Update: Queued orders have been replayed and checkout is operating normally.
Posted May 06, 2026 - 08:05 PDT

Monitoring

Update: We have stopped the duplicate job and payments are succeeding again. We are monitoring as queued orders are replayed.
Posted May 06, 2026 - 07:12 PDT

Identified

We have identified lock contention on the payments database as the cause.
Posted May 06, 2026 - 06:50 PDT

Investigating

We are observing elevated checkout failures and are investigating.
Posted May 06, 2026 - 06:31 PDT
";
    let i = author::import_markdown("status.txt", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.title.as_deref(),
        Some("Checkout errors for some customers")
    );
    // The postmortem's opening paragraph is the summary, the postmortem the root cause.
    assert!(
        sk.summary
            .as_deref()
            .unwrap()
            .starts_with("Starting on May 5"),
        "{:?}",
        sk.summary
    );
    assert!(
        sk.root_cause
            .as_deref()
            .unwrap()
            .contains("reconciliation job was started twice")
    );
    // Minute 0 is the first update (nobody was paged: they observed it); the onset the evening
    // before, at 11:20 PM on the day the sentence names, is 431 minutes earlier; the postmortem
    // was posted at 15:00, 509 minutes after minute 0.
    let ev = events(&i);
    assert_eq!(
        ev,
        [
            (-431, EventKind::Symptom),
            (0, EventKind::Alert),
            (19, EventKind::Investigation),
            (39, EventKind::Mitigation),
            (41, EventKind::Mitigation),
            (94, EventKind::Resolution),
            // The postmortem's own "Posted" line: when it was published.
            (509, EventKind::Communication),
        ],
        "{:#?}",
        sk.timeline
    );
}

#[test]
fn a_plain_text_report_reads_its_headings_and_the_times_in_its_sentences() {
    let text = "\
Image uploads failing

Incident report for Example Photos

Resolved
At about 6:40 PM Eastern our upload service went down. It was back by approximately 7:05 PM.

Summary of the technical issue
A certificate renewal job that ran around 3 PM Eastern caused the failures: it installed a certificate without its intermediate chain. Clients kept their old sessions for hours, so uploads failed only later. Only then did our synthetic checks alert the on-call engineer.

At 6:52 PM the certificate change was rolled back. By 7:05 PM uploads were succeeding again. Between 7:30 PM and 8:15 PM we worked with the certificate vendor and found that the renewal template dropped the chain. At 9:00 AM this morning the corrected certificate was installed.
";
    let i = author::import_markdown("report.txt", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(sk.title.as_deref(), Some("Image uploads failing"));
    assert!(
        sk.summary
            .as_deref()
            .unwrap()
            .starts_with("A certificate renewal job")
    );
    // No root-cause heading: the sentence that says what caused it.
    assert!(
        sk.root_cause
            .as_deref()
            .unwrap()
            .contains("caused the failures"),
        "{:?}",
        sk.root_cause
    );
    // With no timed alert, the hard outage at 6:40 PM is minute 0; "around 3 PM" is the
    // trigger; the range gives its start and its end as the work it was; "this morning" is the
    // day after an evening incident.
    let ev = events(&i);
    let minutes: Vec<i64> = ev.iter().map(|e| e.0).collect();
    assert_eq!(minutes, [-220, 0, 12, 25, 25, 50, 95, 860], "{ev:?}");
    assert_eq!(ev[0].1, EventKind::Trigger);
    assert_eq!(ev[1].1, EventKind::Symptom);
    assert_eq!(ev[2].1, EventKind::Mitigation);
    assert_eq!(ev[5].1, EventKind::Investigation);
    assert_eq!(ev[6].1, EventKind::Investigation);
}

#[test]
fn a_scribes_log_names_who_acted_between_pipes() {
    let text = "\
# Orders queue backlog

## Summary

Orders waited in the queue for twelve minutes.

## Timeline

09:14:10 | ALERTING | Queue depth alert fired: orders-queue > 10k
09:14:30 | PagerDuty | Paged the on-call (Sam)
09:15:05 | Sam | Acknowledged, opened the queue dashboard
09:17:40 | Sam | Seeing \"consumer group rebalancing\" in worker logs
09:21:00 | Sam | Consumers were restarted with the previous build
09:26:00 | Sam | Queue depth back under 100; incident resolved
";
    let i = author::import_markdown("scribe.md", text).unwrap();
    let sk = &i.skeleton;
    let kinds: Vec<EventKind> = events(&i).iter().map(|e| e.1).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Alert,
            EventKind::Alert,
            EventKind::Investigation,
            EventKind::Investigation,
            EventKind::Mitigation,
            EventKind::Resolution,
        ],
        "{:#?}",
        sk.timeline
    );
    // The actor is not part of what happened.
    assert!(
        sk.timeline
            .iter()
            .any(|e| e.2.starts_with("Seeing \"consumer group rebalancing\"")),
        "{:#?}",
        sk.timeline
    );
    // Minute 0 is the page that reached a person, 20 seconds after the alert.
    assert_eq!(sk.before_start.len(), 1);
}

#[test]
fn a_slow_decline_starts_when_the_team_first_acts() {
    let text = "\
Slow reports

What happened:

  • A deploy set the cache expiry to one second instead of one hour, causing every report to hit the database.

Timeline (PDT):

  • Monday ~6:00 PM: Report pages began to slow down as the cache stopped holding entries.

  • Today 7:45 AM: Our engineers pinpointed the expiry setting and began preparing a fix.

  • Today 8:30 AM: The corrected expiry was deployed, and monitoring confirmed full recovery.
";
    let i = author::import_markdown("slow.txt", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-825, EventKind::Symptom),
            (0, EventKind::Investigation),
            (45, EventKind::Mitigation),
        ]
    );
    assert!(
        i.skeleton
            .root_cause
            .as_deref()
            .unwrap()
            .contains("cache expiry to one second")
    );
}

#[test]
fn kinds_from_round_seven() {
    let cases = [
        // Done to the system, in the passive or the perfect.
        (
            "Additional containers were added to the web tier",
            EventKind::Mitigation,
        ),
        (
            "Caching was enabled on the sessions table.",
            EventKind::Mitigation,
        ),
        (
            "We have deployed backend changes and are seeing the expected improvements.",
            EventKind::Mitigation,
        ),
        ("Halted the rollout of build 41", EventKind::Mitigation),
        // A server that halts on its own is a symptom.
        ("Our job server halted.", EventKind::Symptom),
        // "% back" in a list of recoveries is not the word "back".
        ("which is creating back pressure", EventKind::Symptom),
        ("The system was operating properly.", EventKind::Resolution),
        (
            "Marketing sent out targeted emails to affected customers",
            EventKind::Communication,
        ),
        (
            "Our engineers pinpointed the scheduler error and began working on a fix.",
            EventKind::Investigation,
        ),
        (
            "Our team is investigating and evaluating mitigation strategies.",
            EventKind::Investigation,
        ),
        // A label is not the line's first verb: no update was made to the system.
        (
            "Update: We are currently experiencing disruptions to logins.",
            EventKind::Symptom,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(guess_kind(text, false), want, "{text}");
    }
    // A timeline that opens on the harm, with no change named, opens on a symptom.
    assert_eq!(
        guess_kind("Performance began to degrade as tasks stacked up.", true),
        EventKind::Symptom
    );
    assert_eq!(
        guess_kind("A config change to the load balancer was deployed.", true),
        EventKind::Trigger
    );
}

/// Round eight: a chat log pasted in a code block, with `@who:` before each message.
#[test]
fn a_chat_log_reads_who_said_what() {
    let text = "\
# Incident: stale reads after writes

```
[09:02] @support: getting reports that users see old prices after saving
[09:04] @dana: checking replica lag
[09:06] @dana: replica lag is 40 seconds, that's really high
[09:09] @lee: where is the load coming from?
[09:15] @lee: disabling the nightly export job now
[09:25] @dana: lag back to normal
[09:40] @lee: added an alert on replica lag above 5 seconds
[09:50] @dana: documented the incident, sending the postmortem tomorrow
```
";
    let i = author::import_markdown("chat.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (2, EventKind::Investigation),
            (4, EventKind::Investigation),
            (7, EventKind::Investigation),
            (13, EventKind::Mitigation),
            (23, EventKind::Mitigation),
            (38, EventKind::Mitigation),
            (48, EventKind::Communication),
        ],
        "{:#?}",
        sk.timeline
    );
    // The speaker is not part of what was said.
    assert!(sk.timeline[1].2.starts_with("checking replica lag"));
    // The log is the timeline, not the summary or the root cause: those stay to be written.
    assert_eq!(sk.summary, None);
    assert_eq!(sk.root_cause, None);
}

/// Round eight: a generated table whose columns are a timestamp, a category, a service and a
/// summary; the summary alone says what happened (a "monitoring" service is not an alert), and
/// an alert that clears is the recovery.
#[test]
fn a_table_reads_its_summary_column() {
    let text = "\
# Post-mortem: INC-7

## Summary
A deploy raised memory use until the gateway failed; the rollback fixed it.

## Timeline
| ts | kind | service | summary |
| --- | --- | --- | --- |
| 2026-03-02T08:00:00Z | change | ci | [CHANGE] Deploy gateway v3.1 to prod |
| 2026-03-02T08:04:00Z | alert | monitoring | [ALERT] gateway 5xx rate 9% |
| 2026-03-02T08:05:00Z | chat | communication | [CHAT] Acknowledged, investigating the 5xx alert |
| 2026-03-02T08:12:00Z | change | ci | [CHANGE] Rollback gateway to v3.0 |
| 2026-03-02T08:15:00Z | alert | monitoring | [ALERT] gateway 5xx rate back to normal after rollback |
";
    let i = author::import_markdown("table.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-4, EventKind::Trigger),
            (0, EventKind::Alert),
            (1, EventKind::Investigation),
            (8, EventKind::Mitigation),
            (11, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

/// Round eight: the page is the team being notified "through the on-call system", a few
/// minutes after monitoring saw it; bulleted metadata is never the summary.
#[test]
fn notified_through_the_on_call_system_is_the_page() {
    let text = "\
# Postmortem: search outage
- **Incident ID:** INC-12
- **Severity:** SEV-2

## Summary

### What happened
Search returned errors for forty minutes after an index mapping change.

## Timeline

- **10:30 AM** - Monitoring alerts showed high error rates on search.
- **10:35 AM** - Engineering team notified through the on-call system.
- **10:41 AM** - Investigation started on the search cluster.
- **11:10 AM** - The mapping change was reverted.
- **11:12 AM** - Full resolution, search operating normally.
";
    let i = author::import_markdown("notified.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        events(&i),
        [
            (-5, EventKind::Alert),
            (0, EventKind::Alert),
            (6, EventKind::Investigation),
            (35, EventKind::Mitigation),
            (37, EventKind::Resolution),
        ]
    );
    assert!(
        sk.summary
            .as_deref()
            .unwrap()
            .starts_with("Search returned errors"),
        "{:?}",
        sk.summary
    );
}

/// Round eleven: notes with no headings at all, one paragraph whose sentences open with their
/// times, still give a timeline (the report that reached a person is minute 0).
#[test]
fn notes_that_open_sentences_with_times_are_a_timeline() {
    let text = "Between 14:02 and 14:50 UTC, uploads failed for some users because the \
        thumbnail queue was full. 14:02 first alert from the error tracker. 14:07 support \
        reported failed uploads. 14:15 team traced errors to a stuck thumbnail worker. 14:31 \
        worker restarted. 14:38 uploads recovered. 14:50 incident resolved.\n";
    let i = author::import_markdown("notes.txt", text).unwrap();
    let ev = events(&i);
    let minutes: Vec<i64> = ev.iter().map(|e| e.0).collect();
    assert_eq!(minutes, [-5, -5, 0, 8, 24, 31, 43, 43], "{ev:?}");
    assert_eq!(ev[2].1, EventKind::Alert);
    assert_eq!(ev[3].1, EventKind::Investigation);
    assert_eq!(ev[4].1, EventKind::Mitigation);
    assert!(ev[6..].iter().any(|e| e.1 == EventKind::Resolution));
    // Text that is not a postmortem is still refused.
    assert!(author::import_markdown("list.txt", "Shopping list\n\neggs, milk\n").is_err());
}

/// Round eleven: a blog pasted as text, its first line the title and its times written with a
/// dot before a dash ("10.51 –").
#[test]
fn dotted_times_before_a_dash_are_times() {
    let text = "\
Update on this morning's slow dashboard

Sorry to everyone who was affected.

10.51 – first report of the dashboard loading slowly.
11.40 – we manage to replicate the issue and start preparing a fix.
12.05 – fix is applied.
12.20 – system is back to normal.
";
    let i = author::import_markdown("blog.txt", text).unwrap();
    assert_eq!(
        i.skeleton.title.as_deref(),
        Some("Update on this morning's slow dashboard")
    );
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (49, EventKind::Investigation),
            (74, EventKind::Mitigation),
            (89, EventKind::Resolution),
        ]
    );
}

/// Round eleven: an evidence column of images says nothing, and "full service restored" ends
/// it; a status page's sentence time ("since about 9am") takes its place in time order.
#[test]
fn images_are_not_text_and_sentence_times_fall_in_order() {
    let text = "\
# Post-mortem: cache node lost

## Timeline
| Time | Event | Evidence |
|---|---|---|
| 07:00 | Cache node terminated by the autoscaler | ![Node](images/node.png) |
| 07:02 | Monitoring detected the outage | ![Alert](images/alert.png) |
| 07:12 | Full service restored | ![Up](images/up.png) |
";
    let i = author::import_markdown("images.md", text).unwrap();
    let last = i.skeleton.timeline.last().unwrap();
    assert_eq!(last.1, EventKind::Resolution);
    assert!(!last.2.contains('!'), "{:?}", last.2);

    let status = "\
Slow sync
Incident Report for Example
Resolved
Everything has caught up.
Posted Feb 11, 2026 - 17:06 PST
Update
The site has been working properly since about 9am PT this morning.
Posted Feb 11, 2026 - 14:55 PST
Investigating
Our workers got overloaded over the weekend and we are investigating.
Posted Feb 11, 2026 - 08:55 PST
";
    let i = author::import_markdown("status.txt", status).unwrap();
    let ev = events(&i);
    assert_eq!(
        ev.iter().map(|e| e.0).collect::<Vec<_>>(),
        [0, 5, 360, 491],
        "{ev:?}"
    );
    assert_eq!(ev[0].1, EventKind::Alert);
}

/// Round twelve: a plain-text postmortem whose two dated lines are bullets under "Response:"
/// (too few to be a timeline on their own) beside an impact sentence that gives a range.
#[test]
fn a_few_dated_bullets_join_the_sentence_times() {
    let text = "\
Single sign-on unavailable for some users
Incident Report for Example

Incident Summary:

On Tuesday our identity vendor had an outage, so users could not sign in.

Customer Impact:

Users could not sign in from 7:00 AM to 8:40 AM PT.

Response:

  • 7:15 AM PT: Our team was alerted about failed sign-ins and contacted the vendor.
  • 8:55 AM PT: The vendor confirmed a fix and our team confirmed sign-in was restored.
";
    let i = author::import_markdown("sso.txt", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-15, EventKind::Symptom),
            (0, EventKind::Alert),
            (85, EventKind::Resolution),
            (100, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}
