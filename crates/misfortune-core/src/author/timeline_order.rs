//! Kinds that follow from a line's place in the whole timeline rather than its words: who
//! noticed first when nothing paged, what a "fix" before the detection really was, and what is
//! still done after the incident is over.

use std::sync::LazyLock;

use regex::Regex;

use super::event_kind::first_sentence;
use crate::model::EventKind;

/// With no alert or page at all, the incident was detected by someone noticing it ("Noticed
/// tables being dropped"): that line is the detection.
pub(super) fn noticed_is_detection(events: &mut [(i64, EventKind, String)]) {
    if events.iter().any(|e| e.1 == EventKind::Alert) {
        return;
    }
    let noticing = Regex::new(
        r"(?i)\b(?:notic\w*|spott\w*|spots|discover\w*|saw|sees|detect\w*|reports?|reported|observing|encounter(?:ed|s)? the (?:issue|problem|error|outage|bug)|reali[sz]ed? that)\b",
    )
    .expect("static regex");
    // A status page's first "Investigating" update is when the company knew, if nothing says
    // earlier.
    // Once the team is at work and a fix under way, someone reporting more is not how it was
    // found (a "fix" before anyone looked is the change that set it off).
    let looking = events
        .iter()
        .position(|e| matches!(e.1, EventKind::Investigation | EventKind::Escalation))
        .unwrap_or(events.len());
    let fixing = events
        .iter()
        .skip(looking)
        .position(|e| e.1 == EventKind::Mitigation)
        .map_or(events.len(), |p| p + looking);
    // (Once someone has looked, a report is the harm going on, not how it was found: the
    // noticing comes no later than the first look.)
    if let Some(e) = events[..fixing.min(looking + 1)]
        .iter_mut()
        .skip(1)
        // "We are happy to report that the issue is now resolved" found nothing.
        .find(|e| {
            // "Some users still saw channels they had left" is the harm going on.
            // ("Dip ... noticed via grafana. ... despite the fact that it appears to have
            // recovered": its first sentence says what happened.)
            // ("... we began experiencing outages. ... after several iterations of
            // troubleshooting we discovered the problem to be with the router": found later.)
            // ("Harvester controller reported steve aggregation connection refused": a
            // component's own record, which nobody had read yet.)
            // ("Report worker restarted": the reports service, not a report.)
            (noticing.is_match(&REPORTS_THING.replace_all(first_sentence(&e.2), ""))
                && !MACHINE_TELLS.is_match(first_sentence(&e.2))
                && !first_sentence(&e.2).to_lowercase().contains(" still ")
                && !super::event_kind::says_recovered(first_sentence(&e.2))
                && e.1 != EventKind::Resolution)
                || e.2.starts_with("Investigating:")
        })
    {
        e.1 = EventKind::Alert;
    }
}

