"""Keeps the preview in step with the article: incremental rendering and scroll sync.

Rendering happens in the scheduler's worker thread: ``IncrementalRenderer``
re-renders only the blocks an edit touched, and ``PreviewDocument`` patches
only those blocks into the preview, so a keystroke in a 2 MB article costs a
few milliseconds instead of a second. Opening a long article shows the whole
render first with one ``setHtml``; the block render takes it over afterwards.

Scroll sync maps between editor lines and preview blocks through the source
line where each block starts (``BlockUpdate.lines``).
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Signal

from editor.core.page import footer_html, header_html
from editor.core.preview_safety import render_hazard, rewrite_images
from editor.core.text_stats import text_stats
from editor.ui.document import ArticleDocument
from editor.ui.editing.markdown_editor import MarkdownEditor
from editor.ui.preview.document import PreviewDocument
from editor.ui.preview.render_scheduler import RenderScheduler
from editor.ui.preview.view import PreviewPane
from editor.ui.shell.startup import after_first_paint, startup_in_progress

if TYPE_CHECKING:
    # Python-Markdown and Pygments load in the render thread, after the first paint.
    from editor.core.incremental import BlockUpdate, IncrementalRenderer

#: Bodies longer than this are shown whole first when opened (one setHtml is
#: faster than inserting thousands of blocks), then taken over block by block.
SHOW_WHOLE_FIRST_CHARS = 50_000
#: After opening an article this large, its objects are moved out of the
#: garbage collector's reach: a full collection over them held the interpreter
#: lock for 40-50 ms in the middle of typing.
FREEZE_AFTER_CHARS = 500_000

RAW_NOTE = "<p><i>The preview returns when the front matter is valid.</i></p>"


class PreviewController(QObject):
    """Renders the open article into the preview and keeps both panes scrolled together."""

    #: the preview now shows the latest text and fields
    updated = Signal()
    #: word and character counts of the body just rendered (counted in the worker:
    #: on a 2 MB article counting takes ~75 ms the typing thread should not pay)
    statsReady = Signal(object)
    _wholeRendered = Signal(str)

    def __init__(
        self,
        document: ArticleDocument,
        preview: PreviewPane,
        editor: MarkdownEditor,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.preview = preview
        self.editor = editor
        self.page = PreviewDocument(preview.document(), preview)
        self.scheduler = RenderScheduler(self._render, parent=self)
        self.sync_scrolling = True
        self.allow_remote_images = False
        self._renderer: IncrementalRenderer | None = None  # made by the first render
        #: (block HTML, remote images allowed) -> cleaned, for the blocks on the page now
        self._cleaned: dict[tuple[str, bool], str] = {}
        self._fresh = True  # the next render starts a new article
        self._held = False  # a render waits for the window's first paint
        self._lines: tuple[int, ...] = ()
        self._body_html = ""
        self._syncing = False
        self.scheduler.rendered.connect(self._on_rendered)
        self._wholeRendered.connect(self._on_whole_rendered)
        document.loaded.connect(self._on_loaded)
        document.bodyChanged.connect(self.request_render)
        document.fieldChanged.connect(lambda _name: self.refresh_page_parts())
        document.rawErrorChanged.connect(lambda _error: self._on_loaded())
        editor.verticalScrollBar().valueChanged.connect(self._editor_scrolled)
        editor.cursorPositionChanged.connect(self._editor_cursor_moved)
        preview.verticalScrollBar().valueChanged.connect(self._preview_scrolled)
        preview.blockClicked.connect(self._preview_clicked)

    # -------------------------------------------------------------- rendering
    def request_render(self, immediate: bool = False) -> None:
        if startup_in_progress():
            # The editor's text goes on screen before the renderer is even imported.
            if not self._held:
                self._held = True
                after_first_paint(self._render_now)
            return
        self.scheduler.request(self._render_source, immediate=immediate)

    def _render_now(self) -> None:
        self._held = False
        self.scheduler.request(self._render_source, immediate=True)

    def _render_source(self) -> str:
        """The body to render, or a note when rendering it would stall the preview."""
        if self.document.raw_error is not None:
            return ""
        return self.document.body_text()

    def _render(self, text: str) -> BlockUpdate:
        """Worker thread: one render at a time, so the renderer needs no lock."""
        from editor.core.incremental import IncrementalRenderer
        from editor.core.render import render_markdown

        self.statsReady.emit(text_stats(text))
        hazard = render_hazard(text)
        if hazard is not None:
            text = "*Preview paused: " + hazard.replace("[", "\\[").replace("'", "") + ".*"
        if self._fresh or self._renderer is None:
            self._fresh = False
            self._renderer = IncrementalRenderer()
            self._cleaned = {}
            if len(text) > SHOW_WHOLE_FIRST_CHARS:
                self._wholeRendered.emit(self._safe(render_markdown(text)))
        return self._cleaned_update(self._renderer.render_blocks(text))

    def _cleaned_update(self, update: BlockUpdate) -> BlockUpdate:
        """Worker thread: every block sanitized, each block's HTML once while it stays.

        Cleaning here, not when the page is patched, keeps a 2 MB article's
        first cleaning (about 0.3 s) off the window's thread; keeping only the
        current blocks' results keeps typing cheap however long the article.
        """
        allow = self.allow_remote_images
        previous = self._cleaned
        current: dict[tuple[str, bool], str] = {}

        def clean(html: str) -> str:
            key = (html, allow)
            done = current.get(key)
            if done is None:
                done = previous.get(key)
                if done is None:
                    done = self._safe(html)
                current[key] = done
            return done

        htmls = tuple(clean(h) for h in update.htmls)
        inserted = tuple(clean(h) for h in update.inserted)
        self._cleaned = current
        return replace(update, htmls=htmls, inserted=inserted)

    def _safe(self, html: str) -> str:
        # Sanitized block by block, the same on the incremental and the full path;
        # after the image stand-ins are made, so an image whose address the
        # sanitizer would drop still shows what it was.
        from editor.core.sanitize import sanitize_html

        return sanitize_html(rewrite_images(html, allow_remote=self.allow_remote_images))

    def _on_whole_rendered(self, html: str) -> None:
        self.page.show_full(html)  # cleaned by the worker

    def _on_rendered(self, update: object, _generation: int) -> None:
        from editor.core.incremental import BlockUpdate  # loaded by the render thread

        if not isinstance(update, BlockUpdate):
            return
        self.page.apply(update)  # cleaned by the worker (_cleaned_update)
        self._lines = update.lines
        self._body_html = "\n".join(h for h in update.htmls if h)
        if update.reset and len(self._body_html) > FREEZE_AFTER_CHARS:
            gc.collect()
            gc.freeze()
        self.updated.emit()

    def _on_loaded(self) -> None:
        path = self.document.path
        self.preview.set_base_folder(path.parent if path else None)
        self._fresh = True
        self._lines = ()
        self.refresh_page_parts(emit=False)
        self.request_render(immediate=True)

    def refresh_page_parts(self, emit: bool = True) -> None:
        """Title and summary above the body and the links below, as readers will see them."""
        if self.document.raw_error is not None:
            self.page.set_header(RAW_NOTE)
            self.page.set_footer("")
        else:
            article = self.document.article
            self.page.set_header(self._safe(header_html(article)))
            self.page.set_footer(self._safe(footer_html(article)))
        if emit:
            self.updated.emit()

    def restyle(self) -> None:
        """Show the page again after a stylesheet change (Qt applies CSS when parsing)."""
        self.page.show_full(self._body_html)
        self.request_render(immediate=True)

    def shutdown(self) -> None:
        self.scheduler.shutdown()

    # ------------------------------------------------------------ scroll sync
    def block_for_line(self, line: int) -> int:
        """The preview block that shows editor line ``line`` (0-based)."""
        return max(0, bisect_right(self._lines, line) - 1)

    def line_for_block(self, index: int) -> int:
        if not self._lines:
            return 0
        return self._lines[min(max(index, 0), len(self._lines) - 1)]

    def _scroll_preview_to_block(self, index: int, only_if_hidden: bool = False) -> None:
        if not self._lines or not self.page.block_count:
            return
        doc = self.preview.document()
        block = doc.findBlock(self.page.position_of_block(index))
        top = int(doc.documentLayout().blockBoundingRect(block).top())
        bar = self.preview.verticalScrollBar()
        if only_if_hidden and bar.value() <= top < bar.value() + self.preview.viewport().height():
            return
        self._syncing = True
        try:
            bar.setValue(max(0, top - 8))
        finally:
            self._syncing = False

    def _editor_scrolled(self) -> None:
        if not self.sync_scrolling or self._syncing or not self.preview.isVisible():
            return
        first_line = self.editor.cursorForPosition(QPoint(0, 0)).blockNumber()
        self._scroll_preview_to_block(self.block_for_line(first_line))

    def _editor_cursor_moved(self) -> None:
        if not self.sync_scrolling or self._syncing or not self.preview.isVisible():
            return
        line = self.editor.textCursor().blockNumber()
        self._scroll_preview_to_block(self.block_for_line(line), only_if_hidden=True)

    def _preview_scrolled(self) -> None:
        if not self.sync_scrolling or self._syncing or not self._lines:
            return
        position = self.preview.cursorForPosition(QPoint(0, 0)).position()
        index = self.page.block_at_position(position)
        if index < 0:
            return
        block = self.editor.document().findBlockByNumber(self.line_for_block(index))
        self._syncing = True
        try:
            self.editor.verticalScrollBar().setValue(block.firstLineNumber())
        finally:
            self._syncing = False

    def _preview_clicked(self, position: int) -> None:
        index = self.page.block_at_position(position)
        if index < 0 or not self._lines:
            return
        self._syncing = True
        try:
            self.editor.go_to_line(self.line_for_block(index) + 1)
        finally:
            self._syncing = False
