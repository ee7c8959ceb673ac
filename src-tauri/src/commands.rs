//! IPC commands: each one unpacks its arguments and delegates to the core.

use glimmer::assess::Assessment;
use glimmer::charts::Theme;
use glimmer::checkin::{Checkin, CheckinInput};
use glimmer::insights::{self, ChartKind, InsightsData, Range};
use glimmer::journal::{Draft, DraftInput, Page, SearchQuery, SearchResults, TagCount};
use glimmer::safety::SafetyPlan;
use glimmer::{
    Credential, Entry, EntryPatch, EntrySummary, ErrorCode, ErrorReport, NewEntry, Secret,
    Settings, Vault, VaultPaths, VaultStatus,
};
use tauri::State;
use uuid::Uuid;

use crate::state::AppState;

type Result<T> = std::result::Result<T, ErrorReport>;

fn bad_id(id: &str) -> ErrorReport {
    ErrorReport::new(ErrorCode::Invalid, format!("“{id}” is not a draft id."))
}

#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> Result<VaultStatus> {
    Ok(VaultStatus {
        exists: VaultPaths::new(&state.dir).exists(),
        unlocked: state.is_unlocked().await,
    })
}

/// Creates the vault and opens it; returns the recovery key to show once.
#[tauri::command]
pub async fn create_vault(state: State<'_, AppState>, passphrase: String) -> Result<String> {
    if passphrase.is_empty() {
        return Err(ErrorReport::new(
            ErrorCode::Invalid,
            "Choose a passphrase first.",
        ));
    }
    let (vault, recovery) = Vault::create(&state.dir, &Secret::new(passphrase)).await?;
    let shown = recovery.display().to_string();
    state.set_vault(vault).await;
    Ok(shown)
}

#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    passphrase: Option<String>,
    recovery_key: Option<String>,
) -> Result<Settings> {
    let credential = match (passphrase, recovery_key) {
        (_, Some(k)) => Credential::RecoveryKey(Secret::new(k)),
        (Some(p), None) => Credential::Passphrase(Secret::new(p)),
        (None, None) => {
            return Err(ErrorReport::new(
                ErrorCode::Invalid,
                "Type your passphrase first.",
            ));
        }
    };
    let vault = Vault::unlock(&state.dir, &credential).await?;
    let settings = vault.settings().await?;
    state.set_vault(vault).await;
    Ok(settings)
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Result<()> {
    state.lock().await;
    Ok(())
}

/// With the current passphrase, or right after unlocking with the recovery key.
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: Option<String>,
    new: String,
) -> Result<()> {
    let vault = state.vault().await?;
    if let Some(current) = current
        && !vault.verify_passphrase(&Secret::new(current))?
    {
        return Err(glimmer::VaultError::WrongPassphrase.into());
    }
    if new.is_empty() {
        return Err(ErrorReport::new(
            ErrorCode::Invalid,
            "The new passphrase is empty; nothing was changed.",
        ));
    }
    vault.change_passphrase(&Secret::new(new)).await?;
    Ok(())
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings> {
    Ok(state.vault().await?.settings().await?)
}

#[tauri::command]
pub async fn set_settings(state: State<'_, AppState>, settings: Settings) -> Result<Settings> {
    state.vault().await?.save_settings(&settings).await?;
    state.apply_settings(settings.clone());
    Ok(settings)
}

/// The UI reports that the person is active, so idle locking waits.
#[tauri::command]
pub async fn touch(state: State<'_, AppState>) -> Result<()> {
    state.touch();
    Ok(())
}

#[tauri::command]
pub async fn list_entries(
    state: State<'_, AppState>,
    limit: u32,
    before: Option<String>,
) -> Result<Page> {
    Ok(state
        .vault()
        .await?
        .journal()
        .list(limit, before.as_deref())
        .await?)
}

#[tauri::command]
pub async fn get_entry(state: State<'_, AppState>, id: String) -> Result<Entry> {
    Ok(state.vault().await?.journal().get(&id).await?)
}

#[tauri::command]
pub async fn create_entry(state: State<'_, AppState>, entry: NewEntry) -> Result<Entry> {
    Ok(state.vault().await?.journal().create(&entry).await?)
}

#[tauri::command]
pub async fn update_entry(
    state: State<'_, AppState>,
    id: String,
    patch: EntryPatch,
) -> Result<Entry> {
    Ok(state.vault().await?.journal().update(&id, &patch).await?)
}

#[tauri::command]
pub async fn trash_entry(state: State<'_, AppState>, id: String) -> Result<Entry> {
    Ok(state.vault().await?.journal().trash(&id).await?)
}

#[tauri::command]
pub async fn restore_entry(state: State<'_, AppState>, id: String) -> Result<Entry> {
    Ok(state.vault().await?.journal().restore(&id).await?)
}

#[tauri::command]
pub async fn trash_list(state: State<'_, AppState>) -> Result<Vec<EntrySummary>> {
    Ok(state.vault().await?.journal().trash_list().await?)
}

#[tauri::command]
pub async fn empty_trash(state: State<'_, AppState>) -> Result<u64> {
    Ok(state.vault().await?.journal().empty_trash().await?)
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> Result<SearchResults> {
    Ok(state.vault().await?.journal().search(&query).await?)
}

#[tauri::command]
pub async fn tags(state: State<'_, AppState>) -> Result<Vec<TagCount>> {
    Ok(state.vault().await?.journal().tags().await?)
}

/// Markdown to sanitised HTML, for the editor's live preview.
#[tauri::command]
pub fn render_markdown(text: String) -> String {
    glimmer::markdown::to_safe_html(&text)
}

#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, draft: DraftInput) -> Result<Draft> {
    Ok(state.vault().await?.journal().save_draft(&draft).await?)
}

#[tauri::command]
pub async fn list_drafts(state: State<'_, AppState>) -> Result<Vec<Draft>> {
    Ok(state.vault().await?.journal().drafts().await?)
}

#[tauri::command]
pub async fn discard_draft(state: State<'_, AppState>, id: String) -> Result<()> {
    let id = Uuid::parse_str(&id).map_err(|_| bad_id(&id))?;
    Ok(state.vault().await?.journal().discard_draft(id).await?)
}

#[tauri::command]
pub async fn publish_draft(state: State<'_, AppState>, id: String) -> Result<Entry> {
    let id = Uuid::parse_str(&id).map_err(|_| bad_id(&id))?;
    Ok(state.vault().await?.journal().publish_draft(id).await?)
}

fn parse_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id).map_err(|_| {
        ErrorReport::new(
            ErrorCode::Invalid,
            format!("“{id}” is not an id Glimmer made."),
        )
    })
}

