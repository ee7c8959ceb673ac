//! `glimmer init`.

use std::path::Path;

use serde::Serialize;

use super::vault_dir;
use crate::output::{Out, say};
use crate::{CliError, Global, secrets};

pub async fn run(g: &Global) -> Result<(), CliError> {
    let dir = vault_dir(g)?;
    let pass = secrets::obtain_new(g.password_file.as_deref(), "GLIMMER_PASSWORD")?;
    let (vault, recovery) = glimmer::Vault::create(&dir, &pass).await?;
    vault.lock().await;
    g.out().created(&dir, &recovery.display());
    Ok(())
}

#[derive(Serialize)]
struct Created<'a> {
    vault: &'a Path,
    recovery_key: &'a str,
}

impl Out {
    fn created(&self, dir: &Path, recovery: &str) {
        if self.json {
            return self.json(&Created {
                vault: dir,
                recovery_key: recovery,
            });
        }
        say!("Your vault is ready at {}.", dir.display());
        say!();
        say!("Your recovery key (shown only now):");
        say!();
        say!("    {recovery}");
        say!();
        say!("Write it down or print it and keep it somewhere safe. If you forget your");
        say!("passphrase, it is the only way back in: `glimmer recover`.");
    }
}
