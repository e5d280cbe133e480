//! The metrics of a game built from a document: one per quantity it gives a number for, then
//! the signals it names without one (at an assumed level, which the metric's note says).

use std::sync::LazyLock;

use regex::Regex;

/// A metric built from a quantity in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct GenMetric {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    pub peak: f64,
    pub quote: String,
}

/// A kind of metric the document can describe: the words that name it, the metric it becomes,
/// its healthy level, and (for signals named without a number) an assumed level in the incident.
struct Kind {
    words: &'static [&'static str],
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    baseline: f64,
    /// For quantities: whether the number is what is left ("80% of traffic lost" leaves 20%);
    /// for signals: unused.
    left: bool,
    /// For signals: the assumed level during the incident.
    peak: f64,
}

impl Kind {
    /// The signal as a metric at its assumed levels, with the quote that says where it came
    /// from.
    fn metric(&self, quote: String) -> GenMetric {
        GenMetric {
            id: self.id.to_string(),
            name: self.name.to_string(),
            unit: self.unit.to_string(),
            baseline: self.baseline,
            peak: self.peak,
            quote,
        }
    }
}

const fn kind(
    words: &'static [&'static str],
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    baseline: f64,
    left: bool,
    peak: f64,
) -> Kind {
    Kind {
        words,
        id,
        name,
        unit,
        baseline,
        left,
        peak,
    }
}

/// Quantities the document gives a percentage for.
const QUANTITIES: &[Kind] = &[
    kind(&["cpu"], "cpu", "CPU", "%", 35.0, false, 0.0),
    kind(
        &["error", "fail", "5xx", "502", "503", "500 "],
        "errors",
        "Error rate",
        "%",
        0.2,
        false,
        0.0,
    ),
    kind(
        &["traffic", "requests served", "throughput"],
        "traffic",
        "Traffic served",
        "% of normal",
        100.0,
        true,
        0.0,
    ),
    kind(&["memory"], "memory", "Memory used", "%", 55.0, false, 0.0),
    kind(
        // ("Payment volume" is traffic, not a disk.)
        &["disk", "storage volume", "volume full", "volume usage"],
        "disk",
        "Disk used",
        "%",
        60.0,
        false,
        0.0,
    ),
    kind(
        &["lag", "backlog", "queue"],
        "backlog",
        "Backlog",
        "messages",
        10.0,
        false,
        0.0,
    ),
];

/// Signals the document names without a number, at an assumed level.
const SIGNALS: &[Kind] = &[
    kind(
        &[
            "error",
            "fail",
            "fault",
            "unavailable",
            "down",
            "could not",
            "cannot",
            "not trusted",
        ],
        "errors",
        "Error rate",
        "%",
        0.2,
        false,
        50.0,
    ),
    kind(
        &["slow", "latency", "timeout", "timed out", "response time"],
        "latency",
        "Latency (p99)",
        "ms",
        150.0,
        false,
        2500.0,
    ),
    kind(
        &["replica", "replication", "stale", "inconsistent"],
        "lag",
        "Replication lag",
        "s",
        1.0,
        false,
        600.0,
    ),
    kind(
        &["backlog", "queue", "delayed", "held", "consumer lag"],
        "backlog",
        "Backlog",
        "thousand",
        1.0,
        false,
        500.0,
    ),
    kind(
        &[
            "crash",
            "restart",
            "abort",
            "reboot",
            "pods evicted",
            "backoff",
            "oomkill",
        ],
        "restarts",
        "Process restarts",
        "per min",
        1.0,
        false,
        400.0,
    ),
    kind(
        &["traffic", "unreachable", "requests", "sites"],
        "traffic",
        "Traffic served",
        "% of normal",
        100.0,
        false,
        20.0,
    ),
    kind(
        &[
            "job fail",
            "jobs fail",
            "upload is rejected",
            "upload fail",
            "retries fail",
            "export fail",
            "job runs; the",
        ],
        "job_failures",
        "Failed job runs",
        "per h",
        0.0,
        false,
        4.0,
    ),
    // What alerts most often fire on ("high CPU usage on database server").
    kind(
        &["cpu", "load average"],
        "cpu",
        "CPU",
        "%",
        35.0,
        false,
        95.0,
    ),
    kind(
        &["memory", "oom", "heap"],
        "memory",
        "Memory used",
        "%",
        55.0,
        false,
        95.0,
    ),
    kind(
        &[
            "disk full",
            "disk space",
            "no space",
            "disk usage",
            "out of disk",
        ],
        "disk",
        "Disk used",
        "%",
        60.0,
        false,
        100.0,
    ),
    kind(
        &["connection pool", "connections", "too many clients"],
        "connections",
        "Connections in use",
        "% of the pool",
        40.0,
        false,
        100.0,
    ),
];

