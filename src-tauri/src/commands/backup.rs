//! Backups: the list, one now, a preview, and restoring one; and the same
//! from the lock screen, when the journal itself cannot be opened.

use glimmer::vault::{BackupInfo, BackupReport};
use glimmer::{ErrorCode, ErrorReport, Settings, Vault};
use tauri::{AppHandle, Runtime, State};

use super::Result;
use super::vault::credential;
use crate::events::Event;
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
        Event::Locked.emit(&app);
    }
    result
}

/// The backups, while locked: the passphrase or recovery key just typed is
/// checked against each backup's own key slots, so this works when the
/// journal is missing or damaged.
#[tauri::command]
pub async fn locked_backups(
    state: State<'_, AppState>,
    passphrase: Option<String>,
    recovery_key: Option<String>,
) -> Result<Vec<BackupInfo>> {
    let credential = credential(passphrase, recovery_key)?;
    Ok(Vault::backups_in_dir(&state.dir, &credential).await?)
}

/// What one backup holds, while locked.
#[tauri::command]
pub async fn locked_backup_preview(
    state: State<'_, AppState>,
    passphrase: Option<String>,
    recovery_key: Option<String>,
    name: String,
) -> Result<BackupInfo> {
    let credential = credential(passphrase, recovery_key)?;
    Ok(Vault::backup_preview_in_dir(&state.dir, &credential, &name).await?)
}

/// Restores a backup from the lock screen and opens the vault, as `unlock`
/// does (the restore itself was checked, so no daily backup follows).
#[tauri::command]
pub async fn restore_locked(
    state: State<'_, AppState>,
    passphrase: Option<String>,
    recovery_key: Option<String>,
    name: String,
) -> Result<Settings> {
    if state.is_unlocked().await {
        return Err(ErrorReport::new(
            ErrorCode::Invalid,
            "Glimmer is already open: restore from Settings, under Backups. Nothing was changed.",
        ));
    }
    let with_recovery = recovery_key.is_some();
    let credential = credential(passphrase, recovery_key)?;
    let (vault, _restored) = Vault::restore_in_dir(&state.dir, &credential, &name).await?;
    let settings = vault.settings().load().await?;
    state.set_vault(vault).await;
    state.set_unlocked_with_recovery(with_recovery);
    Ok(settings)
}
