//! The running mindfulness timer. It lives here, in Rust, not in the
//! webview: closing the window or reloading the page leaves it running, and
//! its bells, prompts and end reach the page as events whenever it is there
//! (`timer_loop.rs` runs it).
//!
//! Time is monotonic (an `Instant` taken at start-up), so a clock change does
//! not shorten or stretch a sit.
//!
//! A session is logged when the timer ends or is stopped. If the vault is
//! locked then, the session waits in memory and is logged when it opens.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use glimmer::Vault;
use glimmer::mindful::{NewSession, Preset, Timer, TimerEvent, TimerState, TimerView};
use jiff::Timestamp;
use serde::Serialize;
use tokio::sync::Notify;

/// The built-in the tray offers.
pub const SENSES_MINUTE: &str = "senses-minute";

/// The timer as the page receives it: the core's view, and whether the timer
/// is still going, so the page never works that out from the state itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TimerStatus {
    #[serde(flatten)]
    pub view: TimerView,
    /// Settling in, running or paused: not yet completed or stopped.
    pub active: bool,
}

impl TimerStatus {
    fn of(timer: &Timer, now_ms: u64) -> Self {
        Self {
            view: timer.view(now_ms),
            active: is_active(timer),
        }
    }
}

/// Whether `timer` is still going. Every timer here has been started (it is
/// kept only once it is), so the core's "finished" is the whole answer.
fn is_active(timer: &Timer) -> bool {
    !timer.state().is_finished()
}

struct Running {
    timer: Timer,
    started_at: Timestamp,
    intensity_before: Option<u8>,
}

/// The one timer that may run, and what waits to be logged.
pub struct TimerSlot {
    epoch: Instant,
    /// `GLIMMER_TIMER_SPEED`: how many times faster than real time the
    /// timer runs, so the end-to-end suite need not sit for minutes.
    speed: u64,
    running: Mutex<Option<Running>>,
    /// Sessions that ended while the vault was locked.
    unlogged: Mutex<Vec<NewSession>>,
    wake: Notify,
}

impl Default for TimerSlot {
    fn default() -> Self {
        Self {
            epoch: Instant::now(),
            speed: std::env::var("GLIMMER_TIMER_SPEED")
                .ok()
                .and_then(|s| s.parse().ok())
                .filter(|&n| n >= 1)
                .unwrap_or(1),
            running: Mutex::new(None),
            unlogged: Mutex::new(Vec::new()),
            wake: Notify::new(),
        }
    }
}

fn busy() -> glimmer::Error {
    glimmer::Error::invalid(
        "timer",
        "A timer is already running. Stop it first, or let it finish.",
    )
}

fn none() -> glimmer::Error {
    glimmer::Error::invalid("timer", "No timer is running just now.")
}

impl TimerSlot {
    /// Milliseconds on the monotonic clock.
    pub fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64 * self.speed
    }

    /// Real time until the timer's clock reads `at_ms`.
    pub fn real_until(&self, at_ms: u64) -> Duration {
        Duration::from_millis(at_ms.saturating_sub(self.now_ms()) / self.speed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Running>> {
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts `preset` at `now_ms`. One timer at a time: a finished one makes room.
    pub fn start(
        &self,
        preset: Preset,
        intensity_before: Option<u8>,
        now_ms: u64,
    ) -> glimmer::Result<(TimerStatus, Vec<TimerEvent>)> {
        let mut slot = self.lock();
        if slot.as_ref().is_some_and(|r| is_active(&r.timer)) {
            return Err(busy());
        }
        let mut timer = Timer::new(preset, Timestamp::now().as_nanosecond() as u64);
        let events = timer.start(now_ms)?;
        let view = TimerStatus::of(&timer, now_ms);
        *slot = Some(Running {
            timer,
            started_at: Timestamp::now(),
            intensity_before,
        });
        drop(slot);
        self.wake.notify_one();
        Ok((view, events))
    }

    /// Applies `change` to the running timer and returns how it stands.
    pub fn change(
        &self,
        now_ms: u64,
        change: impl FnOnce(&mut Timer, u64) -> glimmer::Result<()>,
    ) -> glimmer::Result<TimerStatus> {
        let mut slot = self.lock();
        let running = slot.as_mut().ok_or_else(none)?;
        change(&mut running.timer, now_ms)?;
        let view = TimerStatus::of(&running.timer, now_ms);
        drop(slot);
        self.wake.notify_one();
        Ok(view)
    }

    pub fn view(&self, now_ms: u64) -> Option<TimerStatus> {
        self.lock()
            .as_ref()
            .map(|r| TimerStatus::of(&r.timer, now_ms))
    }

    /// Whether a timer runs or waits paused: the idle lock leaves its screen be.
    pub fn is_active(&self) -> bool {
        self.lock().as_ref().is_some_and(|r| is_active(&r.timer))
    }

    /// Everything due at `now_ms`, the view after it, the session to log if
    /// the timer ended (completed or stopped), and when to look again.
    pub fn tick(&self, now_ms: u64) -> Tick {
        let mut slot = self.lock();
        let Some(running) = slot.as_mut() else {
            return Tick::default();
        };
        let events = running.timer.tick(now_ms);
        let view = TimerStatus::of(&running.timer, now_ms);
        let ended = !view.active;
        let session = ended.then(|| session_of(running, now_ms));
        if ended {
            *slot = None;
        }
        let next = slot.as_ref().and_then(|r| r.timer.next_event_ms());
        Tick {
            events,
            view: Some(view),
            session,
            next_ms: next,
        }
    }

    /// Keeps a session for the next time the vault is open.
    pub fn keep(&self, session: NewSession) {
        self.unlogged
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(session);
    }

    /// Logs what waited while the vault was locked.
    pub async fn log_waiting(&self, vault: &Vault) {
        let waiting = std::mem::take(&mut *self.unlogged.lock().unwrap_or_else(|p| p.into_inner()));
        for s in waiting {
            if let Err(e) = vault.mindful().log(&s).await {
                eprintln!("Glimmer could not log a mindfulness session: {e}");
            }
        }
    }

    pub async fn changed(&self) {
        self.wake.notified().await;
    }
}

fn session_of(running: &Running, now_ms: u64) -> NewSession {
    NewSession {
        intensity_before: running.intensity_before,
        ..running.timer.new_session(now_ms, running.started_at)
    }
}

#[derive(Default)]
pub struct Tick {
    pub events: Vec<TimerEvent>,
    pub view: Option<TimerStatus>,
    pub session: Option<NewSession>,
    pub next_ms: Option<u64>,
}

/// "4 min left", "Paused, 4 min left", "Settling in": for the tray.
pub fn time_left(view: &TimerView) -> String {
    let minutes = |ms: u64| ms.div_ceil(60_000);
    let left = match view.remaining_ms {
        Some(ms) => format!("{} min left", minutes(ms)),
        None => format!("{} min so far", view.elapsed_ms / 60_000),
    };
    match view.state {
        TimerState::SettlingIn => "Settling in".into(),
        TimerState::Paused => format!("Paused, {left}"),
        _ => left,
    }
}
