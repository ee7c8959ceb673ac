//! Backups: the list, one now, a preview, and restoring one.

use glimmer::vault::{BackupInfo, BackupReport};
use tauri::{AppHandle, Emitter, Runtime, State};

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    Ok(state.vault().await?.backups().await)
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupReport> {
    Ok(state.vault().await?.backup_now("manual").await?)
}

#[tauri::command]
pub async fn backup_preview(state: State<'_, AppState>, name: String) -> Result<BackupInfo> {
    Ok(state.vault().await?.backup_preview(&name).await?)
}

/// Restores and reopens the vault; if the vault could not be reopened the UI
/// hears it is locked, so it asks for the passphrase again.
#[tauri::command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: String,
) -> Result<BackupInfo> {
    let result = state.restore(&name).await;
    if !state.is_unlocked().await {
        let _ = app.emit(crate::LOCKED_EVENT, ());
    }
    result
}
