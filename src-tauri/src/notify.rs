//! Desktop notifications. What they say is decided by the reminder loop; by
//! default only that something planned is coming up, because anyone near the
//! screen can read a notification.

use std::sync::Arc;

use glimmer::activation::OccurrenceId;
use glimmer::gentle::Gentle;

pub const TITLE: &str = "Glimmer";
pub const GENERIC_BODY: &str = "Something you planned is coming up";

/// What a notification is about: where opening it leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A planned activity, by id, which tells nothing about what was planned.
    Occurrence(OccurrenceId),
    Checkin,
    SelfCheck,
    /// The mindfulness timer, which ended while the window was hidden.
    Timer,
}

/// What one notification says. Never a note or journal text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub title: String,
    pub body: String,
    pub target: Target,
}

impl Notification {
    /// A reminder: the activity's name when the person chose to see it
    /// (and the vault is open to read it), else the generic sentence.
    pub fn reminder(activity: Option<&str>, occurrence: OccurrenceId) -> Self {
        Self {
            title: TITLE.into(),
            body: activity.map_or_else(|| GENERIC_BODY.into(), |a| format!("Coming up: {a}")),
            target: Target::Occurrence(occurrence),
        }
    }

    /// A gentle reminder to check in or take the self-check.
    pub fn gentle(kind: Gentle) -> Self {
        Self {
            title: TITLE.into(),
            body: kind.body().into(),
            target: match kind {
                Gentle::Checkin => Target::Checkin,
                Gentle::SelfCheck => Target::SelfCheck,
            },
        }
    }
}

/// What the person chose on a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Clicked it, or its Open.
    Open,
    /// Remind again in [`SNOOZE`].
    Snooze,
    /// Done, without ratings; "how did it go?" can still be answered later.
    Done,
}

pub const SNOOZE: jiff::SignedDuration = jiff::SignedDuration::from_mins(15);

/// Called with the action chosen and what the notification was about.
pub type OnAction = Arc<dyn Fn(Action, Target) + Send + Sync>;

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
    on_action: OnAction,
}

impl DesktopNotifier {
    pub fn new(on_action: impl Fn(Action, Target) + Send + Sync + 'static) -> Self {
        Self {
            on_action: Arc::new(on_action),
        }
    }
}

impl Notifier for DesktopNotifier {
    fn notify(&self, n: &Notification) -> Result<(), NotifyError> {
        let mut note = notify_rust::Notification::new();
        note.appname(TITLE)
            .summary(&n.title)
            .body(&body_for_server(&n.body));
        // "default" is a click on the notification itself.
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            note.action("default", "Open");
            if matches!(n.target, Target::Occurrence(_)) {
                note.action("snooze", "Snooze 15 min");
                note.action("done", "Done");
            }
        }
        let handle = note.show().map_err(|e| NotifyError(e.to_string()))?;
        self.listen(handle, n.target);
        Ok(())
    }
}

/// The body as the notification server reads it. One that renders markup
/// (the spec's `body-markup` capability) gets `&`, `<` and `>` escaped, so an
/// activity named "<b>Tea & toast</b>" shows as typed and cannot restyle or
/// hide the rest; one that does not shows the text as it is. When the server
/// cannot say, escaped: a stray `&amp;` is better than markup taking effect.
#[cfg(all(unix, not(target_os = "macos")))]
fn body_for_server(body: &str) -> String {
    let markup = notify_rust::get_capabilities()
        .map_or(true, |caps| caps.iter().any(|c| c == "body-markup"));
    if markup {
        // The core's HTML escaping; the quotes it also escapes are XML entities too.
        glimmer::markdown::escape_html(body)
    } else {
        body.to_string()
    }
}

/// macOS and Windows show notification text as it is.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn body_for_server(body: &str) -> String {
    body.to_string()
}

#[cfg(all(unix, not(target_os = "macos")))]
impl DesktopNotifier {
    /// Hears what the person chooses on the notification, in the background.
    fn listen(&self, handle: notify_rust::NotificationHandle, target: Target) {
        use notify_rust::NotificationResponse as R;
        let on_action = self.on_action.clone();
        tauri::async_runtime::spawn(async move {
            let chosen = handle.wait_for_action_async(|response| {
                let action = match response {
                    R::Default => Some(Action::Open),
                    R::Action(key) if key == "snooze" => Some(Action::Snooze),
                    R::Action(key) if key == "done" => Some(Action::Done),
                    _ => None,
                };
                if let Some(action) = action {
                    on_action(action, target);
                }
            });
            let _ = tokio::time::timeout(LISTEN_FOR, chosen).await;
        });
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
impl DesktopNotifier {
    /// Elsewhere the system brings Glimmer forward on a click by itself.
    fn listen<H>(&self, _handle: H, _target: Target) {
        let _ = &self.on_action;
    }
}

#[cfg(all(test, unix, not(target_os = "macos")))]
mod tests {
    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            glimmer::markdown::escape_html("Coming up: <b>Tea & toast</b>"),
            "Coming up: &lt;b&gt;Tea &amp; toast&lt;/b&gt;"
        );
        assert_eq!(glimmer::markdown::escape_html("A walk"), "A walk");
    }
}