/// A component that reports or logs something ("`virt-controller`/`virt-api` reported TLS
/// certificate mismatch errors"): a record kept by the system, not a person noticing.
static MACHINE_TELLS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;]{0,50}?\b(?:controllers?|kernel|handlers?|daemons?|drivers?|schedulers?|kubelet|logs?|apis?|process(?:es)?|services?|servers?|jobs?|nodes?|pods?|containers?|hosts?|prox(?:y|ies)|agents?|endpoints?|probes?|rke2|k3s|systemd)`?\s+(?:reported|reports|logged|logs)\b")
        .expect("static regex")
});

/// "Report" naming a part of the system ("Report worker restarted", "reports index").
static REPORTS_THING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\breports? (?:workers?|services?|servers?|jobs?|index(?:es)?|generators?|pipelines?|apis?|databases?|queues?|engines?|builders?|exports?|data|search|replicas?)\b")
        .expect("static regex")
});

/// Once the incident is resolved, what is still done to the system is the permanent fix
/// ("code fix deployed to production", "hot-fix merged"): part of the resolution.
pub(super) fn after_resolution(events: &mut [(i64, EventKind, String)]) {
    // Only an incident said to be over counts ("operating normally" may be a partial return).
    let said_over =
        Regex::new(r"(?i)\bresolved\b|\bincident (?:closed|ends|ended|over)\b|\ball clear\b|\bpermanent (?:fix|solution)\b|\bpermanently (?:fixed|resolved|solved)\b")
            .expect("static regex");
    // "... which resolved the 404 errors by 10:08" ended one symptom, not the incident.
    let one_symptom = Regex::new(
        r"(?i)\bresolved the (?:[\w-]+ ){0,2}(?:errors?|timeouts?|failures?|alerts?|4\d\ds?|5\d\ds?)\b",
    )
    .expect("static regex");
    // ("Deleted binder and hub pods. This resolved the issue a second time." before it broke
    // again: for a while, not over.)
    let for_now = Regex::new(r"(?i)\bresolved (?:the |this |that )?(?:issue|problem|it)\b[^.;]{0,20}\b(?:a second time|a third time|again|temporarily|for now|for a while|briefly)\b")
        .expect("static regex");
    let over = |t: &str| said_over.is_match(t) && !one_symptom.is_match(t) && !for_now.is_match(t);
    for e in events.iter_mut() {
        if e.1 == EventKind::Resolution && for_now.is_match(&e.2) {
            e.1 = EventKind::Mitigation;
        }
    }
    for i in 0..events.len() {
        let later_end = events[i + 1..].iter().any(|e| e.1 == EventKind::Resolution);
        if events[i].1 == EventKind::Resolution && one_symptom.is_match(&events[i].2) && later_end {
            events[i].1 = EventKind::Mitigation;
        }
    }
    // "Deployment downgraded, which solved the issue" before "issue permanently fixed": the
    // first ended the harm, the second the incident.
    if let Some(last) = events
        .iter()
        .rposition(|e| e.1 == EventKind::Resolution && over(&e.2))
    {
        // ("The database team optimized the slow queries, which ... resolved the issue" before
        // "The issue was fully resolved": the fix that ended it, then the end.)
        let fix_first = |t: &str| {
            let first = t.split([';', ',']).next().unwrap_or(t);
            super::event_kind::listed_kind(first) == Some(EventKind::Mitigation)
        };
        for e in &mut events[..last] {
            if e.1 == EventKind::Resolution && (!over(&e.2) || fix_first(&e.2)) {
                e.1 = EventKind::Mitigation;
            }
        }
    }
    let Some(resolved) = events
        .iter()
        .position(|e| e.1 == EventKind::Resolution && over(&e.2))
    else {
        return;
    };
    for e in &mut events[resolved + 1..] {
        if e.1 == EventKind::Mitigation && !super::event_kind::says_failed(&e.2) {
            e.1 = EventKind::Resolution;
        }
    }
}

/// With no alert, where a hard outage begins ("the job server halted", "Polar fully down"): the
/// first such symptom before anyone looked. An outage the team caused while already at work is
/// not how they found out; a change applied before it ("the plan is applied") is not looking.
pub(super) fn outage_start(events: &[(i64, EventKind, String)]) -> Option<usize> {
    static OUTAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:stop(?:s|ped)? (?:serving|responding|working|processing|accepting|reporting)|halted|went down|goes down|is down|was down|(?:fully|completely|totally|entirely|hard) down|unavailable|crash\w*|outage|offline|incident starts|(?:customer )?impact (?:began|begins|started|starts)|(?:operations|requests|calls|syncs|deploys|deployments|builds|jobs|logins|checkouts|payments) (?:failed|fail|failing)|inability to|unable to|unschedulable|oom[- ]?kill\w*|killed by (?:the )?(?:oom|kernel)|could not be scheduled|deleted all|blackout|cascad\w*|hang|hangs|hung|froze|freezes|frozen|wedged|livelock\w*|locked up|(?:wiped|wipé|erased) (?:out )?(?:all|every|the (?:whole|entire)|la totalit[ée]))\b",
        )
        .expect("static regex")
    });
    events
        .iter()
        .take_while(|e| !matches!(e.1, EventKind::Investigation | EventKind::Escalation))
        // "Accidental execution of a command that deleted all worker nodes": a change that is
        // itself the outage.
        .position(|e| {
            // ("Host kernel logged multiple `device offline` ... events": a part of a machine
            // gone, not the service.)
            let said = PART_GONE.replace_all(&e.2, "");
            // ("Begins: February 10th -- 08:00 to 09:30 UTC": a downtime window listed.)
            matches!(e.1, EventKind::Symptom | EventKind::Trigger)
                && (OUTAGE.is_match(&said) || e.2.starts_with("Begins: "))
        })
}

static PART_GONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:devices?|disks?|drives?|nics?|ports?|links?|fans?|psus?)`?\s+(?:went |goes |is |are |was |were )?offline\b")
        .expect("static regex")
});

