//! What can go wrong in SQLite, told in plain words, and small helpers shared
//! by every area that stores data.

use sqlx::SqliteExecutor;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error(
        "The disk is full, so this could not be saved. Nothing already saved was lost; free some space and try again."
    )]
    DiskFull,
    #[error("The vault is busy with another Glimmer; try again in a moment.")]
    Busy,
    #[error("The vault database could not be read with its key.")]
    NotADatabase,
    #[error("The vault database is damaged ({0}). Your backups are in the vault's backups folder.")]
    Corrupt(String),
    #[error("A storage error occurred: {0}")]
    Other(sqlx::Error),
}

impl From<sqlx::Error> for StorageError {
    fn from(e: sqlx::Error) -> Self {
        // SQLite primary result codes; extended codes keep them in the low byte.
        let code = e
            .as_database_error()
            .and_then(|d| d.code())
            .and_then(|c| c.parse::<i64>().ok())
            .map(|c| c & 0xff);
        match code {
            Some(13) => StorageError::DiskFull,
            Some(5) | Some(6) => StorageError::Busy,
            Some(26) => StorageError::NotADatabase,
            Some(11) => StorageError::Corrupt(e.to_string()),
            _ => StorageError::Other(e),
        }
    }
}

/// `PRAGMA integrity_check`, joined into one line ("ok" when sound).
pub async fn integrity_check<'e>(db: impl SqliteExecutor<'e>) -> Result<String, StorageError> {
    let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(db)
        .await?;
    Ok(rows.join("; "))
}
