//! Three computers making random edits, trashing, undoing and emptying the
//! trash, each with its own copy of the folder, and a sync service between
//! them that delays, reorders, duplicates, half-writes and conflict-copies
//! the files. Once everything is delivered, all three hold the same records,
//! and every text ever saved is still there (current, in the trash, or kept
//! as "edited on two computers") unless a computer that showed it replaced it.
//!
//! Seeded by proptest; `GLIMMER_SYNC_CASES` runs more cases
//! (`scripts/sync-soak.sh`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use glimmer::{EntryPatch, Vault};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use super::{join, walk};
use crate::util::{TempVault, pass, text};

#[derive(Debug, Clone)]
enum Op {
    Write(usize),
    Edit(usize, usize),
    Trash(usize, usize),
    Undo(usize, usize),
    EmptyTrash(usize),
    Sync(usize),
    /// From, to, which file, how.
    Deliver(usize, usize, usize, Delivery),
    /// Everything delivered and read everywhere.
    Settle,
}

#[derive(Debug, Clone, Copy)]
enum Delivery {
    Whole,
    Half,
    ConflictCopy,
    Twice,
}

fn op() -> impl Strategy<Value = Op> {
    let c = 0..3usize;
    prop_oneof![
        2 => c.clone().prop_map(Op::Write),
        4 => (c.clone(), any::<usize>()).prop_map(|(c, i)| Op::Edit(c, i)),
        1 => (c.clone(), any::<usize>()).prop_map(|(c, i)| Op::Trash(c, i)),
        1 => (c.clone(), any::<usize>()).prop_map(|(c, i)| Op::Undo(c, i)),
        1 => c.clone().prop_map(Op::EmptyTrash),
        3 => c.clone().prop_map(Op::Sync),
        1 => Just(Op::Settle),
        5 => (c.clone(), c.clone(), any::<usize>(), prop_oneof![
            Just(Delivery::Whole), Just(Delivery::Half), Just(Delivery::ConflictCopy), Just(Delivery::Twice)
        ]).prop_map(|(a, b, i, d)| Op::Deliver(a, b, i, d)),
    ]
}

struct World {
    _a: tempfile::TempDir,
    _dirs: Vec<tempfile::TempDir>,
    vaults: Vec<Vault>,
    folders: Vec<PathBuf>,
    saved: BTreeSet<String>,
    replaced: BTreeSet<String>,
    n: usize,
    /// Entries kept twice along the way: the test must see some.
    copies: u64,
}

/// The files of `folder`, relative.
fn files(folder: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walk(folder)
        .into_iter()
        .map(|p| p.strip_prefix(folder).unwrap().to_path_buf())
        .filter(|p| p.starts_with("devices"))
        .collect();
    out.sort();
    out
}

/// Whether `dst` has `src`'s file `p`: the same, or more of it (a service
/// never puts a half copy over a whole one).
fn has(dst: &Path, src: &Path, p: &Path) -> bool {
    let (theirs, ours) = (
        std::fs::read(dst.join(p)),
        std::fs::read(src.join(p)).unwrap(),
    );
    theirs.is_ok_and(|t| t == ours || (t.len() > ours.len() && t.starts_with(&ours)))
}

impl World {
    async fn new() -> World {
        let a = TempVault::new().await;
        // A few entries every computer has from the start, to disagree on.
        let mut saved = BTreeSet::new();
        for i in 0..3 {
            let t = format!("shared text {i}");
            a.vault.journal().create(&text(&t)).await.unwrap();
            saved.insert(t);
        }
        let root = tempfile::tempdir().unwrap();
        let folders: Vec<PathBuf> = (0..3).map(|i| root.path().join(format!("f{i}"))).collect();
        a.vault.sync().init(&folders[0]).await.unwrap();
        let mut vaults = vec![];
        let mut dirs = vec![root];
        for f in &folders[1..] {
            std::fs::create_dir_all(f).unwrap();
            std::fs::copy(
                folders[0].join("glimmer-sync.json"),
                f.join("glimmer-sync.json"),
            )
            .unwrap();
            let d = tempfile::tempdir().unwrap();
            vaults.push(join(f, d.path(), &pass()).await.unwrap());
            dirs.push(d);
        }
        let TempVault { dir, vault } = a;
        vaults.insert(0, vault);
        World {
            _a: dir,
            _dirs: dirs,
            vaults,
            folders,
            saved,
            replaced: BTreeSet::new(),
            n: 0,
            copies: 0,
        }
    }

