//! Whether a line says what came of an attempt: it did not work ("did not help", "pods still
//! fail to start"), it made things worse, or the service recovered ("back to normal", "services
//! confirmed operational"). Used by the kind rules, the timeline's order rules and the game.

use std::sync::LazyLock;

use regex::Regex;

use super::signal_trend::Trend;

/// Whether a line says an attempt did not work ("did not help", "errors continue at the same
/// rate", "pods still fail to start").
pub(super) fn says_failed(text: &str) -> bool {
    FAILED_RE.is_match(text) || says_worse(text)
}

/// Whether a line says an attempt made things worse.
pub(super) fn says_worse(text: &str) -> bool {
    WORSE_RE.is_match(text)
}

/// A fix that was tried and failed (or made things worse) is still a mitigation attempt.
pub(super) const FAILED_FIX: &[&str] = &[
    "did not help",
    "does not help",
    "didn't help",
    "doesn't help",
    "made it worse",
    "made things worse",
    "no effect",
    "no difference",
    "changes nothing",
    "changed nothing",
    "not improved",
    "did not improve",
    "helped briefly",
    "helps briefly",
    "errors persist",
    "still failing",
    // "Node rollover attempt fails due to timeout".
    "attempt fails",
    "attempt failed",
    "attempts fail",
    // "Also does not seem to mitigate the original build/launch problem", "Multiple restarts
    // of build do not seem to fix the problem".
    "not seem to fix",
    "not seem to help",
    "not seem to mitigate",
    "not appear to fix",
    "not appear to help",
];

/// Words that say the service came back ("restored", "back to normal", "working again").
const RECOVERED: &[&str] = &[
    "recover",
    "restored",
    // "Script completed to update account federation metadata. Confirmed working".
    "confirmed working",
    // "Verified working - new sitemaps being inserted", "tested and confirmed to be running".
    "verified working",
    "verified as working",
    "confirmed to be running",
    "confirmed running",
    "confirmed to be working",
    "working again",
    // "New blocks being created again", "traffic flowing again".
    "created again",
    "flowing again",
    // "Green lights everywhere. Traffic is flowing".
    "traffic is flowing",
    "green lights",
    "processing again",
    "serving again",
    // "DNS has propagated ..., and the new load balancer begins serving requests".
    "begins serving",
    "began serving",
    "starts serving",
    "started serving",
    "has propagated",
    "available again",
    "online again",
    "running again",
    "responding again",
    "answering again",
    "answers again",
    "back to normal",
    // "GSIs for Data 140 hub reported that the error was fixed".
    "error was fixed",
    "issue was fixed",
    "problem was fixed",
    // "The service is operating normally, but ... data are missing".
    "operating normally",
    "returns to normal",
    "return to normal",
    // "Gateway metrics began returning toward normal"; "function execution impact
    // ended".
    "toward normal",
    "towards normal",
    "impact ended",
    "impact ends",
    "returned to normal",
    "to baseline",
    "at baseline",
    "baseline level",
    "is back to",
    "are back to",
    // "It is observed that the memory leak does not recur".
    "does not recur",
    "did not recur",
    "has not recurred",
    "no longer occurs",
    // "Two people confirm that their pods now build and launch fine".
    "launch fine",
    "work fine",
    "works fine",
    "working fine",
    "load fine",
    "loads fine",
    // "Confirmed the site is back", "the cache pods come back".
    "is back",
    "are back",
    "come back",
    "comes back",
    "came back",
    "falls below",
    "fell below",
    "drops below",
    "dropped below",
    "subside",
    "healthy again",
    // "LB detects new nodes as healthy, allowing traffic".
    "as healthy",
    // "Traffic resumed within minutes"; "VLAN states have re-established"; a backlog
    // "accepted into the database and cleared".
    "resumed",
    // "Deployments unblocked and verified".
    "unblocked",
    "re-established",
    "reestablished",
    "and cleared",
    "were cleared",
    "was cleared",
    "been cleared",
    "backlog cleared",
    "queue cleared",
    "running again",
    // "Most builds run again".
    "run again",
    "working again",
    "works again",
    "back up",
    "is up again",
    "confirmed to be up",
    "steadied",
    "starts draining",
    "drained",
    "back to zero",
    "succeeds",
    // "testing... site loads with valid cert".
    "site loads",
    "page loads",
    "loads with",
    "loads fine",
    "loads normally",
    "mitigated",
    "outage ends",
    "succeeded",
    "back above",
    "stops and",
    "normalized",
    "normalised",
    "system stability",
    "is stable",
    "are stable",
    "remained stable",
    "stable again",
    // An error budget that "stopped burning".
    "stopped burning",
    "stops burning",
    // "All monitoring systems showing normal operation"; "the system was running
    // perfectly".
    "normal operation",
    "successful restoration",
    // "Services confirmed operational".
    "confirmed operational",
    "are operational",
    "is operational",
    "fully operational",
    "systems operational",
    "service operational",
    "services operational",
    "back online",
    // "The application was brought back at ~21:30 UTC".
    "brought back",
    "running perfectly",
    "working perfectly",
];

