//! The PHQ-9 questionnaire.

use glimmer::assess::{Assessment, Phq9Form};
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
