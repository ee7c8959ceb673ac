//! Mindfulness timers: presets, the running timer (kept by the shell, see
//! `timer.rs`), the session log and what it adds up to.

use glimmer::charts::Theme;
use glimmer::mindful::{
    MindfulChart, MindfulInsights, NewSession, Pace, Preset, PresetInput, Session,
};
use glimmer::storage::parse_id;
use jiff::civil::Date;
use tauri::State;

use super::Result;
use crate::state::AppState;
use crate::timer::TimerStatus;

#[tauri::command]
pub async fn timer_presets(state: State<'_, AppState>) -> Result<Vec<Preset>> {
    Ok(state.vault().await?.mindful().presets().await?)
}

#[tauri::command]
pub async fn add_timer_preset(state: State<'_, AppState>, input: PresetInput) -> Result<Preset> {
    Ok(state.vault().await?.mindful().add_preset(&input).await?)
}

#[tauri::command]
pub async fn delete_timer_preset(state: State<'_, AppState>, id: String) -> Result<()> {
    Ok(state.vault().await?.mindful().delete_preset(&id).await?)
}

/// Starts a timer from a preset, with how vividly things feel now if given,
/// and a breathing guide at the pace chosen (the usual one if none).
#[tauri::command]
pub async fn start_timer(
    state: State<'_, AppState>,
    preset: String,
    intensity_before: Option<u8>,
    pace: Option<Pace>,
) -> Result<TimerStatus> {
    let preset = state
        .vault()
        .await?
        .mindful()
        .preset(&preset)
        .await?
        .at_pace(pace.unwrap_or_default());
    let (view, _) = state
        .timer
        .start(preset, intensity_before, state.timer.now_ms())?;
    Ok(view)
}

#[tauri::command]
pub fn pause_timer(state: State<'_, AppState>) -> Result<TimerStatus> {
    Ok(state
        .timer
        .change(state.timer.now_ms(), |t, now| t.pause(now))?)
}

#[tauri::command]
pub fn resume_timer(state: State<'_, AppState>) -> Result<TimerStatus> {
    Ok(state
        .timer
        .change(state.timer.now_ms(), |t, now| t.resume(now))?)
}

/// Stops early; the time sat so far is logged as a session stopped early.
#[tauri::command]
pub fn stop_timer(state: State<'_, AppState>) -> Result<TimerStatus> {
    Ok(state
        .timer
        .change(state.timer.now_ms(), |t, now| t.stop(now))?)
}

/// The running timer, if any: the page asks when it opens or comes back.
#[tauri::command]
pub fn timer_status(state: State<'_, AppState>) -> Option<TimerStatus> {
    state.timer.view(state.timer.now_ms())
}

#[tauri::command]
pub async fn mindful_sessions(state: State<'_, AppState>, limit: u32) -> Result<Vec<Session>> {
    Ok(state.vault().await?.mindful().sessions(limit).await?)
}

/// A session added by hand (sat without the timer).
#[tauri::command]
pub async fn log_mindful_session(
    state: State<'_, AppState>,
    session: NewSession,
) -> Result<Session> {
    Ok(state.vault().await?.mindful().log(&session).await?)
}

#[tauri::command]
pub async fn delete_mindful_session(state: State<'_, AppState>, id: String) -> Result<()> {
    let id = parse_id(&id, "session")?;
    Ok(state.vault().await?.mindful().delete_session(id).await?)
}

/// How vividly things feel after a session, or `None` to leave it out.
#[tauri::command]
pub async fn set_session_intensity(
    state: State<'_, AppState>,
    id: String,
    intensity: Option<u8>,
) -> Result<Session> {
    let id = parse_id(&id, "session")?;
    Ok(state
        .vault()
        .await?
        .mindful()
        .set_intensity_after(id, intensity)
        .await?)
}

#[tauri::command]
pub async fn mindful_insights(
    state: State<'_, AppState>,
    since: Option<Date>,
) -> Result<MindfulInsights> {
    Ok(state.vault().await?.mindful().insights(since).await?)
}

#[tauri::command]
pub async fn mindful_chart(
    state: State<'_, AppState>,
    kind: MindfulChart,
    since: Option<Date>,
    theme: Theme,
) -> Result<String> {
    Ok(state
        .vault()
        .await?
        .mindful()
        .chart(kind, since, theme)
        .await?)
}
