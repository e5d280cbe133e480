//! Snapshot tests of the debrief report (Markdown and JSON) for fixed plays.

use std::path::Path;
use std::sync::Arc;

use misfortune_core::journal::Recorder;
use misfortune_core::personas::{self, Persona};
use misfortune_core::report::Report;
use misfortune_core::{Session, load_file};

fn played(scenario: &str, persona: Persona) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(format!("{scenario}.ron"));
    let sc = Arc::new(load_file(&path).valid().unwrap().clone());
    let mut rec = Recorder::unjournaled(Session::new(sc, 2024));
    personas::play(&mut rec, persona).unwrap();
    Report::of(rec.session(), Some("Alex (trainee)".into()))
}

#[test]
fn markdown_report_of_an_expert_play() {
    let r = played("cloudflare-2019-waf-regex", Persona::Expert);
    let md = r.to_markdown();
    for heading in [
        "## Summary",
        "## Impact",
        "## Timeline",
        "## Diagnosis",
        "### What went wrong?",
        "### What went right?",
        "### Where did luck help us?",
        "### Where was luck against us?",
        "### What could have prevented it?",
        "## Action items",
        "## Score",
    ] {
        assert!(md.contains(heading), "missing {heading}");
    }
    insta::assert_snapshot!("cloudflare_expert_md", md);
}

#[test]
fn markdown_report_of_a_guesser_play() {
    insta::assert_snapshot!(
        "fastly_guesser_md",
        played("fastly-2021-latent-config-bug", Persona::Guesser).to_markdown()
    );
}

#[test]
fn json_report_of_a_harmful_play() {
    let r = played("cloudflare-2019-waf-regex", Persona::Harmful);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["questions"].as_array().unwrap().len(), 5);
    insta::assert_json_snapshot!("cloudflare_harmful_json", v);
}

#[test]
fn the_teams_answers_and_action_item_owners_go_into_the_draft() {
    let mut r = played("original-cert-expiry", Persona::Expert);
    r.questions[0].team = vec!["Nobody watched the expiry date.".into()];
    r.action_items[1].owner = Some("Sam".into());
    r.action_items[1].due = Some("2026-12-15".into());
    let md = r.to_markdown();
    assert!(md.contains("### What went wrong?\n\nIn the real incident:"));
    assert!(md.contains("Our answers:\n\n- Nobody watched the expiry date.\n"));
    assert!(
        md.contains(
            "| Alert on every certificate expiring within 30 days | Detect | Sam | 2026-12-15 |"
        ),
        "{md}"
    );
}
