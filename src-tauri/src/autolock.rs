//! Locks the vault after the idle time the person chose (default 10 minutes).
//! Checked every 15 seconds against wall-clock time, so it also holds after
//! the computer wakes from sleep.

use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(15)).await;
            let state = app.state::<AppState>();
            if state.idle_expired() && state.is_unlocked().await {
                crate::tray::lock_now(&app);
            }
        }
    });
}