    /// The entries a computer has now: live and in the trash, by id.
    async fn entries(&self, c: usize) -> (Vec<String>, Vec<String>) {
        let j = self.vaults[c].journal();
        let live = j
            .list(500, None)
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|e| e.id.to_string())
            .collect();
        let trash = j
            .trash_list()
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.id.to_string())
            .collect();
        (live, trash)
    }

    fn fresh(&mut self) -> String {
        self.n += 1;
        let t = format!("text number {}", self.n);
        self.saved.insert(t.clone());
        t
    }

    async fn run(&mut self, op: &Op) {
        if let Op::Settle = op {
            return self.settle().await;
        }
        match *op {
            Op::Write(c) => {
                let t = self.fresh();
                self.vaults[c].journal().create(&text(&t)).await.unwrap();
            }
            Op::Edit(c, i) => {
                let (live, _) = self.entries(c).await;
                if live.is_empty() {
                    return;
                }
                let id = &live[i % live.len()];
                let before = self.vaults[c].journal().get(id).await.unwrap().body;
                let t = self.fresh();
                let patch = EntryPatch {
                    body: Some(t),
                    ..Default::default()
                };
                self.vaults[c].journal().update(id, &patch).await.unwrap();
                self.replaced.insert(before);
            }
            Op::Trash(c, i) => {
                let (live, _) = self.entries(c).await;
                if !live.is_empty() {
                    self.vaults[c]
                        .journal()
                        .trash(&live[i % live.len()])
                        .await
                        .unwrap();
                }
            }
            Op::Undo(c, i) => {
                let (_, trash) = self.entries(c).await;
                if !trash.is_empty() {
                    self.vaults[c]
                        .journal()
                        .restore(&trash[i % trash.len()])
                        .await
                        .unwrap();
                }
            }
            Op::EmptyTrash(c) => {
                let (_, trash) = self.entries(c).await;
                for id in trash {
                    let body = self.vaults[c].journal().get(&id).await.unwrap().body;
                    self.replaced.insert(body);
                }
                self.vaults[c].journal().empty_trash().await.unwrap();
            }
            Op::Sync(c) => {
                self.copies += self.vaults[c].sync().now().await.unwrap().edited_twice;
            }
            Op::Deliver(from, to, i, how) => self.deliver(from, to, i, how),
            Op::Settle => {}
        }
    }

    /// The sync service: one file of `from`'s folder that `to`'s lacks (or
    /// holds only half of), copied as `how` says.
    fn deliver(&self, from: usize, to: usize, i: usize, how: Delivery) {
        if from == to {
            return;
        }
        let (src, dst) = (&self.folders[from], &self.folders[to]);
        let missing: Vec<PathBuf> = files(src)
            .into_iter()
            .filter(|p| !has(dst, src, p))
            .collect();
        if missing.is_empty() {
            return;
        }
        let rel = &missing[i % missing.len()];
        let bytes = std::fs::read(src.join(rel)).unwrap();
        let target = dst.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let named = |suffix: &str| {
            let name = rel
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".glimmer-batch", suffix);
            target.with_file_name(name)
        };
        match how {
            Delivery::Whole => std::fs::write(&target, &bytes).unwrap(),
            Delivery::Half => std::fs::write(&target, &bytes[..bytes.len() / 2]).unwrap(),
            Delivery::ConflictCopy => {
                std::fs::write(named(" (conflicted copy 2026-01-02).glimmer-batch"), &bytes)
                    .unwrap()
            }
            Delivery::Twice => {
                std::fs::write(&target, &bytes).unwrap();
                std::fs::write(
                    named(".sync-conflict-20260102-101010-ABC.glimmer-batch"),
                    &bytes,
                )
                .unwrap();
            }
        }
    }

    /// Everything delivered whole, and every computer synced until none
    /// writes or reads anything.
    async fn settle(&mut self) {
        for _ in 0..10 {
            for from in 0..3 {
                for to in 0..3 {
                    if from != to {
                        while !self.all_there(from, to) {
                            self.deliver(from, to, 0, Delivery::Whole);
                        }
                    }
                }
            }
            let mut quiet = true;
            for c in 0..3 {
                let r = self.vaults[c].sync().now().await.unwrap();
                self.copies += r.edited_twice;
                quiet &= r.written == 0 && r.batches_read == 0;
                assert_eq!(r.waiting, 0, "everything delivered is readable: {r:?}");
            }
            if quiet {
                return;
            }
        }
        panic!("the computers never settled");
    }

    fn all_there(&self, from: usize, to: usize) -> bool {
        let (src, dst) = (&self.folders[from], &self.folders[to]);
        files(src).iter().all(|p| has(dst, src, p))
    }

    async fn check(&self) -> Result<(), TestCaseError> {
        let dumps = [
            self.vaults[0].sync().dump().await.unwrap(),
            self.vaults[1].sync().dump().await.unwrap(),
            self.vaults[2].sync().dump().await.unwrap(),
        ];
        prop_assert_eq!(&dumps[0], &dumps[1]);
        prop_assert_eq!(&dumps[0], &dumps[2]);
        let mut kept = BTreeSet::new();
        let (live, trash) = self.entries(0).await;
        for id in live.iter().chain(&trash) {
            kept.insert(self.vaults[0].journal().get(id).await.unwrap().body);
        }
        for t in self.saved.difference(&self.replaced) {
            prop_assert!(kept.contains(t), "“{}” was lost", t);
        }
        for v in &self.vaults {
            prop_assert_eq!(v.integrity_check().await.unwrap(), "ok");
        }
        Ok(())
    }

    async fn close(self) {
        for v in self.vaults {
            v.lock().await;
        }
    }
}

#[test]
fn three_computers_end_the_same_whatever_the_sync_service_does() {
    let cases = std::env::var("GLIMMER_SYNC_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let seed = [7u8; 32];
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let copies = std::cell::Cell::new(0);
    runner
        .run(&prop::collection::vec(op(), 5..40), |ops| {
            rt.block_on(async {
                let mut w = World::new().await;
                w.settle().await;
                for op in &ops {
                    w.run(op).await;
                }
                w.settle().await;
                let checked = w.check().await;
                copies.set(copies.get() + w.copies);
                w.close().await;
                checked
            })
        })
        .unwrap();
    assert!(
        copies.get() > 0,
        "no case had two computers edit one entry at once"
    );
}
