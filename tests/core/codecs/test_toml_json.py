"""TOML (``+++``) and JSON front matter: read into the article, saved with minimal change.

Every fixture under tests/fixtures/toml and tests/fixtures/json, and the real
Hugo files of ``../shared/corpus/hugo-toml/`` when that folder is there, must
come back byte for byte from an untouched save; a new title must change only
the title's lines, and Python's own readers (tomllib, json) must read every
other key exactly as before.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.article import Link, load_article, new_article, parse_article, save_article
from editor.core.codecs import find_front_matter
from editor.core.errors import ArticleError
from tests.core.linediff import changed_lines

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TOML_FIXTURES = sorted((FIXTURES / "toml").glob("*.md"))
JSON_FIXTURES = sorted((FIXTURES / "json").glob("*.md"))
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "hugo-toml"
CORPUS_FILES = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
NEW_TITLE = 'Flood barrier "holds" as the river peaks: 1.10 m # record'


def _front(path_or_text: Path | str) -> tuple[str, dict[str, Any]]:
    """(format, values as Python's own reader sees them) of a file's front matter."""
    text = path_or_text if isinstance(path_or_text, str) else path_or_text.read_text("utf-8")
    text = text.removeprefix("\ufeff")
    found = find_front_matter(text)
    assert found is not None
    codec, region = found
    inner = text[region.start : region.end]
    if codec.name == "toml":
        return "toml", _comparable(tomllib.loads(inner))
    assert codec.name == "json"
    return "json", _comparable(json.loads(inner))


def _comparable(value: Any) -> Any:
    """NaN as a marker, so that an untouched ``nan`` compares equal to itself."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, float) and value != value:
        return "<nan>"
    return value


def _copy(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / path.name
    shutil.copyfile(path, target)
    return target


def _title_lines(text: str) -> list[str]:
    """The lines a title value occupies (one, or several for a multi-line string)."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        stripped = line.lstrip(" \t{")
        if (stripped.startswith("title") and "=" in line) or '"title"' in line:
            if '"""' in line and line.count('"""') == 1:
                end = next(i for i in range(index + 1, len(lines)) if '"""' in lines[i])
                return lines[index : end + 1]
            return [line]
    return []


def test_there_are_enough_fixtures() -> None:
    assert len(TOML_FIXTURES) >= 20
    assert len(JSON_FIXTURES) >= 10


@pytest.mark.parametrize(
    "path", TOML_FIXTURES + JSON_FIXTURES, ids=lambda p: p.parent.name + "/" + p.name
)
def test_untouched_save_is_byte_identical(path: Path, tmp_path: Path) -> None:
    copy = _copy(path, tmp_path)
    article = load_article(copy)
    assert article.front_matter_format == path.parent.name
    save_article(article)
    assert copy.read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    "path", TOML_FIXTURES + JSON_FIXTURES, ids=lambda p: p.parent.name + "/" + p.name
)
def test_a_new_title_changes_only_the_title_lines(path: Path, tmp_path: Path) -> None:
    copy = _copy(path, tmp_path)
    before = copy.read_bytes().decode("utf-8")
    _, old_values = _front(before)
    article = load_article(copy)
    had_title = bool(article.title)
    article.title = NEW_TITLE
    save_article(article)
    after = copy.read_bytes().decode("utf-8")
    removed, added = changed_lines(before, after)
    assert removed == _title_lines(before)
    assert len(added) == 1 and "title" in added[0]
    assert added[0].endswith("\r\n" if "\r\n" in before else "\n")
    if not had_title:
        assert removed == []
    _, new_values = _front(after)
    assert new_values.pop("title") == NEW_TITLE
    old_values.pop("title", None)
    assert new_values == old_values
    assert load_article(copy).title == NEW_TITLE
    assert after.startswith("\ufeff") == before.startswith("\ufeff")


@pytest.mark.parametrize(
    "path", TOML_FIXTURES + JSON_FIXTURES, ids=lambda p: p.parent.name + "/" + p.name
)
def test_summary_and_links_read_back_and_keep_the_other_keys(path: Path, tmp_path: Path) -> None:
    copy = _copy(path, tmp_path)
    _, old_values = _front(copy)
    article = load_article(copy)
    article.summary = 'No: it\'s 2024-01-01, and "quoted" \\ too'
    article.prev = Link("Earlier: the 1.10 story", "earlier.md")
    article.next = Link("Later #2", None, "https://example.org/later")
    save_article(article)
    fresh = load_article(copy)
    assert fresh.summary == article.summary
    assert fresh.prev == article.prev
    assert fresh.next == article.next
    assert fresh.body == article.body
    _, new_values = _front(copy)
    for key in ("summary", "prev", "next"):
        old_values.pop(key, None)
        new_values.pop(key, None)
    assert new_values == old_values


@pytest.mark.parametrize(
    "path", TOML_FIXTURES + JSON_FIXTURES, ids=lambda p: p.parent.name + "/" + p.name
)
def test_clearing_the_title_removes_only_its_lines(path: Path, tmp_path: Path) -> None:
    copy = _copy(path, tmp_path)
    before = copy.read_text("utf-8")
    article = load_article(copy)
    if not article.title:
        pytest.skip("this fixture has no title to clear")
    article.title = ""
    save_article(article)
    after = copy.read_text("utf-8")
    removed, added = changed_lines(before, after)
    title_lines = _title_lines(before)
    if path.name == "compact.md":  # one line holds every key: that line changes
        assert len(removed) == len(added) == 1
    elif path.parent.name == "json" and added:
        # The title was the last member: the comma of the member before it goes too.
        assert len(removed) - len(added) == len(title_lines)
        assert [line.rstrip(" ,\r\n") for line in added] == [
            line.rstrip(" ,\r\n") for line in removed if line not in title_lines
        ]
    else:
        assert removed == title_lines
        assert added == []
    assert load_article(copy).title == ""


# ----------------------------------------------------------------- real files


def _corpus_or_skip() -> None:
    if not CORPUS_FILES:
        pytest.skip(f"the Hugo TOML corpus is not there ({CORPUS}); real-file round trips skipped")


def _is_archetype(path: Path) -> bool:
    return "archetypes" in path.name


def test_corpus_untouched_saves_are_byte_identical(tmp_path: Path) -> None:
    _corpus_or_skip()
    opened = 0
    for path in CORPUS_FILES:
        if _is_archetype(path):
            continue
        copy = _copy(path, tmp_path)
        article = load_article(copy)
        assert article.front_matter_format == "toml", path.name
        save_article(article)
        assert copy.read_bytes() == path.read_bytes(), path.name
        opened += 1
    assert opened == len([p for p in CORPUS_FILES if not _is_archetype(p)])


def test_corpus_title_change_touches_only_the_title_line(tmp_path: Path) -> None:
    _corpus_or_skip()
    for path in CORPUS_FILES:
        if _is_archetype(path):
            continue
        copy = _copy(path, tmp_path)
        before = copy.read_text("utf-8")
        _, old_values = _front(before)
        article = load_article(copy)
        article.title = NEW_TITLE
        save_article(article)
        after = copy.read_text("utf-8")
        removed, added = changed_lines(before, after)
        assert removed == _title_lines(before), path.name
        assert len(added) == 1, path.name
        _, new_values = _front(after)
        assert new_values.pop("title") == NEW_TITLE
        old_values.pop("title", None)
        assert new_values == old_values, path.name


def test_corpus_archetype_templates_open_as_errors_with_their_line() -> None:
    """An archetype is a Go template that becomes TOML only once Hugo fills it in."""
    _corpus_or_skip()
    archetypes = [p for p in CORPUS_FILES if _is_archetype(p)]
    if not archetypes:
        pytest.skip("the corpus holds no archetype templates")
    for path in archetypes:
        with pytest.raises(ArticleError) as info:
            load_article(path)
        assert info.value.line is not None and info.value.column is not None


# ----------------------------------------------------------------- detection


@pytest.mark.parametrize(
    "text",
    [
        '{{< figure src="a.jpg" >}}\nBody.\n',
        "{% include note.html %}\nBody.\n",
        "{# a comment #}\nBody.\n",
        "{: .lead}\nA kramdown attribute list on the first paragraph.\n",
        "{::comment}\nhidden\n{:/comment}\n",
        "{.class}\n",
        "+ a list item\n",
        "++ not a fence\n",
        "[a link](b.md) starts the body\n",
    ],
)
def test_bodies_that_only_look_like_front_matter_stay_body(text: str) -> None:
    article = parse_article(text)
    assert article.metadata == {}
    assert article.body == text


def test_a_typed_body_that_would_read_as_front_matter_gets_an_empty_block() -> None:
    for fmt, empty in (("toml", "+++\n+++\n"), ("json", "{}\n"), ("yaml", "---\n---\n")):
        article = new_article(front_matter_format=fmt)
        article.body = '+++\ntitle = "not metadata"\n+++\n'
        text = article.to_text()
        assert text.startswith(empty)
        assert parse_article(text).body == article.body


# ----------------------------------------------------------------- new articles


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_a_new_article_is_written_in_the_chosen_format(fmt: str, tmp_path: Path) -> None:
    article = new_article(front_matter_format=fmt)
    article.title = "No"
    article.summary = "1.10"
    article.prev = Link("Before", "before.md")
    article.body = "Text.\n"
    path = save_article(article, tmp_path / "new.md")
    found, values = _front(path)
    assert found == fmt
    assert values == {
        "title": "No",
        "summary": "1.10",
        "prev": {"title": "Before", "path": "before.md"},
    }
    fresh = load_article(path)
    assert (fresh.title, fresh.summary, fresh.body) == ("No", "1.10", "Text.\n")
    # and the second save splices into what the first one wrote
    fresh.title = "Yes"
    save_article(fresh)
    assert _front(path)[1]["title"] == "Yes"


def test_the_format_of_an_existing_file_cannot_be_switched() -> None:
    article = parse_article('+++\ntitle = "x"\n+++\n')
    with pytest.raises(ValueError, match="format is kept"):
        article.front_matter_format = "yaml"
    with pytest.raises(ValueError, match="unknown"):
        new_article().front_matter_format = "xml"


# ----------------------------------------------------------------- spellings


def test_other_keys_are_spelled_as_the_file_writes_them() -> None:
    yaml_article = parse_article("---\ntitle: T\ndraft: no\nn: 0o17\ntags: [a, 'b']\n---\n")
    assert yaml_article.metadata["draft"] is False  # YAML 1.1's reading...
    assert yaml_article.spelled("draft") == "no"  # ...is not what the panel shows
    assert yaml_article.spelled("n") == "0o17"
    assert yaml_article.spelled("tags") == ["a", "'b'"]
    toml_article = parse_article(
        "+++\ntitle = 'T'\ndraft = false # c\nwhen = 1979-05-27T07:32:00Z\n"
        "[params]\nsize = 0x1F\n+++\n"
    )
    assert toml_article.spelled("draft") == "false"
    assert toml_article.spelled("when") == "1979-05-27T07:32:00Z"
    assert toml_article.spelled("params") == {"size": "0x1F"}
    json_article = parse_article('{"title": "T", "n": 1.50, "e": "caf\\u00e9", "l": [1, null]}\n')
    assert json_article.spelled("n") == "1.50"
    assert json_article.spelled("e") == '"caf\\u00e9"'
    assert json_article.spelled("l") == ["1", "null"]
    json_article.metadata["n"] = 2
    assert json_article.spelled("n") is None  # changed: no spelling yet


@pytest.mark.parametrize("path", TOML_FIXTURES + JSON_FIXTURES, ids=lambda p: p.name)
def test_quick_key_lines_agree_with_the_full_position_scan(path: Path) -> None:
    """The library's quick line finder must name the lines the full scan names."""
    from editor.core.codecs import json_codec, toml_codec

    text = path.read_text("utf-8").removeprefix("\ufeff")
    found = find_front_matter(text)
    assert found is not None
    codec, region = found
    parsed = codec.parse(text, region)
    quick = parsed.key_lines()
    if isinstance(parsed, toml_codec.TomlFrontMatter):
        inner = text[region.start : region.end]
        full = toml_codec._positions(inner, region.first_line)
        assert quick == {p[0]: where[0] for p, where in full.items() if len(p) == 1}
    else:
        assert isinstance(parsed, json_codec.JsonFrontMatter)
        walked = parsed.root.members or {}
        assert quick == {k: text.count("\n", 0, start) + 1 for k, (start, _) in walked.items()}
    assert list(quick) == [k for k in quick if k in parsed.data]
    assert set(quick) == set(parsed.data)
    fields = ("title", "summary", "prev", "next")
    fresh = codec.parse(text, region)  # the quick field search runs before any full scan
    assert fresh.field_lines(fields) == {k: v for k, v in quick.items() if k in fields}


# ----------------------------------------------------------------- any title

TOML_BASE = "+++\ntitle = 'Old'  # note\ntags = [\"a\"]\n\n[params]\nx = 1\n+++\nBody.\n"
JSON_BASE = '{\n  "title": "Old",\n  "tags": ["a"]\n}\nBody.\n'


@settings(max_examples=150, deadline=None)
@given(title=st.text(min_size=1, max_size=60), summary=st.text(max_size=60))
def test_any_title_reads_back_the_same_in_toml_and_json(title: str, summary: str) -> None:
    for base in (TOML_BASE, JSON_BASE):
        article = parse_article(base)
        article.title = title
        article.summary = summary
        text = article.to_text()
        fmt, values = _front(text)
        assert values["title"] == title, fmt
        assert values.get("summary", "") == summary, fmt
        assert values["tags"] == ["a"]
        again = parse_article(text)
        assert (again.title, again.summary, again.body) == (title, summary, "Body.\n")


def test_the_majority_format_wins_and_yaml_wins_ties() -> None:
    from editor.core.codecs import majority_format

    assert majority_format([]) == "yaml"
    assert majority_format(["", ""]) == "yaml"
    assert majority_format(["toml", "json", "toml", ""]) == "toml"
    assert majority_format(["json", "toml"]) == "toml"  # a tie: the order of CODECS
    assert majority_format(["json", "yaml", "json", "yaml"]) == "yaml"


@pytest.mark.parametrize(
    "text",
    [
        "+++\n[params]\nx = 1\n+++\nBody\n",
        "+++\n+++\nBody\n",
        "+++\n# only a comment\n+++\n",
        '+++\n[[gallery]]\nsrc = "a"\n+++\n',
        "+++\r\n[params]\r\nx = 1\r\n+++\r\nB\r\n",
        "{}\nBody\n",
        "{ }",
        "{\n}\n",
    ],
    ids=repr,
)
def test_fields_can_be_added_to_empty_or_table_only_front_matter(text: str) -> None:
    article = parse_article(text)
    article.title = "T"
    article.prev = Link("P", "p.md")
    written = article.to_text()
    fresh = parse_article(written)
    assert (fresh.title, fresh.prev, fresh.body) == ("T", article.prev, article.body)
    assert fresh.front_matter_format == article.front_matter_format
    for line in text.splitlines(keepends=True):
        if line.strip() not in ("{}", "{ }", "{", "}"):
            assert line in written  # every existing line is still there


def _reference_toml_region(text: str) -> object:
    """The ``+++`` block as a line-by-line reading finds it: what ``TOML.find`` must answer."""
    import re

    opener = re.match(r"\+\+\+[ \t]*\r?\n", text)
    if opener is None:
        return None
    closer = re.compile(r"^\+\+\+[ \t]*\r?$", re.M).search(text, opener.end())
    if closer is None:
        return "never closed"
    body = text.find("\n", closer.end())
    return opener.end(), closer.start(), len(text) if body == -1 else body + 1


_TOML_PIECES = st.sampled_from(
    ["+++", "+++ ", "+++\t", "++++", " +++", "title = 'x'", "", "\r", "\n", "\r\n", "++", "x"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_TOML_PIECES, max_size=12))
def test_toml_fences_are_found_where_a_line_reading_finds_them(pieces: list[str]) -> None:
    from editor.core.codecs import TOML

    text = "".join(pieces)
    try:
        region = TOML.find(text)
        found: object = None if region is None else (region.start, region.end, region.body_start)
    except ArticleError:
        found = "never closed"
    assert found == _reference_toml_region(text), repr(text)
