//! `glimmer init`.

use super::vault_dir;
use crate::{CliError, Global, secrets};

pub async fn run(g: &Global) -> Result<(), CliError> {
    let dir = vault_dir(g)?;
    let pass = secrets::obtain_new(g.password_file.as_deref(), "GLIMMER_PASSWORD")?;
    let (vault, recovery) = glimmer::Vault::create(&dir, &pass).await?;
    vault.lock().await;
    g.out().created(&dir, &recovery.display());
    Ok(())
}
