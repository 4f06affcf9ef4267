"""Keeps the preview in step with the article: incremental rendering and scroll sync.

Rendering happens in the scheduler's worker thread: ``IncrementalRenderer``
re-renders only the blocks an edit touched, and ``PreviewDocument`` patches
only those blocks into the preview. Everything else a keystroke pays for is
proportional to the edit too: the worker counts words with a ``WordCounter``
and checks hazards with a ``HazardWatch``, and rewrites images only in the
blocks that changed. Opening an article builds its preview in slices
(``PreviewDocument.build``: runs of many blocks, one parse each), so the
window never waits for a whole page; a long one shows its top, rendered on
its own, while the render thread renders the whole.

Scroll sync maps between editor lines and preview blocks through the source
line where each block starts (``BlockUpdate.lines``).
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QTimer, Signal

from editor.core.text_stats import WordCounter
from editor.ui.document import ArticleDocument
from editor.ui.editing.markdown_editor import MarkdownEditor
from editor.ui.preview.document import PreviewDocument
from editor.ui.preview.render_scheduler import RenderScheduler
from editor.ui.preview.view import PreviewPane
from editor.ui.shell.startup import after_first_paint, startup_in_progress

if TYPE_CHECKING:
    # Python-Markdown and Pygments load in the render thread, after the first
    # paint; the page parts and their safety checks (html.parser) with them.
    from editor.core.incremental import BlockUpdate, IncrementalRenderer
    from editor.core.preview_safety import HazardWatch

#: Opening an article this large renders it with the garbage collector paused
#: and then moves its objects out of the collector's reach: a full collection
#: over them held the interpreter lock for 40-100 ms, while opening or typing.
FREEZE_AFTER_CHARS = 500_000
#: Main-thread time one slice of building a preview may take (one run of blocks
#: parsed in one go; the window handles input and paints between slices).
BUILD_SLICE_S = 0.012
#: Opening an article longer than this shows the top of it first, rendered on
#: its own (``TOP_CHARS`` of it), while the whole is rendered.
TOP_FIRST_AFTER_CHARS = 100_000
TOP_CHARS = 6_000
#: A line that opens or closes a fenced code block.
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)

RAW_NOTE = "<p><i>The preview returns when the front matter is valid.</i></p>"


class PreviewController(QObject):
    """Renders the open article into the preview and keeps both panes scrolled together."""

    #: the preview now shows the latest text and fields
    updated = Signal()
    #: word and character counts of the body just rendered (counted in the worker,
    #: recounting only the part an edit touched)
    statsReady = Signal(object)
    #: (HTML of the top of a long article just opened, the load it belongs to)
    _topReady = Signal(str, int)

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
        self._allow_remote_images = False
        # Worker-side state: touched only by ``_render``, one render at a time.
        self._renderer: IncrementalRenderer | None = None  # made by the first render
        self._counter = WordCounter()
        self._hazards: HazardWatch | None = None  # made by the first render
        self._safe_htmls: list[str] = []
        self._fresh = True  # the next render starts a new article
        # Main-thread state.
        self._held = False  # a render waits for the window's first paint
        self._parts_held = False  # so do the title, summary and links above and below
        self._lines: tuple[int, ...] = ()
        self._htmls: tuple[str, ...] = ()
        self._syncing = False
        self._loads = 0  # articles loaded so far
        self._build_timer = QTimer(self)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_step)
        self.scheduler.rendered.connect(self._on_rendered)
        self._topReady.connect(self._on_top)
        document.loaded.connect(self._on_loaded)
        document.bodyChanged.connect(self.request_render)
        document.fieldChanged.connect(lambda _name: self.refresh_page_parts())
        document.rawErrorChanged.connect(self._on_raw_error_changed)
        editor.verticalScrollBar().valueChanged.connect(self._editor_scrolled)
        editor.cursorPositionChanged.connect(self._editor_cursor_moved)
        preview.verticalScrollBar().valueChanged.connect(self._preview_scrolled)
        preview.blockClicked.connect(self._preview_clicked)

    @property
    def full_renders(self) -> int:
        """Renders of the whole body the incremental renderer fell back to, this article."""
        return 0 if self._renderer is None else self._renderer.full_renders

    @property
    def allow_remote_images(self) -> bool:
        return self._allow_remote_images

    @allow_remote_images.setter
    def allow_remote_images(self, allow: bool) -> None:
        if allow != self._allow_remote_images:
            self._allow_remote_images = allow
            self._fresh = True
            self.request_render(immediate=True)

    def idle(self) -> bool:
        """Whether the preview shows the latest text completely (nothing pending)."""
        return not self._held and not self.scheduler.busy and not self.page.building

    def body_html(self) -> str:
        """The body as the preview shows it, joined like ``render_markdown``'s output."""
        return "\n".join(h for h in self._htmls if h).strip()

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
        """The body to render (read from the document's mirror, not from Qt)."""
        if self.document.raw_error is not None:
            return ""
        return self.document.body_text()

    def _render(self, text: str) -> BlockUpdate:
        """Worker thread: one render at a time, so the renderer needs no lock."""
        if self._fresh and len(text) > TOP_FIRST_AFTER_CHARS:
            self._render_top(text)
        if self._fresh and len(text) > FREEZE_AFTER_CHARS:
            # The first render of a long article makes hundreds of thousands of
            # objects that live as long as it is open: collections triggered
            # meanwhile walked them all, holding the interpreter lock for 50 to
            # 100 ms each; afterwards they are moved out of the collector's reach.
            gc.disable()
            try:
                return self._render_text(text)
            finally:
                gc.freeze()
                gc.enable()
        return self._render_text(text)

    def _render_top(self, text: str) -> None:
        """Worker thread: the top of a long article, rendered alone, to show at once.

        The whole render takes seconds; meanwhile the window shows this. It
        can differ from the final page (a link defined further down, footnote
        numbers), which replaces it as soon as it is ready.
        """
        from editor.core.preview_safety import render_hazard
        from editor.core.render import render_markdown

        loads = self._loads
        cut = text.rfind("\n\n", 0, TOP_CHARS)
        top = text[: cut if cut > 0 else TOP_CHARS]
        fences = list(_FENCE.finditer(top))
        if len(fences) % 2:
            top = top[: fences[-1].start()]  # not into a code block left open
        if render_hazard(top) is None:
            self._topReady.emit(self._safe(render_markdown(top)), loads)

    def _on_top(self, html: str, loads: int) -> None:
        if loads == self._loads and not self._htmls and not self.page.building:
            self.page.show_full(html, footer=False)

    def _render_text(self, text: str) -> BlockUpdate:
        # Imported here: Python-Markdown and Pygments load in the render thread.
        from editor.core.incremental import IncrementalRenderer
        from editor.core.preview_safety import HazardWatch

        if self._fresh or self._renderer is None or self._hazards is None:
            self._fresh = False
            self._renderer = IncrementalRenderer()
            self._counter = WordCounter()
            self._hazards = HazardWatch()
            self._safe_htmls = []
            self.scheduler.skip_cost()
        self.statsReady.emit(self._counter.stats(text))
        hazard = self._hazards.check(text)
        if hazard is not None:
            text = "*Preview paused: " + hazard.replace("[", "\\[").replace("'", "") + ".*"
        update = self._renderer.render_blocks(text)
        return self._safe_update(update)

    def _safe(self, html: str) -> str:
        # Sanitized block by block, the same on the incremental and the full path;
        # after the image stand-ins are made, so an image whose address the
        # sanitizer would drop still shows what it was.
        from editor.core.preview_safety import rewrite_images
        from editor.core.sanitize import sanitize_html

        return sanitize_html(rewrite_images(html, allow_remote=self._allow_remote_images))

    def _safe_update(self, update: BlockUpdate) -> BlockUpdate:
        """The update with images the preview must not load replaced, in changed blocks only."""
        inserted = tuple(map(self._safe, update.inserted))
        if update.reset:
            self._safe_htmls = list(inserted)
        else:
            self._safe_htmls[update.first : update.first + update.removed] = inserted
        return replace(update, htmls=tuple(self._safe_htmls), inserted=inserted)

    def _on_rendered(self, update: object, _generation: int) -> None:
        from editor.core.incremental import BlockUpdate  # loaded by the render thread

        if not isinstance(update, BlockUpdate):
            return
        opening = not self._htmls and update.reset
        if opening and len(update.htmls) > 1:
            self.page.build(update.htmls)
            # The top of the page goes in before the window paints again.
            self.page.build_step(BUILD_SLICE_S)
            self._build_timer.start()
        else:
            self.page.apply(update)
        self._lines = update.lines
        self._htmls = update.htmls
        self.updated.emit()

    def _build_step(self) -> None:
        if self.page.build_step(BUILD_SLICE_S):
            self._build_timer.stop()
            if self.document.text_document.characterCount() > FREEZE_AFTER_CHARS:
                gc.freeze()  # the page's segments live as long as the article
            self.updated.emit()

    def _on_raw_error_changed(self, _error: object) -> None:
        # Opening an article announces the state of its front matter just before
        # ``loaded``: rendering on both started a second whole render of the new
        # article when the first had already begun. Wait a turn, and render only
        # if no load came meanwhile (a save that breaks or mends the front matter).
        loads = self._loads

        def render_unless_loaded() -> None:
            if self._loads == loads:
                self._on_loaded()

        QTimer.singleShot(0, self, render_unless_loaded)

    def _on_loaded(self) -> None:
        self._loads += 1
        path = self.document.path
        self.preview.set_base_folder(path.parent if path else None)
        self._fresh = True
        self._lines = ()
        self._htmls = ()
        self.refresh_page_parts(emit=False)
        self.request_render(immediate=True)

    def refresh_page_parts(self, emit: bool = True) -> None:
        """Title and summary above the body and the links below, as readers will see them."""
        if startup_in_progress():
            # They arrive with the body's render, after the article's text is on screen.
            if not self._parts_held:
                self._parts_held = True
                after_first_paint(self._refresh_held_parts)
            return
        self._show_page_parts()
        if emit:
            self.updated.emit()

    def _refresh_held_parts(self) -> None:
        self._parts_held = False
        self._show_page_parts()
        self.updated.emit()

    def _show_page_parts(self) -> None:
        if self.document.raw_error is not None:
            self.page.set_header(RAW_NOTE)
            self.page.set_footer("")
        else:
            from editor.core.page import footer_html, header_html

            article = self.document.article
            self.page.set_header(self._safe(header_html(article)))
            self.page.set_footer(self._safe(footer_html(article)))

    def restyle(self) -> None:
        """Show the page again after a stylesheet change (Qt applies CSS when parsing)."""
        if self._htmls:
            self.page.build(self._htmls)
            self._build_timer.start()
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
