//! Importers: Markdown postmortems in different styles, structured records, the classic wheel's
//! incident lists; and the scaffold. Each output parses, names its TODOs, and validates once they
//! are filled in.

use std::path::Path;

use misfortune_core::author::{self, Imported};
use misfortune_core::model::{ActionItemKind, EventKind};
use misfortune_core::{SimTime, load_str};

mod support {
    pub mod stress;
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/postmortems")
            .join(name),
    )
    .unwrap()
}

/// A document of the importer's test corpus, imported.
fn corpus_doc(name: &str) -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(name);
    author::import_markdown(name, &std::fs::read_to_string(path).unwrap()).unwrap()
}

fn md(name: &str) -> Imported {
    author::import_markdown(name, &fixture(name)).unwrap()
}

/// Every event, before minute 0 and after, as signed minutes from minute 0, with its kind.
fn events(i: &Imported) -> Vec<(i64, EventKind)> {
    let mut before: Vec<(i64, EventKind)> = i
        .skeleton
        .before_start
        .iter()
        .map(|e| (-(e.0.round_mins() as i64), e.1))
        .collect();
    before.sort_by_key(|e| e.0);
    before
        .into_iter()
        .chain(
            i.skeleton
                .timeline
                .iter()
                .map(|e| (e.0.round_mins() as i64, e.1)),
        )
        .collect()
}

/// Minutes from the first event (whatever minute 0 is).
fn offsets(i: &Imported) -> Vec<u64> {
    let all = events(i);
    let first = all.first().map_or(0, |e| e.0);
    all.iter().map(|e| (e.0 - first) as u64).collect()
}

fn kinds(i: &Imported) -> Vec<EventKind> {
    events(i).iter().map(|e| e.1).collect()
}

/// The rendered skeleton parses; its only errors are TODOs; with every TODO replaced it is valid.
fn check_renders(i: &Imported) {
    let text = i.skeleton.render();
    let f = load_str("skeleton.ron", &text);
    assert!(
        f.scenario.is_some(),
        "{}",
        misfortune_core::diagnostic::render(&f.diagnostics, &f.source, false)
    );
    let errors: Vec<_> = f.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(!errors.is_empty(), "a skeleton has TODOs");
    assert!(
        errors.iter().all(|d| d.code == "todo"),
        "{}",
        misfortune_core::diagnostic::render(&f.diagnostics, &f.source, false)
    );
    let filled = author::fill_todos(&text);
    let f = load_str("filled.ron", &filled);
    assert_eq!(
        f.errors(),
        0,
        "{}",
        misfortune_core::diagnostic::render(&f.diagnostics, &f.source, false)
    );
    assert!(f.solution.is_some());
}

#[test]
fn google_style_template() {
    let i = md("google-style.md");
    assert_eq!(
        i.skeleton.title.as_deref(),
        Some("Object storage outage in one region")
    );
    assert_eq!(offsets(&i), [0, 0, 120, 169, 221, 257]);
    assert_eq!(
        kinds(&i),
        [
            EventKind::Trigger,
            EventKind::Symptom,
            EventKind::Communication,
            EventKind::Mitigation,
            EventKind::Mitigation,
            EventKind::Resolution
        ]
    );
    assert_eq!(i.skeleton.time_to_detect, None);
    assert_eq!(i.skeleton.time_to_mitigate, Some(SimTime::from_mins(169)));
    assert_eq!(i.skeleton.time_to_resolve, Some(SimTime::from_mins(257)));
    assert!(
        i.skeleton
            .root_cause
            .as_deref()
            .unwrap()
            .starts_with("A command to remove capacity")
    );
    assert_eq!(
        i.skeleton.trigger.as_deref(),
        Some("A mistyped argument to a capacity-removal playbook command.")
    );
    assert_eq!(
        i.skeleton.went_right,
        ["The restart procedure worked as designed, only slowly."]
    );
    assert_eq!(i.skeleton.went_wrong.len(), 2);
    assert_eq!(i.skeleton.lucky.len(), 1);
    assert_eq!(i.skeleton.date.as_deref(), Some("2017-02-28"));
    let items = &i.skeleton.action_items;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].1, ActionItemKind::Prevent);
    assert_eq!(items[0].2.as_deref(), Some("storage-team"));
    assert_eq!(items[1].1, ActionItemKind::Mitigate);
    assert_eq!(items[2].2, None, "TBD is no owner");
    assert!(!i.missing.contains(&"where we got lucky".to_string()));
    check_renders(&i);
}