/// Where the incident was detected: the first alert; with none, a hard outage; with neither,
/// the first harm before anyone looked ("Pod was restarted for maintenance" the night before
/// jobs failed: nothing is mitigated before it).
fn detected_at(events: &[(i64, EventKind, String)]) -> Option<usize> {
    events
        .iter()
        .position(|e| e.1 == EventKind::Alert)
        .or_else(|| outage_start(events))
        .or_else(|| {
            events
                .iter()
                .take_while(|e| !matches!(e.1, EventKind::Investigation | EventKind::Escalation))
                // ("The same error still occurs" after a redeploy is the harm going on.)
                .position(|e| e.1 == EventKind::Symptom && !super::event_kind::says_failed(&e.2))
        })
}

/// Words of a change to the system, which a "fix" before the detection really was.
pub(super) const CHANGE: &[&str] = &[
    "deploy",
    "release",
    // "tag `v1.0.0` published; 9 run-body sites shipped to consumers".
    "published",
    "shipped",
    "rolled out",
    "rollout",
    "push",
    "config",
    "failover",
    "promot",
    "migrat",
    "upgrad",
    "complete",
    "finishes",
    "swap",
    "updat",
    "modif",
    "set to",
    "creat",
    "increases",
    "scales down",
    "scaled down",
    "applies",
    "applied",
    "chang",
    "enabl",
    "disabl",
    "merg",
    // `kubectl set image`, "-internal tag rolled", "Terraform begins to destroy the database".
    "set image",
    // "Pipeline triggered to resolve issue with Traefik dashboard", "Pipeline re-run".
    "pipeline",
    "destroy",
    "rolled",
    // "Index rebuild begins on orders.status_idx": an operation on the system.
    "rebuil",
    // "A scheduled job rotated the broker certificates".
    "rotat",
    // "Engineer moves to other work, forgets to revert the security group": a step missed.
    "forget",
    "forgot",
    // "The flag service loads the file": the change taking effect.
    // "Pod was randomly restarted due to minor infrastructure maintenance".
    "restarted",
    "maintenance",
    // "MacFan4000 begins removing the extension".
    "remov",
    "loads the",
    "loaded the",
    "picks up",
    "picked up",
    // "MAAS schedules download of 24 Ubuntu boot resources": the sync that set it off.
    "schedules download",
    "scheduled download",
    "download of",
    "synchroniz",
    // "End of log shipper rollout", "Activation of dashboard/alerts bundle".
    "rollout",
    "rolled out",
    "activat",
];

/// A screen that shows the harm ("Dashboard showing 1 healthy and 1 unhealthy instance").
static SHOWS_HARM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:dashboards?|graphs?|grafana|metrics?|panels?|charts?)\b[^.;]{0,20}\bshow(?:s|ing|ed)?\b[^.;]*\b(?:unhealthy|errors?|fail\w*|down|spik\w*|5\d\d)")
        .expect("static regex")
});

