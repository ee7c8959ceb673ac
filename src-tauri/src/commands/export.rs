//! Taking everything out: the Markdown and CSV exports, and the summary for
//! a clinician that the UI prints.

use glimmer::export::{self, ExportReport, FileFormat};
use glimmer::report::{self, SummaryOptions};
use tauri::State;

use super::Result;
use crate::state::AppState;

/// Writes an export to the folder (or `.zip`) typed, or to a new folder in
/// Documents; the report says where. The UI has said the files are not
/// encrypted before it calls this.
#[tauri::command]
pub async fn export_files(
    state: State<'_, AppState>,
    format: FileFormat,
    folder: Option<String>,
) -> Result<ExportReport> {
    let vault = state.vault().await?;
    let dest = export::destination(folder.as_deref(), jiff::Zoned::now().date())?;
    Ok(export::write(&vault, format, &dest).await?)
}

/// The summary's markup (every word escaped; the UI styles it with the
/// core's report.css and prints it).
#[tauri::command]
pub async fn clinician_summary(
    state: State<'_, AppState>,
    options: SummaryOptions,
) -> Result<String> {
    Ok(report::summary_markup(&*state.vault().await?, &options).await?)
}
