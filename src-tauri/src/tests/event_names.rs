//! The events the shell sends and the ones the page listens for must be the
//! same, with the same payloads: a name only one side knows is a lock screen
//! that never shows or a reminder that opens nothing. Like the command lists,
//! these read the UI's files as text.

use std::path::Path;

use super::command_lists::{assert_agree, between, disagreements, shell_file};

/// `'timer-event': TimerEvent;` in `interface ShellEvents { … }` reads as
/// `timer-event: TimerEvent`, the way `events::declared` writes it.
fn ui_events(events_ts: &str) -> Vec<String> {
    between(events_ts, "interface ShellEvents {", "}", "events.ts")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .map(|line| {
            let (name, payload) = line
                .trim_end_matches(';')
                .split_once(':')
                .unwrap_or_else(|| panic!("events.ts: `{line}` is not `'name': Payload;`"));
            format!("{}: {}", name.trim().trim_matches('\''), payload.trim())
        })
        .collect()
}

/// UI source files (not tests) below `dir` that import Tauri's event module
/// themselves, so could listen for a name the list does not hold.
fn listening_elsewhere(dir: &Path, found: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "test" {
                listening_elsewhere(&path, found);
            }
            continue;
        }
        let source = name.ends_with(".ts") || name.ends_with(".svelte");
        if !source || name.contains(".test.") || path.ends_with("lib/events.ts") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a UI source file");
        if text.contains("@tauri-apps/api/event") {
            found.push(path.display().to_string());
        }
    }
}

#[test]
fn the_shell_and_the_page_name_the_same_events() {
    let page = ui_events(&shell_file("../ui/src/lib/events.ts"));
    assert_agree(
        &[
            ("src-tauri/src/events.rs", crate::events::declared()),
            ("ui/src/lib/events.ts", page),
        ],
        "The shell's events and the page's disagree; change both sides",
    );
}

#[test]
fn only_the_event_list_listens() {
    let mut found = Vec::new();
    listening_elsewhere(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src"),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "Listen through `listenAll` in ui/src/lib/events.ts, so every name is checked: {found:?}"
    );
}

#[test]
fn an_event_with_another_payload_is_a_disagreement() {
    let ts = "export interface ShellEvents {\n  'vault-locked': null;\n  // the timer\n  'timer-event': string;\n}";
    let page = ui_events(ts);
    assert_eq!(page, ["vault-locked: null", "timer-event: string"]);
    let shell = vec![
        "vault-locked: null".to_string(),
        "timer-event: TimerEvent".into(),
    ];
    assert_eq!(
        disagreements(&[("shell", shell), ("page", page)]),
        [
            "`timer-event: TimerEvent` is in shell but missing from page",
            "`timer-event: string` is in page but missing from shell",
        ]
    );
}

/// The shell's own IPC types, whose TypeScript sits with the core's.
#[test]
fn the_shell_s_bindings_are_current() {
    use ts_rs::TS;
    let cfg = ts_rs::Config::default();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/lib/bindings")
        .join(crate::timer::TimerStatus::output_path().expect("an exported type"));
    let want =
        crate::timer::TimerStatus::export_to_string(&cfg).expect("TypeScript for TimerStatus");
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want && std::env::var_os("GLIMMER_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &want).expect("write the binding");
        return;
    }
    assert_eq!(
        have,
        want,
        "{} is out of date: GLIMMER_WRITE_BINDINGS=1 cargo test -p glimmer-app bindings_are_current",
        path.display()
    );
}
