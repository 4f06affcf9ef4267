"""``article-editor --self-test``: prove that this installation of the editor works.

A frozen bundle can start and still be broken: a Qt plugin trimmed too far,
a resource not collected, a Markdown extension loaded by name and missing.
This drives the real window the way a writer would (open a sample article,
wait for the preview, retype the title in the panel, save, reload from disk)
and checks the saved bytes, so a green self-test means the parts a writer
needs are all there. It runs offscreen, in CI and on a user's machine alike.

It must never hang: CI would wait forever on a modal dialog. A watchdog
thread ends the process after a deadline, a timer reports and ends any modal
dialog that appears, and a missing platform plugin or resource is reported
before Qt gets the chance to abort with a less helpful message.

Exit codes: 0 OK, 1 a check failed, 3 Qt platform plugin missing,
4 resource missing, 5 timed out.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_NO_PLATFORM = 3
EXIT_NO_RESOURCE = 4
EXIT_TIMEOUT = 5

#: the whole self-test, start to exit; generous because a cold frozen start on a CI runner is slow
DEFAULT_TIMEOUT_S = 60.0
#: how long one step may wait for the window (preview render, panel edit) to catch up
STEP_TIMEOUT_S = 20.0
#: a sample that exercises title, summary, prev/next, an image and code highlighting
PREFERRED_SAMPLE = "01-harbour-dredging.md"
#: files the window cannot work without; checked first so a broken bundle says which one is gone
REQUIRED_RESOURCES: tuple[tuple[str, ...], ...] = (
    ("samples",),
    ("icons", "article-editor.svg"),
    ("styles", "preview-light.css"),
    ("styles", "preview-dark.css"),
)
TITLE_SUFFIX = " (checked by self-test)"
#: Qt messages that say nothing about the installation (the offscreen platform's own limits)
BENIGN_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


class SelfTestFailure(Exception):
    """A check failed; the message says which and what was seen instead."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


class Reporter:
    """Writes to stdout when there is one, and to ARTICLE_EDITOR_SELF_TEST_LOG when set.

    A windowed Windows executable has no stdout at all, so build scripts and
    CI read the log file instead.
    """

    def __init__(self) -> None:
        self.step = "starting"
        self._lock = threading.Lock()
        log = os.environ.get("ARTICLE_EDITOR_SELF_TEST_LOG")
        self._log_path = Path(log) if log else None

    def say(self, line: str) -> None:
        with self._lock:
            stream = sys.stdout
            if stream is not None:
                try:
                    stream.write(line + "\n")
                    stream.flush()
                except (OSError, ValueError):
                    pass
            if self._log_path is not None:
                try:
                    with self._log_path.open("a", encoding="utf-8") as fh:
                        fh.write(line + "\n")
                except OSError:
                    pass

    def begin(self, step: str) -> None:
        self.step = step
        self.say(f"self-test: {step}")


def _hard_exit(reporter: Reporter, message: str, code: int) -> None:
    """Leave at once, from any thread: nothing may keep a failed self-test alive."""
    reporter.say(f"self-test: FAILED: {message}")
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    finally:
        os._exit(code)


def _start_watchdog(reporter: Reporter, timeout: float) -> threading.Timer:
    def expire() -> None:
        _hard_exit(
            reporter, f"timed out after {timeout:.0f} s during step: {reporter.step}", EXIT_TIMEOUT
        )

    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    timer.start()
    return timer


# --------------------------------------------------------------------------------------------
# Checks that run before Qt starts
# --------------------------------------------------------------------------------------------


def _plugin_dirs() -> list[Path]:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    dirs = [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    dirs.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)))
    dirs += [Path(p) for p in QCoreApplication.libraryPaths()]
    unique: list[Path] = []
    for folder in dirs:
        if folder not in unique:
            unique.append(folder)
    return unique


def _platform_plugins(dirs: list[Path]) -> dict[str, Path]:
    """Platform plugin files by their short name: libqxcb.so -> xcb, qwindows.dll -> windows."""
    found: dict[str, Path] = {}
    for folder in dirs:
        platforms = folder / "platforms"
        if not platforms.is_dir():
            continue
        for file in platforms.iterdir():
            stem = file.name.split(".")[0]
            stem = stem.removeprefix("lib").removeprefix("q")
            found.setdefault(stem, file)
    return found


