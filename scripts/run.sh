#!/usr/bin/env bash
# Builds and starts the Glimmer desktop app. On Debian/Ubuntu it first
# installs the system libraries the app needs (asking for sudo if not root).
# Your vault lives in the platform data folder (GLIMMER_VAULT=DIR to change).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential perl pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev)
if command -v dpkg-query >/dev/null; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system libraries Glimmer needs: ${missing[*]}"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run build
cargo build --release --locked -p glimmer-app --features custom-protocol
exec ./target/release/glimmer-app "$@"
