//! What the shell holds between commands: where the vault lives, the vault
//! itself while unlocked, and when the person last did something.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use glimmer::activation::OccurrenceId;
use glimmer::{ErrorReport, Settings, Vault};
use jiff::Timestamp;
use tokio::sync::{Notify, RwLock, RwLockReadGuard, watch};

/// See [`AppState::hold_idle_lock`].
#[derive(Debug, Default)]
struct Holds {
    count: u32,
    seq: u64,
}

pub struct AppState {
    pub dir: PathBuf,
    vault: RwLock<Option<Vault>>,
    /// Whether a vault is open, for a lock from outside the UI to wait on.
    open: watch::Sender<bool>,
    /// Set while a lock from outside the UI waits for the UI, so another
    /// request meanwhile (the idle timer ticks on) joins it instead.
    lock_pending: AtomicBool,
    /// Wall-clock time, so time spent asleep counts as idle.
    last_activity: Mutex<SystemTime>,
    /// The settings of the vault last open (defaults before one is): locking,
    /// and reminders, which go on while it is locked.
    settings: Mutex<Settings>,
    /// How many screens that must not vanish are open (the self-check, the
    /// safety screen, Need help now, the safety plan, a new recovery key),
    /// with the sequence number of the UI's last word on it: the idle lock
    /// waits while any is open.
    idle_holds: Mutex<Holds>,
    /// This session was opened with the recovery key, so a new passphrase may
    /// be set without the old one.
    with_recovery: AtomicBool,
    /// Wakes the reminder loop when what it reads changed (a vault opened,
    /// settings saved), so it need not wait out its nap.
    reminders_wake: Notify,
    /// Wakes the sync loop (a vault opened, sync started).
    sync_wake: Notify,
    /// Reminders snoozed from a notification: when, and which occurrence.
    /// In memory only: a snooze does not outlive a restart.
    snoozed: Mutex<Vec<(Timestamp, OccurrenceId)>>,
    /// The mindfulness timer, which runs whether or not the window is open.
    pub timer: crate::timer::TimerSlot,
    /// The file chosen for an import, between its preview and the import.
    /// It may hold a person's whole history in plaintext: let go on lock.
    import: Mutex<Option<Arc<crate::commands::import::Source>>>,
    /// `GLIMMER_IDLE_SECONDS`: an idle time in seconds instead of the
    /// setting's minutes, so the end-to-end suite need not wait minutes.
    idle_override: Option<Duration>,
}

/// Clears `lock_pending` however the wait ends, so no request is ever shut out.
struct Pending<'a>(&'a AtomicBool);

