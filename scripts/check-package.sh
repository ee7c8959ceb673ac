#!/usr/bin/env bash
# The packages checked by the conventions' own tools: desktop-file-validate
# on the menu entry, appstreamcli on the metainfo, lintian on the .deb and
# rpmlint on the .rpm, and the .deb's Depends against what dpkg-shlibdeps
# finds its programs linked to. Each tool's whole output is shown. It fails on
# any error, and on any warning not listed below with the reason it stays.
# Installs the tools with apt if missing.
#
#   scripts/check-package.sh DEB [RPM]   (scripts/package.sh --check runs it)
set -euo pipefail
deb=$(realpath "$1")
rpm=${2:+$(realpath "$2")}

# lintian: no warning is kept. Its informational tags (shown, never failing)
# are: hardening-no-fortify-functions (the C in SQLCipher and OpenSSL is built
# by their crates' own flags, not dpkg-buildflags') and
# spelling-error-in-binary (words inside dependencies' code).
declare -A lintian_kept=()

# rpmlint runs with its upstream defaults (Debian ships no distribution's
# policy). The .rpm is written by the Tauri bundler (the `rpm` crate), which
# has no setting for the tags below: these are kept, errors included, until
# it does or the .rpm is built by rpmbuild instead.
declare -A rpmlint_kept=(
  [no-signature]="unsigned: a distributor signs with its own key (rpm --addsign)"
  [no-packager-tag]="the bundler sets no Packager tag"
  [no-group-tag]="the bundler sets no Group tag (Fedora dropped Group; rpmlint's upstream default still asks)"
  [no-changelogname-tag]="the bundler writes no %changelog; the release notes are in the metainfo"
  [no-buildhost-tag]="the bundler sets no BuildHost tag"
  [not-listed-as-documentation]="the bundler cannot mark files %doc, so the man pages are plain files"
  [no-documentation]="the same: nothing is marked %doc, though the man pages and licences are there"
  [no-manual-page-for-binary]="the same: rpmlint finds man pages only among %doc files; both programs have one"
  [manpage-not-compressed]="gzip, as Fedora's and openSUSE's brp-compress do; rpmlint's upstream default expects bzip2"
  [invalid-license]="MIT is the SPDX id Fedora requires; rpmlint's upstream default lists no valid licence at all"
)

tools=(desktop-file-utils appstream lintian dpkg-dev)
[[ -n $rpm ]] && tools+=(rpmlint)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/deb"
failed=0

step() { printf '\n== %s\n' "$*"; }

# Prints a tool's whole output, then fails on an error or warning whose tag is
# not kept. $1: the output, $2: the kept list's name, $3: a pattern matching
# an error or warning line, with the tag as its first group.
judge() {
  local output=$1 pattern=$3
  local -n kept=$2
  printf '%s\n' "$output"
  while read -r tag; do
    if [[ -z ${kept[$tag]:-} ]]; then
      echo "-> not explained: $tag" >&2
      failed=1
    else
      echo "-> kept: $tag: ${kept[$tag]}"
    fi
  done < <(sed -nE "s/$pattern/\\1/p" <<<"$output" | sort -u)
}

step "desktop-file-validate"
for f in "$work"/deb/usr/share/applications/*.desktop; do
  desktop-file-validate "$f" && echo "${f#"$work"/deb}: valid" || failed=1
done

step "appstreamcli validate --no-net --pedantic"
appstreamcli validate --no-net --pedantic "$work"/deb/usr/share/metainfo/*.metainfo.xml || failed=1

step "lintian --display-level '>=pedantic'"
judge "$(lintian --display-level '>=pedantic' --tag-display-limit 0 "$deb" 2>&1 || true)" \
  lintian_kept '^[EW]: [^:]+: ([^ ]+).*'

step "Depends covers every library the programs link (dpkg-shlibdeps)"
mkdir -p "$work/shlibs/debian"
printf 'Source: glimmer\n\nPackage: glimmer\nArchitecture: any\n' >"$work/shlibs/debian/control"
needed=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$work"/deb/usr/bin/* 2>/dev/null |
  sed 's/^shlibs:Depends=//' | tr ',' '\n' | awk '{print $1}' | sort -u)
declared=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | awk '{print $1}' | sort -u)
echo "needed: $(echo $needed)"
unlisted=$(comm -23 <(echo "$needed") <(echo "$declared"))
if [[ -n $unlisted ]]; then
  echo "-> not in tauri.conf.json's bundle.linux.deb.depends: $(echo $unlisted)" >&2
  failed=1
else
  echo "-> all declared"
fi

if [[ -n $rpm ]]; then
  step "rpmlint"
  judge "$(rpmlint "$rpm" 2>&1 || true)" rpmlint_kept '^[^:]+: [EW]: ([^ ]+).*'
fi

echo
if [ $failed -ne 0 ]; then
  echo "The packages have errors or warnings no one has explained (above)." >&2
  exit 1
fi
echo "The packages pass every check."