/// A certificate or credential that expires, a quota that runs out: what sets an incident off
/// on a date or at a limit rather than by a change.
static RAN_OUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:certificates?|certs?|credentials?|tokens?|keys?|licen[cs]es?|domains?|passwords?|secrets?|subscriptions?|trials?)\b[^.;]{0,25}\b(?:expires|expired|lapsed|lapses)\b|\b(?:quotas?|credits?|budget|allowance)\b[^.;]{0,40}\b(?:ran out|runs out|was exhausted|is exhausted|was used up|was depleted)\b")
        .expect("static regex")
});

/// "Cluster self-heals and everything returns to normal" hours before anyone noticed: the
/// harm ended on its own, with nothing worse after it until the detection (`first_alert`).
fn healed_before(events: &[(i64, EventKind, String)], first_alert: usize) -> Option<usize> {
    let changes = |t: &str| CHANGE.iter().any(|w| t.to_lowercase().contains(w));
    (0..first_alert)
        .rev()
        .find(|&i| {
            events[i].1 == EventKind::Mitigation
                && super::event_kind::says_recovered(&events[i].2)
                && !changes(&events[i].2)
        })
        .filter(|&i| {
            events[i + 1..first_alert]
                .iter()
                .all(|e| e.1 != EventKind::Symptom)
                && events[..i]
                    .iter()
                    .any(|e| matches!(e.1, EventKind::Symptom | EventKind::Trigger))
        })
}

