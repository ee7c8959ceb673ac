#!/usr/bin/env bash
# Sync soak (not in CI): the three-computer property test of tests/core/sync/
# with thousands of cases instead of CI's few: random edits, trash, undo and
# emptying the trash on three vaults, and a sync service that delays,
# reorders, duplicates, half-writes and conflict-copies the files. Seeded, so
# a failure comes back the same. CASES=N for another count.
set -euo pipefail
cd "$(dirname "$0")/.."
GLIMMER_SYNC_CASES="${CASES:-2000}" cargo test --release --locked -p glimmer --test core -- sync::prop --nocapture
