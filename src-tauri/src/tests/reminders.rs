//! The reminder loop against a real session bus: a private dbus-daemon, a
//! small notification server on it, and the notify-rust notifier Glimmer
//! uses. The clock is set by hand, so nothing waits for real time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use glimmer::activation::{ActivityInput, LifeArea, NewPlan, OccurrenceId, Outcome, Plan, Status};
use glimmer::{Credential, KdfParams, Secret, Settings, Vault};
use jiff::Timestamp;
use jiff::civil::{date, time};
use jiff::tz::TimeZone;
use tauri::async_runtime::block_on;
use tokio::sync::watch;

use super::bus::{NotificationServer, Shown, bus_test};
use crate::AppState;
use crate::events::act;
use crate::notify::{Action, DesktopNotifier, GENERIC_BODY, TITLE, Target};
use crate::reminders::{Clock, MAX_NAP, Nap, ReminderLoop};

const PASS: &str = "pass phrase here";
const ZONE: &str = "Europe/Berlin";
const WALK: &str = "Go for a short walk";
const WATER: &str = "Drink a glass of water";

/// 2025-06-DD at HH:MM:SS in Berlin.
fn berlin(day: i8, h: i8, m: i8, s: i8) -> Timestamp {
    date(2025, 6, day)
        .at(h, m, s, 0)
        .to_zoned(TimeZone::get(ZONE).unwrap())
        .unwrap()
        .timestamp()
}

/// A clock the test sets. It remembers the time each look at it saw and
/// the nap that followed, so a test can wait until the loop has looked at
/// the time it set; a time set after the look wakes the nap.
struct ManualClock {
    now: watch::Sender<Timestamp>,
    looked: Mutex<Timestamp>,
    naps: watch::Sender<Vec<(Timestamp, Duration)>>,
}

impl ManualClock {
    fn new(now: Timestamp) -> Arc<Self> {
        Arc::new(Self {
            now: watch::Sender::new(now),
            looked: Mutex::new(now),
            naps: watch::Sender::new(Vec::new()),
        })
    }

    fn set(&self, t: Timestamp) {
        self.now.send_replace(t);
    }

    /// The nap the running loop chose after looking at the time `t`.
    async fn nap_after(&self, t: Timestamp) -> Duration {
        let mut naps = self.naps.subscribe();
        let seen = naps.wait_for(|n| n.iter().any(|(at, _)| *at == t));
        let naps = tokio::time::timeout(Duration::from_secs(10), seen)
            .await
            .expect("the loop looks at the clock")
            .unwrap();
        naps.iter().rev().find(|(at, _)| *at == t).unwrap().1
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        let t = *self.now.borrow();
        *self.looked.lock().unwrap() = t;
        t
    }

    fn zone(&self) -> TimeZone {
        TimeZone::get(ZONE).unwrap()
    }

    fn sleep(&self, nap: Duration) -> Nap {
        let looked = *self.looked.lock().unwrap();
        let mut now = self.now.subscribe();
        let moved_since = *now.borrow_and_update() != looked;
        self.naps.send_modify(|n| n.push((looked, nap)));
        Box::pin(async move {
            if !moved_since {
                let _ = now.changed().await;
            }
        })
    }
}

/// Glimmer's state with a new vault open.
async fn open_vault() -> (tempfile::TempDir, Arc<AppState>) {
    let dir = tempfile::tempdir().unwrap();
    let state = Arc::new(AppState::new(dir.path().join("vault")));
    // A light key derivation: these tests are about reminders.
    let kdf = KdfParams {
        m_kib: 1024,
        t: 1,
        p: 1,
    };
    let (vault, _) = Vault::create_with(&state.dir, &Secret::new(PASS), kdf)
        .await
        .unwrap();
    state.set_vault(vault).await;
    (dir, state)
}

