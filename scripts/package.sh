#!/usr/bin/env bash
# Builds Glimmer's Linux packages, a .deb and an .rpm, here and offline: the
# .deb with the Tauri bundler (`@tauri-apps/cli`, in ui/'s devDependencies),
# the .rpm with rpmbuild from the .deb's files, so both hold the same: the
# app, the `glimmer` command, the menu entry, the icons, the AppStream
# metainfo, the man pages, bash/zsh/fish completions, the copyright file and
# the licences of everything compiled in.
#
#   scripts/package.sh           build target/package/glimmer_<version>_<arch>.deb
#                                and glimmer-<version>-1.<arch>.rpm
#   scripts/package.sh --check   the same, then every validator (scripts/check-package.sh)
#   scripts/package.sh --assets  only the files the packages add to the app and
#                                target/package/stage/bundle.json, the Tauri
#                                config that adds them (the release workflow
#                                bundles with it)
#   scripts/package.sh --rpm DEB only the .rpm, from a .deb built already (the
#                                release workflow's)
#
# Needs what scripts/run.sh installs, plus python3 (packaging/linux/assets.py
# writes what is made from the project's sources), rpmbuild (apt package
# `rpm`) and cargo-about (installed, pinned, on first use, like cargo-deny in
# scripts/audit.sh).
# Bundling is only done here: tauri.conf.json keeps `bundle.active` false, so
# `cargo build`, scripts/run.sh and scripts/e2e.sh never bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mode=${1:-build}

ABOUT_VERSION=0.9.3

target=${CARGO_TARGET_DIR:-$root/target}
out=$target/package
stage=$out/stage

