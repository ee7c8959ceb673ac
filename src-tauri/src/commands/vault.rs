//! Creating, opening, closing the vault, changing its passphrase, and giving
//! it a new key when a passphrase may have leaked.

use glimmer::passphrase::{APP_WORDS, strength};
use glimmer::vault::OldBackups;
use glimmer::{
    Credential, Error, ErrorCode, ErrorReport, Secret, Settings, Strength, Vault, VaultPaths,
    VaultStatus,
};
use tauri::{AppHandle, Manager, Runtime, State};

use super::Result;
use crate::events::Event;
use crate::state::AppState;

#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> Result<VaultStatus> {
    Ok(VaultStatus {
        exists: VaultPaths::new(&state.dir).exists(),
        unlocked: state.is_unlocked().await,
    })
}

/// Creates the vault and opens it; returns the recovery key to show once.
#[tauri::command]
pub async fn create_vault(state: State<'_, AppState>, passphrase: String) -> Result<String> {
    let (vault, recovery) = Vault::create(&state.dir, &Secret::new(passphrase)).await?;
    let shown = recovery.display().to_string();
    state.set_vault(vault).await;
    Ok(shown)
}

/// The day's backup, in the background so unlocking stays quick; a problem
/// (a second folder that is not there, a full disk) reaches the person.
fn daily_backup<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let Ok(vault) = state.vault().await else {
            return;
        };
        let problem = match vault.daily_backup().await {
            Ok(report) => report.and_then(|r| r.second_copy_problem),
            Err(e) => Some(format!("Today's backup could not be made: {e}")),
        };
        drop(vault);
        if let Some(p) = problem {
            Event::BackupProblem(p).emit(&app);
        }
    });
}

/// What the person typed on the lock screen: the recovery key if given, else
/// the passphrase.
pub(crate) fn credential(
    passphrase: Option<String>,
    recovery_key: Option<String>,
) -> Result<Credential> {
    match (passphrase, recovery_key) {
        (_, Some(k)) => Ok(Credential::RecoveryKey(Secret::new(k))),
        (Some(p), None) => Ok(Credential::Passphrase(Secret::new(p))),
        (None, None) => Err(ErrorReport::new(
            ErrorCode::Invalid,
            "Type your passphrase first.",
        )),
    }
}

#[tauri::command]
pub async fn unlock<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    passphrase: Option<String>,
    recovery_key: Option<String>,
) -> Result<Settings> {
    let with_recovery = recovery_key.is_some();
    let credential = credential(passphrase, recovery_key)?;
    let vault = Vault::unlock(&state.dir, &credential).await?;
    let settings = vault.settings().load().await?;
    state.set_vault(vault).await;
    state.set_unlocked_with_recovery(with_recovery);
    daily_backup(app);
    Ok(settings)
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Result<()> {
    state.lock().await;
    Ok(())
}

/// With the current passphrase, or without it only in a session opened with
/// the recovery key (the person has just proved they hold the vault).
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: Option<String>,
    new: String,
) -> Result<()> {
    let vault = state.vault().await?;
    match current {
        Some(current) => {
            if !vault.verify_passphrase(&Secret::new(current))? {
                return Err(Error::WrongPassphrase.into());
            }
        }
        None if state.unlocked_with_recovery() => {}
        None => {
            return Err(ErrorReport::new(
                ErrorCode::Invalid,
                "Type your current passphrase first; nothing was changed.",
            ));
        }
    }
    vault.change_passphrase(&Secret::new(new)).await?;
    state.set_unlocked_with_recovery(false);
    Ok(())
}

/// A new data key for a passphrase someone else may know: the current
/// passphrase is checked first, then the journal is locked under a new key
/// with `new_passphrase`, and the backups are re-encrypted or deleted as
/// `old_backups` says. Returns the new recovery key, to show once.
#[tauri::command]
pub async fn rekey_vault<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    current_passphrase: String,
    new_passphrase: String,
    old_backups: OldBackups,
) -> Result<String> {
    {
        let vault = state.vault().await?;
        if !vault.verify_passphrase(&Secret::new(current_passphrase))? {
            return Err(Error::WrongPassphrase.into());
        }
    }
    let result = state
        .rekey(&Secret::new(new_passphrase), old_backups)
        .await
        .map(|recovery| recovery.display().to_string());
    if !state.is_unlocked().await {
        Event::Locked.emit(&app);
    }
    result
}

/// How hard a new passphrase would be to guess: a hint while it is typed, so
/// it needs no vault (onboarding has none yet) and changes nothing.
#[tauri::command]
pub async fn passphrase_strength(passphrase: String) -> Result<Strength> {
    let passphrase = Secret::new(passphrase);
    Ok(strength(passphrase.expose(), APP_WORDS))
}
