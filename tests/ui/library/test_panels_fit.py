"""The library panels at the window's default size: everything in view, nothing cut off."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QTabBar
from pytestqt.qtbot import QtBot

from editor.ui.library.sidebar import FILE_ROLE
from editor.ui.shell.main_window import MainWindow
from tests.core.libhelp import write_article

Factory = Callable[..., MainWindow]

LONG = "Harbour authority publishes the full timetable for the dredging of the eastern basin"


def five_part_series(folder: Path) -> Path:
    """A series of five with long titles; the last one's next link leads nowhere."""
    titles = [f"{LONG}, part {n}" for n in range(1, 6)]
    for n in range(5):
        prev = (titles[n - 1], f"part-{n}.md") if n else None
        nxt = (titles[n + 1], f"part-{n + 2}.md") if n < 4 else ("Part six", "part-6.md")
        write_article(folder, f"part-{n + 1}.md", titles[n], prev=prev, next=nxt)
    return folder


def _library_window(make_window: Factory, qtbot: QtBot, folder: Path) -> MainWindow:
    window = make_window(folder)
    library = window.library_ui
    qtbot.waitUntil(lambda: len(getattr(library.chain, "boxes", {})) == 5, timeout=10000)
    qtbot.waitUntil(lambda: library.chain.viewport().height() >= library.chain.content_height())
    # The scroll bars follow the new height on a later layout pass; on a busy machine that
    # pass can come after the height check above.
    qtbot.waitUntil(
        lambda: (
            not library.chain.verticalScrollBar().isVisible()
            and not library.chain.horizontalScrollBar().isVisible()
        ),
        timeout=5000,
    )
    return window


def test_chain_shows_every_box_arrow_and_marker_at_the_default_size(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = _library_window(make_window, qtbot, five_part_series(tmp_path / "lib"))
    chain = window.library_ui.chain
    viewport = chain.viewport().rect()
    assert not chain.horizontalScrollBar().isVisible()
    assert not chain.verticalScrollBar().isVisible()
    assert chain.stubs, "the broken next link has its 'missing' marker"
    shown = [*chain.boxes.values(), *chain.stubs]
    for item in shown:
        rect = chain.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert viewport.contains(rect), (item.toolTip(), rect, viewport)
    for item in chain.scene().items():
        rect = chain.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert viewport.adjusted(-1, -1, 1, 1).contains(rect), rect
    # The picture is drawn at full size: the text in the boxes is not shrunk.
    assert chain.transform().m11() == 1.0
    # A long series wraps to the panel's width instead of running off to the right.
    ys = {round(box.pos().y()) for box in chain.boxes.values()}
    assert len(ys) > 1


def test_chain_zooms_with_ctrl_wheel_and_follows_the_open_article(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = five_part_series(tmp_path / "lib")
    window = _library_window(make_window, qtbot, folder)
    chain = window.library_ui.chain
    before = chain.transform().m11()
    centre = QPointF(chain.viewport().rect().center())
    event = QWheelEvent(
        centre,
        chain.viewport().mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(chain.viewport(), event)
    assert chain.transform().m11() > before
    window.open_path(folder / "part-4.md")
    box = chain.boxes[str(folder / "part-4.md")]
    assert box.isSelected()
    rect = chain.mapFromScene(box.sceneBoundingRect()).boundingRect()
    assert chain.viewport().rect().intersects(rect)


def test_sidebar_rows_show_title_then_file_without_a_horizontal_scrollbar(
    make_window: Factory, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = five_part_series(tmp_path / "lib")
    window = _library_window(make_window, qtbot, folder)
    sidebar = window.library_ui.sidebar
    view = sidebar.view
    qtbot.waitUntil(lambda: sidebar.model.rowCount() == 5)
    assert not view.horizontalScrollBar().isVisible()
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    index = sidebar.model.index(0, 0)
    rect: QRect = view.visualRect(index)
    assert rect.width() <= view.viewport().width()
    metrics = view.fontMetrics()
    assert rect.height() >= 2 * metrics.height(), "two lines: the title, then file and badges"
    assert index.data(FILE_ROLE) == "part-1.md"
    assert LONG in str(index.data(Qt.ItemDataRole.ToolTipRole)).split("\n")[0]


def test_folder_launch_shows_the_library_tab_even_when_listed_before_the_window(
    qtbot: QtBot, tmp_path: Path, unsaved_answers: object
) -> None:
    from editor.ui.shell.app import create_application, create_main_window

    folder = five_part_series(tmp_path / "lib")
    create_application()
    window = create_main_window(folder)
    try:
        window.library_ui.controller.wait()
        qtbot.waitUntil(lambda: window.library_ui.controller.library is not None)
        qtbot.wait(50)  # the library is listed while the window is not on screen yet
        window.show()
        qtbot.waitExposed(window)
        dock = window.library_ui.sidebar_dock

        def library_tab_current() -> bool:
            for bar in window.findChildren(QTabBar):
                texts = [bar.tabText(i) for i in range(bar.count())]
                if "Library" in texts:
                    return bar.currentIndex() == texts.index("Library")
            return False

        qtbot.waitUntil(library_tab_current)
        assert not dock.visibleRegion().isEmpty()
    finally:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        qtbot.wait(1)
