//! Starting shapes for common incidents (`misfortune new ID --template NAME`): each fills the
//! game's parts a scenario of that shape usually has (its alerts, metrics, the tempting wrong
//! moves and the fix) so the author starts from a playable outline and writes the story; what is
//! specific to one incident stays a `TODO`.

use super::Skeleton;
use super::game::{Found, Game, GenMetric};
use crate::time::SimTime;

/// Every template: its name and what it is for.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "bad-deploy",
        "a release breaks a service; the fix is a rollback",
    ),
    (
        "config-push",
        "a configuration push reaches every node at once",
    ),
    (
        "capacity",
        "load or a limit outgrows capacity; shed load, add capacity",
    ),
    (
        "dependency-outage",
        "a service you call (or a third party) fails",
    ),
    (
        "data-loss",
        "data is deleted or corrupted; restore from a backup",
    ),
    (
        "network",
        "routing, BGP or DNS sends traffic to the wrong place",
    ),
];

fn found(name: &str) -> Found {
    Found {
        name: name.into(),
        at: SimTime::ZERO,
        quote: format!("template: {name}"),
    }
}

fn metric(id: &str, name: &str, unit: &str, baseline: f64, peak: f64) -> GenMetric {
    GenMetric {
        id: id.into(),
        name: name.into(),
        unit: unit.into(),
        baseline,
        peak,
        quote: "template: set the levels your incident had".into(),
    }
}

/// One template's parts: tags, metrics, theories, failed fixes (harmful or not), the fix.
struct Shape {
    tags: &'static [&'static str],
    metrics: Vec<GenMetric>,
    alert: &'static str,
    theories: &'static [&'static str],
    failed: &'static [(&'static str, bool)],
    fix: &'static str,
    finding: &'static str,
}

fn shape(name: &str) -> Option<Shape> {
    change_shape(name).or_else(|| load_shape(name))
}

/// Incidents set off by a change: a release, a configuration push, a routing change.
fn change_shape(name: &str) -> Option<Shape> {
    let errors = || metric("errors", "Error rate", "%", 0.2, 40.0);
    let latency = || metric("latency", "Latency (p99)", "ms", 150.0, 2500.0);
    Some(match name {
        "bad-deploy" => Shape {
            tags: &[
                "latent-bug",
                "web-frontend",
                "change-correlation",
                "rollback",
            ],
            metrics: vec![errors(), latency()],
            alert: "Error rate above 5%",
            theories: &["a database slowdown", "a traffic surge"],
            failed: &[
                ("Restart the service", false),
                ("Scale out the service", false),
            ],
            fix: "Roll back the release",
            finding: "The errors start minutes after the release reached every host",
        },
        "config-push" => Shape {
            tags: &["bad-config-push", "edge", "change-correlation", "rollback"],
            metrics: vec![errors(), metric("cpu", "CPU", "%", 35.0, 100.0)],
            alert: "Errors above 5% on every node",
            theories: &["an attack", "a hardware fault"],
            failed: &[
                ("Restart every node", true),
                ("Fail over to another region", false),
            ],
            fix: "Revert the configuration push",
            finding: "Every node fails from the minute the push reached it",
        },
        "network" => Shape {
            tags: &["misconfiguration", "network", "dns", "change-correlation"],
            metrics: vec![
                metric("traffic", "Traffic served", "% of normal", 100.0, 50.0),
                errors(),
            ],
            alert: "Traffic far below normal",
            theories: &["an attack", "a failed link"],
            failed: &[
                ("Restart the routers", true),
                ("Drain the busiest sites", false),
            ],
            fix: "Revert the routing change",
            finding: "Routes changed in the minute a router's configuration was committed",
        },
        _ => return None,
    })
}

/// Incidents of load, dependencies and data.
fn load_shape(name: &str) -> Option<Shape> {
    let errors = || metric("errors", "Error rate", "%", 0.2, 40.0);
    let latency = || metric("latency", "Latency (p99)", "ms", 150.0, 2500.0);
    Some(match name {
        "capacity" => Shape {
            tags: &["capacity-limit", "database", "capacity", "load-shedding"],
            metrics: vec![
                latency(),
                errors(),
                metric("load", "Database load", "% of capacity", 55.0, 100.0),
            ],
            alert: "Latency above 1 s",
            theories: &["a slow query from the last release", "a noisy neighbour"],
            failed: &[
                ("Raise every timeout", true),
                ("Restart the database", true),
            ],
            fix: "Throttle the heaviest callers and add capacity",
            finding: "Load crossed the database's capacity as traffic peaked",
        },
        "dependency-outage" => Shape {
            tags: &[
                "dependency-outage",
                "payments",
                "dependency-mapping",
                "comms",
            ],
            metrics: vec![
                errors(),
                metric(
                    "dep_errors",
                    "Calls to the dependency failing",
                    "%",
                    0.1,
                    95.0,
                ),
            ],
            alert: "Checkout errors above 5%",
            theories: &["our last deploy", "our own database"],
            failed: &[
                ("Roll back our last release", false),
                ("Retry every call harder", true),
            ],
            fix: "Fail over to the backup provider",
            finding: "Every failing call is to the one dependency, whose status page is red",
        },
        "data-loss" => Shape {
            tags: &[
                "data-loss",
                "database",
                "restore-from-backup",
                "recovery-planning",
            ],
            metrics: vec![
                errors(),
                metric("db_size", "Database size", "GB", 300.0, 5.0),
            ],
            alert: "Site unavailable",
            theories: &["a disk failure", "a bad schema migration"],
            failed: &[
                ("Restart the database", false),
                ("Restore the oldest backup", true),
            ],
            fix: "Restore from the newest backup that works",
            finding: "The data directory was emptied; the newest usable copy is a snapshot",
        },
        _ => return None,
    })
}

/// A skeleton of the template's shape, or `None` for an unknown template.
pub fn template(id: &str, name: &str) -> Option<Skeleton> {
    let s = shape(name)?;
    let game = Game {
        alerts: vec![found(s.alert)],
        metrics: s.metrics,
        symptoms: Vec::new(),
        quoted_logs: Vec::new(),
        theories: s.theories.iter().map(|t| found(t)).collect(),
        failed_fixes: s.failed.iter().map(|(f, h)| (found(f), *h)).collect(),
        fix: Some(found(s.fix)),
        fix_takes: Some(SimTime::from_mins(2)),
        finding: Some(found(s.finding)),
        // A template names its own wrong paths.
        suspects: Vec::new(),
        assumed_harm: false,
    };
    Some(Skeleton {
        id: id.to_string(),
        tags: s.tags.iter().map(|t| t.to_string()).collect(),
        starts_at: Some("10:00".into()),
        game,
        gm_notes: vec![format!(
            "Made from the `{name}` template: replace the generic alerts, metrics and moves with your incident's own."
        )],
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_renders_a_skeleton_that_validates_once_written() {
        for (name, _) in TEMPLATES {
            let sk = template("t", name).unwrap();
            let ron = sk.render();
            let filled = crate::author::fill_todos(&ron);
            let f = crate::load_str("t.ron", &filled);
            assert_eq!(f.errors(), 0, "{name}: {:#?}", f.diagnostics);
            let sc = f.scenario.unwrap();
            assert!(sc.alerts.len() + sc.metrics.len() >= 3, "{name}");
            assert!(
                sc.actions
                    .iter()
                    .filter(|a| a.red_herring || a.harmful)
                    .count()
                    >= 3,
                "{name}"
            );
        }
        assert!(template("t", "nonsense").is_none());
    }
}
