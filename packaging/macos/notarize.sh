#!/usr/bin/env bash
# Notarize a signed dmg with Apple and staple the ticket, so Gatekeeper opens it offline and
# never calls the app "damaged".
#
#   packaging/macos/notarize.sh packaging/dist/article-editor-<version>-macos-<arch>.dmg
#
# Needs an App Store Connect API key (the release workflow writes it from secrets):
#   APPLE_API_KEY_PATH   path to the AuthKey_XXXX.p8 file
#   APPLE_API_KEY_ID     its key ID
#   APPLE_API_ISSUER     the issuer ID of the team
# The app inside must already be signed with a Developer ID Application certificate and the
# hardened runtime (python packaging/build.py with ARTICLE_EDITOR_CODESIGN_IDENTITY set).
set -euo pipefail

dmg="${1:?usage: notarize.sh DMG}"
: "${APPLE_API_KEY_PATH:?set APPLE_API_KEY_PATH}"
: "${APPLE_API_KEY_ID:?set APPLE_API_KEY_ID}"
: "${APPLE_API_ISSUER:?set APPLE_API_ISSUER}"

xcrun notarytool submit "$dmg" \
    --key "$APPLE_API_KEY_PATH" --key-id "$APPLE_API_KEY_ID" --issuer "$APPLE_API_ISSUER" \
    --wait --timeout 30m
xcrun stapler staple "$dmg"
xcrun stapler validate "$dmg"
spctl --assess --type open --context context:primary-signature --verbose "$dmg"
