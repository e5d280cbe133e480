//! A line's words with the phrasings that mislead the word lists rewritten, before its kind is
//! read: "health checks pass" is a signal, an error's "not found" finds nothing, a failover
//! "failed away" on purpose, a logged check that failed is the harm.

use std::sync::LazyLock;

use regex::Regex;

use super::kind_phrases::the_company;

/// A line's words with the phrasings that mislead the word lists rewritten: "health checks
/// pass" is a signal, not someone checking; an error message's "not found" (a lookup that
/// "cannot find" a name) is not someone finding something; "rolled the change back" is a rollback; traffic that "escalates" rises.
pub(super) fn normalise(t: &str) -> String {
    let t = t.replace("health check", "health-check");
    static NOT_FOUND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:(?:was |were |is |are |could not be |cannot be |can't be )?not found|(?:cannot|can't|could not|couldn't|fails? to|failed to) find)\b")
            .expect("static regex")
    });
    static ROLLED_BACK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(roll(?:ed|s|ing)?) ((?:the|this|that|our|its|their) [\w-]+(?: [\w-]+){0,3}) back\b")
            .expect("static regex")
    });
    static RISES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b((?:traffic|load|errors?|latency|rates?|volume|usage|requests|attack|cpu|memory)\b[^.;,]{0,30}?)\bescalat\w*")
            .expect("static regex")
    });
    static ALERT_CLEARS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bresolved status for\b|\b(?:alert|alarm)s? (?:auto-?)?resolv\w*")
            .expect("static regex")
    });
    // Nodes that "never joined the cluster" brought nobody in.
    static JOINED_POOL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\bjoin(?:s|ed|ing)? (?:the )?(?:\w+ )?(?:cluster|pool|ring|quorum|mesh|swarm)\b",
        )
        .expect("static regex")
    });
    // "Validation failures fire every ~250ms", "fitness.persistence.validation_failed": the
    // check failing is the harm, not someone checking.
    static CHECK_FAILS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:validation|verification)[ _]((?:fail|error)\w*)").expect("static regex")
    });
    // "Repeated exit-137 OOM kills", "process killed by OOM killer": the kernel killing the
    // process is the harm, not a fix.
    static OOM_KILL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:(?:was |were )?killed by (?:the )?(?:oom|kernel)(?:[- ]?killer)?|oom[- ]?kill(?:s|ed|ing|er)?)\b")
            .expect("static regex")
    });
    // "They could communicate with our router": the link, not people told.
    static TALKS_TO_DEVICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bcommunicat\w* with (?:the |our |their |its )?(?:[\w-]+ )?(?:router|server|host|node|interface|switch|gateway|database|cluster|instance|endpoint|device)s?\b")
            .expect("static regex")
    });
    // "kiroku-api accumulates 234 restarts", "pods ... had been restarted ~13 times": a count
    // of crashes, not someone restarting it.
    static RESTART_COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b\d[\d,]* restarts\b|\b(?:had |has |have )?(?:been )?restarted (?:~|about |around |over |some )?\d[\d,]*\+? times\b")
            .expect("static regex")
    });
    let t = looking_misread(&t);
    let t = words_misread(&t);
    // "General cleanup because many pods are not identified by k8s": unknown to it, nobody
    // identified anything.
    let t = t.replace("not identified by", "unknown to");
    let t = RESTART_COUNT.replace_all(&t, "repeated crashes");
    let t = OOM_KILL.replace_all(&t, "oomkill");
    let t = CHECK_FAILS.replace_all(&t, "$1");
    let t = JOINED_POOL.replace_all(&t, "registered with the pool");
    let t = NOT_FOUND.replace_all(&t, "missing");
    let t = the_company(&t);
    // "The service was taken offline at 18:40 to clear it": switched off on purpose.
    let t = t
        .replace("taken offline", "disabled")
        .replace("taken down", "disabled");
    // "ISP communicated back that everything was ok from their end": what the team learnt.
    let t = t.replace("communicated back that", "confirmed that");
    // "Following exception shows up in hub logs": the error appearing, not someone looking.
    let t = t.replace("shows up in", "appears in");
    let t = TALKS_TO_DEVICE.replace_all(&t, "reach the device");
    // "Rollback takes priority over investigation": the rollback is what happened.
    let t = t.replace("priority over investigation", "priority");
    // "Azure portal failed away from Azure Front Door": moved on purpose, a failover.
    let t = t.replace("failed away", "failed over");
    let t = ALERT_CLEARS.replace_all(&t, "alert back to normal for");
    let t = ROLLED_BACK.replace_all(&t, "$1 back $2");
    RISES.replace_all(&t, "${1}rises").into_owned()
}

