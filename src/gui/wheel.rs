//! The wheel: a Bevy 2D wheel with one segment per scenario in the library's current filter,
//! coloured by difficulty and labelled, spun with an ease-out to the scenario the core's seeded
//! pick chose. Recently played scenarios are avoided; the pick can lean towards a difficulty.

use std::f32::consts::TAU;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use misfortune_core::wheel::{self, PickOptions, RECENT_DAYS, Slot};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::library::{Library, LibraryFilter};
use super::screens::Screen;
use super::session::SessionMode;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Wheel), spawn_wheel)
        .add_systems(OnExit(Screen::Wheel), despawn_wheel)
        .add_systems(Update, animate.run_if(in_state(Screen::Wheel)))
        .add_systems(
            EguiPrimaryContextPass,
            wheel_ui.run_if(in_state(Screen::Wheel)),
        );
}

pub const RADIUS: f32 = 330.0;
/// Where the wheel's centre sits in the world (the camera moves to frame it: `wheel_fit`).
pub const WHEEL_X: f32 = -180.0;
const SPIN_SECONDS: f32 = 4.5;

#[derive(Component)]
struct WheelRoot;

#[derive(Component)]
struct WheelPart;

/// A segment's label, at angle `0` on the wheel.
#[derive(Component)]
struct SegmentLabel(f32);

#[derive(Debug, Clone, Copy)]
struct Spin {
    from: f32,
    to: f32,
    elapsed: f32,
}

/// The team roster: one volunteer a line, in the user's config folder (`roster.txt`), or in
/// `MISFORTUNE_CONFIG_DIR`.
pub fn roster_path() -> Option<std::path::PathBuf> {
    super::ui::config_dir().map(|d| d.join("roster.txt"))
}

pub fn load_roster() -> String {
    roster_path()
        .map(|p| load_roster_from(&p))
        .unwrap_or_default()
}

pub fn load_roster_from(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

pub fn save_roster(text: &str) -> Result<(), String> {
    save_roster_to(
        &roster_path().ok_or("no config folder on this system")?,
        text,
    )
}

pub fn save_roster_to(path: &std::path::Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    misfortune_core::report::write_atomic(path, text.as_bytes(), true).map_err(|e| e.to_string())
}

/// The names on the roster.
pub fn roster_names(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// Pick the volunteer: the same seeded pick as the wheel, avoiding whoever went last.
pub fn pick_volunteer(
    names: &[String],
    last: Option<&str>,
    rng: &mut ChaCha8Rng,
) -> Option<String> {
    let slots: Vec<Slot> = names
        .iter()
        .map(|n| Slot {
            id: n.clone(),
            difficulty: 3,
            recently_played: Some(n.as_str()) == last,
            gaps: Vec::new(),
        })
        .collect();
    wheel::pick(
        &slots,
        &PickOptions {
            avoid_recent: true,
            ..Default::default()
        },
        rng,
    )
    .map(|i| names[i].clone())
}

#[derive(Resource)]
pub struct WheelState {
    /// Library entries on the wheel, in segment order.
    pub entries: Vec<usize>,
    pub slots: Vec<Slot>,
    pub options: PickOptions,
    rng: ChaCha8Rng,
    angle: f32,
    spin: Option<Spin>,
    pending: Option<usize>,
    pub picked: Option<usize>,
    pub roster: String,
    pub volunteer: Option<String>,
    roster_error: Option<String>,
    /// The side panel's width in pixels, for fitting the wheel beside it.
    pub panel_px: f32,
    /// When (egui time) the pick's card began to grow in, and whether it was closed.
    revealed_at: Option<f64>,
    reveal_closed: bool,
    /// A volunteer draw running: when it began and the index (in the roster) it lands on.
    draw: Option<(f64, usize)>,
}

impl WheelState {
    fn segment(&self) -> f32 {
        TAU / self.slots.len().max(1) as f32
    }

    /// The pick is shown only once the wheel stops, with its card grown in afresh.
    fn finish(&mut self) {
        self.picked = self.pending.take();
        self.revealed_at = None;
        self.reveal_closed = false;
    }

    /// Start a spin towards the core's pick (what the Spin button does).
    pub fn start_spin(&mut self) {
        let Some(i) = wheel::pick(&self.slots, &self.options, &mut self.rng) else {
            return;
        };
        // Segment i's centre sits at angle + i * segment; the pointer is at the top (angle 0).
        let seg = self.segment();
        let target = -(i as f32) * seg;
        let mut to = target;
        while to > self.angle - 3.0 * TAU {
            to -= TAU;
        }
        self.spin = Some(Spin {
            from: self.angle,
            to,
            elapsed: 0.0,
        });
        self.picked = None;
        self.pending = Some(i);
    }
}

fn difficulty_color(d: u8, odd: bool) -> Color {
    let (r, g, b) = match d {
        1 => (0.30, 0.68, 0.38),
        2 => (0.22, 0.58, 0.62),
        3 => (0.85, 0.70, 0.20),
        4 => (0.88, 0.47, 0.18),
        _ => (0.80, 0.24, 0.24),
    };
    let k = if odd { 0.85 } else { 1.0 };
    Color::srgb(r * k, g * k, b * k)
}

/// The characters a slice's label line holds before it wraps.
const LABEL_LINE: usize = 18;

/// A title on at most two lines of `width` characters, broken between words; whatever does not
/// fit ends in "..." (the wheel's font has no ellipsis character).
fn wrap_label(title: &str, width: usize) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in title.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        if line.is_empty() || line.chars().count() + 1 + word.chars().count() <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    let cut = lines.len() > 2;
    lines.truncate(2);
    for line in &mut lines {
        if line.chars().count() > width {
            *line = line.chars().take(width - 3).collect::<String>() + "...";
        }
    }
    if cut && let Some(last) = lines.last_mut() {
        let keep: String = last.chars().take(width - 3).collect();
        *last = keep.trim_end().to_string() + "...";
    }
    lines.join("\n")
}

/// The library entries on the wheel (those that load and match the library's filter), and a
/// slot for each with what the core's pick needs.
fn wheel_slots(library: &Library, filter: &str) -> (Vec<usize>, Vec<Slot>) {
    let now = misfortune_core::unix_now();
    let entries: Vec<usize> = library
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.error.is_none() && e.matches(filter))
        .map(|(i, _)| i)
        .collect();
    let slots: Vec<Slot> = entries
        .iter()
        .map(|&i| {
            let e = &library.entries[i];
            let recent = library
                .last_played
                .get(&e.id)
                .is_some_and(|t| now.saturating_sub(*t) < RECENT_DAYS * 86_400);
            Slot {
                id: e.id.clone(),
                difficulty: e.difficulty,
                recently_played: recent,
                gaps: Vec::new(),
            }
        })
        .collect();
    (entries, slots)
}

