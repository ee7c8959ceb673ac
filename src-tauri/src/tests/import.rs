//! An import through IPC: the file's bytes in, the preview out, the person's
//! mood placed, then the import; and a lock lets the chosen file go.

use serde_json::{Value, json};
use tauri::http::{HeaderMap, HeaderValue};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response};
use tauri::webview::InvokeRequest;

use super::{Harness, harness};

const DAYLIO: &str = "full_date,date,weekday,time,mood,activities,note_title,note\n\
2024-01-02,2 January,Tuesday,9:15 pm,sleepy,reading,Slow,The tea was warm.\n\
2024-01-01,1 January,Monday,10:04 AM,good,walk,,\n";

impl Harness {
    /// `import_choose` as the page sends it: the bytes as the body, the options in a header.
    fn import_choose(&self, bytes: &[u8], options: &Value) -> Result<Value, Value> {
        let mut headers = HeaderMap::new();
        headers.insert(
            "import-options",
            HeaderValue::from_str(&options.to_string()).unwrap(),
        );
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: "import_choose".into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Raw(bytes.to_vec()),
                headers,
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }
}

#[test]
fn a_file_is_previewed_mapped_and_imported_and_a_lock_lets_it_go() {
    let h = harness();
    h.ok(
        "create_vault",
        json!({"passphrase": "a long quiet passphrase"}),
    );
    let none = json!({"from": null, "moodMap": {}, "tz": "Europe/Berlin"});

    let preview = h.import_choose(DAYLIO.as_bytes(), &none).unwrap();
    assert_eq!(
        (preview["entries"].clone(), preview["checkins"].clone()),
        (json!(1), json!(2))
    );
    assert_eq!(preview["format"], "daylio");
    let sleepy = preview["moods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "sleepy")
        .unwrap();
    assert_eq!(sleepy["level"], Value::Null);
    // Not placed yet: nothing is written.
    let waiting = h.err(
        "import_run",
        json!({"options": none, "skipBad": false, "onProgress": "__CHANNEL__:7"}),
    );
    assert!(
        waiting["message"].as_str().unwrap().contains("sleepy"),
        "{waiting}"
    );

    let mapped = json!({"from": null, "moodMap": {"sleepy": -1}, "tz": "Europe/Berlin"});
    let preview = h.ok("import_preview", json!({"options": mapped}));
    assert!(
        preview["moods"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["level"] != Value::Null)
    );

    // Locked: the file is let go, and asking for it says so.
    h.ok("lock", json!({}));
    h.ok("unlock", json!({"passphrase": "a long quiet passphrase"}));
    let gone = h.err("import_preview", json!({"options": mapped}));
    assert!(
        gone["message"]
            .as_str()
            .unwrap()
            .contains("choose it again"),
        "{gone}"
    );

    h.import_choose(DAYLIO.as_bytes(), &mapped).unwrap();
    let written = h.ok(
        "import_run",
        json!({"options": mapped, "skipBad": false, "onProgress": "__CHANNEL__:7"}),
    );
    assert_eq!(
        (
            written["entries_added"].clone(),
            written["checkins_added"].clone()
        ),
        (json!(1), json!(2))
    );
    assert!(
        written["backup"]
            .as_str()
            .unwrap()
            .contains("before-import"),
        "{written}"
    );
    let entries = h.ok("list_entries", json!({"limit": 10, "before": null}));
    assert_eq!(entries["items"][0]["title"], "Slow", "{entries}");
    let moods: Vec<Value> = h
        .ok("recent_checkins", json!({"limit": 10}))
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["mood"].clone())
        .collect();
    assert_eq!(moods, [json!(-1), json!(2)]);
    // The import let the file go.
    assert!(
        h.err("import_preview", json!({"options": mapped}))["message"]
            .as_str()
            .unwrap()
            .contains("choose it again")
    );

    // A file that is no export is refused in words.
    let refused = h
        .import_choose(b"\x00\x01 not a journal", &none)
        .unwrap_err();
    assert_eq!(refused["code"], "invalid");
    assert!(
        refused["message"].as_str().unwrap().contains("Daylio"),
        "{refused}"
    );
}
