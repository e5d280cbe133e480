//! Whether a line reports a signal getting better or worse ("error rate falls to 1%", "success
//! rate at 85% and dropping", "query latency: 50 ms (normal)"). A signal's direction only means
//! something with its polarity: errors that fall are a recovery, a success rate that falls is
//! a symptom. Used for lines no word list knows, and for sub-points under a dated line.

use std::sync::LazyLock;

use regex::Regex;

/// Which way a signal moved, for the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Trend {
    Better,
    Worse,
}

/// Signals where more is worse.
const BAD_HIGH: &[&str] = &[
    "error",
    "5xx",
    "503",
    "502",
    "500s",
    "failure",
    "failed",
    "timeout",
    "timing out",
    "latency",
    "p99",
    "p95",
    "p50",
    "queue",
    "backlog",
    "lag",
    "cpu",
    "memory",
    "utilization",
    "utilisation",
    "saturation",
    "connections",
    "connection count",
    "pool",
    "restarts",
    "evictions",
    "oom",
    "depth",
    "duration",
    "disk usage",
    "packet loss",
    "retries",
    "rejections",
    "crash",
    // An error budget's burn rate.
    "burn",
];
/// Signals where more is better.
const GOOD_HIGH: &[&str] = &[
    "success",
    "availability",
    "throughput",
    "hit rate",
    "hit ratio",
    "healthy",
    "uptime",
    "delivered",
    "free space",
    "free disk",
    "apdex",
];

static UP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ris(?:e|es|ing)|rose|climb\w*|increas\w*|spik\w*|grow\w*|grew|jump\w*|surg\w*|soar\w*|elevated|exceed\w*|cross(?:ed|es|ing)|above|up to|peak\w*|doubl\w*|tripl\w*)\b")
        .expect("static regex")
});
static DOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fall\w*|fell|drop\w*|declin\w*|decreas\w*|dip\w*|down to|below|lower\w*|reduc\w*|plung\w*|shrink\w*|shrank|halved)\b")
        .expect("static regex")
});
static NORMAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:normal\w*|baseline|stable|stabili[sz]\w*|within (?:slo|normal|limits|threshold)|recovering|improv\w*|back to|nominal)\b")
        .expect("static regex")
});
/// States that are bad whatever the number: a symptom once a signal is named.
static EXHAUSTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:exhaust\w*|saturat\w*|at max\w*|maxed|pinned|full|100%|timing out|timed out|failing|unavailable|crash\w*|oomkill\w*|refus\w*|degraded|cascad\w*|in use)")
        .expect("static regex")
});
static MULTIPLE_OF_NORMAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:\d+(?:\.\d+)?\s*(?:x|×)|[a-z]+ times)\s+(?:the\s+)?(?:normal|baseline|usual)|\babove (?:normal|baseline)")
        .expect("static regex")
});
static BACK_TO_NORMAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:back to normal|returned to normal|returns to normal|within normal|normal ranges?|nominal|stop(?:s|ped)? burning|health-?checks? pass(?:ing|es|ed)?|steadied|stabili[sz]ed)\b")
        .expect("static regex")
});
static BAD_STATE: LazyLock<Regex> = LazyLock::new(|| {
    // ("... land on k3s-x86-1 and stick in ContainerCreating".)
    Regex::new(r"\b(?:slow\w*|maxed(?: out)?|saturated|exhausted|oomkill\w*|crashloop\w*|timing out|timed out|unreachable|stuck in|sticks? in|wedged)\b")
        .expect("static regex")
});
static HIGH_PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:9\d|100)(?:\.\d+)?\s*%").expect("static regex"));
static NOTHING_PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d.,])0(?:\.0+)?\s*%").expect("static regex"));
/// Two numbers with an arrow or "from .. to" between them.
static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d[\d,.]*)\s*[a-z%/]*\s*(?:→|->|=>|to)\s*~?(\d[\d,.]*)")
        .expect("static regex")
});

