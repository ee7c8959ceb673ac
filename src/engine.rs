//! Which database engine this build carries: SQLite and the SQLCipher around
//! it are compiled in, so their versions are facts of the build that a person
//! (or a security notice) may ask about. Reads no vault and needs no key.

use serde::Serialize;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::error::Result;

/// Glimmer's version and the versions of the database engine it was built with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EngineVersions {
    /// This Glimmer, e.g. "0.2.0".
    pub glimmer: String,
    /// SQLite's `sqlite_version()`, e.g. "3.54.1".
    pub sqlite: String,
    /// SQLCipher's `PRAGMA cipher_version`, e.g. "4.20.0 community".
    pub sqlcipher: String,
}

/// Asks the engine itself, on a throwaway in-memory database.
pub async fn versions() -> Result<EngineVersions> {
    // As when a vault opens (vault/open.rs): OpenSSL started without its exit
    // handler, which could free memory twice as the process ends.
    openssl_sys::init();
    let mut conn = SqliteConnectOptions::new()
        .in_memory(true)
        .connect()
        .await?;
    let sqlite: String = sqlx::query_scalar("SELECT sqlite_version()")
        .fetch_one(&mut conn)
        .await?;
    // SQLCipher answers this before any key is set.
    let sqlcipher: String = sqlx::query_scalar("PRAGMA cipher_version")
        .fetch_one(&mut conn)
        .await?;
    conn.close().await?;
    Ok(EngineVersions {
        glimmer: env!("CARGO_PKG_VERSION").to_string(),
        sqlite,
        sqlcipher,
    })
}
