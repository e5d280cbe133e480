//! The pieces of the trainee's view, each built by copying only what the trainee was shown.

use super::*;

/// The candidates a guided trainee may choose from, once they wrote a hypothesis of their own,
/// shuffled from the session's seed.
pub(super) fn candidate_views(s: &Session) -> Vec<CandidateView> {
    let hypothesis = s
        .diagnoses()
        .iter()
        .any(|d| d.text.as_deref().is_some_and(|t| !t.trim().is_empty()));
    if s.play_mode() != PlayMode::Guided || !hypothesis {
        return Vec::new();
    }
    let mut out: Vec<CandidateView> = s
        .scenario()
        .root_cause
        .candidates
        .iter()
        .map(|c| CandidateView {
            id: c.id.clone(),
            text: c.text.clone(),
        })
        .collect();
    shuffle(&mut out, s.seed());
    out
}

/// A Fisher-Yates shuffle from a ChaCha generator seeded by the session: the same session shows
/// the same order every time, different sessions different orders.
fn shuffle<T>(items: &mut [T], seed: u64) {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x005e_edca_4d1d_a7e5_u64);
    for i in (1..items.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The change log up to `now`, oldest first.
pub(super) fn change_views(sc: &Scenario, now: SimTime) -> Vec<ChangeView> {
    let mut out: Vec<ChangeView> = sc
        .changes
        .iter()
        .filter(|c| c.at.is_none_or(|t| t <= now))
        .map(|c| {
            let offset_secs = match (c.before, c.at) {
                (Some(b), _) => -((b.ms() / 1000) as i64),
                (None, Some(t)) => (t.ms() / 1000) as i64,
                (None, None) => 0,
            };
            let when = match (
                c.before,
                sc.starts_at.as_deref().and_then(parse_time_of_day),
            ) {
                (Some(b), None) => format!("-{b}"),
                (Some(b), Some(start)) => {
                    let at = i64::from(start) - (b.ms() / 60_000) as i64;
                    let (day, mins) = (at.div_euclid(1440), at.rem_euclid(1440));
                    let hhmm = format!("{:02}:{:02}", mins / 60, mins % 60);
                    match day {
                        0 => hhmm,
                        -1 => format!("yesterday {hhmm}"),
                        d => format!("{} days ago {hhmm}", -d),
                    }
                }
                (None, _) => stamp(sc.starts_at.as_deref(), c.at.unwrap_or(SimTime::ZERO)),
            };
            ChangeView {
                offset_secs,
                when,
                service: c.service.clone(),
                text: c.text.clone(),
            }
        })
        .collect();
    out.sort_by_key(|c| c.offset_secs);
    out
}

/// The dashboards, metrics, logs and findings revealed so far, in the order they were.
pub(super) fn revealed(s: &Session) -> (Vec<DashboardView>, Vec<LogView>, Vec<FindingView>) {
    let sc = s.scenario();
    let now = s.now();
    let series = |metric: &str| {
        let i = sc.metrics.iter().position(|m| m.id == metric)?;
        let m = &sc.metrics[i];
        Some(SeriesView {
            metric: m.id.clone(),
            name: m.name.clone(),
            unit: m.unit.clone(),
            points: s.series(i, SimTime::ZERO, now, VIEW_POINTS),
            thresholds: sc
                .alerts
                .iter()
                .filter(|a| a.metric.as_deref() == Some(metric))
                .filter_map(|a| a.threshold.map(|t| (t, a.name.clone())))
                .collect(),
        })
    };
    let mut dashboards = Vec::new();
    let mut logs = Vec::new();
    let mut findings = Vec::new();
    for (at, r) in s.revealed() {
        match r {
            Reveal::Dashboard(id) => {
                if let Some(d) = sc.dashboard(id) {
                    dashboards.push(DashboardView {
                        id: d.id.clone(),
                        title: d.title.clone(),
                        series: d.metrics.iter().filter_map(|m| series(m)).collect(),
                    });
                }
            }
            Reveal::Metric(id) => {
                if let Some(sv) = series(id) {
                    dashboards.push(DashboardView {
                        id: format!("metric:{id}"),
                        title: sv.name.clone(),
                        series: vec![sv],
                    });
                }
            }
            Reveal::Logs(id) => {
                if let Some(l) = sc.log_stream(id) {
                    let (all, total) = s.log_tail(id, now, VIEW_LOG_LINES);
                    let earlier = total - all.len();
                    logs.push(LogView {
                        id: l.id.clone(),
                        name: l.name.clone(),
                        service: l.service.clone(),
                        earlier,
                        lines: all
                            .into_iter()
                            .map(|e| LogLineView {
                                at: e.at,
                                level: e.level,
                                text: e.text,
                            })
                            .collect(),
                    });
                }
            }
            Reveal::Clue(id) => {
                if let Some(c) = sc.clue(id) {
                    findings.push(FindingView {
                        at: *at,
                        text: c.text.clone(),
                    });
                }
            }
        }
    }
    (dashboards, logs, findings)
}

/// The alerts that have fired at least once.
pub(super) fn alert_views(s: &Session) -> Vec<AlertView> {
    let sc = s.scenario();
    sc.alerts
        .iter()
        .zip(s.alerts())
        .filter(|(_, st)| st.since.is_some())
        .map(|(a, st)| AlertView {
            id: a.id.clone(),
            name: a.name.clone(),
            severity: a.severity,
            service: a.service.clone(),
            summary: a.summary.clone(),
            firing: st.firing,
            since: st.since,
            acked: st.acked.is_some(),
            pages: a.pages,
        })
        .collect()
}

/// The services, each coloured by the worst alert firing on it.
pub(super) fn service_views(sc: &Scenario, alerts: &[AlertView]) -> Vec<ServiceView> {
    let health = |svc: &str| {
        let worst = alerts
            .iter()
            .filter(|a| a.firing && a.service == svc)
            .map(|a| a.severity)
            .max();
        match worst {
            Some(Severity::Critical) => Health::Down,
            Some(Severity::Warning) => Health::Degraded,
            _ => Health::Healthy,
        }
    };
    sc.services
        .iter()
        .map(|sv| ServiceView {
            id: sv.id.clone(),
            name: sv.name.clone(),
            description: sv.description.clone(),
            depends_on: sv.depends_on.clone(),
            owner: sv.owner.clone(),
            health: health(&sv.id),
        })
        .collect()
}

pub(super) fn message_views(s: &Session) -> Vec<MessageView> {
    let sc = s.scenario();
    let persona_name = |id: &str| {
        sc.persona(id)
            .map(|p| (p.name.clone(), p.role.clone()))
            .unwrap_or_else(|| (id.to_string(), String::new()))
    };
    s.messages()
        .iter()
        .map(|m| {
            let (from, role) = persona_name(&m.from);
            MessageView {
                at: m.at,
                from,
                role,
                text: m.text.clone(),
            }
        })
        .collect()
}

pub(super) fn taken_views(s: &Session) -> Vec<TakenView> {
    let sc = s.scenario();
    s.taken()
        .iter()
        .filter_map(|t| {
            let a = sc.action(&t.action)?;
            Some(TakenView {
                id: a.id.clone(),
                label: a.label.clone(),
                start: t.start,
                end: t.end,
                done: t.done,
                result: if t.done { a.result.clone() } else { None },
            })
        })
        .collect()
}
