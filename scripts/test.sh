#!/usr/bin/env bash
# The whole test suite, in the order a failure is cheapest to find: the UI's
# checks, formatting, the dependency audit, TypeScript bindings drift, lints,
# every Rust test (unit, integration, CLI, crash safety, shell commands), then
# the app end to end under Xvfb. This is the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

step() { printf '\n== %s\n' "$*"; }

step "UI: install, type-check, unit tests, build"
npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build

step "cargo fmt --check"
cargo fmt --all -- --check

step "dependency audit: advisories, licences, banned crates, sources"
./scripts/audit.sh

step "TypeScript bindings are up to date with the Rust types"
cargo test --locked -p glimmer --features ts --lib export_bindings -q
if ! git diff --quiet -- ui/src/lib/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/lib/bindings)" ]; then
  git status --short -- ui/src/lib/bindings
  echo "ui/src/lib/bindings drifted from the Rust types: commit the regenerated files." >&2
  exit 1
fi

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "cargo test"
cargo test --locked --workspace

step "end to end: the built app under Xvfb"
./scripts/e2e.sh
