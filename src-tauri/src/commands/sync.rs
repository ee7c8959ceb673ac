//! Using the journal on another computer: sync through a folder the person
//! already keeps in step (docs/sync.md). Settings starts it and shows where it
//! stands; a new computer joins at setup; the shell's loop (`sync_loop.rs`)
//! keeps it going.

use glimmer::sync::{self, Device, Progress, Report, Status};
use glimmer::{Entry, Error, Settings, VaultPaths};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use super::Result;
use super::vault::credential;
use crate::state::AppState;

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Result<Status> {
    Ok(state.vault().await?.sync().status().await?)
}

/// Starts syncing through the folder typed (a full path, or `~/…`).
#[tauri::command]
pub async fn sync_start(state: State<'_, AppState>, folder: String) -> Result<Report> {
    let folder = glimmer::export::full_path(&folder, "folder")?;
    let report = state.vault().await?.sync().init(&folder).await?;
    state.wake_sync();
    Ok(report)
}

/// Writes what changed here and reads the others' now; views that show what
/// arrived read again.
#[tauri::command]
pub async fn sync_now<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<Report> {
    let report = state.vault().await?.sync().now().await?;
    crate::sync_loop::tell(&app, &report);
    Ok(report)
}

/// Stops reading a computer that is gone (what it wrote stays).
#[tauri::command]
pub async fn sync_remove_device(state: State<'_, AppState>, device: String) -> Result<Device> {
    Ok(state.vault().await?.sync().remove_device(&device).await?)
}

/// An entry edited on two computers: the version kept in place is the one
/// wanted, the copy goes to the trash.
#[tauri::command]
pub async fn sync_dismiss_copy(state: State<'_, AppState>, copy: String) -> Result<()> {
    Ok(state.vault().await?.sync().dismiss(&copy).await?)
}

/// An entry edited on two computers: both versions stay, as two entries.
#[tauri::command]
pub async fn sync_keep_both(state: State<'_, AppState>, copy: String) -> Result<()> {
    Ok(state.vault().await?.sync().keep_both(&copy).await?)
}

/// An entry edited on two computers: both versions into the one in place, for
/// the person to tidy; the copy goes to the trash.
#[tauri::command]
pub async fn sync_merge(state: State<'_, AppState>, copy: String) -> Result<Entry> {
    Ok(state.vault().await?.sync().merge(&copy).await?)
}

/// Makes this computer's vault from the folder another computer syncs
/// through, opened with that journal's passphrase or recovery key, and opens
/// it. Only where there is no vault yet.
#[tauri::command]
pub async fn sync_join(
    state: State<'_, AppState>,
    folder: String,
    passphrase: Option<String>,
    recovery_key: Option<String>,
    on_progress: Channel<Progress>,
) -> Result<Settings> {
    if VaultPaths::new(&state.dir).exists() {
        return Err(Error::invalid(
            "folder",
            "This computer already has a Glimmer journal, so nothing was changed. To sync it, open it and use Settings → Use on another computer.",
        )
        .into());
    }
    let folder = glimmer::export::full_path(&folder, "folder")?;
    let credential = credential(passphrase, recovery_key)?;
    // A page that went away no longer hears progress; the join goes on.
    let vault = sync::join(&folder, &state.dir, &credential, &mut |p| {
        drop(on_progress.send(p))
    })
    .await?;
    let settings = vault.settings().load().await?;
    state.set_vault(vault).await;
    Ok(settings)
}
