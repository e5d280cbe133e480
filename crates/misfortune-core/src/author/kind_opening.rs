//! Whether a timeline's first line is the harm itself or the change that set it off: a
//! timeline opens on its trigger unless its first line tells only the harm.

use std::sync::LazyLock;

use regex::Regex;

use super::event_kind::at_word_start;
use super::signal_trend::Trend;

/// The deploy tooling named as a thing ("deploy pipeline", "deployment queue"), which can break
/// without any change being made.
static DEPLOY_TOOLING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:deploy(?:ment)?|release) (?:pipelines?|queues?)\b").expect("static regex")
});

/// Whether a timeline's first line is the harm beginning with no change named ("Performance
/// began to degrade", "our platform experienced degraded performance"): a symptom, the trigger
/// left unsaid.
pub(super) fn opens_on_harm(t: &str) -> bool {
    // Its first sentence: "Playbook command removes far more servers than intended; requests
    // start failing" opens on the change.
    let t = t.split(['.', ';', '—', '–']).next().unwrap_or(t);
    // "The billing service logs `self signed certificate in chain` on a ledger query": what a
    // service printed when it failed.
    static PRINTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\W*(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}\s+(?:logs|logged|throws|threw|emits|emitted|prints|printed)\s")
            .expect("static regex")
    });
    let harm = super::signal_trend::trend(t) == Some(Trend::Worse)
        || PRINTS.is_match(t)
        || HARM.iter().any(|w| at_word_start(t, w));
    let change = [
        "deploy",
        "release",
        "config",
        "push",
        "upgrad",
        "migrat",
        "maintenance",
        "rollout",
        "rolled out",
        "change",
        "caus",
        "renew",
        // "Token refresher job errors out": upkeep that failed, the change that sets it off.
        "refresh",
        "rotat",
        // "Stopped a healthy node to make the group replace it": done on purpose.
        "to make the",
        "to force",
        "to trigger",
        "to simulate",
        "on purpose",
        "deliberately",
        "intentionally",
        "install",
        "fills",
        "filled",
        "ran out",
        "runs out",
        "patch",
        "commit",
        "merge",
        "failover",
        // "MwEmbedSupport is removed, after noticing that puppet has been failing".
        "remov",
        "delet",
    ]
    .iter()
    // "... stopped loading because a resize job wrote empty files": "because" causes nothing.
    // ("... from person ingestion post-deployment workload": after a deploy is not a deploy;
    // "Production deploy pipeline fails": the pipeline is what broke, not a change made.)
    .any(|w| {
        DEPLOY_TOOLING
            .replace_all(&t.replace("because", ""), "")
            .replace("post-deploy", "")
            .contains(w)
    });
    harm && !change
}

/// Words of harm a timeline's first line may open on.
const HARM: &[&str] = &[
    "degrad",
    "outage",
    "went down",
    "unavailable",
    "fail",
    "error",
    "timeout",
    "timed out",
    "slow",
    "could not",
    "unable to",
    "cannot",
    "stopped",
    "stops",
    // "SDK Gateways stop fulfilling requests".
    "stop ",
    // "Customers may have experienced delays in Chat", "Search results were stale".
    "delay",
    "stale",
    // "Incident began at 18:31": the harm starts, whatever set it off.
    "incident began",
    "incident started",
    // "### 10:00 - Problem starts".
    "problem starts",
    "problem started",
    "problem begins",
    "problem began",
    "issue starts",
    "issue started",
    // "Node starts reporting \"no space left on device\"".
    "no space left",
    // "Customer impact began. A subset of events began failing".
    "impact began",
    "impact started",
    "inability",
    // "Kubernetes node entered NotReady state", "experienced issues with the GCLB
    // service".
    "notready",
    "not ready",
    // "The proxy pod is evicted".
    "evict",
    // "k3s-worker-1 Ready condition transitions to Unknown".
    "transitions to unknown",
    "unreachable",
    "experienced issues",
    "experiencing issues",
    "experienced problems",
    // "Writer database begins experiencing connection saturation".
    "saturat",
    // "The chain stalled at height 4779033".
    "stalled",
    "stalls",
    // "We experienced a sequence of faults which we do not fully understand".
    "fault",
];
