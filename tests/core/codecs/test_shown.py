"""Values as the panel shows them: the file's own text, brackets and all, on one line."""

from __future__ import annotations

import pytest

from editor.core.article import parse_article
from editor.core.codecs.shown import ShownValue, notation, one_line, value_text

YAML = (
    "---\ntitle: T\ndraft: no\nversion: 1.10\ntags: [harbour, 'winter']\n"
    "cover: {image: a.jpg}\naliases:\n  - /old\n  - '/older'\nauthor:\n  name: Mira\n"
    "note: >\n  folded\n  text\n---\n"
)
TOML = (
    "+++\ntitle = 'T'\ndraft = false\nweight = 0x10\ntags = [ \"a\",  'b' ]\n"
    'multi = [\n  1,\n  2,\n]\ncover = { image = "a.jpg" }\nsite.lang = "en"\n'
    '[params]\nsize = 1e3\n[[related]]\npath = "x.md"\n[[related]]\npath = "y.md"\n+++\n'
)
JSON = (
    '{\n  "title": "T",\n  "ratio": 1.50,\n  "e": "caf\\u00e9",\n  "tags": ["a", "b"],\n'
    '  "cover": {"image": "a.jpg", "n": null},\n  "pretty": [\n    1,\n    2\n  ]\n}\n'
)

CASES = [
    (YAML, "draft", ShownValue("no", "no", False)),
    (YAML, "version", ShownValue("1.10", "1.10", False)),
    (YAML, "tags", ShownValue("[harbour, 'winter']", "[harbour, 'winter']", True)),
    (YAML, "cover", ShownValue("{image: a.jpg}", "{image: a.jpg}", True)),
    (YAML, "aliases", ShownValue("[/old, '/older']", None, True)),
    (YAML, "author", ShownValue("{name: Mira}", None, True)),
    (YAML, "note", ShownValue("> folded text", ">\n  folded\n  text", False)),
    (TOML, "draft", ShownValue("false", "false", False)),
    (TOML, "weight", ShownValue("0x10", "0x10", False)),
    (TOML, "tags", ShownValue("[ \"a\",  'b' ]", "[ \"a\",  'b' ]", True)),
    (TOML, "multi", ShownValue("[ 1, 2, ]", "[\n  1,\n  2,\n]", True)),
    (TOML, "cover", ShownValue('{ image = "a.jpg" }', '{ image = "a.jpg" }', True)),
    (TOML, "site", ShownValue('{ lang = "en" }', None, True)),
    (TOML, "params", ShownValue("{ size = 1e3 }", None, True)),
    (TOML, "related", ShownValue('[{ path = "x.md" }, { path = "y.md" }]', None, True)),
    (JSON, "ratio", ShownValue("1.50", "1.50", False)),
    (JSON, "e", ShownValue('"caf\\u00e9"', '"caf\\u00e9"', False)),
    (JSON, "tags", ShownValue('["a", "b"]', '["a", "b"]', True)),
    (
        JSON,
        "cover",
        ShownValue('{"image": "a.jpg", "n": null}', '{"image": "a.jpg", "n": null}', True),
    ),
    (JSON, "pretty", ShownValue("[ 1, 2 ]", "[\n    1,\n    2\n  ]", True)),
]


@pytest.mark.parametrize(("text", "key", "expected"), CASES, ids=lambda c: str(c)[:20])
def test_each_value_is_shown_as_the_file_writes_it(
    text: str, key: str, expected: ShownValue
) -> None:
    assert parse_article(text).shown_value(key) == expected


def test_a_value_changed_since_reading_is_shown_in_its_formats_notation() -> None:
    toml = parse_article(TOML)
    toml.metadata["tags"] = ["a", "c"]
    toml.metadata["extra"] = {"on": True, "when": None}
    assert toml.shown_value("tags") == ShownValue("[a, c]", None, True)
    assert toml.shown_value("extra") == ShownValue("{ on = true, when = null }", None, True)
    assert toml.shown_value("missing") is None
    json_article = parse_article(JSON)
    json_article.metadata["ratio"] = 2
    assert json_article.shown_value("ratio") == ShownValue("2", None, False)


def test_the_helpers() -> None:
    assert one_line("[\n  1,\n\n  2\n]") == "[ 1, 2 ]"
    assert one_line("a  b") == "a  b"  # spaces inside a line are the file's own
    assert notation({"k": ["1", "x"]}, "yaml") == "{k: [1, x]}"
    assert notation({"k": "v"}, "json") == '{"k": v}'
    assert notation({}, "toml") == "{}"
    assert value_text([True, None, 1.5], "json") == "[true, null, 1.5]"
