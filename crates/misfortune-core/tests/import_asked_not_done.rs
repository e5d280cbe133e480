//! Moves named but not made by the team: a teammate's suggestion, a change asked of a
//! provider, a product feature whose name holds a fix word. None is the fix.

use misfortune_core::author::guess_kind;
use misfortune_core::model::EventKind;

#[test]
fn suggested_asked_for_and_named_moves_are_not_fixes() {
    let cases = [
        (
            "Priya suggests failing over to the standby.",
            EventKind::Investigation,
        ),
        (
            "On-call recommends restarting the queue consumers.",
            EventKind::Investigation,
        ),
        (
            "Contacted the vendor and requested the broken disk be swapped.",
            EventKind::Escalation,
        ),
        (
            "The automatic remediation job retried the failed exports.",
            EventKind::Symptom,
        ),
        // A fix that was made stays one.
        ("Restarted the queue consumers.", EventKind::Mitigation),
        (
            "Recommended fix deployed to production.",
            EventKind::Mitigation,
        ),
    ];
    for (line, want) in cases {
        assert_eq!(guess_kind(line, false), want, "{line}");
    }
}