fn number(s: &str) -> Option<f64> {
    s.replace(',', "").trim_end_matches('.').parse().ok()
}

/// The direction a line moves its signal in: +1 up, -1 down, 0 unsaid. Words win over numbers
/// ("climbing: 300 ms → 2 s" has its units in the way).
fn direction(t: &str) -> i32 {
    match (UP.is_match(t), DOWN.is_match(t)) {
        (true, false) => return 1,
        (false, true) => return -1,
        _ => {}
    }
    if let Some(c) = FROM_TO.captures(t)
        && let (Some(a), Some(b)) = (number(&c[1]), number(&c[2]))
        && a != b
    {
        return if b > a { 1 } else { -1 };
    }
    0
}

/// Whether a line says a signal got better or worse; `None` when it names no signal with a
/// polarity, or no direction.
pub(super) fn trend(text: &str) -> Option<Trend> {
    // Clause by clause: "All tasks healthy. Error rate falls to <1%" recovers.
    text.split(['.', ';', ','])
        .filter(|c| !c.trim().is_empty())
        .find_map(clause_trend)
        .or_else(|| clause_trend(text))
}

fn clause_trend(text: &str) -> Option<Trend> {
    let t = text.to_lowercase();
    // Some states say which way things went with no signal named.
    if BACK_TO_NORMAL.is_match(&t) {
        return Some(Trend::Better);
    }
    if BAD_STATE.is_match(&t) {
        return Some(Trend::Worse);
    }
    // A signal's name where a word starts ("lag", not the "lag" in "flags").
    let names = |w: &&str| {
        t.match_indices(*w).any(|(i, _)| {
            t[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    };
    let bad = BAD_HIGH.iter().any(names);
    let good = GOOD_HIGH.iter().any(names);
    if !(bad || good) {
        return None;
    }
    // "Burning at twenty times the normal rate" is far from normal.
    if MULTIPLE_OF_NORMAL.is_match(&t) {
        return Some(if bad { Trend::Worse } else { Trend::Better });
    }
    if NORMAL.is_match(&t) {
        return Some(Trend::Better);
    }
    let d = direction(&t);
    // "CPU usage: 95%": near the limit.
    if bad && d == 0 && HIGH_PERCENT.is_match(&t) {
        return Some(Trend::Worse);
    }
    // "Launch success metric reaches 0%": nothing gets through.
    if good && !bad && d == 0 && NOTHING_PERCENT.is_match(&t) {
        return Some(Trend::Worse);
    }
    match (bad, good, d) {
        (true, false, 1) | (false, true, -1) => Some(Trend::Worse),
        (true, false, -1) | (false, true, 1) => Some(Trend::Better),
        _ if bad && EXHAUSTED.is_match(&t) => Some(Trend::Worse),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_reads_with_the_signals_polarity() {
        assert_eq!(
            trend("Error rate falls from 100% to ~35%"),
            Some(Trend::Better)
        );
        assert_eq!(
            trend("Error rate climbing: 1% → 3% → 5%"),
            Some(Trend::Worse)
        );
        assert_eq!(
            trend("Checkout success rate recovering: 50% → 75% → 95%"),
            Some(Trend::Better)
        );
        assert_eq!(
            trend("Checkout success rate dropped to 60%"),
            Some(Trend::Worse)
        );
        assert_eq!(
            trend("Database connections dropped to 20/100"),
            Some(Trend::Better)
        );
        assert_eq!(trend("Query latency: 50ms (normal)"), Some(Trend::Better));
        assert_eq!(
            trend("Connection pool: 100% utilization"),
            Some(Trend::Worse)
        );
        assert_eq!(trend("Traffic: 1000 req/s → 3000 req/s"), None);
        assert_eq!(trend("The on-call restarts the workers"), None);
        assert_eq!(
            trend("All 6 ECS tasks healthy. Error rate falls to <1%."),
            Some(Trend::Better)
        );
    }
}
