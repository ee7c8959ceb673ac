//! Keeps sync going while the vault is open: every few seconds it looks at
//! what changed here and at the names of the files in the sync folder (no
//! decryption), and syncs only when there is something to write or to read.
//! Looking at file names stands in for a file watcher: it is as quick to
//! notice, costs a directory listing, and works on network drives and USB
//! sticks where change notifications do not. Unlocking or starting sync wakes
//! it at once.

use std::time::Duration;

use glimmer::sync::Report;
use tauri::{AppHandle, Manager, Runtime};

use crate::events::Event;
use crate::state::AppState;

/// How often the loop looks: "within seconds" of a change on either side.
const LOOK_EVERY: Duration = Duration::from_secs(3);

/// Runs the sync loop for as long as Glimmer runs.
pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        // The last problem told, so a folder that stays away is said once.
        let mut told: Option<String> = None;
        loop {
            match look(&state).await {
                Ok(report) => {
                    told = None;
                    if let Some(report) = report {
                        tell(&app, &report);
                    }
                }
                Err(problem) if told.as_ref() != Some(&problem) => {
                    Event::SyncProblem(problem.clone()).emit(&app);
                    told = Some(problem);
                }
                Err(_) => {}
            }
            state.sync_nap(LOOK_EVERY).await;
        }
    });
}

/// Tells the page what a sync brought: views read again if anything arrived.
pub fn tell<R: Runtime>(app: &AppHandle<R>, report: &Report) {
    if report.applied > 0 {
        Event::SyncChanged.emit(app);
    }
    if let Some(computer) = &report.passphrase_from {
        Event::SyncNotice(glimmer::sync::passphrase_taken(computer)).emit(app);
    }
}

/// Syncs if there is anything to write or read; returns what the sync did,
/// or the problem in words (never journal text).
async fn look(state: &AppState) -> Result<Option<Report>, String> {
    let Ok(vault) = state.vault().await else {
        return Ok(None);
    };
    let sync = vault.sync();
    let status = sync.status().await.map_err(|e| e.to_string())?;
    if status.set_up && status.folder_missing {
        let folder = status.folder.unwrap_or_default();
        return Err(format!(
            "The sync folder {} is not there just now (a drive unplugged?). Everything you write stays here, and Glimmer catches up when it is back.",
            folder.display()
        ));
    }
    if !status.set_up
        || (status.pending == 0 && status.unread == 0 && !status.passphrase_out_of_step)
    {
        return Ok(None);
    }
    sync.now().await.map(Some).map_err(|e| e.to_string())
}
