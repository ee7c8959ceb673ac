//! The one error of the core: a small closed set of kinds, each carrying a
//! plain sentence for people. Every area returns it; front ends map `code()`
//! to their own reactions and may add their own hints.

use std::path::{Path, PathBuf};

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that cannot be accepted; `field` names what to fix.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("{0}")]
    NotFound(String),
    #[error("Glimmer is locked. Unlock it to go on.")]
    Locked,
    #[error(
        "That passphrase doesn't open this vault. Check it and try again, or use your recovery key."
    )]
    WrongPassphrase,
    /// The recovery key is wrong or not shaped like one; the sentence says which.
    #[error("{0}")]
    WrongRecoveryKey(&'static str),
    #[error("There is no Glimmer vault at {} yet.", .0.display())]
    VaultMissing(PathBuf),
    #[error("A Glimmer vault already exists at {}; nothing was changed.", .0.display())]
    VaultExists(PathBuf),
    #[error("{} is not a Glimmer vault ({reason}).", .path.display())]
    NotAVault { path: PathBuf, reason: String },
    /// A newer Glimmer changed the vault in a way this one cannot read: what
    /// it needs (a reader version, or a schema migration) and what this reads.
    #[error(
        "This vault has been opened by a newer Glimmer, and this Glimmer ({version}) cannot read it safely. Nothing was changed. Open it with the newer Glimmer, or update this one.",
        version = env!("CARGO_PKG_VERSION")
    )]
    NewerVersion { needed: u32, ours: u32 },
    /// Another Glimmer holds the vault; the sentence says what to do.
    #[error("{0}")]
    Busy(&'static str),
    /// A file of the vault is damaged; the sentence names it and what is safe.
    #[error("{0}")]
    Damaged(String),
    #[error(
        "The disk is full, so this could not be saved. Nothing already saved was lost; free some space and try again."
    )]
    DiskFull,
    #[error("Glimmer could not use {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Something on Glimmer's side that the person cannot fix by retrying differently.
    #[error("Something went wrong inside Glimmer ({0}). Nothing saved was changed.")]
    Internal(String),
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    /// A file could not be used; a full disk is said as such, whatever the file.
    pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
        move |source| {
            if source.kind() == std::io::ErrorKind::StorageFull {
                return Error::DiskFull;
            }
            Error::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Locked => ErrorCode::Locked,
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::WrongRecoveryKey(_) => ErrorCode::WrongRecoveryKey,
            Error::VaultMissing(_) => ErrorCode::VaultMissing,
            Error::VaultExists(_) => ErrorCode::VaultExists,
            Error::NotAVault { .. } => ErrorCode::NotAVault,
            Error::NewerVersion { .. } => ErrorCode::NewerVersion,
            Error::Busy(_) => ErrorCode::VaultBusy,
            Error::Damaged(_) => ErrorCode::Damaged,
            Error::DiskFull => ErrorCode::DiskFull,
            Error::Io { .. } => ErrorCode::Io,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }
}

/// SQLite's primary result codes, told in plain words.
impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::from_sqlx_ref(&e)
    }
}

impl Error {
    /// [`From<sqlx::Error>`] for an error that is still needed afterwards.
    pub fn from_sqlx_ref(e: &sqlx::Error) -> Self {
        // Extended result codes keep the primary code in their low byte.
        let code = e
            .as_database_error()
            .and_then(|d| d.code())
            .and_then(|c| c.parse::<i64>().ok())
            .map(|c| c & 0xff);
        match code {
            Some(13) => Error::DiskFull,
            Some(5) | Some(6) => {
                Error::Busy("The vault is busy with another Glimmer; try again in a moment.")
            }
            Some(26) => Error::Damaged(
                "The vault database could not be read with its key: it is damaged or was replaced."
                    .into(),
            ),
            Some(11) => Error::Damaged(format!("The vault database is damaged ({e}).")),
            _ => Error::Internal(format!("storage: {e}")),
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    VaultMissing,
    VaultExists,
    NotAVault,
    NewerVersion,
    WrongPassphrase,
    WrongRecoveryKey,
    VaultBusy,
    Damaged,
    DiskFull,
    NotFound,
    Invalid,
    Io,
    /// The vault is locked; unlock it first.
    Locked,
    Internal,
}

/// What crosses a boundary (IPC, `--json`): a stable code and a plain sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
}

impl ErrorReport {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<Error> for ErrorReport {
    fn from(e: Error) -> Self {
        Self::new(e.code(), e.to_string())
    }
}

impl std::fmt::Display for ErrorReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