def check_platform_plugin() -> str:
    """The platform Qt will use; SelfTestFailure naming it when its plugin is not installed.

    Without this, Qt's own failure is a fatal error that aborts the process
    (and on some systems opens a dialog first).
    """
    requested = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if not requested:
        requested = "offscreen"
        os.environ["QT_QPA_PLATFORM"] = requested
    # "wayland;xcb" lists fallbacks; "offscreen:fontengine=..." carries options.
    names = [part.split(":")[0].strip() for part in requested.split(";") if part.strip()]
    dirs = _plugin_dirs()
    available = _platform_plugins(dirs)
    for name in names:
        if any(short == name or short.startswith(name + "-") for short in available):
            return name
    raise SelfTestFailure(
        f"missing Qt platform plugin {requested!r}: not found in "
        f"{', '.join(str(d / 'platforms') for d in dirs) or 'no plugin folder'}; "
        f"available: {', '.join(sorted(available)) or 'none'}",
        EXIT_NO_PLATFORM,
    )


def check_resources() -> Path:
    """The shipped sample library; SelfTestFailure naming the first missing resource."""
    from editor import resources

    try:
        for parts in REQUIRED_RESOURCES:
            resources.resource(*parts)
        return resources.samples_folder()
    except FileNotFoundError as error:
        message = str(error)
        if not message.startswith("missing resource"):
            message = f"missing resource: {message}"
        raise SelfTestFailure(message, EXIT_NO_RESOURCE) from error


def pick_sample(samples: Path) -> Path:
    preferred = samples / PREFERRED_SAMPLE
    if preferred.is_file():
        return preferred
    articles = sorted(samples.glob("*.md"))
    if not articles:
        raise SelfTestFailure(f"missing resource: no sample article (*.md) in {samples}")
    return articles[0]


# --------------------------------------------------------------------------------------------
# Driving the window
# --------------------------------------------------------------------------------------------


