//! What the About section shows: this Glimmer and its database engine.
//! Works locked: it reads no vault.

use glimmer::engine::{self, EngineVersions};

use super::Result;

#[tauri::command]
pub async fn engine_versions() -> Result<EngineVersions> {
    Ok(engine::versions().await?)
}
