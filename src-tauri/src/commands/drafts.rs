//! Unfinished entries, saved as the person types.

use glimmer::Entry;
use glimmer::journal::{Draft, DraftInput};
use tauri::State;

use glimmer::storage::parse_id;

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, draft: DraftInput) -> Result<Draft> {
    Ok(state.vault().await?.journal().save_draft(&draft).await?)
}

#[tauri::command]
pub async fn list_drafts(state: State<'_, AppState>) -> Result<Vec<Draft>> {
    Ok(state.vault().await?.journal().drafts().await?)
}

#[tauri::command]
pub async fn discard_draft(state: State<'_, AppState>, id: String) -> Result<()> {
    let id = parse_id(&id, "draft")?;
    Ok(state.vault().await?.journal().discard_draft(id).await?)
}

#[tauri::command]
pub async fn publish_draft(state: State<'_, AppState>, id: String) -> Result<Entry> {
    let id = parse_id(&id, "draft")?;
    Ok(state.vault().await?.journal().publish_draft(id).await?)
}