def _wait_until(app: Any, condition: Callable[[], bool], what: str) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + STEP_TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestFailure(f"waited {STEP_TIMEOUT_S:.0f} s for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def _attribute(obj: Any, names: tuple[str, ...], what: str) -> Any:
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return value
    raise SelfTestFailure(f"{what}: {type(obj).__name__} has none of {', '.join(names)}")


def find_title_edit(panel: Any) -> Any:
    """The panel's title field: a documented attribute, else a line edit named like one."""
    from PySide6.QtWidgets import QLineEdit

    for name in ("title_edit", "title_line_edit", "titleEdit", "title"):
        value = getattr(panel, name, None)
        if isinstance(value, QLineEdit):
            return value
    for edit in panel.findChildren(QLineEdit):
        if "title" in edit.objectName().lower() and "link" not in edit.objectName().lower():
            return edit
    raise SelfTestFailure(
        "the metadata panel has no title field (title_edit or a 'title' QLineEdit)"
    )


def type_text(widget: Any, text: str) -> None:
    """Replace the widget's text by key events, the way a writer types it."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    widget.selectAll()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        )


def body_marker(body: str) -> str:
    """Text the rendered body must show: the first heading, else the first words."""
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            heading = stripped.lstrip("#").strip()
            if heading:
                return heading
    for line in body.splitlines():
        words = [w.strip("*_`[]()!") for w in line.split()][:3]
        words = [w for w in words if w]
        if words:
            return " ".join(words)
    return ""


def _route_qt_messages(reporter: Reporter) -> None:
    """Qt's warnings go into the report, where a broken bundle's hints (a plugin
    that failed to load, an image format missing) are read along with the result."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtDebugMsg or kind == QtMsgType.QtInfoMsg:
            return
        if any(benign in message for benign in BENIGN_QT_MESSAGES):
            return
        reporter.say(f"self-test: qt: {message}")

    qInstallMessageHandler(handler)


def _guard_modal_dialogs(app: Any, reporter: Reporter) -> Any:
    """A timer that fails the self-test when any modal dialog opens.

    Timers still fire inside a dialog's nested event loop, so this catches a
    dialog that would otherwise wait for a click that never comes.
    """
    from PySide6.QtCore import QTimer

    def check() -> None:
        dialog = app.activeModalWidget()
        if dialog is not None:
            text = getattr(dialog, "text", None)
            detail = text() if callable(text) else ""
            _hard_exit(
                reporter,
                f"a modal dialog opened during step {reporter.step!r}: "
                f"{dialog.windowTitle()!r} {detail!r}",
                EXIT_FAILED,
            )

    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(check)
    timer.start()
    return timer


def changed_lines(before: bytes, after: bytes) -> Iterator[int]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    if len(old) != len(new):
        raise SelfTestFailure(f"saving changed the line count: {len(old)} -> {len(new)}")
    return (i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)


def title_line(data: bytes) -> int:
    for index, line in enumerate(data.splitlines()):
        if line.startswith(b"title:"):
            return index
    raise SelfTestFailure("the sample has no 'title:' line in its front matter")


def _drive(reporter: Reporter, workdir: Path) -> None:
    from editor import load_article

    reporter.begin("checking the Qt platform plugin")
    platform_name = check_platform_plugin()

    reporter.begin("checking resources")
    samples = check_resources()
    shutil.copytree(samples, workdir / "samples")
    sample = pick_sample(workdir / "samples")
    # One article alone (with its images): the others would open as its library,
    # and saving a new title would then ask about updating their link labels.
    for other in (workdir / "samples").glob("*.md"):
        if other != sample:
            other.unlink()
    original_bytes = sample.read_bytes()
    original = load_article(sample)

    reporter.begin(f"starting Qt ({platform_name})")
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    # Settings, recent files and recovery data of the test stay out of the user's own.
    QStandardPaths.setTestModeEnabled(True)
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(workdir / "settings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    _route_qt_messages(reporter)
    app_module = importlib.import_module("editor.ui.shell.app")
    argv = [sys.argv[0] if sys.argv else "article-editor"]
    # The app's own factory, so names, the window icon and its resources are checked too.
    create_application = getattr(app_module, "create_application", None)
    app = QApplication.instance() or (
        create_application(argv) if create_application is not None else QApplication(argv)
    )
    guard = _guard_modal_dialogs(app, reporter)

    reporter.begin(f"opening {sample.name}")
    create_main_window = _attribute(app_module, ("create_main_window",), "editor.ui.shell.app")
    window = create_main_window(str(sample))
    window.show()
    document = _attribute(window, ("document",), "main window")
    preview = _attribute(window, ("preview",), "main window")
    panel = _attribute(window, ("panel",), "main window")

    reporter.begin("waiting for the preview")
    marker = body_marker(original.body)

    def preview_ready() -> bool:
        text = str(preview.toPlainText())
        return original.title in text and marker in text

    _wait_until(app, preview_ready, f"the preview to show {original.title!r} and {marker!r}")

    reporter.begin("editing the title in the panel")
    new_title = original.title + TITLE_SUFFIX
    title_edit = find_title_edit(panel)
    type_text(title_edit, new_title)
    _wait_until(
        app,
        lambda: document.article.title == new_title,
        f"the document's title to become {new_title!r} (it is {document.article.title!r})",
    )

    reporter.begin("saving")
    document.save()
    app.processEvents()

    reporter.begin("reloading from disk")
    reloaded = load_article(sample)
    if reloaded.title != new_title:
        raise SelfTestFailure(f"reloaded title is {reloaded.title!r}, expected {new_title!r}")
    saved_bytes = sample.read_bytes()
    expected = title_line(original_bytes)
    changed = list(changed_lines(original_bytes, saved_bytes))
    if changed != [expected]:
        raise SelfTestFailure(
            f"saving changed lines {[i + 1 for i in changed]}, expected only the title's line "
            f"{expected + 1}"
        )
    for field in ("summary", "prev", "next", "body"):
        if getattr(reloaded, field) != getattr(original, field):
            raise SelfTestFailure(f"saving changed the article's {field}")

    guard.stop()
    window.hide()


def run_self_test() -> int:
    """Entry point of ``article-editor --self-test``; returns the process exit code."""
    reporter = Reporter()
    timeout = float(os.environ.get("ARTICLE_EDITOR_SELF_TEST_TIMEOUT", DEFAULT_TIMEOUT_S))
    watchdog = _start_watchdog(reporter, timeout)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="article-editor-self-test-"))
    try:
        _drive(reporter, workdir)
    except SelfTestFailure as failure:
        reporter.say(f"self-test: FAILED: {failure}")
        return failure.code
    except Exception as error:  # any surprise is a failure to report, not a traceback to lose
        reporter.say(f"self-test: FAILED during step {reporter.step!r}: {error!r}")
        for line in traceback.format_exc().rstrip().splitlines():
            reporter.say(f"    {line}")
        return EXIT_FAILED
    finally:
        watchdog.cancel()
        shutil.rmtree(workdir, ignore_errors=True)
    reporter.say(f"self-test: all checks passed in {time.perf_counter() - started:.2f} s")
    reporter.say("OK")
    return EXIT_OK