/// Plans `activity` daily or once from June `day` at `at`, reminded `remind` minutes before.
async fn plan(
    state: &AppState,
    activity: &str,
    day: i8,
    at: (i8, i8),
    repeat: Option<&str>,
    remind: u32,
) -> Plan {
    let vault = state.vault().await.unwrap();
    let a = vault.activities().find(activity).await.unwrap();
    vault
        .plans()
        .create(&NewPlan {
            activity_id: a.id,
            day: date(2025, 6, day),
            time: Some(time(at.0, at.1, 0, 0)),
            tz: Some(ZONE.into()),
            repeat: repeat.map(str::to_string),
            predicted: None,
            remind_minutes: Some(remind),
        })
        .await
        .unwrap()
}

/// A vault with plans, Glimmer's state around it, a clock and a notification server.
struct Fixture {
    _dir: tempfile::TempDir,
    state: Arc<AppState>,
    clock: Arc<ManualClock>,
    server: NotificationServer,
}

impl Fixture {
    async fn new(now: Timestamp) -> Self {
        Self::with_server(now, NotificationServer::start().await).await
    }

    async fn with_server(now: Timestamp, server: NotificationServer) -> Self {
        let (dir, state) = open_vault().await;
        Self {
            _dir: dir,
            state,
            clock: ManualClock::new(now),
            server,
        }
    }

    /// A loop as Glimmer starts it, with this clock.
    fn reminder_loop(&self) -> ReminderLoop {
        ReminderLoop::new(
            self.clock.clone(),
            Arc::new(DesktopNotifier::new(|_, _| {})),
        )
    }

    async fn settings(&self, edit: impl FnOnce(&mut Settings)) {
        let vault = self.state.vault().await.unwrap();
        let mut s = vault.settings().load().await.unwrap();
        edit(&mut s);
        vault.settings().save(&s).await.unwrap();
        self.state.apply_settings(s);
    }

    async fn unlock(&self) {
        let pass = Credential::Passphrase(Secret::new(PASS));
        let vault = Vault::unlock(&self.state.dir, &pass).await.unwrap();
        self.state.set_vault(vault).await;
    }

    /// Sets the clock to `t` and lets `l` look once; returns how many were shown then.
    async fn tick(&self, l: &mut ReminderLoop, t: Timestamp) -> usize {
        let before = self.server.shown().len();
        self.clock.set(t);
        l.tick(&self.state).await;
        self.server.shown().len() - before
    }

    fn bodies(&self) -> Vec<String> {
        self.server.shown().into_iter().map(|s| s.body).collect()
    }
}

fn on(plan: &Plan, day: i8) -> OccurrenceId {
    OccurrenceId {
        plan: plan.id,
        day: date(2025, 6, day),
    }
}

bus_test! {
    fn a_plan_due_in_a_few_seconds_is_shown_once_in_general_words() {
        block_on(async {
            let start = berlin(10, 8, 29, 57);
            let f = Fixture::new(start).await;
            // At 09:00, reminded 30 minutes before: due at 08:30:00.
            plan(&f.state, WALK, 10, (9, 0), None, 30).await;
            let state = f.state.clone();
            let running = f.reminder_loop();
            let task = tauri::async_runtime::spawn(async move { running.run(&state).await });

            assert_eq!(
                f.clock.nap_after(start).await,
                Duration::from_secs(3),
                "sleeps until the reminder is due"
            );
            assert!(f.server.shown().is_empty());
            let due = berlin(10, 8, 30, 0);
            f.clock.set(due);
            assert_eq!(f.clock.nap_after(due).await, MAX_NAP, "nothing more ahead");
            let shown = f.server.shown();
            assert_eq!(
                shown,
                [Shown {
                    app: TITLE.into(),
                    summary: TITLE.into(),
                    body: GENERIC_BODY.into(),
                    actions: ["default", "Open", "snooze", "Snooze 15 min", "done", "Done"]
                        .map(String::from)
                        .to_vec(),
                }]
            );
            assert_eq!(GENERIC_BODY, "Something you planned is coming up");
            for later in [berlin(10, 8, 31, 0), berlin(10, 8, 45, 0)] {
                f.clock.set(later);
                f.clock.nap_after(later).await;
            }
            assert_eq!(f.server.shown().len(), 1, "shown once");
            task.abort();
            let vault = f.state.vault().await.unwrap();
            let left = vault.reminders().due(berlin(10, 8, 45, 0)).await.unwrap();
            assert!(left.is_empty(), "marked shown in the vault");
        });
    }
}

