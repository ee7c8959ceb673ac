//! Every IPC command is named in five places; they must agree, or a command
//! is unreachable (no handler, no permission) or the UI calls one that does
//! not exist. These read the files as text, the way the build and the UI see them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A file of the repository, by its path from `src-tauri/`.
pub(super) fn shell_file(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The text between `start` and the first `end` after it.
pub(super) fn between<'a>(text: &'a str, start: &str, end: &str, file: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{file}: no `{start}` found"))
        + start.len();
    let len = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{file}: `{start}` is not closed by `{end}`"));
    &text[from..from + len]
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `commands::vault::unlock` in `generate_handler![…]` registers `unlock`.
fn handler_list(lib_rs: &str) -> Vec<String> {
    between(lib_rs, "generate_handler![", "]", "lib.rs")
        .split(',')
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_string())
        .collect()
}

/// The string literals of `const COMMANDS: &[&str] = &[…];`.
fn build_rs_list(build_rs: &str) -> Vec<String> {
    let list = between(build_rs, "const COMMANDS", "];", "build.rs");
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// `allow-change-passphrase` grants `change_passphrase`; plugin and core
/// permissions (`core:event:…`) are not ours and are skipped.
fn capability_list(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).expect("default.json is JSON");
    value["permissions"]
        .as_array()
        .expect("default.json has a permissions array")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("default.json: `{p}` is not an allow- permission"))
                .replace('-', "_")
        })
        .collect()
}

/// The command names `api.ts` passes as a string literal to `call(…)` or
/// `invoke(…)`, with or without a type argument: `call<Entry>('get_entry', …)`.
fn api_ts_list(api_ts: &str) -> Vec<String> {
    let mut names = Vec::new();
    for callee in ["call", "invoke"] {
        for (at, _) in api_ts.match_indices(callee) {
            let before = api_ts[..at].chars().next_back();
            if before.is_some_and(|c| is_ident_char(c) || c == '.') {
                continue;
            }
            let mut rest = &api_ts[at + callee.len()..];
            if let Some(generic) = rest.strip_prefix('<') {
                // Type arguments may nest (`Promise<Entry[]>`), so count brackets.
                let mut depth = 1;
                let Some(close) = generic.find(|c| {
                    depth += match c {
                        '<' => 1,
                        '>' => -1,
                        _ => 0,
                    };
                    depth == 0
                }) else {
                    continue;
                };
                rest = &generic[close + 1..];
            }
            let Some(args) = rest.strip_prefix('(') else {
                continue;
            };
            let args = args.trim_start();
            let Some(quote) = args.chars().next().filter(|c| "'\"`".contains(*c)) else {
                // `invoke<T>(cmd, args)` forwards a name; it is not a command.
                continue;
            };
            let literal = &args[1..];
            if let Some(end) = literal.find(quote) {
                names.push(literal[..end].to_string());
            }
        }
    }
    // The UI may call one command from several places; that is not a mistake.
    names.sort();
    names.dedup();
    names
}

/// Names of the functions marked `#[tauri::command]` in `src/commands/`.
fn command_functions(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut names = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        for (at, _) in text.match_indices("#[tauri::command") {
            let after = &text[at..];
            let Some(fn_at) = after.find("fn ") else {
                panic!("{}: #[tauri::command] without a function", file.display());
            };
            let name: String = after[fn_at + 3..]
                .chars()
                .take_while(|c| is_ident_char(*c))
                .collect();
            names.push(name);
        }
    }
    names
}

/// What is wrong with the lists, one line per problem; empty when they agree.
pub(super) fn disagreements(lists: &[(&str, Vec<String>)]) -> Vec<String> {
    let all: BTreeSet<&str> = lists
        .iter()
        .flat_map(|(_, names)| names.iter().map(String::as_str))
        .collect();
    let mut problems = Vec::new();
    for name in all {
        let named_in = |wanted: bool| -> Vec<&str> {
            lists
                .iter()
                .filter(|(_, names)| names.iter().any(|n| n == name) == wanted)
                .map(|(place, _)| *place)
                .collect()
        };
        let (has, lacks) = (named_in(true), named_in(false));
        if !lacks.is_empty() {
            problems.push(format!(
                "`{name}` is in {} but missing from {}",
                has.join(", "),
                lacks.join(", ")
            ));
        }
    }
    for (place, names) in lists {
        let mut seen = BTreeSet::new();
        let twice: BTreeSet<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| !seen.insert(*n))
            .collect();
        if !twice.is_empty() {
            let twice: Vec<&str> = twice.into_iter().collect();
            problems.push(format!("{place} names {} more than once", twice.join(", ")));
        }
    }
    problems
}

fn all_lists() -> Vec<(&'static str, Vec<String>)> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    vec![
        (
            "lib.rs generate_handler!",
            handler_list(&shell_file("src/lib.rs")),
        ),
        ("build.rs COMMANDS", build_rs_list(&shell_file("build.rs"))),
        (
            "capabilities/default.json",
            capability_list(&shell_file("capabilities/default.json")),
        ),
        (
            "ui/src/lib/api.ts",
            api_ts_list(&shell_file("../ui/src/lib/api.ts")),
        ),
        (
            "#[tauri::command] fns in src/commands/",
            command_functions(&manifest.join("src/commands")),
        ),
    ]
}

/// Fails with every disagreement among `lists`, one a line, and `fix`.
pub(super) fn assert_agree(lists: &[(&str, Vec<String>)], fix: &str) {
    for (place, names) in lists {
        assert!(!names.is_empty(), "found none in {place}");
    }
    let problems = disagreements(lists);
    assert!(problems.is_empty(), "{fix}:\n- {}", problems.join("\n- "));
}

#[test]
fn the_five_command_lists_agree() {
    assert_agree(
        &all_lists(),
        "The IPC command lists disagree; add or remove the command in every place",
    );
}

#[test]
fn a_name_missing_from_a_list_or_named_twice_is_reported() {
    let names = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let problems = disagreements(&[
        ("handlers", names("lock unlock")),
        ("build.rs", names("lock unlock bogus")),
        ("api.ts", names("lock unlock bogus")),
        ("capabilities", names("lock unlock unlock")),
    ]);
    assert_eq!(
        problems,
        [
            "`bogus` is in build.rs, api.ts but missing from handlers, capabilities",
            "capabilities names unlock more than once",
        ]
    );
}

#[test]
fn api_ts_calls_are_read_with_or_without_type_arguments() {
    let ts = r#"
        return await invoke<T>(cmd, args);
        a: () => call<Page>('list_entries', { limit }),
        b: () => call<Map<string, Entry[]>>("get_entry"),
        c: () => invoke(`touch`),
        d: () => recall('not_a_command'),
    "#;
    let mut found = api_ts_list(ts);
    found.sort();
    assert_eq!(found, ["get_entry", "list_entries", "touch"]);
}