/// "We realize that many other services are down", "We discover that another node has entered
/// NodeLost state", "We later discovered, around 7:00am pst that the issue ... was affecting
/// access to customer profiles": more harm found, not a finding about the cause.
static HARM_FOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*we (?:then |later )?(?:reali[sz]e|realized|realised|discover|discovered|notice|noticed|see|saw)(?:,[^,.;]{0,30},?)? that ([^.;]{0,60}\b(?:(?:is|are) (?:both |all |also )?down|went down|(?:is|are) unavailable|(?:has|have) entered|(?:was|were|is|are) (?:affecting|impacting))\b)")
        .expect("static regex")
});

/// Whether a line is the team finding more harm (see `HARM_FOUND`).
pub(super) fn harm_found(t: &str) -> bool {
    HARM_FOUND.is_match(t)
}

/// Words that name something else than their usual kind in these lines: the network's
/// "communications", users who "see" errors, hardware "assigned to" a node, someone
/// brought in "to investigate", a process "woken up".
fn words_misread(t: &str) -> String {
    // "the equipment had been replaced and communications was restored", "communications
    // equipment": the network's links, not people told.
    static LINKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bcommunications (equipment|cabinets?|links?|lines?|circuits?|gear|(?:was|were|is|are|had been|has been|have been) (?:restored|cut|lost|down|back))\b")
            .expect("static regex")
    });
    let t = LINKS.replace_all(t, "connectivity $1");
    // "Pods begin failing readiness checks; Kubernetes restarts them. Restart loop begins.":
    // the platform restarting what fails is the harm going on, not a fix.
    static PLATFORM_RESTARTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:kubernetes|k8s|the kubelet|kubelet|systemd|docker|the orchestrator|the supervisor|the liveness probe|liveness probes?)\s+(?:keeps? |kept )?(?:restart(?:s|ed|ing)?|kill(?:s|ed|ing)?)\b|\brestart (?:loops?|storms?)\b")
            .expect("static regex")
    });
    let t = PLATFORM_RESTARTS.replace_all(&t, "crash loop");
    // "fork rate falls ~400→54/min and never recovers": no recovery at all.
    static NEVER_RECOVERS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:never|not|didn't|did not|doesn't|does not|won't|will not) (?:fully )?recover(?:s|ed)?\b")
            .expect("static regex")
    });
    let t = NEVER_RECOVERS.replace_all(&t, "stays degraded");
    // "blocked processes climb", "both reading the same pool": processes stuck and jobs
    // reading data, not a block put in place nor anyone reading.
    static BLOCKED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\bblocked (processes|procs|tasks|threads|requests|queries|writers?|readers?)\b",
        )
        .expect("static regex")
    });
    let t = BLOCKED.replace_all(&t, "$1 stuck in d-state");
    static READING_DATA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\breading (?:from )?(?:the |a |its |their )?(?:same )?(pool|disk|volume|table|bucket|data|files?|drive|array|store)\b")
            .expect("static regex")
    });
    let t = READING_DATA.replace_all(&t, "using the $1");
    // "requested the faulty switch be replaced", "asked for the port to be reset": a change
    // asked of others, not made.
    static ASKED_FOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:requested|asked)(?: that| for)? [^.;]{0,50}?\b(?:be|to be) \w+ed\b")
            .expect("static regex")
    });
    let t = ASKED_FOR.replace_all(&t, "asked for help");
    // "The delayed remediation feature queued the jobs": a feature's name, nobody's fix.
    static FEATURE_NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(?:delayed|automatic|auto|scheduled) remediation (feature|job|queue|system)\b",
        )
        .expect("static regex")
    });
    let t = FEATURE_NAMED.replace_all(&t, "background $1");
    // "User twitted a 500 server error page to the company": a user telling the company is a
    // report, not the company telling anyone.
    static USER_TOLD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(users?|customers?|clients?|someone)\s+(?:twitted|tweeted|tweets)\b|\b(users?|customers?|clients?|someone)\s+(?:posted|messaged|emailed|wrote)\b([^.;]{0,60}\bto (?:the company|us|our support|support|the team)\b)")
            .expect("static regex")
    });
    let t = USER_TOLD.replace_all(&t, "$1$2 reported$3");
    // "Customers begin seeing payment errors": what users see is the harm, not a look.
    static USERS_SEE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b((?:customers|users|clients|visitors|players)\s+(?:begin |began |start |started |are |were )?)(?:seeing|see|saw)\b")
            .expect("static regex")
    });
    let t = USERS_SEE.replace_all(&t, "${1}experiencing");
    // "These nodes had no \"Local SSD\" assigned to them": hardware, not a person given the
    // incident.
    static HARDWARE_ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\bassigned to (them|it|the (?:nodes?|vms?|pool|instances?|machines?|hosts?))\b",
        )
        .expect("static regex")
    });
    let t = HARDWARE_ASSIGNED.replace_all(&t, "attached to $1");
    // "Engaged the on-call engineer to investigate the issue": bringing someone in; what they
    // are brought in for is not the line's act.
    static BROUGHT_IN_TO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b((?:engag\w*|called in|brought in|pulled in|looped in)\b[^.;]{0,40}?) to (?:investigate|look into|debug|help|assist)\b")
            .expect("static regex")
    });
    let t = BROUGHT_IN_TO.replace_all(&t, "$1");
    // "Restarting the hub also woke up the culling process": a process started, nobody woken.
    static WOKE_PROCESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:woke|wakes|wake) up the ((?:[\w-]+ )?(?:process|job|culler|daemon|service|worker|loop|thread|scheduler)s?)\b")
            .expect("static regex")
    });
    let t = WOKE_PROCESS.replace_all(&t, "set off the $1");
    // "Users reported issue was relayed to the support channel": the report passed on.
    static RELAYED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:(?:users?|customers?|clients?)(?:'s|s')? )?(?:reported )?(?:issue|report|bug|ticket|problem|error|case)s? (?:was|were|is|are|got|has been|have been) (?:relayed|forwarded|passed on|handed over|handed off) to\b")
            .expect("static regex")
    });
    let t = RELAYED.replace_all(&t, "the issue was escalated to");
    // "The user reported bug was connected to the information relayed from discord": two
    // reports tied together, a finding.
    static TIED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:the )?(?:(?:users?|customers?)(?:'s)? )?(?:reported )?(?:issue|report|bug|ticket|problem|error|case)?\b[^.;]{0,60}?\b(?:was|were) (?:connected|linked|matched|tied) (?:to|with)\b")
            .expect("static regex")
    });
    TIED.replace_all(&t, "cross-referenced with").into_owned()
}

