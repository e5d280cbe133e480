//! What the trainee reads off the systems: the open dashboards as monitoring charts, and the
//! open logs.

use bevy_egui::egui;
use misfortune_core::SimTime;
use misfortune_core::view::{SeriesView, TraineeView};

use super::TraineeForm;
use crate::gui::palette::Role;

/// The open dashboards. Charts outside the visible part of the scroll area are not drawn, only
/// sized.
pub(super) fn dashboards(ui: &mut egui::Ui, v: &TraineeView, viewport: egui::Rect) {
    const CHART: f32 = 110.0;
    if v.dashboards.is_empty() {
        ui.weak("No dashboard open yet: investigate to open one.");
    }
    let origin = ui.min_rect().top();
    for d in &v.dashboards {
        ui.heading(&d.title);
        for s in &d.series {
            let last = s.points.last().map_or(0.0, |p| p.1);
            ui.label(format!("{}: {:.2} {}", s.name, last, s.unit));
            let y = ui.cursor().top() - origin;
            if y + CHART < viewport.min.y || y > viewport.max.y {
                ui.add_space(CHART + ui.spacing().item_spacing.y);
                continue;
            }
            chart(ui, v, &d.id, s, CHART);
        }
    }
}

/// The open logs, filtered, with only the visible rows laid out.
pub(super) fn logs(ui: &mut egui::Ui, v: &TraineeView, form: &mut TraineeForm) {
    for l in &v.logs {
        ui.heading(format!("Log: {}", l.name));
        ui.add(egui::TextEdit::singleline(&mut form.log_filter).hint_text("filter lines"));
        let f = form.log_filter.to_lowercase();
        let lines: Vec<_> = l
            .lines
            .iter()
            .filter(|x| f.is_empty() || x.text.to_lowercase().contains(&f))
            .collect();
        let row = ui.text_style_height(&egui::TextStyle::Monospace);
        egui::ScrollArea::vertical()
            .id_salt(format!("log-{}", l.id))
            .max_height(160.0)
            .stick_to_bottom(true)
            .show_rows(ui, row, lines.len(), |ui, range| {
                for line in &lines[range] {
                    ui.monospace(format!(
                        "{} {:?} {}",
                        v.stamp(line.at),
                        line.level,
                        line.text
                    ));
                }
            });
    }
}

/// How much time a chart shows: a fixed window that scrolls with the clock, as a monitoring
/// dashboard does, so the axis never rescales under the reader.
const WINDOW_MINS: f64 = 30.0;

/// One metric as a monitoring user expects it: the last half hour, the time of day on the x
/// axis, the unit on the y axis, the value under the pointer, the alerts' thresholds, and the
/// changes from the change log as marked lines.
fn chart(ui: &mut egui::Ui, v: &TraineeView, dashboard: &str, s: &SeriesView, height: f32) {
    let now = v.now.as_mins_f64();
    let from = now - WINDOW_MINS;
    let pts: Vec<[f64; 2]> = s
        .points
        .iter()
        .map(|(t, y)| [t.as_mins_f64(), *y])
        .filter(|p| p[0] >= from)
        .collect();
    let at = |mins: f64| {
        if mins < 0.0 {
            format!("-{:.0}m", -mins)
        } else {
            v.short_stamp(SimTime::from_ms((mins * 60_000.0) as u64))
        }
    };
    let unit = s.unit.clone();
    let name = s.name.clone();
    let mark = Role::Info.in_ui(ui);
    let alarm = Role::Error.in_ui(ui);
    let top = s.thresholds.iter().map(|t| t.0).fold(0.0, f64::max);
    let changes: Vec<(f64, String)> = v
        .changes
        .iter()
        .map(|c| {
            (
                c.offset_secs as f64 / 60.0,
                format!("{}: {}", c.service, c.text),
            )
        })
        .filter(|(m, _)| *m >= from && *m <= now)
        .collect();
    egui_plot::Plot::new(format!("{dashboard}-{}", s.metric))
        .height(height)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .include_y(0.0)
        .include_y(top)
        .default_x_bounds(from, now.max(from + 1.0))
        .auto_bounds([false, true])
        .y_axis_label(unit.clone())
        .x_axis_formatter(move |mark, _| at(mark.value))
        .label_formatter(move |pos| match pos {
            egui_plot::HoverPosition::NearDataPoint { position, .. } => {
                Some(format!("{name}\n{:.2} {unit}", position.y))
            }
            _ => None,
        })
        .show(ui, |p| {
            // The window follows the clock every frame (the plot would keep the first bounds).
            p.set_plot_bounds_x(from..=now.max(from + 1.0));
            p.line(egui_plot::Line::new(s.name.clone(), pts));
            for (level, alert) in &s.thresholds {
                p.hline(
                    egui_plot::HLine::new(format!("alert: {alert} ({level} {})", s.unit), *level)
                        .color(alarm)
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            }
            for (m, text) in changes {
                p.vline(
                    egui_plot::VLine::new(text, m)
                        .color(mark)
                        .style(egui_plot::LineStyle::dashed_dense()),
                );
            }
        });
}
