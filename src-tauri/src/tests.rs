//! The commands through Tauri's IPC on the mock runtime: success and error
//! paths, and the `{code, message}` shape the UI relies on.

mod bus;
mod command_lists;
mod event_names;
mod import;
mod pictures;
mod reminders;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tauri::async_runtime::block_on;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{App, Listener, Manager, WebviewWindow, WebviewWindowBuilder, test::MockRuntime};

use crate::events::Event;

struct Harness {
    dir: tempfile::TempDir,
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn harness() -> Harness {
    harness_at("vault")
}

/// The app with its vault at `path` inside a new temp dir.
fn harness_at(path: &str) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let app = crate::run_app(mock_builder(), dir.path().join(path))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, crate::window::MAIN_WINDOW, Default::default())
        .build()
        .unwrap();
    Harness { dir, app, window }
}

impl Harness {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn err(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args).expect_err(cmd)
    }
}

#[test]
fn first_run_create_write_search_lock_unlock() {
    let h = harness();
    assert_eq!(
        h.ok("vault_status", json!({})),
        json!({"exists": false, "unlocked": false})
    );

    let locked = h.err("list_entries", json!({"limit": 10, "before": null}));
    assert_eq!(locked["code"], "locked");
    assert!(locked["message"].as_str().unwrap().contains("locked"));

    let key = h.ok(
        "create_vault",
        json!({"passphrase": "a long quiet passphrase"}),
    );
    assert_eq!(key.as_str().unwrap().split('-').count(), 8);
    assert_eq!(
        h.ok("vault_status", json!({})),
        json!({"exists": true, "unlocked": true})
    );

    let entry = h.ok(
        "create_entry",
        json!({"entry": {"title": "Tea", "body": "The <b>steam</b> curled.", "tags": ["Calm"]}}),
    );
    let id = entry["id"].as_str().unwrap().to_string();
    assert_eq!(entry["tags"], json!(["calm"]));
    let hits = h.ok("search", json!({"query": {"text": "ste*", "limit": 10}}));
    assert_eq!(hits["hits"][0]["entry"]["id"], id.as_str());
    assert_eq!(
        h.ok("tags", json!({})),
        json!([{"tag": "calm", "count": 1}])
    );

    h.ok("lock", json!({}));
    assert_eq!(h.err("get_entry", json!({"id": id}))["code"], "locked");
    let wrong = h.err("unlock", json!({"passphrase": "not it"}));
    assert_eq!(wrong["code"], "wrong_passphrase");
    let settings = h.ok("unlock", json!({"passphrase": "a long quiet passphrase"}));
    assert_eq!(settings["auto_lock_minutes"], 10);
    assert_eq!(h.ok("get_entry", json!({"id": id}))["title"], "Tea");

    let recovered = h.ok("unlock", json!({"recoveryKey": key}));
    assert_eq!(recovered["lock_with_screen"], true);
    let again = h.err("create_vault", json!({"passphrase": "x"}));
    assert_eq!(again["code"], "vault_exists");
}