/// The hub in the middle and the pointer at the top.
fn spawn_hub_and_pointer(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ColorMaterial>,
) {
    commands.spawn((
        WheelPart,
        Mesh2d(meshes.add(Circle::new(28.0))),
        MeshMaterial2d(materials.add(ColorMaterial::from_color(Color::srgb(0.12, 0.12, 0.14)))),
        Transform::from_xyz(WHEEL_X, 0.0, 2.0),
    ));
    commands.spawn((
        WheelPart,
        Mesh2d(meshes.add(Triangle2d::new(
            Vec2::new(-18.0, 26.0),
            Vec2::new(18.0, 26.0),
            Vec2::new(0.0, -14.0),
        ))),
        MeshMaterial2d(materials.add(ColorMaterial::from_color(Color::srgb(0.95, 0.95, 0.95)))),
        Transform::from_xyz(WHEEL_X, RADIUS + 6.0, 3.0),
    ));
}

fn spawn_wheel(
    mut commands: Commands,
    library: Res<Library>,
    filter: Res<LibraryFilter>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let (entries, slots) = wheel_slots(&library, &filter.0);
    let n = slots.len().max(1);
    let seg = TAU / n as f32;
    let root = commands
        .spawn((
            WheelRoot,
            WheelPart,
            Transform::from_xyz(WHEEL_X, 0.0, 0.0),
            Visibility::default(),
        ))
        .id();
    for (k, slot) in slots.iter().enumerate() {
        let theta = k as f32 * seg;
        let sector = meshes.add(CircularSector::from_radians(RADIUS, seg));
        let color = materials.add(ColorMaterial::from_color(difficulty_color(
            slot.difficulty,
            k % 2 == 1,
        )));
        let title = wrap_label(&library.entries[entries[k]].title, LABEL_LINE);
        let dir = Vec2::new(-theta.sin(), theta.cos());
        commands.entity(root).with_children(|p| {
            p.spawn((
                Mesh2d(sector),
                MeshMaterial2d(color),
                Transform::from_rotation(Quat::from_rotation_z(theta)),
            ));
            p.spawn((
                SegmentLabel(theta),
                Text2d::new(title),
                TextFont {
                    font_size: FontSize::Px(15.0),
                    ..default()
                },
                TextColor(Color::srgb(0.08, 0.08, 0.1)),
                Transform::from_translation((dir * RADIUS * 0.58).extend(1.0))
                    .with_rotation(Quat::from_rotation_z(label_angle(theta))),
            ));
        });
    }
    spawn_hub_and_pointer(&mut commands, &mut meshes, &mut materials);
    let seed = misfortune_core::clock_seed();
    commands.insert_resource(WheelState {
        entries,
        slots,
        options: PickOptions {
            avoid_recent: true,
            ..Default::default()
        },
        rng: ChaCha8Rng::seed_from_u64(seed),
        angle: 0.0,
        spin: None,
        picked: None,
        pending: None,
        roster: load_roster(),
        volunteer: None,
        roster_error: None,
        panel_px: 420.0,
        revealed_at: None,
        reveal_closed: false,
        draw: None,
    });
}

