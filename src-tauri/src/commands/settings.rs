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

/// How many screens that must not vanish are open (the self-check, the safety
/// screen, Need help now, the safety plan), so the idle lock never hides them
/// while they are read; `seq` orders the UI's words.
#[tauri::command]
pub async fn hold_idle_lock(state: State<'_, AppState>, count: u32, seq: u64) -> Result<()> {
    state.hold_idle_lock(count, seq);
    Ok(())
}
