//! Scenarios drawn from real incidents keep the record's facts: the real team's times to detect,
//! mitigate and resolve, and every timed event of the recorded timeline (minute and kind). The
//! records live in the project's shared `postmortems/` folder, beside the repository.

use std::path::{Path, PathBuf};

use misfortune_core::SimTime;
use misfortune_core::load_all;
use misfortune_core::model::{EventKind, RecordedTime};

/// The project's shared records sit beside the repository (`../shared/postmortems`), or where
/// `MISFORTUNE_POSTMORTEMS` says.
fn records_dir() -> PathBuf {
    std::env::var_os("MISFORTUNE_POSTMORTEMS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/postmortems"),
        PathBuf::from,
    )
}

/// How many minutes before the record's minute 0 the scenario starts (a scenario may open on
/// what led up to the trigger): the record's minute-0 time of day less the scenario's `starts_at`.
fn start_offset(starts_at: Option<&str>, rec: &serde_json::Value) -> f64 {
    let zero = rec["timeline"].as_array().unwrap().iter().find_map(|e| {
        (e["t_min"].as_f64() == Some(0.0))
            .then(|| e["t"].as_str())
            .flatten()
            .and_then(|t| t.get(11..16))
    });
    let mins = |hhmm: &str| {
        let (h, m) = hhmm.split_once(':').unwrap();
        h.parse::<f64>().unwrap() * 60.0 + m.parse::<f64>().unwrap()
    };
    match (zero, starts_at) {
        (Some(z), Some(s)) => (mins(z) - mins(s)).rem_euclid(1440.0),
        _ => 0.0,
    }
}

fn kind(s: &str) -> EventKind {
    s.parse().unwrap()
}

#[test]
fn scenarios_based_on_a_record_keep_its_times() {
    let dir = records_dir();
    assert!(
        dir.is_dir(),
        "the shared postmortem records are expected at {}",
        dir.display()
    );
    let records: Vec<serde_json::Value> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    let (files, _) = load_all(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")]);
    let mut checked = 0;
    for f in &files {
        let sc = f.scenario.as_ref().unwrap();
        let Some(src) = &sc.based_on else { continue };
        let rec =
            records.iter().find(|r| {
                r["source_urls"].as_array().unwrap().iter().any(|u| {
                    u.as_str().unwrap().split_whitespace().next() == Some(src.url.as_str())
                })
            });
        let Some(rec) = rec else {
            // Scenarios retelling incidents outside the shared records are checked by hand.
            continue;
        };
        checked += 1;
        let offset = start_offset(sc.starts_at.as_deref(), rec);
        let times = [
            ("time_to_detect_min", sc.recorded.time_to_detect),
            ("time_to_mitigate_min", sc.recorded.time_to_mitigate),
            ("time_to_resolve_min", sc.recorded.time_to_resolve),
        ];
        for (field, ours) in times {
            match rec[field].as_f64() {
                Some(m) => assert_eq!(
                    ours,
                    RecordedTime::Known(SimTime::from_secs(((m + offset) * 60.0) as u64)),
                    "{}: {field}",
                    sc.id
                ),
                None => assert!(
                    !matches!(ours, RecordedTime::Known(_)),
                    "{}: {field} is null in the record, so it must be Assumed or Unknown",
                    sc.id
                ),
            }
        }
        for ev in rec["timeline"].as_array().unwrap() {
            let Some(m) = ev["t_min"].as_f64().map(|m| m + offset) else {
                continue;
            };
            if m < 0.0 {
                continue; // before the scenario starts: told in the briefing
            }
            let at = SimTime::from_secs((m * 60.0) as u64);
            let k = kind(ev["kind"].as_str().unwrap());
            assert!(
                sc.recorded
                    .timeline
                    .iter()
                    .any(|e| e.at == at && e.kind == k),
                "{}: the record has a {k:?} event at minute {m} that the scenario's recorded timeline lacks",
                sc.id
            );
        }
        assert_eq!(
            sc.based_on.as_ref().unwrap().date,
            rec["date"].as_str().unwrap(),
            "{}: date",
            sc.id
        );
    }
    assert!(checked >= 3, "only {checked} scenarios matched a record");
    // Every shared record has its scenario.
    for rec in &records {
        let urls: Vec<&str> = rec["source_urls"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|u| u.as_str()?.split_whitespace().next())
            .collect();
        assert!(
            files
                .iter()
                .filter_map(|f| f.scenario.as_ref()?.based_on.as_ref())
                .any(|b| urls.contains(&b.url.as_str())),
            "no scenario retells the record {}",
            rec["slug"]
        );
    }
}