#[test]
fn journal_commands_delegate_and_report_errors() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));

    let empty = h.err("create_entry", json!({"entry": {"body": "  "}}));
    assert_eq!(empty["code"], "invalid");
    assert_eq!(
        h.err("get_entry", json!({"id": "ffffffff"}))["code"],
        "not_found"
    );
    // A malformed argument is refused by the IPC layer before reaching the core.
    assert!(h.call("list_entries", json!({"limit": "ten"})).is_err());

    let e = h.ok(
        "create_entry",
        json!({"entry": {"kind": "glimmer", "body": "birdsong", "intensity": 4}}),
    );
    let id = e["id"].as_str().unwrap();
    let upd = h.ok(
        "update_entry",
        json!({"id": id, "patch": {"body": "birdsong at dawn", "title": null, "tags": null, "intensity": null}}),
    );
    assert_eq!(upd["body"], "birdsong at dawn");
    assert_eq!(upd["intensity"], 4);
    h.ok("trash_entry", json!({"id": id}));
    assert_eq!(
        h.ok("list_entries", json!({"limit": 10}))["items"],
        json!([])
    );
    assert_eq!(h.ok("trash_list", json!({})).as_array().unwrap().len(), 1);
    h.ok("restore_entry", json!({"id": id}));
    assert_eq!(
        h.ok("list_entries", json!({"limit": 10}))["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let draft = h.ok(
        "save_draft",
        json!({"draft": {"body": "half", "id": null, "entry_id": null, "intensity": null}}),
    );
    assert_eq!(h.ok("list_drafts", json!({})).as_array().unwrap().len(), 1);
    let published = h.ok("publish_draft", json!({"id": draft["id"]}));
    assert_eq!(published["body"], "half");
    assert_eq!(
        h.err("discard_draft", json!({"id": "nope"}))["code"],
        "invalid"
    );

    let html = h.ok(
        "render_markdown",
        json!({"text": "<img src=x onerror=alert(1)> **hi**"}),
    );
    let html = html.as_str().unwrap();
    assert!(
        !html.contains("onerror") && html.contains("<strong>hi</strong>"),
        "{html}"
    );

    let s = h.ok(
        "set_settings",
        json!({"settings": {"auto_lock_minutes": 3, "lock_with_screen": false}}),
    );
    assert_eq!(s["auto_lock_minutes"], 3);
    assert_eq!(h.ok("get_settings", json!({}))["auto_lock_minutes"], 3);

    let bad = h.err(
        "change_passphrase",
        json!({"current": "wrong", "new": "newer phrase"}),
    );
    assert_eq!(bad["code"], "wrong_passphrase");
    h.ok(
        "change_passphrase",
        json!({"current": "pass phrase here", "new": "newer phrase"}),
    );
    h.ok("lock", json!({}));
    assert_eq!(
        h.err("unlock", json!({"passphrase": "pass phrase here"}))["code"],
        "wrong_passphrase"
    );
    h.ok("unlock", json!({"passphrase": "newer phrase"}));
}

#[test]
fn only_app_pages_may_load() {
    for ok in ["tauri://localhost/index.html", "http://tauri.localhost/"] {
        assert!(crate::window::is_app_url(&ok.parse().unwrap()), "{ok}");
    }
    for bad in [
        "https://example.org/",
        "http://localhost:8080/",
        "file:///etc/passwd",
        "javascript:alert(1)",
    ] {
        assert!(!crate::window::is_app_url(&bad.parse().unwrap()), "{bad}");
    }
}

#[test]
fn idle_time_expires_only_when_enabled() {
    let state = crate::AppState::new(std::path::PathBuf::from("unused"));
    let with = |minutes| glimmer::Settings {
        auto_lock_minutes: minutes,
        ..Default::default()
    };
    state.apply_settings(with(0));
    assert!(!state.idle_expired());
    state.apply_settings(with(1));
    state.touch();
    assert!(!state.idle_expired());
}

#[test]
fn reading_the_vault_is_not_activity_but_touch_and_unlock_are() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let state = h.app.state::<crate::AppState>();
    let away = Duration::from_secs(11 * 60);
    state.backdate_activity(away);
    assert!(state.idle_expired(), "10 minutes is the default idle time");

    // What a reminder loop or timer tick does in the background.
    tauri::async_runtime::block_on(async {
        state
            .vault()
            .await
            .unwrap()
            .settings()
            .load()
            .await
            .unwrap();
    });
    assert!(
        state.idle_expired(),
        "a background read kept the vault open"
    );
    // Commands the UI sends on its own (loading a list) do not count either.
    h.ok("list_entries", json!({"limit": 10}));
    assert!(state.idle_expired(), "a command kept the vault open");

    h.ok("touch", json!({}));
    assert!(!state.idle_expired(), "touch is the person being here");

    state.backdate_activity(away);
    h.ok("lock", json!({}));
    h.ok("unlock", json!({"passphrase": "pass phrase here"}));
    assert!(!state.idle_expired(), "unlocking is the person being here");
}