bus_test! {
    fn nothing_is_shown_for_what_is_done_or_let_go() {
        block_on(async {
            let f = Fixture::new(berlin(10, 8, 0, 0)).await;
            let walk = plan(&f.state, WALK, 10, (9, 0), Some("daily"), 30).await;
            {
                let vault = f.state.vault().await.unwrap();
                vault.plans().let_go(&on(&walk, 11)).await.unwrap();
                vault.plans().done(&on(&walk, 12), &Outcome::default()).await.unwrap();
            }
            let mut l = f.reminder_loop();
            assert_eq!(f.tick(&mut l, berlin(11, 8, 30, 0)).await, 0, "let go");
            assert_eq!(f.tick(&mut l, berlin(12, 8, 30, 0)).await, 0, "done");
            assert_eq!(f.tick(&mut l, berlin(13, 8, 30, 0)).await, 1, "still planned");
        });
    }
}

bus_test! {
    fn quiet_hours_and_the_daily_cap_hold_reminders_back() {
        block_on(async {
            let f = Fixture::new(berlin(10, 6, 0, 0)).await;
            f.settings(|s| {
                s.quiet_start = Some("22:00".into());
                s.quiet_end = Some("07:00".into());
                s.reminders_per_day = 2;
            })
            .await;
            plan(&f.state, WALK, 10, (6, 45), None, 15).await;
            for a in ["Stretch", WATER, "Breathe slowly"] {
                plan(&f.state, a, 10, (9, 10), Some("daily"), 10).await;
            }
            let mut l = f.reminder_loop();
            assert_eq!(f.tick(&mut l, berlin(10, 6, 30, 0)).await, 0, "quiet hours");
            assert_eq!(
                f.tick(&mut l, berlin(10, 7, 0, 0)).await,
                0,
                "not saved up for the end of quiet hours"
            );
            assert_eq!(f.tick(&mut l, berlin(10, 9, 0, 0)).await, 2, "two a day");
            assert_eq!(f.tick(&mut l, berlin(10, 9, 1, 0)).await, 0);
            assert_eq!(f.tick(&mut l, berlin(11, 9, 0, 0)).await, 2, "a new day");
        });
    }
}

bus_test! {
    fn names_when_chosen_generic_while_locked_and_never_twice_across_restarts() {
        block_on(async {
            let f = Fixture::new(berlin(10, 8, 0, 0)).await;
            f.settings(|s| s.reminder_names = true).await;
            plan(&f.state, WALK, 10, (9, 0), Some("daily"), 30).await;
            let named = format!("Coming up: {WALK}");

            let mut l = f.reminder_loop();
            assert_eq!(f.tick(&mut l, berlin(10, 8, 0, 0)).await, 0);
            assert_eq!(f.tick(&mut l, berlin(10, 8, 30, 0)).await, 1);
            // A restart: a new loop over the same vault.
            let mut l = f.reminder_loop();
            assert_eq!(f.tick(&mut l, berlin(10, 8, 31, 0)).await, 0, "once, across a restart");

            // Locked: the kept time still reminds, without the name.
            f.state.lock().await;
            assert_eq!(f.tick(&mut l, berlin(11, 8, 0, 0)).await, 0);
            assert_eq!(f.tick(&mut l, berlin(11, 8, 30, 0)).await, 1);
            assert_eq!(f.tick(&mut l, berlin(11, 8, 35, 0)).await, 0);
            assert_eq!(f.bodies(), [named.as_str(), GENERIC_BODY]);
            // Open again: noted as shown, so neither this loop nor the next shows it.
            f.unlock().await;
            assert_eq!(f.tick(&mut l, berlin(11, 8, 40, 0)).await, 0);
            let mut l = f.reminder_loop();
            assert_eq!(f.tick(&mut l, berlin(11, 8, 41, 0)).await, 0);

            // A restart while locked knows no times until the vault is open:
            // they are inside it. Then what came due in the last two hours shows.
            f.state.lock().await;
            let mut l = f.reminder_loop();
            assert_eq!(f.tick(&mut l, berlin(12, 8, 30, 0)).await, 0);
            f.unlock().await;
            assert_eq!(f.tick(&mut l, berlin(12, 9, 15, 0)).await, 1);
            assert_eq!(f.bodies()[2], named);
        });
    }
}

