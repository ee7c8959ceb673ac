//! Everything the shell tells the page, and what a choice on a notification
//! does: one place for both, so the loops (reminders, the timer, the tray,
//! the locks) import this and not each other. GitButler's
//! `gitbutler-tauri/src/events.rs` is the model.
//!
//! The page listens for exactly these names, with these payloads, in
//! `ui/src/lib/events.ts`; the shell's tests compare the two lists.

use glimmer::activation::Outcome;
use glimmer::mindful::{Session, TimerEvent};
use jiff::Timestamp;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::notify::{Action, SNOOZE, Target};
use crate::state::AppState;
use crate::window::{MAIN_WINDOW, open_main_window};

/// Declares [`Event`] with each variant's name on the page, so a name is
/// written once and the drift test reads the same list the shell sends.
macro_rules! events {
    ($( $(#[doc = $doc:literal])* $name:literal => $variant:ident $(($payload:ty))?, )*) => {
        /// Something the shell tells the page. It carries its payload as is
        /// (`null` for none), under the name [`Event::name`] gives.
        #[derive(Debug, Clone, Serialize)]
        #[serde(untagged)]
        pub enum Event {
            $( $(#[doc = $doc])* $variant $(($payload))?, )*
        }

        impl Event {
            pub fn name(&self) -> &'static str {
                match self {
                    $( Self::$variant { .. } => $name, )*
                }
            }
        }

        /// Every event as `name: payload`, the payload as its TypeScript type,
        /// the way `ui/src/lib/events.ts` declares it.
        #[cfg(test)]
        pub fn declared() -> Vec<String> {
            vec![$( format!("{}: {}", $name, events!(@ts $($payload)?)), )*]
        }
    };
    (@ts) => { "null" };
    (@ts $payload:ty) => { <$payload as ts_rs::TS>::name(&ts_rs::Config::default()) };
}

events! {
    /// Asks the page to save pending words and then lock, with the `lock`
    /// command, before the shell locks (idle, tray, screen lock).
    "lock-requested" => LockRequested,
    /// The shell locked the vault (idle, tray, screen lock, a failed restore).
    "vault-locked" => Locked,
    /// A sentence about a backup that needs the person's attention.
    "backup-problem" => BackupProblem(String),
    /// Opens the check-in (from the tray or its gentle reminder).
    "open-checkin" => OpenCheckin,
    /// Opens the self-check, from its gentle reminder.
    "open-self-check" => OpenSelfCheck,
    /// Asks how an occurrence went (by its id), once the vault is open.
    "open-occurrence" => OpenOccurrence(String),
    /// Shows the running timer (from the tray or its notification).
    "open-timer" => OpenTimer,
    /// A bell, a prompt or the end of the running timer, as it happens.
    "timer-event" => Timer(TimerEvent),
    /// A session was logged: the page asks how vividly things feel now.
    "timer-logged" => TimerLogged(Session),
    /// Plans changed outside the page (a notification's Done): views read them again.
    "plans-changed" => PlansChanged,
    /// Another computer's changes arrived through sync: views read again.
    "sync-changed" => SyncChanged,
    /// Sync cannot go on just now, in a sentence (said once until it can).
    "sync-problem" => SyncProblem(String),
    /// Something sync did that the person should know, in a sentence.
    "sync-notice" => SyncNotice(String),
}

impl Event {
    /// Tells every window. Nothing listening is not a failure: the page
    /// reads what it needs when it opens.
    pub fn emit<R: Runtime>(&self, app: &AppHandle<R>) {
        let _ = app.emit(self.name(), self);
    }

    /// Tells the main window, returning whether there was one to tell.
    pub fn emit_to_main<R: Runtime>(&self, app: &AppHandle<R>) -> bool {
        app.get_webview_window(MAIN_WINDOW).is_some()
            && app.emit_to(MAIN_WINDOW, self.name(), self).is_ok()
    }

    /// What the page should open for a notification about `target`.
    fn open(target: Target) -> Self {
        match target {
            Target::Occurrence(id) => Self::OpenOccurrence(id.to_string()),
            Target::Checkin => Self::OpenCheckin,
            Target::SelfCheck => Self::OpenSelfCheck,
            Target::Timer => Self::OpenTimer,
        }
    }
}

/// Brings the window forward (from any thread) and tells the page `event`.
pub fn open_with<R: Runtime>(app: &AppHandle<R>, event: Event) {
    let window = app.clone();
    let _ = app.run_on_main_thread(move || {
        let _ = open_main_window(&window);
    });
    event.emit(app);
}

/// What Glimmer does when the person chooses `action` on a notification
/// about `target` at `now`. Returns what to open the window for (Open; or
/// Done while locked, which cannot be saved until the vault is open).
pub async fn act(
    state: &AppState,
    action: Action,
    target: Target,
    now: Timestamp,
) -> Option<Target> {
    match (action, target) {
        (Action::Snooze, Target::Occurrence(id)) => {
            state.snooze(id, now + SNOOZE);
            None
        }
        (Action::Done, Target::Occurrence(id)) => {
            let done = match state.vault().await {
                Ok(vault) => vault.plans().done(&id, &Outcome::default()).await.is_ok(),
                Err(_) => false,
            };
            if done {
                state.plans_changed();
                None
            } else {
                Some(target)
            }
        }
        _ => Some(target),
    }
}

/// What a choice on any of Glimmer's notifications does, on the real app.
pub fn on_action<R: Runtime>(app: AppHandle<R>) -> impl Fn(Action, Target) + Send + Sync + 'static {
    move |action, target| {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            let state = app.state::<AppState>();
            match act(&state, action, target, Timestamp::now()).await {
                Some(open) => open_with(&app, Event::open(open)),
                None => Event::PlansChanged.emit(&app),
            }
        });
    }
}
