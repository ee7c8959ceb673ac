//! `glimmer backup list|now|restore` and `glimmer check`.

use clap::{Args, Subcommand};

use super::with_vault;
use crate::{CliError, Global, msg, secrets};

#[derive(Subcommand)]
pub enum Backup {
    /// The backups kept in the vault's folder, newest first, with what each holds
    List,
    /// Take a checked backup now (and copy it to your second folder, if set)
    Now,
    /// Put the vault back as a backup holds it; the current state is kept as a backup first
    Restore(Restore),
}

#[derive(Args)]
pub struct Restore {
    /// The backup's name, from `glimmer backup list`
    name: String,
    /// Restore without asking (for scripts; there is no undo but the backup it keeps first)
    #[arg(long)]
    yes: bool,
}

impl Backup {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let out = g.out();
        match self {
            Backup::List => {
                // Without opening the journal, which may be what is damaged.
                let (dir, credential) = super::vault_and_passphrase(g)?;
                let list = glimmer::Vault::backups_in_dir(&dir, &credential).await?;
                out.backups(&list);
            }
            Backup::Now => {
                let report = with_vault(g, async |v| Ok(v.backup_now("manual").await?)).await?;
                out.backup_taken(&report);
            }
            Backup::Restore(r) => {
                let (dir, credential) = super::vault_and_passphrase(g)?;
                let preview =
                    glimmer::Vault::backup_preview_in_dir(&dir, &credential, &r.name).await?;
                if !r.yes && !confirm(&out, &preview)? {
                    out.message("Nothing was changed.");
                    return Ok(());
                }
                let (vault, _) = glimmer::Vault::restore_in_dir(&dir, &credential, &r.name).await?;
                vault.lock().await;
                out.message(&format!(
                    "Restored the backup of {}. What was there before is kept: as a backup when it could be read (`glimmer backup list` shows it), or set aside beside the vault when it was damaged.",
                    crate::output::local(preview.taken_at)
                ));
            }
        }
        Ok(())
    }
}

/// Shows what the backup holds and asks; without a terminal, `--yes` is needed.
fn confirm(
    out: &crate::output::Out,
    preview: &glimmer::vault::BackupInfo,
) -> Result<bool, CliError> {
    if secrets::stdin_is_terminal() {
        out.backups(std::slice::from_ref(preview));
    }
    secrets::ask_yes(
        "Restore this backup? What is there now is kept as a backup first.",
        "Restoring replaces what is in the vault now, so Glimmer asks first, and there is no terminal to ask on. Add --yes to restore anyway; nothing was changed.",
    )
}

#[derive(Args)]
pub struct Check;

impl Check {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let report = with_vault(g, async |v| {
            // The day's backup first, so a vault checked on its first day has one.
            v.daily_backup().await?;
            Ok(v.check().await?)
        })
        .await?;
        g.out().check(&report);
        if report.ok {
            Ok(())
        } else {
            Err(msg(
                "The check found something that needs attention (see above).",
            ))
        }
    }
}