/// Words of looking and of signals that read like a page or a fix: a threshold crossed, a
/// diagnostic tool put in, a request that "landed", a value that "is correct".
fn looking_misread(t: &str) -> String {
    // "The aggregate p99 had crossed the alerting threshold": the signal, not yet a page.
    static THRESHOLD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(crossed|exceeded|breached|passed|hit|reached|went over|went above) (?:the |its |our |an? )?(?:alert|alerting|paging|page|alarm) (threshold|limit|level)s?\b")
            .expect("static regex")
    });
    let t = THRESHOLD.replace_all(t, "$1 the $2");
    // "The new container crashed on boot (see root cause 2)": a pointer to another section,
    // not someone finding the cause.
    static SEE_ALSO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\((?:see|cf\.?|refer to|per)\b[^)]*\)").expect("static regex")
    });
    let t = SEE_ALSO.replace_all(&t, "");
    // "The strace report indicated an unexpected error": a tool's output read.
    static INDICATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(report|output|trace|logs?|results?|dump|readout)\s+indicated\b")
            .expect("static regex")
    });
    let t = INDICATED.replace_all(&t, "$1 showed");
    // "`strace -r -f -p` command with the running process id was ran and a `curl` was used to
    // request the page": a command run to look, unless it says it was run to fix.
    static COMMAND_RUN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bcommand\b[^.;]{0,40}?\b(?:was |were )?(?:ran|run|executed|issued)\b")
            .expect("static regex")
    });
    static TO_FIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bto (?:fix|restart|restore|repair|resolve|correct|revert|remove|delete|deploy|apply|recover|clean|clear|kill|stop|disable|enable|roll)\b")
            .expect("static regex")
    });
    let t = match COMMAND_RUN.find(&t) {
        Some(m) if !TO_FIX.is_match(&t) => format!(
            "{}command run to investigate{}",
            &t[..m.start()],
            &t[m.end()..]
        ),
        _ => t.into_owned(),
    };
    // "Root cause identified - adapter service call was removed": what was found, told after
    // a dash as after a colon.
    static FOUND_DASH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^((?:root )?cause (?:identified|found|determined|confirmed|located|pinpointed))\s+[-–—]\s+")
            .expect("static regex")
    });
    let t = FOUND_DASH.replace(&t, "$1: ");
    // "Decision is made to migrate projects ...": a fix chosen, however "assigned to" reads.
    static DECISION_MADE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^((?:the |a )?decision) (?:is|was|has been) (?:made|taken) to ")
            .expect("static regex")
    });
    let t = DECISION_MADE.replace(&t, "$1: ");
    // A conventional commit's type says what the commit was ("fix(deploy): protect
    // /opt/scalping/data ...", "docs(spec): gate moved to S8").
    static COMMIT_TYPE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^`?(fix|hotfix|revert|docs)(?:\([^)]*\))?!?`?:\s").expect("static regex")
    });
    let t = COMMIT_TYPE.replace(&t, |c: &regex::Captures| {
        if &c[1] == "docs" {
            "announcement: "
        } else {
            "fix: "
        }
        .to_string()
    });
    // "99.5% of migrations are complete": the fix's progress.
    static WORK_DONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(migration|restore|rollback|failover|backfill|replay|reindex|rebuild|drain)(?:s|es|ing)? (?:are|is|were|was) (?:now )?complete(?:d)?\b")
            .expect("static regex")
    });
    let t = WORK_DONE.replace_all(&t, "$1 completed");
    // "Diagnostic framework deployed", "Debug logging enabled": a tool put in to look, not a
    // fix.
    static TO_LOOK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(diagnostics?|debug(?:ging)?|tracing|profil(?:ing|er)|instrumentation|verbose logging|extra logging)\b([^.;|]{0,30}?)\b(?:was |were )?(?:deployed|added|enabled|rolled out|installed|turned on)\b")
            .expect("static regex")
    });
    let t = TO_LOOK.replace_all(&t, "$1$2 set up to investigate");
    // "the write landed, the read is lying": a request that got through, not a fix landing.
    static REQUEST_LANDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(?:write|request|call|query|read|message|packet)s? (?:landed|went through)\b",
        )
        .expect("static regex")
    });
    let t = REQUEST_LANDED.replace_all(&t, "request reached");
    // "psql shows the row is correct at 60": a value that is right, nobody corrected it.
    static IS_CORRECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(is|are|was|were|looks?|seems?) (?:still |already )?correct\b")
            .expect("static regex")
    });
    let t = IS_CORRECT.replace_all(&t, "$1 accurate");
    // "Rollback considered and rejected: no recent release": an option weighed and dropped,
    // not a fix made.
    static REJECTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([^.;:]{1,40}?) (?:was |were |is |are )?(?:considered|evaluated|discussed|proposed|weighed)(?: and|,? but)? (?:rejected|ruled out|dismissed|discarded)\b")
            .expect("static regex")
    });
    let t = REJECTED.replace(&t, "ruled out the $1");
    t.into_owned()
}
