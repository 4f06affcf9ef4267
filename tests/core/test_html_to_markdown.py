"""Rich text pasted from a browser or a word processor becomes markdown that renders back alike."""

from __future__ import annotations

from editor.core.html_to_markdown import html_to_markdown
from editor.core.render import render_markdown


def test_headings_paragraphs_and_emphasis() -> None:
    html = (
        "<h2>Night <em>ferry</em></h2><p>The <b>last</b> boat leaves at "
        "<strong> eleven </strong>, <i>weather permitting</i>.</p>"
    )
    assert html_to_markdown(html) == (
        "## Night *ferry*\n\nThe **last** boat leaves at **eleven** , *weather permitting*.\n"
    )


def test_links_images_and_code() -> None:
    html = (
        '<p>See the <a href="https://example.org/time table" title="Times">timetable</a>, '
        'run <code>ferry --list</code> and look: <img src="pics/boat.png" alt="The [old] boat"></p>'
    )
    assert html_to_markdown(html) == (
        'See the [timetable](https://example.org/time%20table "Times"), run `ferry --list` '
        "and look: ![The old boat](pics/boat.png)\n"
    )


def test_nested_lists_use_four_spaces() -> None:
    html = "<ul><li>Tickets<ul><li>single</li><li>return</li></ul></li><li>Times</li></ul>"
    markdown = html_to_markdown(html)
    assert markdown == "- Tickets\n    - single\n    - return\n- Times\n"
    assert render_markdown(markdown).count("<ul>") == 2


def test_ordered_list_keeps_its_start() -> None:
    assert html_to_markdown("<ol start='4'><li>four<li>five</ol>") == "4. four\n5. five\n"


def test_blockquote_pre_and_rule() -> None:
    html = (
        "<blockquote><p>Mind the gap.</p><p>Twice.</p></blockquote><hr>"
        '<pre><code class="language-python">print("```")\n</code></pre>'
    )
    assert html_to_markdown(html) == (
        '> Mind the gap.\n>\n> Twice.\n\n---\n\n````python\nprint("```")\n````\n'
    )


def test_text_that_looks_like_markdown_is_escaped() -> None:
    html = "<p># not a heading</p><p>1984. A year</p><p>2 * 3 and [brackets] and a_b</p>"
    markdown = html_to_markdown(html)
    assert markdown == "\\# not a heading\n\n1984\\. A year\n\n2 \\* 3 and \\[brackets\\] and a_b\n"
    rendered = render_markdown(markdown)
    assert "<h1" not in rendered and "<ol" not in rendered and "<em>" not in rendered


def test_scripts_styles_and_layout_are_dropped() -> None:
    html = (
        "<html><head><style>p { color: red }</style><title>Page</title></head><body>"
        '<div class="wrap"><div><span style="font-weight:normal">Plain words</span></div>'
        "<script>alert(1)</script></div></body></html>"
    )
    assert html_to_markdown(html) == "Plain words\n"


def test_line_breaks_and_tables() -> None:
    assert html_to_markdown("<p>one<br>two</p>") == "one  \ntwo\n"
    table = "<table><tr><th>Day</th><th>Boats</th></tr><tr><td>Sun</td><td>2|3</td></tr></table>"
    assert html_to_markdown(table) == "| Day | Boats |\n|---|---|\n| Sun | 2\\|3 |\n"
    assert "<table>" in render_markdown(html_to_markdown(table))


def test_unclosed_tags_and_empty_input() -> None:
    assert html_to_markdown("<p>first<p>second") == "first\n\nsecond\n"
    assert html_to_markdown("") == ""
    assert html_to_markdown("<div> </div>") == ""


def test_word_processor_styles() -> None:
    html = (
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p>'
        '<span style="font-weight:700">Strong</span> and '
        '<span style="font-style: italic">slanted</span> words</p></b>'
    )
    assert html_to_markdown(html) == "**Strong** and *slanted* words\n"


def test_paragraphs_inside_an_inline_wrapper_stay_paragraphs() -> None:
    html = '<b style="font-weight:normal"><p>One.</p><br><p>Two.</p></b>'
    assert html_to_markdown(html) == "One.\n\nTwo.\n"