/// Whether a line says the service recovered.
pub(super) fn says_recovered(text: &str) -> bool {
    // (In the languages the importer reads: "servicio en vivo y verificado".)
    let t = super::foreign_words::in_english(&text.to_lowercase()).into_owned();
    // "Error rate dropped to 3% but the issue persisted" did not recover.
    if says_failed(&t) {
        return false;
    }
    // "Memory limit restored": a setting put back is a fix made, not the service back.
    static SETTING_RESTORED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:config\w*|setting|flag|value|limit|timeout|threshold|password|certificate|version|replica count|pool size)s? (?:was |were |is |are |has been |have been )?(?:restored|reverted)\b")
            .expect("static regex")
    });
    if SETTING_RESTORED.is_match(&t) {
        return false;
    }
    // "Database connections dropped to 20/100": a signal that got better.
    // ("executed the following recovery procedures" names a plan, not the outcome.)
    let t = RECOVERY_PLAN.replace_all(&t, "");
    // "All SSL handshakes successful": the signal back ("Successful rollback" is a step done,
    // not the service back).
    static SUCCESSFUL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:handshakes?|requests?|checks?|logins?|payments?|connections?|transactions?|builds?|jobs?|calls?|queries|lookups?|probes?)\s+(?:are\s+|were\s+|now\s+)?successful\b")
            .expect("static regex")
    });
    // "All five consumers 1/1 Running": every replica of the pods up again.
    static ALL_READY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(?:1/1|2/2|3/3|4/4) (?:running|ready)\b|\b(?:running|ready) (?:1/1|2/2|3/3|4/4)\b",
        )
        .expect("static regex")
    });
    // "All restores complete", "Half of the restore has been completed": the data put back.
    static RESTORED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\brestor(?:e|es|ation)\b[^.;]{0,20}\bcomplet").expect("static regex")
    });
    // "Metrics showed that there were no longer any active networking problems".
    static NO_LONGER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bno longer (?:any |seeing |experiencing |had |has |have )?(?:active |open |ongoing )?(?:[\w-]+ )?(?:problems?|issues?|errors?|failures?|impact|packet loss)\b")
            .expect("static regex")
    });
    // "... can successfully retrieve an SSL certificate enabling students to connect", "prod
    // hub is up and DNS is updated" (not "latency is up 20%").
    static USERS_BACK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:enabling|allowing|letting) (?:users|students|customers|clients|people|everyone) to (?:connect|log ?in|sign in|access|use)\b|\b(?:is|are|was|were) (?:back )?up(?:\s*[.,;]|\s+and\b|\s*$)")
            .expect("static regex")
    });
    // "Old ReplicaSet healthy, readiness probes pass": the pods serving again.
    static HEALTHY: LazyLock<Regex> = LazyLock::new(|| {
        // ("New instances launched successfully and passed health checks".)
        Regex::new(r"\b(?:checks?|probes?)\s+(?:now\s+|all\s+)?pass(?:es|ed|ing)?\b|\bpass(?:ed|es)\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:health[- ]?|readiness\s+|liveness\s+)checks?\b|\bhealthy\s*(?:[.,;:]|$|\band\b)")
            .expect("static regex")
    });
    static STILL_HEALTHY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:not|never|no longer|remain\w*|stay\w*|still|appear\w*|seem\w*|look\w*)\s+healthy\b")
            .expect("static regex")
    });
    // ("Dashboard showing 1 healthy and 1 unhealthy instance" is not all back.)
    let healthy = HEALTHY.is_match(&t) && !STILL_HEALTHY.is_match(&t) && !t.contains("unhealthy");
    healthy
        || super::signal_trend::trend(&t) == Some(Trend::Better)
        || NO_LONGER.is_match(&t)
        || USERS_BACK.is_match(&t)
        || RECOVERED.iter().any(|w| t.contains(w))
        || SUCCESSFUL.is_match(&t)
        || RESTORED.is_match(&t)
        || ALL_READY.is_match(&t)
        || NONE_LEFT.is_match(&t)
}

