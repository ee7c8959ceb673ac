//! Behavioral activation: the activity library and life areas, plans and
//! their occurrences, and what they add up to. A change to plans wakes the
//! reminder loop, so a reminder a minute away is not missed.

use glimmer::activation::{
    ActivationChart, ActivationInsights, Activity, ActivityInput, AreaValue, LifeArea, MoveTo,
    NewPlan, Occurrence, OccurrenceId, Outcome, Plan, Status,
};
use glimmer::charts::Theme;
use glimmer::storage::parse_id;
use jiff::Timestamp;
use jiff::civil::Date;
use tauri::State;

use super::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn list_activities(
    state: State<'_, AppState>,
    include_hidden: bool,
) -> Result<Vec<Activity>> {
    Ok(state
        .vault()
        .await?
        .activities()
        .list(include_hidden)
        .await?)
}

#[tauri::command]
pub async fn add_activity(state: State<'_, AppState>, input: ActivityInput) -> Result<Activity> {
    Ok(state.vault().await?.activities().add(&input).await?)
}

/// Edits, hides or brings back an activity (`hidden` in `input`).
#[tauri::command]
pub async fn update_activity(
    state: State<'_, AppState>,
    id: String,
    input: ActivityInput,
) -> Result<Activity> {
    let id = parse_id(&id, "activity")?;
    let activity = state.vault().await?.activities().update(id, &input).await?;
    state.plans_changed();
    Ok(activity)
}

#[tauri::command]
pub async fn life_areas(state: State<'_, AppState>) -> Result<Vec<AreaValue>> {
    Ok(state.vault().await?.activities().areas().await?)
}

#[tauri::command]
pub async fn set_area_value(
    state: State<'_, AppState>,
    area: LifeArea,
    value: String,
) -> Result<AreaValue> {
    Ok(state
        .vault()
        .await?
        .activities()
        .set_value(area, &value)
        .await?)
}

/// One tiny activity, leaning toward what went well before; `None` when the
/// library is empty.
#[tauri::command]
pub async fn pick_activity(state: State<'_, AppState>) -> Result<Option<Activity>> {
    // A new pick each time; reproducible picks are the core's tests' concern.
    let seed = Timestamp::now().as_nanosecond() as u64;
    Ok(state.vault().await?.activities().pick_one(seed).await?)
}

#[tauri::command]
pub async fn list_plans(state: State<'_, AppState>) -> Result<Vec<Plan>> {
    Ok(state.vault().await?.plans().list().await?)
}

#[tauri::command]
pub async fn create_plan(state: State<'_, AppState>, plan: NewPlan) -> Result<Plan> {
    let plan = state.vault().await?.plans().create(&plan).await?;
    state.plans_changed();
    Ok(plan)
}

/// Changes a plan from today on; the days before keep what was noted.
#[tauri::command]
pub async fn replace_plan(state: State<'_, AppState>, id: String, plan: NewPlan) -> Result<Plan> {
    let id = parse_id(&id, "plan")?;
    let plan = state
        .vault()
        .await?
        .plans()
        .replace(id, &plan, Timestamp::now())
        .await?;
    state.plans_changed();
    Ok(plan)
}

/// Stops a plan from today on; `None` when nothing of it was left to keep.
#[tauri::command]
pub async fn stop_plan(state: State<'_, AppState>, id: String) -> Result<Option<Plan>> {
    let id = parse_id(&id, "plan")?;
    let kept = state
        .vault()
        .await?
        .plans()
        .stop(id, Timestamp::now())
        .await?;
    state.plans_changed();
    Ok(kept)
}

/// The occurrences on the local days `from` through `to`.
#[tauri::command]
pub async fn list_occurrences(
    state: State<'_, AppState>,
    from: Date,
    to: Date,
) -> Result<Vec<Occurrence>> {
    Ok(state.vault().await?.plans().on_days(from, to).await?)
}

#[tauri::command]
pub async fn get_occurrence(state: State<'_, AppState>, id: String) -> Result<Occurrence> {
    let id = OccurrenceId::parse(&id)?;
    Ok(state.vault().await?.plans().occurrence(&id).await?)
}

/// Times that passed in the last two days with nothing noted, to offer again.
#[tauri::command]
pub async fn waiting_occurrences(state: State<'_, AppState>) -> Result<Vec<Occurrence>> {
    Ok(state
        .vault()
        .await?
        .plans()
        .waiting(Timestamp::now())
        .await?)
}

/// Notes how it went: done, partly, or not today (let go).
#[tauri::command]
pub async fn record_occurrence(
    state: State<'_, AppState>,
    id: String,
    status: Status,
    outcome: Outcome,
) -> Result<Occurrence> {
    let id = OccurrenceId::parse(&id)?;
    let occurrence = state
        .vault()
        .await?
        .plans()
        .record(&id, status, &outcome)
        .await?;
    state.plans_changed();
    Ok(occurrence)
}

#[tauri::command]
pub async fn move_occurrence(
    state: State<'_, AppState>,
    id: String,
    to: MoveTo,
) -> Result<Occurrence> {
    let id = OccurrenceId::parse(&id)?;
    let moved = state
        .vault()
        .await?
        .plans()
        .move_occurrence(&id, to, Timestamp::now())
        .await?;
    state.plans_changed();
    Ok(moved)
}

/// "Note a glimmer from this": links a journal entry to the occurrence.
#[tauri::command]
pub async fn link_occurrence_entry(
    state: State<'_, AppState>,
    id: String,
    entry: String,
) -> Result<Occurrence> {
    let id = OccurrenceId::parse(&id)?;
    Ok(state.vault().await?.plans().link_entry(&id, &entry).await?)
}

/// Predicted against actual enjoyment and the rest, over what was done since `since`.
#[tauri::command]
pub async fn activation_insights(
    state: State<'_, AppState>,
    since: Option<Date>,
) -> Result<ActivationInsights> {
    Ok(state.vault().await?.plans().insights(since).await?)
}

/// An activation chart as SVG, drawn in Rust; its labels are escaped there.
#[tauri::command]
pub async fn activation_chart(
    state: State<'_, AppState>,
    kind: ActivationChart,
    since: Option<Date>,
    theme: Theme,
) -> Result<String> {
    Ok(state
        .vault()
        .await?
        .plans()
        .chart(kind, since, theme)
        .await?)
}
