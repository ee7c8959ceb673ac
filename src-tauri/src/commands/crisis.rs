//! The crisis line beside the vault: readable and changeable while locked,
//! because help must not wait for a passphrase.

use glimmer::crisis::{self, CrisisInfo, CrisisLine};
use tauri::State;

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub fn crisis_line(state: State<'_, AppState>) -> CrisisInfo {
    crisis::info(&state.dir)
}

#[tauri::command]
pub fn crisis_countries() -> Vec<CrisisLine> {
    crisis::countries()
}

#[tauri::command]
pub fn set_crisis_line(state: State<'_, AppState>, line: CrisisLine) -> Result<CrisisLine> {
    Ok(crisis::save(&state.dir, &line)?)
}