/// Nobody mitigates what has not been detected: before the first alert, a line that reads like
/// a fix ("failover completes", "the config was deployed") is the change that set the incident
/// off, or a symptom of it.
pub(super) fn before_detection(events: &mut [(i64, EventKind, String)]) {
    let Some(first_alert) = detected_at(events) else {
        return;
    };
    // "The system stopped creating notifications" is the harm, whatever it stopped doing.
    // "Hard refresh and sync operations began across applications stopped for maintenance":
    // the team's planned work under way before anything hurt, part of the change.
    static WORK_BEGAN: LazyLock<Regex> = LazyLock::new(|| {
        // ("Nightly backup window opens", "Three data-backup crons fire at once": the night's
        // routine work starting.)
        Regex::new(r"\b(?:operations|pulls|jobs?|tasks?|runs?|generation|reconciliation|refresh|sync|resync|migration|rollout|maintenance|backups?|backup window|crons?|prunes?|compaction|scans?|vacuum)\b[^.;]{0,40}\b(?:began|begins|started|starts|commenced|opens|opened|fire|fires|fired|kicks? off|kicked off)\b|\b(?:began|begins|started|starts|commenced)\b[^.;]{0,40}\b(?:operations|pulls|jobs|tasks|runs|generation|reconciliation|refresh|sync|resync|migration|rollout|maintenance|backups?|prunes?|compaction|scans?|vacuum)\b")
            .expect("static regex")
    });
    // (What users felt is the harm, whatever began: "users began seeing slow pages".)
    static FELT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:users?|customers?|clients?|slow\w*|latenc\w*|timeouts?|timed out|degrad\w*|report\w*|complain\w*)\b")
            .expect("static regex")
    });
    static HARM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:stopped|stops|fail(?:s|ed|ing|ures?)?|errors?|unavailable|went down|is down|outage)\b")
            .expect("static regex")
    });
    // "-patch (rev 296) pushed; 500s continue" before the page: the team already at work, a
    // fix that failed; "-patch2 (rev 297); same" is another.
    static PATCH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:patch\w*|hotfix\w*|fix(?:es|ed)?)\b").expect("static regex")
    });
    let healed = healed_before(events, first_alert);
    let mut fixing = false;
    for (i, e) in events[..first_alert].iter_mut().enumerate() {
        if healed == Some(i) {
            e.1 = EventKind::Resolution;
            continue;
        }
        let t = super::foreign_words::in_english(&e.2.to_lowercase()).into_owned();
        if PATCH.is_match(&t)
            && (super::event_kind::says_failed(&t)
                || (fixing && super::timeline_lines::ditto_at(t.trim()).is_some()))
        {
            e.1 = EventKind::Mitigation;
            fixing = true;
            continue;
        }
        // "No alert is configured for lag" changes nothing.
        let said = t.replace("not configured", "").replace("is configured", "");
        let changed = CHANGE.iter().any(|w| said.contains(w));
        let now = super::event_kind::at_its_time(&t);
        e.1 = match e.1 {
            // "Deployment completed and went live; services began experiencing errors": the
            // harm beginning, though it names the change.
            // (An aside, "(copy-paste error)", says how, not what broke.)
            EventKind::Mitigation | EventKind::Resolution
                if changed && HARM.is_match(&super::event_kind::ASIDE.replace_all(&t, "")) =>
            {
                EventKind::Symptom
            }
            // ("Nightly backup window opens: ... Garage begins its nightly block prune".)
            EventKind::Mitigation | EventKind::Resolution
                if changed || (WORK_BEGAN.is_match(&t) && !HARM.is_match(now)) =>
            {
                EventKind::Trigger
            }
            EventKind::Mitigation | EventKind::Resolution => EventKind::Symptom,
            // "Fleet gateway certificate expires. Robots fail mTLS handshake.", "Free-tier quota
            // ran out": the moment a date or a limit set it off, whatever failed with it.
            EventKind::Symptom if RAN_OUT.is_match(first_sentence(&t)) => EventKind::Trigger,
            // "Dashboard showing 1 healthy and 1 unhealthy instance" before anyone is at work:
            // the harm on a screen nobody was reading yet.
            EventKind::Investigation if SHOWS_HARM.is_match(&t) => EventKind::Symptom,
            // "Engineer forgets to close the firewall rule": a step missed, not yet looking.
            EventKind::Investigation if t.contains("forget") || t.contains("forgot") => {
                EventKind::Trigger
            }
            // "The rebuild finishes and the alias is swapped": a change, not yet a symptom.
            // ("from 4% to 97%" is a measurement, whatever else it says.)
            // ("... across applications stopped for maintenance": stopped on purpose.)
            // ("..., and within ninety seconds the latency graphs began to climb": later.)
            EventKind::Symptom
                if (changed || WORK_BEGAN.is_match(&t))
                    && super::signal_trend::trend(now).is_none()
                    && !HARM.is_match(&now.replace("stopped for maintenance", "paused"))
                    // ("... shipped to users" is the change reaching them.)
                    && !FELT.is_match(&now.replace("to users", "").replace("to customers", "")) =>
            {
                EventKind::Trigger
            }
            k => k,
        };
    }
}

