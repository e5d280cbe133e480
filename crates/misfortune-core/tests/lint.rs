//! The training-value lint: each lint fires on a scenario broken in its way, at the line of the
//! value it is about, and stays quiet on the shipped library.

use std::path::Path;

use misfortune_core::lint::lint_file;
use misfortune_core::{Diagnostic, load_str};

const CERT: &str = include_str!("../../../scenarios/original-cert-expiry.ron");

/// Lint `src` (which must validate) and return its findings.
fn lint(src: &str) -> Vec<Diagnostic> {
    let f = load_str("broken.ron", src);
    assert_eq!(
        f.errors(),
        0,
        "the mutated scenario must still validate: {:#?}",
        f.diagnostics
    );
    lint_file(&f)
}

/// `src` with `from` replaced (exactly once) by `to`.
fn edit(src: &str, from: &str, to: &str) -> String {
    assert_eq!(src.matches(from).count(), 1, "`{from}` must occur once");
    src.replacen(from, to, 1)
}

/// The findings with `code`, as (line, message).
fn found(d: &[Diagnostic], code: &str) -> Vec<(usize, String)> {
    d.iter()
        .filter(|x| x.code == code)
        .map(|x| (x.line, x.message.clone()))
        .collect()
}

fn line_of(src: &str, needle: &str) -> usize {
    src.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn the_base_scenario_is_clean() {
    assert_eq!(lint(CERT), Vec::new());
}

#[test]
fn a_title_naming_the_cause_and_a_briefing_naming_two_keywords() {
    let src = edit(
        CERT,
        "title: \"Payments fail at midnight\"",
        "title: \"The expired certificate\"",
    );
    let src = edit(
        &src,
        "It is a quiet night,",
        "Its x509 certificate expired tonight,",
    );
    let d = lint(&src);
    assert_eq!(found(&d, "cause-in-title").len(), 1, "{d:#?}");
    assert_eq!(found(&d, "cause-in-title")[0].0, line_of(&src, "title:"));
    assert_eq!(found(&d, "cause-in-briefing").len(), 1, "{d:#?}");
}

#[test]
fn a_result_that_labels_itself() {
    let src = edit(
        CERT,
        "v2.14.2 is running everywhere. The error rate reads 97%.",
        "v2.14.2 is running everywhere. The deploy was a red herring.",
    );
    let d = lint(&src);
    let f = found(&d, "self-labelling");
    assert_eq!(f.len(), 1, "{d:#?}");
    assert_eq!(f[0].0, line_of(&src, "was a red herring"));
    assert!(f[0].1.contains("red herring"));
}

#[test]
fn an_action_with_no_phrases_and_a_phrase_two_actions_share() {
    let src = edit(
        CERT,
        "            phrases: [\"roll back checkout\", \"revert the checkout deploy\", \"undo the last release\"],\n",
        "",
    );
    let src = edit(
        &src,
        "\"check the last deploy\"",
        "\"renew the gateway certificate\"",
    );
    let d = lint(&src);
    assert!(
        found(&d, "no-phrases")
            .iter()
            .any(|f| f.1.contains("rollback-checkout")),
        "{d:#?}"
    );
    // Both actions now answer to the same words: each of them is told.
    let shared = found(&d, "shared-phrase");
    assert_eq!(shared.len(), 2, "{d:#?}");
    assert!(
        shared.iter().all(|s| s.1.contains("ambiguous")),
        "{shared:?}"
    );
}

#[test]
fn the_answer_listed_first_and_clearly_longest() {
    let src = edit(
        CERT,
        "            Candidate(id: \"bad-deploy\", text: \"The 23:40 checkout release broke the payment client\"),\n",
        "",
    );
    let src = edit(
        &src,
        "Candidate(id: \"cert-expired\", text: \"The gateway's TLS certificate is no longer valid\"),",
        "Candidate(id: \"cert-expired\", text: \"The gateway's TLS certificate is no longer valid because it passed its notAfter date at midnight\"),\n            Candidate(id: \"bad-deploy\", text: \"The 23:40 checkout release broke the payment client\"),",
    );
    let src = edit(
        &src,
        "            Candidate(id: \"payments-down\", text: \"The payments service is down behind its gateway\"),\n",
        "",
    );
    let src = edit(
        &src,
        "candidates: [\n",
        "candidates: [\n            Candidate(id: \"payments-down\", text: \"The payments service is down behind its gateway\"),\n",
    );
    // Now: payments-down, cert-expired (long), bad-deploy, bank-outage: longest, not first.
    let d = lint(&src);
    let f = found(&d, "answer-stands-out");
    assert_eq!(f.len(), 1, "{d:#?}");
    assert!(f[0].1.contains("longest"));
    // Move it first too.
    let first = src.replacen(
        "            Candidate(id: \"payments-down\", text: \"The payments service is down behind its gateway\"),\n",
        "",
        1,
    );
    let first = first.replacen(
        "Candidate(id: \"bad-deploy\", text: \"The 23:40 checkout release broke the payment client\"),",
        "Candidate(id: \"bad-deploy\", text: \"The 23:40 checkout release broke the payment client\"),\n            Candidate(id: \"payments-down\", text: \"The payments service is down behind its gateway\"),",
        1,
    );
    let d = lint(&first);
    assert!(
        found(&d, "answer-stands-out")
            .iter()
            .any(|f| f.1.contains("first")),
        "{d:#?}"
    );
}

#[test]
fn a_persona_who_confesses_unprompted_and_a_clue_on_a_timer() {
    let src = edit(
        CERT,
        "Three customers on chat say their card is refused at the last step. One says her bank shows nothing.",
        "I think the gateway's TLS certificate has expired.",
    );
    let src = edit(
        &src,
        "Inject(id: \"orders\", when: At(\"4m\"), effects: [FireAlert(\"orders-low\")]),",
        "Inject(id: \"orders\", when: At(\"4m\"), effects: [FireAlert(\"orders-low\"), Reveal(Clue(\"x509-expired\"))]),",
    );
    let d = lint(&src);
    assert_eq!(found(&d, "persona-volunteers").len(), 1, "{d:#?}");
    assert_eq!(found(&d, "unprompted-clue").len(), 1, "{d:#?}");
    // Asked for, it is fine.
    let asked = src.replacen(
        "Inject(id: \"support\", when: IfNotMitigated(by: \"5m\"),",
        "Inject(id: \"support\", when: AfterAction(action: \"checkout-logs\"),",
        1,
    );
    assert!(found(&lint(&asked), "persona-volunteers").is_empty());
}

#[test]
fn tags_outside_the_vocabulary_and_a_missing_kind() {
    let src = edit(
        CERT,
        "tags: [\"tls\", \"payments\", \"certificate-expiry\", \"log-reading\", \"change-correlation\", \"original\"]",
        "tags: [\"tls\", \"expiry\", \"original\"]",
    );
    let d = lint(&src);
    let f = found(&d, "unknown-tag");
    assert!(f.iter().any(|x| x.1.contains("`expiry`")), "{f:?}");
    assert!(f.iter().any(|x| x.1.contains("no failure class")), "{f:?}");
    assert!(f.iter().any(|x| x.1.contains("skill")), "{f:?}");
}

#[test]
fn a_templated_log_and_no_start_time() {
    let src = edit(CERT, "    starts_at: Some(\"00:00\"),\n", "");
    // The checkout log becomes one line, repeated.
    let start = src.find("LogStream(id: \"checkout-log\"").unwrap();
    let end = start + src[start..].find("]),").unwrap();
    let src = format!(
        "{}LogStream(id: \"checkout-log\", service: \"checkout\", name: \"checkout log\", lines: [\n            LogLine(at: \"0m01s\", level: Error, text: \"payment call failed (order {{n}})\", every: \"2s\"),\n        {}",
        &src[..start],
        &src[end..]
    );
    let d = lint(&src);
    assert_eq!(found(&d, "no-start-time").len(), 1, "{d:#?}");
    let f = found(&d, "log-variety");
    assert_eq!(f.len(), 1, "{d:#?}");
    assert!(f[0].1.contains("checkout-log"), "{f:?}");
}

#[test]
fn an_original_scenario_claiming_a_recorded_time() {
    let src = edit(
        CERT,
        "time_to_mitigate: Assumed(\"22m\")",
        "time_to_mitigate: Known(\"22m\")",
    );
    let src = edit(&src, "        par_to_diagnose: Some(\"12m\"),\n", "");
    let d = lint(&src);
    assert_eq!(found(&d, "assumed-time-unmarked").len(), 2, "{d:#?}");
}

#[test]
fn too_few_wrong_paths() {
    let src = edit(
        CERT,
        "            red_herring: true),\n        Action(id: \"rollback-checkout\"",
        "            ),\n        Action(id: \"rollback-checkout\"",
    );
    let d = lint(&src);
    let f = found(&d, "few-wrong-paths");
    assert_eq!(f.len(), 1, "{d:#?}");
    assert!(f[0].1.contains("1 red-herring action"), "{f:?}");
}

#[test]
fn a_metric_that_never_answers_the_fix_and_a_late_message() {
    let src = edit(
        CERT,
        "            Metric(metric: \"orders\", change: Ramp(to: 55.0, over: \"3m\")),\n",
        "",
    );
    let src = edit(
        &src,
        "            Metric(metric: \"orders\", change: Step(to: 0.0)),\n",
        "",
    );
    let src = edit(
        &src,
        "Inject(id: \"support\", when: IfNotMitigated(by: \"5m\"),",
        "Inject(id: \"support\", when: At(\"40m\"),",
    );
    let d = lint(&src);
    let f = found(&d, "metric-never-responds");
    assert_eq!(f.len(), 1, "{d:#?}");
    assert!(f[0].1.contains("`orders`"));
    let late = found(&d, "late-inject");
    assert_eq!(late.len(), 1, "{d:#?}");
    assert_eq!(late[0].0, line_of(&src, "Inject(id: \"support\""));
}

#[test]
fn personas_that_break_their_bounds() {
    // Hand the answer to anyone who reads the screen: the title and briefing name the fix, the
    // fix needs no evidence, and the right candidate is the longest.
    let src = edit(
        CERT,
        "title: \"Payments fail at midnight\"",
        "title: \"Issue a new gateway certificate\"",
    );
    let src = edit(
        &src,
        "            requires: [Clue(\"x509-expired\")],\n            mitigates: \"1m\",",
        "            mitigates: \"1m\",",
    );
    let src = edit(
        &src,
        "text: \"The gateway's TLS certificate is no longer valid\"",
        "text: \"The gateway's TLS certificate is no longer valid since its notAfter date passed\"",
    );
    let d = lint(&src);
    let f = found(&d, "persona-bounds");
    assert_eq!(f.len(), 1, "{d:#?}");
    assert!(f[0].1.contains("label-reader"), "{f:?}");
}

#[test]
fn the_shipped_library_is_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let (files, problems) = misfortune_core::load_all(&[dir]);
    assert!(problems.is_empty(), "{problems:?}");
    for f in &files {
        let d = lint_file(f);
        assert!(
            d.is_empty(),
            "{}: {}",
            f.name,
            d.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
