"""Saving never rewrites what nobody changed.

An untouched article saves to the same bytes; changing a field changes only
that field's lines; comments, key order, quoting, flow styles, unknown keys,
the body, line endings and a BOM all stay as the writer left them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from editor.core.article import Article, Link, load_article, parse_article, save_article
from tests.core.linediff import changed_lines

HARBOUR = """\
---
# Front matter for the harbour story.
title: Council approves harbour dredging   # the headline
summary: >
  The vote ends a dispute that kept
  the dredgers idle since spring.
date: 2024-03-05
tags: [harbour, council]   # the writer's own key
author: {name: "R. Ortega", desk: city}
prev:
  title: Rail timetable changes on Sunday
  path: rail-timetable.md
# the next story is still being written
next: Ferry fares rise in spring
weight: 3
draft: no
---
The council voted seven to two on Tuesday.

---

A thematic break above must not be taken for front matter.
"""

UNTOUCHED = {
    "lf": HARBOUR,
    "crlf": HARBOUR.replace("\n", "\r\n"),
    "bom": "\ufeff" + HARBOUR,
    "bom crlf": "\ufeff" + HARBOUR.replace("\n", "\r\n"),
    "mixed endings": "---\r\ntitle: Mixed\nsummary: lines\r\n---\nbody\r\nmore\n",
    "no front matter": "# Just a heading\n\nSome text.\n",
    "no front matter, no newline": "Some text",
    "empty file": "",
    "empty front matter": "---\n---\nBody.\n",
    "empty front matter, no newline": "---\n---",
    "dots closer": "---\ntitle: Closed with dots\n...\nBody.\n",
    "comments only": "---\n# nothing yet\n---\nBody.\n",
    "flow mapping": "---\n{title: Flow, tags: [a, b]}\n---\nBody.\n",
    "flow styles": "---\ntitle: T\nprev: {title: P, path: p.md}\nlist: [1, 2, 3]\n---\n",
    "quoted": "---\ntitle: 'Single ''quoted'''\nsummary: \"Double \\\"quoted\\\"\"\n---\n",
    "block scalars": "---\ntitle: |\n  Literal\n  title\nsummary: >-\n  Folded\n\n  text\n---\n",
    "unknown keys": "---\nlayout: post\ncategories:\n  - news\n  - city\nextra: {a: 1}\n---\n",
    "trailing spaces after dashes": "---  \ntitle: Spaced\n--- \t\nBody.\n",
    "no newline at EOF": "---\ntitle: Last line\n---\nNo newline here",
    "front matter at EOF": "---\ntitle: Only metadata\n---",
    "odd indentation": "---\nprev:\n    title: Deep\n    path: deep.md\n---\n",
    "anchors without aliases": "---\ntitle: &t Anchored\n---\n",
    "on key": "---\non: push\nyes: 1\n---\n",
    "blank lines": "---\n\ntitle: Spaced out\n\n\nsummary: text\n\n---\n\n\nBody\n\n",
}


@pytest.mark.parametrize("name", list(UNTOUCHED))
def test_untouched_article_is_identical(name: str, tmp_path: Path) -> None:
    text = UNTOUCHED[name]
    data = text.encode("utf-8")
    assert parse_article(text.removeprefix("\ufeff")).to_text() == text.removeprefix("\ufeff")
    path = tmp_path / "article.md"
    path.write_bytes(data)
    article = load_article(path)
    assert not article.is_modified()
    assert article.to_bytes() == data
    save_article(article)
    assert path.read_bytes() == data


@pytest.mark.parametrize("name", list(UNTOUCHED))
def test_setting_the_same_values_changes_nothing(name: str) -> None:
    text = UNTOUCHED[name].removeprefix("\ufeff")
    article = parse_article(text)
    article.title = article.title
    article.summary = article.summary
    article.prev = article.prev
    article.next = article.next
    article.body = article.body
    assert article.to_text() == text


# ------------------------------------------------------------------ changes


def edited(text: str, change: object) -> tuple[Article, str]:
    article = parse_article(text)
    change(article)  # type: ignore[operator]
    return article, article.to_text()


def body_of(text: str) -> str:
    return text.split("\n---\n", 1)[1] if "\n---\n" in text else text


CHANGES: dict[str, tuple[object, list[str], list[str]]] = {
    "title": (
        lambda a: setattr(a, "title", "Harbour dredging gets the go-ahead"),
        ["title: Council approves harbour dredging   # the headline\n"],
        ["title: Harbour dredging gets the go-ahead   # the headline\n"],
    ),
    "summary": (
        lambda a: setattr(a, "summary", "Dredging starts in May."),
        [
            "summary: >\n",
            "  The vote ends a dispute that kept\n",
            "  the dredgers idle since spring.\n",
        ],
        ["summary: Dredging starts in May.\n"],
    ),
    "prev title": (
        lambda a: setattr(a, "prev", Link("Rail timetable: what changes", "rail-timetable.md")),
        ["  title: Rail timetable changes on Sunday\n"],
        ['  title: "Rail timetable: what changes"\n'],
    ),
    "prev path": (
        lambda a: setattr(a, "prev", Link("Rail timetable changes on Sunday", "rail/2024.md")),
        ["  path: rail-timetable.md\n"],
        ["  path: rail/2024.md\n"],
    ),
    "prev url added": (
        lambda a: setattr(
            a,
            "prev",
            Link("Rail timetable changes on Sunday", "rail-timetable.md", "https://example.org/r"),
        ),
        [],
        ["  url: https://example.org/r\n"],
    ),
    "prev path to url": (
        lambda a: setattr(
            a, "prev", Link("Rail timetable changes on Sunday", url="https://example.org/r")
        ),
        ["  path: rail-timetable.md\n"],
        ["  url: https://example.org/r\n"],
    ),
    "prev removed": (
        lambda a: setattr(a, "prev", None),
        [
            "prev:\n",
            "  title: Rail timetable changes on Sunday\n",
            "  path: rail-timetable.md\n",
        ],
        [],
    ),
    "next title": (
        lambda a: setattr(a, "next", Link("Ferry fares rise in April")),
        ["next: Ferry fares rise in spring\n"],
        ["next: Ferry fares rise in April\n"],
    ),
    "next string to mapping": (
        lambda a: setattr(a, "next", Link("Ferry fares rise in spring", "ferry-fares.md")),
        ["next: Ferry fares rise in spring\n"],
        ["next: {title: Ferry fares rise in spring, path: ferry-fares.md}\n"],
    ),
    "next removed": (
        lambda a: setattr(a, "next", None),
        ["next: Ferry fares rise in spring\n"],
        [],
    ),
    "title removed": (
        lambda a: setattr(a, "title", ""),
        ["title: Council approves harbour dredging   # the headline\n"],
        [],
    ),
    "summary removed": (
        lambda a: setattr(a, "summary", None),
        [
            "summary: >\n",
            "  The vote ends a dispute that kept\n",
            "  the dredgers idle since spring.\n",
        ],
        [],
    ),
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("name", list(CHANGES))
def test_only_the_changed_field_lines_differ(name: str, newline: str, bom: bool) -> None:
    change, removed, added = CHANGES[name]
    text = HARBOUR.replace("\n", newline)
    article, after = edited(("\ufeff" if bom else "") + text, change)
    assert article.is_modified()
    assert changed_lines(text, after) == (
        [line.replace("\n", newline) for line in removed],
        [line.replace("\n", newline) for line in added],
    )
    assert article.to_bytes().startswith(b"\xef\xbb\xbf") is bom
    assert body_of(after.replace("\r\n", "\n")) == body_of(HARBOUR)
    if newline == "\r\n":
        assert after.count("\n") == after.count("\r\n")


@pytest.mark.parametrize("name", list(CHANGES))
def test_changed_article_reads_back(name: str) -> None:
    change = CHANGES[name][0]
    article, after = edited(HARBOUR, change)
    again = parse_article(after)
    assert again.metadata == article.metadata
    assert (again.title, again.summary, again.prev, again.next) == (
        article.title,
        article.summary,
        article.prev,
        article.next,
    )
    # Keys nobody touched keep their values, types and order.
    assert again.metadata["date"] == dt.date(2024, 3, 5)
    assert again.metadata["tags"] == ["harbour", "council"]
    assert again.metadata["author"] == {"name": "R. Ortega", "desk": "city"}
    assert again.metadata["draft"] is False
    assert again.metadata["weight"] == 3
    original_order = [k for k in parse_article(HARBOUR).metadata if k in again.metadata]
    assert [k for k in again.metadata if k in original_order] == original_order
    assert again.body == parse_article(HARBOUR).body
    # What we wrote is YAML both loaders agree on.
    fm = after.split("---\n")[1]
    c_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yaml.load(fm, Loader=c_loader) == yaml.load(fm, Loader=yaml.SafeLoader)


def test_comments_stay_through_every_change() -> None:
    article = parse_article(HARBOUR)
    article.title = "A"
    article.summary = "B"
    article.prev = None
    article.next = Link("C", "c.md")
    text = article.to_text()
    for comment in (
        "# Front matter for the harbour story.\n",
        "# the headline\n",
        "# the writer's own key\n",
        "# the next story is still being written\n",
    ):
        assert comment in text
    assert "tags: [harbour, council]   # the writer's own key\n" in text
    assert 'author: {name: "R. Ortega", desk: city}\n' in text


# ------------------------------------------------------------------ additions


def test_summary_added_at_the_end_of_the_block() -> None:
    text = "---\ntitle: T   # c\ndate: 2024-01-02\n---\nBody\n"
    _, after = edited(text, lambda a: setattr(a, "summary", "Short summary."))
    assert after == "---\ntitle: T   # c\ndate: 2024-01-02\nsummary: Short summary.\n---\nBody\n"


def test_link_added_in_block_form() -> None:
    text = "---\ntitle: T\n---\nBody\n"
    _, after = edited(text, lambda a: setattr(a, "next", Link("Next one", "next-one.md")))
    assert after == "---\ntitle: T\nnext:\n  title: Next one\n  path: next-one.md\n---\nBody\n"


def test_link_title_only_added() -> None:
    _, after = edited("---\ntitle: T\n---\n", lambda a: setattr(a, "prev", Link("Before")))
    assert parse_article(after).prev == Link("Before")
    assert changed_lines("---\ntitle: T\n---\n", after)[0] == []


def test_nested_key_added_with_the_mapping_indentation() -> None:
    text = "---\nprev:\n    title: P\n# about next\nnext: N\n---\n"
    _, after = edited(text, lambda a: setattr(a, "prev", Link("P", "p.md")))
    assert after == "---\nprev:\n    title: P\n    path: p.md\n# about next\nnext: N\n---\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_front_matter_added_only_when_a_field_is_set(newline: str) -> None:
    text = f"# Heading{newline}{newline}Body text.{newline}"
    article = parse_article(text)
    article.title = ""
    article.prev = None
    assert article.to_text() == text
    article.title = "Now with a title"
    after = article.to_text()
    assert after == f"---{newline}title: Now with a title{newline}---{newline}{text}"
    assert parse_article(after).body == text.replace("\r\n", "\n")
    article.title = ""
    assert article.to_text() == text


def test_front_matter_added_to_empty_file_with_bom() -> None:
    article = parse_article("\ufeff")
    article.summary = "S"
    assert article.to_bytes() == "\ufeff---\nsummary: S\n---\n".encode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\n---\nBody\n", "---\ntitle: T\n---\nBody\n"),
        ("---\n---", "---\ntitle: T\n---"),
        ("---\n# keep me\n---\nBody\n", "---\n# keep me\ntitle: T\n---\nBody\n"),
        ("---\ntitle: Old\n...\nBody\n", "---\ntitle: T\n...\nBody\n"),
        ("---  \ntitle: Old\n---  \nBody\n", "---  \ntitle: T\n---  \nBody\n"),
        ("---\ntitle: Old\n---", "---\ntitle: T\n---"),
        ("---\r\ntitle: Old\r\n---\r\nBody", "---\r\ntitle: T\r\n---\r\nBody"),
    ],
)
def test_title_in_unusual_blocks(text: str, expected: str) -> None:
    _, after = edited(text, lambda a: setattr(a, "title", "T"))
    assert after == expected


def test_new_lines_use_crlf_in_a_crlf_file() -> None:
    text = "---\r\ntitle: T\r\n---\r\nBody\r\n"
    article = parse_article(text)
    article.summary = "S"
    article.next = Link("Next", "n.md")
    after = article.to_text()
    assert after == (
        "---\r\ntitle: T\r\nsummary: S\r\nnext:\r\n  title: Next\r\n  path: n.md\r\n---\r\nBody\r\n"
    )


# ------------------------------------------------------------------ the body


def test_body_change_keeps_front_matter_and_line_endings() -> None:
    text = HARBOUR.replace("\n", "\r\n")
    article = parse_article(text)
    article.body = article.body.replace("Tuesday", "Wednesday")
    after = article.to_text()
    removed, added = changed_lines(text, after)
    assert removed == ["The council voted seven to two on Tuesday.\r\n"]
    assert added == ["The council voted seven to two on Wednesday.\r\n"]


def test_body_with_front_matter_lookalike_is_never_touched() -> None:
    text = "---\ntitle: T\n---\n---\nnot: metadata\n---\n"
    article = parse_article(text)
    assert article.body == "---\nnot: metadata\n---\n"
    article.title = "U"
    assert article.to_text() == "---\ntitle: U\n---\n---\nnot: metadata\n---\n"


def test_mixed_endings_body_stays_when_only_metadata_changes() -> None:
    text = "---\ntitle: T\n---\none\r\ntwo\nthree\r"
    article = parse_article(text)
    article.title = "U"
    assert article.to_text() == "---\ntitle: U\n---\none\r\ntwo\nthree\r"


# ------------------------------------------------------------------ other keys


def test_other_keys_changed_by_a_script_are_spliced_in_place() -> None:
    text = "---\ntitle: T\nweight: 3   # order\ndate: 2024-01-02\nratio: 0.5\n---\n"
    article = parse_article(text)
    article.metadata["weight"] = 4
    article.metadata["ratio"] = 1e20
    after = article.to_text()
    assert after == "---\ntitle: T\nweight: 4   # order\ndate: 2024-01-02\nratio: 1.0e+20\n---\n"
    assert parse_article(after).metadata["ratio"] == 1e20


def test_block_list_replaced_keeps_comment_on_key_line() -> None:
    text = "---\ntags:  # see: the style guide\n  - a\n  - b\n# next\nnext: N\n---\n"
    article = parse_article(text)
    article.metadata["tags"] = "a"
    assert article.to_text() == "---\ntags: a  # see: the style guide\n# next\nnext: N\n---\n"


def test_save_rebases_so_the_next_save_is_minimal_too(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(HARBOUR, encoding="utf-8")
    article = load_article(path)
    article.title = "First"
    save_article(article)
    first = path.read_text(encoding="utf-8")
    article.summary = "Second"
    save_article(article)
    removed, added = changed_lines(first, path.read_text(encoding="utf-8"))
    assert removed[0] == "summary: >\n"
    assert added == ["summary: Second\n"]
    assert load_article(path).title == "First"


def test_keys_that_yaml_11_reads_as_booleans_keep_their_names() -> None:
    text = "---\non: push   # when\nyes: 1\n0x1F: hex\ntitle: T\n---\n"
    article = parse_article(text)
    assert list(article.metadata) == ["on", "yes", "0x1F", "title"]
    article.title = "U"
    assert article.to_text() == "---\non: push   # when\nyes: 1\n0x1F: hex\ntitle: U\n---\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_body_given_with_crlf_is_written_with_the_file_endings(newline: str) -> None:
    article = parse_article(f"---{newline}title: T{newline}---{newline}old{newline}")
    article.body = "new\r\nline\r\n"
    assert (
        article.to_text() == f"---{newline}title: T{newline}---{newline}new{newline}line{newline}"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle:\nx: 1\n---\n", "---\ntitle: T\nx: 1\n---\n"),
        ("---\ntitle:   # fill in\n---\n", "---\ntitle: T   # fill in\n---\n"),
        ("---\nx: 1\ntitle:\n---\n", "---\nx: 1\ntitle: T\n---\n"),
        ("---\r\ntitle:\r\n---\r\n", "---\r\ntitle: T\r\n---\r\n"),
        ("---\ntitle: ~\n---\n", "---\ntitle: T\n---\n"),
    ],
)
def test_empty_title_value_is_filled_in(text: str, expected: str) -> None:
    _, after = edited(text, lambda a: setattr(a, "title", "T"))
    assert after == expected


def test_empty_link_value_gets_a_block_mapping() -> None:
    text = "---\nprev:   # fill in\nnext:\n---\nBody\n"
    _, after = edited(text, lambda a: setattr(a, "prev", Link("Before", "before.md")))
    assert after == "---\nprev:   # fill in\n  title: Before\n  path: before.md\nnext:\n---\nBody\n"
    assert parse_article(after).prev == Link("Before", "before.md")


def test_key_added_to_the_last_nested_mapping_stays_inside_it() -> None:
    text = "---\ntitle: T\nnext:\n  title: Next\n---\nBody\n"
    article = parse_article(text)
    article.next = Link("Next", "next.md")
    article.summary = "Added at the top level."
    after = article.to_text()
    assert after == (
        "---\ntitle: T\nnext:\n  title: Next\n  path: next.md\n"
        "summary: Added at the top level.\n---\nBody\n"
    )
    again = parse_article(after)
    assert (again.next, again.summary) == (Link("Next", "next.md"), "Added at the top level.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\n{title: T, tags: [a, b]}  # flow\n---\nBody\n",
            "---\n{title: T, tags: [a, b], summary: Added.}  # flow\n---\nBody\n",
        ),
        ("---\n{}\n---\n", "---\n{summary: Added.}\n---\n"),
        (
            "---\n{title: T,  # first\n tags: [a],\n}\n---\n",
            "---\n{title: T,  # first\n tags: [a], summary: Added.,\n}\n---\n",
        ),
    ],
)
def test_key_added_to_a_flow_mapping_stays_flow(text: str, expected: str) -> None:
    _, after = edited(text, lambda a: setattr(a, "summary", "Added."))
    assert after == expected
    assert parse_article(after).summary == "Added."


def test_nan_values_are_not_a_change() -> None:
    text = "---\nratio: .NaN\nlist: [1, .nan]\ntitle: T\n---\n"
    article = parse_article(text)
    assert not article.is_modified()
    assert article.to_text() == text
    article.title = "U"
    assert article.to_text() == text.replace("title: T", "title: U")


def test_one_to_true_inside_a_mapping_is_a_change() -> None:
    article = parse_article("---\nflags: {a: 1, b: 2}  # c\nlist: [0]\n---\n")
    article.metadata["flags"] = {"a": True, "b": 2}
    article.metadata["list"] = [False]
    assert article.is_modified()
    after = article.to_text()
    assert after == "---\nflags: {a: true, b: 2}  # c\nlist: [false]\n---\n"
    assert parse_article(after).metadata == {"flags": {"a": True, "b": 2}, "list": [False]}
