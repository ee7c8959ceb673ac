//! Shows the reminders of planned activities as desktop notifications.
//!
//! The loop sleeps until the next reminder is due, but never longer than a
//! minute, and then reads the wall clock: a sleep's timer stops while the
//! computer is suspended and knows nothing of clock changes, so this is how
//! a resume or a new time is noticed. What is due comes from the core
//! (`take_due`), which marks each reminder shown so it is shown once, and
//! after a suspend shows only what came due in the last two hours.
//!
//! While the vault is locked, reminders go on: whenever the vault is open the
//! loop keeps the times of the reminders ahead in memory (times only, no
//! activity text), and while locked it shows the generic notification at
//! those times. They are marked shown in the vault once it is open again.
//!
//! After a restart, until the vault is first unlocked, no reminder is shown:
//! the times are inside the encrypted vault, and nothing readable about the
//! plans is kept outside it. Once unlocked, whatever came due in the last two
//! hours is shown then.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use glimmer::activation::reminders::{CATCH_UP, DueTime, Fired};
use glimmer::{Settings, Vault};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;
use crate::notify::{DesktopNotifier, Notification, Notifier};

/// The longest the loop sleeps before reading the wall clock again.
pub const MAX_NAP: Duration = Duration::from_secs(60);
/// The shortest nap, so a reminder a moment away is never a busy wait.
const MIN_NAP: Duration = Duration::from_millis(100);
/// How far ahead reminder times are kept: reminders go on through a lock
/// this long.
const KEEP_AHEAD: SignedDuration = SignedDuration::from_hours(7 * 24);

pub type Nap = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The time, the local zone and sleeping: injected, so tests set the time.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
    fn zone(&self) -> TimeZone;
    fn sleep(&self, nap: Duration) -> Nap;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
    fn zone(&self) -> TimeZone {
        TimeZone::system()
    }
    fn sleep(&self, nap: Duration) -> Nap {
        Box::pin(tokio::time::sleep(nap))
    }
}

pub struct ReminderLoop {
    clock: Arc<dyn Clock>,
    notifier: Arc<dyn Notifier>,
    /// Reminder times after the last look, earliest first; no activity text.
    ahead: Vec<DueTime>,
    /// Shown while the vault was locked, to be marked shown once it is open.
    shown_locked: Vec<Fired>,
    /// The local day and how many reminders were shown on it, for the daily
    /// cap. Kept in memory: a restart starts the count again.
    shown_on: (Date, u32),
}

impl ReminderLoop {
    pub fn new(clock: Arc<dyn Clock>, notifier: Arc<dyn Notifier>) -> Self {
        Self {
            clock,
            notifier,
            ahead: Vec::new(),
            shown_locked: Vec::new(),
            shown_on: (Date::MIN, 0),
        }
    }

    /// Sleeps and looks, for as long as Glimmer runs. A change of vault or
    /// settings wakes it early.
    pub async fn run(mut self, state: &AppState) {
        loop {
            let nap = self.tick(state).await;
            tokio::select! {
                () = self.clock.sleep(nap) => {}
                () = state.reminders_changed() => {}
            }
        }
    }

    /// One look at the clock: shows what is due and returns how long to sleep.
    pub async fn tick(&mut self, state: &AppState) -> Duration {
        let now = self.clock.now();
        // The activity names are read while the vault is open, and only shown
        // when chosen; notifying happens after the vault is let go.
        let due = match state.vault().await {
            Ok(vault) => self.take_open(&vault, now).await,
            Err(_) => self.take_locked(now),
        };
        let settings = state.settings();
        for activity in due {
            self.show(activity, now, &settings).await;
        }
        self.nap(now)
    }

    async fn take_open(&mut self, vault: &Vault, now: Timestamp) -> Vec<Option<String>> {
        let reminders = vault.reminders();
        if !self.shown_locked.is_empty() {
            if let Err(e) = reminders.mark_shown(&self.shown_locked, now).await {
                eprintln!("Glimmer could not note the reminders shown while locked: {e}");
            }
            // Not kept to try again: they are past, and at worst one shows twice.
            self.shown_locked.clear();
        }
        let due = reminders.take_due(now).await.unwrap_or_else(|e| {
            eprintln!("Glimmer could not read its reminders: {e}");
            Vec::new()
        });
        match reminders.upcoming(now, now + KEEP_AHEAD).await {
            Ok(ahead) => self.ahead = ahead,
            Err(e) => eprintln!("Glimmer could not read its reminders: {e}"),
        }
        due.into_iter()
            .map(|r| Some(r.occurrence.activity))
            .collect()
    }

    /// The reminders due from the times kept in memory: nothing to name.
    fn take_locked(&mut self, now: Timestamp) -> Vec<Option<String>> {
        let (due, ahead): (Vec<DueTime>, Vec<DueTime>) = std::mem::take(&mut self.ahead)
            .into_iter()
            .partition(|t| t.due_at <= now);
        self.ahead = ahead;
        // As the core does: only what came due in the last two hours.
        let fresh: Vec<Fired> = due
            .iter()
            .filter(|t| now - CATCH_UP < t.due_at)
            .map(DueTime::fired)
            .collect();
        self.shown_locked.extend(&fresh);
        vec![None; fresh.len()]
    }

    /// Shows one reminder unless quiet hours or the daily cap hold it back.
    /// One held back is not saved for later: it is already marked shown.
    async fn show(&mut self, activity: Option<String>, now: Timestamp, settings: &Settings) {
        let local = now.to_zoned(self.clock.zone());
        if settings.is_quiet(local.time()) {
            return;
        }
        if self.shown_on.0 != local.date() {
            self.shown_on = (local.date(), 0);
        }
        if self.shown_on.1 >= settings.reminders_per_day {
            return;
        }
        self.shown_on.1 += 1;
        let note = Notification::reminder(activity.as_deref().filter(|_| settings.reminder_names));
        let notifier = self.notifier.clone();
        match tauri::async_runtime::spawn_blocking(move || notifier.notify(&note)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("{e}"),
            Err(e) => eprintln!("A notification could not be shown: {e}"),
        }
    }

    /// Until the next reminder, or a minute at most.
    fn nap(&self, now: Timestamp) -> Duration {
        self.ahead
            .iter()
            .find(|t| t.due_at > now)
            .map_or(MAX_NAP, |t| {
                t.due_at.duration_since(now).unsigned_abs().min(MAX_NAP)
            })
            .max(MIN_NAP)
    }
}

/// Starts the loop with the system clock and the desktop's notifications.
pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    let opener = app.clone();
    let notifier = DesktopNotifier::new(move || {
        let app = opener.clone();
        let _ = opener.run_on_main_thread(move || {
            let _ = crate::open_main_window(&app);
        });
    });
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        ReminderLoop::new(Arc::new(SystemClock), Arc::new(notifier))
            .run(&state)
            .await;
    });
}
