"""Any sequence of field edits on any of several real-looking files reads back as set.

Hypothesis picks a starting file and a series of edits to the title, the
summary and both links (set, change, clear, string or mapping); after each
save the file must parse, give exactly the values set, keep every other key
and keep the body.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.article import Link, parse_article
from editor.core.render import render_markdown

try:  # ruamel.yaml is in the test extra; without it only the 1.2 check is left out
    from ruamel.yaml import YAML
except ImportError:  # pragma: no cover
    YAML12 = None
else:
    YAML12 = YAML(typ="safe", pure=True)
    YAML12.version = (1, 2)

BASES = [
    "",
    "Body only.\n",
    "---\n---\nBody.\n",
    "---\n# just a comment\n---\n",
    "---\ntitle: Plain\nsummary: 'Quoted'\ndate: 2024-01-01\n---\nBody.\n",
    "---\r\ntitle: Windows\r\ntags: [a, b]\r\n---\r\nBody.\r\n",
    "\ufeff---\ntitle: With BOM\n...\nBody.\n",
    "---\n{title: Flow, weight: 2}\n---\n",
    "---\ntitle: >\n  Folded\n  title\nsummary: |\n  Literal\n\n# comment\nnext: N\n---\n",
    (
        "---\nprev:\n  title: P\n  path: p.md\n  extra: kept\n"
        "# between\nnext:   # see: below\n  title: N\ncategories:\n- x\n---\nBody\n"
    ),
    "---\nprev: {title: P, url: 'https://example.org'}\non: push\n---\n",
    "---\ntitle:\nsummary:   # to do\nprev:\nnext:\n---\n",
    "---\ntitle: T\nnext:\n  title: N\n---\nBody\n",
    "---\nlayout: post\nprev:\n  title: P\n  meta:\n    deep: 1\n---\n",
    # Bodies with every document-wide construct: footnotes (one missing), a
    # table of contents, abbreviations, reference links, repeated headings and
    # ``[^`` that is no footnote, in prose and in code.
    (
        "---\ntitle: Notes\n---\n[TOC]\n\n## Vote\n\nThe HTML vote[^1] and [^gone].\n\n"
        "## Vote\n\nMatch `[^a-z]+` or [^0-9] in [the report][r].\n\n"
        "```\nre.compile(r'[^\\w]')\n```\n\n*[HTML]: Hyper Text\n[r]: https://example.org/r\n\n"
        "[^1]: The count.\n\n    Second paragraph.\n"
    ),
]

text_values = st.one_of(
    st.just(""),
    st.text(min_size=1, max_size=20),
    st.sampled_from(["No", "0o17", "a: b", "#x", "- y", "[z]", " pad ", "multi\nline"]),
)
links = st.one_of(
    st.none(),
    st.builds(
        Link,
        title=st.text(min_size=1, max_size=15),
        path=st.one_of(st.none(), st.sampled_from(["a.md", "dir/b c.md", "ü.md", "#.md"])),
        url=st.one_of(st.none(), st.just("https://example.org/x?a=1#b")),
    ),
)
edits = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["title", "summary"]), text_values),
        st.tuples(st.sampled_from(["prev", "next"]), links),
    ),
    min_size=1,
    max_size=6,
)


def _fields(article: Any) -> tuple[Any, ...]:
    return (article.title, article.summary, article.prev, article.next)


@settings(max_examples=400, deadline=None)
@given(base=st.sampled_from(BASES), steps=edits, save_between=st.booleans())
def test_edits_read_back_as_set(
    base: str, steps: list[tuple[str, Any]], save_between: bool
) -> None:
    original = parse_article(base)
    others = {k: v for k, v in original.metadata.items() if k not in ("title", "summary")}
    others = {k: v for k, v in others.items() if k not in ("prev", "next")}
    article = parse_article(base)
    for key, value in steps:
        setattr(article, key, value)
        if save_between:
            article = parse_article(article.to_bytes().decode("utf-8"))
    expected = _fields(article)
    text = article.to_bytes().decode("utf-8")
    again = parse_article(text)
    assert _fields(again) == expected, text
    assert {k: v for k, v in again.metadata.items() if k in others} == others, text
    assert again.body == original.body
    assert render_markdown(again.body) == render_markdown(original.body)
    assert again.has_bom == original.has_bom
    assert ("\r\n" in text) == ("\r\n" in base)
    if "\r\n" in base:
        assert text.count("\n") == text.count("\r\n"), text


# Front matter assembled from fragments in the shapes real files use: every
# quoting and block style, empty values, comments inside and after links.
FRAGMENTS = {
    "title": [
        "title: Plain",
        "title: 'Single'",
        'title: "Double"',
        "title:",
        "title: ~",
        "title: >\n  Folded\n  more",
        "title: |-\n  Literal",
        "title: Multi\n  line plain",
        "title:   # empty, with a comment",
        "title: Plain # comment",
        "title: !!str 12",
        '"title": Quoted key',
    ],
    "summary": ["summary: S", "summary: |\n  para\n\n  two\n", "summary:", "summary: 'x' # c"],
    "prev": [
        "prev: P",
        "prev:",
        "prev:\n  title: P\n  path: p.md",
        "prev: {title: P, path: p.md}",
        "prev:   # c\n  title: P",
        "prev:\n    title: P\n    url: u\n    extra: 1",
        "prev:\n  path: p.md\n  # comment inside\n  title: P",
    ],
    "next": ["next: N", "next:", "next:\n  title: N", "next:\n  title: N\n  path: n.md\n# after"],
    "tags": ["tags: [a, b]", "tags:\n- a\n- b", "tags:\n  - a\n  - b  # c"],
    "other": ["# lone comment", "", "date: 2024-01-01", "on: push", "meta:\n  a:\n    b: 1"],
}
fragments = st.sampled_from([(key, text) for key, texts in FRAGMENTS.items() for text in texts])
metadata_edits = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["title", "summary"]), text_values),
        st.tuples(st.sampled_from(["prev", "next"]), links),
        st.tuples(st.just("del"), st.sampled_from(["tags", "date", "meta", "on"])),
        st.tuples(
            st.just("set"),
            st.sampled_from(
                [("tags", ["z"]), ("date", "d"), ("meta", {"a": 2}), ("new", {"k": 1})]
            ),
        ),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=400, deadline=None)
@given(
    parts=st.lists(fragments, max_size=6, unique_by=lambda f: f[0] if f[0] != "other" else f[1]),
    crlf=st.booleans(),
    steps=metadata_edits,
)
def test_edits_on_assembled_front_matter_read_back(
    parts: list[tuple[str, str]], crlf: bool, steps: list[tuple[str, Any]]
) -> None:
    text = "---\n" + "".join(part + "\n" for _, part in parts) + "---\nBody\n---\nmore\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    article = parse_article(text)
    for op, arg in steps:
        if op == "del":
            article.metadata.pop(arg, None)
        elif op == "set":
            article.metadata[arg[0]] = arg[1]
        else:
            setattr(article, op, arg)
    out = article.to_text()
    again = parse_article(out)
    assert again.metadata == article.metadata, out
    if YAML12 is None:
        return
    # A YAML 1.2 reader (Hugo, js-yaml) sees the same fields.
    front_matter = out.replace("\r\n", "\n").split("---\n")[1]
    data = YAML12.load(front_matter) or {}
    for key in ("title", "summary", "prev", "next"):
        assert data.get(key) == article.metadata.get(key), out
    assert again.body == article.body == "Body\n---\nmore\n"
    if crlf:
        assert out.count("\n") == out.count("\r\n"), out
    if "# lone comment" in text:
        assert "# lone comment" in out