fn despawn_wheel(mut commands: Commands, parts: Query<Entity, With<WheelPart>>) {
    for e in &parts {
        commands.entity(e).despawn();
    }
    commands.remove_resource::<WheelState>();
}

/// Labels run along the radius and read left to right on both halves of the wheel.
fn label_angle(theta: f32) -> f32 {
    if -theta.sin() < -0.01 {
        theta - std::f32::consts::FRAC_PI_2
    } else {
        theta + std::f32::consts::FRAC_PI_2
    }
}

/// Ease-out cubic: fast at first, slowing to a stop.
fn ease_out(t: f32) -> f32 {
    1.0 - (1.0 - t.clamp(0.0, 1.0)).powi(3)
}

fn animate(
    time: Res<Time>,
    state: Option<ResMut<WheelState>>,
    mut root: Query<&mut Transform, (With<WheelRoot>, Without<SegmentLabel>)>,
    mut labels: Query<(&mut Transform, &SegmentLabel), Without<WheelRoot>>,
) {
    let Some(mut state) = state else { return };
    if let Some(mut spin) = state.spin {
        spin.elapsed += time.delta_secs();
        let t = spin.elapsed / SPIN_SECONDS;
        state.angle = spin.from + (spin.to - spin.from) * ease_out(t);
        if t >= 1.0 {
            state.angle = spin.to.rem_euclid(TAU);
            state.spin = None;
            state.finish();
        } else {
            state.spin = Some(spin);
        }
    }
    for mut tr in &mut root {
        tr.rotation = Quat::from_rotation_z(state.angle);
    }
    // Keep every label readable wherever the wheel has turned it.
    for (mut tr, label) in &mut labels {
        tr.rotation = Quat::from_rotation_z(label_angle(state.angle + label.0) - state.angle);
    }
}

/// What the user asked for on the wheel screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WheelIntent {
    Spin,
    Play(SessionMode),
    Back,
    /// The roster text was edited: save it.
    RosterEdited,
    PickVolunteer,
}

fn wheel_ui(
    mut contexts: EguiContexts,
    state: Option<ResMut<WheelState>>,
    library: Res<Library>,
    mut next: ResMut<NextState<Screen>>,
    mut starts: MessageWriter<super::session::StartSession>,
    (team, mut choice, keyring): (
        Option<Res<super::ui::TeamMode>>,
        ResMut<super::session::PlayChoice>,
        Option<Res<super::session::Keyring>>,
    ),
) -> Result {
    let Some(mut state) = state else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let mut root = super::ui::root_ui(ctx);
    let mut intent = None;
    // The panel narrows at projector scale, so the wheel keeps room beside it.
    let width = (420.0_f32)
        .min(ctx.content_rect().width() * 0.35)
        .max(240.0);
    let panel = egui::Panel::right("wheel-panel")
        .exact_size(width)
        .show(&mut root, |ui| {
            // At projector scale the panel is taller than the window: it scrolls.
            egui::ScrollArea::vertical().show(ui, |ui| {
                choice.checkbox(ui, team.is_some());
                intent = spin_section(ui, &mut state, &library, team.is_some())
                    .or(volunteer_section(ui, &mut state));
                ui.separator();
                if ui.button("< Library").clicked() {
                    intent = Some(WheelIntent::Back);
                }
            });
        });
    state.panel_px = panel.response.rect.width() * ctx.pixels_per_point();
    let ctx = root.ctx().clone();
    let now = ctx.input(|i| i.time);
    if let Some(i) = state.picked.filter(|_| !state.reveal_closed) {
        let since = now - *state.revealed_at.get_or_insert(now);
        let e = &library.entries[state.entries[i]];
        let why = state
            .volunteer
            .as_deref()
            .filter(|_| state.options.prefer_gaps)
            .and_then(|v| wheel::why(&state.slots[i], v));
        let (asked, close) =
            super::wheel_reveal::picked_card(&ctx, e, since, team.is_some(), why.as_deref());
        state.reveal_closed |= close;
        intent = intent.or(asked);
    }
    if let Some((start, landing)) = state.draw {
        let names = roster_names(&state.roster);
        if super::wheel_reveal::volunteer_card(&ctx, &names, landing, now - start) {
            state.draw = None;
        }
    }
    match intent {
        Some(WheelIntent::Spin) => state.start_spin(),
        Some(WheelIntent::Back) => next.set(Screen::Library),
        Some(WheelIntent::Play(mode)) => {
            if let Some(i) = state.picked {
                let file = library.files[state.entries[i]].clone();
                starts.write(super::session::StartSession::new(
                    file,
                    mode,
                    choice.play_mode(),
                ));
            }
        }
        Some(WheelIntent::RosterEdited) => state.roster_error = save_roster(&state.roster).err(),
        Some(WheelIntent::PickVolunteer) => {
            let names = roster_names(&state.roster);
            let last = state.volunteer.clone();
            let mut rng = state.rng.clone();
            state.volunteer = pick_volunteer(&names, last.as_deref(), &mut rng);
            state.rng = rng;
            let landing = state
                .volunteer
                .as_ref()
                .and_then(|v| names.iter().position(|n| n == v));
            state.draw = landing.map(|l| (now, l));
            if let Some(v) = state.volunteer.clone() {
                // Today's volunteer plays: their sessions count, and the wheel leans to their gaps.
                choice.trainee = v.clone();
                super::wheel_gaps::lean(&mut state, &v, &library, keyring.as_ref().map(|k| &k.0));
            }
        }
        None => {}
    }
    Ok(())
}

