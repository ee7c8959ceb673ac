//! `glimmer about`: this Glimmer's version and the database engine inside it.
//! Needs no vault and no passphrase.

use glimmer::engine::EngineVersions;

use crate::output::{Out, say};
use crate::{CliError, Global};

pub async fn run(g: &Global) -> Result<(), CliError> {
    g.out().about(&glimmer::engine::versions().await?);
    Ok(())
}

impl Out {
    fn about(&self, v: &EngineVersions) {
        if self.json {
            return self.json(v);
        }
        say!("Glimmer {}", v.glimmer);
        say!(
            "Database engine: SQLite {} with SQLCipher {}",
            v.sqlite,
            v.sqlcipher
        );
    }
}
