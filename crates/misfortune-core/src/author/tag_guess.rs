//! Tags from the vocabulary that an imported document's words suggest; the author checks them.

use super::Skeleton;

/// Tags from the vocabulary that the document's words suggest: failure classes, systems and
/// skills (the author checks them; a skill is always given so the kinds are complete).
pub fn guess_tags(sk: &Skeleton) -> Vec<String> {
    let mut text = String::new();
    for t in [
        &sk.title,
        &sk.summary,
        &sk.impact,
        &sk.root_cause,
        &sk.trigger,
        &sk.resolution,
    ]
    .into_iter()
    .flatten()
    {
        text.push_str(&t.to_lowercase());
        text.push(' ');
    }
    for e in sk.timeline.iter().chain(&sk.before_start) {
        text.push_str(&e.2.to_lowercase());
        text.push(' ');
    }
    // A word counts where a word starts ("pod" in "pods", not in "ipod").
    let has = |ws: &[&str]| {
        ws.iter().any(|w| {
            text.match_indices(w).any(|(i, _)| {
                text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
        })
    };
    let mut tags: Vec<String> = RULES
        .iter()
        .filter(|(words, _)| has(words))
        .map(|(_, tag)| tag.to_string())
        .collect();
    tags.dedup();
    if !tags
        .iter()
        .any(|t| crate::tags::kind(t) == Some(crate::tags::TagKind::Skill))
    {
        tags.push("log-reading".into());
    }
    tags
}

/// Words that suggest each tag (matched where a word starts).
const RULES: &[(&[&str], &str)] = &[
    (
        &[
            "configuration push",
            "config push",
            "config change",
            "rule change",
            "configuration change",
        ],
        "bad-config-push",
    ),
    (&["content update", "channel file"], "bad-content-update"),
    (
        &["capacity", "thread limit", "maximum number of threads"],
        "capacity-limit",
    ),
    (&["cascad", "metastab"], "cascading-failure"),
    (&["certificate"], "certificate-expiry"),
    (&["clock", "ntp"], "clock-skew"),
    (&["deleted", "data loss", "wiped"], "data-loss"),
    (
        &["feature flag", "feature-flag", "flag file", "flag config"],
        "flag-change",
    ),
    (
        &[
            "mistyped",
            "typo",
            "by mistake",
            "human error",
            "wrong host",
        ],
        "human-error",
    ),
    (&["latent bug", "latent"], "latent-bug"),
    // ("A full root partition" is a disk's, not a network's.)
    (
        &[
            "network partition",
            "partitioned",
            "split brain",
            "split-brain",
        ],
        "network-partition",
    ),
    (&["route leak", "leaked", "bgp"], "route-leak"),
    (
        &[
            "disk full",
            "no space",
            "disk space",
            "full root partition",
            "out of memory",
            "thread",
        ],
        "resource-exhaustion",
    ),
    (&["retry", "retries"], "retry-storm"),
    (
        &[
            "stale connection",
            "old primary",
            "connection pool",
            "pooled connection",
        ],
        "stale-connections",
    ),
    (&["database", "mysql", "postgres"], "database"),
    (&["dns"], "dns"),
    (&["cdn", "edge"], "cdn"),
    (&["kubernetes", "pod", "node pool"], "kubernetes"),
    (&["queue", "kafka", "topic"], "queue"),
    (&["cache", "memcached", "redis"], "cache"),
    (&["network", "link", "router"], "network"),
    (&["object storage", "s3", "bucket"], "object-storage"),
    (&["stream"], "streaming"),
    (&["waf", "firewall"], "waf"),
    (&["windows"], "windows"),
    (
        &[
            "payment",
            "checkout",
            "billing",
            "invoice",
            "card authoris",
            "card authoriz",
            "gift card",
            "basket",
        ],
        "payments",
    ),
    (
        &[
            "sign-in",
            "login",
            "token",
            "authentication",
            "auth ",
            "oauth",
        ],
        "auth",
    ),
    (
        &["deploy", "change", "push", "release"],
        "change-correlation",
    ),
    (
        &[
            // (Not "the backup contact got paged".)
            "from backup",
            "from a backup",
            "backups",
            "snapshot",
            "restore from",
            "restored from",
            "restoring from",
        ],
        "restore-from-backup",
    ),
    (
        &["roll back", "rolled back", "rollback", "revert"],
        "rollback",
    ),
    (&["status page", "status post", "status dashboard"], "comms"),
    (&["capacity"], "capacity"),
];
