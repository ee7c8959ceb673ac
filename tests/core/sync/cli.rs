//! `glimmer sync` end to end: two vaults on this machine sharing one folder.

use std::path::Path;

use serde_json::Value;

use super::walk;
use crate::cli::{glimmer, ok_json, passwd};

const P: &str = "correct horse battery";

fn bodies(vault: &Path) -> Vec<String> {
    bodies_with(vault, P)
}

fn bodies_with(vault: &Path, passphrase: &str) -> Vec<String> {
    let list = ok_json(glimmer(vault, passphrase, &["list", "--json"], None));
    let mut out: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let shown = ok_json(glimmer(
                vault,
                passphrase,
                &["show", "--json", e["id"].as_str().unwrap()],
                None,
            ));
            shown["body"].as_str().unwrap().to_string()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn two_vaults_share_one_folder_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, folder) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("shared"),
    );
    let init = ok_json(glimmer(&a, P, &["init", "--json"], None));
    let recovery = init["recovery_key"].as_str().unwrap().to_string();
    let first = ok_json(glimmer(
        &a,
        P,
        &["write", "--json", "a heron by the weir"],
        None,
    ));
    let id = first["id"].as_str().unwrap().to_string();
    let set_up = ok_json(glimmer(
        &a,
        P,
        &["sync", "init", "--json", folder.to_str().unwrap()],
        None,
    ));
    assert!(set_up["written"].as_u64().unwrap() > 1, "{set_up}");

    // A wrong passphrase cannot join, and leaves nothing behind.
    let wrong = glimmer(
        &b,
        "not it at all",
        &["sync", "join", folder.to_str().unwrap()],
        None,
    );
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("passphrase"));
    assert!(!b.join("vault.json").exists());

    let joined = ok_json(glimmer(
        &b,
        P,
        &["sync", "join", "--json", folder.to_str().unwrap()],
        None,
    ));
    assert_eq!(joined["devices"].as_array().unwrap().len(), 2, "{joined}");
    assert_eq!(bodies(&b), ["a heron by the weir"]);

    // Written on B, read on A after a sync on each.
    ok_json(glimmer(
        &b,
        P,
        &["write", "--json", "a kingfisher, blue"],
        None,
    ));
    let now_b = ok_json(glimmer(&b, P, &["sync", "now", "--json"], None));
    assert_eq!(now_b["written"], 1);
    let now_a = ok_json(glimmer(&a, P, &["sync", "now", "--json"], None));
    assert_eq!(now_a["applied"], 1);
    assert_eq!(bodies(&a), ["a heron by the weir", "a kingfisher, blue"]);

    // The same entry changed on both before either synced: both kept.
    ok_json(glimmer(
        &a,
        P,
        &["edit", "--json", &id, "an egret by the weir"],
        None,
    ));
    ok_json(glimmer(
        &b,
        P,
        &["edit", "--json", &id, "a grey heron by the weir"],
        None,
    ));
    for v in [&a, &b, &a] {
        ok_json(glimmer(v, P, &["sync", "now", "--json"], None));
    }
    let status: Value = ok_json(glimmer(&a, P, &["sync", "status", "--json"], None));
    assert_eq!(
        status["edited_twice"].as_array().unwrap().len(),
        1,
        "{status}"
    );
    assert_eq!(status["edited_twice"][0]["entry"], id.as_str());
    let expected = [
        "a grey heron by the weir",
        "a kingfisher, blue",
        "an egret by the weir",
    ];
    assert_eq!(bodies(&a), expected);
    assert_eq!(bodies(&b), expected);
    let text = glimmer(&a, P, &["sync", "status"], None);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Edited on two computers"));

    // A third computer joins with the recovery key.
    let c = dir.path().join("c");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_glimmer"));
    let out = cmd
        .args([
            "sync",
            "join",
            "--recovery-key",
            "--json",
            folder.to_str().unwrap(),
        ])
        .env("GLIMMER_VAULT", &c)
        .env("GLIMMER_RECOVERY_KEY", &recovery)
        .env_remove("GLIMMER_PASSWORD")
        .env_remove("GLIMMER_PASSWORD_FILE")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    ok_json(out);
    assert_eq!(bodies(&c), expected);

    // Only ciphertext in the folder: none of the words written.
    for f in walk(&folder) {
        let bytes = std::fs::read(&f).unwrap();
        for word in ["heron", "kingfisher", "egret", "weir"] {
            assert!(
                !bytes.windows(word.len()).any(|w| w == word.as_bytes()),
                "{word} in {}",
                f.display()
            );
        }
    }

    // A computer that is gone is removed; the command says so in words.
    let device = joined["devices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["this_computer"] == true)
        .unwrap()["device"]
        .as_str()
        .unwrap()
        .to_string();
    let removed = glimmer(&a, P, &["sync", "remove", &device[..6]], None);
    assert!(removed.status.success());
    assert!(String::from_utf8_lossy(&removed.stdout).contains("is removed"));
    let nobody = glimmer(&a, P, &["sync", "remove", "zzzz"], None);
    assert!(!nobody.status.success());
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("glimmer sync status"));

    // A passphrase changed on A is changed on C at its next sync, in words.
    let new = "a new phrase for the weir";
    passwd(&a, P, new);
    ok_json(glimmer(&a, new, &["sync", "now", "--json"], None));
    let told = glimmer(&c, P, &["sync", "now"], None);
    assert!(told.status.success());
    assert!(
        String::from_utf8_lossy(&told.stdout).contains("Your passphrase was changed on"),
        "{}",
        String::from_utf8_lossy(&told.stdout)
    );
    assert!(!glimmer(&c, P, &["list"], None).status.success());
    assert_eq!(bodies_with(&c, new), expected);

    // The entry edited on two computers: both versions merged into one.
    let copy = status["edited_twice"][0]["copy"].as_str().unwrap();
    let merged = glimmer(&a, new, &["sync", "merge", copy], None);
    assert!(merged.status.success());
    assert!(String::from_utf8_lossy(&merged.stdout).contains("Both versions are now in one entry"));
    let shown = ok_json(glimmer(&a, new, &["show", "--json", &id], None));
    let body = shown["body"].as_str().unwrap();
    assert!(
        body.contains("an egret") && body.contains("a grey heron"),
        "{body}"
    );
    let left: Value = ok_json(glimmer(&a, new, &["sync", "status", "--json"], None));
    assert_eq!(left["edited_twice"].as_array().unwrap().len(), 0);
    let again = glimmer(&a, new, &["sync", "dismiss", copy], None);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("No entry edited on two computers"));
}
