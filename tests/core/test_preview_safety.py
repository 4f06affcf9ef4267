"""The preview's address rules: nothing fetched, no script or file: links, placeholders shown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.preview_safety import (
    MAX_BRACKETS_PER_PARAGRAPH,
    MAX_PARAGRAPH_CHARS,
    PLACEHOLDER_CLASS,
    HazardWatch,
    classify_url,
    placeholder_html,
    render_hazard,
    rewrite_images,
)
from editor.core.render import render_markdown

LINKS = {
    "#section": "local",
    "": "local",
    "other-article.md": "local",
    "../drafts/next.md#top": "local",
    "/home/writer/notes.md": "local",
    "C:\\Users\\writer\\notes.md": "local",
    "https://example.org/page": "remote",
    "HTTP://EXAMPLE.ORG": "remote",
    "ftp://files.example.org/a.txt": "remote",
    "//example.org/protocol-relative": "remote",
    "\\\\server\\share\\a.md": "remote",
    "mailto:editor@example.org": "remote",
    "javascript:alert(1)": "blocked",
    "JavaScript:alert(1)": "blocked",
    " javascript:alert(1)": "blocked",
    "java\tscript:alert(1)": "blocked",
    "java\nscript:alert(1)": "blocked",
    "\x01javascript:alert(1)": "blocked",
    "vbscript:msgbox": "blocked",
    "file:///etc/passwd": "blocked",
    "FILE:///home/writer/a.md": "blocked",
    "file://server/share/a.md": "remote",
    "data:text/html,<script>alert(1)</script>": "blocked",
    "data:image/png;base64,AAAA": "blocked",
    "tel:+441234": "blocked",
    "about:blank": "blocked",
    "qrc:/icons/app.png": "blocked",
}

IMAGES = {
    "photo.jpg": "local",
    "images/harbour.png": "local",
    "/srv/site/images/a.png": "local",
    "file:///srv/site/images/a.png": "local",
    "file://localhost/srv/a.png": "local",
    "file://nas/share/a.png": "remote",
    "data:image/png;base64,iVBORw0KGgo=": "local",
    "DATA:IMAGE/SVG+XML,<svg/>": "local",
    "data:text/html;base64,PHNjcmlwdD4=": "blocked",
    "data:,plain": "blocked",
    "https://tracker.example.com/pixel.gif": "remote",
    "http://example.org/a.png": "remote",
    "ftp://example.org/a.png": "remote",
    "ftps://example.org/a.png": "remote",
    "//cdn.example.org/a.png": "remote",
    "javascript:alert(1)": "blocked",
    "mailto:a@example.org": "blocked",
}


@pytest.mark.parametrize(("url", "kind"), list(LINKS.items()))
def test_links(url: str, kind: str) -> None:
    assert classify_url(url) == kind


@pytest.mark.parametrize(("url", "kind"), list(IMAGES.items()))
def test_images(url: str, kind: str) -> None:
    assert classify_url(url, image=True) == kind


def test_markdown_remote_image_becomes_a_placeholder_with_its_address() -> None:
    html = render_markdown(
        "Local ![boat](boat.png) and remote ![the pier](https://example.org/pier.jpg?s=1&t=2).\n"
    )
    out = rewrite_images(html)
    assert 'src="boat.png"' in out
    assert "pier.jpg" not in out.split(PLACEHOLDER_CLASS)[0]
    assert "<img" in out and out.count("<img") == 1
    assert PLACEHOLDER_CLASS in out
    assert "the pier: remote image not loaded" in out
    assert 'href="https://example.org/pier.jpg?s=1&amp;t=2"' in out
    assert ">https://example.org/pier.jpg?s=1&amp;t=2</a>" in out


def test_allowing_remote_images_for_the_session_keeps_them() -> None:
    html = render_markdown("![pier](https://example.org/pier.jpg)\n")
    assert rewrite_images(html, allow_remote=True) == html


@pytest.mark.parametrize(
    "raw",
    [
        '<IMG SRC="https://example.org/a.png">',
        "<img src=https://example.org/a.png>",
        "<img alt='x > y' src='https://example.org/a.png'>",
        '<img\nsrc="https://example.org/a.png"\n/>',
        '<img src="&#104;ttps://example.org/a.png">',
        '<img src=" https://example.org/a.png">',
        '<img src="//example.org/a.png">',
    ],
)
def test_raw_html_remote_images_are_caught_however_written(raw: str) -> None:
    html = render_markdown(f"Before\n\n{raw}\n\nAfter\n")
    out = rewrite_images(html)
    assert "<img" not in out.lower()
    assert PLACEHOLDER_CLASS in out
    assert "example.org/a.png" in out


def test_blocked_image_addresses_are_shown_as_text_not_links() -> None:
    out = rewrite_images('<p><img src="javascript:alert(1)" alt="x"></p>')
    assert "<img" not in out
    assert "<a " not in out
    assert "<code>javascript:alert(1)</code>" in out
    assert "image address blocked" in out


def test_alt_text_and_address_cannot_inject_markup() -> None:
    out = placeholder_html('https://e.org/"><script>x</script>', "<b>bold</b>", "remote")
    assert "<script>" not in out
    assert "<b>" not in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out


def test_very_long_addresses_are_shortened_in_the_text_only() -> None:
    address = "https://example.org/" + "a" * 500
    out = placeholder_html(address, "", "remote")
    assert f'href="{address}"' in out
    assert "…</a>" in out


def test_html_without_images_is_returned_as_is() -> None:
    html = "<p>No pictures, only <code>&lt;img src=http://x&gt;</code> as code.</p>"
    assert rewrite_images(html) is html


def test_code_that_shows_an_img_tag_is_left_alone() -> None:
    html = render_markdown("`<img src='https://example.org/a.png'>`\n")
    assert rewrite_images(html) == html


def test_render_hazard_flags_only_absurd_bracket_runs() -> None:
    assert render_hazard("A paragraph with [a link](x.md) and [another](y.md).\n" * 50) is None
    many_links = "\n\n".join("See [one](a.md) and [two](b.md)." for _ in range(2000))
    assert render_hazard(many_links) is None  # many paragraphs, few brackets each
    hostile = "Intro.\n\nSecond paragraph.\n\n" + "[" * (MAX_BRACKETS_PER_PARAGRAPH + 1) + "\n"
    reason = render_hazard(hostile)
    assert reason is not None
    assert "line 5" in reason
    assert "1,501" in reason


def test_render_hazard_flags_deep_nesting_and_huge_paragraphs() -> None:
    markers = render_hazard("Intro.\n\n" + "- " * 100_000 + "item\n")
    assert markers is not None and "line 3" in markers and "64 levels" in markers
    stairs = "".join("    " * depth + "- step\n" for depth in range(80))
    assert render_hazard(stairs) is not None
    assert render_hazard("- a\n    - b\n        - c\n> > quoted twice\n") is None
    line = render_hazard("Intro.\n\n" + "word " * (MAX_PARAGRAPH_CHARS // 5 + 1))
    assert line is not None and "1,000,005 characters" in line
    assert render_hazard("Short. " * 1000) is None


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.floats(0, 1),
            st.integers(0, 50),
            st.lists(
                st.sampled_from(["word ", "[" * 400, "\n", "\n\n", "- " * 40, "> ", "    "]),
                max_size=5,
            ).map("".join),
        ),
        max_size=30,
    )
)
def test_hazard_watch_equals_a_full_check_after_any_edits(
    steps: list[tuple[float, int, str]],
) -> None:
    watch = HazardWatch()
    text = "Start.\n\n"
    assert watch.check(text) is None
    for where, removed, inserted in steps:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + removed :]
        assert watch.check(text) == render_hazard(text)
