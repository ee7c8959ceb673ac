//! The subcommands, one module per group, and the one way they reach the vault.

pub mod about;
pub mod activity;
pub mod backup;
pub mod bench;
pub mod chart;
pub mod checkin;
pub mod crisis;
pub mod export;
pub mod export_files;
pub mod generate;
pub mod import;
pub mod init;
pub mod journal;
pub mod passwd;
pub mod phq9;
pub mod plan;
pub mod report;
pub mod safety;
pub mod search;
pub mod sync;
pub mod timer;

use std::path::PathBuf;

use glimmer::{Credential, Vault, VaultPaths};

use crate::{CliError, Global, msg, secrets};

pub fn vault_dir(g: &Global) -> Result<PathBuf, CliError> {
    g.vault
        .clone()
        .or_else(VaultPaths::default_dir)
        .ok_or_else(|| msg("Glimmer could not find a data directory here; pass --vault DIR."))
}

/// Unlocks the vault with the passphrase, runs `work` in it, and locks it again.
pub async fn with_vault<T>(
    g: &Global,
    work: impl AsyncFnOnce(&Vault) -> Result<T, CliError>,
) -> Result<T, CliError> {
    let (dir, credential) = vault_and_passphrase(g)?;
    in_vault(dir, &credential, work).await
}

/// The vault's folder and the passphrase for it. A folder with no vault (not
/// even backups to restore) is named before a passphrase is asked for.
pub fn vault_and_passphrase(g: &Global) -> Result<(PathBuf, Credential), CliError> {
    let dir = vault_dir(g)?;
    if !VaultPaths::new(&dir).exists() && !dir.join("backups").is_dir() {
        return Err(glimmer::Error::VaultMissing(dir).into());
    }
    let pass = secrets::obtain(
        g.password_file.as_deref(),
        "GLIMMER_PASSWORD",
        "Passphrase: ",
    )?;
    Ok((dir, Credential::Passphrase(pass)))
}

/// Runs `work` in the vault opened with `credential` and locks it afterwards,
/// also when the work fails, so the WAL is folded back and the key zeroed.
pub async fn in_vault<T>(
    dir: PathBuf,
    credential: &Credential,
    work: impl AsyncFnOnce(&Vault) -> Result<T, CliError>,
) -> Result<T, CliError> {
    let vault = Vault::unlock(dir, credential).await?;
    let result = match tell_about_place(&vault).await {
        Ok(()) => work(&vault).await,
        Err(e) => Err(e),
    };
    // The daily backup, after the work so a quick command stays quick; a
    // backup that cannot be made is said, and changes nothing of the result.
    if let Err(e) = vault.daily_backup().await {
        eprintln!("The daily backup could not be made: {e}");
    }
    vault.lock().await;
    result
}

/// Says once, on stderr, that the vault is in a folder a sync service copies,
/// and how to use that service safely; again only after the vault moves.
pub async fn tell_about_place(vault: &Vault) -> Result<(), CliError> {
    let settings = vault.settings();
    if let Some(warning) = settings.sync_warning().await? {
        eprintln!("{}", warning.message);
        settings.sync_warning_shown().await?;
    }
    Ok(())
}
