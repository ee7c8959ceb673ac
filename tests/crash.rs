//! Crash safety: a child process saves entries in a loop and is killed with
//! SIGKILL mid-stream. Every entry whose save returned must survive, and the
//! vault must pass `integrity_check`.
//!
//! One binary plays both parts (harness = false): with GLIMMER_CRASH_WRITER set
//! it is the writer, otherwise it is the test that spawns and kills writers.
//!
//! `GLIMMER_SOAK_ROUNDS=100` (scripts/soak.sh, not in CI) kills it that many
//! times at random points, the writer also taking backups and restoring them,
//! so kills land inside those too.
//!
//! Then the same with sync: the writer syncs through a folder after every
//! entry and is killed, often inside a sync (its batch written, or not,
//! its write kept, or not). Afterwards both computers sync, and a second
//! vault joined to the folder holds every acknowledged entry.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use glimmer::{Credential, KdfParams, NewEntry, Secret, Vault};

const PASS: &str = "crash test passphrase";
const WRITER_ENV: &str = "GLIMMER_CRASH_WRITER";
const SOAK_ENV: &str = "GLIMMER_SOAK_ROUNDS";
/// With this set (to the sync folder) the writer also syncs after each entry.
const SYNC_ENV: &str = "GLIMMER_CRASH_SYNC";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn credential() -> Credential {
    Credential::Passphrase(Secret::new(PASS))
}

/// The child: saves entries as fast as it can, printing each id once its save
/// returned. In a soak it also searches, backs up, and restores the backup it just took
/// (so nothing acknowledged is rolled back), and gives the vault a new key,
/// printing `backup`/`restore`/`rekey` before
/// and `done` after each, so the parent knows where a kill landed.
fn writer(dir: String) {
    let syncs = std::env::var_os(SYNC_ENV).is_some();
    // A new key would end the sync (docs/sync.md): the syncing writer only writes and syncs.
    let soak = std::env::var_os(SOAK_ENV).is_some() && !syncs;
    runtime().block_on(async {
        let mut vault = Vault::unlock(&dir, &credential()).await.unwrap();
        let mut out = std::io::stdout().lock();
        for i in 0.. {
            if soak && i % 200 == 59 {
                // A new key under the same passphrase: the journal and every backup re-encrypted.
                writeln!(out, "rekey").unwrap();
                out.flush().unwrap();
                vault
                    .rekey(&Secret::new(PASS), glimmer::vault::OldBackups::Reencrypt)
                    .await
                    .unwrap();
                writeln!(out, "done").unwrap();
                out.flush().unwrap();
            }
            if soak && i % 40 == 39 {
                writeln!(out, "backup").unwrap();
                out.flush().unwrap();
                let taken = vault.backup_now("soak").await.unwrap();
                if i % 80 == 79 {
                    writeln!(out, "restore").unwrap();
                    out.flush().unwrap();
                    vault.restore(&taken.backup.name).await.unwrap();
                }
                writeln!(out, "done").unwrap();
                out.flush().unwrap();
            }
            let e = vault
                .journal()
                .create(&NewEntry {
                    body: format!(
                        "entry {i}: {}",
                        "the light came back a little today. ".repeat(1 + i % 40)
                    ),
                    tags: vec![format!("t{}", i % 7)],
                    ..NewEntry::default()
                })
                .await
                .unwrap();
            writeln!(out, "{}", e.id).unwrap();
            out.flush().unwrap();
            if soak && i % 10 == 0 {
                // Searches keep a connection, which each restore and new key hand back first.
                let found = vault
                    .journal()
                    .search(&glimmer::journal::SearchQuery {
                        text: "light".into(),
                        limit: 5,
                        ..Default::default()
                    })
                    .await
                    .unwrap();
                assert!(!found.hits.is_empty());
            }
            if syncs {
                writeln!(out, "sync").unwrap();
                out.flush().unwrap();
                vault.sync().now().await.unwrap();
                writeln!(out, "done").unwrap();
                out.flush().unwrap();
            }
        }
    });
}

/// Kills a writer that syncs after each entry, `waits` ms after each start;
/// returns the ids it acknowledged and how many kills landed inside a sync.
fn kill_writers(
    dir: &std::path::Path,
    env: &[(&str, &std::path::Path)],
    waits: &[u64],
) -> (Vec<String>, [usize; 4]) {
    let mut acknowledged = Vec::new();
    // Kills inside a backup, a restore, a new key, a sync.
    let mut inside = [0; 4];
    for (round, wait_ms) in waits.iter().copied().enumerate() {
        let mut cmd = Command::new(std::env::current_exe().unwrap());
        cmd.env(WRITER_ENV, dir);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        });
        // Let it get going, then kill it wherever it is: usually inside a commit.
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        assert!(!status.success(), "the writer was killed, not finished");
        let lines = reader.join().unwrap();
        match lines
            .iter()
            .rev()
            .find(|l| l.len() < 10)
            .map(String::as_str)
        {
            Some("backup") => inside[0] += 1,
            Some("restore") => inside[1] += 1,
            Some("rekey") => inside[2] += 1,
            Some("sync") => inside[3] += 1,
            _ => {}
        }
        let ids: Vec<String> = lines.into_iter().filter(|l| l.len() > 10).collect();
        assert!(
            std::env::var_os(SOAK_ENV).is_some() || !ids.is_empty(),
            "round {round}: the writer saved nothing before it was killed"
        );
        acknowledged.extend(ids);
    }
    (acknowledged, inside)
}