#[test]
fn checkins_phq9_safety_plan_and_charts_through_ipc() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let vocab = h.ok("checkin_vocabulary", json!({}));
    assert!(vocab["groups"].as_array().unwrap().len() >= 5);
    let c = h.ok(
        "create_checkin",
        json!({"input": {"mood": -1, "intensity": 2, "emotions": ["flat"], "body_areas": ["chest"], "note": "grey"}}),
    );
    assert_eq!(c["emotions"], json!(["flat"]));
    assert_eq!(
        h.err(
            "create_checkin",
            json!({"input": {"mood": 9, "intensity": 2}})
        )["code"],
        "invalid"
    );
    let id = c["id"].as_str().unwrap();
    h.ok(
        "update_checkin",
        json!({"id": id, "input": {"mood": 1, "intensity": 5}}),
    );
    assert_eq!(h.ok("recent_checkins", json!({"limit": 5}))[0]["mood"], 1);

    let form = h.ok("phq9_form", json!({}));
    assert_eq!(form["items"].as_array().unwrap().len(), 9);
    let r = h.ok(
        "record_phq9",
        json!({"answers": [0, 0, 0, 0, 0, 0, 0, 0, 1], "difficulty": null}),
    );
    assert_eq!(
        (r["total"].as_u64(), r["safety_flag"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(
        h.err("record_phq9", json!({"answers": [0, 0]}))["code"],
        "invalid"
    );

    let rid = r["id"].as_str().unwrap();
    h.ok("set_phq9_difficulty", json!({"id": rid, "difficulty": 2}));
    assert_eq!(
        h.err(
            "set_phq9_difficulty",
            json!({"id": "nope", "difficulty": 2})
        )["code"],
        "invalid"
    );

    let form = h.ok("safety_plan_form", json!({}));
    assert_eq!(form["sections"].as_array().unwrap().len(), 7);
    let mut plan = h.ok("get_safety_plan", json!({}));
    plan["reasons_for_living"] = json!(["my dog"]);
    h.ok("save_safety_plan", json!({"plan": plan}));
    h.ok("lock", json!({}));
    h.ok("unlock", json!({"passphrase": "pass phrase here"}));
    assert_eq!(
        h.ok("get_safety_plan", json!({}))["reasons_for_living"],
        json!(["my dog"])
    );

    let data = h.ok("insights_data", json!({"range": "all"}));
    assert_eq!(data["days"].as_array().unwrap().len(), 1);
    let svg = h.ok(
        "chart",
        json!({"kind": "emotions", "range": "all", "theme": "dark"}),
    );
    assert!(svg.as_str().unwrap().starts_with("<svg"));
    h.ok("delete_checkin", json!({"id": id}));
    assert_eq!(h.ok("recent_checkins", json!({"limit": 5})), json!([]));
}

#[test]
fn a_synced_folder_is_named_once_and_a_newer_vault_refused_plainly() {
    let h = harness_at("Dropbox/glimmer");
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let warning = h.ok("sync_warning", json!({}));
    assert_eq!(warning["service"], "dropbox");
    let message = warning["message"].as_str().unwrap();
    assert!(message.contains("second backup folder"), "{message}");
    h.ok("sync_warning_shown", json!({}));
    assert_eq!(h.ok("sync_warning", json!({})), Value::Null);
    h.ok("lock", json!({}));

    // A key file a newer Glimmer wrote: the lock screen gets the plain sentence.
    let key_file = h.dir.path().join("Dropbox/glimmer/vault.json");
    let mut kf: Value = serde_json::from_slice(&std::fs::read(&key_file).unwrap()).unwrap();
    kf["min_reader_version"] = json!(glimmer::vault::READER_VERSION + 1);
    std::fs::write(&key_file, serde_json::to_vec(&kf).unwrap()).unwrap();
    let refused = h.err("unlock", json!({"passphrase": "pass phrase here"}));
    assert_eq!(refused["code"], "newer_version");
    let said = refused["message"].as_str().unwrap();
    assert!(said.contains("opened by a newer Glimmer"), "{said}");
    assert!(said.contains("Nothing was changed"), "{said}");
}

#[test]
fn the_crisis_line_is_there_while_locked_and_before_any_vault() {
    let h = harness();
    // No vault yet: the built-in line of the system's country, or none (the
    // neutral card) where the country is unknown or not listed; not chosen.
    let info = h.ok("crisis_line", json!({}));
    assert!(
        info["line"].is_null() || !info["line"]["call"].as_str().unwrap().is_empty(),
        "{info}"
    );
    assert_eq!(info["chosen"], false);
    let countries = h.ok("crisis_countries", json!({}));
    let gb = countries
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "GB")
        .unwrap()
        .clone();
    h.ok("set_crisis_line", json!({"line": gb}));
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    h.ok("lock", json!({}));
    let info = h.ok("crisis_line", json!({}));
    assert_eq!(
        (info["line"]["call"].as_str(), info["chosen"].as_bool()),
        (Some("116 123"), Some(true))
    );
    let mut bad = info["line"].clone();
    bad["call"] = json!("");
    assert_eq!(
        h.err("set_crisis_line", json!({"line": bad}))["code"],
        "invalid"
    );
}

#[test]
fn a_held_idle_lock_waits_and_a_new_passphrase_needs_the_old_one() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let state = h.app.state::<crate::AppState>();
    h.ok("hold_idle_lock", json!({"count": 2, "seq": 10}));
    state.backdate_activity(Duration::from_secs(11 * 60));
    assert!(
        !state.idle_expired(),
        "the safety path is open: no idle lock"
    );
    // An older word arriving late changes nothing.
    h.ok("hold_idle_lock", json!({"count": 0, "seq": 9}));
    state.backdate_activity(Duration::from_secs(11 * 60));
    assert!(!state.idle_expired(), "a stale release is ignored");
    h.ok("hold_idle_lock", json!({"count": 1, "seq": 11}));
    state.backdate_activity(Duration::from_secs(11 * 60));
    assert!(!state.idle_expired(), "one screen still holds it");
    h.ok("hold_idle_lock", json!({"count": 0, "seq": 12}));
    assert!(
        !state.idle_expired(),
        "letting go starts the idle time afresh"
    );
    state.backdate_activity(Duration::from_secs(11 * 60));
    assert!(state.idle_expired());

    // Without the current passphrase, only a session opened with the recovery key may change it.
    let e = h.err(
        "change_passphrase",
        json!({"current": null, "new": "another one"}),
    );
    assert_eq!(e["code"], "invalid");
    let e = h.err(
        "change_passphrase",
        json!({"current": "wrong", "new": "another one"}),
    );
    assert_eq!(e["code"], "wrong_passphrase");
    h.ok(
        "change_passphrase",
        json!({"current": "pass phrase here", "new": "another one"}),
    );
}

