#!/usr/bin/env bash
# Soak (not in CI): SIGKILLs a writer 100 times at random points, inside saves,
# backups, restores and changes of key, and checks after each kill that the vault is whole and
# that no acknowledged entry is lost. ROUNDS=N for another count.
set -euo pipefail
cd "$(dirname "$0")/.."
GLIMMER_SOAK_ROUNDS="${ROUNDS:-100}" cargo test --release --locked -p glimmer --test crash
