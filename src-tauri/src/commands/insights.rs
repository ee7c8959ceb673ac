//! What the check-ins and questionnaires add up to, as data and as charts.

use glimmer::charts::Theme;
use glimmer::insights::{ChartKind, InsightsData, Range};
use tauri::State;

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn insights_data(state: State<'_, AppState>, range: Range) -> Result<InsightsData> {
    Ok(state.vault().await?.insights().data(range).await?)
}

/// A chart as SVG, drawn in Rust; its labels are escaped there.
#[tauri::command]
pub async fn chart(
    state: State<'_, AppState>,
    kind: ChartKind,
    range: Range,
    theme: Theme,
) -> Result<String> {
    Ok(state
        .vault()
        .await?
        .insights()
        .chart(kind, range, theme)
        .await?)
}
