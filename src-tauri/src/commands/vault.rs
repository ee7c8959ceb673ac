//! Creating, opening, closing the vault and changing its passphrase.

use glimmer::{
    Credential, ErrorCode, ErrorReport, Secret, Settings, Vault, VaultPaths, VaultStatus,
};
use tauri::State;

use super::Result;
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
    if passphrase.is_empty() {
        return Err(ErrorReport::new(
            ErrorCode::Invalid,
            "Choose a passphrase first.",
        ));
    }
    let (vault, recovery) = Vault::create(&state.dir, &Secret::new(passphrase)).await?;
    let shown = recovery.display().to_string();
    state.set_vault(vault).await;
    Ok(shown)
}

#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    passphrase: Option<String>,
    recovery_key: Option<String>,
) -> Result<Settings> {
    let credential = match (passphrase, recovery_key) {
        (_, Some(k)) => Credential::RecoveryKey(Secret::new(k)),
        (Some(p), None) => Credential::Passphrase(Secret::new(p)),
        (None, None) => {
            return Err(ErrorReport::new(
                ErrorCode::Invalid,
                "Type your passphrase first.",
            ));
        }
    };
    let vault = Vault::unlock(&state.dir, &credential).await?;
    let settings = vault.settings().await?;
    state.set_vault(vault).await;
    Ok(settings)
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Result<()> {
    state.lock().await;
    Ok(())
}

/// With the current passphrase, or right after unlocking with the recovery key.
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: Option<String>,
    new: String,
) -> Result<()> {
    let vault = state.vault().await?;
    if let Some(current) = current
        && !vault.verify_passphrase(&Secret::new(current))?
    {
        return Err(ErrorReport::new(
            ErrorCode::WrongPassphrase,
            "That passphrase doesn't open this vault. Check it and try again, or use your recovery key.",
        ));
    }
    if new.is_empty() {
        return Err(ErrorReport::new(
            ErrorCode::Invalid,
            "The new passphrase is empty; nothing was changed.",
        ));
    }
    vault.change_passphrase(&Secret::new(new)).await?;
    Ok(())
}
