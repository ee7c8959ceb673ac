//! Keeps sync going while the vault is open: every few seconds it looks at
//! what changed here and at the names of the files in the sync folder (no
//! decryption), and syncs only when there is something to write or to read.
//! Looking at file names stands in for a file watcher: it is as quick to
//! notice, costs a directory listing, and works on network drives and USB
//! sticks where change notifications do not. Unlocking or starting sync wakes
//! it at once.

use std::time::Duration;

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
                Ok(arrived) => {
                    told = None;
                    if arrived {
                        Event::SyncChanged.emit(&app);
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

/// Syncs if there is anything to write or read; returns whether anything
/// arrived, or the problem in words (never journal text).
async fn look(state: &AppState) -> Result<bool, String> {
    let Ok(vault) = state.vault().await else {
        return Ok(false);
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
    if !status.set_up || (status.pending == 0 && status.unread == 0) {
        return Ok(false);
    }
    let report = sync.now().await.map_err(|e| e.to_string())?;
    Ok(report.applied > 0)
}