/// An activity named with markup, shown by opt-in: a server that renders
/// markup gets it escaped, one that shows plain text gets it as typed.
async fn tea_and_toast_as_received(capabilities: &[&str]) -> String {
    let server = NotificationServer::with_capabilities(capabilities).await;
    let f = Fixture::with_server(berlin(10, 8, 0, 0), server).await;
    f.settings(|s| s.reminder_names = true).await;
    let vault = f.state.vault().await.unwrap();
    vault
        .activities()
        .add(&ActivityInput {
            name: Some("<b>Tea & toast</b>".into()),
            area: Some(LifeArea::MindBody),
            ..ActivityInput::default()
        })
        .await
        .unwrap();
    plan(&f.state, "<b>Tea & toast</b>", 10, (9, 0), None, 30).await;
    let mut l = f.reminder_loop();
    assert_eq!(f.tick(&mut l, berlin(10, 8, 30, 0)).await, 1);
    f.bodies().remove(0)
}

bus_test! {
    fn an_activity_name_is_markup_escaped_for_servers_that_render_markup() {
        block_on(async {
            assert_eq!(
                tea_and_toast_as_received(&["body", "body-markup", "actions"]).await,
                "Coming up: &lt;b&gt;Tea &amp; toast&lt;/b&gt;"
            );
        });
    }
}

bus_test! {
    fn an_activity_name_reaches_a_plain_text_server_as_typed() {
        block_on(async {
            assert_eq!(
                tea_and_toast_as_received(&["body", "actions"]).await,
                "Coming up: <b>Tea & toast</b>"
            );
        });
    }
}

bus_test! {
    fn after_a_suspend_only_what_came_due_in_the_last_two_hours() {
        block_on(async {
            let f = Fixture::new(berlin(10, 6, 50, 0)).await;
            f.settings(|s| s.reminder_names = true).await;
            plan(&f.state, WATER, 10, (7, 30), Some("daily"), 30).await;
            plan(&f.state, WALK, 10, (9, 0), Some("daily"), 30).await;
            let mut l = f.reminder_loop();
            assert_eq!(f.tick(&mut l, berlin(10, 6, 50, 0)).await, 0);
            // Asleep from 06:50 to 09:45: water came due at 07:00, the walk at 08:30.
            assert_eq!(f.tick(&mut l, berlin(10, 9, 45, 0)).await, 1);
            assert_eq!(f.bodies(), [format!("Coming up: {WALK}")]);

            // The same while locked, from the times kept in memory.
            f.state.lock().await;
            assert_eq!(f.tick(&mut l, berlin(11, 6, 50, 0)).await, 0);
            assert_eq!(f.tick(&mut l, berlin(11, 9, 45, 0)).await, 1);
            assert_eq!(f.bodies()[1], GENERIC_BODY);
            f.unlock().await;
            assert_eq!(f.tick(&mut l, berlin(11, 9, 46, 0)).await, 0);
        });
    }
}

bus_test! {
    fn clicking_a_reminder_opens_glimmer() {
        block_on(async {
            let f = Fixture::new(berlin(10, 8, 0, 0)).await;
            plan(&f.state, WALK, 10, (9, 0), None, 30).await;
            let (opened, heard) = std::sync::mpsc::channel();
            let notifier = DesktopNotifier::new(move |action, _: Target| {
                let _ = opened.send(action);
            });
            let mut l = ReminderLoop::new(f.clock.clone(), Arc::new(notifier));
            assert_eq!(f.tick(&mut l, berlin(10, 8, 30, 0)).await, 1);
            // The notifier listens from the background; click until it has heard.
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            loop {
                f.server.click(1).await;
                if let Ok(action) = heard.recv_timeout(Duration::from_millis(50)) {
                    assert_eq!(action, Action::Open);
                    break;
                }
                assert!(std::time::Instant::now() < deadline, "the click was not heard");
            }
        });
    }
}

