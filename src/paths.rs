//! The user's folders, for the CLI and the app alike.

use std::path::PathBuf;

/// The config folder: `MISFORTUNE_CONFIG_DIR`, or the platform's (roster, display settings,
/// the readiness checklist).
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("MISFORTUNE_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "misfortune")
                .map(|d| d.config_dir().to_path_buf())
        })
}
