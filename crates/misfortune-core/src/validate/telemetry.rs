//! Metrics and their shapes, dashboards, log streams, alerts and the impact.

use super::{IdKind, Validator};
use crate::diagnostic::said;
use crate::model::Shape;
use crate::spans::Path;
use crate::time::SimTime;

impl Validator<'_, '_, '_> {
    pub(super) fn shape(&mut self, shape: &Shape, path: &Path) {
        let bad_duration = match shape {
            Shape::Ramp { over, .. } | Shape::Saturate { over, .. } | Shape::Recover { over } => {
                (*over == SimTime::ZERO).then_some("over")
            }
            Shape::Spike { decay, .. } => (*decay == SimTime::ZERO).then_some("decay"),
            _ => None,
        };
        if let Some(field) = bad_duration {
            self.rep.error(
                "out-of-range",
                &path.f(field),
                format!("`{field}` must be longer than 0"),
                said().expected("a duration such as \"2m\""),
            );
        }
        let numbers: Vec<(&'static str, f64)> = match shape {
            Shape::Step { to } | Shape::Ramp { to, .. } => vec![("to", *to)],
            Shape::Spike { peak, .. } => vec![("peak", *peak)],
            Shape::Saturate { ceiling, .. } => vec![("ceiling", *ceiling)],
            Shape::Noise { amplitude } => vec![("amplitude", *amplitude)],
            _ => vec![],
        };
        for (field, x) in numbers {
            if !x.is_finite() || (field == "amplitude" && x < 0.0) {
                self.rep.error(
                    "out-of-range",
                    &path.f(field),
                    format!("`{field}` is {x}"),
                    said().expected("a finite number (not negative for an amplitude)"),
                );
            }
        }
    }

    pub(super) fn telemetry(&mut self, root: &Path) {
        self.metrics(root);
        self.dashboards(root);
        self.logs(root);
        let sc = self.sc;
        for (i, c) in sc.changes.iter().enumerate() {
            let p = root.f("changes").i(i);
            self.reference(IdKind::Service, &c.service, &p.f("service"));
            if let Some(t) = c.at {
                self.within_end(t, &p.f("at"));
            }
        }
        for (i, a) in sc.alerts.iter().enumerate() {
            let p = root.f("alerts").i(i);
            self.reference(IdKind::Service, &a.service, &p.f("service"));
            if let Some(m) = &a.metric {
                self.reference(IdKind::Metric, m, &p.f("metric"));
            }
            if a.metric.is_some() != a.threshold.is_some() {
                self.rep.warn(
                    "half-threshold",
                    &p,
                    format!("alert `{}` has a metric or a threshold, not both", a.id),
                    said().expected("both `metric` and `threshold`, or neither"),
                );
            }
        }
        let imp = &sc.impact;
        self.within_end(imp.starts, &root.f("impact").f("starts"));
        if imp.affected == 0 {
            self.rep.warn(
                "no-impact",
                &root.f("impact").f("affected"),
                "the incident affects nobody, so acting late costs nothing",
                said().expected("how many users are hurt at full impact"),
            );
        }
    }

    fn metrics(&mut self, root: &Path) {
        let sc = self.sc;
        for (i, m) in sc.metrics.iter().enumerate() {
            let p = root.f("metrics").i(i);
            self.reference(IdKind::Service, &m.service, &p.f("service"));
            if !m.baseline.is_finite() {
                self.rep.error(
                    "out-of-range",
                    &p.f("baseline"),
                    "the baseline is not a finite number",
                    said(),
                );
            }
            if !(m.noise.is_finite() && m.noise >= 0.0) {
                self.rep.error(
                    "out-of-range",
                    &p.f("noise"),
                    "noise must be a finite number, 0 or above",
                    said().found(m.noise.to_string()),
                );
            }
            if let (Some(lo), Some(hi)) = (m.min, m.max)
                && lo >= hi
            {
                self.rep.error(
                    "out-of-range",
                    &p.f("max"),
                    format!("max ({hi}) is not above min ({lo})"),
                    said().expected(format!("a number above {lo}")),
                );
            }
            let mut last = SimTime::ZERO;
            for (j, ch) in m.shape.iter().enumerate() {
                let q = p.f("shape").i(j);
                if ch.at < last {
                    self.rep.error(
                        "out-of-order",
                        &q.f("at"),
                        format!(
                            "shape change at {} comes before the previous one ({last})",
                            ch.at
                        ),
                        said().expected("shape changes in time order"),
                    );
                }
                last = last.max(ch.at);
                self.within_end(ch.at, &q.f("at"));
                self.shape(&ch.change, &q.f("change"));
            }
        }
    }

    fn dashboards(&mut self, root: &Path) {
        let sc = self.sc;
        for (i, d) in sc.dashboards.iter().enumerate() {
            let p = root.f("dashboards").i(i);
            if d.metrics.is_empty() {
                self.rep.warn(
                    "empty-dashboard",
                    &p.f("metrics"),
                    format!("dashboard `{}` shows no metrics", d.id),
                    said().expected("metric ids"),
                );
            }
            for (j, m) in d.metrics.iter().enumerate() {
                self.reference(IdKind::Metric, m, &p.f("metrics").i(j));
            }
        }
    }

    fn logs(&mut self, root: &Path) {
        let sc = self.sc;
        for (i, l) in sc.logs.iter().enumerate() {
            let p = root.f("logs").i(i);
            self.reference(IdKind::Service, &l.service, &p.f("service"));
            let mut last = SimTime::ZERO;
            for (j, line) in l.lines.iter().enumerate() {
                let q = p.f("lines").i(j);
                if line.at < last {
                    self.rep.error(
                        "out-of-order",
                        &q.f("at"),
                        format!(
                            "log line at {} comes before the previous one ({last})",
                            line.at
                        ),
                        said().expected("log lines in time order"),
                    );
                }
                last = last.max(line.at);
                self.within_end(line.at, &q.f("at"));
                if let Some(every) = line.every
                    && every < SimTime::from_secs(1)
                {
                    self.rep.error(
                        "out-of-range",
                        &q.f("every"),
                        format!("a line repeated every {every} floods the log"),
                        said().expected("an interval of 1s or more"),
                    );
                }
                if let Some(until) = line.until {
                    if line.every.is_none() {
                        self.rep.warn(
                            "unused-field",
                            &q.f("until"),
                            "`until` has no effect without `every`",
                            said(),
                        );
                    }
                    if until < line.at {
                        self.rep.error(
                            "out-of-order",
                            &q.f("until"),
                            format!(
                                "the repetition ends ({until}) before it starts ({})",
                                line.at
                            ),
                            said(),
                        );
                    }
                    self.within_end(until, &q.f("until"));
                }
            }
        }
    }
}
