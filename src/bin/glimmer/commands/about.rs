//! `glimmer about`: this Glimmer's version and the database engine inside it.
//! Needs no vault and no passphrase.

use crate::{CliError, Global};

pub async fn run(g: &Global) -> Result<(), CliError> {
    g.out().about(&glimmer::engine::versions().await?);
    Ok(())
}
