//! The database engine compiled in: new enough for the SQLite fixes we rely on
//! (3.50.2 fixed CVE-2025-6965), and SQLCipher 4, whose file format our vaults use.

use crate::cli::{glimmer, ok_json};

/// "3.54.1" as (3, 54, 1), so versions compare as numbers, not as text.
fn numeric(version: &str) -> (u32, u32, u32) {
    let mut parts = version.split('.').map(|p| {
        p.parse()
            .unwrap_or_else(|_| panic!("not a version: {version}"))
    });
    let mut next = || parts.next().unwrap_or(0);
    (next(), next(), next())
}

#[test]
fn versions_compare_as_numbers() {
    assert_eq!(numeric("3.54.1"), (3, 54, 1));
    assert_eq!(numeric("3.9"), (3, 9, 0));
    assert!(numeric("3.50.10") > numeric("3.50.2"));
}

#[tokio::test]
async fn the_engine_is_current_sqlite_inside_sqlcipher_4() {
    let v = glimmer::engine::versions().await.unwrap();
    assert!(
        numeric(&v.sqlite) >= (3, 50, 2),
        "SQLite {} is older than 3.50.2",
        v.sqlite
    );
    assert!(v.sqlcipher.starts_with("4."), "SQLCipher {}", v.sqlcipher);
    assert_eq!(v.glimmer, env!("CARGO_PKG_VERSION"));
}

#[test]
fn about_needs_no_vault() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    let json = ok_json(glimmer(&vault, "", &["about", "--json"], None));
    let sqlite = json["sqlite"].as_str().unwrap();
    let sqlcipher = json["sqlcipher"].as_str().unwrap();
    assert!(numeric(sqlite) >= (3, 50, 2), "SQLite {sqlite}");
    assert!(sqlcipher.starts_with("4."), "SQLCipher {sqlcipher}");

    let text = glimmer(&vault, "", &["about"], None);
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert_eq!(
        text,
        format!(
            "Glimmer {}\nDatabase engine: SQLite {sqlite} with SQLCipher {sqlcipher}\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert!(!vault.exists(), "about creates nothing");
}
