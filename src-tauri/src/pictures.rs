//! Serving pictures to the webview: `glimmer-picture://localhost/<id>` (on
//! Windows `http://glimmer-picture.localhost/<id>`) answers with the picture's
//! bytes, read from the open vault into memory and never written to a file.
//! The page's CSP admits this scheme for images only.

use tauri::http::{Response, StatusCode, header};
use tauri::{Builder, Manager, Runtime};

use crate::state::AppState;
use crate::window::MAIN_WINDOW;

pub const SCHEME: &str = "glimmer-picture";

/// Where the page finds a picture, as Tauri addresses a custom scheme on each
/// platform; the preview's HTML points here.
#[cfg(any(windows, target_os = "android"))]
pub const BASE: &str = "http://glimmer-picture.localhost/";
#[cfg(not(any(windows, target_os = "android")))]
pub const BASE: &str = "glimmer-picture://localhost/";

pub fn register<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.register_asynchronous_uri_scheme_protocol(SCHEME, |ctx, request, responder| {
        let app = ctx.app_handle().clone();
        // Only Glimmer's own window shows pictures.
        let ours = ctx.webview_label() == MAIN_WINDOW;
        tauri::async_runtime::spawn(async move {
            let response = if ours {
                respond(&app.state::<AppState>(), request.uri().path()).await
            } else {
                empty(StatusCode::FORBIDDEN)
            };
            responder.respond(response);
        });
    })
}

/// The answer to a request for `/<id>`: the bytes with their type, or an
/// empty answer (locked, removed, or no such picture). Nothing is cached:
/// a locked Glimmer shows no picture.
pub async fn respond(state: &AppState, path: &str) -> Response<Vec<u8>> {
    let Ok(id) = uuid::Uuid::parse_str(path.trim_start_matches('/')) else {
        return empty(StatusCode::NOT_FOUND);
    };
    let Ok(vault) = state.vault().await else {
        return empty(StatusCode::FORBIDDEN);
    };
    match vault.journal().pictures().data(id).await {
        Ok(picture) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, picture.media_type)
            .header(header::CACHE_CONTROL, "no-store")
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .body(picture.bytes)
            .unwrap_or_else(|_| empty(StatusCode::INTERNAL_SERVER_ERROR)),
        Err(e) if e.code() == glimmer::ErrorCode::NotFound => empty(StatusCode::NOT_FOUND),
        Err(_) => empty(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

fn empty(status: StatusCode) -> Response<Vec<u8>> {
    let mut response = Response::new(Vec::new());
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}
