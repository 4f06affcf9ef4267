"""The patched preview document must look exactly like ``setHtml`` of the whole page.

After every edit the patched document is compared with a fresh document given
the same page in one ``setHtml``: the same paragraphs, tables and lists, the
same paragraph formats and the same laid-out positions, so patching leaves no
extra spacing anywhere.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextDocument, QTextFrame
from PySide6.QtWidgets import QApplication, QTextBrowser
from pytestqt.qtbot import QtBot

from editor.core.incremental import IncrementalRenderer
from editor.core.render import render_markdown
from editor.ui.preview.document import PreviewDocument

ARTICLE = """- a list to start
- second item

# The harbour reopens

The council voted on *Tuesday* to reopen the [old harbour][h].

| Berth | Ships |
|-------|-------|
| North | 4 |

After the table.

> A quote from the mayor.

```python
ships = 4
```

## Next steps

1. survey
2. dredge

| Only | Table |
|---|---|
| at | end |

[h]: https://example.org/harbour
"""

EDITS = [
    "x",
    "\n",
    "\n\n",
    "# ",
    "- ",
    "1. ",
    "> ",
    "| q | r |\n|---|---|\n| 1 | 2 |\n\n",
    "```\ncode\n```\n",
    "    ",
    "<div>\nraw\n</div>\n\n",
    "![img](pic.png)",
    "\n\n![alone](pic.png)\n\n",
    "\n\n- item\n\n",
    "\n\n<ul><li>raw</li></ul>\n\n",
    "[^1]",
]
HEADERS = [
    "",
    "<h1>Title</h1><div class='summary'><p>Summary</p></div>",
    "<table><tr><td>x</td></tr></table>",
]
FOOTERS = [
    "",
    "<p><a href='a.md'>Previous</a> · <a href='b.md'>Next</a></p>",
    "<ul><li>x</li></ul>",
]


def structure(doc: QTextDocument) -> list[str]:
    """Blocks, tables and lists with their formats and laid-out positions."""
    doc.setTextWidth(500)
    layout = doc.documentLayout()
    out: list[str] = []

    def walk(frame: QTextFrame, depth: int) -> None:
        it = frame.begin()
        while not it.atEnd():
            child = it.currentFrame()
            block = it.currentBlock()
            if child is not None:
                out.append(f"{depth} frame {child.lastPosition() - child.firstPosition()}")
                walk(child, depth + 1)
            elif block.isValid():
                fmt = block.blockFormat()
                text_list = block.textList()
                rect = layout.blockBoundingRect(block)
                out.append(
                    f"{depth} {block.text()!r} h{fmt.headingLevel()} "
                    f"m{fmt.topMargin()},{fmt.bottomMargin()},{fmt.leftMargin()} "
                    f"i{fmt.indent()} nb{fmt.nonBreakableLines()} "
                    f"l{text_list.format().style() if text_list else None} "
                    f"y{rect.y():.0f} h{rect.height():.0f}"
                )
            it += 1

    walk(doc.rootFrame(), 0)
    return out


def assert_like_set_html(preview: PreviewDocument) -> None:
    reference = QTextDocument()
    reference.setDefaultStyleSheet(preview.document().defaultStyleSheet())
    reference.setHtml(preview.html())
    assert preview.document().toPlainText() == reference.toPlainText()
    assert structure(preview.document()) == structure(reference)


@pytest.mark.parametrize("seed", range(4))
def test_patching_matches_set_html(qapp: QApplication, seed: int) -> None:
    rnd = random.Random(seed)
    preview = PreviewDocument(QTextDocument())
    renderer = IncrementalRenderer()
    text = ARTICLE
    preview.apply(renderer.render_blocks(text))
    assert_like_set_html(preview)
    for step in range(60):
        pos = rnd.randrange(len(text) + 1)
        if rnd.random() < 0.6:
            text = text[:pos] + rnd.choice(EDITS) + text[pos:]
        else:
            text = text[:pos] + text[pos + rnd.randrange(1, 12) :]
        preview.apply(renderer.render_blocks(text))
        assert_like_set_html(preview)
        if step % 15 == 0:
            preview.set_header(rnd.choice(HEADERS))
            assert_like_set_html(preview)
            preview.set_footer(rnd.choice(FOOTERS))
            assert_like_set_html(preview)


def test_header_and_footer_are_replaced_independently(qapp: QApplication) -> None:
    preview = PreviewDocument(QTextDocument())
    preview.apply(IncrementalRenderer().render_blocks("Body text.\n\nMore body.\n"))
    preview.set_header("<h1>First title</h1>")
    preview.set_footer("<p>Next: the ferry</p>")
    preview.set_header("<h1>Second title</h1><p>Summary</p>")
    assert_like_set_html(preview)
    text = preview.document().toPlainText()
    assert text.startswith("Second title\nSummary\nBody text.")
    assert text.endswith("More body.\nNext: the ferry")
    preview.set_footer("")
    assert preview.document().toPlainText().endswith("More body.")
    assert_like_set_html(preview)


def test_positions_map_to_blocks_and_back(qapp: QApplication) -> None:
    text = (
        "# Title\n\nFirst paragraph.\n\n[a]: /x\n\n- one\n- two\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nLast.\n"
    )
    update = IncrementalRenderer().render_blocks(text)
    preview = PreviewDocument(QTextDocument())
    preview.set_header("<h1>Header</h1>")
    preview.apply(update)
    preview.set_footer("<p>Footer</p>")
    doc = preview.document()
    for index, html in enumerate(update.htmls):
        if not html:
            continue  # a block of link definitions shows nothing
        position = preview.position_of_block(index)
        assert preview.block_at_position(position) == index
        assert doc.findBlock(position).isValid()
    assert preview.block_at_position(0) == 0
    assert preview.block_at_position(doc.characterCount() - 1) == len(update.htmls) - 1
    assert doc.findBlock(preview.position_of_block(0)).text() == "Title"
    last = len(update.htmls) - 1
    assert doc.findBlock(preview.position_of_block(last)).text() == "Last."


def _top_text(browser: QTextBrowser) -> str:
    layout = browser.document().documentLayout()
    y = browser.verticalScrollBar().value()
    position = layout.hitTest(QPointF(0, y + 1), Qt.HitTestAccuracy.FuzzyHit)
    return browser.document().findBlock(position).text()


def test_scroll_position_kept_when_editing_far_away(qtbot: QtBot) -> None:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.resize(500, 300)
    browser.show()
    qtbot.waitExposed(browser)
    paragraphs = [f"Paragraph {i} about the harbour works and the ferry." for i in range(200)]
    text = "\n\n".join(paragraphs) + "\n"
    renderer = IncrementalRenderer()
    preview = PreviewDocument(browser.document(), browser)
    preview.apply(renderer.render_blocks(text))
    bar = browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    value = bar.value()
    top = _top_text(browser)
    assert value > 0

    # Below the viewport: nothing moves.
    end = text.index("Paragraph 190") + len("Paragraph 190")
    text = text[:end] + " and more" + text[end:]
    preview.apply(renderer.render_blocks(text))
    assert bar.value() == value
    assert _top_text(browser) == top

    # Above the viewport, adding lines: the same paragraph stays at the top.
    start = text.index("Paragraph 3 ")
    text = text[:start] + "# A new heading\n\nA new paragraph.\n\n" + text[start:]
    preview.apply(renderer.render_blocks(text))
    assert bar.value() > value
    assert _top_text(browser) == top
    assert_like_set_html(preview)


@pytest.mark.parametrize("header", HEADERS)
def test_opening_with_one_set_html_then_patching(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """``show_full`` shows the whole render at once; the block render then takes it over."""
    text = ARTICLE + "\n| last | table |\n|---|---|\n| 1 | 2 |\n"
    renderer = IncrementalRenderer()
    opened = PreviewDocument(QTextDocument())
    opened.set_header(header)
    opened.set_footer(FOOTERS[1])
    opened.show_full(render_markdown(text))
    assert_like_set_html(opened)
    assert opened.block_count == 0

    def no_rebuild(htmls: list[str]) -> None:
        pytest.fail("the document shown by show_full was rebuilt instead of taken over")

    monkeypatch.setattr(opened, "_rebuild", no_rebuild)
    opened.apply(renderer.render_blocks(text))
    monkeypatch.undo()
    assert_like_set_html(opened)

    built = PreviewDocument(QTextDocument())
    built.set_header(header)
    built.set_footer(FOOTERS[1])
    built.apply(IncrementalRenderer().render_blocks(text))
    assert [opened.position_of_block(i) for i in range(opened.block_count)] == [
        built.position_of_block(i) for i in range(built.block_count)
    ]
    # Taken over, not rebuilt: edits are patched from here on.
    rnd = random.Random(5)
    for _ in range(20):
        pos = rnd.randrange(len(text) + 1)
        text = text[:pos] + rnd.choice(EDITS) + text[pos:]
        opened.apply(renderer.render_blocks(text))
        assert_like_set_html(opened)


def test_show_full_of_other_text_is_rebuilt(qapp: QApplication) -> None:
    preview = PreviewDocument(QTextDocument())
    preview.show_full(render_markdown("Old text.\n"))
    preview.apply(IncrementalRenderer().render_blocks("# New\n\nText.\n"))
    assert preview.document().toPlainText() == "New\nText."
    assert preview.block_count == 2
    assert_like_set_html(preview)
