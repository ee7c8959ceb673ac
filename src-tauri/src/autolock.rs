//! Locks the vault after the idle time the person chose (default 10 minutes).
//! Checked every 15 seconds (sooner for short test timeouts) against
//! wall-clock time, so it also holds after the computer wakes from sleep.

use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        loop {
            let state = app.state::<AppState>();
            tokio::time::sleep(state.idle_check_period()).await;
            if state.idle_expired() && state.is_unlocked().await {
                crate::tray::lock_now(&app);
            }
        }
    });
}
