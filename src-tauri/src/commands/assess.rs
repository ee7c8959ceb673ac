//! The PHQ-9 questionnaire.

use glimmer::assess::{Assessment, Phq9Form, Phq9Result};
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

/// A self-check beside the one before: the comparison, the band's note, any prompts.
#[tauri::command]
pub async fn phq9_result(state: State<'_, AppState>, id: String) -> Result<Phq9Result> {
    let id = parse_id(&id, "self-check")?;
    Ok(state.vault().await?.assessments().phq9_result(id).await?)
}

/// The latest self-check's prompts, when Today has not shown them yet.
#[tauri::command]
pub async fn phq9_unseen_prompts(state: State<'_, AppState>) -> Result<Option<Phq9Result>> {
    Ok(state.vault().await?.assessments().unseen_prompts().await?)
}

#[tauri::command]
pub async fn phq9_prompts_shown(state: State<'_, AppState>, id: String) -> Result<()> {
    let id = parse_id(&id, "self-check")?;
    Ok(state.vault().await?.assessments().prompts_shown(id).await?)
}

/// Said before a self-check taken again within two weeks of the last.
#[tauri::command]
pub async fn phq9_retake_note(state: State<'_, AppState>) -> Result<Option<String>> {
    Ok(state.vault().await?.assessments().retake_note().await?)
}