#[test]
fn atlassian_style_with_setext_headings_bold_sections_and_a_table_timeline() {
    let i = md("atlassian-style.md");
    assert_eq!(
        i.skeleton.title.as_deref(),
        Some("Edge errors after a customer configuration push")
    );
    assert_eq!(offsets(&i), [0, 1, 11, 40, 49, 73, 168]);
    assert_eq!(
        kinds(&i),
        [
            EventKind::Trigger,
            EventKind::Alert,
            EventKind::Communication,
            EventKind::Investigation,
            EventKind::Mitigation,
            EventKind::Mitigation,
            EventKind::Resolution
        ]
    );
    assert_eq!(i.skeleton.time_to_detect, Some(SimTime::from_mins(1)));
    assert_eq!(i.skeleton.time_to_mitigate, Some(SimTime::from_mins(48)));
    assert!(i.skeleton.impact.as_deref().unwrap().contains("85%"));
    assert!(i.skeleton.root_cause.is_some());
    assert_eq!(i.skeleton.went_right.len(), 2);
    let items = &i.skeleton.action_items;
    assert_eq!(
        items[0],
        (
            "Deploy the permanent bug fix".to_string(),
            ActionItemKind::Repair,
            Some("edge-team".to_string())
        )
    );
    assert_eq!(items[1].2.as_deref(), Some("qa-lead"));
    assert!(i.missing.contains(&"trigger".to_string()) || i.skeleton.trigger.is_some());
    check_renders(&i);
}

#[test]
fn freeform_colon_headings_twelve_hour_clock_and_midnight() {
    let i = md("freeform.md");
    assert_eq!(offsets(&i), [0, 30, 45, 90, 1080, 1140]);
    assert_eq!(kinds(&i)[2], EventKind::Escalation);
    assert_eq!(kinds(&i)[3], EventKind::Investigation);
    assert_eq!(kinds(&i)[4], EventKind::Mitigation);
    assert_eq!(kinds(&i)[5], EventKind::Resolution);
    assert_eq!(i.skeleton.went_wrong.len(), 2);
    assert_eq!(i.skeleton.unlucky.len(), 1);
    assert!(
        i.skeleton
            .summary
            .as_deref()
            .unwrap()
            .starts_with("An engineer deleted")
    );
    // A long incident: the skeleton suggests phases.
    assert!(i.skeleton.render().contains("phases: [Phase("));
    check_renders(&i);
}

#[test]
fn minute_zero_is_the_detection_unless_asked_otherwise() {
    let src = fixture("atlassian-style.md");
    let i = author::import_markdown("a.md", &src).unwrap();
    // The trigger came a minute before the page: it stays, before the start.
    assert_eq!(i.skeleton.before_start.len(), 1);
    assert_eq!(i.skeleton.before_start[0].0, SimTime::from_mins(1));
    assert_eq!(i.skeleton.timeline[0].1, EventKind::Alert);
    assert_eq!(i.skeleton.timeline[0].0, SimTime::ZERO);
    assert_eq!(i.skeleton.time_to_mitigate, Some(SimTime::from_mins(48)));
    assert!(
        i.skeleton
            .render()
            .contains("TimelineEvent(before: \"1m\", kind: Trigger")
    );
    let at_trigger = author::import_markdown_with(
        "a.md",
        &src,
        &author::ImportOptions {
            zero: "trigger".parse().unwrap(),
        },
    )
    .unwrap();
    assert!(at_trigger.skeleton.before_start.is_empty());
    assert_eq!(
        at_trigger.skeleton.time_to_mitigate,
        Some(SimTime::from_mins(49))
    );
    assert!("nonsense".parse::<author::Zero>().is_err());
    assert_eq!(
        "09:48".parse::<author::Zero>(),
        Ok(author::Zero::At(9 * 3600 + 48 * 60))
    );
}