impl Drop for Pending<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
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
            open: watch::Sender::new(false),
            lock_pending: AtomicBool::new(false),
            last_activity: Mutex::new(SystemTime::now()),
            settings: Mutex::new(Settings::default()),
            idle_holds: Mutex::new(Holds::default()),
            with_recovery: AtomicBool::new(false),
            reminders_wake: Notify::new(),
            sync_wake: Notify::new(),
            snoozed: Mutex::new(Vec::new()),
            timer: crate::timer::TimerSlot::default(),
            import: Mutex::new(None),
            idle_override: std::env::var("GLIMMER_IDLE_SECONDS")
                .ok()
                .and_then(|s| s.parse().ok())
                .map(Duration::from_secs),
        }
    }

    /// The open vault. Reading it is not activity: background work (timers,
    /// reminders) reads too, and must not keep idle locking from firing.
    pub async fn vault(&self) -> Result<Unlocked<'_>, ErrorReport> {
        let guard = self.vault.read().await;
        if guard.is_none() {
            return Err(glimmer::Error::Locked.into());
        }
        Ok(Unlocked(guard))
    }

    pub async fn is_unlocked(&self) -> bool {
        self.vault.read().await.is_some()
    }

    /// Replaces whatever was open (locking it) with `vault`. Opening a vault is
    /// something the person just did, so it counts as activity.
    pub async fn set_vault(&self, vault: Vault) {
        self.apply_settings(vault.settings().load().await.unwrap_or_default());
        self.timer.log_waiting(&vault).await;
        let old = self.vault.write().await.replace(vault);
        self.open.send_replace(true);
        if let Some(old) = old {
            old.lock().await;
        }
        self.touch();
        self.reminders_wake.notify_one();
        self.sync_wake.notify_one();
    }

    /// Restores the backup `name` in the open vault; what it holds is returned.
    pub async fn restore(&self, name: &str) -> Result<glimmer::vault::BackupInfo, ErrorReport> {
        let mut slot = self.vault.write().await;
        let vault = slot.as_mut().ok_or(glimmer::Error::Locked)?;
        let result = vault.restore(name).await;
        // A vault that could not be reopened is locked: the person unlocks it again.
        if !vault.is_open()
            && let Some(v) = slot.take()
        {
            v.lock().await;
        }
        // What the restored vault plans may differ: the reminder loop looks again.
        self.reminders_wake.notify_one();
        Ok(result?)
    }

    /// Gives the open vault a new data key, passphrase and recovery key (the
    /// recovery key is returned, to show once); the backups are re-encrypted
    /// or deleted as `old` says. Exclusive, like a restore: nothing reads the
    /// vault meanwhile.
    pub async fn rekey(
        &self,
        passphrase: &glimmer::Secret,
        old: glimmer::vault::OldBackups,
    ) -> Result<glimmer::keys::RecoveryKey, ErrorReport> {
        let mut slot = self.vault.write().await;
        let vault = slot.as_mut().ok_or(glimmer::Error::Locked)?;
        let result = vault.rekey(passphrase, old).await;
        // A vault that could not be reopened is locked: the person unlocks it again.
        if !vault.is_open()
            && let Some(v) = slot.take()
        {
            self.open.send_replace(false);
            v.lock().await;
        }
        // The session no longer rests on the old recovery key.
        self.with_recovery.store(false, Ordering::Relaxed);
        Ok(result?)
    }

    /// Locks the vault; returns whether it was open.
    pub async fn lock(&self) -> bool {
        self.with_recovery.store(false, Ordering::Relaxed);
        self.set_import(None);
        self.idle_holds
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .count = 0;
        let old = self.vault.write().await.take();
        self.open.send_replace(false);
        match old {
            Some(v) => {
                v.lock().await;
                true
            }
            None => false,
        }
    }

    /// Locks for the tray, the idle timer or the screen lock, letting the UI
    /// save what it holds first. `ask_ui` asks the UI to save and then lock
    /// (it answers with the `lock` command) and returns whether there is a UI
    /// to ask. The shell waits at most `wait` for that, then locks anyway: a
    /// hung or closed webview must never keep the vault open. Returns whether
    /// the shell locked it itself, so the UI still needs telling.
    pub async fn lock_via_ui(&self, ask_ui: impl FnOnce() -> bool, wait: Duration) -> bool {
        let mut open = self.open.subscribe();
        if !*open.borrow_and_update() {
            return false;
        }
        if self.lock_pending.swap(true, Ordering::AcqRel) {
            // The request already waiting locks within its own `wait`.
            return false;
        }
        let _pending = Pending(&self.lock_pending);
        let ui_locked = ask_ui()
            && matches!(
                tokio::time::timeout(wait, open.wait_for(|open| !*open)).await,
                Ok(Ok(_))
            );
        !ui_locked && self.lock().await
    }

    /// Keeps (or, with `None`, lets go of) the file chosen for an import.
    pub fn set_import(&self, source: Option<Arc<crate::commands::import::Source>>) {
        *self.import.lock().unwrap_or_else(|p| p.into_inner()) = source;
    }

    pub fn import(&self) -> Option<Arc<crate::commands::import::Source>> {
        self.import
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
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
        self.reminders_wake.notify_one();
    }

    /// Reminds of `occurrence` again at `at`.
    pub fn snooze(&self, occurrence: OccurrenceId, at: Timestamp) {
        let mut snoozed = self.snoozed.lock().unwrap_or_else(|p| p.into_inner());
        snoozed.retain(|(_, o)| *o != occurrence);
        snoozed.push((at, occurrence));
        drop(snoozed);
        self.reminders_wake.notify_one();
    }

    /// Takes the snoozed reminders due at `now`.
    pub fn snoozed_due(&self, now: Timestamp) -> Vec<OccurrenceId> {
        let mut snoozed = self.snoozed.lock().unwrap_or_else(|p| p.into_inner());
        let (due, later) = std::mem::take(&mut *snoozed)
            .into_iter()
            .partition::<Vec<_>, _>(|(at, _)| *at <= now);
        *snoozed = later;
        due.into_iter().map(|(_, o)| o).collect()
    }

    /// When the next snoozed reminder is due.
    pub fn next_snooze(&self) -> Option<Timestamp> {
        let snoozed = self.snoozed.lock().unwrap_or_else(|p| p.into_inner());
        snoozed.iter().map(|(at, _)| *at).min()
    }

    /// The sync loop looks now instead of after its nap.
    pub fn wake_sync(&self) {
        self.sync_wake.notify_one();
    }

    /// The sync loop's nap: `at_most`, or until woken.
    pub async fn sync_nap(&self, at_most: Duration) {
        let _ = tokio::time::timeout(at_most, self.sync_wake.notified()).await;
    }

    /// Plans or occurrences changed: the reminder loop reads them again now.
    pub fn plans_changed(&self) {
        self.reminders_wake.notify_one();
    }

    /// Returns when the reminder loop should look again before its nap ends.
    pub async fn reminders_changed(&self) {
        self.reminders_wake.notified().await;
    }

    /// The settings of the vault last open: they still apply (quiet hours,
    /// the daily cap) while it is locked.
    pub fn settings(&self) -> Settings {
        self.settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Whether a locked screen should lock Glimmer too.
    pub fn locks_with_screen(&self) -> bool {
        self.settings().lock_with_screen
    }

    /// The UI counts the screens that hold the idle lock and sends the count
    /// with a rising `seq`; commands may arrive out of order, so an older
    /// word than the last one heard is ignored.
    pub fn hold_idle_lock(&self, count: u32, seq: u64) {
        let mut holds = self.idle_holds.lock().unwrap_or_else(|p| p.into_inner());
        if seq < holds.seq {
            return;
        }
        *holds = Holds { count, seq };
        drop(holds);
        // Letting go starts the idle time afresh: reading a held screen was not idleness.
        self.touch();
    }

    pub fn set_unlocked_with_recovery(&self, yes: bool) {
        self.with_recovery.store(yes, Ordering::Relaxed);
    }

    pub fn unlocked_with_recovery(&self) -> bool {
        self.with_recovery.load(Ordering::Relaxed)
    }

    /// How long the person may be away before Glimmer locks; `None` when never.
    fn idle_timeout(&self) -> Option<Duration> {
        self.idle_override
            .or_else(|| match self.settings().auto_lock_minutes {
                0 => None,
                m => Some(Duration::from_secs(u64::from(m) * 60)),
            })
    }

    /// How often the idle lock looks: often enough to lock within a few
    /// percent of the timeout, rarely enough to cost nothing.
    pub fn idle_check_period(&self) -> Duration {
        self.idle_timeout()
            .map_or(Duration::from_secs(15), |t| {
                (t / 4).min(Duration::from_secs(15))
            })
            .max(Duration::from_millis(250))
    }

    /// True when idle locking is on, nothing holds it, and the person has been away long enough.
    pub fn idle_expired(&self) -> bool {
        let Some(timeout) = self.idle_timeout() else {
            return false;
        };
        // A held screen (the self-check) or a running timer is not idleness.
        let held = self
            .idle_holds
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .count
            > 0;
        if held || self.timer.is_active() {
            return false;
        }
        let last = *self.last_activity.lock().unwrap_or_else(|p| p.into_inner());
        last.elapsed().unwrap_or_default() >= timeout
    }
}
