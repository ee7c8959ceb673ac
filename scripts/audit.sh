#!/usr/bin/env bash
# The dependency audit: cargo-deny checks every crate in Cargo.lock against the
# RustSec advisories in audit/advisory-db/ (a snapshot: CI cannot reach
# GitHub) and against deny.toml's rules for licences, banned crates and
# sources. Installs the pinned cargo-deny first if it is missing.
#
#   scripts/audit.sh                 run the audit
#   scripts/audit.sh refresh REPO    replace the snapshot from a clone (or bare
#                                    copy) of github.com/rustsec/advisory-db
set -euo pipefail
cd "$(dirname "$0")/.."

DENY_VERSION=0.20.2
snapshot=audit/advisory-db

if [ "${1:-}" = refresh ]; then
  src=${2:?usage: scripts/audit.sh refresh PATH-TO-ADVISORY-DB-GIT}
  commit=$(git -C "$src" rev-parse HEAD)
  date=$(git -C "$src" log -1 --format=%cI HEAD)
  rm -rf "$snapshot/crates" "$snapshot/LICENSES"
  git -C "$src" archive HEAD crates LICENSE.txt LICENSES | tar -x -C "$snapshot"
  printf '%s %s\n' "$commit" "$date" > "$snapshot/SNAPSHOT"
  sed -i "s/^Snapshot: commit [0-9a-f]* of [0-9-]*/Snapshot: commit $commit of ${date%%T*}/" "$snapshot/README.md"
  echo "Snapshot now at $commit ($date). Run scripts/audit.sh, then commit $snapshot."
  exit 0
fi

if ! cargo deny --version 2>/dev/null | grep -qx "cargo-deny $DENY_VERSION"; then
  # A build folder of its own, removed after: nothing in it is reused.
  build=$(mktemp -d)
  cargo install --locked cargo-deny --version "$DENY_VERSION" --target-dir "$build"
  rm -rf "$build"
fi

# cargo-deny reads a database only from a git checkout in a folder named after
# its URL (deny.toml's db-urls; the suffix is cargo-deny's hash of that URL),
# and dates it by the checkout's FETCH_HEAD. So the snapshot becomes such a
# checkout, dated the day it was taken, in a temporary folder.
read -r commit date < "$snapshot/SNAPSHOT"
dbs=$(mktemp -d)
trap 'rm -rf "$dbs"' EXIT
db="$dbs/advisory-db-3157b0e258782691"
mkdir -p "$db"
cp -R "$snapshot/crates" "$db/"
git -C "$db" init -q
git -C "$db" add crates
GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
  git -C "$db" -c user.name=audit -c user.email=audit@localhost -c commit.gpgsign=false \
  commit -q -m "rustsec/advisory-db $commit"
touch -d "$date" "$db/.git/FETCH_HEAD"

age=$(( ($(date +%s) - $(date -d "$date" +%s)) / 86400 ))
echo "Advisories as of ${date%%T*} ($age days ago, rustsec/advisory-db ${commit:0:12})."
if [ "$age" -gt 90 ]; then
  echo "The advisory snapshot is over 90 days old: refresh it (see $snapshot/README.md)." >&2
fi

# Crates for every platform in deny.toml must be on disk before the offline check.
cargo fetch --locked --quiet
GLIMMER_ADVISORY_DBS=$dbs cargo deny --offline --locked --color never --workspace check
