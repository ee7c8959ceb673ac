//! Check-ins: mood, intensity, emotion words, where it sits in the body.

use glimmer::checkin::{Checkin, CheckinInput, Vocabulary};
use tauri::State;

use glimmer::storage::parse_id;

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub fn checkin_vocabulary() -> Vocabulary {
    glimmer::checkin::vocabulary()
}

#[tauri::command]
pub async fn create_checkin(state: State<'_, AppState>, input: CheckinInput) -> Result<Checkin> {
    Ok(state.vault().await?.checkins().create(&input).await?)
}

#[tauri::command]
pub async fn update_checkin(
    state: State<'_, AppState>,
    id: String,
    input: CheckinInput,
) -> Result<Checkin> {
    let id = parse_id(&id, "check-in")?;
    Ok(state.vault().await?.checkins().update(id, &input).await?)
}

#[tauri::command]
pub async fn delete_checkin(state: State<'_, AppState>, id: String) -> Result<()> {
    let id = parse_id(&id, "check-in")?;
    Ok(state.vault().await?.checkins().delete(id).await?)
}

#[tauri::command]
pub async fn recent_checkins(state: State<'_, AppState>, limit: u32) -> Result<Vec<Checkin>> {
    Ok(state.vault().await?.checkins().recent(limit).await?)
}
