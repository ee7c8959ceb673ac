//! An advisory lock on `vault.lock`: shared while a vault is open, exclusive
//! while it is created, upgraded or restored. The OS drops it if we are killed.
//! Changing between shared and exclusive converts the lock on the same file
//! description instead of releasing it, so no other Glimmer can slip in.

use std::fs::{File, OpenOptions};
use std::path::PathBuf;
use std::time::Duration;

use super::VaultPaths;
use crate::error::{Error, Result};

const BUSY: &str = "Another Glimmer is upgrading, restoring or holding this vault open for that right now. Close it or wait, then try again.";

pub(super) struct DirLock {
    file: File,
    path: PathBuf,
}

#[derive(Clone, Copy)]
pub(super) enum LockMode {
    Shared,
    Exclusive,
}

impl DirLock {
    pub(super) fn acquire(paths: &VaultPaths, mode: LockMode) -> Result<Self> {
        let path = paths.lock_file();
        let mut opts = OpenOptions::new();
        opts.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let file = opts.open(&path).map_err(Error::io(&path))?;
        let lock = Self { file, path };
        lock.set(mode)?;
        Ok(lock)
    }

    /// Takes (or converts to) `mode`, waiting briefly: a process being spawned
    /// elsewhere can hold a copy of our descriptor for a moment before exec.
    pub(super) fn set(&self, mode: LockMode) -> Result<()> {
        for attempt in 0..20 {
            let r = match mode {
                LockMode::Shared => self.file.try_lock_shared(),
                LockMode::Exclusive => self.file.try_lock(),
            };
            match r {
                Ok(()) => return Ok(()),
                Err(std::fs::TryLockError::WouldBlock) if attempt < 19 => {
                    std::thread::sleep(Duration::from_millis(25))
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(Error::Busy(BUSY)),
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&self.path)(e)),
            }
        }
        Err(Error::Busy(BUSY))
    }
}
