#!/usr/bin/env bash
# Desktop benchmarks (numbers for docs/benchmarks.md, never pass/fail):
# cold start to first painted screen and idle memory (PSS of the whole process
# tree) for Glimmer with a 10k-entry vault, beside an empty Tauri 2 window
# built the same way, as it comes and with accelerated compositing off (as
# Glimmer paints); then search latency through IPC in the running app.
#   scripts/bench-desktop.sh [ENTRIES=10000]
#   INSTALLED_APP=/usr/bin/glimmer-app scripts/bench-desktop.sh
#       also measures the app a package installed (scripts/package.sh), in
#       the same run as the built one and the empty window.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-10000}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT

npm --prefix ui run build >/dev/null
cargo build --release -q -p glimmer -p glimmer-app --features glimmer-app/custom-protocol
(cd benches/empty-tauri && cargo build --release -q)
# CARGO_TARGET_DIR, when set, holds both builds.
target=${CARGO_TARGET_DIR:-$PWD/target}
glimmer_app=$target/release/glimmer-app
empty_app=${CARGO_TARGET_DIR:-$PWD/benches/empty-tauri/target}/release/empty-tauri

vault=${BENCH_VAULT:-$target/bench-vault-$entries}
[ -f "$vault/vault.json" ] || "$target/release/glimmer" bench --entries "$entries" --dir "$vault" >/dev/null

Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
export DISPLAY=:77 LIBGL_ALWAYS_SOFTWARE=1 GDK_BACKEND=x11
sleep 1

# The page background (#fbf6ef) at a point inside the window means it painted.
painted() { [ "$(import -window root -crop 1x1+1000+700 -depth 8 txt:- 2>/dev/null | grep -o '#FBF6EF')" = "#FBF6EF" ]; }

pss_tree() { # PSS in MiB of a process and all its descendants
  local pids=$1 all=$1 kids
  while kids=$(pgrep -d, -P "$(echo $pids | tr ' ' ',')" 2>/dev/null) && [ -n "$kids" ]; do
    all="$all ${kids//,/ }"; pids=${kids//,/ }
  done
  for p in $all; do awk '/^Pss:/ {s+=$2} END {print s}' "/proc/$p/smaps_rollup" 2>/dev/null; done |
    awk '{s+=$1} END {printf "%.0f", s/1024}'
}

measure() { # name binary [VAR=VALUE] → prints "name start_ms_p50 start_ms_max pss_mib"
  local name=$1 bin=$2 extra=${3:-BENCH=1} times=() mem=0
  for _ in $(seq "$runs"); do
    local home; home=$(mktemp -d "$work/home.XXXX")
    local t0; t0=$(date +%s%N)
    # Its own session (setsid), so the whole tree can be stopped at once.
    HOME=$home XDG_DATA_HOME=$home/d XDG_CONFIG_HOME=$home/c XDG_CACHE_HOME=$home/k GLIMMER_VAULT=$vault \
      env "$extra" setsid dbus-run-session -- "$bin" >"$home/app.log" 2>&1 & local pid=$!
    # Bounded: an app that dies or never paints ends the run with its log.
    until painted; do
      if ! kill -0 "$pid" 2>/dev/null || (( $(date +%s%N) - t0 > 60000000000 )); then
        cat "$home/app.log" >&2; echo "$name did not paint its window" >&2; exit 1
      fi
      sleep 0.01
    done
    times+=($(( ($(date +%s%N) - t0) / 1000000 )))
    sleep 8 # let it settle to idle
    mem=$(pss_tree "$pid")
    kill -- "-$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    until ! painted; do sleep 0.1; done # the window is gone before the next run
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  echo "$name $(echo "$sorted" | awk '{print $(int((NF+1)/2))}') $(echo "$sorted" | awk '{print $NF}') $mem"
}

echo "| app | cold start to first paint, p50 | max | idle PSS, all processes |"
echo "|---|---|---|---|"
rows=("empty-tauri-window $empty_app"
  "empty-tauri-window,compositing-off $empty_app WEBKIT_DISABLE_COMPOSITING_MODE=1"
  "glimmer($entries-entry-vault) $glimmer_app")
[ -n "${INSTALLED_APP:-}" ] && rows+=("glimmer-installed($entries-entry-vault) $INSTALLED_APP")
for row in "${rows[@]}"; do
  read -r name s50 smax mem < <(measure $row)
  echo "| $name | $s50 ms | $smax ms | $mem MiB |"
done
echo
echo "Search through IPC in the running app ($entries entries):"
GLIMMER_BENCH_VAULT=$vault GLIMMER_APP_BIN=$glimmer_app node ui/e2e/bench-search.mjs
