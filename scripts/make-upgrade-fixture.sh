#!/usr/bin/env bash
# Makes tests/fixtures/vault-VERSION: a small vault written by the Glimmer
# released as VERSION (built from COMMIT), with a known passphrase and a few
# records of every kind that version's `glimmer` can make, and beside it
# expected.json (the records as that Glimmer reported them) and README.md.
# tests/core/upgrade.rs opens every fixture with today's Glimmer and checks
# each record in expected.json. Run it for each release:
#
#   scripts/make-upgrade-fixture.sh 0.2.0 cadd405
#
# The old Glimmer is built in a worktree of its own (core and CLI only) with
# its own target dir, kept between runs: OLD_TARGET (default
# ../target-old-VERSION beside this checkout). GLIMMER_OLD_BIN=path skips the
# build and uses a `glimmer` already built at COMMIT. Offline: set
# CARGO_NET_OFFLINE=true. Needs git, cargo and jq.
set -euo pipefail

VERSION=${1:?usage: make-upgrade-fixture.sh VERSION COMMIT}
COMMIT=${2:?usage: make-upgrade-fixture.sh VERSION COMMIT}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/tests/fixtures/vault-$VERSION"
# Also in tests/core/upgrade.rs.
PASSPHRASE="an old vault kept for the upgrade test"
COMMIT=$(git -C "$ROOT" rev-parse --verify "$COMMIT^{commit}")

work=$(mktemp -d)
src="$work/src"
cleanup() {
  git -C "$ROOT" worktree remove --force "$src" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
git -C "$ROOT" worktree add --detach --quiet "$src" "$COMMIT"
export CARGO_TARGET_DIR=${OLD_TARGET:-$ROOT/../target-old-$VERSION}

if [[ -n ${GLIMMER_OLD_BIN:-} ]]; then
  BIN=$GLIMMER_OLD_BIN
else
  (cd "$src" && cargo build --quiet -p glimmer --bin glimmer)
  BIN="$CARGO_TARGET_DIR/debug/glimmer"
fi
have_version=$("$BIN" --version)
[[ $have_version == "glimmer $VERSION" ]] || { echo "$BIN is $have_version, not glimmer $VERSION" >&2; exit 1; }

vault="$work/vault"
export GLIMMER_VAULT="$vault" GLIMMER_PASSWORD="$PASSPHRASE"
unset GLIMMER_PASSWORD_FILE GLIMMER_NEW_PASSWORD GLIMMER_RECOVERY_KEY
g() { "$BIN" "$@"; }
# Whether this version's CLI has a subcommand.
has() { "$BIN" --help | grep -qE "^  $1( |$)"; }
records="$work/records"
mkdir -p "$records"
# Keeps a command's JSON answer as records/KIND/NNN.json.
keep() {
  local kind=$1; shift
  mkdir -p "$records/$kind"
  local n; n=$(ls "$records/$kind" | wc -l)
  "$BIN" "$@" --json > "$records/$kind/$(printf %03d "$n").json"
}
today=$(date +%F)

g init --json > /dev/null

# Journal: entries with titles and tags, a glimmer with its intensity, words
# search must still find (accents, a prefix), markdown.
keep entries write --title "The first morning" --tag walk --tag outside \
  "Walked to the river. The cold air on my face, for a second."
keep entries write --glimmer --intensity 3 "The smell of toast, for a second."
keep entries write --tag café --tag "Big Feelings" \
  "# A list
- a **café** on the corner
- numbness, then *not quite*

Ünïcödé and émoji ✦ stay as they were."
keep entries write --glimmer "A robin on the fence; nothing rated."

# Check-ins, one with every field.
keep checkins checkin --mood -1 --intensity 2 --energy 4 --emotion flat --emotion tired \
  --body chest --note "Heavy morning, lighter by noon."
keep checkins checkin --mood 2 --intensity 7
if "$BIN" checkin --help | grep -q "can't tell"; then
  keep checkins checkin --energy 3 --note "Couldn't tell today."
fi

# The PHQ-9 twice (no thoughts of self-harm: item 9 stays 0, so no safety screen waits for a key).
keep phq9 phq9 --answers 1,1,2,1,0,1,1,0,0 --difficulty 1
keep phq9 phq9 --answers 2,2,1,2,1,1,2,1,0

if has crisis; then
  g crisis set --name "Fixture test line" --call "555 0100" --text "555 0101" --emergency "555 0199" > /dev/null
fi

if has plan; then
  keep activities activity add "Water the basil" --area responsibilities --tiny "One glass of water." --minutes 5
  keep plans plan add "Water the basil" --at "$today 08:00" --predict 6 --remind 10
  keep plans plan add "Stretch" --on "$today" --repeat "FREQ=WEEKLY;COUNT=4"
  once=$(jq -r '(.plan // .).id' "$records/plans/000.json")
  weekly=$(jq -r '(.plan // .).id' "$records/plans/001.json")
  keep occurrences plan done "$once@$today" --enjoyment 7 --mastery 5 --intensity 4 --note "Slower than I thought, fine."
  keep occurrences plan skip "$weekly@$today"
fi

if has timer; then
  g timer add --minutes 10 --at "$today 07:30" --name "Sitting by the window" --before 3 --after 5 > /dev/null
  g timer run --minutes 0.05 --no-bell > /dev/null
  g timer log --json > "$records/sessions.json"
fi

# The safety plan: no version's CLI writes one (the app does), so a few lines
# of Rust against that version's core write it, as the app would have.
plan_json='{
  "warning_signs": ["Not answering messages", "Sleeping past noon"],
  "coping_strategies": ["Walk to the river", "Cold water on my wrists"],
  "distractions": ["The library on Elm Street"],
  "people_to_ask": ["Sam 555 0102"],
  "professionals": ["Dr. Rivera 555 0103"],
  "safer_environment": ["Give the pills to Sam to keep"],
  "reasons_for_living": ["My niece", "The sea in winter"],
  "crisis_line": {"country": "Testland", "name": "Fixture test line", "call": "555 0100", "text": "555 0101"}
}'
if grep -q "pub async fn save_safety_plan" "$src/src/vault.rs" 2>/dev/null; then
  save='vault.save_safety_plan(&plan).await.unwrap();'
