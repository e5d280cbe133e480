//! Round fifty-two of the held-out measurements, in the project's own words: a home lab's root
//! cause analysis whose timeline, stamped to the second, runs from an image sync to the kernel's
//! OOM killer taking a VM down and the hypervisor restarting it forty minutes later.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn the_oom_killer_taking_a_vm_down_is_the_harm_and_minute_0() {
    let text = "\
# Root Cause Analysis: DNS VM unplanned outage

## Timeline (All times Pacific)

| Time | Event |
|------|-------|
| 09:10:05 | Backup agent begins nightly synchronization of the photo share |
| 09:10:20 | Backup agent schedules download of 3 large archives |
| 09:12:40 | Hypervisor OOM killer invoked |
| 09:12:41 | DNS VM process killed by OOM killer |
| 09:40:02 | Hypervisor automatically restarts the DNS VM |
| 09:40:09 | DNS answering again |

## Root Cause

The host's memory was fully allocated to VMs, leaving nothing for the backup agent's buffers.
";
    let i = author::import_markdown("dns.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-3, EventKind::Trigger),
            (-2, EventKind::Trigger),
            (0, EventKind::Symptom),
            (0, EventKind::Symptom),
            (27, EventKind::Mitigation),
            (27, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}
