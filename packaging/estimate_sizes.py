"""Estimate the Windows and macOS bundle and installer sizes from the PySide6 wheels.

Only Linux can be built here, so the other platforms' numbers are estimates:
the Qt part is read from the real Windows and macOS wheels with the same trim
rules as the spec (trim_rules.py), macOS universal2 binaries are cut to one
architecture's slice as PyInstaller does, and the Python part (interpreter,
standard library, Markdown, Pygments, PyYAML, the editor, its resources) is
taken from the Linux bundle, which is close in size on every platform.
Installer sizes compress the whole as one LZMA stream, as Inno Setup
(lzma2/ultra64, solid) and a ULMO dmg do.

    pip download --no-deps --only-binary :all: --python-version 3.11 --platform win_amd64 \\
        -d wheels/windows "PySide6-Essentials==6.11.2" "shiboken6==6.11.2"
    pip download ... --platform macosx_13_0_arm64 -d wheels/macos ...
    python packaging/build.py
    python packaging/estimate_sizes.py --windows wheels/windows --macos wheels/macos
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import struct
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

from trim_rules import keep_in_bundle

HERE = Path(__file__).resolve().parent
NAME = "article-editor"
LINUX_BUNDLE = HERE / "dist" / NAME

#: the Qt modules the editor imports, and those their libraries link to
MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg")
WINDOWS_LIBS = re.compile(
    r"^(PySide6|shiboken6)/(Qt6(Core|Gui|Widgets|Svg)\.dll|pyside6\.abi3\.dll|shiboken6\.abi3\.dll|"
    r"msvcp140(_1|_2)?\.dll|vcruntime140(_1)?\.dll|Shiboken\.pyd|"
    r"(QtCore|QtGui|QtWidgets|QtSvg)\.pyd)$"
)
MACOS_LIBS = re.compile(
    r"^(PySide6/Qt/lib/Qt(Core|Gui|Widgets|Svg|DBus)\.framework/|"
    r"PySide6/libpyside6\.abi3\.[\d.]+dylib$|shiboken6/libshiboken6\.abi3\.[\d.]+dylib$|"
    r"shiboken6/Shiboken\.abi3\.so$|PySide6/(QtCore|QtGui|QtWidgets|QtSvg)\.abi3\.so$)"
)
CPU_TYPES = {"arm64": 0x0100000C, "x86_64": 0x01000007}


def thin(data: bytes, arch: str) -> bytes:
    """The one-architecture slice of a universal (fat) Mach-O file; other files unchanged."""
    if len(data) < 8 or struct.unpack(">I", data[:4])[0] != 0xCAFEBABE:
        return data
    (count,) = struct.unpack(">I", data[4:8])
    for index in range(count):
        cputype, _sub, offset, size, _align = struct.unpack(
            ">iiIII", data[8 + 20 * index : 28 + 20 * index]
        )
        if cputype == CPU_TYPES[arch]:
            return data[offset : offset + size]
    return data


def qt_files(wheel_dir: Path, platform: str, arch: str) -> Iterator[tuple[str, bytes]]:
    """(bundle path, bytes) of every Qt/PySide file PyInstaller would collect and keep."""
    seen: set[str] = set()
    for wheel in sorted(wheel_dir.glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            for info in archive.infolist():
                name = info.filename
                if name.endswith("/") or ".dist-info/" in name:
                    continue
                is_plugin = "/plugins/" in name
                wanted = WINDOWS_LIBS if platform == "windows" else MACOS_LIBS
                if not (is_plugin or wanted.search(name)):
                    continue
                if not keep_in_bundle(name):
                    continue
                base = name.rsplit("/", 1)[-1].lower()
                if platform == "windows" and base.startswith(("msvcp", "vcruntime")):
                    if base in seen:  # shipped by both wheels, collected once
                        continue
                    seen.add(base)
                data = archive.read(info)
                yield name, thin(data, arch) if platform == "macos" else data


def python_files(bundle: Path) -> Iterator[tuple[str, bytes]]:
    """The Linux bundle minus Qt, PySide6 and the system libraries Windows and macOS do not ship."""
    internal = bundle / "_internal"
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(bundle).as_posix()
        top = path.relative_to(internal).parts[0] if path.is_relative_to(internal) else ""
        if top in ("PySide6", "shiboken6"):
            continue
        if top.startswith("lib") and ".so" in top and not top.startswith("libpython"):
            continue  # X11, xcb, GLib, ICU...: Linux-only system libraries
        yield rel, path.read_bytes()


def estimate(files: list[tuple[str, bytes]]) -> dict[str, float]:
    raw = sum(len(data) for _, data in files)
    compressor = lzma.LZMACompressor(preset=9 | lzma.PRESET_EXTREME)
    packed = sum(len(compressor.compress(data)) for _, data in files) + len(compressor.flush())
    return {"bundle_mb": round(raw / 1e6, 1), "compressed_mb": round(packed / 1e6, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=Path, help="folder with the win_amd64 wheels")
    parser.add_argument("--macos", type=Path, help="folder with the macOS wheels")
    parser.add_argument("--bundle", type=Path, default=LINUX_BUNDLE)
    args = parser.parse_args(argv)
    if not (args.bundle / "_internal").is_dir():
        print(f"estimate_sizes.py: build the Linux bundle first ({args.bundle})", file=sys.stderr)
        return 2
    python_part = list(python_files(args.bundle))
    results: dict[str, dict[str, float]] = {}
    targets = []
    if args.windows:
        targets.append(("windows-x64", args.windows, "windows", "x86_64"))
    if args.macos:
        targets += [(f"macos-{a}", args.macos, "macos", a) for a in ("arm64", "x86_64")]
    for label, wheels, platform, arch in targets:
        qt_part = list(qt_files(wheels, platform, arch))
        extra = []
        if platform == "windows":
            # article-editor-cli.exe: the console twin carries its own copy of the archive.
            extra = [(f"{NAME}-cli.exe", data) for rel, data in python_part if rel == NAME]
        results[label] = estimate(qt_part + python_part + extra)
        results[label]["qt_files"] = len(qt_part)
        print(
            f"{label:14} bundle {results[label]['bundle_mb']:6.1f} MB, "
            f"LZMA-compressed {results[label]['compressed_mb']:5.1f} MB "
            f"({len(qt_part)} Qt files + {len(python_part)} from the Linux bundle's Python part)"
        )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