fn main() {
    if let Ok(dir) = std::env::var(WRITER_ENV) {
        return writer(dir);
    }
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let rt = runtime();
    rt.block_on(async {
        let kdf = KdfParams {
            m_kib: 1024,
            t: 1,
            p: 1,
        };
        let (v, _) = Vault::create_with(&dir, &Secret::new(PASS), kdf)
            .await
            .unwrap();
        v.lock().await;
    });

    let soak_rounds: Option<u64> = std::env::var(SOAK_ENV).ok().and_then(|n| n.parse().ok());
    let waits: Vec<u64> = match soak_rounds {
        // A fixed seed: the same soak kills at the same moments each run.
        Some(n) => {
            let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
            (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    50 + x % 1500
                })
                .collect()
        }
        None => vec![150, 420, 800],
    };
    let mut acknowledged = Vec::new();
    let mut inside = [0; 4];
    for (round, wait_ms) in waits.iter().copied().enumerate() {
        let (ids, landed) = kill_writers(&dir, &[], &[wait_ms]);
        acknowledged.extend(ids);
        inside.iter_mut().zip(landed).for_each(|(n, l)| *n += l);
        if soak_rounds.is_some() {
            // After each kill: the vault opens whole, and nothing acknowledged is missing.
            rt.block_on(async {
                let vault = Vault::unlock(&dir, &credential())
                    .await
                    .expect("reopens after a kill");
                assert_eq!(
                    vault.integrity_check().await.unwrap(),
                    "ok",
                    "round {round}"
                );
                let mut lost = 0;
                for id in &acknowledged {
                    lost += usize::from(vault.journal().get(id).await.is_err());
                }
                assert_eq!(lost, 0, "round {round}: acknowledged entries lost");
                vault.lock().await;
            });
        }
    }
    let [in_backup, in_restore, in_rekey, _] = inside;

    rt.block_on(async {
        let vault = Vault::unlock(&dir, &credential())
            .await
            .expect("the vault reopens after a kill");
        assert_eq!(vault.integrity_check().await.unwrap(), "ok");
        let j = vault.journal();
        for id in &acknowledged {
            j.get(id)
                .await
                .unwrap_or_else(|e| panic!("entry {id} was acknowledged but lost: {e}"));
        }
        let hits = j
            .search(&glimmer::journal::SearchQuery {
                text: "light".into(),
                limit: 500,
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(
            hits.hits.len() >= acknowledged.len().min(500),
            "the search index kept up"
        );
        vault.lock().await;
    });
    println!(
        "crash safety: {} acknowledged entries across {} kills ({in_backup} during a backup, {in_restore} during a restore, {in_rekey} during a new key) all survived, integrity ok",
        acknowledged.len(),
        waits.len()
    );
    let (synced, in_sync) = sync_crash(&rt, &tmp.path().join("sync"), &waits[..waits.len().min(6)]);
    println!(
        "sync crash safety: {synced} acknowledged entries across {} kills ({in_sync} during a sync) all reached the other vault, integrity ok on both",
        waits.len().min(6)
    );
    println!(
        "test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in {:.2}s",
        started.elapsed().as_secs_f64()
    );
}

/// A vault syncing through a folder, killed again and again; then it and a
/// second vault joined to the folder sync, and the second holds every entry
/// the first acknowledged. Returns (acknowledged, kills inside a sync).
fn sync_crash(
    rt: &tokio::runtime::Runtime,
    root: &std::path::Path,
    waits: &[u64],
) -> (usize, usize) {
    let (dir, other, folder) = (root.join("a"), root.join("b"), root.join("folder"));
    let kdf = KdfParams {
        m_kib: 1024,
        t: 1,
        p: 1,
    };
    rt.block_on(async {
        let (a, _) = Vault::create_with(&dir, &Secret::new(PASS), kdf)
            .await
            .unwrap();
        a.sync().init(&folder).await.unwrap();
        a.lock().await;
        let b = glimmer::sync::join(&folder, &other, &credential(), &mut |_| {})
            .await
            .unwrap();
        b.lock().await;
    });
    let (acknowledged, inside) = kill_writers(&dir, &[(SYNC_ENV, &folder)], waits);
    rt.block_on(async {
        let a = Vault::unlock(&dir, &credential())
            .await
            .expect("reopens after a kill");
        assert_eq!(a.integrity_check().await.unwrap(), "ok");
        a.sync().now().await.expect("syncs after a kill");
        let b = Vault::unlock(&other, &credential()).await.unwrap();
        b.sync().now().await.unwrap();
        assert_eq!(b.integrity_check().await.unwrap(), "ok");
        let mut lost = 0;
        for id in &acknowledged {
            lost += usize::from(b.journal().get(id).await.is_err());
        }
        assert_eq!(
            lost, 0,
            "acknowledged entries that never reached the other vault"
        );
        assert_eq!(
            a.sync().dump().await.unwrap(),
            b.sync().dump().await.unwrap()
        );
        a.lock().await;
        b.lock().await;
    });
    (acknowledged.len(), inside[3])
}
