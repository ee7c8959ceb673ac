//! `glimmer passwd` and `glimmer recover`: a new passphrase, by the old one or the recovery key.

use std::path::PathBuf;

use clap::Args;
use glimmer::{Credential, Vault};

use super::{in_vault, vault_dir, with_vault};
use crate::{CliError, Global, secrets};

#[derive(Args)]
pub struct Passwd {
    /// Read the new passphrase from this file (or set GLIMMER_NEW_PASSWORD)
    #[arg(long, value_name = "FILE")]
    new_password_file: Option<PathBuf>,
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
