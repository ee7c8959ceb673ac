//! `glimmer passwd` and `glimmer recover`: a new passphrase, by the old one or the recovery key.

use std::path::PathBuf;

use clap::Args;
use glimmer::vault::OldBackups;
use glimmer::{Credential, Vault};

use super::{in_vault, vault_dir, with_vault};
use crate::output::{Out, say};
use crate::{CliError, Global, secrets};

#[derive(Args)]
pub struct Passwd {
    /// Read the new passphrase from this file (or set GLIMMER_NEW_PASSWORD)
    #[arg(long, value_name = "FILE")]
    new_password_file: Option<PathBuf>,
}

/// For a passphrase that leaked: a new key for everything, not only a new passphrase.
#[derive(Args)]
pub struct Rekey {
    /// Read the new passphrase from this file (or set GLIMMER_NEW_PASSWORD)
    #[arg(long, value_name = "FILE")]
    new_password_file: Option<PathBuf>,
    /// Delete the old backups instead of re-encrypting them under the new key
    #[arg(long)]
    delete_backups: bool,
    /// Go ahead without asking (for scripts)
    #[arg(long)]
    yes: bool,
}

#[derive(Args)]
pub struct Recover {
    /// Read the recovery key from this file (or set GLIMMER_RECOVERY_KEY)
    #[arg(long, value_name = "FILE")]
    recovery_key_file: Option<PathBuf>,
    /// Read the new passphrase from this file (or set GLIMMER_NEW_PASSWORD)
    #[arg(long, value_name = "FILE")]
    new_password_file: Option<PathBuf>,
}

/// Asked for once the vault is open, so a wrong old secret fails first.
async fn set_new_passphrase(v: &Vault, file: Option<PathBuf>) -> Result<(), CliError> {
    let new = secrets::obtain_new(file.as_deref(), "GLIMMER_NEW_PASSWORD")?;
    Ok(v.change_passphrase(&new).await?)
}

impl Passwd {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        with_vault(g, async |v| {
            set_new_passphrase(v, self.new_password_file).await
        })
        .await?;
        g.out()
            .message("Your passphrase is changed. The recovery key stays the same.");
        Ok(())
    }
}

/// What a new key does, said before it starts.
const REKEY_EXPLAINED: &str = "A new key is for a passphrase someone else may know. Glimmer will:
  - copy your journal under a brand-new key, and remove the copy under the old one;
  - ask for a new passphrase and show you a new recovery key (the old one stops working);
  - re-encrypt every backup under the new key (or delete them, with --delete-backups),
    so the old passphrase opens nothing any more.
It takes a moment per backup. If it is interrupted, your journal still opens.";

impl Rekey {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let dir = vault_dir(g)?;
        let pass = secrets::obtain(
            g.password_file.as_deref(),
            "GLIMMER_PASSWORD",
            "Current passphrase: ",
        )?;
        if !self.yes {
            if secrets::stdin_is_terminal() {
                eprintln!("{REKEY_EXPLAINED}");
            }
            let go = secrets::ask_yes(
                "Go ahead?",
                "A new key replaces your passphrase and recovery key, so Glimmer asks first, and there is no terminal to ask on. Add --yes to go ahead; nothing was changed.",
            )?;
            if !go {
                g.out().message("Nothing was changed.");
                return Ok(());
            }
        }
        let old = if self.delete_backups {
            OldBackups::Delete
        } else {
            OldBackups::Reencrypt
        };
        let mut vault = Vault::unlock(&dir, &Credential::Passphrase(pass)).await?;
        let new =
            match secrets::obtain_new(self.new_password_file.as_deref(), "GLIMMER_NEW_PASSWORD") {
                Ok(new) => new,
                Err(e) => {
                    vault.lock().await;
                    return Err(e);
                }
            };
        let recovery = vault.rekey(&new, old).await;
        vault.lock().await;
        g.out().rekeyed(&recovery?.display());
        Ok(())
    }
}

impl Recover {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let dir = vault_dir(g)?;
        let key = secrets::obtain(
            self.recovery_key_file.as_deref(),
            "GLIMMER_RECOVERY_KEY",
            "Recovery key: ",
        )?;
        in_vault(dir, &Credential::RecoveryKey(key), async |v| {
            set_new_passphrase(v, self.new_password_file).await
        })
        .await?;
        g.out().message(
            "Your vault is open again with the new passphrase. The recovery key stays the same.",
        );
        Ok(())
    }
}

impl Out {
    fn rekeyed(&self, recovery: &str) {
        if self.json {
            return self.json(&serde_json::json!({ "recovery_key": recovery }));
        }
        say!("Your journal and its backups are under a new key, opened by your new passphrase.");
        say!();
        say!("Your new recovery key (shown only now; the old one no longer works):");
        say!();
        say!("    {recovery}");
        say!();
        say!("Write it down or print it and keep it somewhere safe.");
    }
}
