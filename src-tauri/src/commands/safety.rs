//! The person's safety plan.

use glimmer::safety::{SafetyPlan, SafetyPlanForm};
use tauri::State;

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn get_safety_plan(state: State<'_, AppState>) -> Result<SafetyPlan> {
    Ok(state.vault().await?.safety().plan().await?)
}

#[tauri::command]
pub async fn save_safety_plan(state: State<'_, AppState>, plan: SafetyPlan) -> Result<SafetyPlan> {
    Ok(state.vault().await?.safety().save(&plan).await?)
}

#[tauri::command]
pub fn safety_plan_form() -> SafetyPlanForm {
    glimmer::safety::form()
}
