//! Round fifty-four of the held-out measurements, in the project's own words: a home lab's
//! report, its prose in another language, whose table sets what the team first thought beside
//! what it really was.

use misfortune_core::author;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::theory_names;

#[test]
fn a_thought_versus_actual_table_gives_the_wrong_theories_and_the_cause() {
    let text = "\
# Incident Report — Three CrashLoops (Misdiagnosed)

## Timeline

| Time | Event |
|------|-------|
| 2026-02-03 ~04:10 | Alert flood: web and worker CrashLoop |
| 2026-02-03 ~09:00 | Fix #1: rolled back the web deployment |
| 2026-02-03 ~09:20 | Fix #2: restarted the worker |

## What We Thought vs What It Actually Was

| Symptom | Initial diagnosis | Actual root cause |
|---------|------------------|-------------------|
| web: database not available | Bad deployment config → rollback | A network policy blocked DNS to the database |
| worker: health check timeout | Probe timeout too tight | A network policy blocked DNS to the database |
";
    let i = author::import_markdown("crashloops.md", text).unwrap();
    let names = theory_names(&i);
    assert!(
        names.iter().any(|n| n.contains("Bad deployment config")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.contains("Probe timeout too tight")),
        "{names:?}"
    );
    assert_eq!(
        i.skeleton.root_cause.as_deref(),
        Some("A network policy blocked DNS to the database")
    );
}
