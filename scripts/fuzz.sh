#!/usr/bin/env bash
# Fuzzes Glimmer's parsers with cargo-fuzz (not in CI): each target in turn for
# SECONDS_PER_TARGET (600 by default), niced, one job, memory bounded, then a
# table of runs, corpus and crashes. Exits non-zero if any target crashed (a
# panic, a failed check, a timeout or running out of memory); the input is
# kept in fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]
#
# Needs the nightly toolchain and `cargo install cargo-fuzz`. Each corpus
# starts from the repository's fixtures and fuzz/seeds/<target>/, copied in
# at run time, and grows in fuzz/corpus/<target>/ from run to run.
# FUZZ_TARGET_DIR builds elsewhere than fuzz/target; FUZZ_RSS_MB (2048)
# bounds each run's memory.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS_PER_TARGET] [TARGET…]" >&2; exit 2; }
shift $(($# > 0 ? 1 : 0))
all=(daylio daylio_backup jrnl_text jrnl_json glimmer_json dayone vault_json sync_json rrule)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")
rss_mb="${FUZZ_RSS_MB:-2048}"
# Glimmer's code has no unsafe, so no sanitizer (twice the runs); release
# with debug assertions and overflow checks.
target_dir="${FUZZ_TARGET_DIR:-fuzz/target}"
flags=(-O --debug-assertions --sanitizer none --target-dir "$target_dir")
bin="$target_dir/$(rustc +nightly -vV | sed -n 's/^host: //p')/release"

fixtures=tests/fixtures/import
# The files each target's corpus starts from, besides fuzz/seeds/<target>/.
seeds() {
    shopt -s nullglob
    case "$1" in
        daylio) printf '%s\n' "$fixtures"/daylio-*.csv ;;
        jrnl_text) printf '%s\n' "$fixtures"/jrnl-*.txt ;;
        jrnl_json) printf '%s\n' "$fixtures"/jrnl*.json ;;
        dayone) printf '%s\n' "$fixtures"/dayone* ;;
        vault_json) printf '%s\n' tests/fixtures/vault-*/vault/vault.json ;;
    esac
    printf '%s\n' fuzz/seeds/"$1"/*
    shopt -u nullglob
}

declare -A runs rate corpus crashes rss
# Everything is built first and the builds run as they are, so a change
# made while fuzzing changes nothing.
run=()
for t in "${targets[@]}"; do
    if [[ " ${all[*]} " != *" $t "* ]]; then
        echo "no target “$t”; the targets are: ${all[*]}" >&2
        exit 2
    fi
    echo "== $t: building"
    nice -n 19 cargo +nightly fuzz build "${flags[@]}" "$t"
    run+=("$t")
done

mkdir -p fuzz/logs
failed=0
for t in "${run[@]}"; do
    dir="fuzz/corpus/$t"
    mkdir -p "$dir" "fuzz/artifacts/$t"
    while read -r f; do
        if [[ -f "$f" ]]; then cp -n "$f" "$dir/${f//\//_}"; fi
    done < <(seeds "$t")
    if [[ "$t" == rrule ]]; then
        # Every rule the expansion tests compare with python-dateutil.
        n=0
        grep -o '"rule": "[^"]*"' tests/core/fixtures/rrule.json | cut -d'"' -f4 |
            while read -r rule; do
                n=$((n + 1))
                printf '%s' "$rule" >"$dir/fixture-$n"
            done
    fi
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    log="fuzz/logs/$t.log"
    echo "== $t: fuzzing for ${seconds}s (log: $log)"
    status=0
    nice -n 19 "$bin/$t" -artifact_prefix="fuzz/artifacts/$t/" \
        -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -timeout=10 \
        -print_final_stats=1 "$dir" >"$log" 2>&1 || status=$?
    after=$(find "fuzz/artifacts/$t" -type f | wc -l)
    final() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
    runs[$t]="$(final number_of_executed_units)"
    rate[$t]="$(final average_exec_per_sec)"
    rss[$t]="$(final peak_rss_mb)"
    corpus[$t]="$(find "$dir" -type f | wc -l)"
    crashes[$t]=$((after - before))
    if ((status != 0 || after > before)); then
        failed=1
        ((after > before)) || crashes[$t]="exit $status"
        echo "!! $t failed; the end of $log:"
        tail -n 30 "$log"
        echo "!! again with: cargo +nightly fuzz run ${flags[*]} $t fuzz/artifacts/$t/<file>"
    fi
done

echo
printf '%-14s %12s %8s %8s %8s  %s\n' target runs exec/s corpus "rss MB" crashes
for t in "${targets[@]}"; do
    printf '%-14s %12s %8s %8s %8s  %s\n' "$t" "${runs[$t]:--}" "${rate[$t]:--}" \
        "${corpus[$t]:--}" "${rss[$t]:--}" "${crashes[$t]}"
done
exit "$failed"
