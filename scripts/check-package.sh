#!/usr/bin/env bash
# The packages checked by the conventions' own tools: desktop-file-validate
# on the menu entry, appstreamcli on the metainfo, lintian on the .deb and
# rpmlint on the .rpm; the .deb's Depends against what dpkg-shlibdeps finds
# its programs linked to; the .rpm's files against the .deb's. Each tool's
# whole output is shown. It fails on any error, and on any warning not listed
# below with the reason it stays.
# Installs the tools with apt if missing.
#
#   scripts/check-package.sh DEB [RPM]   (scripts/package.sh --check runs it)
set -euo pipefail
deb=$(realpath "$1")
rpm=${2:+$(realpath "$2")}
root=$(cd "$(dirname "$0")/.." && pwd)

# lintian: no warning is kept. Its informational tags (shown, never failing)
# are: hardening-no-fortify-functions (the C in SQLCipher and OpenSSL is built
# by their crates' own flags, not dpkg-buildflags') and
# spelling-error-in-binary (words inside dependencies' code).
declare -A lintian_kept=()

# rpmlint runs with its upstream defaults (Debian ships no distribution's
# policy) and packaging/linux/rpmlint.toml, which sets the two choices
# upstream leaves to a distribution as Fedora does: gzipped man pages and MIT
# among the valid licences. It filters nothing. Kept, one error and one
# warning:
declare -A rpmlint_kept=(
  [no-signature]="unsigned: each distributor signs with its own key (rpm --addsign), as Fedora's build system does after building, which is why Fedora's rpmlint config filters this error"
  [no-manual-page-for-binary]="a bug of rpmlint 2.4.0 (Debian 12's), which notes each man page's section instead of its name and so finds none (rpmlint issue 918, fixed after 2.4.0 by pull request 943); both programs have one, man1/glimmer.1.gz and man1/glimmer-app.1.gz"
)

tools=(desktop-file-utils appstream lintian dpkg-dev)
[[ -n $rpm ]] && tools+=(rpm rpmlint)
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
  step "the .rpm holds the .deb's files (rpm2cpio)"
  mkdir "$work/rpm"
  (cd "$work/rpm" && rpm2cpio "$rpm" | cpio -idm --quiet)
  # The one path the spec changes: where zsh looks on Fedora and openSUSE.
  mv "$work/rpm/usr/share/zsh/site-functions" "$work/rpm/usr/share/zsh/vendor-completions"
  files() { (cd "$1" && find . -type f -printf '%m %p ' -exec sha256sum {} \; | awk '{print $1, $2, $3}' | sort -k2); }
  if diff <(files "$work/deb") <(files "$work/rpm"); then
    echo "-> the same $(files "$work/deb" | wc -l) files, modes and contents"
  else
    echo "-> the .rpm's files differ from the .deb's (above: < .deb, > .rpm)" >&2
    failed=1
  fi

  step "the .rpm's Requires (rpmbuild's, from what the programs link, and the tray's library)"
  rpm -qp --requires "$rpm"

  step "rpmlint -c packaging/linux/rpmlint.toml"
  judge "$(rpmlint -c "$root/packaging/linux/rpmlint.toml" "$rpm" 2>&1 || true)" \
    rpmlint_kept '^[^:]+: [EW]: ([^ ]+).*'
fi

echo
if [ $failed -ne 0 ]; then
  echo "The packages have errors or warnings no one has explained (above)." >&2
  exit 1
fi
echo "The packages pass every check."
