//! What the team finds once it is at work: a teammate telling what they saw, a suspect checked
//! and found well, a fact read from a config file or the code. Lines that would otherwise read
//! as the harm going on.

use std::sync::LazyLock;

use regex::Regex;

use super::event_kind::first_sentence;
use crate::model::EventKind;

/// A teammate telling what they found once the team is at work ("Chris reports that proxy pods
/// are in CrashloopBackoff"): a finding, not the harm growing nor a new report. (Someone who
/// reports from outside is named with where they are from, "Ana from support reports".)
pub(super) fn teammate_findings(events: &mut [(i64, EventKind, String)]) {
    static TELLS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Z][a-z]+) (?:reports|reported|says|said|finds|found|notes|noted|sees|saw|confirms|confirmed) that\b")
            .expect("static regex")
    });
    let Some(working) = events.iter().position(|e| {
        matches!(
            e.1,
            EventKind::Investigation | EventKind::Escalation | EventKind::Mitigation
        )
    }) else {
        return;
    };
    for e in events.iter_mut().skip(working + 1) {
        if TELLS.is_match(&e.2) && matches!(e.1, EventKind::Symptom | EventKind::Alert) {
            e.1 = EventKind::Investigation;
        }
    }
}

/// Once alerted and before anything was fixed, a check that finds a suspect well ("Platform
/// confirms cluster and network are healthy. Focus shifts to the deploy.") rules it out: the
/// team looking, not the service coming back.
pub(super) fn ruled_out_healthy(events: &mut [(i64, EventKind, String)]) {
    static CHECKED_FINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:confirm\w*|check\w*|verif\w*)\b[^.;]{0,50}\b(?:healthy|normal|fine|ok|okay)\b")
            .expect("static regex")
    });
    let Some(told) = events.iter().position(|e| e.1 == EventKind::Alert) else {
        return;
    };
    for e in events.iter_mut().skip(told + 1) {
        if e.1 != EventKind::Mitigation {
            continue;
        }
        let first = first_sentence(&e.2);
        let changed = super::timeline_order::CHANGE
            .iter()
            .any(|w| first.to_lowercase().contains(w));
        if !CHECKED_FINE.is_match(first) || changed {
            break;
        }
        e.1 = EventKind::Investigation;
    }
}

/// Between the first look and the first fix, a fact told with no harm in it, straight after a
/// look ("`PRODUCT_CACHE_TTL` is 1800 in `.env`, 60 in `.env.example`", "`adjust_stock`
/// commits and returns with no `cache.invalidate(sku)`"): what the team found, not the harm.
pub(super) fn quiet_facts(events: &mut [(i64, EventKind, String)]) {
    static HARM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:errors?|fail\w*|down|outage|unavailable|slow\w*|time-?outs?|timed out|latency|[45]\d\ds?|crash\w*|oom\w*|lost|loss|broken|stuck|hang\w*|hung|degrad\w*|spik\w*|drops?|dropped|refus\w*|denied|reject\w*|complain\w*|report\w*|users?|customers?|impact\w*|still|again|attack\w*|peak\w*|flood\w*|ddos|surg\w*|saturat\w*|exhaust\w*|overload\w*|high|elevated|abnormal|unusual)\b")
            .expect("static regex")
    });
    let Some(first_look) = events.iter().position(|e| e.1 == EventKind::Investigation) else {
        return;
    };
    for i in first_look + 1..events.len() {
        if matches!(events[i].1, EventKind::Mitigation | EventKind::Resolution) {
            break;
        }
        let quiet =
            !HARM.is_match(&events[i].2) && super::signal_trend::trend(&events[i].2).is_none();
        if events[i].1 == EventKind::Symptom && events[i - 1].1 == EventKind::Investigation && quiet
        {
            events[i].1 = EventKind::Investigation;
        }
    }
}
