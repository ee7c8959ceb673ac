#!/usr/bin/env bash
# The whole test suite: formatting, lints, then every test (unit, integration,
# CLI end to end, crash safety). This is the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy (all targets, warnings are errors)"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked --workspace
