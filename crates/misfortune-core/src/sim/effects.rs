//! What happens when injects fire and actions complete: alerts, metric changes, log lines,
//! messages, reveals, and the impact's rate.

use super::Session;
use super::state::{FeedKind, LogEntry, MessageItem, Pending};
use super::telemetry::insert_sorted;
use crate::model::*;

impl Session {
    pub(super) fn fire_inject(&mut self, i: usize, by_gm: bool) {
        if self.fired_set.contains(&i) {
            return;
        }
        let inj = self.sc.injects[i].clone();
        if let Trigger::IfNotMitigated { by } = inj.when
            && !by_gm
            && self.mitigated_at.is_some_and(|m| m <= by)
        {
            return;
        }
        // Conditional injects: the game master may still play one by hand.
        if !by_gm
            && (!inj.only_if.iter().all(|r| self.happened(r))
                || inj.unless.iter().any(|r| self.happened(r)))
        {
            return;
        }
        self.fired_set.insert(i);
        self.fired.push((self.now, inj.id.clone()));
        self.push_feed(
            FeedKind::Inject,
            format!(
                "inject `{}` fired{}",
                inj.id,
                if by_gm {
                    " (played by the game master)"
                } else {
                    ""
                }
            ),
            false,
        );
        for e in &inj.effects {
            self.apply(e);
        }
        let sc = self.sc.clone();
        for (j, other) in sc.injects.iter().enumerate() {
            if let Trigger::AfterInject { inject, delay } = &other.when
                && inject == &inj.id
                && !self.fired_set.contains(&j)
            {
                let at = self.now + *delay;
                self.schedule(at, Pending::Inject(j));
            }
        }
    }

    pub(super) fn complete_action(&mut self, k: usize) {
        self.taken[k].done = true;
        let id = self.taken[k].action.clone();
        let Some(action) = self.sc.action(&id).cloned() else {
            return;
        };
        self.push_feed(
            FeedKind::ActionDone,
            format!(
                "{}: {}",
                action.label,
                action.result.as_deref().unwrap_or("done.")
            ),
            true,
        );
        for r in &action.reveals {
            self.reveal(r.clone());
        }
        for e in &action.effects {
            self.apply(e);
        }
        if let Some(delay) = action.mitigates {
            let at = self.now + delay;
            if self.mitigated_at.is_none_or(|m| at < m) {
                self.mitigated_at = Some(at);
                self.push_feed(
                    FeedKind::Metric,
                    format!(
                        "`{}` will end the impact at {}",
                        action.id,
                        self.sc.stamp(at)
                    ),
                    false,
                );
            }
        }
        match &action.kind {
            ActionKind::Communicate(Communicate::Declare) if self.declared.is_none() => {
                self.declared = Some(self.now);
            }
            ActionKind::Communicate(Communicate::StatusUpdate) => {
                self.status_updates.push(self.now)
            }
            ActionKind::Escalate(p) => self.escalations.push((self.now, p.clone())),
            _ => {}
        }
        let sc = self.sc.clone();
        for (j, inj) in sc.injects.iter().enumerate() {
            if let Trigger::AfterAction { action: a, delay } = &inj.when
                && a == &id
                && !self.fired_set.contains(&j)
            {
                let at = self.now + *delay;
                self.schedule(at, Pending::Inject(j));
            }
        }
    }

    pub(super) fn reveal(&mut self, r: Reveal) {
        if self.revealed_set.insert(r.clone()) {
            self.revealed.push((self.now, r.clone()));
            let text = match &r {
                Reveal::Dashboard(id) => format!(
                    "Dashboard available: {}",
                    self.sc
                        .dashboard(id)
                        .map_or(id.as_str(), |d| d.title.as_str())
                ),
                Reveal::Metric(id) => format!(
                    "Metric available: {}",
                    self.sc.metric(id).map_or(id.as_str(), |m| m.name.as_str())
                ),
                Reveal::Logs(id) => format!(
                    "Logs available: {}",
                    self.sc
                        .log_stream(id)
                        .map_or(id.as_str(), |l| l.name.as_str())
                ),
                Reveal::Clue(id) => format!(
                    "Finding: {}",
                    self.sc.clue(id).map_or(id.as_str(), |c| c.text.as_str())
                ),
            };
            self.push_feed(FeedKind::Reveal, text, true);
        }
    }

    pub(super) fn apply(&mut self, e: &Effect) {
        let now = self.now;
        match e {
            Effect::FireAlert(id) => {
                if let Some(i) = self.sc.alerts.iter().position(|a| &a.id == id) {
                    let alert = self.sc.alerts[i].clone();
                    let st = &mut self.alerts[i];
                    st.firing = true;
                    st.since = Some(now);
                    st.acked = None;
                    st.fired_count += 1;
                    if alert.pages && self.first_page.is_none() {
                        self.first_page = Some(now);
                    }
                    let page = if alert.pages { "PAGE" } else { "ALERT" };
                    self.push_feed(
                        FeedKind::Alert,
                        format!(
                            "{page} [{:?}] {}: {}",
                            alert.severity, alert.name, alert.summary
                        ),
                        true,
                    );
                }
            }
            Effect::ResolveAlert(id) => {
                if let Some(i) = self.sc.alerts.iter().position(|a| &a.id == id)
                    && self.alerts[i].firing
                {
                    self.alerts[i].firing = false;
                    let name = self.sc.alerts[i].name.clone();
                    self.push_feed(FeedKind::AlertResolved, format!("Resolved: {name}"), true);
                }
            }
            Effect::Metric { metric, change } => {
                if let Some(i) = self.sc.metrics.iter().position(|m| &m.id == metric) {
                    match change {
                        Shape::Noise { amplitude } => {
                            insert_sorted(&mut self.noise_changes[i], (now, *amplitude))
                        }
                        _ => insert_sorted(&mut self.metric_changes[i], (now, change.clone())),
                    }
                    self.push_feed(
                        FeedKind::Metric,
                        format!("metric `{metric}` changes course"),
                        false,
                    );
                }
            }
            Effect::Log {
                stream,
                level,
                text,
            } => {
                self.extra_logs.push(LogEntry {
                    at: now,
                    stream: stream.clone(),
                    level: *level,
                    text: text.clone(),
                });
                self.push_feed(FeedKind::Log, format!("log line in `{stream}`"), false);
            }
            Effect::Message { from, text } => {
                self.messages.push(MessageItem {
                    at: now,
                    from: from.clone(),
                    text: text.clone(),
                });
                let name = self
                    .sc
                    .persona(from)
                    .map_or(from.as_str(), |p| p.name.as_str())
                    .to_string();
                self.push_feed(FeedKind::Message, format!("{name}: {text}"), true);
            }
            Effect::Reveal(r) => self.reveal(r.clone()),
            Effect::WorsenImpact(f) => {
                let cur = self.impact_factors.last().map_or(1.0, |x| x.1);
                self.impact_factors.push((now, cur * f));
                self.push_feed(FeedKind::Metric, format!("impact worsens x{f}"), false);
            }
        }
    }
}
