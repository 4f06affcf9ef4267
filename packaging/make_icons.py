"""Make the platform icons (.ico, .icns, .png) from the one SVG the app ships.

The SVG in resources/icons is the only source: generated files are never
committed, so the icon cannot drift between platforms. Qt renders the SVG
(it is already a dependency); ICO and ICNS are written by hand because both
formats can hold plain PNG images, which avoids needing Pillow or iconutil.

    python packaging/make_icons.py OUTPUT_DIR
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "article-editor.svg"
NAME = "article-editor"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS type code -> pixel size of the PNG it holds (the @2x codes reuse larger renders).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)


def render_pngs(svg: Path, sizes: set[int]) -> dict[int, bytes]:
    """PNG bytes of the SVG at each size, drawn by Qt with antialiasing."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {svg}")
    pngs: dict[int, bytes] = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    del app
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (read by Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file of PNG elements (the format macOS 10.7+ reads for every size)."""
    body = b""
    for code, size in ICNS_TYPES:
        data = pngs[size]
        body += code + struct.pack(">I", len(data) + 8) + data
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def make_icons(out_dir: Path, svg: Path = SVG) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = set(ICO_SIZES) | {size for _, size in ICNS_TYPES} | set(PNG_SIZES)
    pngs = render_pngs(svg, wanted)
    written = [out_dir / f"{NAME}.ico", out_dir / f"{NAME}.icns", out_dir / f"{NAME}.png"]
    written[0].write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    written[1].write_bytes(icns_bytes(pngs))
    written[2].write_bytes(pngs[256])
    for size in PNG_SIZES:  # hicolor theme sizes for a Linux .desktop install
        path = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    for path in make_icons(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
