"""The files scripts/package.sh writes from the project's own sources:

  assets.py changelog METAINFO MAINTAINER   Debian's changelog, from the metainfo's release notes
  assets.py rpm-spec TEMPLATE ROOT CONTROL   the .rpm's spec, for the .deb's files (ROOT) and control file
  assets.py about-toml OUT                   cargo-about's config, from deny.toml's licence rules
  assets.py npm-licenses MAPS NODE_MODULES   the licences of the npm packages in the built UI
  assets.py bundle-json STAGE ROOT           the Tauri config adding the staged files to the .deb
"""

import email.utils
import hashlib
import json
import pathlib
import re
import subprocess
import sys
import textwrap
import tomllib
import xml.etree.ElementTree as ET
from datetime import datetime, timezone


def releases(metainfo):
    """The metainfo's <release>s, newest first: each one's version, day (noon
    UTC) and entries. A paragraph is an entry (level 0), a list's items are
    the points under it (level 1)."""
    for release in ET.parse(metainfo).getroot().iter("release"):
        description = release.find("description")
        entries = []
        for element in description if description is not None else []:
            items = [element] if element.tag == "p" else element.findall("li")
            entries += [(" ".join(item.text.split()), int(element.tag != "p")) for item in items]
        day = datetime.fromisoformat(release.get("date")).replace(hour=12, tzinfo=timezone.utc)
        yield release.get("version"), day, entries


def wrapped(entries, bullets, indent):
    """The entries wrapped at 78 columns, each level with its bullet."""
    return "\n".join(
        textwrap.fill(text, 78, initial_indent=bullets[level], subsequent_indent=indent[level])
        for text, level in entries)


def changelog(metainfo, maintainer):
    """Debian's changelog: one stanza per release, as debian/changelog has them."""
    for version, day, entries in releases(metainfo):
        print(f"glimmer ({version}) unstable; urgency=medium\n")
        print(wrapped(entries, ("  * ", "    - "), ("    ", "      ")))
        print(f"\n -- {maintainer}  {email.utils.format_datetime(day)}\n")


def rpm_changelog(metainfo, maintainer, release):
    """rpm's %changelog: one entry per release, its version-release last on
    the heading line, where rpmlint looks for it."""
    for version, day, entries in releases(metainfo):
        # Python leaves LC_TIME alone: the day and month names are English, as rpm reads them.
        yield f"* {day:%a %b %d %Y} {maintainer} - {version}-{release}\n"
        yield wrapped(entries, ("- ", "  - "), ("  ", "    ")) + "\n\n"


def rpm_spec(template, root, control):
    """The .rpm's spec from packaging/linux/glimmer.spec.in: name, version,
    packager, homepage and description from the .deb's control file (the
    Tauri bundler wrote it from Cargo.toml and tauri.conf.json), the licence
    and %changelog from the metainfo the .deb holds (ROOT: its files)."""
    fields, name = {}, None
    for line in pathlib.Path(control).read_text().splitlines():
        if line.startswith(" "):
            fields[name] += "\n" + line
        elif line:
            name, value = line.split(":", 1)
            fields[name] = value.strip()
    summary, _, long = fields["Description"].partition("\n")
    # Debian's long description is indented, a lone "." an empty line.
    description = "\n".join("" if line == " ." else line[1:] for line in long.splitlines())
    metainfo = next(pathlib.Path(root, "usr/share/metainfo").glob("*.metainfo.xml"))
    spec = pathlib.Path(template).read_text()
    for key, value in {
        "NAME": fields["Package"],
        "VERSION": fields["Version"],
        "SUMMARY": summary,
        "LICENSE": ET.parse(metainfo).getroot().findtext("project_license"),
        "URL": fields["Homepage"],
        "PACKAGER": fields["Maintainer"],
        "DESCRIPTION": description,
        "ROOT": root,
    }.items():
        # A "%" in a value would be read as a macro.
        spec = spec.replace(f"@{key}@", value.replace("%", "%%"))
    release = re.search(r"^Release:\s*(\S+)$", spec, re.MULTILINE).group(1)
    notes = "".join(rpm_changelog(metainfo, fields["Maintainer"], release)).replace("%", "%%")
    print(f"{spec}\n%changelog\n{notes.rstrip()}")


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
    """What the bundler adds to the .deb, by absolute path so the config works
    from any folder. The .rpm is made from the .deb's files (rpm_spec)."""
    files = {
        "/usr/bin/glimmer": f"{stage}/bin/glimmer",
        "/usr/share/metainfo/app.glimmer.desktop.metainfo.xml": f"{stage}/app.glimmer.desktop.metainfo.xml",
        "/usr/share/bash-completion/completions/glimmer": f"{stage}/completions/glimmer",
        "/usr/share/zsh/vendor-completions/_glimmer": f"{stage}/completions/_glimmer",
        "/usr/share/fish/vendor_completions.d/glimmer.fish": f"{stage}/completions/glimmer.fish",
        "/usr/share/doc/glimmer/copyright": f"{stage}/copyright",
        "/usr/share/doc/glimmer/changelog.gz": f"{stage}/changelog.gz",
        "/usr/share/doc/glimmer/third-party-licenses.txt": f"{stage}/third-party-licenses.txt",
        # The bundler would file this "@2x" icon as 256x256@2 (a 512 pixel
        # size); it is a plain 256 pixel one.
        "/usr/share/icons/hicolor/256x256/apps/glimmer-app.png": f"{root}/icons/128x128@2x.png",
    }
    for page in sorted(pathlib.Path(stage, "man").iterdir()):
        files[f"/usr/share/man/man1/{page.name}"] = str(page)
    template = f"{root}/packaging/linux/glimmer.desktop.hbs"
    config = {"bundle": {"linux": {"deb": {"desktopTemplate": template, "files": files}}}}
    print(json.dumps(config, indent=2))


if __name__ == "__main__":
    commands = {
        "changelog": changelog,
        "rpm-spec": rpm_spec,
        "about-toml": about_toml,
        "npm-licenses": npm_licenses,
        "bundle-json": bundle_json,
    }
    commands[sys.argv[1]](*sys.argv[2:])
