"""Article bodies the preview benchmarks measure, and where a writer types in them.

Three 2 MB workloads, deterministic so that runs compare:

* ``generated_2mb``: the news-like article the benchmarks have always used
  (headings, lists, tables, code, quotes, reference links);
* ``corpus_2mb``: the bodies of the real Jekyll documentation pages in
  ``../shared/corpus/jekyll/`` concatenated (repeated) to 2 MB, which brings
  what real writers use: a regular expression with ``[^`` in one post,
  repeated headings, raw HTML, Liquid tags.  ``None`` when the corpus is
  absent (the caller says so and skips it);
* ``footnotes_2mb``: a long-form article with 300 footnotes (some cited
  twice, some of several paragraphs), a ``[TOC]`` at the top, abbreviations,
  reference links, and regular expressions in code spans and in prose.

``edit_points`` gives the start, middle and end positions a benchmark types
at: inside a paragraph of prose, so that a keystroke there changes one block.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from news_words import VERBS, WORDS

from editor.core.article import parse_article

MB = 1024 * 1024
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "jekyll"
CORPUS_MISSING = f"corpus_2mb skipped: no real articles in {CORPUS.resolve()}"

_WORDS = list(WORDS)
_VERBS = list(VERBS)


def _sentence(rng: random.Random, decorate: Callable[[list[str]], None] | None = None) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
    words.insert(2, rng.choice(_VERBS))
    roll = rng.random()
    if roll < 0.15:
        k = rng.randrange(len(words))
        words[k] = f"[{words[k]}](https://example.org/{words[k]}/{rng.randint(1, 999)})"
    elif roll < 0.25:
        k = rng.randrange(len(words))
        words[k] = f"[{words[k]}][src{rng.randrange(12)}]"
    elif roll < 0.3:
        k = rng.randrange(len(words))
        words[k] = f"*{words[k]}*"
    if decorate is not None:
        decorate(words)
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, decorate: Callable[[list[str]], None] | None = None) -> str:
    return " ".join(_sentence(rng, decorate) for _ in range(rng.randint(2, 5)))


_SOURCES = "\n".join(
    f'[src{i}]: https://example.org/sources/src{i} "Source {i}"' for i in range(12)
)


def generated_2mb(size: int = 2 * MB, seed: int = 7) -> str:
    """A news-like article body of about ``size`` characters, no footnotes."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    section = 0
    while length < size:
        section += 1
        block = [f"## {rng.choice(_WORDS).capitalize()} update {section}"]
        block += [_paragraph(rng) for _ in range(rng.randint(2, 5))]
        roll = section % 6
        if roll == 0:
            block.append("\n".join(f"- {_sentence(rng)}" for _ in range(4)))
        elif roll == 1:
            rows = [f"| {rng.choice(_WORDS)} | {rng.randint(1, 500)} |" for _ in range(4)]
            block.append("| Place | Count |\n|-------|------:|\n" + "\n".join(rows))
        elif roll == 2:
            block.append(
                "```python\n"
                f"visitors = {{'{rng.choice(_WORDS)}': {rng.randint(1, 900)}}}\n"
                "total = sum(visitors.values())\n```"
            )
        elif roll == 3:
            block.append(f"![{rng.choice(_WORDS)}](images/{section}.jpg)")
        elif roll == 4:
            block.append("\n".join(f"{i}. {_sentence(rng)}" for i in range(1, 4)))
        else:
            block.append(f"> {_sentence(rng)}")
        text = "\n\n".join(block)
        parts.append(text)
        length += len(text) + 2
    return "\n\n".join(parts) + "\n\n" + _SOURCES + "\n"


def corpus_2mb(size: int = 2 * MB) -> str | None:
    """The real bodies, concatenated (and repeated) to ``size`` characters; None if absent."""
    files = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
    bodies = []
    for path in files:
        body = parse_article(path.read_text(encoding="utf-8", errors="replace")).body.strip()
        if body:
            bodies.append(body)
    if not bodies:
        return None
    parts: list[str] = []
    length = 0
    while length < size:
        for body in bodies:
            parts.append(body)
            length += len(body) + 2
            if length >= size:
                break
    return "\n\n".join(parts) + "\n"


_ABBREVIATIONS = {
    "HTML": "Hyper Text Markup Language",
    "NATO": "North Atlantic Treaty Organization",
    "GDP": "Gross Domestic Product",
    "UNESCO": "United Nations Educational, Scientific and Cultural Organization",
}
_PATTERNS = [
    "`[^a-z0-9]+`",
    "`re.sub(r'[^\\w\\s-]', '', title)`",
    "`grep -E '^[^#]'`",
    "`[^\\]]*`",
]