/// The spin options, the Spin button, and what the wheel picked with how to play it.
fn spin_section(
    ui: &mut egui::Ui,
    state: &mut WheelState,
    library: &Library,
    team: bool,
) -> Option<WheelIntent> {
    let mut intent = None;
    ui.heading("Wheel of Misfortune");
    ui.label(format!(
        "{} scenarios on the wheel (the library's current filter).",
        state.slots.len()
    ));
    ui.checkbox(
        &mut state.options.avoid_recent,
        format!("Avoid scenarios played in the last {RECENT_DAYS} days"),
    );
    let mut d = state.options.prefer_difficulty;
    egui::ComboBox::from_label("Lean towards difficulty")
        .selected_text(d.map_or("any".into(), |x| "★".repeat(x as usize)))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut d, None, "any");
            for x in 1..=5u8 {
                ui.selectable_value(&mut d, Some(x), "★".repeat(x as usize));
            }
        });
    state.options.prefer_difficulty = d;
    ui.separator();
    let spinning = state.spin.is_some();
    let spin = egui::Button::new(egui::RichText::new("Spin").size(22.0));
    if ui
        .add_enabled(!spinning && !state.slots.is_empty(), spin)
        .clicked()
    {
        intent = Some(WheelIntent::Spin);
    }
    if spinning {
        ui.label("Spinning...");
    }
    if let Some(i) = state.picked {
        let e = &library.entries[state.entries[i]];
        ui.separator();
        ui.label(
            egui::RichText::new(format!("The wheel picked: {}", e.title))
                .size(20.0)
                .strong(),
        );
        ui.label(format!(
            "{}  ·  {}  ·  about {} minutes",
            "★".repeat(e.difficulty as usize),
            e.trains(),
            e.minutes
        ));
        ui.horizontal(|ui| {
            if ui.button("Play solo").clicked() {
                intent = Some(WheelIntent::Play(SessionMode::Solo));
            }
            if ui.button("Playtest").clicked() {
                intent = Some(WheelIntent::Play(SessionMode::Playtest));
            }
            if team && ui.button("Team session").clicked() {
                intent = Some(WheelIntent::Play(SessionMode::Team));
            }
        });
    }
    intent
}

