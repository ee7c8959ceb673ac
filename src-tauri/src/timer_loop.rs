//! Runs the mindfulness timer (`timer.rs`) for as long as Glimmer runs: the
//! page hears its bells, prompts and end, sessions are logged, and the tray
//! shows the time left.
//!
//! The loop sleeps until the timer's next event, or a minute at most to
//! refresh the time left in the tray: no busy loop, and the page ticks its
//! own display only while visible.

use std::time::Duration;

use glimmer::mindful::{NewSession, Session};
use tauri::{AppHandle, Manager, Runtime};

use crate::events::{Event, on_action};
use crate::notify::{DesktopNotifier, Notification, Notifier, TITLE, Target};
use crate::state::AppState;
use crate::tray::show_timer;
use crate::window::MAIN_WINDOW;

/// The longest the loop sleeps while a timer runs, so the tray's minutes stay true.
const REFRESH: Duration = Duration::from_secs(60);

/// Logs `session` if the vault is open, else keeps it for when it is.
pub async fn log(state: &AppState, session: NewSession) -> Option<Session> {
    match state.vault().await {
        Ok(vault) => match vault.mindful().log(&session).await {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("Glimmer could not log a mindfulness session: {e}");
                None
            }
        },
        Err(_) => {
            state.timer.keep(session);
            None
        }
    }
}

/// Runs the timer loop for as long as Glimmer runs.
pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        loop {
            let now = state.timer.now_ms();
            let tick = state.timer.tick(now);
            for event in tick.events {
                Event::Timer(event).emit(&app);
            }
            if let Some(session) = tick.session {
                let completed = session.completed;
                if let Some(logged) = log(&state, session).await {
                    Event::TimerLogged(logged).emit(&app);
                }
                if completed && !window_visible(&app) {
                    let note = Notification {
                        title: TITLE.into(),
                        body: "Your timer has finished.".into(),
                        target: Target::Timer,
                    };
                    let notifier = DesktopNotifier::new(on_action(app.clone()));
                    let _ =
                        tauri::async_runtime::spawn_blocking(move || notifier.notify(&note)).await;
                }
            }
            let active = tick.view.as_ref().filter(|s| s.active);
            show_timer(&app, active.map(|s| &s.view));
            let nap = tick
                .next_ms
                .map_or(REFRESH, |at| state.timer.real_until(at).min(REFRESH));
            let idle = tick.view.is_none();
            tokio::select! {
                () = tokio::time::sleep(nap), if !idle => {}
                () = state.timer.changed() => {}
            }
        }
    });
}

fn window_visible<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.get_webview_window(MAIN_WINDOW)
        .and_then(|w| w.is_visible().ok())
        .unwrap_or(false)
}