#[test]
fn backups_through_ipc_restore_and_keep_the_vault_open() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    h.ok(
        "create_entry",
        json!({"entry": {"body": "kept in the backup"}}),
    );
    let taken = h.ok("backup_now", json!({}));
    let name = taken["backup"]["name"].as_str().unwrap().to_string();
    h.ok("create_entry", json!({"entry": {"body": "after it"}}));
    assert_eq!(h.ok("backup_preview", json!({"name": name}))["entries"], 1);
    assert_eq!(
        h.err("backup_preview", json!({"name": "nope"}))["code"],
        "not_found"
    );
    h.ok("restore_backup", json!({"name": name}));
    let page = h.ok("list_entries", json!({"limit": 10}));
    assert_eq!(
        page["items"].as_array().unwrap().len(),
        1,
        "restored and open"
    );
    let list = h.ok("list_backups", json!({}));
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|b| b["reason"] == "before-restore")
    );
}

#[test]
fn a_damaged_journal_is_restored_from_the_lock_screen_and_opens() {
    let h = harness();
    let key = h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    h.ok(
        "create_entry",
        json!({"entry": {"body": "kept in the backup"}}),
    );
    let taken = h.ok("backup_now", json!({}));
    let name = taken["backup"]["name"].as_str().unwrap().to_string();
    h.ok("lock", json!({}));

    // The journal is truncated to nothing, as a full disk or a bad copy can leave it.
    let dir = h.app.state::<crate::AppState>().dir.clone();
    std::fs::write(dir.join("vault.sqlite"), b"").unwrap();
    let _ = std::fs::remove_file(dir.join("vault.sqlite-wal"));
    let damaged = h.err("unlock", json!({"passphrase": "pass phrase here"}));
    assert_eq!(damaged["code"], "damaged", "{damaged}");

    let wrong = h.err("locked_backups", json!({"passphrase": "not it"}));
    assert_eq!(wrong["code"], "wrong_passphrase");
    let none = h.err("locked_backups", json!({}));
    assert_eq!(none["code"], "invalid");
    let list = h.ok("locked_backups", json!({"passphrase": "pass phrase here"}));
    assert!(
        list.as_array().unwrap().iter().any(|b| b["name"] == name),
        "{list}"
    );
    let by_key = h.ok("locked_backups", json!({"recoveryKey": key}));
    assert_eq!(by_key, list, "the recovery key opens the same backups");
    let preview = h.ok(
        "locked_backup_preview",
        json!({"passphrase": "pass phrase here", "name": name}),
    );
    assert_eq!(preview["entries"], 1);
    assert_eq!(
        h.err(
            "locked_backup_preview",
            json!({"passphrase": "pass phrase here", "name": "nope"})
        )["code"],
        "not_found"
    );
    assert_eq!(h.ok("vault_status", json!({}))["unlocked"], false);

    let settings = h.ok(
        "restore_locked",
        json!({"passphrase": "pass phrase here", "name": name}),
    );
    assert_eq!(settings["auto_lock_minutes"], 10);
    assert_eq!(
        h.ok("vault_status", json!({})),
        json!({"exists": true, "unlocked": true})
    );
    let page = h.ok("list_entries", json!({"limit": 10}));
    assert_eq!(page["items"][0]["excerpt"], "kept in the backup", "{page}");
    // The damaged journal is set aside, never deleted.
    let set_aside = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains(".damaged-"));
    assert!(set_aside, "the damaged journal is kept beside the vault");
    // Open already: the lock screen's restore is refused, nothing changes.
    let open = h.err(
        "restore_locked",
        json!({"passphrase": "pass phrase here", "name": name}),
    );
    assert_eq!(open["code"], "invalid");

    // With the recovery key, the session may set a new passphrase without the old one.
    h.ok("lock", json!({}));
    std::fs::write(dir.join("vault.sqlite"), b"").unwrap();
    h.ok("restore_locked", json!({"recoveryKey": key, "name": name}));
    h.ok(
        "change_passphrase",
        json!({"new": "a new one for a new start"}),
    );
}