# The .rpm: the .deb's files, its control file's name, version, maintainer
# and description, packaged by rpmbuild with packaging/linux/glimmer.spec.in.
# Written as target/package/glimmer-<version>-1.<arch>.rpm, Fedora's name.
rpm_from_deb() {
  local work=$out/rpm
  rm -rf "$work" "$out"/*.rpm
  mkdir -p "$work"
  dpkg-deb -x "$1" "$work/root"
  dpkg-deb -f "$1" >"$work/control"
  python3 packaging/linux/assets.py rpm-spec packaging/linux/glimmer.spec.in "$work/root" "$work/control" \
    >"$work/glimmer.spec"
  rpmbuild -bb --quiet --define "_topdir $work/rpmbuild" --define "_rpmdir $out" \
    --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" "$work/glimmer.spec"
  rm -rf "$work"
}
if [[ $mode == --rpm ]]; then
  rpm_from_deb "$(realpath "${2:?the .deb to make the .rpm from}")"
  ls -l "$out"/*.rpm
  exit 0
fi

rm -rf "$stage"
mkdir -p "$stage"

# From Cargo.toml's [workspace.package]: the one version, the address the
# metainfo's links and screenshots use, and who answers for the packages.
{ read -r version; read -r repository; read -r maintainer; } < <(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json, sys
app = next(p for p in json.load(sys.stdin)["packages"] if p["name"] == "glimmer-app")
print(app["version"], app["repository"], app["authors"][0], sep="\n")')

step() { printf '\n== %s\n' "$*"; }

step "the web UI and the glimmer command"
if [[ ! -f ui/node_modules/.package-lock.json || ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  npm --prefix ui ci --no-audit --no-fund
fi
npm --prefix ui run build
cargo build --release --locked -p glimmer --bin glimmer

# Packages carry stripped programs (Debian policy; lintian checks): the symbols
# and line tables the release profile keeps for backtraces stay in target/.
strip_to() { install -D -m 0755 "$1" "$2" && strip --remove-section=.comment --remove-section=.note "$2"; }
strip_to "$target/release/glimmer" "$stage/bin/glimmer"

step "man pages, completions, metainfo, changelog, licences"
"$stage/bin/glimmer" generate man "$stage/man"
sed "s|@VERSION@|$version|g" packaging/linux/glimmer-app.1 >"$stage/man/glimmer-app.1"
gzip -9n "$stage"/man/*.1
mkdir -p "$stage/completions"
"$stage/bin/glimmer" generate completions bash >"$stage/completions/glimmer"
"$stage/bin/glimmer" generate completions zsh >"$stage/completions/_glimmer"
"$stage/bin/glimmer" generate completions fish >"$stage/completions/glimmer.fish"

# Screenshots are pinned to this version's tag, as software centres ask.
raw=${repository/https:\/\/github.com/https:\/\/raw.githubusercontent.com}/v$version
sed -e "s|@VERSION@|$version|g" -e "s|@REPOSITORY_RAW@|$raw|g" -e "s|@REPOSITORY@|$repository|g" \
  packaging/linux/glimmer.metainfo.xml.in >"$stage/app.glimmer.desktop.metainfo.xml"
# Debian's copyright file: its header, then LICENSE's terms as its format asks
# (indented, "." for an empty line).
{ sed -e "s|@REPOSITORY@|$repository|g" packaging/linux/copyright
  sed -e '1,/^Copyright/d' -e '/./,$!d' -e 's/^$/./' -e 's/^/ /' LICENSE; } >"$stage/copyright"
# Debian's changelog, written from the metainfo's release notes.
python3 packaging/linux/assets.py changelog "$stage/app.glimmer.desktop.metainfo.xml" "$maintainer" |
  gzip -9n >"$stage/changelog.gz"

if ! cargo about --version 2>/dev/null | grep -qx "cargo-about $ABOUT_VERSION"; then
  # A build folder of its own, removed after: nothing in it is reused.
  build=$(mktemp -d)
  cargo install --locked cargo-about --version "$ABOUT_VERSION" --features cli --target-dir "$build"
  rm -rf "$build"
fi
python3 packaging/linux/assets.py about-toml "$stage/about.toml"
# --offline: the licence texts come from the crates' own files, nothing is fetched.
cargo about generate --workspace --locked --offline --fail -c "$stage/about.toml" \
  packaging/linux/licenses.hbs -o "$stage/third-party-licenses.txt"
# The UI's JavaScript is compiled in too: its npm packages are found from the
# source maps of a second build of the same sources.
(cd ui && node_modules/.bin/vite build --sourcemap --outDir "$stage/ui-map" --emptyOutDir >/dev/null)
python3 packaging/linux/assets.py npm-licenses "$stage/ui-map" ui/node_modules >>"$stage/third-party-licenses.txt"
rm -rf "$stage/ui-map"

python3 packaging/linux/assets.py bundle-json "$stage" "$root" >"$stage/bundle.json"
[[ $mode == --assets ]] && { echo "Assets and $stage/bundle.json ready."; exit 0; }

step "the app"
cargo build --release --locked -p glimmer-app --features custom-protocol
# The bundler takes the app from <target dir>/release: it is given a target
# folder of its own holding the stripped copy, so target/release stays as
# cargo left it.
strip_to "$target/release/glimmer-app" "$stage/target/release/glimmer-app"

step "the .deb"
# The bundler reads the app crate's copy of tauri.conf.json (src-tauri/build.rs
# writes it, paths rebased) and adds bundle.json over it.
(cd src-tauri && CARGO_TARGET_DIR="$stage/target" ../ui/node_modules/.bin/tauri bundle \
  --ci --bundles deb --config "$stage/bundle.json")
rm -f "$out"/*.deb
# Debian's own file name, lower case (the bundler uses the product name, "Glimmer").
deb=$out/glimmer_${version}_$(dpkg --print-architecture).deb
cp "$stage"/target/release/bundle/deb/*.deb "$deb"

step "the .rpm (rpmbuild)"
rpm_from_deb "$deb"

step "packages"
ls -l "$out"/*.deb "$out"/*.rpm

if [[ $mode == --check ]]; then
  "$root/scripts/check-package.sh" "$out"/*.deb "$out"/*.rpm
fi
