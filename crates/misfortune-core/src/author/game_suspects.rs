//! The usual first suspects, for a document that names fewer than two wrong paths: a trainee
//! who is paged checks the traffic, the last deploy, the database, the network before they know
//! better, and a game with nothing tempting to rule out is a quiz. These are assumed, not read:
//! each suspect whose words the document's cause, trigger, summary or fix name is left out (it
//! may be the answer), and so is one a theory the team chased already covers. What each check
//! shows is a raw reading, never a verdict, for the author to match to their own systems.

use super::game::Found;

/// A common first suspect: what checking it looks like and what it shows when it is fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspect {
    /// A short id for the action and the candidate (`suspect-traffic`).
    pub id: &'static str,
    /// The action's label.
    pub check: &'static str,
    /// Ways a trainee would say it.
    pub phrases: &'static [&'static str],
    /// What the check shows: a reading, not a conclusion.
    pub result: &'static str,
    /// The wrong candidate it makes.
    pub candidate: &'static str,
    /// Words that say the document is about this (then it may be the cause).
    words: &'static [&'static str],
}

const SUSPECTS: &[Suspect] = &[
    Suspect {
        id: "traffic",
        check: "Check whether traffic rose above normal",
        phrases: &[
            "check the traffic",
            "look at the request rate",
            "is traffic up",
        ],
        result: "Requests per second, last hour: 1,020 · 990 · 1,050 · 1,010. Same hour last week: 1,000.",
        candidate: "A surge of traffic beyond what the service was sized for",
        words: &[
            "traffic",
            "load",
            "spike",
            "ddos",
            "attack",
            "capacity",
            "overload",
            "demand",
            "surge",
            "requests per",
        ],
    },
    Suspect {
        id: "deploy",
        check: "Check the recent deploys",
        phrases: &[
            "check the recent deploys",
            "what was deployed",
            "look at the deploy log",
        ],
        result: "Deploy log: last production deploy 3 days ago (v2.41.0); no rollouts since.",
        candidate: "A bad code release shipped earlier that day",
        words: &[
            "deploy",
            "release",
            "rollout",
            "rolled out",
            "version",
            "merge",
            "commit",
            "code change",
            "upgrade",
            "shipped",
        ],
    },
    Suspect {
        id: "database",
        check: "Check the database's health",
        phrases: &[
            "check the database",
            "look at the database metrics",
            "is the database ok",
        ],
        result: "Primary: CPU 22%, connections 41/200, replication lag 0.3 s, queries over 1 s in the last 15 min: 0.",
        candidate: "The database running out of capacity under the load",
        words: &[
            "database", "db", "postgres", "mysql", "sql", "query", "queries", "replica", "primary",
            "table", "index",
        ],
    },
    Suspect {
        id: "network",
        check: "Check for packet loss between the services",
        phrases: &[
            "check the network",
            "look for packet loss",
            "is the network dropping packets",
        ],
        result: "Packet loss between zones: 0.00%. TCP retransmits: 0.1% (last week: 0.1%).",
        candidate: "Packet loss on the network between the services",
        words: &[
            "network",
            "dns",
            "bgp",
            "packet",
            "route",
            "routing",
            "partition",
            "firewall",
            "link",
            "latency between",
        ],
    },
    Suspect {
        id: "upstream",
        check: "Check the upstream providers' status",
        phrases: &[
            "check the providers",
            "is a provider down",
            "look at the status pages",
        ],
        result: "Provider status pages: all operational. Outbound call errors: 0.2% (last week: 0.2%).",
        candidate: "An outage at an upstream provider the service depends on",
        words: &[
            "provider",
            "upstream",
            "third-party",
            "third party",
            "vendor",
            "aws",
            "gcp",
            "azure",
            "cloudflare",
            "dependency",
        ],
    },
    Suspect {
        id: "disk",
        check: "Check free disk space on the hosts",
        phrases: &["check the disks", "look at disk space", "is a disk full"],
        result: "Disk use by host: 41% · 38% · 44%. Inodes used: 12%.",
        candidate: "A disk that filled up on the service's hosts",
        words: &[
            "disk",
            "storage",
            "space",
            "volume",
            "full",
            "inode",
            "log growth",
        ],
    },
];

/// Up to `needed` suspects the document does not point at: `about` is what it says the incident
/// was (cause, trigger, summary, fix), `theories` what the team chased.
pub(super) fn suspects(about: &str, theories: &[Found], needed: usize) -> Vec<Suspect> {
    let about = about.to_lowercase();
    let chased = theories
        .iter()
        .map(|t| t.name.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    SUSPECTS
        .iter()
        .filter(|s| {
            !s.words
                .iter()
                .any(|w| names(&about, w) || names(&chased, w))
        })
        .take(needed)
        .copied()
        .collect()
}

/// Whether `text` names `word` where a word starts ("deploy" in "deployment"); a short word
/// must also end there, or take a plural ("load" is not in "loader", "disk" is in "disks").
fn names(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = &text[i + word.len()..];
        let starts = before.is_none_or(|c| !c.is_alphanumeric());
        let ends = after
            .strip_prefix('s')
            .unwrap_or(after)
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        starts && (word.len() >= 5 || ends)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SimTime;

    fn theory(name: &str) -> Found {
        Found {
            name: name.into(),
            at: SimTime::ZERO,
            quote: name.into(),
        }
    }

    #[test]
    fn a_suspect_the_document_points_at_is_left_out() {
        // A traffic incident fixed by a rollback: neither traffic nor deploys are safe red
        // herrings.
        let s = suspects(
            "A traffic spike after the v3 deploy overloaded the gateway; rolled back",
            &[],
            2,
        );
        let ids: Vec<&str> = s.iter().map(|s| s.id).collect();
        assert_eq!(ids, ["database", "network"]);
        // A theory the team chased already covers the network.
        let s = suspects("a certificate expired", &[theory("a network issue")], 3);
        let ids: Vec<&str> = s.iter().map(|s| s.id).collect();
        assert_eq!(ids, ["traffic", "deploy", "database"]);
        assert!(suspects("anything", &[], 0).is_empty());
    }

    #[test]
    fn what_a_check_shows_is_a_reading_not_a_verdict() {
        for s in SUSPECTS {
            let r = s.result.to_lowercase();
            for verdict in ["not the cause", "fine", "healthy", "ruled out", "normal"] {
                assert!(!r.contains(verdict), "{}: {}", s.id, s.result);
            }
            assert!(r.chars().any(|c| c.is_ascii_digit()), "{}", s.id);
        }
    }
}