#[test]
fn what_the_ui_sends_is_bounded() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let long = "x".repeat((1 << 20) + 1);
    // Not `err`: a failing `expect_err` would print the megabyte it got back.
    let Err(preview) = h.call("render_markdown", json!({"text": long})) else {
        panic!("a text over a megabyte was rendered");
    };
    assert_eq!(preview["code"], "invalid");
    assert!(
        preview["message"]
            .as_str()
            .unwrap()
            .contains("one megabyte"),
        "{preview}"
    );
    let html = h.ok("render_markdown", json!({"text": "x".repeat(1 << 20)}));
    assert!(html.as_str().unwrap().starts_with("<p>x"));

    let draft = h.err(
        "save_draft",
        json!({"draft": {"body": long, "id": null, "entry_id": null, "intensity": null}}),
    );
    assert_eq!(draft["code"], "invalid");
    let settings = h.err(
        "set_settings",
        json!({"settings": {"auto_lock_minutes": 241, "lock_with_screen": true}}),
    );
    assert_eq!(settings["code"], "invalid");
    assert_eq!(h.ok("get_settings", json!({}))["auto_lock_minutes"], 10);
}

#[test]
fn reminder_settings_are_checked_and_still_apply_while_locked() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let mut s = h.ok("get_settings", json!({}));
    assert_eq!(
        (
            &s["reminder_names"],
            &s["reminders_per_day"],
            &s["start_at_login"]
        ),
        (&json!(false), &json!(3), &json!(false))
    );
    s["quiet_start"] = json!("22:00");
    let half = h.err("set_settings", json!({"settings": s}));
    assert_eq!(half["code"], "invalid");
    assert!(half["message"].as_str().unwrap().contains("both"), "{half}");
    s["quiet_end"] = json!("07:00");
    s["start_at_login"] = json!(true);
    h.ok("set_settings", json!({"settings": s}));
    assert_eq!(h.ok("get_settings", json!({})), s);

    // The reminder loop reads them while the vault is locked too.
    h.ok("lock", json!({}));
    let state = h.app.state::<crate::AppState>();
    assert!(state.settings().is_quiet(jiff::civil::time(23, 0, 0, 0)));
}

#[test]
fn a_lock_from_outside_asks_the_ui_to_save_first() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let (asked, heard) = mpsc::channel();
    h.app.listen_any(Event::LockRequested.name(), move |_| {
        let _ = asked.send(());
    });
    crate::tray::lock_now(h.app.handle());
    heard
        .recv_timeout(Duration::from_secs(5))
        .expect("the UI is asked to save its pending words");
    let state = h.app.state::<crate::AppState>();
    assert!(
        block_on(state.is_unlocked()),
        "the vault stays open while the UI saves"
    );
    // The UI's answer once its words are saved.
    h.ok("lock", json!({}));
    assert!(!block_on(state.is_unlocked()));
}