else
  save='vault.safety().save(&plan).await.unwrap();'
fi
mkdir -p "$src/examples"
cat > "$src/examples/fixture_safety_plan.rs" <<EOF
//! Writes the safety plan in argv[2] (JSON) into the vault at argv[1].
use glimmer::{Credential, Secret, Vault};
#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let plan: glimmer::safety::SafetyPlan =
        serde_json::from_str(&std::fs::read_to_string(&args[2]).unwrap()).unwrap();
    let pass = std::env::var("GLIMMER_PASSWORD").unwrap();
    let vault = Vault::unlock(&args[1], &Credential::Passphrase(Secret::new(pass))).await.unwrap();
    $save
    vault.lock().await;
}
EOF
echo "$plan_json" > "$work/plan.json"
(cd "$src" && cargo run --quiet --example fixture_safety_plan -- "$vault" "$work/plan.json")

# What the vault now holds, as this Glimmer says it: the records it answered
# with when made (each entry read again, as stored), in the fields every later
# version must still give back unchanged.
jq -n \
  --arg version "$VERSION" --arg commit "$COMMIT" --argjson plan "$plan_json" \
  --argjson has_crisis "$(has crisis && echo true || echo false)" \
  --slurpfile entries <(for f in "$records"/entries/*.json; do
      g show "$(jq -r .id "$f")" --json; done) \
  --slurpfile checkins <(cat "$records"/checkins/*.json) \
  --slurpfile phq9 <(cat "$records"/phq9/*.json) \
  --slurpfile activities <(cat "$records"/activities/*.json 2>/dev/null) \
  --slurpfile plans <(cat "$records"/plans/*.json 2>/dev/null) \
  --slurpfile occurrences <(cat "$records"/occurrences/*.json 2>/dev/null) \
  --slurpfile sessions <(cat "$records"/sessions.json 2>/dev/null || echo '[]') '
  {
    version: $version,
    commit: $commit,
    entries: [$entries[] | {id, kind, title, body, tags, intensity}],
    checkins: [$checkins[] | {id, mood, intensity, energy, emotions, body_areas, note}],
    phq9: [$phq9[] | (.assessment // .) | {id, answers, difficulty, total, band}],
    safety_plan: ($plan | del(.crisis_line)),
    crisis_line: (if $has_crisis
      then {name: "Fixture test line", call: "555 0100", text: "555 0101", emergency: "555 0199"}
      else ($plan.crisis_line | {name, call, text}) end),
    activities: [$activities[] | {id, name, area, tiny, minutes}],
    plans: [$plans[] | (.plan // .) | {id, start_day, start_time, tz, rule, predicted, remind_minutes, activity: {id: .activity.id, name: .activity.name}}],
    occurrences: [$occurrences[] | {id, status, predicted, enjoyment, mastery, intensity, note}],
    sessions: [$sessions[][] | {id, name, preset_id, planned_seconds, actual_seconds, completed, manual, intensity_before, intensity_after}]
  }' > "$work/expected.json"

# The fixture: the vault's own files only (no backups, no lock file: today's
# Glimmer makes its own), the WAL folded in by the last command's lock.
rm -rf "$OUT"
mkdir -p "$OUT/vault"
for f in vault.json vault.sqlite crisis.json; do
  [[ -f "$vault/$f" ]] && cp "$vault/$f" "$OUT/vault/"
done
[[ ! -e "$vault/vault.sqlite-wal" || ! -s "$vault/vault.sqlite-wal" ]] || { echo "the WAL was left with data in it" >&2; exit 1; }
cp "$work/expected.json" "$OUT/expected.json"
# As git keeps them; the test copies them out before opening.
chmod 644 "$OUT"/vault/*

count() { jq ".$1 | length" "$OUT/expected.json"; }
cat > "$OUT/README.md" <<EOF
# A vault made by Glimmer $VERSION

Made on $today by \`scripts/make-upgrade-fixture.sh $VERSION ${COMMIT:0:7}\` with
\`glimmer\` built at $COMMIT. Passphrase: \`$PASSPHRASE\`.
\`tests/core/upgrade.rs\` opens a copy with today's Glimmer and checks every
record in \`expected.json\` (what this version answered when each was made).

| what | how many |
|---|---|
| journal entries (2 glimmers; tags, markdown, accents) | $(count entries) |
| check-ins | $(count checkins) |
| PHQ-9 self-checks | $(count phq9) |
| safety plan, every section | 1 |
| crisis line | $(has crisis && echo "in crisis.json" || echo "inside the safety plan (moved beside the vault on upgrade)") |
| own activities | $(count activities) |
| plans (one once, one weekly) | $(count plans) |
| occurrences noted (done, let go) | $(count occurrences) |
| mindful sessions (one by hand, one timed) | $(count sessions) |

\`vault/\` holds the vault's own files only: \`$(cd "$OUT/vault" && echo *)\`.
EOF
du -sh "$OUT"