/// The team roster and the volunteer picker.
fn volunteer_section(ui: &mut egui::Ui, state: &mut WheelState) -> Option<WheelIntent> {
    let mut intent = None;
    ui.separator();
    ui.heading("Volunteer");
    ui.label("The team roster, one name a line (kept in your config folder):");
    let roster = egui::TextEdit::multiline(&mut state.roster)
        .desired_rows(4)
        .hint_text("one name a line");
    if ui.add(roster).changed() {
        intent = Some(WheelIntent::RosterEdited);
    }
    let names = roster_names(&state.roster);
    if names.is_empty() {
        ui.weak("Add the team's names above to draw today's on-call.");
    }
    if ui
        .add_enabled(!names.is_empty(), egui::Button::new("Pick a volunteer"))
        .clicked()
    {
        intent = Some(WheelIntent::PickVolunteer);
    }
    if let Some(v) = state.volunteer.as_ref().filter(|_| state.draw.is_none()) {
        ui.label(
            egui::RichText::new(format!("On call today: {v}"))
                .size(20.0)
                .strong(),
        );
    }
    if let Some(e) = &state.roster_error {
        ui.colored_label(
            crate::gui::palette::Role::Error.in_ui(ui),
            format!("cannot save the roster: {e}"),
        );
    }
    intent
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(n: usize) -> WheelState {
        WheelState {
            entries: (0..n).collect(),
            slots: (0..n)
                .map(|i| Slot {
                    id: format!("s{i}"),
                    difficulty: 1 + (i % 5) as u8,
                    recently_played: false,
                    gaps: Vec::new(),
                })
                .collect(),
            options: PickOptions::default(),
            rng: ChaCha8Rng::seed_from_u64(3),
            angle: 0.0,
            spin: None,
            picked: None,
            pending: None,
            roster: String::new(),
            volunteer: None,
            roster_error: None,
            panel_px: 420.0,
            revealed_at: None,
            reveal_closed: false,
            draw: None,
        }
    }

    #[test]
    fn a_spin_ends_with_the_picked_segment_under_the_pointer() {
        let mut s = state(12);
        for _ in 0..10 {
            s.start_spin();
            let spin = s.spin.unwrap();
            assert!(spin.to < spin.from - 2.0 * TAU, "at least two full turns");
            let i = s.pending.unwrap();
            // The final angle brings segment i's centre (at i * segment) to the top.
            let at_pointer = (spin.to + i as f32 * s.segment()).rem_euclid(TAU);
            assert!(
                at_pointer < 1e-3 || (TAU - at_pointer) < 1e-3,
                "{at_pointer}"
            );
            s.angle = spin.to;
            s.spin = None;
            s.finish();
            assert_eq!(s.picked, Some(i));
        }
    }

    #[test]
    fn the_ease_out_slows_to_a_stop() {
        assert_eq!(ease_out(0.0), 0.0);
        assert_eq!(ease_out(1.0), 1.0);
        assert!(ease_out(0.5) > 0.8, "most of the turn happens early");
        assert!(ease_out(0.95) - ease_out(0.9) < ease_out(0.1) - ease_out(0.05));
    }
}

#[cfg(test)]
mod roster_tests {
    use super::*;

    #[test]
    fn slice_labels_wrap_between_words_and_fit() {
        assert_eq!(
            wrap_label("Payments fail at midnight", 18),
            "Payments fail at\nmidnight"
        );
        assert_eq!(
            wrap_label("The disk that filled itself", 18),
            "The disk that\nfilled itself"
        );
        let long = wrap_label("Forty-three seconds, twenty-four hours of trouble", 18);
        assert!(long.lines().count() <= 2);
        assert!(long.lines().all(|l| l.chars().count() <= 18), "{long}");
        assert!(long.ends_with("..."));
        assert_eq!(wrap_label("Short", 18), "Short");
    }

    #[test]
    fn the_volunteer_pick_is_seeded_and_avoids_whoever_went_last() {
        let names = roster_names("# the team\nAlex\n\nSam \nPriya\n");
        assert_eq!(names, ["Alex", "Sam", "Priya"]);
        let mut a = ChaCha8Rng::seed_from_u64(5);
        let mut b = ChaCha8Rng::seed_from_u64(5);
        assert_eq!(
            pick_volunteer(&names, None, &mut a),
            pick_volunteer(&names, None, &mut b)
        );
        let mut rng = ChaCha8Rng::seed_from_u64(6);
        let again = (0..1000)
            .filter(|_| pick_volunteer(&names, Some("Sam"), &mut rng).as_deref() == Some("Sam"))
            .count();
        assert!(
            again < 100,
            "Sam went last: picked again {again} times in 1000"
        );
        assert_eq!(pick_volunteer(&[], None, &mut rng), None);
    }

    #[test]
    fn the_roster_is_saved_and_read_back() {
        let tmp_dir = tempfile::tempdir().unwrap();
        let dir = tmp_dir.path().to_path_buf();
        let path = dir.join("config").join("roster.txt");
        save_roster_to(&path, "Alex\nSam\n").unwrap();
        assert_eq!(load_roster_from(&path), "Alex\nSam\n");
        save_roster_to(&path, "Priya\n").unwrap();
        assert_eq!(roster_names(&load_roster_from(&path)), ["Priya"]);
        assert!(roster_path().is_some_and(|p| p.ends_with("roster.txt")));
    }
}
