//! How the core is put together: writes that span areas are all or nothing,
//! and the error at the bottom of the house depends on no area.

use glimmer::checkin::{self, CheckinInput};
use glimmer::{Error, ErrorCode, assess, journal, safety};

use crate::util::{TempVault, text};

async fn counts(tv: &TempVault) -> (usize, usize, usize) {
    let v = &tv.vault;
    (
        v.journal().list(100, None).await.unwrap().items.len(),
        v.checkins().recent(100).await.unwrap().len(),
        v.assessments().phq9_history().await.unwrap().len(),
    )
}

#[tokio::test]
async fn a_write_across_areas_keeps_all_or_nothing() {
    let tv = TempVault::new().await;
    let calm = CheckinInput {
        mood: Some(1),
        intensity: Some(4),
        ..Default::default()
    };

    // One bad part (a tenth PHQ-9 answer) undoes the entry and check-in before it.
    let mut tx = tv.vault.begin().await.unwrap();
    journal::insert(&mut tx, &text("imported entry"))
        .await
        .unwrap();
    checkin::insert(&mut tx, &calm).await.unwrap();
    let err = assess::insert_phq9(&mut tx, &[0; 10], None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    drop(tx);
    assert_eq!(
        counts(&tv).await,
        (0, 0, 0),
        "nothing of a failed write remains"
    );

    let mut tx = tv.vault.begin().await.unwrap();
    let entry = journal::insert(&mut tx, &text("imported entry"))
        .await
        .unwrap()
        .expect("a new id");
    checkin::insert(&mut tx, &calm).await.unwrap();
    assess::insert_phq9(&mut tx, &[1; 9], Some(1))
        .await
        .unwrap();
    let mut plan = safety::SafetyPlan::default();
    plan.reasons_for_living.push("my sister".into());
    safety::save(&mut tx, &plan).await.unwrap();
    // Uncommitted work is not visible yet to other readers.
    assert_eq!(counts(&tv).await, (0, 0, 0));
    tx.commit().await.unwrap();
    assert_eq!(counts(&tv).await, (1, 1, 1));
    assert_eq!(
        tv.vault.safety().plan().await.unwrap().reasons_for_living,
        ["my sister"]
    );

    // Importing the same entry again adds nothing.
    let again = text("imported entry");
    let again = glimmer::NewEntry {
        id: Some(entry.id),
        ..again
    };
    let mut tx = tv.vault.begin().await.unwrap();
    assert!(journal::insert(&mut tx, &again).await.unwrap().is_none());
    tx.commit().await.unwrap();
    assert_eq!(counts(&tv).await, (1, 1, 1));
}

#[test]
fn the_core_error_depends_on_no_area() {
    let src = include_str!("../../src/error.rs");
    let areas = [
        "vault", "journal", "checkin", "assess", "safety", "insights", "charts", "settings",
        "keys", "markdown", "storage", "bench",
    ];
    for line in src.lines().filter(|l| l.trim_start().starts_with("use ")) {
        for area in areas {
            assert!(
                !line.contains(&format!("crate::{area}")),
                "src/error.rs must not use an area: {line}"
            );
        }
    }
}

#[test]
fn errors_carry_plain_sentences_free_of_any_front_end() {
    let e = Error::VaultMissing("/tmp/nowhere".into());
    assert_eq!(e.code(), ErrorCode::VaultMissing);
    assert!(!e.to_string().contains("glimmer "), "{e}");
    let report = glimmer::ErrorReport::from(Error::invalid("mood", "Mood goes from −3 to +3."));
    assert_eq!(report.code, ErrorCode::Invalid);
    assert_eq!(report.message, "Mood goes from −3 to +3.");
}

/// The core's modules and what each reaches with `crate::` and `super::`
/// paths, read from the source (tests left out): a small import graph.
mod graph {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    pub type Graph = BTreeMap<String, BTreeSet<String>>;

    /// `a::{b::{c, d}, e}` → `a::b::c`, `a::b::d`, `a::e`.
    fn expand(path: &str) -> Vec<String> {
        let Some(open) = path.find('{') else {
            return vec![path.to_string()];
        };
        let (head, inner) = (&path[..open], &path[open + 1..path.len() - 1]);
        let mut parts = Vec::new();
        let (mut depth, mut start) = (0, 0);
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&inner[start..]);
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .flat_map(|p| expand(&format!("{head}{p}")))
            .collect()
    }

    /// Source without comments and without the unit tests at the end.
    fn code(src: &str) -> String {
        let src = src.split("#[cfg(test)]\nmod tests").next().unwrap_or(src);
        src.lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn module_of(rel: &Path) -> String {
        let mut parts: Vec<String> = rel
            .with_extension("")
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
            parts.pop();
        }
        parts.join("::")
    }

    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                // The CLI is a front end over the library, not part of its floors.
                if p.file_name().is_some_and(|n| n != "bin") {
                    files(&p, out);
                }
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    pub fn read() -> Graph {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut paths = Vec::new();
        files(&root, &mut paths);
        let modules: BTreeMap<String, String> = paths
            .iter()
            .map(|p| {
                let m = module_of(p.strip_prefix(&root).unwrap());
                (m, code(&std::fs::read_to_string(p).unwrap()))
            })
            .collect();
        let known = |segs: &[&str]| {
            (1..=segs.len())
                .rev()
                .map(|k| segs[..k].join("::"))
                .find(|m| modules.contains_key(m))
        };
        let mut graph = Graph::new();
        for (m, src) in &modules {
            let parent = m.rsplit_once("::").map_or("", |(p, _)| p);
            let mut reached = Vec::new();
            // `use` statements, braces and all.
            for stmt in src.split(';') {
                let stmt: String = stmt.split_whitespace().collect();
                let Some(at) = stmt.find("usecrate::").or_else(|| stmt.find("usesuper::")) else {
                    continue;
                };
                reached.extend(expand(&stmt[at + 3..]));
            }
            // Paths written inline.
            for (i, _) in src
                .match_indices("crate::")
                .chain(src.match_indices("super::"))
            {
                let rest: String = src[i..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                reached.push(rest);
            }
            let edges = graph.entry(m.clone()).or_default();
            for path in reached {
                let path = match path.strip_prefix("super::") {
                    Some(rest) if parent.is_empty() => rest.to_string(),
                    Some(rest) => format!("{parent}::{rest}"),
                    None => path.trim_start_matches("crate::").to_string(),
                };
                let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
                if let Some(to) = known(&segs)
                    && to != *m
                    && !m.starts_with(&format!("{to}::"))
                    && !to.is_empty()
                {
                    edges.insert(to);
                }
            }
        }
        graph
    }

    /// Modules that reach one another, each circle once.
    pub fn circles(g: &Graph) -> Vec<BTreeSet<String>> {
        let reach = |from: &String| {
            let mut seen = BTreeSet::new();
            let mut todo: Vec<&String> = g[from].iter().collect();
            while let Some(m) = todo.pop() {
                if seen.insert(m.clone()) {
                    todo.extend(g.get(m).into_iter().flatten());
                }
            }
            seen
        };
        let mut out: Vec<BTreeSet<String>> = Vec::new();
        for m in g.keys() {
            let from_m = reach(m);
            let circle: BTreeSet<String> = from_m
                .iter()
                .filter(|o| reach(o).contains(m))
                .cloned()
                .collect();
            if !circle.is_empty() && !out.iter().any(|c| c.contains(m)) {
                out.push(circle);
            }
        }
        out
    }
}

/// The ground floor: what every area stands on. It reaches no area.
const GROUND: [&str; 7] = [
    "error",
    "storage",
    "keys",
    "markdown",
    "rng",
    "engine",
    "passphrase",
];

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

#[test]
fn the_ground_and_the_vault_reach_no_area() {
    let g = graph::read();
    for (m, edges) in &g {
        let below: Vec<&str> = if GROUND.contains(&top(m)) {
            GROUND.to_vec()
        } else if top(m) == "vault" {
            GROUND.iter().copied().chain(["vault"]).collect()
        } else {
            continue;
        };
        for to in edges {
            assert!(
                below.contains(&top(to)),
                "{m} is on the ground floor but reaches {to}"
            );
        }
    }
    assert!(
        g.contains_key("vault::open") && g.contains_key("storage"),
        "the graph was read"
    );
}

#[test]
fn areas_reach_each_other_only_through_their_front_door() {
    for (m, edges) in graph::read() {
        for to in edges {
            // Inside an area anything goes; from outside, only what its root offers.
            assert!(
                top(&to) == top(&m) || !to.contains("::"),
                "{m} reaches inside another area: {to}; use what {} offers",
                top(&to)
            );
        }
    }
}

#[test]
fn no_module_of_the_core_is_in_a_circle() {
    let g = graph::read();
    assert_eq!(
        graph::circles(&g),
        Vec::<std::collections::BTreeSet<String>>::new()
    );
    // The check itself can see a circle: two modules reaching each other.
    let mut made = g.clone();
    made.entry("journal".into())
        .or_default()
        .insert("checkin".into());
    made.entry("checkin".into())
        .or_default()
        .insert("journal".into());
    assert_eq!(graph::circles(&made).len(), 1);
}
