//! The tray icon: Open, Check in, Lock, Quit. Quitting is the only way to stop Glimmer.

use std::time::Duration;

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::{AppState, LOCK_REQUESTED_EVENT, LOCKED_EVENT, MAIN_WINDOW};

pub fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", "Open Glimmer", true, None::<&str>)?;
    let checkin = MenuItem::with_id(app, "checkin", "Check in…", true, None::<&str>)?;
    let lock = MenuItem::with_id(app, "lock", "Lock", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Glimmer", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &checkin, &lock, &quit])?;
    let mut tray = TrayIconBuilder::with_id("glimmer")
        .tooltip("Glimmer")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => {
                let _ = crate::open_main_window(app);
            }
            "checkin" => {
                let _ = crate::open_main_window(app);
                let _ = app.emit(crate::CHECKIN_EVENT, ());
            }
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

/// How long a lock from outside the UI waits for the UI to save and lock:
/// saving a draft takes milliseconds, and a locked screen already hides the window.
const UI_LOCK_WAIT: Duration = Duration::from_secs(2);

/// Locks from outside the UI (tray, idle, screen lock). An open window is
/// asked to save its pending words and lock first; if it has not within
/// [`UI_LOCK_WAIT`], the shell locks and tells it.
pub fn lock_now<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let ask_ui = || {
            app.get_webview_window(MAIN_WINDOW).is_some()
                && app.emit_to(MAIN_WINDOW, LOCK_REQUESTED_EVENT, ()).is_ok()
        };
        let state = app.state::<AppState>();
        if state.lock_via_ui(ask_ui, UI_LOCK_WAIT).await {
            let _ = app.emit(LOCKED_EVENT, ());
        }
    });
}