#[test]
fn relative_t_plus_times() {
    let i = md("relative.md");
    assert_eq!(offsets(&i), [0, 2, 9, 14, 65]);
    assert_eq!(
        kinds(&i),
        [
            EventKind::Trigger,
            EventKind::Alert,
            EventKind::Investigation,
            EventKind::Mitigation,
            EventKind::Resolution
        ]
    );
    check_renders(&i);
}

#[test]
fn unreadable_input_says_what_was_found_and_what_is_missing() {
    let e = author::import_markdown("list.md", &fixture("not-a-postmortem.md"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("found no postmortem sections"), "{e}");
    let e = author::import_markdown("thin.md", "# Title only\n\n## Action items\n\n- one\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("found title, action items but no summary, root cause or timeline"),
        "{e}"
    );
    let i = md("relative.md");
    assert!(i.found.contains(&"timeline".to_string()));
    assert!(i.missing.contains(&"root cause".to_string()));
}

#[test]
fn structured_records_become_skeletons_with_the_records_times() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postmortems");
    let json = std::fs::read_to_string(dir.join("record.json")).unwrap();
    let i = author::import_record("record.json", &json).unwrap();
    assert_eq!(i.skeleton.time_to_detect, Some(SimTime::from_mins(1)));
    assert_eq!(i.skeleton.time_to_mitigate, Some(SimTime::from_mins(49)));
    assert_eq!(
        offsets(&i),
        [0, 1, 1, 49],
        "an untimed event follows the one before it"
    );
    assert_eq!(i.skeleton.services.len(), 2);
    assert!(
        i.skeleton.timeline[2].2.contains("TODO"),
        "an untimed event is marked"
    );
    assert!(author::import_record("x.json", "{\"title\": 1}").is_err());
    check_renders(&i);
}

#[test]
fn classic_wheel_incidents_become_stubs() {
    let json = r#"[
        {"ID": "1", "title": "MySQL master read-only", "scenario": "You received alerts that your MySQL master does not accept writes..."},
        {"ID": 5, "title": "Redis killed", "inkstory": "incidents/redis-story.json", "scenario": "Your Redis server was killed...", "difficulty": "hard"}
    ]"#;
    let stubs = author::import_wheel("general_incidents.json", json).unwrap();
    assert_eq!(stubs.len(), 2);
    assert_eq!(stubs[0].skeleton.id, "1-mysql-master-read-only");
    assert_eq!(stubs[1].skeleton.difficulty, Some(5));
    assert!(
        stubs[1]
            .skeleton
            .gm_notes
            .iter()
            .any(|n| n.contains("redis-story.json"))
    );
    for s in &stubs {
        check_renders(s);
    }
    let e = author::import_wheel("x.json", r#"[{"name": "no id"}]"#)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("incident #1 has no `ID` or no `title` (found keys: name)"),
        "{e}"
    );
    assert!(author::import_wheel("x.json", "{}").is_err());
}

#[test]
fn the_scaffold_has_every_section_and_validates_when_filled() {
    let text = author::scaffold("my-incident");
    for section in [
        "based_on",
        "briefing",
        "personas",
        "services",
        "metrics",
        "dashboards",
        "logs",
        "alerts",
        "impact",
        "injects",
        "actions",
        "clues",
        "root_cause",
        "recorded",
        "debrief",
        "hints",
        "gm_notes",
    ] {
        assert!(text.contains(&format!("{section}:")), "missing {section}");
    }
    let f = load_str("new.ron", &text);
    assert!(
        f.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .all(|d| d.code == "todo")
    );
    check_renders(&Imported {
        skeleton: author::Skeleton {
            id: "my-incident".into(),
            ..Default::default()
        },
        ..Default::default()
    });
}

