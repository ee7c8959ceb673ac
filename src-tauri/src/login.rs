//! Starting Glimmer when the person logs in: off unless chosen in Settings.
//! It then starts in the tray, so reminders can come without the window
//! opening; they begin once the vault is first unlocked, because their times
//! are inside it. Changed from the shell when settings are saved, so the UI
//! needs no permission of its own for it.

use glimmer::{ErrorCode, ErrorReport};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_autostart::AutoLaunchManager;

/// The argument the system's login item starts Glimmer with.
pub const STARTED_AT_LOGIN: &str = "--started-at-login";

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new()
        .app_name("Glimmer")
        .arg(STARTED_AT_LOGIN)
        .build()
}

/// Whether this Glimmer was started by the login item.
pub fn started_at_login() -> bool {
    std::env::args().any(|a| a == STARTED_AT_LOGIN)
}

/// Adds or removes the login item. An app without the plugin (the tests'
/// mock app) has none to change.
pub fn set<R: Runtime>(app: &AppHandle<R>, on: bool) -> Result<(), ErrorReport> {
    let Some(login) = app.try_state::<AutoLaunchManager>() else {
        return Ok(());
    };
    let change = || match login.is_enabled()? {
        now if now == on => Ok(()),
        _ if on => login.enable(),
        _ => login.disable(),
    };
    change().map_err(|e| {
        ErrorReport::new(
            ErrorCode::Io,
            format!("Glimmer could not change whether it starts when you log in: {e}"),
        )
    })
}
