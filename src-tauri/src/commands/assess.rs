//! The PHQ-9 questionnaire.

use glimmer::assess::{Assessment, Phq9Form};
use glimmer::storage::parse_id;
use tauri::State;

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub fn phq9_form() -> Phq9Form {
    glimmer::assess::phq9_form()
}

#[tauri::command]
pub async fn record_phq9(
    state: State<'_, AppState>,
    answers: Vec<u8>,
    difficulty: Option<u8>,
) -> Result<Assessment> {
    Ok(state
        .vault()
        .await?
        .assessments()
        .record_phq9(&answers, difficulty)
        .await?)
}

/// The difficulty answer, asked after the safety screen for answers already saved.
#[tauri::command]
pub async fn set_phq9_difficulty(
    state: State<'_, AppState>,
    id: String,
    difficulty: u8,
) -> Result<()> {
    let id = parse_id(&id, "self-check")?;
    Ok(state
        .vault()
        .await?
        .assessments()
        .set_phq9_difficulty(id, difficulty)
        .await?)
}
