//! The classic web Wheel of Misfortune's `incidents/*.json`.

use super::{ImportError, Imported, Skeleton, slug};

/// Stubs from a classic Wheel of Misfortune `incidents/*.json` file: an array of objects with
/// `ID`, `title`, `scenario`, and optionally `difficulty` and `inkstory`.
pub fn import_wheel(name: &str, json: &str) -> Result<Vec<Imported>, ImportError> {
    let v: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| ImportError::Unreadable(format!("{name}: not JSON: {e}")))?;
    let arr = v.as_array().ok_or_else(|| {
        ImportError::Unreadable(format!(
            "{name}: expected a JSON array of incidents (objects with `ID`, `title` and `scenario`)"
        ))
    })?;
    let mut out = Vec::new();
    for (i, e) in arr.iter().enumerate() {
        let get = |k: &str| {
            e.get(k).and_then(|x| {
                x.as_str()
                    .map(str::to_string)
                    .or_else(|| x.as_i64().map(|n| n.to_string()))
            })
        };
        let (Some(id), Some(title)) = (get("ID").or(get("id")), get("title")) else {
            return Err(ImportError::Unreadable(format!(
                "{name}: incident #{} has no `ID` or no `title` (found keys: {})",
                i + 1,
                e.as_object()
                    .map(|o| o.keys().cloned().collect::<Vec<_>>().join(", "))
                    .unwrap_or_default()
            )));
        };
        let scenario = get("scenario");
        let difficulty = e
            .get("difficulty")
            .and_then(|d| {
                d.as_u64().or_else(|| {
                    d.as_str().and_then(|s| s.parse().ok()).or_else(|| {
                        d.as_str().map(|s| match s.to_lowercase().as_str() {
                            "easy" => 1,
                            "medium" => 3,
                            "hard" => 5,
                            _ => 3,
                        })
                    })
                })
            })
            .map(|d| d.clamp(1, 5) as u8);
        let mut notes = vec![format!(
            "Migrated from the classic Wheel of Misfortune (incident {id})."
        )];
        if let Some(ink) = get("inkstory") {
            notes.push(format!("The old wheel told this incident as an Ink story in `{ink}`: turn its branches into actions and injects."));
        }
        let sk = Skeleton {
            id: slug(&format!("{id}-{title}")),
            title: Some(title.clone()),
            difficulty,
            briefing: scenario.clone(),
            tags: vec!["migrated".into()],
            gm_notes: notes,
            ..Default::default()
        };
        let mut found = vec!["title".to_string()];
        if scenario.is_some() {
            found.push("briefing".into());
        }
        out.push(Imported {
            skeleton: sk,
            found,
            missing: vec!["everything a game needs beyond the briefing".into()],
        });
    }
    if out.is_empty() {
        return Err(ImportError::Unreadable(format!(
            "{name}: the incident list is empty"
        )));
    }
    Ok(out)
}
