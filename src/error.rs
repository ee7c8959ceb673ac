//! One error for callers of the core (the CLI, later the desktop shell), with
//! a closed set of codes they can match on and a plain sentence for people.

use serde::Serialize;

use crate::assess::AssessStoreError;
use crate::checkin::CheckinError;
use crate::insights::InsightsError;
use crate::journal::JournalError;
use crate::storage::StorageError;
use crate::vault::VaultError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Checkin(#[from] CheckinError),
    #[error(transparent)]
    Assess(#[from] AssessStoreError),
    #[error(transparent)]
    Insights(#[from] InsightsError),
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

    pub fn locked() -> Self {
        Self::new(ErrorCode::Locked, "Glimmer is locked. Unlock it to go on.")
    }
}

impl<E: Into<Error>> From<E> for ErrorReport {
    fn from(e: E) -> Self {
        let e = e.into();
        Self::new(e.code(), e.to_string())
    }
}

impl std::fmt::Display for ErrorReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn storage_code(e: &StorageError) -> ErrorCode {
    match e {
        StorageError::DiskFull => ErrorCode::DiskFull,
        StorageError::Busy => ErrorCode::VaultBusy,
        StorageError::NotADatabase | StorageError::Corrupt(_) => ErrorCode::Damaged,
        StorageError::Other(_) => ErrorCode::Internal,
    }
}

fn journal_code(e: &JournalError) -> ErrorCode {
    match e {
        JournalError::NotFound(_) => ErrorCode::NotFound,
        JournalError::Ambiguous(_) | JournalError::Invalid(_) => ErrorCode::Invalid,
        JournalError::Storage(s) => storage_code(s),
    }
}

fn checkin_code(e: &CheckinError) -> ErrorCode {
    match e {
        CheckinError::NotFound(_) => ErrorCode::NotFound,
        CheckinError::Invalid(_) => ErrorCode::Invalid,
        CheckinError::Storage(s) => storage_code(s),
    }
}

fn assess_code(e: &AssessStoreError) -> ErrorCode {
    match e {
        AssessStoreError::Invalid(_) => ErrorCode::Invalid,
        AssessStoreError::Storage(s) => storage_code(s),
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
            Error::Journal(j) => journal_code(j),
            Error::Checkin(c) => checkin_code(c),
            Error::Assess(a) => assess_code(a),
            Error::Insights(i) => match i {
                InsightsError::Chart(_) => ErrorCode::Internal,
                InsightsError::Checkin(c) => checkin_code(c),
                InsightsError::Assess(a) => assess_code(a),
                InsightsError::Journal(j) => journal_code(j),
            },
        }
    }
}
