"""The window's safety net: recovery journal, external-change watch and their banner.

Joins the pieces that keep a writer's text safe to one main window, so the
window itself needs only to create this and tell it when it closed:

- the recovery controller journals the unsaved buffer every few seconds
  (``recovery/interval_seconds`` in the settings, default 3);
- the file watch reports changes, rename-replaces and deletions of the open
  file, and is asked again whenever the window gets focus;
- an unmodified buffer then reloads silently, keeping the cursor; a modified
  one shows the banner (Reload, Keep Mine, Compare); a deleted file shows
  the deleted banner and the buffer counts as unsaved, so closing asks;
- at start the window offers what an earlier session left in the journal.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QMainWindow, QMenu, QPlainTextEdit

from editor.core.errors import ArticleError
from editor.core.recovery import RecoveryEntry, RecoveryJournal
from editor.core.stale_temps import remove_stale_temporary_files
from editor.ui.document import ArticleDocument
from editor.ui.safety.change_banner import ChangeBanner
from editor.ui.safety.compare_dialog import SideBySideDialog
from editor.ui.safety.file_watch import FileWatch
from editor.ui.safety.recovery_controller import DEFAULT_INTERVAL_SECONDS, RecoveryController
from editor.ui.safety.recovery_dialog import RecoveryDialog
from editor.ui.shell.message_bar import MessageBar
from editor.ui.shell.settings import AUTOSAVE_INTERVAL_KEY, AppSettings


class SafetyHost(Protocol):
    """What the safety net needs from the editor window (MainWindow has all of it)."""

    document: ArticleDocument
    settings: AppSettings
    message_bar: MessageBar
    file_menu: QMenu
    close_action: QAction

    @property
    def editor(self) -> QPlainTextEdit:
        """Where the cursor and scroll position are kept across a reload."""
        ...

    def save(self) -> bool: ...

    def save_as(self) -> bool: ...

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when the buffer may be replaced."""
        ...

    def stop_rendering(self) -> None:
        """Stop the preview's render thread (the crash path, which cleans up nothing else)."""
        ...


