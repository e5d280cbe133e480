//! Round eighty-three of the held-out measurements, in the project's own words: a company blog
//! post whose front matter folds its excerpt; a postmortem in Spanish with `detected_at` in its
//! front matter; a weekly report in French with "22h06" times and conventional commits; a
//! security review told in ISO stamps whose detection has a date alone.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_folded_excerpt_a_cause_told_with_after_and_a_migration_that_ends_it() {
    let text = "\
---
title: 'Incident Review: cache node outage'
excerpt: >-
  On 2025-03-02, some customers saw errors for about an hour, after a cache
  node in eu-west-1 failed without warning.
---

## Sequence of events

- **09:10** Cache node cache-3 became unresponsive.
- **09:20** Alerts fired and paged the on-call engineer.
- **09:24** Engineers identified cache-3 as the failed node.
- **09:30** Decision is made to move its keys to the other nodes. There are 900 shards assigned to the failed node.
- **09:50** 98% of migrations are complete, a few shards need a hand.
- **10:15** All shards available, alerts clear.
";
    let i = author::import_markdown("cache.md", text).unwrap();
    let sk = &i.skeleton;
    assert!(
        sk.summary
            .as_deref()
            .unwrap_or("")
            .contains("customers saw errors"),
        "{:?}",
        sk.summary
    );
    let cause = sk.root_cause.as_deref().unwrap_or("");
    assert!(cause.contains("after a cache node"), "{cause}");
    assert_eq!(
        events(&i),
        [
            (-10, EventKind::Trigger),
            (0, EventKind::Alert),
            (4, EventKind::Investigation),
            (10, EventKind::Mitigation),
            (30, EventKind::Mitigation),
            (55, EventKind::Resolution),
        ]
    );
}

#[test]
fn a_spanish_postmortem_read_with_its_front_matter_detection() {
    let text = "\
---
id: PM-007
detected_at: 2026-03-04T10:20:00-03:00
---

# PM-007: La API no arrancaba por una variable vacía

## Resumen
La API no arrancó tras el despliegue porque `DB_URL` llegó vacía.

## Línea de tiempo
- 09:50 — `deploy.yaml` pasa a leer las variables del nuevo almacén
- antes de las 10:20 — despliegue 1: la API no arranca
- 10:20 — `DB_URL` pasa a valor literal en el almacén
- entre 10:20 y 10:25 — despliegue 2: migraciones correctas; el arranque aborta con `DB_URL vacía`
- 10:31 — servicio en vivo y verificado contra producción

## Causas contribuyentes
- **Disparó el fallo:** el almacén nuevo devolvía una cadena vacía para `DB_URL`.
";
    let i = author::import_markdown("pm007.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-30, EventKind::Trigger),
            (0, EventKind::Symptom),
            (0, EventKind::Mitigation),
            (0, EventKind::Symptom),
            (11, EventKind::Resolution),
        ]
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or("");
    assert!(cause.contains("cadena vacía"), "{cause}");
}

#[test]
fn a_french_table_with_its_own_clock_and_conventional_commits() {
    let text = "\
# Rapport hebdo

## 🚨 INCIDENT — purge des données (2026-02-10)

### Chronologie

| Datetime (UTC+1) | Événement |
|---|---|
| 2026-02-10 ~21h | `rsync --delete` lors d'un déploiement a wipé la totalité de `/srv/data` |
| 2026-02-10 21h15 | `fix(sync)`: ignore les fichiers verrouillés |
| 2026-02-11 00h40 | **`fix(deploy)`: protège `/srv/data`** — correctif déployé |
| 2026-02-12 10h00 | `docs(plan)`: jalon décalé d'une semaine — acté formellement |
";
    let i = author::import_markdown("purge.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Trigger),
            (15, EventKind::Mitigation),
            (220, EventKind::Mitigation),
            (2220, EventKind::Communication),
        ]
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or("");
    assert!(cause.contains("rsync --delete"), "{cause}");
}

#[test]
fn iso_stamps_a_detection_with_a_date_alone_and_a_summary_past_the_metadata() {
    let text = "\
# Post-mortem: secrets echoed in build logs

**Status:** resolved — the fix is merged as PR #12 (merge commit
`abc1234`); this note landed with the next release.
**Severity:** medium

## Impact

Two build scripts echoed a token into public build logs for nine days.

## Timeline

- 2026-04-01T09:00:00Z — `feat: build scripts` lands; the echo enters `main`.
- 2026-04-01T12:00:00Z — tag `v1.0.0` published; the scripts shipped to users.
- 2026-04-10 — PR #11: the secrets scanner flagged the echo.
- 2026-04-10T10:00:00Z — token rotated.
- 2026-04-10T11:30:00Z — PR #12 opened: both echoes removed.
";
    let i = author::import_markdown("echo.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-12_420, EventKind::Trigger),
            (-12_240, EventKind::Trigger),
            (0, EventKind::Alert),
            (600, EventKind::Mitigation),
            (690, EventKind::Mitigation),
        ]
    );
    let summary = i.skeleton.summary.as_deref().unwrap_or("");
    assert!(summary.starts_with("Two build scripts"), "{summary}");
}

#[test]
fn a_full_stop_inside_a_file_name_ends_no_clause() {
    for line in [
        "render.yaml was changed",
        "v2.31.0 config.json was reverted",
    ] {
        assert_eq!(
            author::guess_kind(line, false),
            EventKind::Mitigation,
            "{line}"
        );
    }
}