#[test]
fn the_shell_locks_anyway_when_the_ui_does_not_answer() {
    let h = harness();
    let pass = json!({"passphrase": "pass phrase here"});
    h.ok("create_vault", pass.clone());
    let state = h.app.state::<crate::AppState>();
    let short = Duration::from_millis(20);
    let long = Duration::from_secs(30);

    // A hung webview: asked, never answers. The shell locks, and must tell the UI.
    let mut asked = 0;
    let ask_hung = || {
        asked += 1;
        true
    };
    assert!(block_on(state.lock_via_ui(ask_hung, short)));
    assert_eq!(asked, 1);
    assert!(!block_on(state.is_unlocked()));
    // Already locked: nothing to ask and nothing to tell.
    assert!(!block_on(
        state.lock_via_ui(|| panic!("asked while locked"), long)
    ));

    // No window to ask: locked at once, without waiting.
    h.ok("unlock", pass.clone());
    let start = Instant::now();
    assert!(block_on(state.lock_via_ui(|| false, long)));
    assert!(
        start.elapsed() < long / 2,
        "waited for a window that isn't there"
    );
    assert!(!block_on(state.is_unlocked()));

    // A UI that answers: the shell goes on as soon as it has locked, and has nothing to tell it.
    h.ok("unlock", pass.clone());
    let app = h.app.handle().clone();
    let ask_answering = move || {
        tauri::async_runtime::spawn(async move {
            app.state::<crate::AppState>().lock().await;
        });
        true
    };
    let start = Instant::now();
    assert!(!block_on(state.lock_via_ui(ask_answering, long)));
    assert!(start.elapsed() < long / 2, "did not notice the UI lock");
    assert!(!block_on(state.is_unlocked()));

    // While one request waits for the UI (the idle timer ticks on), another joins it.
    h.ok("unlock", pass);
    let (first, second) = block_on(async {
        tokio::join!(
            state.lock_via_ui(|| true, short),
            state.lock_via_ui(|| panic!("asked twice"), long)
        )
    });
    assert!(first && !second);
    assert!(!block_on(state.is_unlocked()));
}

#[test]
fn passphrase_strength_needs_no_vault_and_is_only_a_hint() {
    let h = harness();
    // Before any vault exists, as on the first screen.
    let weak = h.ok("passphrase_strength", json!({"passphrase": "Summer2024!"}));
    assert!(weak["score"].as_u64().unwrap() < 3, "{weak}");
    assert_ne!(weak["label"], "Strong");
    assert!(!weak["hint"].as_str().unwrap().is_empty());
    let strong = h.ok(
        "passphrase_strength",
        json!({"passphrase": "maple orbit tundra quill saffron"}),
    );
    assert_eq!(
        (strong["score"].as_u64(), strong["label"].as_str()),
        (Some(4), Some("Strong"))
    );
    let empty = h.ok("passphrase_strength", json!({"passphrase": ""}));
    assert_eq!(
        (empty["score"].as_u64(), empty["label"].as_str()),
        (Some(0), Some(""))
    );
    assert!(!h.ok("vault_status", json!({}))["exists"].as_bool().unwrap());

    // A weak one is still accepted: the hint never blocks.
    h.ok("create_vault", json!({"passphrase": "Summer2024!"}));
    let own_name = h.ok("passphrase_strength", json!({"passphrase": "glimmer"}));
    assert_eq!(
        own_name["score"], 0,
        "Glimmer's own name is the first guess"
    );
}

#[test]
fn engine_versions_need_no_vault() {
    let h = harness();
    let v = h.ok("engine_versions", json!({}));
    // About shows the core's version as the app's: the two move together.
    assert_eq!(v["glimmer"], env!("CARGO_PKG_VERSION"));
    assert!(v["sqlite"].as_str().unwrap().starts_with("3."), "{v}");
    assert!(v["sqlcipher"].as_str().unwrap().starts_with("4."), "{v}");
    assert!(!h.ok("vault_status", json!({}))["exists"].as_bool().unwrap());
}

#[test]
fn one_version_for_the_packages_about_and_the_cli() {
    // Tauri's reading of tauri.conf.json, as the bundler and the built app make
    // it: the app crate's version, the workspace's, like the core's that About
    // and `glimmer --version` show (engine_versions_need_no_vault).
    assert_eq!(
        crate::context().package_info().version.to_string(),
        env!("CARGO_PKG_VERSION"),
        "tauri.conf.json must not carry a version of its own: Cargo.toml's [workspace.package] is the one place"
    );
    // The release notes the packages carry (and Debian's changelog, written
    // from them) start with this version.
    let metainfo = include_str!("../../packaging/linux/glimmer.metainfo.xml.in");
    let newest = metainfo
        .split("<release version=\"")
        .nth(1)
        .and_then(|r| r.split('"').next());
    assert_eq!(
        newest,
        Some(env!("CARGO_PKG_VERSION")),
        "packaging/linux/glimmer.metainfo.xml.in needs this version's release notes first"
    );
}

