"""The quick reader for plain TOML front matter agrees with the TOML codec.

``plain_fields`` may give up (None) whenever the text is not plain enough,
but when it answers, the answer must be exactly what the codec's field
reader gives (tomllib's values, the editor's validation, the codec's key
lines), and it must never answer for front matter the codec refuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.article import Link
from editor.core.codecs import TOML
from editor.core.codecs.fields import codec_fields
from editor.core.errors import ArticleError
from editor.core.library.plain_toml import plain_fields

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "hugo-toml"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "toml"

PLAIN = [
    "",
    "# only a comment\n",
    "title = \"Harbour vote\"\nsummary = 'The council votes tonight.'\n",
    'title = "Tram works"  # agreed\ndraft = false\nweight = 10\nlevel = -3\nbig = 1_000\n',
    'title = "T"\ndate = 2023-01-04T23:21:06+01:00\nday = 2026-03-04\n'
    "at = 1979-05-27 07:32:00.999999Z\nlocal = 1979-05-27T07:32:00\n",
    'title = "T"\ntags = ["harbour", \'winter\', 3, true]\nempty = []\n',
    'title = "T"\ntags = [\n    "hugo",  # first\n    "markdown",\n]\nseries = ["Theme Demo"]\n',
    '  title = "Indented"\n\n\nsummary = "After blank lines"\n',
    'title = "T"\nratio = 1.5\nsmall = -2e-3\nbig = 6.02E+23\nfrac = 1_000.000_1\n'
    "hex = 0x1F\noct = 0o17\nbin = 0b1010\nzero = +0.0\n",
    'title = "T"\n\n[prev]\n  title = "Harbour vote"\n  path = "../harbour.md"\n'
    '\n[next]\ntitle = "Night ferry"\npath = \'ferry.md\'\nurl = "https://example.org"\n'
    "weight = 4\n",
    'title = "T"\n[params]\ntitle = 5\nsize = 3\n[next]\n',
    'prev = "Plain title link"\nnext = "Another"\n',
    'title = "Ünïcode «quotes» — dash"\nsummary = "漢字とかな # not a comment"\n',
    'title = "T"\r\nsummary = "CRLF"\r\n',
    'title = "last line without a break"',
]

NOT_PLAIN = [
    'title = "T"\ntitle = "again"\n',
    'title = "T"\n[prev]\n[prev]\n',
    'prev = "x"\n[prev]\n',
    "title = 5\n",
    'title = ["a"]\n',
    '[title]\nx = "y"\n',
    "[next]\ntitle = 3\n",
    'title = "escape \\t"\n',
    'title = """multi\nline"""\n',
    "title = '''literal'''\n",
    'title = "T"\nat = 07:32:00\n',
    'title = "T"\nday = 2026-02-30\n',
    'title = "T"\nday = 2026-13-01\n',
    'title = "T"\nday = 2026-01-01T10:00\n',
    'title = "T"\nn = 0123\n',
    'title = "T"\nn = 1__0\n',
    'title = "T"\nn = 0x\n',
    'title = "T"\nn = 1.\n',
    'title = "T"\nn = .5\n',
    'title = "T"\nn = 1e\n',
    'title = "T"\nn = nan\n',
    'title = "T"\nn = 0b12\n',
    'title = "T"\nn = ' + "9" * 80 + "\n",
    'title = "T"\na.b = 1\n',
    '"title" = "quoted key"\n',
    'title = "T"\n[[items]]\nx = 1\n',
    'title = "T"\n[a.b]\n',
    'title = "T"\nlink = { title = "x" }\n',
    'title = "T"\ntags = [[1], [2]]\n',
    'title = "T"\ntags = [,]\n',
    'title = "T"\ntags = ["a" "b"]\n',
    'title = "T"\ttab = 1\n',
    'title = "T" extra\n',
    'title = "T"\nx =\n',
    'title = "T"\nflag = tru\n',
    'title = "T"\nbad = inf\n',
    'title = "del\x7f"\n',
    'title = "lone\rCR"\n',
]


def reference(inner: str) -> Any:
    text = f"+++\n{inner}+++\n" if inner.endswith("\n") or not inner else f"+++\n{inner}\n+++\n"
    region = TOML.find(text)
    assert region is not None
    try:
        _name, values, lines = codec_fields(TOML, text, region, "x.md")
    except ArticleError as exc:
        return exc
    return _links(values), lines


def _links(values: dict[str, Any]) -> dict[str, Any]:
    for key in ("prev", "next"):
        if key in values:
            values[key] = Link.from_value(values[key])
    return values


def plain(inner: str) -> Any:
    return plain_fields(inner, 1)  # links already Link objects


def agrees(inner: str) -> bool:
    """True when the quick reader answered; it must then give the codec's answer."""
    answer = plain(inner)
    if answer is None:
        return False
    expected = reference(inner)
    assert not isinstance(expected, Exception), (inner, expected)
    assert answer == expected, inner
    return True


@pytest.mark.parametrize("inner", PLAIN)
def test_plain_toml_is_read_as_the_codec_reads_it(inner: str) -> None:
    assert agrees(inner), inner


@pytest.mark.parametrize("inner", NOT_PLAIN)
def test_anything_else_is_left_to_the_codec(inner: str) -> None:
    assert plain(inner) is None, inner


def _inner(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    try:
        region = TOML.find(text)
    except ArticleError:
        return None
    return None if region is None else text[region.start : region.end]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.name)
def test_the_toml_fixtures_agree_or_give_up(path: Path) -> None:
    inner = _inner(path)
    if inner is not None:
        agrees(inner)


def test_the_real_hugo_corpus_is_read_as_the_codec_reads_it() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the Hugo TOML corpus is not at {CORPUS}; only the fixtures are compared")
    inners = [inner for path in sorted(CORPUS.glob("*.md")) if (inner := _inner(path))]
    answered = sum(agrees(inner) for inner in inners)
    assert inners and answered >= len(inners) * 9 // 10


_LINES = st.sampled_from(
    [
        'title = "Plain"\n', "title = 'Literal'\n", "title = 12\n", 'title = "a" # c\n',
        'summary = "Some words"\n', "date = 2026-02-30\n", "date = 2026-02-03\n",
        "date = 2026-02-03T10:00:00Z\n", "date = 2026-02-03 10:00:00\n", "at = 10:00:00\n",
        'tags = ["a", "b"]\n', "tags = [\n", '  "item",\n', "]\n", "tags = []\n",
        'prev = "Plain prev"\n', "[prev]\n", "[next]\n", "[params]\n", "[[list]]\n",
        'title = "P"\n', 'path = "p.md"\n', "path = 3\n", "url = 'u'\n", "weight = 4\n",
        "draft = false\n", "n = 1_000\n", "n = 007\n", "r = 1.5\n", "r = 1e5\n", "r = 1.\n",
        "h = 0xff\n", "h = 0x\n", "r = -0.5e-2\n", "d = 2024-02-29\n", "d = 2023-02-29\n",
        "d = 2026-04-31\n", "d = 2026-01-01 T\n", 'title = "2026-02-30"\n', "[title]\n",
        'x = "a""b"\n', "x = true_\n", 'tags = [1, "a",]\n', "tags = [ # c\n", "n = 00\n",
        'x = { a = 1 }\n',
        "a.b = 1\n", "# comment\n", "\n", "   \n", 'bad = "open\n', "k =\n", "  indented = 1\n",
        'q = """multi"""\n', "e = '''x'''\n", 'title = "T"\n', 'k = "v" extra\n',
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=10))
def test_random_front_matter_agrees_or_gives_up(lines: list[str]) -> None:
    agrees("".join(lines))
