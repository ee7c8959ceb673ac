//! The tray icon: Open, Check in, Lock, Quit. Quitting is the only way to stop Glimmer.

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::{AppState, LOCKED_EVENT};

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

/// Locks from outside the UI (tray, idle, screen lock) and tells the UI.
pub fn lock_now<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if app.state::<AppState>().lock().await {
            let _ = app.emit(LOCKED_EVENT, ());
        }
    });
}
