#!/usr/bin/env bash
# End-to-end tests: the real app on a virtual X display, driven by
# tauri-driver (over WebKitWebDriver) and WebdriverIO from ui/e2e/*.test.mjs.
#
#   scripts/e2e.sh                      build, then run every ui/e2e/*.test.mjs
#   scripts/e2e.sh ui/e2e/smoke.test.mjs   just these files
#
#   GLIMMER_E2E_SKIP_BUILD=1  reuse target/debug/glimmer-app (GLIMMER_APP_BIN overrides)
#   GLIMMER_E2E_KEEP=1        keep each test's temp vault/HOME (and tauri-driver.log)
#   WDIO_LOG_LEVEL=info       chattier WebdriverIO
# Screenshots go to target/e2e/. Needs apt packages webkit2gtk-driver, xvfb, dbus.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v tauri-driver >/dev/null; then
  echo "== installing tauri-driver"
  cargo install tauri-driver --locked
fi

# npm ci only when node_modules is missing or older than the lockfile: it
# wipes node_modules, which would pull the rug from a running vite/vitest.
if [[ ! -f ui/node_modules/.package-lock.json || ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  echo "== npm ci"
  npm --prefix ui ci
fi
if [[ ${GLIMMER_E2E_SKIP_BUILD:-} != 1 ]]; then
  echo "== building the app"
  npm --prefix ui run build
  cargo build -p glimmer-app --features custom-protocol
  # The sync test plays "another computer" with the command line.
  cargo build -p glimmer --bin glimmer
fi
export GLIMMER_APP_BIN="${GLIMMER_APP_BIN:-$PWD/target/debug/glimmer-app}"
[[ -x $GLIMMER_APP_BIN ]] || { echo "no app binary at $GLIMMER_APP_BIN" >&2; exit 1; }

work=$(mktemp -d)
xvfb_pid='' dbus_pid='' tests_pid=''
cleanup() {
  # The tests run in their own process group: sweep it so no app, driver or
  # bus outlives a crashed or interrupted run.
  [[ -n $tests_pid ]] && kill -- "-$tests_pid" 2>/dev/null || true
  [[ -n $dbus_pid ]] && kill "$dbus_pid" 2>/dev/null || true
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== starting Xvfb and a D-Bus session bus"
# -displayfd: Xvfb picks a free display number itself and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [[ -s $work/display ]] && break; sleep 0.1; done
[[ -s $work/display ]] || { cat "$work/xvfb.log" >&2; echo "Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$(head -1 "$work/display")"
# The app never uses this bus: the harness gives each launch a private one
# (single-instance claims a name on it). This one is for anything else run here.
read -r DBUS_SESSION_BUS_ADDRESS dbus_pid < <(dbus-daemon --session --fork --print-address=1 --print-pid=1 | paste -sd' ')
export DBUS_SESSION_BUS_ADDRESS
# No GPU under Xvfb: Mesa's software GL. Screenshots are the X server's copy
# of the window (ImageMagick's `import`), not WebDriver's: see harness.mjs.
export LIBGL_ALWAYS_SOFTWARE=1 GDK_BACKEND=x11
echo "   DISPLAY=$DISPLAY"

echo "== e2e tests"
(($#)) || set -- ui/e2e/
rc=0
setsid node --test --test-concurrency=1 "$@" &
tests_pid=$!
wait "$tests_pid" || rc=$?
exit "$rc"
