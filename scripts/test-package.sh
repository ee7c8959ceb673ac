#!/usr/bin/env bash
# The .deb as a person meets it: installed with apt (which must pull every
# library it needs), the app started from the program its menu entry names,
# in a fresh home on a virtual screen, and screenshotted; the installed
# `glimmer` asked its version and used to make a vault; then the package
# purged, and the vault shown to be still there, unchanged.
#
#   scripts/test-package.sh [DEB]   default: the one scripts/package.sh made
#
# Runs as root or through sudo: it installs and removes the package `glimmer`
# (one already installed is removed first; no one's vault is touched, only
# the program). Needs xvfb, x11-utils, dbus and imagemagick (.ci/run
# installs them).
# Writes the screenshot to docs/screenshots/installed.png (SCREENSHOT=FILE to
# change).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
deb=$(realpath "${1:-$(ls "${CARGO_TARGET_DIR:-$root/target}"/package/glimmer_*.deb)}")
screenshot=$(realpath -m "${SCREENSHOT:-$root/docs/screenshots/installed.png}")
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n== %s\n' "$*"; }

work=$(mktemp -d)
home=$work/home
mkdir -p "$home"
xvfb_pid='' app_pid=''
cleanup() {
  [[ -n $app_pid ]] && kill -- "-$app_pid" 2>/dev/null || true
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

version=$(dpkg-deb -f "$deb" Version)
step "installing $(basename "$deb") ($version) with apt"
if dpkg-query -W -f='${Status}' glimmer 2>/dev/null | grep -q "install ok installed"; then
  echo "glimmer $(dpkg-query -W -f='${Version}' glimmer) is installed already: removing it first."
  $sudo apt-get purge -y -qq glimmer
fi
$sudo apt-get install -y --no-install-recommends "$deb"
dpkg-query -W -f='installed: ${Package} ${Version} (${Installed-Size} KiB)\n' glimmer

step "starting the app its menu entry names"
desktop=$(dpkg -L glimmer | grep '^/usr/share/applications/.*\.desktop$')
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
program=$(command -v "${exec_line%% *}")
echo "$desktop: Exec=$exec_line → $program (from package $(dpkg -S "$program" | cut -d: -f1))"

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [[ -s $work/display ]] && break; sleep 0.1; done
[[ -s $work/display ]] || { cat "$work/xvfb.log" >&2; echo "Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$(head -1 "$work/display")"
# A fresh home, as on a first start: no vault, no settings. Its own session
# bus, and its own process group so everything it starts can be stopped.
HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache \
  LIBGL_ALWAYS_SOFTWARE=1 setsid dbus-run-session -- $exec_line >"$work/app.log" 2>&1 &
app_pid=$!
# The first-start screen, painted: the page's background colour near the
# window's corner (the window opens at the top left, 1040x720, as
# scripts/bench-desktop.sh also relies on).
painted() { [ "$(import -window root -crop 1x1+1000+700 -depth 8 txt:- 2>/dev/null | grep -o '#FBF6EF')" = "#FBF6EF" ]; }
for _ in $(seq 300); do painted && break; kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
painted || { cat "$work/app.log" >&2; echo "The installed app did not paint a window." >&2; exit 1; }
sleep 2 # the welcome text and fonts settle
window=$(xwininfo -root -tree | awk '/"Glimmer": \("glimmer-app"/ {print $1; exit}')
mkdir -p "$(dirname "$screenshot")"
import -window "$window" "$screenshot"
colours=$(identify -format %k "$screenshot")
echo "screenshot: $screenshot ($colours colours)"
# A window of text has anti-aliased glyphs: thousands of colours, never a few.
[ "$colours" -gt 500 ] || { echo "The screenshot shows no text." >&2; exit 1; }
kill -- "-$app_pid"; wait "$app_pid" 2>/dev/null || true
app_pid=''

step "the installed glimmer command"
cli=$(command -v glimmer)
echo "$cli: $("$cli" --version)"
[ "$("$cli" --version)" = "glimmer $version" ] || { echo "glimmer --version does not say $version" >&2; exit 1; }
dpkg -L glimmer | grep -E '(/man1/glimmer\.1\.gz|completions/.+|_completions\.d/.+|\.metainfo\.xml)$'
vault=$home/.local/share/glimmer
export HOME=$home XDG_DATA_HOME=$home/.local/share GLIMMER_PASSWORD="a passphrase for the package test"
"$cli" init >/dev/null
"$cli" write "Written with the installed glimmer." >/dev/null
"$cli" list
before=$(cd "$vault" && sha256sum vault.sqlite vault.json)

step "removing the package"
# Purge: remove, and forget the package's configuration too (it has none).
$sudo apt-get purge -y glimmer
if command -v glimmer >/dev/null || [ -e "$program" ]; then
  echo "The programs are still there after removing the package." >&2
  exit 1
fi
echo "glimmer and $program are gone."

step "the vault after the package is gone"
ls -l "$vault"
after=$(cd "$vault" && sha256sum vault.sqlite vault.json)
[ "$before" = "$after" ] || { echo "The vault changed when the package was removed." >&2; exit 1; }
echo "$after"
echo "The vault is still there, unchanged."
