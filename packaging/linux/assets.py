"""The files scripts/package.sh writes from the project's own sources:

  assets.py changelog METAINFO MAINTAINER   Debian's changelog, from the metainfo's release notes
  assets.py about-toml OUT                   cargo-about's config, from deny.toml's licence rules
  assets.py npm-licenses MAPS NODE_MODULES   the licences of the npm packages in the built UI
  assets.py bundle-json STAGE ROOT           the Tauri config adding the staged files to the packages
"""

import email.utils
import hashlib
import json
import pathlib
import subprocess
import sys
import textwrap
import tomllib
import xml.etree.ElementTree as ET
from datetime import datetime, timezone


def changelog(metainfo, maintainer):
    """One stanza per <release>, newest first, as debian/changelog has them."""
    for release in ET.parse(metainfo).getroot().iter("release"):
        version = release.get("version")
        print(f"glimmer ({version}) unstable; urgency=medium\n")
        description = release.find("description")
        # A paragraph is an entry, a list's items are the points under it.
        for element in description if description is not None else []:
            if element.tag == "p":
                entries = [(element.text, "  * ", "    ")]
            else:
                entries = [(item.text, "    - ", "      ") for item in element.findall("li")]
            for text, first, rest in entries:
                print(textwrap.fill(" ".join(text.split()), 78, initial_indent=first, subsequent_indent=rest))
        day = datetime.fromisoformat(release.get("date")).replace(hour=12, tzinfo=timezone.utc)
        print(f"\n -- {maintainer}  {email.utils.format_datetime(day)}\n")


def about_toml(out):
    """cargo-about accepts exactly what deny.toml allows (scripts/audit.sh
    holds every crate to it), so the two lists cannot drift."""
    deny = tomllib.loads(pathlib.Path("deny.toml").read_text())["licenses"]
    lines = [
        f"accepted = {json.dumps(deny['allow'])}",
        # What the Linux programs are built from, tests left out. Build
        # dependencies stay in: SQLCipher's and OpenSSL's C sources come in as
        # build dependencies (sqlcipher-src, openssl-src) and end up in the binary.
        'targets = ["x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu"]',
        "ignore-dev-dependencies = true",
    ]
    for exception in deny.get("exceptions", []):
        lines += [f"[{exception['crate']}]", f"accepted = {json.dumps(exception['allow'])}"]
    # openssl-src's Rust code is MIT or Apache-2.0, but what it compiles into
    # Glimmer is OpenSSL 3, which is Apache-2.0 only: its own licence file
    # says so. cargo-about takes a file's word only with its checksum.
    metadata = json.loads(subprocess.run(
        ["cargo", "metadata", "--locked", "--format-version", "1"],
        check=True, capture_output=True, text=True).stdout)
    openssl = next(p for p in metadata["packages"] if p["name"] == "openssl-src")
    license_file = pathlib.Path(openssl["manifest_path"]).parent / "openssl/LICENSE.txt"
    lines += [
        "[openssl-src.clarify]",
        'license = "Apache-2.0"',
        "[[openssl-src.clarify.files]]",
        'path = "openssl/LICENSE.txt"',
        f'checksum = "{hashlib.sha256(license_file.read_bytes()).hexdigest()}"',
    ]
    pathlib.Path(out).write_text("\n".join(lines) + "\n")


def npm_licenses(maps, node_modules):
    """Every npm package whose code is in the built UI, found from the source
    maps of a build: its name, version, licence and licence text."""
    packages = set()
    for source_map in pathlib.Path(maps).rglob("*.map"):
        for source in json.loads(source_map.read_text())["sources"]:
            if "node_modules/" in source:
                parts = source.rsplit("node_modules/", 1)[1].split("/")
                packages.add("/".join(parts[:2]) if parts[0].startswith("@") else parts[0])
    print("\n" + "=" * 78)
    print("JavaScript packages compiled into the app's window")
    for name in sorted(packages):
        folder = pathlib.Path(node_modules) / name
        manifest = json.loads((folder / "package.json").read_text())
        texts = sorted(p for p in folder.iterdir() if p.name.upper().startswith(("LICENSE", "LICENCE")))
        if not texts:
            sys.exit(f"{name} has no licence file: read its terms and add them by hand")
        print("\n" + "-" * 78)
        print(f"{name} {manifest['version']} ({manifest['license']})\n")
        for text in texts:
            print(text.read_text().strip() + "\n")


def bundle_json(stage, root):
    """What the bundler adds to the app, by absolute path so the config works
    from any folder. Debian and Fedora differ in where zsh finds completions
    and where the copyright and licence go."""
    common = {
        "/usr/bin/glimmer": f"{stage}/bin/glimmer",
        "/usr/share/metainfo/app.glimmer.desktop.metainfo.xml": f"{stage}/app.glimmer.desktop.metainfo.xml",
        "/usr/share/bash-completion/completions/glimmer": f"{stage}/completions/glimmer",
        "/usr/share/fish/vendor_completions.d/glimmer.fish": f"{stage}/completions/glimmer.fish",
        "/usr/share/doc/glimmer/third-party-licenses.txt": f"{stage}/third-party-licenses.txt",
        # The bundler would file this "@2x" icon as 256x256@2 (a 512 pixel
        # size); it is a plain 256 pixel one.
        "/usr/share/icons/hicolor/256x256/apps/glimmer-app.png": f"{root}/icons/128x128@2x.png",
    }
    for page in sorted(pathlib.Path(stage, "man").iterdir()):
        common[f"/usr/share/man/man1/{page.name}"] = str(page)
    template = f"{root}/packaging/linux/glimmer.desktop.hbs"
    deb = {
        "/usr/share/zsh/vendor-completions/_glimmer": f"{stage}/completions/_glimmer",
        "/usr/share/doc/glimmer/copyright": f"{stage}/copyright",
        "/usr/share/doc/glimmer/changelog.gz": f"{stage}/changelog.gz",
    }
    rpm = {
        "/usr/share/zsh/site-functions/_glimmer": f"{stage}/completions/_glimmer",
        "/usr/share/licenses/glimmer/LICENSE": f"{root}/LICENSE",
    }
    config = {
        "bundle": {
            "linux": {
                "deb": {"desktopTemplate": template, "files": common | deb},
                "rpm": {"desktopTemplate": template, "files": common | rpm},
            }
        }
    }
    print(json.dumps(config, indent=2))


if __name__ == "__main__":
    commands = {
        "changelog": changelog,
        "about-toml": about_toml,
        "npm-licenses": npm_licenses,
        "bundle-json": bundle_json,
    }
    commands[sys.argv[1]](*sys.argv[2:])
