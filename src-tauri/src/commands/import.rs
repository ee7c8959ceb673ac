//! Bringing a history in from another app. The page sends the chosen file's
//! bytes (or a path typed for a Day One folder or a file too large to read in
//! the page), shows the preview, lets the person place their own mood names,
//! then imports with progress. The file waits in memory between those steps
//! and is let go on import, on "Not now" and on lock.

use std::path::PathBuf;
use std::sync::Arc;

use glimmer::Error;
use glimmer::import::{self, ImportReport, Options, Preview, Step};
use tauri::State;
use tauri::ipc::{Channel, InvokeBody, Request};

use super::Result;
use crate::state::AppState;

/// The file chosen for an import.
#[derive(Debug)]
pub enum Source {
    Bytes(Vec<u8>),
    Path(PathBuf),
}

impl Source {
    /// Reads it with `opts`, off the async threads: a ten-year file takes a
    /// moment.
    async fn parse(self: Arc<Self>, opts: Options) -> Result<import::Parsed> {
        let parsed = tauri::async_runtime::spawn_blocking(move || match &*self {
            Source::Bytes(bytes) => import::parse(bytes, &opts),
            Source::Path(path) => import::read(path, &opts),
        })
        .await
        .map_err(|e| Error::Internal(format!("reading the file stopped: {e}")))?;
        Ok(parsed?)
    }
}

/// Takes the file to import and returns what it holds. The bytes come as the
/// raw body; or, when the `import-path` header names a file or folder
/// (percent-encoded), that is read instead. The `import-options` header holds
/// the `Options` as JSON.
#[tauri::command]
pub async fn import_choose(state: State<'_, AppState>, request: Request<'_>) -> Result<Preview> {
    let unreadable = || {
        Error::invalid(
            "file",
            "The file didn't arrive whole; try choosing it again.",
        )
    };
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let opts: Options = serde_json::from_str(header("import-options")).map_err(|_| unreadable())?;
    let typed = percent_encoding::percent_decode_str(header("import-path"))
        .decode_utf8()
        .map_err(|_| unreadable())?;
    let source = if typed.trim().is_empty() {
        let InvokeBody::Raw(bytes) = request.body() else {
            return Err(unreadable().into());
        };
        Source::Bytes(bytes.clone())
    } else {
        Source::Path(glimmer::export::full_path(&typed, "path")?)
    };
    // A vault must be open: the preview is for importing into it.
    state.vault().await?;
    let source = Arc::new(source);
    let parsed = source.clone().parse(opts).await?;
    state.set_import(Some(source));
    Ok(parsed.preview)
}

/// What the chosen file holds read with other options (the person's moods
/// placed on the scale, another time zone).
#[tauri::command]
pub async fn import_preview(state: State<'_, AppState>, options: Options) -> Result<Preview> {
    Ok(chosen(&state)?.parse(options).await?.preview)
}

/// Imports the chosen file with `options`: a backup first, then all of it or
/// nothing. `on_progress` hears each step.
#[tauri::command]
pub async fn import_run(
    state: State<'_, AppState>,
    options: Options,
    skip_bad: bool,
    on_progress: Channel<Step>,
) -> Result<ImportReport> {
    let parsed = chosen(&state)?.parse(options).await?;
    let vault = state.vault().await?;
    // A page that went away no longer hears progress; the import goes on.
    let report = vault
        .import(&parsed, skip_bad, &mut |step| drop(on_progress.send(step)))
        .await?;
    state.set_import(None);
    Ok(report)
}

/// Lets the chosen file go ("Not now", or leaving the page).
#[tauri::command]
pub fn import_forget(state: State<'_, AppState>) {
    state.set_import(None);
}

fn chosen(state: &AppState) -> Result<Arc<Source>> {
    state.import().ok_or_else(|| {
        Error::invalid(
            "file",
            "The file to import was let go (Glimmer was locked, or the import finished); choose it again.",
        )
        .into()
    })
}
