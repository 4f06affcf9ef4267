"""The packaging helpers: what the trim keeps, and the icon files written by hand.

The frozen-build test proves the Linux bundle works; these pin the rules for
the platforms that cannot be built here, where a wrong rule would only show
up on a release runner.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"
sys.path.insert(0, str(PACKAGING))

import estimate_sizes  # noqa: E402
import make_icons  # noqa: E402
from trim_rules import keep_in_bundle  # noqa: E402


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/platforms/qoffscreen.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/plugins/imageformats/qwebp.dll",
        "PySide6/Qt/plugins/imageformats/libqgif.dylib",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/styles/libqmacstyle.dylib",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt6Widgets.dll",
        "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
        "PySide6/QtWidgets.pyd",
        "editor/resources/samples/01-harbour-dredging.md",
    ],
)
def test_what_the_editor_needs_is_kept(dest: str) -> None:
    assert keep_in_bundle(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/translations/qtbase_fr.qm",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt6Network.dll",
        "PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork",
        "PySide6/Qt/lib/QtNetwork.framework/Resources/Info.plist",
        "PySide6/opengl32sw.dll",
        "libcrypto-3-x64.dll",
        "libssl.so.3",
    ],
)
def test_what_the_editor_never_uses_is_dropped(dest: str) -> None:
    assert not keep_in_bundle(dest)


def fake_png(size: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes([size % 256]) * size


def test_ico_directory_points_at_each_png() -> None:
    pngs = {size: fake_png(size) for size in make_icons.ICO_SIZES}
    data = make_icons.ico_bytes(pngs)
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(pngs))
    for index, size in enumerate(sorted(pngs)):
        width, height, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert width == height == (0 if size == 256 else size)
        assert (planes, bits) == (1, 32)
        assert data[offset : offset + length] == pngs[size]


def test_icns_elements_add_up_to_the_file() -> None:
    sizes = {size for _, size in make_icons.ICNS_TYPES}
    data = make_icons.icns_bytes({size: fake_png(size) for size in sizes})
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    position, seen = 8, []
    while position < len(data):
        code, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        assert data[position + 8 : position + 16] == b"\x89PNG\r\n\x1a\n"
        seen.append(code)
        position += length
    assert position == len(data)
    assert seen == [code for code, _ in make_icons.ICNS_TYPES]


def test_thin_keeps_one_architecture_of_a_universal_binary() -> None:
    arm, intel = b"arm64 slice" * 3, b"x86_64 slice" * 2
    header_size = 8 + 2 * 20
    fat = struct.pack(">II", 0xCAFEBABE, 2)
    fat += struct.pack(">iiIII", 0x01000007, 3, header_size, len(intel), 0)
    fat += struct.pack(">iiIII", 0x0100000C, 0, header_size + len(intel), len(arm), 0)
    fat += intel + arm
    assert estimate_sizes.thin(fat, "arm64") == arm
    assert estimate_sizes.thin(fat, "x86_64") == intel
    assert estimate_sizes.thin(b"not a fat file", "arm64") == b"not a fat file"
