//! Pictures through IPC and the `glimmer-picture` scheme: raw bytes in, a
//! picture out to the page only while the vault is open, and the page's size
//! check in step with the core's.

use serde_json::{Value, json};
use tauri::Manager;
use tauri::async_runtime::block_on;
use tauri::http::{HeaderMap, HeaderValue, StatusCode, header};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response};
use tauri::webview::InvokeRequest;

use super::{Harness, harness};
use crate::pictures::{BASE, respond};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n a small picture";

impl Harness {
    /// `add_picture` as the page sends it: the bytes as the body, the rest in headers.
    fn add_picture(&self, bytes: &[u8], owner: &Value, description: &str) -> Result<Value, Value> {
        let mut headers = HeaderMap::new();
        headers.insert(
            "picture-owner",
            HeaderValue::from_str(&owner.to_string()).unwrap(),
        );
        headers.insert(
            "picture-description",
            HeaderValue::from_str(description).unwrap(),
        );
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: "add_picture".into(),
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

    fn fetch_picture(&self, id: &str) -> (StatusCode, Option<String>, Vec<u8>) {
        let response = block_on(respond(
            &self.app.state::<crate::AppState>(),
            &format!("/{id}"),
        ));
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
        let kind = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_string());
        (response.status(), kind, response.into_body())
    }
}

#[test]
fn a_picture_goes_in_as_bytes_and_out_through_the_scheme_only_while_open() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let entry = h.ok("create_entry", json!({"entry": {"body": "A heron"}}));
    let owner = json!({"kind": "entry", "id": entry["id"]});

    // "Héron gris" as the page's encodeURIComponent sends it.
    let pic = h.add_picture(PNG, &owner, "H%C3%A9ron%20gris").unwrap();
    assert_eq!(pic["description"], "Héron gris");
    assert_eq!(pic["media_type"], "image/png");
    assert_eq!(pic["owner"], owner);
    let id = pic["id"].as_str().unwrap().to_string();
    assert_eq!(
        h.ok("list_pictures", json!({"owner": owner}))[0]["id"],
        id.as_str()
    );

    // The preview points at the scheme; the scheme answers with the bytes.
    let html = h.ok("render_markdown", json!({"text": pic["markdown"]}));
    assert!(
        html.as_str()
            .unwrap()
            .contains(&format!("<img src=\"{BASE}{id}\" alt=\"Héron gris\">")),
        "{html}"
    );
    assert_eq!(
        h.fetch_picture(&id),
        (StatusCode::OK, Some("image/png".into()), PNG.to_vec())
    );
    assert_eq!(h.fetch_picture("not-an-id").0, StatusCode::NOT_FOUND);

    // Locked: nothing is shown.
    h.ok("lock", json!({}));
    assert_eq!(h.fetch_picture(&id), (StatusCode::FORBIDDEN, None, vec![]));
    assert_eq!(
        h.add_picture(PNG, &owner, "").unwrap_err()["code"],
        "locked"
    );
    h.ok("unlock", json!({"passphrase": "pass phrase here"}));

    // Removed, then back with Undo.
    let removed = h.ok("remove_picture", json!({"id": id}));
    assert!(removed["deleted_at"].is_string());
    assert_eq!(h.fetch_picture(&id).0, StatusCode::NOT_FOUND);
    assert_eq!(h.ok("list_pictures", json!({"owner": owner})), json!([]));
    h.ok("restore_picture", json!({"id": id}));
    assert_eq!(h.fetch_picture(&id).0, StatusCode::OK);
    assert_eq!(
        h.err("remove_picture", json!({"id": "nope"}))["code"],
        "invalid"
    );
}

#[test]
fn what_is_not_a_picture_or_not_sent_as_one_is_refused_plainly() {
    let h = harness();
    h.ok("create_vault", json!({"passphrase": "pass phrase here"}));
    let entry = h.ok("create_entry", json!({"entry": {"body": "text"}}));
    let owner = json!({"kind": "entry", "id": entry["id"]});

    let text = h.add_picture(b"hello", &owner, "").unwrap_err();
    assert_eq!(text["code"], "invalid");
    assert!(
        text["message"]
            .as_str()
            .unwrap()
            .contains("doesn't look like a picture")
    );

    for (bad_owner, description) in [
        (json!("entry"), ""),
        (json!({"kind": "entry", "id": "x"}), ""),
        (owner.clone(), "%FF"),
    ] {
        let err = h.add_picture(PNG, &bad_owner, description).unwrap_err();
        assert_eq!(err["code"], "invalid", "{bad_owner} {description}");
        assert!(
            err["message"]
                .as_str()
                .unwrap()
                .contains("didn't arrive whole")
        );
    }
    // The bytes as a JSON array are not how pictures travel.
    let err = h.err("add_picture", json!({"bytes": [137, 80]}));
    assert_eq!(err["code"], "invalid");
}

/// The page refuses a file over the cap before reading it into memory; the
/// core's check is the rule, so the two numbers must agree.
#[test]
fn the_pages_size_check_matches_the_cores() {
    let ts = super::command_lists::shell_file("../ui/src/lib/pictures.ts");
    let line = ts
        .lines()
        .find(|l| l.starts_with("export const MAX_PICTURE_BYTES = "))
        .expect("pictures.ts declares MAX_PICTURE_BYTES");
    let value: usize = line
        .trim_start_matches("export const MAX_PICTURE_BYTES = ")
        .trim_end_matches(';')
        .split('*')
        .map(|n| n.trim().parse::<usize>().expect("a product of numbers"))
        .product();
    assert_eq!(value, glimmer::journal::MAX_PICTURE_BYTES);
}