/// Waits until the notifier has heard the person choose `key` on notification `id`.
async fn choose(
    f: &Fixture,
    heard: &std::sync::mpsc::Receiver<(Action, Target)>,
    id: u32,
    key: &str,
) -> (Action, Target) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        f.server.choose(id, key).await;
        if let Ok(chosen) = heard.recv_timeout(Duration::from_millis(50)) {
            return chosen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "“{key}” was not heard"
        );
    }
}

bus_test! {
    fn snooze_reminds_again_in_fifteen_minutes_and_done_notes_it_done() {
        block_on(async {
            let f = Fixture::new(berlin(10, 8, 0, 0)).await;
            let walk = plan(&f.state, WALK, 10, (9, 0), Some("daily"), 30).await;
            let (tx, heard) = std::sync::mpsc::channel();
            let notifier = DesktopNotifier::new(move |action, target| {
                let _ = tx.send((action, target));
            });
            let mut l = ReminderLoop::new(f.clock.clone(), Arc::new(notifier));
            assert_eq!(f.tick(&mut l, berlin(10, 8, 30, 0)).await, 1);

            // Snooze: nothing more until 15 minutes later, then once more.
            let (action, occurrence) = choose(&f, &heard, 1, "snooze").await;
            assert_eq!((action, occurrence), (Action::Snooze, Target::Occurrence(on(&walk, 10))));
            let at = berlin(10, 8, 30, 5);
            assert_eq!(act(&f.state, action, occurrence, at).await, None);
            assert_eq!(f.tick(&mut l, berlin(10, 8, 44, 0)).await, 0);
            assert_eq!(f.tick(&mut l, berlin(10, 8, 45, 5)).await, 1);
            assert_eq!(f.tick(&mut l, berlin(10, 8, 50, 0)).await, 0);
            assert_eq!(f.bodies()[1], GENERIC_BODY);

            // Done: noted as done in the vault, and a snooze of it then stays quiet.
            let (action, occurrence) = choose(&f, &heard, 2, "done").await;
            assert_eq!(action, Action::Done);
            f.state.snooze(on(&walk, 10), berlin(10, 8, 55, 0));
            assert_eq!(act(&f.state, action, occurrence, berlin(10, 8, 51, 0)).await, None);
            let vault = f.state.vault().await.unwrap();
            let o = vault.plans().occurrence(&on(&walk, 10)).await.unwrap();
            assert_eq!(o.status, Status::Done);
            drop(vault);
            assert_eq!(f.tick(&mut l, berlin(10, 8, 56, 0)).await, 0);

            // Done while locked cannot be saved yet: Glimmer opens to ask instead.
            f.state.lock().await;
            let tomorrow = Target::Occurrence(on(&walk, 11));
            assert_eq!(
                act(&f.state, Action::Done, tomorrow, berlin(10, 9, 0, 0)).await,
                Some(tomorrow)
            );
            assert_eq!(act(&f.state, Action::Open, tomorrow, berlin(10, 9, 0, 0)).await, Some(tomorrow));
        });
    }
}

/// The system clock, counting the loop's naps.
#[derive(Default)]
struct CountingClock(std::sync::atomic::AtomicU32);

impl Clock for CountingClock {
    fn now(&self) -> Timestamp {
        crate::reminders::SystemClock.now()
    }
    fn zone(&self) -> TimeZone {
        crate::reminders::SystemClock.zone()
    }
    fn sleep(&self, nap: Duration) -> Nap {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        crate::reminders::SystemClock.sleep(nap)
    }
}

struct Silent;