/// "node Ready", "pods Running on kubelet's next mount retry", "0 degraded volumes", "543 MB,
/// 0 restarts", "All projects available": what was broken is back, or nothing is broken any
/// more.
static NONE_LEFT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:nodes?|pods?)\s+(?:are\s+|is\s+|back\s+)?(?:ready|running)\b|\ball (?:[\w-]+ )?(?:projects|services|systems|sites|customers|users|databases|endpoints|regions|nodes|pods|instances|hosts|shards|tenants|accounts|repositories|queues) (?:are |were )?(?:now |again )?(?:available|reachable|online|healthy|serving)\b|\b(?:0|zero)\s+(?:degraded|failed|failing|unhealthy|errored|stuck)\s+(?:volumes?|pods?|nodes?|replicas?|jobs?|requests?)\b|\b(?:0|zero)\s+restarts\b")
        .expect("static regex")
});

/// "The service is operating normally, but large chunks of recent data are missing": back, with
/// harm still to undo.
pub(super) fn partial_return(text: &str) -> bool {
    static PARTIAL: LazyLock<Regex> = LazyLock::new(|| {
        // ("csi-plugin recycle ... fixes authentik-pg only": one part back.)
        Regex::new(r"(?i)\bbut\b[^.;]{0,60}\b(?:missing|lost|not yet|still (?:missing|behind|delayed|degraded)|remain\w* (?:missing|behind|delayed|degraded|unavailable))\b|\b(?:fix(?:es|ed)?|resolv(?:es|ed)|restor(?:es|ed))\b[^.;]{1,40}\bonly\s*(?:[.;,]|$)|\bwhile\b[^.;]{0,60}\bremains? (?:shut down|down|dead|broken|unavailable|unreadable|read-only)\b")
            .expect("static regex")
    });
    PARTIAL.is_match(text)
}

static RECOVERY_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\brecovery (?:procedures?|plan|steps|actions|runbook|process)\b")
        .expect("static regex")
});

static FAILED_RE: LazyLock<Regex> = LazyLock::new(|| {
    // ("Multiple restarts of build do not seem to fix the problem".)
    Regex::new(r"(?i)(?:does|do|did) not (?:seem|appear) to (?:fix|help|mitigate|work|resolve)|(?:doesn't|don't|didn't) (?:seem|appear) to (?:fix|help|mitigate|work|resolve)|did not help|didn't help|never recover\w*|\bthen (?:oom-?kill\w*|crash\w*)|\b(?:oom-?kill\w*|crash\w*) again\b|(?:did|does) not recover|(?:didn't|doesn't) recover|does not help|doesn't help|did nothing|no effect|no difference|(?:did not|didn't|does not|doesn't) make (?:a|any) difference|changes nothing|changed nothing|not improved|did not improve|keeps (?:growing|rising|climbing|failing)|stays at|stayed at|continues? to (?:grow|rise|fail)|continues? at the same|errors continue|\b(?:[45]\d\ds|failures|timeouts) (?:continue|persist)\b|did not resolve|didn't resolve|without effect|unsuccessful|did not work|didn't work|helps? at first|still does not|still did not|still fail|(?:issue|problem|errors?) persist|helped briefly|temporary improvement|\befforts? failed\b|\bfailed to have the desired\b|\bsame (?:error|errors|problem|issue|failure|symptoms?)\b[^.;]{0,20}\b(?:still|again|persists?|remains?|recurs?|returns?|reappears?)\b|\b(?:errors?|problem|issue)s? still (?:occurs?|appears?|happens?|shows? up)\b|but .{0,30} again|with no improvement|without improvement|no improvement|\b(?:restart|rollback|roll back|failover|fix|attempt|patch|reboot|clear|cleanup|clean-up|purge|drain|flush|retry|workaround|promotion|resize|scale-up|scaling|rollover)\b[^;]{0,40}\bfail(?:ed|s)\b|\bfailed (?:attempt|rollback|roll-back|restart|fix|restore|failover|retry|patch)|\bmanual [\w-]+(?: [\w-]+)?(?: \([^)]*\))? (?:attempt )?(?:fails|failed)\b|\bbut [^.;]{0,30}\bstill (?:experienc\w*|fail\w*|down|broken|erroring|unavailable|affected|seeing|returning)|\b(?:restart|attempt|retry|redeploy)\w*\b[^;.]{0,20}\bcrash\w*|\b(?:rollback|roll back|restart|fix|failover|attempt)\b[^;]{0,40}\b(?:was |is |being |got )?blocked\b").expect("static regex")
});

static WORSE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)made (?:it|things|the problem) worse|worsened|exacerbat|rise again|errors return",
    )
    .expect("static regex")
});