#[test]
fn activities_plans_and_how_it_went_through_ipc() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let library = h.ok("list_activities", json!({"includeHidden": false}));
    let walk = library
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Go for a short walk")
        .unwrap()
        .clone();
    let plan = h.ok(
        "create_plan",
        json!({"plan": {"activity_id": walk["id"], "day": "2025-06-02", "time": "18:00:00",
                         "tz": "Europe/Berlin", "repeat": "FREQ=WEEKLY;BYDAY=MO,WE", "predicted": 3}}),
    );
    assert_eq!(plan["repeats"], "Every Mon and Wed");
    let week = h.ok(
        "list_occurrences",
        json!({"from": "2025-06-02", "to": "2025-06-08"}),
    );
    assert_eq!(week.as_array().unwrap().len(), 2);
    let id = week[0]["id"].as_str().unwrap();
    let done = h.ok(
        "record_occurrence",
        json!({"id": id, "status": "done", "outcome": {"enjoyment": 7, "mastery": 5}}),
    );
    assert_eq!(
        (done["status"].as_str(), done["enjoyment"].as_u64()),
        (Some("done"), Some(7))
    );
    let moved = h.ok(
        "move_occurrence",
        json!({"id": week[1]["id"], "to": {"to": "day", "day": "2025-06-05", "time": null}}),
    );
    assert_eq!(
        (moved["date"].as_str(), moved["moved"].as_bool()),
        (Some("2025-06-05"), Some(true))
    );
    let bad = h.err(
        "record_occurrence",
        json!({"id": id, "status": "done", "outcome": {"enjoyment": 11}}),
    );
    assert_eq!(bad["code"], "invalid");
    assert_eq!(
        h.err("get_occurrence", json!({"id": "not-an-id"}))["code"],
        "invalid",
        "a malformed id gets the core's sentence"
    );
    let insights = h.ok("activation_insights", json!({"since": null}));
    assert_eq!(insights["predicted_vs_actual"][0]["actual"], 7);
    let svg = h.ok(
        "activation_chart",
        json!({"kind": "predicted_actual", "since": null, "theme": "light"}),
    );
    assert!(svg.as_str().unwrap().starts_with("<svg"));
    let area = h.ok(
        "set_area_value",
        json!({"area": "relationships", "value": "I want to be a present friend"}),
    );
    assert_eq!(area["value"], "I want to be a present friend");
    let hidden = h.ok(
        "update_activity",
        json!({"id": walk["id"], "input": {"hidden": true}}),
    );
    assert_eq!(
        (hidden["hidden"].as_bool(), hidden["minutes"].clone()),
        (Some(true), walk["minutes"].clone())
    );
    h.ok("stop_plan", json!({"id": plan["id"]}));
}

#[test]
fn the_timer_runs_in_the_shell_and_its_session_waits_for_a_locked_vault() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let presets = h.ok("timer_presets", json!({}));
    assert_eq!(presets[0]["id"], "senses-minute");
    assert_eq!(h.ok("timer_status", json!({})), Value::Null);
    let view = h.ok(
        "start_timer",
        json!({"preset": "senses-minute", "intensityBefore": 3}),
    );
    assert_eq!(
        (&view["state"], &view["active"]),
        (&json!("running"), &json!(true))
    );
    let again = h.err("start_timer", json!({"preset": "senses-minute"}));
    assert!(
        again["message"]
            .as_str()
            .unwrap()
            .contains("already running"),
        "{again}"
    );
    let paused = h.ok("pause_timer", json!({}));
    assert_eq!(
        (&paused["state"], &paused["active"]),
        (&json!("paused"), &json!(true))
    );
    assert_eq!(h.ok("timer_status", json!({}))["active"], true);
    assert_eq!(h.err("pause_timer", json!({}))["code"], "invalid");

    // A running timer is not idleness, so its screen is not locked away.
    let state = h.app.state::<crate::AppState>();
    state.backdate_activity(Duration::from_secs(11 * 60));
    assert!(!state.idle_expired());
    h.ok("resume_timer", json!({}));
    let stopped = h.ok("stop_timer", json!({}));
    assert_eq!(
        (&stopped["state"], &stopped["active"]),
        (&json!("stopped"), &json!(false))
    );
    assert_eq!(
        h.ok("timer_status", json!({}))["active"],
        false,
        "until the loop clears it"
    );
    assert!(state.idle_expired(), "once stopped, idle time counts again");

    // The loop's look at the clock: the stopped session, while locked, waits.
    let tick = state.timer.tick(state.timer.now_ms());
    let session = tick.session.expect("a stopped timer is logged");
    assert!(!session.completed);
    assert_eq!(session.intensity_before, Some(3));
    h.ok("lock", json!({}));
    assert!(block_on(crate::timer_loop::log(&state, session)).is_none());
    h.ok("unlock", json!({"passphrase": "pass phrase here"}));
    let log = h.ok("mindful_sessions", json!({"limit": 10}));
    assert_eq!(
        log.as_array().unwrap().len(),
        1,
        "logged once the vault opened"
    );
    assert_eq!(log[0]["name"], "A minute of the senses");
    let id = log[0]["id"].as_str().unwrap();
    let after = h.ok("set_session_intensity", json!({"id": id, "intensity": 6}));
    assert_eq!(after["intensity_after"], 6);

    // A breathing guide at the chosen pace: four slower breaths of 4-7-8.
    let view = h.ok(
        "start_timer",
        json!({"preset": "breathing-478", "pace": "slower"}),
    );
    assert_eq!(view["remaining_ms"], 95_000);
    assert_eq!(view["preset"]["breaths"], 4);
    assert_eq!(
        view["phases"][1]["ms"], 8_750,
        "a hold of 7 counts of 1.25 s"
    );
    assert_eq!(view["state"], "settling_in");
    h.ok("stop_timer", json!({}));
}

