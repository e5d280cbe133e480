//! Structured postmortem records (the JSON format of the project's `postmortems/` folder).

use super::event_kind::guess_kind;
use super::markdown::action_item;
use super::{ImportError, Imported, Skeleton, slug};
use crate::model::{ActionItemKind, EventKind};
use crate::time::SimTime;

type Object = serde_json::Map<String, serde_json::Value>;

/// Build a skeleton from a structured postmortem record (the JSON format of the project's
/// `postmortems/` folder). Text is copied as a starting point: rewrite it in your own words.
pub fn import_record(name: &str, json: &str) -> Result<Imported, ImportError> {
    let v: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| ImportError::Unreadable(format!("{name}: not JSON: {e}")))?;
    let obj = v.as_object().ok_or_else(|| {
        ImportError::Unreadable(format!(
            "{name}: expected a JSON object with `title`, `timeline`, `root_cause`..."
        ))
    })?;
    if !obj.contains_key("timeline") || !obj.contains_key("root_cause") {
        return Err(ImportError::Unreadable(format!(
            "{name}: not a postmortem record: it has no `timeline` or no `root_cause`"
        )));
    }
    let s = |k: &str| obj.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let strs = |k: &str| {
        obj.get(k)
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let mins = |k: &str| {
        obj.get(k)
            .and_then(|x| x.as_f64())
            .map(|m| SimTime::from_secs((m * 60.0).round().max(0.0) as u64))
    };
    let mut sk = Skeleton {
        id: s("slug").map_or_else(|| slug(name), |x| slug(&x)),
        title: s("title"),
        organisation: s("org"),
        date: s("date"),
        url: obj
            .get("source_urls")
            .and_then(|x| x.as_array())
            .and_then(|a| a.first())
            .and_then(|x| x.as_str())
            .map(|u| u.split_whitespace().next().unwrap_or(u).to_string()),
        summary: s("summary"),
        impact: s("impact"),
        root_cause: s("root_cause"),
        trigger: s("trigger"),
        contributing: strs("contributing_factors"),
        went_right: strs("what_went_well"),
        went_wrong: strs("what_went_wrong"),
        lucky: strs("where_lucky"),
        unlucky: strs("where_unlucky"),
        red_herrings: strs("misleading_signals"),
        gm_notes: strs("scenario_notes"),
        time_to_detect: mins("time_to_detect_min"),
        time_to_mitigate: mins("time_to_mitigate_min"),
        time_to_resolve: mins("time_to_resolve_min"),
        tags: Vec::new(),
        ..Default::default()
    };
    sk.detection = obj
        .get("detection")
        .and_then(|d| d.get("method"))
        .and_then(|x| x.as_str())
        .map(str::to_string);
    sk.resolution = Some(strs("mitigation_steps").join(" ")).filter(|x| !x.is_empty());
    sk.services = services(obj);
    // The record's own minute 0 stays minute 0; what came before it is kept, before the start.
    let (after, before, _) = super::split_at_zero(timeline(obj), super::Zero::At(0));
    sk.timeline = after;
    sk.before_start = before;
    sk.action_items = action_items(obj);
    let found = found(&sk);
    sk.game = super::game::Game::from_skeleton(&sk);
    sk.tags = super::guess_tags(&sk);
    Ok(Imported {
        skeleton: sk,
        found,
        missing: vec![
            "telemetry (metrics, logs, alerts)".into(),
            "actions".into(),
            "clues".into(),
            "root cause candidates".into(),
        ],
    })
}

/// The services and their dependencies (only on services the record names).
fn services(obj: &Object) -> Vec<(String, String, Vec<String>)> {
    let Some(services) = obj.get("services").and_then(|x| x.as_array()) else {
        return Vec::new();
    };
    let names: Vec<String> = services
        .iter()
        .filter_map(|x| x.get("name").and_then(|n| n.as_str()).map(str::to_string))
        .collect();
    let mut out = Vec::new();
    for svc in services {
        let Some(n) = svc.get("name").and_then(|x| x.as_str()) else {
            continue;
        };
        let deps = svc
            .get("depends_on")
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|d| d.as_str())
                    .filter(|d| names.iter().any(|x| x == d))
                    .map(slug)
                    .collect()
            })
            .unwrap_or_default();
        out.push((slug(n), n.to_string(), deps));
    }
    out
}

/// The timeline, in time order. Events the record gives no time for are placed after the
/// previous one, and say so.
/// Seconds from the record's minute 0 (negative before it).
fn timeline(obj: &Object) -> Vec<(i64, EventKind, String)> {
    let mut out: Vec<(i64, EventKind, String)> = Vec::new();
    let Some(tl) = obj.get("timeline").and_then(|x| x.as_array()) else {
        return out;
    };
    let mut last = 0.0;
    for e in tl {
        let text = e
            .get("text")
            .and_then(|x| x.as_str())
            .unwrap_or_default()
            .to_string();
        let kind = e
            .get("kind")
            .and_then(|x| x.as_str())
            .and_then(|k| k.parse().ok())
            .unwrap_or_else(|| guess_kind(&text, out.is_empty()));
        let (t, text) = match e.get("t_min").and_then(|x| x.as_f64()) {
            Some(t) => (t, text),
            None => (
                last,
                format!("{text} (TODO: the record gives no time; assumed)"),
            ),
        };
        last = t;
        out.push(((t * 60.0).round() as i64, kind, text));
    }
    out.sort_by_key(|e| e.0);
    out
}

fn action_items(obj: &Object) -> Vec<(String, ActionItemKind, Option<String>)> {
    let Some(items) = obj.get("action_items").and_then(|x| x.as_array()) else {
        return Vec::new();
    };
    items
        .iter()
        .map(|it| {
            let text = it
                .get("action")
                .and_then(|x| x.as_str())
                .unwrap_or_default();
            let (text, mut kind, owner) = action_item(text, None, None);
            if let Some(t) = it.get("type").and_then(|x| x.as_str()) {
                kind = action_item(&format!("[{t}] x"), None, None).1;
            }
            let owner = it
                .get("owner")
                .and_then(|x| x.as_str())
                .map(str::to_string)
                .or(owner);
            (text, kind, owner)
        })
        .collect()
}

/// What the record gave, by name.
fn found(sk: &Skeleton) -> Vec<String> {
    [
        ("title", sk.title.is_some()),
        ("summary", sk.summary.is_some()),
        ("impact", sk.impact.is_some()),
        ("root cause", sk.root_cause.is_some()),
        ("trigger", sk.trigger.is_some()),
        ("timeline", !sk.timeline.is_empty()),
        ("action items", !sk.action_items.is_empty()),
    ]
    .into_iter()
    .filter(|(_, ok)| *ok)
    .map(|(w, _)| w.to_string())
    .collect()
}
