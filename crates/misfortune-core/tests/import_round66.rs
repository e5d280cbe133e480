//! Round sixty-six of the held-out measurements, in the project's own words: a community
//! service's incident reports, a heading per time, with quoted errors and `kubectl describe`
//! listings under the headings, a summary that tells a time in another zone, a monitor that
//! mails the team, and an outage that healed itself hours before anyone noticed it.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn another_zones_time_a_quoted_listing_and_a_teammates_finding() {
    let text = "\
# 2019-05-02 Builds stuck

## Summary

Ana saw at 9:40 CET (still to convert to PDT) that builds never started. This was noticed
because Ana happened to open the dashboard. One build node had filled its disk which broke the
image cache.

## Timeline

### 2019-05-02 00:10 PDT

Build node disk reaches its limit, builds start queueing.

### 00:40 PDT

Investigation starts after noticing the queue graph looks odd. The build page shows:

```
Waiting for a builder...
Builder unavailable, retrying
```

### 00:45 PDT

Ben reports that the cache pods are in CrashLoopBackOff and had been restarted ~20 times.

### 00:50

Ben runs `kubectl describe` on the node, which gives:

```
  Warning  Evicted   3m   kubelet, build-node-2  The node was low on resource: ephemeral-storage
```

### 01:05

Old images are pruned from the node and the cache pods come back.

### 01:07 PDT

Builds are running again.
";
    let i = author::import_markdown("builds.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-30, EventKind::Trigger),
            // The summary's "9:40 CET" is another zone's clock: it does not open the timeline.
            (0, EventKind::Alert),
            // A teammate's finding, though it names a crash loop.
            (5, EventKind::Investigation),
            // Running `kubectl describe` is looking; the listing it printed is not the line.
            (10, EventKind::Investigation),
            (25, EventKind::Mitigation),
            (27, EventKind::Resolution),
        ]
    );
    let at_ten = &i
        .skeleton
        .timeline
        .iter()
        .find(|e| e.0.round_mins() == 10)
        .unwrap()
        .2;
    assert!(!at_ten.contains("Evicted"), "{at_ten}");
    // "noticed because" tells how it was found; the disk that broke the cache is the cause.
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("disk"), "root cause: {cause}");
}

#[test]
fn a_monitor_that_mails_and_a_suspected_cause() {
    let text = "\
# 2019-06-11 Gateway down

## Summary

We got Pingdom emails saying the site was down, checked the ingress logs and suspected it was
the gateway pods. Deleted them and everything came back.

## Timeline

### 2019-06-11 14:02

Pingdom sends emails about the outage, which we see. The site is down.

### 14:05

Deleted the gateway pods and waited for new ones.

### 14:08

Confirmed the site is back.
";
    let i = author::import_markdown("gateway.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (3, EventKind::Mitigation),
            (6, EventKind::Resolution),
        ]
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("gateway pods"), "root cause: {cause}");
}

#[test]
fn healed_before_anyone_looked_and_a_correlated_cause() {
    let text = "\
# 2019-07-08 Launches failing

## Summary

A node went bad, correlated with many \"too many open files\" messages in its logs. The
cluster recovered by itself; the root cause is still unknown.

## Timeline

All times in CEST

### 2019-07-08 06:10

Launch success rate reaches 0%.

### 2019-07-08 06:40

Cluster self-heals and everything returns to normal, launch success back to 100%.

### 2019-07-08 11:00

Dip in the launch graph noticed via grafana, investigation started. The node still logs the
same message; the root cause is still unknown.
";
    let i = author::import_markdown("launch.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-290, EventKind::Symptom),
            // Over on its own, hours before the first person knew.
            (-260, EventKind::Resolution),
            (0, EventKind::Alert),
        ]
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("open files"), "root cause: {cause}");
}
