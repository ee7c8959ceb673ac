//! Entries, the trash, search and tags.

use glimmer::journal::{
    NewPicture, Page, Picture, PictureOwner, SearchQuery, SearchResults, TagCount,
};
use glimmer::storage::parse_id;
use glimmer::{Entry, EntryPatch, EntrySummary, Error, NewEntry};
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

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
    tauri::async_runtime::spawn_blocking(move || {
        glimmer::markdown::to_safe_html_serving_pictures(&text, crate::pictures::BASE)
    })
    .await
    .map_err(|e| Error::Internal(format!("the preview could not be drawn: {e}")).into())
}

/// Adds a picture from the bytes the page read from a file the person chose or
/// dropped. They come as the raw body (a JSON array of numbers would be about
/// four times the size); the `picture-owner` header holds whose it is (a
/// `PictureOwner` as JSON) and `picture-description` its description,
/// percent-encoded, since a header holds no other text.
#[tauri::command]
pub async fn add_picture(state: State<'_, AppState>, request: Request<'_>) -> Result<Picture> {
    let unreadable = || {
        Error::invalid(
            "picture",
            "The picture didn't arrive whole; try adding it again.",
        )
    };
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(unreadable().into());
    };
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let owner: PictureOwner =
        serde_json::from_str(header("picture-owner")).map_err(|_| unreadable())?;
    let description = percent_encoding::percent_decode_str(header("picture-description"))
        .decode_utf8()
        .map_err(|_| unreadable())?;
    let new = NewPicture {
        owner,
        bytes,
        description: &description,
        id: None,
    };
    Ok(state.vault().await?.journal().pictures().add(&new).await?)
}

#[tauri::command]
pub async fn list_pictures(
    state: State<'_, AppState>,
    owner: PictureOwner,
) -> Result<Vec<Picture>> {
    Ok(state
        .vault()
        .await?
        .journal()
        .pictures()
        .list(owner)
        .await?)
}

#[tauri::command]
pub async fn remove_picture(state: State<'_, AppState>, id: String) -> Result<Picture> {
    let id = parse_id(&id, "picture")?;
    Ok(state.vault().await?.journal().pictures().remove(id).await?)
}

#[tauri::command]
pub async fn restore_picture(state: State<'_, AppState>, id: String) -> Result<Picture> {
    let id = parse_id(&id, "picture")?;
    Ok(state
        .vault()
        .await?
        .journal()
        .pictures()
        .restore(id)
        .await?)
}