/// A customer report that comes after the team was already at work ("Some customers reported
/// less than 100% availability, which we began mitigating") is the incident going on, not its
/// detection.
pub(super) fn late_reports(events: &mut [(i64, EventKind, String)]) {
    let report =
        Regex::new(r"(?i)\b(?:report\w*|complain\w*|reached out|contacted us|got in touch)\b")
            .expect("static regex");
    // "... surfaced and the decision was made to roll back": the decision is what happened.
    let decided = Regex::new(r"(?i)\b(?:decision was made to|decided to|decides to)\s+(?:\w+\s+)?(?:roll|revert|restart|disable|rollback|fail)")
        .expect("static regex");
    // (A page that went out, not "broken pages".)
    let paged = Regex::new(r"(?i)\bpag(?:ed|ing)\b|\bpages? (?:the|an?|on-?call|us|someone|engineers?|sres?)\b|\bon-?call\b")
        .expect("static regex");
    // A "fix" before anyone looked or was told is the change that set it off ("Index rebuild
    // begins", hours before the first complaint), not the team at work.
    let told = events
        .iter()
        .position(|e| e.1 == EventKind::Alert)
        .unwrap_or(events.len());
    // ("FTC inquiry letter received by legal", then "Engineering team notified, investigation
    // begins": the report reached someone first; telling a team after it brings them in.)
    static TEAM_BROUGHT_IN: LazyLock<Regex> = LazyLock::new(|| {
        // ("On-duty engineer was informed regarding the issue" two minutes after a user's
        // tweet: the responder brought in.)
        Regex::new(r"(?i)^\W*(?:the\s+)?(?:engineering|dev|development|ops|operations|security|legal|platform|backend|frontend|product|infrastructure|infra|database|network|data|sre) teams? (?:(?:is|are|was|were|gets?|got) )?(?:notified|informed|told)\b|^\W*(?:the\s+|an?\s+)?(?:on-duty |duty |support |sre |devops )?engineers? (?:(?:is|are|was|were|gets?|got) )?(?:notified|informed|told)\b")
            .expect("static regex")
    });
    for e in events.iter_mut().skip(told + 1) {
        // ("Engineering team notified through the on-call system" is the page.)
        if e.1 == EventKind::Alert && TEAM_BROUGHT_IN.is_match(&e.2) && !paged.is_match(&e.2) {
            e.1 = EventKind::Escalation;
        }
    }
    // A check that found all well ("Functional tests indicates all fine") after a change is
    // not the team at work on an incident.
    static ALL_WELL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\ball (?:fine|good|green|ok)\b|\bno (?:issues|problems|errors)\b|\blooks? (?:fine|good)\b")
            .expect("static regex")
    });
    let Some(working) = events.iter().enumerate().position(|(i, e)| {
        (matches!(e.1, EventKind::Investigation | EventKind::Escalation)
            && !ALL_WELL.is_match(&e.2))
            || (e.1 == EventKind::Mitigation && i > told)
    }) else {
        return;
    };
    // Once the team is at work, a user's report is the incident going on, whether or not an
    // alert came first.
    for e in &mut events[working + 1..] {
        if e.1 == EventKind::Alert && report.is_match(&e.2) && !paged.is_match(&e.2) {
            e.1 = if decided.is_match(&e.2) {
                EventKind::Mitigation
            } else {
                EventKind::Symptom
            };
        }
    }
}

