//! The person's safety plan.

use glimmer::safety::{CardSize, OutsidePlan, SafetyPlan, SafetyPlanForm};
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

/// The plan as a card to print (markup only, every word escaped; the UI
/// styles it with the core's card.css).
#[tauri::command]
pub async fn safety_card(state: State<'_, AppState>, size: CardSize) -> Result<String> {
    let plan = state.vault().await?.safety().plan().await?;
    let line = glimmer::crisis::info(&state.dir).line;
    Ok(glimmer::safety::card_html(&plan, line.as_ref(), size))
}

/// Whether the coping steps and people are shown on Need help now while locked.
#[tauri::command]
pub async fn plan_while_locked(state: State<'_, AppState>) -> Result<bool> {
    Ok(state.vault().await?.safety().shown_while_locked())
}

#[tauri::command]
pub async fn set_plan_while_locked(state: State<'_, AppState>, on: bool) -> Result<()> {
    Ok(state.vault().await?.safety().show_while_locked(on).await?)
}

/// The lines the person chose to see while locked; needs no passphrase.
#[tauri::command]
pub fn locked_plan(state: State<'_, AppState>) -> Result<Option<OutsidePlan>> {
    Ok(OutsidePlan::load(&state.dir)?)
}
