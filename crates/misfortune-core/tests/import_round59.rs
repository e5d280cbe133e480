//! Round fifty-nine of the held-out measurements, in the project's own words: home-lab
//! write-ups with no clock times, whose suspects are ruled out together or under a label, and
//! whose action items name the cause of a second finding.

use misfortune_core::author;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::theory_names;

#[test]
fn suspects_ruled_out_together_or_under_a_label_are_each_a_wrong_theory() {
    let text = "\
# Incident: the NAS dropping off the network

## Summary

The storage box vanished from the LAN every few days. Cabling, the switch and the power supply were each ruled out. A firmware bug in its network card was to blame.

## Investigation

**Ruling things out:**

- **Disk health:** I ran a long SMART test on every disk. All of them passed, with no reallocated sectors.
- **Memory:** Two nights of memtest found nothing.

**Catching it in the act:**

- **Serial console:** I left a console logger attached for a week.

## Root cause

The network card's firmware locked up under jumbo frames.
";
    let i = author::import_markdown("nas.md", text).unwrap();
    let names = theory_names(&i);
    for want in [
        "Cabling",
        "The switch",
        "The power supply",
        "Disk health",
        "Memory",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    // A label after the list is not a suspect ruled out, nor is how they were ruled out.
    assert!(!names.iter().any(|n| n == "Serial console"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("with")), "{names:?}");
}

#[test]
fn an_action_items_root_cause_is_a_second_findings_not_the_incidents() {
    let text = "\
# Incident: registry wiped during a node rebuild

## What happened

Rebuilding the build node removed the registry's volume, and every image was lost.

## Action items

1. **Fix the nightly backups** — done. Root cause: the backup disk had filled up weeks earlier.
2. **Move the registry volume off the node** — open.
";
    let i = author::import_markdown("registry.md", text).unwrap();
    let cause = i.skeleton.root_cause.clone().unwrap_or_default();
    assert!(!cause.contains("backup disk"), "{cause}");
}
