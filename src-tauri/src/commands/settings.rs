//! The vault's preferences, and the UI's "the person is here" signal.

use glimmer::Settings;
use tauri::State;

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings> {
    Ok(state.vault().await?.settings().await?)
}

#[tauri::command]
pub async fn set_settings(state: State<'_, AppState>, settings: Settings) -> Result<Settings> {
    state.vault().await?.save_settings(&settings).await?;
    state.apply_settings(settings.clone());
    Ok(settings)
}

/// The UI reports that the person is active, so idle locking waits.
#[tauri::command]
pub async fn touch(state: State<'_, AppState>) -> Result<()> {
    state.touch();
    Ok(())
}
