//! One error for callers of the core (the CLI, later the desktop shell), with
//! a closed set of codes they can match on and a plain sentence for people.

use serde::Serialize;

use crate::journal::JournalError;
use crate::storage::StorageError;
use crate::vault::VaultError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Journal(#[from] JournalError),
}

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
    Internal,
}

fn storage_code(e: &StorageError) -> ErrorCode {
    match e {
        StorageError::DiskFull => ErrorCode::DiskFull,
        StorageError::Busy => ErrorCode::VaultBusy,
        StorageError::NotADatabase | StorageError::Corrupt(_) => ErrorCode::Damaged,
        StorageError::Other(_) => ErrorCode::Internal,
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Vault(v) => match v {
                VaultError::Missing(_) => ErrorCode::VaultMissing,
                VaultError::AlreadyExists(_) => ErrorCode::VaultExists,
                VaultError::NotAVault(..) => ErrorCode::NotAVault,
                VaultError::NewerVersion { .. } => ErrorCode::NewerVersion,
                VaultError::WrongPassphrase => ErrorCode::WrongPassphrase,
                VaultError::WrongRecoveryKey | VaultError::MalformedRecoveryKey => {
                    ErrorCode::WrongRecoveryKey
                }
                VaultError::Busy => ErrorCode::VaultBusy,
                VaultError::KeyFileDamaged(_) | VaultError::Backup(_) | VaultError::Migrate(_) => {
                    ErrorCode::Damaged
                }
                VaultError::Storage(s) => storage_code(s),
                VaultError::Io { .. } => ErrorCode::Io,
            },
            Error::Journal(j) => match j {
                JournalError::NotFound(_) => ErrorCode::NotFound,
                JournalError::Ambiguous(_) | JournalError::Invalid(_) => ErrorCode::Invalid,
                JournalError::Storage(s) => storage_code(s),
            },
        }
    }
}