#[test]
fn the_stress_scenario_holds_what_the_performance_target_asks() {
    let f = load_str("stress.ron", &support::stress::stress_scenario());
    assert_eq!(
        f.errors(),
        0,
        "{}",
        misfortune_core::diagnostic::render(&f.diagnostics, &f.source, false)
    );
    let sc = std::sync::Arc::new(f.scenario.unwrap());
    assert_eq!(sc.metrics.len(), 50);
    let mut s = misfortune_core::Session::new(sc.clone(), 1);
    s.apply_command(
        misfortune_core::Actor::Trainee,
        &misfortune_core::Command::Take {
            action: "open-all".into(),
        },
    )
    .unwrap();
    s.advance_to(sc.duration);
    let (_, total) = s.log_tail("log", sc.duration, 10);
    assert_eq!(total, 100_000);
    // 10,000 one-second samples per series, decimated for views.
    assert!(s.series(0, SimTime::ZERO, sc.duration, 20_000).len() >= 10_000);
    let view = misfortune_core::view::TraineeView::of(&s);
    assert_eq!(
        view.dashboards
            .iter()
            .map(|d| d.series.len())
            .sum::<usize>(),
        50
    );
    assert!(view.dashboards[0].series[0].points.len() <= misfortune_core::view::VIEW_POINTS + 1);
    assert_eq!(view.logs[0].earlier + view.logs[0].lines.len(), 100_000);
}

/// A document the importer had not seen when it was written (an incident report with bold
/// times, an undated-looking sub-point that states its own time, a fix that "begins" before
/// the service recovers): the recorded times are the document's, and the game's fix, finding,
/// theory and failed fixes are the right sentences.
#[test]
fn recorded_times_and_the_game_come_from_the_right_sentences() {
    let i = corpus_doc("incident-report-db-failover.md");
    let sk = &i.skeleton;
    assert_eq!(sk.time_to_detect, Some(SimTime::from_mins(9)));
    // The impact ended when the restart finished (46m), not at the failed rollback (12m) or
    // when the restart began (37m).
    assert_eq!(sk.time_to_mitigate, Some(SimTime::from_mins(46)));
    assert_eq!(sk.time_to_diagnose, Some(SimTime::from_mins(34)));
    assert_eq!(sk.time_to_resolve, Some(SimTime::from_mins(49)));
    // A sentence that gives its time midway keeps its words.
    assert!(
        sk.timeline.iter().any(
            |e| e.2 == "The rollback finishes at 10:19 and does not help."
                && e.1 == EventKind::Mitigation
        ),
        "{:#?}",
        sk.timeline
    );
    // Nothing before the page is a mitigation.
    assert!(sk.before_start.iter().all(|e| e.1 != EventKind::Mitigation));
    let g = author::game::Game::from_skeleton(sk);
    assert_eq!(
        g.fix.as_ref().unwrap().name,
        "A rolling restart of the API pods begins"
    );
    assert_eq!(g.fix_takes, Some(SimTime::from_mins(9)));
    assert!(
        g.finding
            .as_ref()
            .unwrap()
            .quote
            .contains("resolve the database name once")
    );
    assert_eq!(g.theories.len(), 1);
    assert_eq!(g.theories[0].name, "the 09:40 release of the API");
    assert_eq!(g.failed_fixes.len(), 2);
    assert!(g.failed_fixes[1].1, "scaling out made it worse: harmful");
    // Tags match whole words: "authorisations" is not auth, "restored service" is not a
    // restore from backup.
    let tags = author::guess_tags(sk);
    assert!(!tags.contains(&"auth".to_string()), "{tags:?}");
    assert!(
        !tags.contains(&"restore-from-backup".to_string()),
        "{tags:?}"
    );
    assert!(tags.contains(&"database".to_string()), "{tags:?}");
}

