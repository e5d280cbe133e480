//! The service map: the scenario's services drawn with Bevy 2D, laid out by dependency (callers
//! on the left, what they call to the right), coloured by health from the alerts firing, the
//! unhealthy ones pulsing. It renders into an image that the trainee panel shows beside the list
//! of services, so the room sees the shape of the system and where it hurts at a glance.

use std::collections::HashMap;

use bevy::asset::RenderAssetUsages;
use bevy::camera::RenderTarget;
use bevy::camera::visibility::RenderLayers;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat, TextureUsages};
use bevy_egui::{EguiTextureHandle, EguiUserTextures, egui};
use misfortune_core::view::{Health, ServiceView};

use super::screens::Screen;
use super::session::ActiveSession;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, setup)
        .add_systems(OnExit(Screen::Session), clear)
        .add_systems(
            Update,
            (rebuild, colour_and_pulse)
                .chain()
                .run_if(in_state(Screen::Session)),
        );
}

/// The layer only the map's camera draws (the main window draws layer 0, the game master's 1).
const MAP_LAYER: usize = 3;
/// The image's size in pixels.
pub const SIZE: (u32, u32) = (800, 520);

/// The map's image and its egui texture, for the trainee panel.
#[derive(Resource)]
pub struct ServiceMap {
    pub texture: Option<egui::TextureId>,
    /// The services the drawn map was built for (scenario id and service ids).
    built_for: Option<String>,
}

/// One service's node on the map.
#[derive(Component)]
struct Node {
    service: String,
    material: Handle<ColorMaterial>,
}

/// Everything the map spawned (despawned when the scenario changes).
#[derive(Component)]
struct MapPart;

fn setup(
    mut commands: Commands,
    mut images: ResMut<Assets<Image>>,
    textures: Option<ResMut<EguiUserTextures>>,
) {
    let size = Extent3d {
        width: SIZE.0,
        height: SIZE.1,
        depth_or_array_layers: 1,
    };
    let mut image = Image::new_fill(
        size,
        TextureDimension::D2,
        &[0, 0, 0, 0],
        TextureFormat::Bgra8UnormSrgb,
        RenderAssetUsages::default(),
    );
    image.texture_descriptor.usage =
        TextureUsages::TEXTURE_BINDING | TextureUsages::COPY_DST | TextureUsages::RENDER_ATTACHMENT;
    let handle = images.add(image);
    let texture = textures.map(|mut t| t.add_image(EguiTextureHandle::Strong(handle.clone())));
    commands.spawn((
        Camera2d,
        Camera {
            order: -1,
            clear_color: ClearColorConfig::Custom(Color::srgb(0.09, 0.09, 0.11)),
            ..default()
        },
        RenderTarget::Image(handle.into()),
        RenderLayers::layer(MAP_LAYER),
    ));
    commands.insert_resource(ServiceMap {
        texture,
        built_for: None,
    });
}