/// A timeline that never says the incident was resolved ends with its last recovery ("Attack
/// traffic ceases, all network metrics return to normal operation"): that is the resolution,
/// when nothing after it is the incident going on (only the review and the telling of it).
pub(super) fn last_recovery_resolves(events: &mut [(i64, EventKind, String)]) {
    let recovery = |e: &(i64, EventKind, String)| {
        e.1 == EventKind::Mitigation && super::event_kind::says_recovered(&e.2)
    };
    // The end of a range the prose gave ("Between 04:30 and 06:30 UTC a few users still saw
    // cross-org flows") ended that spell of harm, not the incident, when more fixing came
    // before the last recovery.
    let ends =
        |e: &(i64, EventKind, String)| e.1 == EventKind::Resolution && e.2.starts_with("Ends: ");
    // A spell of harm that ended before another began ("November 13th -- 15:00 to 19:30 UTC"
    // then "November 15th -- 15:30 to 18:00 UTC") ended that spell, not the incident.
    for i in 0..events.len() {
        let at = events[i].0;
        let again = events[i + 1..]
            .iter()
            .any(|e| e.0 > at && e.1 == EventKind::Symptom);
        if ends(&events[i]) && again {
            events[i].1 = EventKind::Mitigation;
        }
    }
    // ("between 15:40 and 16:05 UTC" then "All systems are stable now ... as of 16:45 UTC":
    // the range ended that spell; the later end ended the incident.)
    for i in 0..events.len() {
        let later_end = events[i + 1..]
            .iter()
            .any(|e| e.0 > events[i].0 && e.1 == EventKind::Resolution && !ends(e));
        if ends(&events[i]) && later_end {
            events[i].1 = EventKind::Mitigation;
        }
    }
    if let Some(last) = events.iter().rposition(recovery)
        && events
            .iter()
            .filter(|e| e.1 == EventKind::Resolution)
            .all(ends)
    {
        for i in 0..last {
            let more_work = events[i + 1..last]
                .iter()
                .any(|e| e.1 == EventKind::Mitigation);
            if ends(&events[i]) && more_work {
                events[i].1 = EventKind::Mitigation;
            }
        }
    }
    if events.iter().any(|e| e.1 == EventKind::Resolution) {
        return;
    }
    // "Verified system stability", "Releases unblocked and checked" closing the timeline: the
    // end, checked.
    static VERIFIED: LazyLock<Regex> = LazyLock::new(|| {
        // ("All projects available, alerts clear.")
        Regex::new(r"(?i)\b(?:verif\w*|confirm\w*|checked|alerts? (?:are |have )?clear(?:ed)?)\b")
            .expect("static regex")
    });
    if let Some(e) = events.last_mut()
        && matches!(e.1, EventKind::Investigation | EventKind::Mitigation)
        && super::event_kind::says_recovered(&e.2)
        && VERIFIED.is_match(&e.2)
        // "The corrected expiry was deployed, and monitoring confirmed recovery" is the fix.
        && !super::event_kind::recovery_is_the_fix(&e.2)
    {
        e.1 = EventKind::Resolution;
        return;
    }
    let Some(last) = events.iter().rposition(recovery) else {
        return;
    };
    // ("adding alerts for cert expiry warnings at 30 days" after the recovery is the follow-up,
    // not the incident going on.)
    static FOLLOW_UP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:add\w*|creat\w*|set\w* up|configur\w*|writ\w*)\b[^.;]{0,30}\b(?:alerts?|alerting|monitor\w*|runbooks?|dashboards?|tests?|warnings?)\b")
            .expect("static regex")
    });
    let quiet = events[last + 1..].iter().all(|e| {
        matches!(e.1, EventKind::Communication | EventKind::Investigation)
            || FOLLOW_UP.is_match(&e.2)
    });
    // The first recovery seen is the fix taking hold ("the corrected expiry was deployed and
    // monitoring confirmed recovery" stays the mitigation), so only a later one ends it.
    let earlier_recovery = events[..last].iter().any(recovery);
    if quiet && earlier_recovery {
        events[last].1 = EventKind::Resolution;
    }
}

/// A timeline that ends, after earlier fixing, on a release that carries the fix ("Version
/// 2.2.0 was released that included the fix", weeks after blocks flowed again) ends the
/// incident there, when nothing else did.
pub(super) fn released_fix_resolves(events: &mut [(i64, EventKind, String)]) {
    static RELEASED_FIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\breleased?\b[^.;]{0,40}\b(?:included|includes|including|with|containing|contains|carrying)\b[^.;]{0,30}\bfix")
            .expect("static regex")
    });
    if events.iter().any(|e| e.1 == EventKind::Resolution) {
        return;
    }
    if let Some((last, earlier)) = events.split_last_mut()
        && last.1 == EventKind::Mitigation
        && earlier.iter().any(|e| e.1 == EventKind::Mitigation)
        && RELEASED_FIX.is_match(&last.2)
    {
        last.1 = EventKind::Resolution;
    }
}

/// Where each spell of a report of several incidents begins: the first line, and the line after
/// a full recovery ("Service fully recovered", "Full service restored") that the next line
/// follows by six hours or more.
pub(super) fn spell_starts(events: &[(i64, EventKind, String)]) -> Vec<usize> {
    static OVER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bfully (?:recovered|restored|operational)\b|\bfull service restored\b|\bservice (?:fully )?restored\b|\bincident (?:resolved|closed)\b")
            .expect("static regex")
    });
    let mut starts = vec![0];
    for i in 1..events.len() {
        let prev = &events[i - 1];
        if OVER.is_match(&prev.2) && events[i].0 - prev.0 >= 6 * 3600 {
            starts.push(i);
        }
    }
    starts
}
