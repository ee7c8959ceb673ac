//! Desktop notifications. What they say is decided by the reminder loop; by
//! default only that something planned is coming up, because anyone near the
//! screen can read a notification.

use std::sync::Arc;

pub const TITLE: &str = "Glimmer";
pub const GENERIC_BODY: &str = "Something you planned is coming up";

/// What one notification says. Never a note or journal text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub title: String,
    pub body: String,
}

impl Notification {
    /// A reminder: the activity's name when the person chose to see it
    /// (and the vault is open to read it), else the generic sentence.
    pub fn reminder(activity: Option<&str>) -> Self {
        Self {
            title: TITLE.into(),
            body: activity.map_or_else(|| GENERIC_BODY.into(), |a| format!("Coming up: {a}")),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("A notification could not be shown: {0}")]
pub struct NotifyError(String);

pub trait Notifier: Send + Sync + 'static {
    /// Shows `n`; may block for a round trip to the notification service.
    fn notify(&self, n: &Notification) -> Result<(), NotifyError>;
}

/// How long a shown notification's Open is listened for. Each one keeps a
/// bus connection meanwhile; an unanswered one stops costing anything.
#[cfg(all(unix, not(target_os = "macos")))]
const LISTEN_FOR: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The platform's notifications through notify-rust: on Linux and the BSDs,
/// `org.freedesktop.Notifications` on the session bus.
pub struct DesktopNotifier {
    /// Called when the person opens a notification (clicks it, or its Open).
    on_open: Arc<dyn Fn() + Send + Sync>,
}

impl DesktopNotifier {
    pub fn new(on_open: impl Fn() + Send + Sync + 'static) -> Self {
        Self {
            on_open: Arc::new(on_open),
        }
    }
}

impl Notifier for DesktopNotifier {
    fn notify(&self, n: &Notification) -> Result<(), NotifyError> {
        let mut note = notify_rust::Notification::new();
        note.appname(TITLE).summary(&n.title).body(&n.body);
        // "default" is a click on the notification itself.
        #[cfg(all(unix, not(target_os = "macos")))]
        note.action("default", "Open");
        let handle = note.show().map_err(|e| NotifyError(e.to_string()))?;
        self.listen(handle);
        Ok(())
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
impl DesktopNotifier {
    /// Opens Glimmer when the notification is clicked, listening in the background.
    fn listen(&self, handle: notify_rust::NotificationHandle) {
        let on_open = self.on_open.clone();
        tauri::async_runtime::spawn(async move {
            let clicked = handle.wait_for_action_async(|response| {
                if *response == notify_rust::NotificationResponse::Default {
                    on_open();
                }
            });
            let _ = tokio::time::timeout(LISTEN_FOR, clicked).await;
        });
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
impl DesktopNotifier {
    /// Elsewhere the system brings Glimmer forward on a click by itself.
    fn listen<H>(&self, _handle: H) {
        let _ = &self.on_open;
    }
}
