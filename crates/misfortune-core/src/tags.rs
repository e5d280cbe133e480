//! The tag vocabulary. Tags say what a scenario trains, for the wheel's filter and for a
//! trainee's progress, and they are sorted into kinds because some of them spoil the game: a
//! failure-class tag ("regex", "expiry") names the answer, so the trainee's screens show only the
//! systems and skills before the debrief; the game master's window and the debrief show all.

/// What a tag says about a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagKind {
    /// What broke: hidden from the trainee until the debrief.
    FailureClass,
    /// The systems involved, as the page would name them.
    System,
    /// What the scenario trains.
    Skill,
    /// Where the scenario comes from ("original", "long").
    About,
}

impl TagKind {
    pub fn name(self) -> &'static str {
        match self {
            FailureClass => "failure class",
            System => "system",
            Skill => "skill",
            About => "about",
        }
    }

    /// Whether the trainee may see tags of this kind before the debrief.
    pub fn spoiler_free(self) -> bool {
        !matches!(self, FailureClass)
    }
}

use TagKind::{About, FailureClass, Skill, System};

/// Every known tag. Documented in docs/scenario-format.md ("Tags").
pub const VOCABULARY: &[(&str, TagKind)] = &[
    // Failure classes.
    ("bad-config-push", FailureClass),
    ("bad-content-update", FailureClass),
    ("capacity-limit", FailureClass),
    ("cascading-failure", FailureClass),
    ("certificate-expiry", FailureClass),
    ("clock-skew", FailureClass),
    ("data-loss", FailureClass),
    ("dependency-outage", FailureClass),
    ("flag-change", FailureClass),
    ("human-error", FailureClass),
    ("latent-bug", FailureClass),
    ("misconfiguration", FailureClass),
    ("network-partition", FailureClass),
    ("node-eviction", FailureClass),
    ("poison-message", FailureClass),
    ("resource-exhaustion", FailureClass),
    ("retry-storm", FailureClass),
    ("route-leak", FailureClass),
    ("stale-connections", FailureClass),
    // Systems.
    ("auth", System),
    ("backbone", System),
    ("bgp", System),
    ("cache", System),
    ("cdn", System),
    ("database", System),
    ("disk", System),
    ("dns", System),
    ("edge", System),
    ("endpoint", System),
    ("kubernetes", System),
    ("logging", System),
    ("mysql", System),
    ("network", System),
    ("object-storage", System),
    ("payments", System),
    ("postgresql", System),
    ("queue", System),
    ("service-discovery", System),
    ("streaming", System),
    ("tls", System),
    ("waf", System),
    ("web-frontend", System),
    ("windows", System),
    // Skills.
    ("capacity", Skill),
    ("change-correlation", Skill),
    ("comms", Skill),
    ("data-integrity", Skill),
    ("dependency-mapping", Skill),
    ("escalation", Skill),
    ("load-shedding", Skill),
    ("log-reading", Skill),
    ("recovery-planning", Skill),
    ("restore-from-backup", Skill),
    ("rollback", Skill),
    // About the scenario.
    ("long", About),
    ("original", About),
];

/// The kind of a tag, or `None` when it is not in the vocabulary.
pub fn kind(tag: &str) -> Option<TagKind> {
    VOCABULARY.iter().find(|(t, _)| *t == tag).map(|(_, k)| *k)
}

/// The tags a trainee may see before the debrief, in their order.
pub fn spoiler_free(tags: &[String]) -> Vec<String> {
    tags.iter()
        .filter(|t| kind(t).is_some_and(TagKind::spoiler_free))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_has_no_duplicates_and_failure_classes_are_hidden() {
        let mut seen = std::collections::HashSet::new();
        for (t, _) in VOCABULARY {
            assert!(seen.insert(*t), "{t} twice");
            assert!(t.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{t}");
        }
        let tags: Vec<String> = ["latent-bug", "cdn", "rollback", "nonsense"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(spoiler_free(&tags), vec!["cdn", "rollback"]);
        assert_eq!(kind("latent-bug"), Some(FailureClass));
        assert_eq!(kind("nonsense"), None);
    }
}