impl crate::notify::Notifier for Silent {
    fn notify(&self, _: &crate::notify::Notification) -> Result<(), crate::notify::NotifyError> {
        Ok(())
    }
}

/// This process's CPU time so far, user and system, from `/proc/self/stat`.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    // The fields after the command name, which is in brackets and may hold spaces.
    let fields: Vec<u64> = stat[stat.rfind(')').unwrap() + 2..]
        .split(' ')
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // utime and stime, fields 14 and 15, in clock ticks (100 a second on Linux).
    Duration::from_millis((fields[11] + fields[12]) * 10)
}

/// This process's proportional set size in KiB (Linux).
fn pss_kib() -> i64 {
    std::fs::read_to_string("/proc/self/smaps_rollup")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// With nothing due, the loop sleeps: no busy loop, however many plans it
/// looks through. `GLIMMER_IDLE_SECONDS_MEASURED=60` widens the window and
/// prints the CPU and memory it used, the figures in docs/benchmarks.md (process-wide, so
/// run it alone: `cargo test -p glimmer-app idle_reminder_loop -- --nocapture`).
#[test]
fn idle_reminder_loop_costs_next_to_nothing() {
    let window = std::env::var("GLIMMER_IDLE_SECONDS_MEASURED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    block_on(async {
        let (_dir, state) = open_vault().await;
        let activities = [WALK, WATER, "Stretch", "Breathe slowly", "Make the bed"];
        for (i, a) in activities.iter().cycle().take(20).enumerate() {
            let at = (i8::try_from(i).unwrap() + 2, 7);
            plan(&state, a, 10, at, Some("daily"), 5).await;
        }
        let memory = pss_kib();
        let clock = Arc::new(CountingClock::default());
        let running = ReminderLoop::new(clock.clone(), Arc::new(Silent));
        let looping = state.clone();
        let task = tauri::async_runtime::spawn(async move { running.run(&looping).await });
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (cpu, naps) = (
            cpu_time(),
            clock.0.load(std::sync::atomic::Ordering::Relaxed),
        );
        tokio::time::sleep(Duration::from_secs(window)).await;
        let cpu = cpu_time() - cpu;
        let naps = clock.0.load(std::sync::atomic::Ordering::Relaxed) - naps;
        let memory = pss_kib() - memory;
        task.abort();
        println!(
            "idle reminder loop: {naps} wakes, {cpu:?} of CPU and {:+.1} MiB in {window} s",
            memory as f64 / 1024.0
        );
        // At most one wake a minute (and one more if a reminder came due meanwhile).
        assert!(
            u64::from(naps) <= 2 + window / 60,
            "{naps} wakes in {window} s"
        );
    });
}

bus_test! {
    fn a_gentle_check_in_reminder_comes_once_and_not_after_checking_in() {
        block_on(async {
            let f = Fixture::new(berlin(10, 19, 0, 0)).await;
            let mut l = f.reminder_loop();
            // Off by default.
            assert_eq!(f.tick(&mut l, berlin(10, 20, 0, 0)).await, 0);
            f.settings(|s| s.checkin_reminder = Some("20:00".into())).await;
            assert_eq!(f.tick(&mut l, berlin(10, 19, 59, 0)).await, 0);
            assert_eq!(f.tick(&mut l, berlin(10, 20, 0, 30)).await, 1);
            assert_eq!(f.tick(&mut l, berlin(10, 20, 5, 0)).await, 0, "once a day");
            let shown = f.server.shown();
            assert_eq!(shown[0].body, "A moment to check in with yourself, if you'd like.");
            assert_eq!(shown[0].actions, ["default", "Open"], "nothing to snooze or mark done");
            // The next day, after checking in, it stays quiet.
            let vault = f.state.vault().await.unwrap();
            let note = glimmer::checkin::CheckinInput {
                note: "ok".into(),
                created_at: Some(berlin(11, 9, 0, 0)),
                ..Default::default()
            };
            vault.checkins().create(&note).await.unwrap();
            drop(vault);
            assert_eq!(f.tick(&mut l, berlin(11, 20, 1, 0)).await, 0);
        });
    }
}
