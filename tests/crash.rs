//! Crash safety: a child process saves entries in a loop and is killed with
//! SIGKILL mid-stream. Every entry whose save returned must survive, and the
//! vault must pass `integrity_check`.
//!
//! One binary plays both parts (harness = false): with GLIMMER_CRASH_WRITER set
//! it is the writer, otherwise it is the test that spawns and kills writers.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use glimmer::{Credential, KdfParams, NewEntry, Secret, Vault};

const PASS: &str = "crash test passphrase";
const WRITER_ENV: &str = "GLIMMER_CRASH_WRITER";

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

/// The child: saves entries as fast as it can, printing each id once its save returned.
fn writer(dir: String) {
    runtime().block_on(async {
        let vault = Vault::unlock(&dir, &credential()).await.unwrap();
        let mut out = std::io::stdout().lock();
        for i in 0.. {
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
        }
    });
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

    let mut acknowledged = Vec::new();
    for (round, wait_ms) in [150u64, 420, 800].into_iter().enumerate() {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(WRITER_ENV, &dir)
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
        let ids = reader.join().unwrap();
        assert!(
            !ids.is_empty(),
            "round {round}: the writer saved nothing before it was killed"
        );
        acknowledged.extend(ids);
    }

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
        "crash safety: {} acknowledged entries across 3 kills all survived, integrity ok",
        acknowledged.len()
    );
    println!(
        "test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in {:.2}s",
        started.elapsed().as_secs_f64()
    );
}
