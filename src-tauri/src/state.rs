//! What the shell holds between commands: where the vault lives, the vault
//! itself while unlocked, and when the person last did something.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use glimmer::{ErrorReport, Settings, Vault};
use tokio::sync::{RwLock, RwLockReadGuard};

pub struct AppState {
    pub dir: PathBuf,
    vault: RwLock<Option<Vault>>,
    /// Wall-clock time, so time spent asleep counts as idle.
    last_activity: Mutex<SystemTime>,
    /// The open vault's locking preferences (defaults while locked).
    settings: Mutex<Settings>,
}

/// A read guard that is known to hold an unlocked vault.
pub struct Unlocked<'a>(RwLockReadGuard<'a, Option<Vault>>);

impl std::ops::Deref for Unlocked<'_> {
    type Target = Vault;
    fn deref(&self) -> &Vault {
        self.0.as_ref().expect("checked when the guard was made")
    }
}

impl AppState {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            vault: RwLock::new(None),
            last_activity: Mutex::new(SystemTime::now()),
            settings: Mutex::new(Settings::default()),
        }
    }

    /// The open vault. Reading it is not activity: background work (timers,
    /// reminders) reads too, and must not keep idle locking from firing.
    pub async fn vault(&self) -> Result<Unlocked<'_>, ErrorReport> {
        let guard = self.vault.read().await;
        if guard.is_none() {
            return Err(ErrorReport::locked());
        }
        Ok(Unlocked(guard))
    }

    pub async fn is_unlocked(&self) -> bool {
        self.vault.read().await.is_some()
    }

    /// Replaces whatever was open (locking it) with `vault`. Opening a vault is
    /// something the person just did, so it counts as activity.
    pub async fn set_vault(&self, vault: Vault) {
        self.apply_settings(vault.settings().await.unwrap_or_default());
        let old = self.vault.write().await.replace(vault);
        if let Some(old) = old {
            old.lock().await;
        }
        self.touch();
    }

    /// Locks the vault; returns whether it was open.
    pub async fn lock(&self) -> bool {
        let old = self.vault.write().await.take();
        match old {
            Some(v) => {
                v.lock().await;
                true
            }
            None => false,
        }
    }

    /// Records that the person did something (a key, a click, unlocking).
    /// Only user-driven events call this.
    pub fn touch(&self) {
        *self.last_activity.lock().unwrap_or_else(|p| p.into_inner()) = SystemTime::now();
    }

    /// Moves the last activity `by` into the past, so tests need not wait.
    #[cfg(test)]
    pub(crate) fn backdate_activity(&self, by: Duration) {
        let mut last = self.last_activity.lock().unwrap_or_else(|p| p.into_inner());
        *last -= by;
    }

    pub fn apply_settings(&self, settings: Settings) {
        *self.settings.lock().unwrap_or_else(|p| p.into_inner()) = settings;
    }

    fn settings(&self) -> Settings {
        self.settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Whether a locked screen should lock Glimmer too.
    pub fn locks_with_screen(&self) -> bool {
        self.settings().lock_with_screen
    }

    /// True when idle locking is on and the person has been away long enough.
    pub fn idle_expired(&self) -> bool {
        let minutes = self.settings().auto_lock_minutes;
        if minutes == 0 {
            return false;
        }
        let last = *self.last_activity.lock().unwrap_or_else(|p| p.into_inner());
        last.elapsed().unwrap_or_default() >= Duration::from_secs(u64::from(minutes) * 60)
    }
}
