//! The vault's preferences, and the UI's "the person is here" signal.

use glimmer::Settings;
use tauri::{AppHandle, Runtime, State};

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings> {
    Ok(state.vault().await?.settings().load().await?)
}

#[tauri::command]
pub async fn set_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings> {
    let vault = state.vault().await?;
    // Checked first, so a refused change leaves the login item alone too.
    settings.check()?;
    crate::login::set(&app, settings.start_at_login)?;
    vault.settings().save(&settings).await?;
    state.apply_settings(settings.clone());
    Ok(settings)
}

/// The UI reports that the person is active, so idle locking waits.
#[tauri::command]
pub async fn touch(state: State<'_, AppState>) -> Result<()> {
    state.touch();
    Ok(())
}

/// Held while the self-check and its safety screen are open, so the idle lock
/// can never hide them while they are read.
#[tauri::command]
pub async fn hold_idle_lock(state: State<'_, AppState>, hold: bool) -> Result<()> {
    state.hold_idle_lock(hold);
    Ok(())
}