/// A fix that failed ("errors continue at the same rate") is not the fix, and the impact ends
/// when the document says the rate "returns to baseline"; "Remediation and prevention" lists
/// action items.
#[test]
fn a_failed_revert_is_not_the_fix() {
    let i = corpus_doc("cloud-report-lb-healthcheck.md");
    let sk = &i.skeleton;
    assert_eq!(sk.time_to_mitigate, Some(SimTime::from_mins(55)));
    assert_eq!(sk.time_to_resolve, Some(SimTime::from_mins(77)));
    assert_eq!(sk.action_items.len(), 3, "{:?}", sk.action_items);
    let g = author::game::Game::from_skeleton(sk);
    assert_eq!(
        g.fix.as_ref().unwrap().name,
        "The health-check change is reverted"
    );
    assert_eq!(g.fix_takes, Some(SimTime::from_mins(7)));
    assert_eq!(g.failed_fixes.len(), 1);
    assert!(!g.failed_fixes[0].1, "reverting did not make it worse");
}

/// Atlassian's shape: no "Timeline" heading (the dated lines sit under "Response and
/// recovery"), no summary (Leadup / Fault / Impact), lessons as "- What went well: ..." bullets
/// and an "Actions" heading.
#[test]
fn an_atlassian_pir_without_a_timeline_heading_or_a_summary() {
    let i = corpus_doc("atlassian-pir-dkim.md");
    let sk = &i.skeleton;
    assert_eq!(sk.timeline.len() + sk.before_start.len(), 10);
    assert!(
        sk.summary
            .as_deref()
            .unwrap()
            .starts_with("Large receivers"),
        "{:?}",
        sk.summary
    );
    assert_eq!(sk.went_right.len(), 1, "{:?}", sk.went_right);
    assert!(sk.went_right[0].starts_with("once the bounce logs were read"));
    assert_eq!(sk.went_wrong.len(), 1, "{:?}", sk.went_wrong);
    assert_eq!(sk.action_items.len(), 2);
    assert_eq!(sk.time_to_diagnose, Some(SimTime::from_mins(345)));
}

/// A plain-text status report (capital headings, no timeline, times only in its sentences) and
/// a report whose title is a bold line: the headings are read, the sentences that give a time
/// become the timeline (a range gives its start and its end), and "we were alerted" is the
/// detection.
#[test]
fn plain_text_reports_give_their_timeline_from_sentences() {
    let text = "\
**Incident report: search results stale**

SUMMARY
For three hours on Friday, search results did not include newly listed items.

DETAILED DESCRIPTION OF IMPACT
From 09:10 to 12:05 UTC, about 40% of searches returned results that were up to three hours old.

ROOT CAUSE
An indexing worker pool was scaled to zero by a mistyped autoscaling rule.

REMEDIATION AND PREVENTION
We were alerted by a merchant at 09:40 UTC and restored the worker pool at 11:30 UTC. The backlog
of listings was indexed by 12:05.
";
    let i = author::import_markdown("plain.txt", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.title.as_deref(),
        Some("Incident report: search results stale")
    );
    assert!(
        sk.summary
            .as_deref()
            .unwrap()
            .contains("newly listed items")
    );
    assert!(sk.root_cause.as_deref().unwrap().contains("scaled to zero"));
    let at = |m: u64| {
        sk.timeline
            .iter()
            .find(|e| e.0 == SimTime::from_mins(m))
            .map(|e| e.1)
    };
    // Minute 0 is 09:40, when they were alerted; the range's start is 30 minutes before it.
    assert_eq!(at(0), Some(EventKind::Alert), "{:#?}", sk.timeline);
    assert_eq!(sk.before_start.len(), 1);
    assert_eq!(sk.before_start[0].0, SimTime::from_mins(30));
    assert_eq!(at(145), Some(EventKind::Resolution), "{:#?}", sk.timeline);
}