/// Up to three metrics: first one per kind of quantity the document gives a number for, then
/// the signals it names without one (at an assumed level, which the note says).
pub(super) fn metrics(text: &[String], symptoms: &[String], at_least: usize) -> Vec<GenMetric> {
    let mut out = measured(text);
    for s in symptoms {
        if out.len() >= 3 {
            break;
        }
        let lower = s.to_lowercase();
        // "The error rate stayed flat" names a signal that did not move.
        let still = [
            "flat",
            "unchanged",
            "did not change",
            "did not move",
            "stayed normal",
        ];
        if still.iter().any(|w| lower.contains(w)) {
            continue;
        }
        for k in SIGNALS {
            if out.len() < 3
                && !out.iter().any(|m| m.id == k.id)
                && k.words.iter().any(|w| names_signal(&lower, w))
            {
                out.push(k.metric(format!(
                    "{s} (the level is assumed: the document gives no number)"
                )));
            }
        }
    }
    assumed(&mut out, at_least);
    out
}

/// A game needs something to watch: with fewer signals than `at_least` read from the
/// document, the ones every on-call looks at first (error rate, latency), at assumed levels,
/// said so in their quotes for the author to match to their own dashboards or remove.
fn assumed(out: &mut Vec<GenMetric>, at_least: usize) {
    for k in SIGNALS
        .iter()
        .filter(|k| matches!(k.id, "errors" | "latency"))
    {
        if out.len() >= at_least {
            break;
        }
        if out.iter().any(|m| m.id == k.id) {
            continue;
        }
        out.push(
            k.metric(
                "Assumed: the document names no such signal; a responder would look at it first. \
             Match it to your own dashboards, or remove it."
                    .to_string(),
            ),
        );
    }
}

/// Whether a line names a signal's word as a word of its own: "queue" in "the queue grew",
/// not in a service's name ("queue-svc is not in scope") nor inside another word
/// ("download").
fn names_signal(lower: &str, w: &str) -> bool {
    lower.match_indices(w).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let mut after = lower[i + w.len()..].chars();
        let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !joined(before)
            && before != Some('-')
            && !(after.next() == Some('-') && joined(after.next()))
    })
}

/// One metric per kind of quantity the document gives a percentage for.
fn measured(text: &[String]) -> Vec<GenMetric> {
    let pct = Regex::new(r"(?i)(\d{1,3}(?:\.\d+)?)\s*%").expect("static regex");
    let mut out: Vec<GenMetric> = Vec::new();
    for s in text {
        let lower = s.to_lowercase();
        // "Zero-hit rate for EU queries jumps from 4% to 97%", "evictions climb from zero to
        // 40,000 per second": the document names the signal and both levels.
        if let Some(m) = named_change(s)
            .or_else(|| labelled_peak(s))
            .filter(|m| !out.iter().any(|o| o.id == m.id))
        {
            out.push(m);
            if out.len() >= 3 {
                break;
            }
            continue;
        }
        let Some(c) = pct.captures(s) else {
            continue;
        };
        let Ok(n) = c[1].parse::<f64>() else {
            continue;
        };
        if n > 100.0 {
            continue;
        }
        for k in QUANTITIES {
            if out.iter().any(|m| m.id == k.id) || !k.words.iter().any(|w| lower.contains(w)) {
                continue;
            }
            // "About 80% of traffic was lost" leaves 20% served.
            // ... but "throughput fell to 3%" gives the level itself.
            let lost = ["lost", "drop", "fell"].iter().any(|w| lower.contains(w))
                && !lower.contains(&format!("to {}%", &c[1]));
            let peak = if k.left && lost { 100.0 - n } else { n };
            out.push(GenMetric {
                id: k.id.to_string(),
                name: k.name.to_string(),
                unit: k.unit.to_string(),
                baseline: k.baseline,
                peak,
                quote: s.clone(),
            });
            break;
        }
        if out.len() >= 3 {
            break;
        }
    }
    out
}

/// A metric's id from its name ("API latency" -> "api_latency").
fn metric_id(name: &str) -> String {
    name.to_lowercase()
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A percentage the document names with its level before and after ("X rises from A% to B%").
static FROM_TO_PCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[;,.]\s+)(?:the\s+)?([A-Za-z][\w/ -]{2,45}?)\s+(?:jump|rise|rose|climb|increase|grow|grew|drop|dropp|fall|fell|go|went|spike)(?:s|ed|d)?\s+from\s+(\d{1,3}(?:\.\d+)?)\s*%\s+to\s+(\d{1,3}(?:\.\d+)?)\s*%").expect("static regex")
});

static BY_PCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[;,.]\s+)(?:the\s+)?([A-Za-z][\w/ -]{2,45}?)\s+(?:in the [\w ]{2,20}\s+)?(dropped|fell|decreased|rose|increased|grew)\s+by\s+(\d{1,3}(?:\.\d+)?)\s*%").expect("static regex")
});

// ("API latency: Increased from 120ms to 3200ms": a label's colon, a unit on both numbers.)
static FROM_TO_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[;,.]\s+)(?:the\s+)?([A-Za-z][\w/ -]{2,45}?):?\s+(?:jump|rise|rose|climb|increase|grow|grew|drop|dropp|fall|fell|go|went|spike)(?:s|ed|d)?\s+from\s+(zero|\d[\d,]*(?:\.\d+)?)\s*(?:ms|s|seconds)?\s+to\s+(\d[\d,]*(?:\.\d+)?)\s*(per second|a second|/s|per minute|a minute|/min|ms|seconds)?").expect("static regex")
});

