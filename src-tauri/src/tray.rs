//! The tray icon: Open, Check in, the timer (its time left, Pause/Resume,
//! Stop, or "A minute of the senses"), Lock, Quit. Quitting is the only way
//! to stop Glimmer.

use std::sync::Mutex;
use std::time::Duration;

use glimmer::mindful::{TimerState, TimerView};
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::events::{Event, open_with};
use crate::state::AppState;
use crate::timer::{SENSES_MINUTE, time_left};
use crate::window::open_main_window;

/// The menu, with the running timer's time left and its controls when one runs.
fn menu<R: Runtime>(app: &AppHandle<R>, timer: Option<&TimerView>) -> tauri::Result<Menu<R>> {
    let item = |id: &str, text: &str, enabled: bool| {
        MenuItem::with_id(app, id, text, enabled, None::<&str>)
    };
    let mut items = vec![
        item("open", "Open Glimmer", true)?,
        item("checkin", "Check in…", true)?,
    ];
    match timer {
        Some(view) => {
            items.push(item("timer-left", &time_left(view), false)?);
            items.push(if view.state == TimerState::Paused {
                item("timer-resume", "Resume timer", true)?
            } else {
                item("timer-pause", "Pause timer", true)?
            });
            items.push(item("timer-stop", "Stop timer", true)?);
        }
        None => items.push(item("senses", "A minute of the senses", true)?),
    }
    items.push(item("lock", "Lock", true)?);
    items.push(item("quit", "Quit Glimmer", true)?);
    let refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = items
        .iter()
        .map(|i| i as &dyn tauri::menu::IsMenuItem<R>)
        .collect();
    Menu::with_items(app, &refs)
}

pub fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let mut tray = TrayIconBuilder::with_id(TRAY)
        .tooltip("Glimmer")
        .menu(&menu(app, None)?)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => {
                let _ = open_main_window(app);
            }
            "checkin" => {
                let _ = open_main_window(app);
                Event::OpenCheckin.emit(app);
            }
            "senses" => start_senses_minute(app),
            "timer-pause" => timer_change(app, |t, now| t.pause(now)),
            "timer-resume" => timer_change(app, |t, now| t.resume(now)),
            "timer-stop" => timer_change(app, |t, now| t.stop(now)),
            "lock" => lock_now(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

const TRAY: &str = "glimmer";

/// What the tray last showed of the timer, so it is redrawn only on a change.
static SHOWN: Mutex<Option<String>> = Mutex::new(None);

/// Shows the running timer (its time left, Pause/Resume, Stop) or none.
pub fn show_timer<R: Runtime>(app: &AppHandle<R>, timer: Option<&TimerView>) {
    let text = timer.map(|v| format!("{:?} {}", v.state, time_left(v)));
    {
        let mut shown = SHOWN.lock().unwrap_or_else(|p| p.into_inner());
        if *shown == text {
            return;
        }
        shown.clone_from(&text);
    }
    let view = timer.cloned();
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || {
        let Some(tray) = handle.tray_by_id(TRAY) else {
            return;
        };
        if let Ok(m) = menu(&handle, view.as_ref()) {
            let _ = tray.set_menu(Some(m));
        }
        let tip = view.as_ref().map_or_else(
            || "Glimmer".to_string(),
            |v| format!("Glimmer: {}", time_left(v)),
        );
        let _ = tray.set_tooltip(Some(tip));
    });
}

fn timer_change<R: Runtime>(
    app: &AppHandle<R>,
    change: impl FnOnce(&mut glimmer::mindful::Timer, u64) -> glimmer::Result<()>,
) {
    let state = app.state::<AppState>();
    if let Err(e) = state.timer.change(state.timer.now_ms(), change) {
        eprintln!("{e}");
    }
}

/// Starts "A minute of the senses" and shows it; with the vault locked, the
/// window opens to unlock first.
fn start_senses_minute<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let preset = match state.vault().await {
            Ok(vault) => vault.mindful().preset(SENSES_MINUTE).await.ok(),
            Err(_) => None,
        };
        if let Some(preset) = preset
            && let Err(e) = state.timer.start(preset, None, state.timer.now_ms())
        {
            eprintln!("{e}");
        }
        open_with(&app, Event::OpenTimer);
    });
}

/// How long a lock from outside the UI waits for the UI to save and lock:
/// saving a draft takes milliseconds, and a locked screen already hides the window.
const UI_LOCK_WAIT: Duration = Duration::from_secs(2);

/// Locks from outside the UI (tray, idle, screen lock). An open window is
/// asked to save its pending words and lock first; if it has not within
/// [`UI_LOCK_WAIT`], the shell locks and tells it.
pub fn lock_now<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let ask_ui = || Event::LockRequested.emit_to_main(&app);
        let state = app.state::<AppState>();
        if state.lock_via_ui(ask_ui, UI_LOCK_WAIT).await {
            Event::Locked.emit(&app);
        }
    });
}