/// Where each service sits: a column per dependency depth (what nobody calls on the left), rows
/// spread evenly within a column. Pure, so it is tested without a renderer.
pub fn layout(services: &[ServiceView], width: f32, height: f32) -> HashMap<String, Vec2> {
    let index: HashMap<&str, &ServiceView> = services.iter().map(|s| (s.id.as_str(), s)).collect();
    // Depth: the longest chain of callers above a service (cycles are cut).
    let mut depth: HashMap<&str, usize> = services.iter().map(|s| (s.id.as_str(), 0)).collect();
    for _ in 0..services.len() {
        let mut changed = false;
        for s in services {
            let d = depth[s.id.as_str()];
            for callee in &s.depends_on {
                if let Some(c) = depth.get_mut(callee.as_str())
                    && *c < d + 1
                    && d + 1 < services.len()
                {
                    *c = d + 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let columns = depth.values().copied().max().unwrap_or(0) + 1;
    let mut cols: Vec<Vec<&str>> = (0..columns)
        .map(|col| {
            services
                .iter()
                .map(|s| s.id.as_str())
                .filter(|id| depth[id] == col && index.contains_key(id))
                .collect()
        })
        .collect();
    order_columns(&mut cols, services);
    let mut out = HashMap::new();
    for (col, ids) in cols.iter().enumerate() {
        for (row, id) in ids.iter().enumerate() {
            let x = -width / 2.0 + width * (col as f32 + 0.5) / columns as f32;
            let y = height / 2.0 - height * (row as f32 + 0.5) / ids.len() as f32;
            out.insert(id.to_string(), Vec2::new(x, y));
        }
    }
    out
}

/// Order each column by where its neighbours sit (the barycentre heuristic), so lines between
/// columns cross as little as they can: a service sits level with what calls it, and the
/// callers are then ordered by what they call.
fn order_columns(cols: &mut [Vec<&str>], services: &[ServiceView]) {
    let linked = |a: &str, b: &str| {
        services.iter().any(|s| {
            (s.id == a && s.depends_on.iter().any(|d| d == b))
                || (s.id == b && s.depends_on.iter().any(|d| d == a))
        })
    };
    let reorder = |col: &mut Vec<&str>, by: &[&str]| {
        let centre = |id: &str| {
            let rows: Vec<f32> = by
                .iter()
                .enumerate()
                .filter(|(_, n)| linked(id, n))
                .map(|(r, _)| r as f32 / by.len().max(1) as f32)
                .collect();
            (!rows.is_empty()).then(|| rows.iter().sum::<f32>() / rows.len() as f32)
        };
        let mut keyed: Vec<(f32, usize, &str)> = col
            .iter()
            .enumerate()
            .map(|(i, id)| {
                (
                    centre(id).unwrap_or(i as f32 / col.len().max(1) as f32),
                    i,
                    *id,
                )
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        *col = keyed.into_iter().map(|(_, _, id)| id).collect();
    };
    for _ in 0..2 {
        for c in 1..cols.len() {
            let (left, right) = cols.split_at_mut(c);
            reorder(&mut right[0], &left[c - 1]);
        }
        for c in (0..cols.len().saturating_sub(1)).rev() {
            let (left, right) = cols.split_at_mut(c + 1);
            reorder(&mut left[c], &right[0]);
        }
    }
}

fn health_colour(h: Health) -> Color {
    match h {
        Health::Healthy => Color::srgb(0.30, 0.69, 0.40),
        Health::Degraded => Color::srgb(0.93, 0.68, 0.20),
        Health::Down => Color::srgb(0.89, 0.27, 0.25),
    }
}

/// Draw the map again when the session's scenario (or its services) changed.
fn rebuild(
    mut commands: Commands,
    mut map: ResMut<ServiceMap>,
    session: Option<Res<ActiveSession>>,
    parts: Query<Entity, With<MapPart>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let Some(view) = session.as_ref().and_then(|s| s.views.get()) else {
        return;
    };
    let services = &view.trainee().services;
    let key = format!(
        "{}:{}",
        view.trainee().scenario_id,
        services
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    if map.built_for.as_deref() == Some(key.as_str()) {
        return;
    }
    for e in &parts {
        commands.entity(e).despawn();
    }
    map.built_for = Some(key);
    // Labels hang below their nodes: keep the nodes a little high.
    let (w, h) = (SIZE.0 as f32 - 160.0, SIZE.1 as f32 - 170.0);
    let at: HashMap<String, Vec2> = layout(services, w, h)
        .into_iter()
        .map(|(k, p)| (k, p + Vec2::new(0.0, 35.0)))
        .collect();
    let columns = at
        .values()
        .map(|p| (p.x * 10.0).round() as i64)
        .collect::<std::collections::HashSet<_>>()
        .len()
        .max(1);
    let label_width = w / columns as f32 - 8.0;
    let layer = RenderLayers::layer(MAP_LAYER);
    let edge = materials.add(ColorMaterial::from_color(Color::srgb(0.45, 0.45, 0.50)));
    for s in services {
        for callee in &s.depends_on {
            let (Some(a), Some(b)) = (at.get(&s.id), at.get(callee)) else {
                continue;
            };
            let d = *b - *a;
            commands.spawn((
                Mesh2d(meshes.add(Rectangle::new(d.length(), 3.0))),
                MeshMaterial2d(edge.clone()),
                Transform::from_translation(((*a + *b) / 2.0).extend(0.0))
                    .with_rotation(Quat::from_rotation_z(d.y.atan2(d.x))),
                layer.clone(),
                MapPart,
            ));
        }
    }
    for s in services {
        let Some(p) = at.get(&s.id) else { continue };
        let material = materials.add(ColorMaterial::from_color(health_colour(s.health)));
        commands.spawn((
            Mesh2d(meshes.add(Circle::new(26.0))),
            MeshMaterial2d(material.clone()),
            Transform::from_translation(p.extend(1.0)),
            layer.clone(),
            MapPart,
            Node {
                service: s.id.clone(),
                material,
            },
        ));
        commands.spawn((
            Text2d::new(s.name.clone()),
            TextFont::from_font_size(20.0),
            TextColor(Color::srgb(0.95, 0.95, 0.97)),
            TextLayout::justify(Justify::Center),
            bevy::text::TextBounds::new_horizontal(label_width),
            bevy::sprite::Anchor::TOP_CENTER,
            Transform::from_translation((*p + Vec2::new(0.0, -32.0)).extend(2.0)),
            layer.clone(),
            MapPart,
        ));
    }
}

/// Colour every node by its service's health now; unhealthy ones pulse.
fn colour_and_pulse(
    session: Option<Res<ActiveSession>>,
    time: Res<Time>,
    mut nodes: Query<(&Node, &mut Transform)>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let Some(view) = session.as_ref().and_then(|s| s.views.get()) else {
        return;
    };
    let health: HashMap<&str, Health> = view
        .trainee()
        .services
        .iter()
        .map(|s| (s.id.as_str(), s.health))
        .collect();
    let beat = (time.elapsed_secs() * std::f32::consts::TAU * 0.8).sin();
    for (node, mut t) in &mut nodes {
        let h = health
            .get(node.service.as_str())
            .copied()
            .unwrap_or(Health::Healthy);
        if let Some(mut m) = materials.get_mut(&node.material) {
            m.color = health_colour(h);
        }
        let scale = match h {
            Health::Healthy => 1.0,
            Health::Degraded => 1.0 + 0.06 * beat,
            Health::Down => 1.0 + 0.14 * beat,
        };
        t.scale = Vec3::splat(scale);
    }
}

fn clear(mut commands: Commands, mut map: ResMut<ServiceMap>, parts: Query<Entity, With<MapPart>>) {
    for e in &parts {
        commands.entity(e).despawn();
    }
    map.built_for = None;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(id: &str, deps: &[&str]) -> ServiceView {
        ServiceView {
            id: id.into(),
            name: id.into(),
            description: String::new(),
            depends_on: deps.iter().map(|d| d.to_string()).collect(),
            owner: None,
            health: Health::Healthy,
        }
    }

    /// Whether segments a-b and c-d cross (not counting shared ends).
    fn cross(a: Vec2, b: Vec2, c: Vec2, d: Vec2) -> bool {
        let side = |p: Vec2, q: Vec2, r: Vec2| (q - p).perp_dot(r - p);
        let (d1, d2) = (side(c, d, a), side(c, d, b));
        let (d3, d4) = (side(a, b, c), side(a, b, d));
        d1 * d2 < 0.0 && d3 * d4 < 0.0
    }

    #[test]
    fn lines_do_not_cross_when_an_order_without_crossings_exists() {
        // The API calls the database and DNS; a batch job calls the database. Listed in this
        // order, DNS would sit below the database and its line would cross the batch job's.
        let services = vec![
            service("api", &["db", "dns"]),
            service("db", &[]),
            service("dns", &[]),
            service("batch", &["db"]),
        ];
        let at = layout(&services, 640.0, 360.0);
        assert!(
            at["dns"].y > at["db"].y,
            "DNS sits level with the API, above the database"
        );
        let edges: Vec<(Vec2, Vec2)> = services
            .iter()
            .flat_map(|s| s.depends_on.iter().map(|d| (at[&s.id], at[d])))
            .collect();
        for (i, e) in edges.iter().enumerate() {
            for f in &edges[i + 1..] {
                assert!(!cross(e.0, e.1, f.0, f.1), "{e:?} crosses {f:?}");
            }
        }
    }

    #[test]
    fn callers_sit_left_of_what_they_call_and_nothing_overlaps() {
        let services = vec![
            service("checkout", &["payments-gw"]),
            service("payments-gw", &["payments"]),
            service("payments", &[]),
            service("internal-ca", &[]),
            service("loop-a", &["loop-b"]),
            service("loop-b", &["loop-a"]),
        ];
        let at = layout(&services, 640.0, 360.0);
        assert_eq!(at.len(), services.len());
        assert!(at["checkout"].x < at["payments-gw"].x);
        assert!(at["payments-gw"].x < at["payments"].x);
        let points: Vec<Vec2> = at.values().copied().collect();
        for (i, a) in points.iter().enumerate() {
            assert!(a.x.abs() <= 320.0 && a.y.abs() <= 180.0, "{a} off the map");
            for b in &points[i + 1..] {
                assert!(a.distance(*b) > 40.0, "{a} and {b} overlap");
            }
        }
    }
}