/// A list of the incident's numbers ("Database connection pool utilization: Peaked at 100% at
/// 09:20 UTC"): the signal named, and its worst level.
static LABELLED_PEAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[-*•]\s*)?([A-Za-z][\w/ -]{2,45}):\s*(?:peaked at|peak(?:ed)? of|reached|hit|maxed at|max(?:imum)? of)\s+(\d[\d,]*(?:\.\d+)?)\s*(%|ms)?").expect("static regex")
});

/// A signal the document lists with its worst level only; its healthy level is assumed.
fn labelled_peak(s: &str) -> Option<GenMetric> {
    let c = LABELLED_PEAK.captures(s.trim())?;
    let peak: f64 = c[2].replace(',', "").parse().ok()?;
    let unit = c.get(3).map_or("", |u| u.as_str());
    let name = super::game::capitalise(c[1].trim());
    let id = metric_id(&name);
    // An error rate is near zero when healthy, whatever its peak; other signals a third of it.
    let lower = name.to_lowercase();
    let baseline = QUANTITIES
        .iter()
        .find(|k| unit == k.unit && !k.left && k.words.iter().any(|w| lower.contains(w)))
        .map_or((peak * 0.3).round(), |k| k.baseline.min(peak));
    Some(GenMetric {
        id,
        name,
        unit: unit.to_string(),
        baseline,
        peak,
        quote: format!("{s} (the healthy level is assumed: the document gives only the peak)"),
    })
}

fn named_change(s: &str) -> Option<GenMetric> {
    let number = |t: &str| -> Option<f64> {
        if t.eq_ignore_ascii_case("zero") {
            Some(0.0)
        } else {
            t.replace(',', "").parse().ok()
        }
    };
    let (name, unit, baseline, peak) = if let Some(c) = FROM_TO_PCT.captures(s) {
        (
            c[1].trim().to_string(),
            "%",
            c[2].parse().ok()?,
            c[3].parse().ok()?,
        )
    } else if let Some(c) = FROM_TO_COUNT.captures(s) {
        let unit = match c.get(4).map(|u| u.as_str().to_lowercase()) {
            Some(u) if u.contains("min") => "per min",
            Some(u) if u == "ms" => "ms",
            Some(u) if u == "seconds" => "s",
            Some(_) => "per s",
            None => "",
        };
        (
            c[1].trim().to_string(),
            unit,
            number(&c[2])?,
            number(&c[3])?,
        )
    } else {
        // "Sales in the EU dropped by 35%": relative to normal.
        let c = BY_PCT.captures(s)?;
        let n: f64 = c[3].parse().ok()?;
        let down = ["dropped", "fell", "decreased"].contains(&c[2].to_lowercase().as_str());
        let peak = if down { 100.0 - n } else { 100.0 + n };
        (c[1].trim().to_string(), "% of normal", 100.0, peak)
    };
    // "Metric `db_connection_pool_utilization` jumped": the metric, as the system names it.
    let name = name
        .strip_prefix("Metric ")
        .or_else(|| name.strip_prefix("metric "))
        .unwrap_or(&name)
        .trim();
    let name = if name.contains('_') && !name.contains(' ') {
        name.to_string()
    } else {
        super::game::capitalise(name)
    };
    let id = metric_id(&name);
    Some(GenMetric {
        id,
        name,
        unit: unit.into(),
        baseline,
        peak,
        quote: s.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat_text() -> Vec<String> {
        vec!["The error rate stayed flat, because empty results are not errors.".into()]
    }

    #[test]
    fn named_signals_keep_the_documents_levels() {
        let m = named_change("Zero-hit rate for EU queries jumps from 4% to 97%.").unwrap();
        assert_eq!(
            (m.id.as_str(), m.name.as_str(), m.baseline, m.peak),
            (
                "zero_hit_rate_for_eu_queries",
                "Zero-hit rate for EU queries",
                4.0,
                97.0
            )
        );
        let m = named_change(
            "Sales from search-driven sessions in the EU dropped by 35% during the window.",
        )
        .unwrap();
        assert_eq!(
            (m.unit.as_str(), m.baseline, m.peak),
            ("% of normal", 100.0, 65.0)
        );
        assert!(named_change("About 70% of requests failed.").is_none());
        let m = named_change("Redis evictions climb from zero to 40,000 per second.").unwrap();
        assert_eq!(
            (m.name.as_str(), m.unit.as_str(), m.baseline, m.peak),
            ("Redis evictions", "per s", 0.0, 40000.0)
        );
        // A signal the document says did not move is not drawn as one that did.
        let g = metrics(&flat_text(), &flat_text(), 0);
        assert!(g.is_empty(), "{g:?}");
        // With nothing read and a game to fill, the first signals a responder checks, said to
        // be assumed.
        let g = metrics(&flat_text(), &flat_text(), 2);
        let ids: Vec<&str> = g.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["errors", "latency"]);
        assert!(g.iter().all(|m| m.quote.starts_with("Assumed:")), "{g:?}");
    }
}
