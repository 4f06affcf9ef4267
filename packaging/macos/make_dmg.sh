#!/usr/bin/env bash
# Wrap "Article Editor.app" in a compressed .dmg with an Applications link to drag it onto.
#
#   packaging/macos/make_dmg.sh [APP] [OUTPUT.dmg]
#   defaults: packaging/dist/Article Editor.app,
#             packaging/dist/article-editor-<version>-macos-<arch>.dmg
#
# One dmg per architecture (arm64, x86_64), never universal2: PyYAML and others publish no
# universal2 wheels, so each architecture is built on its own runner.
#
# hdiutil fails now and then on CI runners ("Resource busy", "could not access /Volumes/...")
# for reasons outside the build, so creating the image is retried with a growing pause.
# With MACOS_SIGNING_IDENTITY set, the dmg is signed too (see packaging/README.md).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app="${1:-$root/packaging/dist/Article Editor.app}"
if [[ ! -d "$app" ]]; then
    echo "make_dmg.sh: no app bundle at $app (run python packaging/build.py first)" >&2
    exit 1
fi
version="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")"
arch="$(lipo -archs "$app/Contents/MacOS/article-editor" | tr ' ' '+')"
out="${2:-$root/packaging/dist/article-editor-$version-macos-$arch.dmg}"
volume="Article Editor $version"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
# ditto keeps the signatures, symlinks and extended attributes of the bundle intact.
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Applications"
rm -f "$out"

attempt=1
max_attempts=5
until hdiutil create -volname "$volume" -srcfolder "$staging" -fs HFS+ \
        -format ULMO -ov "$out"; do
    if (( attempt >= max_attempts )); then
        echo "make_dmg.sh: hdiutil create failed $max_attempts times" >&2
        exit 1
    fi
    pause=$(( attempt * 10 ))
    echo "make_dmg.sh: hdiutil create failed (attempt $attempt), retrying in ${pause}s" >&2
    sleep "$pause"
    # A half-made image or a volume left mounted by the failed attempt blocks the next one.
    rm -f "$out"
    hdiutil detach "/Volumes/$volume" -force >/dev/null 2>&1 || true
    attempt=$(( attempt + 1 ))
done

if [[ -n "${MACOS_SIGNING_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$out"
fi
hdiutil verify "$out" >/dev/null
echo "$out"
