//! A session bus of a test's own, with a small notification server on it.
//!
//! notify-rust finds the session bus only through `DBUS_SESSION_BUS_ADDRESS`,
//! and setting a variable in a running process is unsafe (and forbidden in
//! this workspace), so a bus test runs twice: here it starts a private
//! `dbus-daemon`, then runs itself again as a child process of this test
//! binary with the variable pointing there. Both are bounded in time, and
//! the daemon is killed when the test ends, however it ends.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use zbus::zvariant::OwnedValue;

/// Set in the child process, which then runs the test's body.
const CHILD: &str = "GLIMMER_TEST_ON_PRIVATE_BUS";
/// How long a bus test may take in all.
const TEST_TIME: Duration = Duration::from_secs(60);

/// A test whose body runs with a session bus of its own.
macro_rules! bus_test {
    ($(#[$meta:meta])* fn $name:ident() $body:block) => {
        $(#[$meta])*
        #[test]
        fn $name() {
            $crate::tests::bus::on_private_bus(
                concat!(module_path!(), "::", stringify!($name)),
                || $body,
            );
        }
    };
}
pub(crate) use bus_test;

/// Runs `body` in a child process whose session bus is a private daemon.
pub fn on_private_bus(path: &str, body: impl FnOnce()) {
    if std::env::var_os(CHILD).is_some() {
        return body();
    }
    // The test's name as libtest knows it, without the crate.
    let name = path.split_once("::").map_or(path, |(_, rest)| rest);
    let daemon = Daemon::start();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("output");
    let out = std::fs::File::create(&log).unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env("DBUS_SESSION_BUS_ADDRESS", &daemon.address)
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + TEST_TIME;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(daemon);
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    match status {
        None => panic!("{name} took over {TEST_TIME:?} on its bus:\n{output}"),
        Some(s) => assert!(
            s.success() && output.contains(" 1 passed"),
            "{name} on its own bus ({s}):\n{output}"
        ),
    }
}

/// `dbus-daemon --session` on an address of its own, killed when dropped.
struct Daemon {
    process: Child,
    address: String,
}

impl Daemon {
    fn start() -> Self {
        let process = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address"])
            .stdout(Stdio::piped())
            // It complains it may not raise its file limit; that changes nothing here.
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs (the dbus-daemon package)");
        let mut daemon = Daemon {
            process,
            address: String::new(),
        };
        let stdout = daemon.process.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        daemon.address = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("dbus-daemon prints its address")
            .trim()
            .to_string();
        assert!(!daemon.address.is_empty(), "dbus-daemon printed no address");
        daemon
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// One `Notify` call as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub app: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
}

struct Server {
    shown: Arc<Mutex<Vec<Shown>>>,
    capabilities: Vec<String>,
}

/// The calls notify-rust makes, after the Desktop Notifications spec.
#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Server {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        shown.push(Shown {
            app: app_name,
            summary,
            body,
            actions,
        });
        u32::try_from(shown.len()).unwrap()
    }

    fn get_capabilities(&self) -> Vec<String> {
        self.capabilities.clone()
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("test".into(), "Glimmer".into(), "1".into(), "1.2".into())
    }

    fn close_notification(&self, _id: u32) {}
}

/// A notification server on the session bus, recording what it is asked to show.
pub struct NotificationServer {
    connection: zbus::Connection,
    shown: Arc<Mutex<Vec<Shown>>>,
}

impl NotificationServer {
    /// A server that shows bodies as plain text and offers actions.
    pub async fn start() -> Self {
        Self::with_capabilities(&["body", "actions"]).await
    }

    /// A server that says it can do `capabilities`, e.g. "body-markup".
    pub async fn with_capabilities(capabilities: &[&str]) -> Self {
        assert!(
            std::env::var_os(CHILD).is_some(),
            "only on a private bus, never the desktop's"
        );
        let shown = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::connection::Builder::session()
            .unwrap()
            .name("org.freedesktop.Notifications")
            .unwrap()
            .serve_at(
                "/org/freedesktop/Notifications",
                Server {
                    shown: shown.clone(),
                    capabilities: capabilities.iter().map(|c| c.to_string()).collect(),
                },
            )
            .unwrap()
            .build()
            .await
            .unwrap();
        Self { connection, shown }
    }

    /// Everything shown so far, in order; a notification's id is its place plus one.
    pub fn shown(&self) -> Vec<Shown> {
        self.shown.lock().unwrap().clone()
    }

    /// The person clicks notification `id`.
    pub async fn click(&self, id: u32) {
        self.choose(id, "default").await;
    }

    /// The person chooses the action `key` (as Glimmer named it) on notification `id`.
    pub async fn choose(&self, id: u32, key: &str) {
        self.connection
            .emit_signal(
                None::<()>,
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "ActionInvoked",
                &(id, key),
            )
            .await
            .unwrap();
    }
}