#[tauri::command]
pub fn checkin_vocabulary() -> glimmer::checkin::Vocabulary {
    glimmer::checkin::vocabulary()
}

#[tauri::command]
pub async fn create_checkin(state: State<'_, AppState>, input: CheckinInput) -> Result<Checkin> {
    state
        .vault()
        .await?
        .checkins()
        .create(&input)
        .await
        .map_err(Into::into)
}

#[tauri::command]
pub async fn update_checkin(
    state: State<'_, AppState>,
    id: String,
    input: CheckinInput,
) -> Result<Checkin> {
    let id = parse_id(&id)?;
    state
        .vault()
        .await?
        .checkins()
        .update(id, &input)
        .await
        .map_err(Into::into)
}

#[tauri::command]
pub async fn delete_checkin(state: State<'_, AppState>, id: String) -> Result<()> {
    let id = parse_id(&id)?;
    state
        .vault()
        .await?
        .checkins()
        .delete(id)
        .await
        .map_err(Into::into)
}

#[tauri::command]
pub async fn recent_checkins(state: State<'_, AppState>, limit: u32) -> Result<Vec<Checkin>> {
    state
        .vault()
        .await?
        .checkins()
        .recent(limit)
        .await
        .map_err(Into::into)
}

#[tauri::command]
pub fn phq9_form() -> glimmer::assess::Phq9Form {
    glimmer::assess::phq9_form()
}

#[tauri::command]
pub async fn record_phq9(
    state: State<'_, AppState>,
    answers: Vec<u8>,
    difficulty: Option<u8>,
) -> Result<Assessment> {
    state
        .vault()
        .await?
        .assessments()
        .record_phq9(&answers, difficulty)
        .await
        .map_err(Into::into)
}

#[tauri::command]
pub async fn get_safety_plan(state: State<'_, AppState>) -> Result<SafetyPlan> {
    Ok(state.vault().await?.safety_plan().await?)
}

#[tauri::command]
pub async fn save_safety_plan(state: State<'_, AppState>, plan: SafetyPlan) -> Result<SafetyPlan> {
    Ok(state.vault().await?.save_safety_plan(&plan).await?)
}

#[tauri::command]
pub async fn insights_data(state: State<'_, AppState>, range: Range) -> Result<InsightsData> {
    insights::data(&*state.vault().await?, range)
        .await
        .map_err(Into::into)
}

/// A chart as SVG, drawn in Rust; its labels are escaped there.
#[tauri::command]
pub async fn chart(
    state: State<'_, AppState>,
    kind: ChartKind,
    range: Range,
    theme: Theme,
) -> Result<String> {
    insights::chart(&*state.vault().await?, kind, range, theme)
        .await
        .map_err(Into::into)
}
