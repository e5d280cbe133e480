//! The game an import builds from a short postmortem: the wrong paths its words name
//! ("misleading assumption of...", "hypothesized...", "rules out X as cause", "... clear failed"),
//! the usual first suspects it does not point at when it names fewer than three, and the
//! metrics its alerts fire on. The skeleton validates once its TODOs are written and the lint
//! finds enough wrong paths.

use misfortune_core::author::{self, Imported};
use misfortune_core::lint::lint_file;
use misfortune_core::load_str;

/// The lint codes of the skeleton once its TODOs are written (it must validate).
fn lint_codes(i: &Imported) -> Vec<String> {
    let filled = author::fill_todos(&i.skeleton.render());
    let f = load_str("filled.ron", &filled);
    assert_eq!(f.errors(), 0, "{:#?}", f.diagnostics);
    lint_file(&f)
        .into_iter()
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn a_document_with_no_wrong_path_gets_the_usual_suspects_it_does_not_point_at() {
    let text = "\
# Gift card totals wrong

## Summary
A typo in the flag file turned the new basket on for every shopper.

## Timeline (UTC)
- 10:02 Nadia merges a flag change with `rollout: 150` instead of 15.
- 10:11 Finance reports a jump in orders below cost.
- 10:19 Nadia finds the typo and reverts the flag file.
- 10:27 Incident closed.

## Root cause
The flag loader clamps any rollout above 100 to 100 without a warning.

## Actions
- Reject rollout values over 100 in the loader. Owner: Nadia.
- Alert when the share of shoppers in any experiment changes by more than 10 points in
  one deploy. Owner: Tomas.
";
    let i = author::import_markdown("flags.md", text).unwrap();
    let g = &i.skeleton.game;
    assert!(g.theories.is_empty() && g.failed_fixes.is_empty());
    // A flag change reverted: the deploy suspect stays out, it may be the answer.
    let ids: Vec<&str> = g.suspects.iter().map(|s| s.id).collect();
    assert_eq!(ids, ["traffic", "database", "network"]);
    // Nothing in it made things worse: a tempting harmful move is offered, assumed.
    assert!(g.assumed_harm);
    let ron = i.skeleton.render();
    assert!(ron.contains("Action(id: \"restart-everything\""), "{ron}");
    assert!(ron.contains("Action(id: \"suspect-traffic\""), "{ron}");
    assert!(ron.contains("Candidate(id: \"suspect-database\""), "{ron}");
    assert!(ron.contains("Assumed, not from the document"), "{ron}");
    let codes = lint_codes(&i);
    assert!(!codes.iter().any(|c| c == "few-wrong-paths"), "{codes:?}");
    // A wrapped action item is one item, and its owner has no full stop.
    let items = &i.skeleton.action_items;
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[1].0.ends_with("in one deploy."), "{items:?}");
    assert_eq!(items[1].2.as_deref(), Some("Tomas"));
    assert_eq!(items[0].2.as_deref(), Some("Nadia"));
    // A basket and a flag file: the guessed tags name a system and the failure class.
    let tags = &i.skeleton.tags;
    assert!(tags.iter().any(|t| t == "flag-change"), "{tags:?}");
    assert!(tags.iter().any(|t| t == "payments"), "{tags:?}");
}

#[test]
fn wrong_paths_the_words_name_and_the_metrics_alerts_fire_on() {
    let text = "\
# Checkout slowdown

## Summary
Checkout was slow for most users for 80 minutes.

## Timeline

- **2:00 PM**: Issue detected by a monitoring alert on high CPU usage on the orders database
- **2:10 PM**: Engineers hypothesized a network issue, leading to a check of the switches
- **2:25 PM**: Misleading assumption of a potential cache stampede explored and ruled out
- **2:30 PM**: The on-call rules out the load balancer as cause
- **2:40 PM**: Attempted to clear the slow query log to free disk
- **2:45 PM**: Log clear failed (permission denied)
- **3:05 PM**: Root cause identified as a missing index on the orders table
- **3:20 PM**: Index added; checkout latency back to normal

## Root cause
A migration dropped the index on the orders table's customer column.
";
    let i = author::import_markdown("checkout.md", text).unwrap();
    let g = &i.skeleton.game;
    let theories: Vec<&str> = g.theories.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        theories,
        ["a network issue", "cache stampede", "load balancer"],
        "{:#?}",
        g.theories
    );
    let tried: Vec<&str> = g.failed_fixes.iter().map(|f| f.0.name.as_str()).collect();
    assert_eq!(tried, ["Log clear"], "{:#?}", g.failed_fixes);
    // Enough wrong paths named: no suspects assumed.
    assert!(g.suspects.is_empty(), "{:?}", g.suspects);
    // The alert fires on CPU: a metric to watch.
    assert!(g.metrics.iter().any(|m| m.id == "cpu"), "{:#?}", g.metrics);
    let codes = lint_codes(&i);
    assert!(!codes.iter().any(|c| c == "few-wrong-paths"), "{codes:?}");
}
