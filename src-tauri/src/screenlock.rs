//! Locks the vault when the computer's screen locks, if the person asked for
//! it (on by default). Linux: the ScreenSaver `ActiveChanged(true)` signal on
//! the session bus (freedesktop, GNOME, Cinnamon, MATE…) and logind's `Lock`
//! on the system bus. Other platforms: not yet; idle locking still applies.

use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

#[cfg(target_os = "linux")]
pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    use futures_util::StreamExt;
    use zbus::{MatchRule, MessageStream, message::Type};

    async fn watch<R: Runtime>(app: AppHandle<R>, system: bool) -> zbus::Result<()> {
        let (conn, rule) = if system {
            let rule = MatchRule::builder()
                .msg_type(Type::Signal)
                .interface("org.freedesktop.login1.Session")?
                .member("Lock")?
                .build();
            (zbus::Connection::system().await?, rule)
        } else {
            let rule = MatchRule::builder()
                .msg_type(Type::Signal)
                .member("ActiveChanged")?
                .build();
            (zbus::Connection::session().await?, rule)
        };
        let mut signals = MessageStream::for_match_rule(rule, &conn, None).await?;
        while let Some(msg) = signals.next().await {
            let msg = msg?;
            let locked = if system {
                true
            } else {
                let header = msg.header();
                let screensaver = header
                    .interface()
                    .is_some_and(|i| i.as_str().ends_with(".ScreenSaver"));
                screensaver && msg.body().deserialize::<bool>().unwrap_or(false)
            };
            if locked && app.state::<AppState>().locks_with_screen() {
                crate::tray::lock_now(&app);
            }
        }
        Ok(())
    }

    for system in [false, true] {
        let app = app.clone();
        // No bus (a minimal session, a container) just means no screen-lock signal.
        tauri::async_runtime::spawn(async move {
            let _ = watch(app, system).await;
        });
    }
}

#[cfg(not(target_os = "linux"))]
pub fn spawn<R: Runtime>(_app: AppHandle<R>) {}
