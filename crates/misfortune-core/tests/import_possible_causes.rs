//! A document that lists "Possible Causes" and never says which it was: the one its lasting fix
//! answers is the root cause, the others are the wrong theories, a stopgap answers nothing,
//! and the troubleshooting step that named it is the clue.

use misfortune_core::author;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::theory_names;

const DOC: &str = "\
# INC-7 — Worker pods OOMKilled

## Summary

Three of four report-worker pods were OOMKilled at 09:10 UTC. Reports queued for 40 minutes.

## Timeline

| Time | Event |
|---|---|
| 09:10 | PagerDuty alert `ReportWorker-OOMKilled` fires |
| 09:50 | All pods running |

## Possible Causes

1. **Memory limit too low** — limit unchanged since the service was created
2. **Template cache never trimmed** — the TemplateCache map keeps every rendered template
3. **Large customer export** — one customer's export inflating the heap
4. **JVM flags wrong** — old garbage collector settings

## Troubleshooting Steps

1. Checked memory limits: 512Mi
2. Heap dump: `TemplateCache` holds 90,000 templates, ~400 MB
3. Export sizes normal for the week

## Resolution

1. Raised memory limit to 1Gi to stabilize
   ```bash
   kubectl set resources deployment/report-worker --limits=memory=1Gi
   ```
2. Capped TemplateCache at 500 templates (PR #88, deployed v2.4.1)
3. Confirmed all pods Running and heap stable
";

#[test]
fn the_fix_picks_the_cause_and_the_rest_are_theories() {
    let i = author::import_markdown("inc7.md", DOC).unwrap();
    let sk = &i.skeleton;
    let cause = sk.root_cause.as_deref().unwrap_or("");
    assert!(cause.starts_with("Template cache never trimmed"), "{cause}");
    let theories = theory_names(&i);
    for wrong in [
        "Memory limit too low",
        "Large customer export",
        "JVM flags wrong",
    ] {
        assert!(theories.iter().any(|t| t == wrong), "{wrong}: {theories:?}");
    }
    assert!(
        !theories.iter().any(|t| t.contains("Template cache")),
        "{theories:?}"
    );
    // The lasting fix, not the stopgap, and without the commands the step quotes.
    let fix = sk.game.fix.as_ref().map_or("", |f| f.quote.as_str());
    assert!(fix.starts_with("Capped TemplateCache"), "{fix}");
    assert!(!fix.contains("kubectl"), "{fix}");
    let clue = sk.game.finding.as_ref().map_or("", |f| f.quote.as_str());
    assert!(clue.contains("holds 90,000 templates"), "{clue}");
}

#[test]
fn with_no_fix_that_answers_one_the_list_stays_open() {
    let doc = DOC.replace(
        "2. Capped TemplateCache at 500 templates (PR #88, deployed v2.4.1)\n",
        "",
    );
    let i = author::import_markdown("inc7.md", &doc).unwrap();
    let sk = &i.skeleton;
    let cause = sk.root_cause.as_deref().unwrap_or("");
    // Only the stopgap is left: no listed cause is confirmed, and none becomes a wrong theory.
    assert!(!cause.starts_with("Template cache"), "{cause}");
    assert!(!cause.starts_with("Memory limit"), "{cause}");
    let theories = theory_names(&i);
    assert!(
        !theories.iter().any(|t| t == "Template cache never trimmed"),
        "{theories:?}"
    );
}
