//! The main window: opening it (or bringing it forward), and what may load in it.

use tauri::{Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

pub const MAIN_WINDOW: &str = "main";

/// Only the app's own pages may load: anything else (a link in an entry,
/// a redirect) is refused and never reaches the network.
pub(crate) fn is_app_url(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

pub fn open_main_window<R: Runtime>(app: &tauri::AppHandle<R>) -> tauri::Result<()> {
    if let Some(w) = app.get_webview_window(MAIN_WINDOW) {
        w.show()?;
        w.unminimize()?;
        return w.set_focus();
    }
    let window = WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
        .title("Glimmer")
        .inner_size(1040.0, 720.0)
        .min_inner_size(420.0, 480.0)
        .on_navigation(is_app_url)
        .build()?;
    calm_webview(&window);
    // Closing the window keeps Glimmer in the tray, so reminders and timers go on.
    let handle = window.clone();
    window.on_window_event(move |event| {
        if let tauri::WindowEvent::CloseRequested { api, .. } = event {
            api.prevent_close();
            let _ = handle.hide();
        }
    });
    Ok(())
}

/// Glimmer draws text, a few charts and one gently scaling circle: nothing
/// that needs the GPU. WebKitGTK's accelerated compositing costs about 20 MiB
/// for that (and is a common cause of blank windows on some drivers), so
/// pages are painted without it.
fn calm_webview<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
