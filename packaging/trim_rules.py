"""What the frozen editor leaves out of a PyInstaller bundle, shared by the spec and the estimator.

A Widgets-only editor needs QtCore, QtGui, QtWidgets and QtSvg, a platform
plugin, the image formats the preview shows and the SVG icon engine. A stock
PySide6 build also ships QtNetwork with OpenSSL, QML and Quick, OpenGL, the
Wayland and EGL integrations and 100+ translation files: about 50 MB here.
Paths are bundle destinations such as ``PySide6/Qt/plugins/platforms/libqxcb.so``.
"""

from __future__ import annotations

import re
from pathlib import PurePath

#: plugin folder -> plugin base names kept (None keeps the whole folder). Names are matched
#: without prefix and suffix: "qxcb" matches libqxcb.so, qxcb.dll and libqxcb.dylib.
KEEP_PLUGINS: dict[str, set[str] | None] = {
    # xcb for Linux desktops, offscreen for the self-test, minimal as a last resort.
    "platforms": {"qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa"},
    # The XDG portal theme gives native file dialogs and the desktop's light/dark scheme over
    # D-Bus. Not qgtk3: it would load the system's GTK against the GLib copy bundled here.
    "platformthemes": {"qxdgdesktopportal"},
    # Compose key and IBus: typing accented letters and non-Latin scripts.
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    "styles": None,
    # What the preview shows (PNG is built into QtGui); ico for the window icon on Windows.
    "imageformats": {"qjpeg", "qgif", "qsvg", "qwebp", "qico"},
    "iconengines": {"qsvgicon"},
}

#: Qt libraries (and macOS frameworks) that only the dropped plugins or unused modules need.
DROPPED_QT_LIBS = re.compile(
    r"^(lib)?Qt6?(Network|Qml\w*|Quick\w*|OpenGL\w*|Pdf\w*|Sql|Test|Xml|Designer\w*|Help|UiTools|"
    r"Concurrent|PrintSupport|Wayland\w*|WlShell\w*|EglFS\w*|EglFs\w*|VirtualKeyboard\w*|Labs\w*|"
    r"Lottie\w*|ShaderTools|Multimedia\w*|SvgWidgets)\b"
)
#: Windows: the software OpenGL fallback (about 20 MB) and the shader compiler; QtWidgets paints
#: with the raster engine and needs neither.
DROPPED_FILES = {"opengl32sw.dll", "d3dcompiler_47.dll"}
#: OpenSSL: only QtNetwork and Python's ssl/_hashlib link it, and the spec excludes all three.
DROPPED_PREFIXES = ("libssl", "libcrypto")


def plugin_name(filename: str) -> str:
    stem = filename.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_in_bundle(dest: str) -> bool:
    """Whether the file at bundle path ``dest`` stays in the trimmed bundle."""
    parts = PurePath(dest.replace("\\", "/")).parts
    name = parts[-1].lower()
    if name in DROPPED_FILES or name.startswith(DROPPED_PREFIXES):
        return False
    if "PySide6" in parts:
        if "translations" in parts:
            return False
        if "plugins" in parts:
            index = parts.index("plugins")
            folder = parts[index + 1] if len(parts) > index + 2 else ""
            if folder not in KEEP_PLUGINS:
                return False
            names = KEEP_PLUGINS[folder]
            return names is None or plugin_name(parts[-1]) in names
    return not any(DROPPED_QT_LIBS.search(part) for part in parts)
