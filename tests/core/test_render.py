"""The reference markdown render: the extensions the preview and exports rely on."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from editor import render_markdown
from editor.core.render import EXTENSIONS, make_converter


def test_extensions_are_the_documented_ones() -> None:
    assert set(EXTENSIONS) == {"extra", "toc", "sane_lists", "codehilite"}


def test_tables() -> None:
    html = render_markdown("| Port | Depth |\n|------|------:|\n| North | 12 m |\n")
    assert "<table>" in html
    assert "<th>Port</th>" in html
    assert '<td style="text-align: right;">12 m</td>' in html


def test_footnotes() -> None:
    html = render_markdown("The vote was close.[^vote]\n\n[^vote]: Seven to two.\n")
    assert '<sup id="fnref:vote"><a class="footnote-ref" href="#fn:vote">1</a></sup>' in html
    assert '<div class="footnote">' in html
    assert '<li id="fn:vote">' in html
    assert "Seven to two." in html


def test_fenced_code_with_pygments_classes() -> None:
    html = render_markdown("```python\ndef depth(port):\n    return 12\n```\n")
    assert '<div class="codehilite"><pre>' in html
    assert '<span class="k">def</span>' in html
    assert '<span class="nf">depth</span>' in html
    assert "style=" not in html  # classes only; the stylesheet colours them


def test_fenced_code_without_language_is_not_guessed() -> None:
    html = render_markdown("```\nSELECT * FROM ports;\n```\n")
    assert '<div class="codehilite"><pre><span></span><code>SELECT * FROM ports;\n' in html
    assert '<span class="k">' not in html


def test_other_extra_features() -> None:
    html = render_markdown(
        "Dredging\n: Removing silt from a harbour bed.\n\n"
        "The PLA meets today.\n\n*[PLA]: Port Local Authority\n\n"
        "A paragraph with a class\n{: .lead }\n"
    )
    assert "<dl>\n<dt>Dredging</dt>\n<dd>Removing silt from a harbour bed.</dd>\n</dl>" in html
    assert '<abbr title="Port Local Authority">PLA</abbr>' in html
    assert '<p class="lead">A paragraph with a class</p>' in html


def test_toc_gives_headings_unique_ids() -> None:
    html = render_markdown("# Harbour news\n\n## What happens next?\n\n## What happens next?\n")
    assert '<h1 id="harbour-news">Harbour news</h1>' in html
    assert '<h2 id="what-happens-next">What happens next?</h2>' in html
    assert '<h2 id="what-happens-next_1">What happens next?</h2>' in html


def test_sane_lists_keep_list_types_apart() -> None:
    html = render_markdown("1. first\n2. second\n\n* bullet\n* bullet\n\n3. third\n")
    assert html.count("<ol") == 2
    assert html.count("<ul>") == 1
    assert '<ol start="3">' in html


def test_each_render_starts_fresh() -> None:
    text = "# Same heading\n\nNote.[^n]\n\n[^n]: Text.\n"
    first = render_markdown(text)
    assert render_markdown(text) == first  # no "_1" ids or footnotes carried over
    assert render_markdown("Plain.") == "<p>Plain.</p>"


def test_matches_a_fresh_converter_and_is_thread_safe() -> None:
    template = "# Article {0}\n\n| a |\n|---|\n| {0} |\n\nNote.[^n]\n\n[^n]: {0}\n"
    texts = [template.format(i) for i in range(40)]
    expected = [make_converter().convert(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(render_markdown, texts)) == expected