#[test]
fn a_new_key_replaces_the_passphrase_and_recovery_key_and_keeps_the_entries() {
    let h = harness();
    let old_key = h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    h.ok("create_entry", json!({"entry": {"body": "the first snow"}}));
    let taken = h.ok("backup_now", json!({}));
    let backup = taken["backup"]["name"].as_str().unwrap().to_string();

    // The current passphrase is checked first; a wrong one changes nothing.
    let wrong = h.err(
        "rekey_vault",
        json!({"currentPassphrase": "not it", "newPassphrase": "a brand new phrase", "oldBackups": "reencrypt"}),
    );
    assert_eq!(wrong["code"], "wrong_passphrase");
    assert_eq!(h.ok("vault_status", json!({}))["unlocked"], true);

    let new_key = h.ok(
        "rekey_vault",
        json!({"currentPassphrase": "pass phrase here", "newPassphrase": "a brand new phrase", "oldBackups": "reencrypt"}),
    );
    let new_key = new_key.as_str().unwrap().to_string();
    assert_eq!(new_key.split('-').count(), 8);
    assert_ne!(new_key, old_key.as_str().unwrap());
    // Still open, with the entries there.
    let page = h.ok("list_entries", json!({"limit": 10}));
    assert_eq!(page["items"][0]["excerpt"], "the first snow", "{page}");
    // The backup is still there, under the new key.
    assert_eq!(
        h.ok("backup_preview", json!({"name": backup}))["entries"],
        1
    );

    h.ok("lock", json!({}));
    assert_eq!(
        h.err("unlock", json!({"passphrase": "pass phrase here"}))["code"],
        "wrong_passphrase"
    );
    assert!(h.call("unlock", json!({"recoveryKey": old_key})).is_err());
    assert_eq!(
        h.err("locked_backups", json!({"passphrase": "pass phrase here"}))["code"],
        "wrong_passphrase",
        "the old passphrase opens no backup either"
    );
    h.ok("unlock", json!({"passphrase": "a brand new phrase"}));
    let page = h.ok("list_entries", json!({"limit": 10}));
    assert_eq!(page["items"][0]["excerpt"], "the first snow", "{page}");
    h.ok("lock", json!({}));
    h.ok("unlock", json!({"recoveryKey": new_key}));
    let page = h.ok("list_entries", json!({"limit": 10}));
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");

    // Or the old backups go: none is left under the old key.
    h.ok(
        "rekey_vault",
        json!({"currentPassphrase": "a brand new phrase", "newPassphrase": "and one more", "oldBackups": "delete"}),
    );
    assert_eq!(h.ok("list_backups", json!({})), json!([]));
    assert_eq!(
        h.ok("list_entries", json!({"limit": 10}))["items"][0]["excerpt"],
        "the first snow"
    );

    h.ok("lock", json!({}));
    let locked = h.err(
        "rekey_vault",
        json!({"currentPassphrase": "and one more", "newPassphrase": "x y z", "oldBackups": "delete"}),
    );
    assert_eq!(locked["code"], "locked");
}