def footnotes_2mb(size: int = 2 * MB, notes: int = 300, seed: int = 11) -> str:
    """A long-form article with ``notes`` footnotes, a ``[TOC]``, abbreviations and regexes."""
    rng = random.Random(seed)
    cited = 0

    def decorate(words: list[str]) -> None:
        nonlocal cited
        roll = rng.random()
        if roll < 0.08:
            words.insert(rng.randrange(len(words)), rng.choice(list(_ABBREVIATIONS)))
        elif roll < 0.12:
            words.insert(rng.randrange(len(words)), rng.choice(_PATTERNS))
        elif roll < 0.13:
            # A character class in plain prose: no footnote, stays text.
            words.insert(rng.randrange(len(words)), "[^0-9]")

    # Paragraphs first, then spread the references over them evenly.
    paragraphs: list[str] = []
    length = 0
    section = 0
    while length < size - notes * 120:
        section += 1
        heading = f"## {rng.choice(_WORDS).capitalize()} and the {rng.choice(_WORDS)}"
        if section % 7 == 0:
            heading = "### Notes on the season"  # repeated: toc numbers its ids
        paragraphs.append(heading)
        for _ in range(rng.randint(2, 5)):
            text = _paragraph(rng, decorate)
            paragraphs.append(text)
            length += len(text) + 2
        length += len(heading) + 2
    prose = [k for k, p in enumerate(paragraphs) if not p.startswith("#")]
    for n in range(1, notes + 1):
        k = prose[(n * len(prose)) // (notes + 1)]
        paragraphs[k] = paragraphs[k].replace(".", f".[^n{n}]", 1)
        cited += 1
        if n % 25 == 0:
            # Cited again further on: back-links fnref2.
            k2 = prose[min(len(prose) - 1, (n * len(prose)) // (notes + 1) + 3)]
            paragraphs[k2] = paragraphs[k2] + f" As noted before.[^n{n}]"
    definitions = []
    for n in range(1, notes + 1):
        note = f"[^n{n}]: {_sentence(rng)}"
        if n % 10 == 0:
            note += f"\n\n    {_sentence(rng)} See [the source][src{n % 12}]."
        definitions.append(note)
    abbreviations = "\n".join(f"*[{k}]: {v}" for k, v in _ABBREVIATIONS.items())
    return (
        "[TOC]\n\n"
        + "\n\n".join(paragraphs)
        + "\n\n"
        + abbreviations
        + "\n\n"
        + _SOURCES
        + "\n\n"
        + "\n\n".join(definitions)
        + "\n"
    )


WORKLOADS: dict[str, Callable[[], str | None]] = {
    "generated_2mb": generated_2mb,
    "corpus_2mb": corpus_2mb,
    "footnotes_2mb": footnotes_2mb,
}


def edit_points(text: str) -> dict[str, int]:
    """Positions at the start, middle and end of ``text`` inside a line of plain prose.

    Each is just after a space in a paragraph line (not a heading, list,
    quote, table, code or definition), the place a writer types a word.
    """

    def prose_at(fraction: float) -> int:
        pos = int(len(text) * fraction)
        for direction in (1, -1):
            p = pos
            while 0 <= p < len(text):
                line_start = text.rfind("\n", 0, p) + 1
                line_end = text.find("\n", p)
                line_end = len(text) if line_end < 0 else line_end
                line = text[line_start:line_end]
                before = text[max(0, line_start - 2) : line_start]
                if (
                    len(line) > 40
                    and line[0].isalpha()
                    and before in ("\n\n", "")
                    and ":" not in line[:2]
                    and "`" not in line
                    and "<" not in line
                    and "{" not in line
                ):
                    space = line.find(" ", 10)
                    if space > 0:
                        return line_start + space + 1
                p = line_end + 1 if direction > 0 else line_start - 2
        raise ValueError("no paragraph of prose in the text")

    return {"start": prose_at(0.02), "middle": prose_at(0.5), "end": prose_at(0.97)}


def writing_points(text: str) -> dict[str, int]:
    """Places beyond prose that a long-form writer types in: a footnote, a heading.

    Only those the text has: inside the text of a footnote definition in the
    middle of the list, and at the end of a heading in the middle of the
    article (with a ``[TOC]`` the table at the top changes with it).
    """
    points: dict[str, int] = {}
    first_note = text.find("\n[^")
    if first_note >= 0:
        middle_note = text.find("\n[^", (first_note + len(text)) // 2)
        if middle_note >= 0:
            colon = text.find("]: ", middle_note)
            if colon >= 0:
                points["in a note"] = text.find(" ", colon + 3) + 1
    heading = text.find("\n## ", len(text) // 2)
    if heading >= 0:
        points["in a heading"] = text.find("\n", heading + 1)
    return points