class SafetyNet(QObject):
    """Recovery and external-change handling for one MainWindow."""

    def __init__(
        self, window: QMainWindow, host: SafetyHost, journal: RecoveryJournal | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        doc = host.document
        seconds = host.settings.int_value(AUTOSAVE_INTERVAL_KEY, round(DEFAULT_INTERVAL_SECONDS))
        self.recovery = RecoveryController(doc, journal, max(1, seconds), parent=self)
        self.watch = FileWatch(self)
        self.banner = ChangeBanner()
        self._insert_banner()
        self.compare_dialog: SideBySideDialog | None = None
        self.recovery_dialog: RecoveryDialog | None = None
        #: the undo index when a deletion marked an unchanged buffer unsaved
        self._dirty_from_deletion: int | None = None

        doc.loaded.connect(self._rewatch)
        doc.saved.connect(self._rewatch)
        self.recovery.restored.connect(lambda _entry: self._rewatch())
        self.recovery.journalFailed.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.watch.changedOnDisk.connect(self._on_changed)
        self.watch.deletedOnDisk.connect(self._on_deleted)
        self.banner.reloadRequested.connect(self.reload_keeping_cursor)
        self.banner.keepMineRequested.connect(self._keep_mine)
        self.banner.compareRequested.connect(self.compare_with_disk)
        self.banner.saveRequested.connect(host.save)
        self.banner.saveAsRequested.connect(host.save_as)
        window.installEventFilter(self)

        self.recover_action = QAction("Recover Unsaved Work…", window)
        self.recover_action.triggered.connect(lambda: self.offer_recovery(report_none=True))
        host.file_menu.insertAction(host.close_action, self.recover_action)
        self._rewatch()

    def _insert_banner(self) -> None:
        """Right under the message bar, above the editor."""
        column = self.host.message_bar.parentWidget()
        layout = column.layout() if column is not None else None
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(layout.indexOf(self.host.message_bar) + 1, self.banner)

    # ------------------------------------------------------------ lifecycle
    def window_closed(self) -> None:
        """The window closed normally: the buffer was saved or knowingly dropped."""
        self.recovery.discard_entry()
        self.recovery.timer.stop()
        self.recovery.release()
        self.watch.stop()

    def simulate_crash(self) -> None:
        """The app's crash path, for tests: vanish without saving or cleaning up.

        The journal is left exactly as the last timer tick wrote it, as after
        a kill; only the render thread is stopped so the process stays sound.
        """
        window = self.window
        self.recovery.abandon()
        self.watch.stop()
        window.removeEventFilter(self)
        self.host.stop_rendering()
        window.hide()
        window.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            self.watch.check_now()
        return False

    # ----------------------------------------------------- external changes
    def _rewatch(self, *_args: object) -> None:
        doc = self.host.document
        self._dirty_from_deletion = None
        self.banner.dismiss()
        self.watch.watch(doc.path, doc.session.fingerprint)
        if doc.path is not None:
            # Hidden leftovers of saves killed long ago (never a save in progress).
            remove_stale_temporary_files(doc.path)

    def _buffer_is_own_edit(self) -> bool:
        """Unsaved edits the writer made (not just the mark a deletion left)."""
        doc = self.host.document
        if not doc.is_modified():
            return False
        return self._dirty_from_deletion != doc.undo_stack.index()

    def _on_changed(self, _path: object) -> None:
        doc = self.host.document
        if self._buffer_is_own_edit():
            self.banner.show_changed(doc.display_name)
            return
        self.reload_keeping_cursor()
        self.window.statusBar().showMessage(
            f"Reloaded {doc.display_name}: it was changed by another program", 6000
        )

    def _on_deleted(self, _path: object) -> None:
        doc = self.host.document
        if not doc.is_modified():
            # The text now exists only here: closing must ask.
            doc.undo_stack.resetClean()
            self._dirty_from_deletion = doc.undo_stack.index()
        self.banner.show_deleted(doc.display_name)

    def reload_keeping_cursor(self) -> None:
        """Read the file again, with the cursor and scroll position where they were."""
        editor = self.host.editor
        position = editor.textCursor().position()
        scroll = editor.verticalScrollBar().value()
        try:
            self.host.document.reload()
        except ArticleError as error:
            self.host.message_bar.show_message(f"Could not reload: {error.message}", "error")
            return
        cursor = editor.textCursor()
        end = self.host.document.text_document.characterCount() - 1
        cursor.setPosition(min(position, max(0, end)))
        editor.setTextCursor(cursor)
        editor.verticalScrollBar().setValue(scroll)

    def _keep_mine(self) -> None:
        self.window.statusBar().showMessage(
            "Keeping your version; saving will ask before overwriting the other change", 6000
        )

    def compare_with_disk(self) -> SideBySideDialog | None:
        """Side by side: the buffer as it would be saved, and the file as it is now."""
        doc = self.host.document
        if doc.path is None:
            return None
        try:
            theirs = doc.session.disk_text()
        except ArticleError as error:
            self.host.message_bar.show_message(f"Could not compare: {error.message}", "error")
            return None
        mine, _metadata, _title = self.recovery.snapshot()
        dialog = SideBySideDialog(
            f"Compare — {doc.display_name}",
            ("Your version (unsaved)", mine),
            ("On disk now", theirs),
            [("Reload (Use the File on Disk)", "reload"), ("Keep Mine", "keep")],
            self.window,
        )
        dialog.choiceMade.connect(self._on_compare_choice)
        self.compare_dialog = dialog
        dialog.open()
        return dialog

    def _on_compare_choice(self, key: str) -> None:
        if key == "reload":
            self.reload_keeping_cursor()
        else:
            self._keep_mine()

    # ------------------------------------------------------------- recovery
    def offer_recovery(self, report_none: bool = False) -> RecoveryDialog | None:
        """Show what earlier sessions left unsaved; None when there is nothing."""
        entries = self.recovery.recoverable_entries()
        for problem in self.recovery.journal.problems:
            self.window.statusBar().showMessage(
                f"A recovery file could not be read: {problem.path.name} {problem.reason}", 8000
            )
        if not entries:
            if report_none:
                self.window.statusBar().showMessage("There is no unsaved work to recover", 4000)
            return None
        dialog = RecoveryDialog(entries, self.window)
        dialog.restoreRequested.connect(self._restore)
        dialog.compareRequested.connect(self._compare_recovered)
        dialog.discardRequested.connect(self._discard)
        self.recovery_dialog = dialog
        dialog.open()
        return dialog

    def _restore(self, entry: RecoveryEntry) -> None:
        if not self.host.maybe_save():
            return
        self.recovery.restore(entry)
        if self.recovery_dialog is not None:
            self.recovery_dialog.remove_entry(entry)
        where = entry.original_path.name if entry.original_path else "a new article"
        self.window.statusBar().showMessage(
            f"Restored unsaved text of {where}; save it to keep it", 8000
        )

    def _discard(self, entry: RecoveryEntry) -> None:
        self.recovery.discard(entry)
        if self.recovery_dialog is not None:
            self.recovery_dialog.remove_entry(entry)

    def _compare_recovered(self, entry: RecoveryEntry) -> SideBySideDialog | None:
        on_disk = self.recovery.disk_text(entry)
        dialog = SideBySideDialog(
            "Compare Recovered Text",
            ("On disk now" if on_disk is not None else "No readable file on disk", on_disk or ""),
            ("Recovered (unsaved)", entry.text),
            [("Restore", "restore"), ("Close", "close")],
            self.window,
        )
        dialog.choiceMade.connect(lambda key: self._restore(entry) if key == "restore" else None)
        self.compare_dialog = dialog
        dialog.open()
        return dialog


def install_safety_net(window: QMainWindow, host: SafetyHost) -> SafetyNet:
    """Give ``window`` recovery and external-change handling (called once, from its __init__)."""
    return SafetyNet(window, host)
