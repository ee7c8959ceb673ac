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
use glimmer::activation::{OccurrenceId, Status};
use glimmer::gentle::{self, Gentle};
use glimmer::{Settings, Vault};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use tauri::{AppHandle, Manager, Runtime};

use crate::events::on_action;
use crate::notify::{DesktopNotifier, Notification, Notifier};
use crate::state::AppState;

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
    /// The last check-in and self-check, as last read from the vault, so
    /// gentle reminders know while it is locked.
    last: gentle::Last,
    gentle_shown: gentle::Shown,
}

impl ReminderLoop {
    pub fn new(clock: Arc<dyn Clock>, notifier: Arc<dyn Notifier>) -> Self {
        Self {
            clock,
            notifier,
            ahead: Vec::new(),
            shown_locked: Vec::new(),
            shown_on: (Date::MIN, 0),
            last: gentle::Last::default(),
            gentle_shown: gentle::Shown::default(),
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
        let snoozed = state.snoozed_due(now);
        let zone = self.clock.zone();
        let settings = state.settings();
        let due = match state.vault().await {
            Ok(vault) => {
                // Only with a gentle reminder on: by default there is nothing to read.
                if settings.checkin_reminder.is_some() || settings.self_check_reminder {
                    match vault.last_check_days(&zone).await {
                        Ok(last) => self.last = last,
                        Err(e) => {
                            eprintln!("Glimmer could not read when you last checked in: {e}")
                        }
                    }
                }
                let mut due = self.take_open(&vault, now).await;
                due.extend(still_planned(&vault, snoozed).await);
                due
            }
            Err(_) => {
                let mut due = self.take_locked(now);
                due.extend(snoozed.into_iter().map(|o| (None, o)));
                due
            }
        };
        for (activity, occurrence) in due {
            let note = Notification::reminder(
                activity.as_deref().filter(|_| settings.reminder_names),
                occurrence,
            );
            self.show(note, now, &settings).await;
        }
        let local = now.to_zoned(zone).datetime();
        for kind in gentle::due(&settings, local, self.last, self.gentle_shown) {
            // Offered once a day, shown or held back by quiet hours or the cap.
            match kind {
                Gentle::Checkin => self.gentle_shown.checkin = Some(local.date()),
                Gentle::SelfCheck => self.gentle_shown.self_check = Some(local.date()),
            }
            self.show(Notification::gentle(kind), now, &settings).await;
        }
        self.nap(now, state.next_snooze())
    }

    async fn take_open(&mut self, vault: &Vault, now: Timestamp) -> Vec<Due> {
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
            .map(|r| (Some(r.occurrence.activity), r.occurrence.id))
            .collect()
    }

    /// The reminders due from the times kept in memory: nothing to name.
    fn take_locked(&mut self, now: Timestamp) -> Vec<Due> {
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
        fresh.into_iter().map(|(o, _)| (None, o)).collect()
    }

    /// Shows one reminder unless quiet hours or the daily cap hold it back.
    /// One held back is not saved for later: it is already marked shown.
    async fn show(&mut self, note: Notification, now: Timestamp, settings: &Settings) {
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
        let notifier = self.notifier.clone();
        match tauri::async_runtime::spawn_blocking(move || notifier.notify(&note)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("{e}"),
            Err(e) => eprintln!("A notification could not be shown: {e}"),
        }
    }

    /// Until the next reminder or snoozed one, or a minute at most.
    fn nap(&self, now: Timestamp, snooze: Option<Timestamp>) -> Duration {
        self.ahead
            .iter()
            .map(|t| t.due_at)
            .chain(snooze)
            .filter(|&at| at > now)
            .min()
            .map_or(MAX_NAP, |at| {
                at.duration_since(now).unsigned_abs().min(MAX_NAP)
            })
            .max(MIN_NAP)
    }
}

/// A reminder to show: the activity's name if the vault could be read, and
/// the occurrence it is about.
type Due = (Option<String>, OccurrenceId);

/// Snoozed reminders whose occurrence is still planned: one noted meanwhile
/// (from the agenda, say) needs no reminding.
async fn still_planned(vault: &Vault, snoozed: Vec<OccurrenceId>) -> Vec<Due> {
    let mut due = Vec::new();
    for id in snoozed {
        match vault.plans().occurrence(&id).await {
            Ok(o) if o.status == Status::Planned => due.push((Some(o.activity), id)),
            Ok(_) => {}
            // Gone (its plan stopped): nothing to remind of.
            Err(e) if e.code() == glimmer::ErrorCode::NotFound => {}
            Err(_) => due.push((None, id)),
        }
    }
    due
}

/// Starts the loop with the system clock and the desktop's notifications.
pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    let notifier = DesktopNotifier::new(on_action(app.clone()));
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        ReminderLoop::new(Arc::new(SystemClock), Arc::new(notifier))
            .run(&state)
            .await;
    });
}
