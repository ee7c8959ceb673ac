//! Entries, the trash, search and tags.

use glimmer::journal::{Page, SearchQuery, SearchResults, TagCount};
use glimmer::{Entry, EntryPatch, EntrySummary, Error, NewEntry};
use tauri::State;

use super::Result;
use crate::state::AppState;

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
    // Through the vault, which takes a backup first.
    Ok(state.vault().await?.empty_trash().await?)
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> Result<SearchResults> {
    Ok(state.vault().await?.journal().search(&query).await?)
}

#[tauri::command]
pub async fn tags(state: State<'_, AppState>) -> Result<Vec<TagCount>> {
    Ok(state.vault().await?.journal().tags().await?)
}

/// Markdown to sanitised HTML, for the editor's live preview. Bounded like an
/// entry, and rendered on a blocking thread: a long text takes a while, and
/// must hold up neither the window nor other commands meanwhile.
#[tauri::command]
pub async fn render_markdown(text: String) -> Result<String> {
    glimmer::journal::check_body(&text)?;
    tauri::async_runtime::spawn_blocking(move || glimmer::markdown::to_safe_html(&text))
        .await
        .map_err(|e| Error::Internal(format!("the preview could not be drawn: {e}")).into())
}
