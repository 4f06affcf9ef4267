"""Suggest a summary by picking the body's most representative sentences.

Writers want a starting point for the 160-character summary without sending
their article anywhere, so this works offline and with no model: each
sentence is scored by its position (news puts the point first) and by how
central its words are to the whole text (TF-IDF cosine to the document
centroid), and the best one or two that fit are proposed. The result is the
same for the same body on every machine.

The suggestion is only ever a proposal: ``apply_summary`` refuses to replace
a summary the writer already has unless they accepted the replacement.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from editor.core.article import Article
from editor.core.errors import ArticleError

#: The summary guideline the panel counts against.
SUMMARY_LIMIT = 160

_STOPWORD_TEXT = """
    a about above after again against all almost also although am among an and another any
    are around as at be because been before being below between both but by can could did do
    does doing done down during each either else enough even ever every few for from further
    had has have having he her here hers herself him himself his how however i if in into is it
    its itself just last least less let like made make many may me might more most much must my
    myself near neither never next no nor not now of off often on once one only onto or other
    our ours ourselves out over own per perhaps quite rather really said same say says see seem
    seemed seems several shall she should since so some still such than that the their theirs
    them themselves then there these they this those though through thus to too toward towards
    under until up upon us very via was we well were what whatever when where whether which while
    who whom whose why will with within without would yet you your yours yourself yourselves
    s t don didn doesn isn wasn aren weren won wouldn couldn shouldn ve ll re d m o y
    mr mrs ms dr
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Words before a full stop that do not end a sentence.
_ABBREVIATION_TEXT = """
    mr mrs ms dr prof sr jr st mt no nos vs etc e.g i.e cf fig approx dept est inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec gen gov sen rep col lt sgt capt
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())

# A sentence ends at . ! ? or … (plus closing quotes/brackets) before a space and a capital.
_BOUNDARY = re.compile(r"(?<=[.!?…])([\"'”’»)\]]*)\s+(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-ÞĀ-ſ])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CLAUSE_BREAK = re.compile(r"(?:,|;|:| —| –| -)\s")

# Openings that lean on the sentence before them; alone they read as a fragment.
_DEPENDENT_START = re.compile(
    r"^(?:but|and|or|so|however|he|she|it|they|this|that|these|those|his|her|its|their|also|"
    r"meanwhile|still|yet|then|there)\b",
    re.I,
)

_POSITION_WEIGHT = 0.45
_CENTRALITY_WEIGHT = 0.55
_MIN_WORDS = 6


@dataclass(frozen=True)
class ScoredSentence:
    """A sentence of the body and why it was (or was not) chosen."""

    index: int
    text: str
    position: float
    centrality: float
    score: float


@dataclass(frozen=True)
class Suggestion:
    """A proposed summary; ``shortened`` when no sentence fitted and one was cut."""

    text: str
    sentences: tuple[int, ...]
    shortened: bool = False


class SummaryExistsError(ArticleError):
    """The article already has a summary and the writer did not accept replacing it."""


# ------------------------------------------------------------------ text


def plain_text(markdown_body: str) -> list[str]:
    """The body's prose, one string per paragraph or list item, markup removed."""
    return [text for text, _item in prose_units(markdown_body)]


def prose_units(markdown_body: str) -> list[tuple[str, bool]]:
    """(text, is a list item) for each paragraph or list item, markup removed.

    Code, headings, images, tables and HTML are not prose a summary should
    quote, so they are dropped rather than cleaned.
    """
    paragraphs: list[tuple[str, bool]] = []
    current: list[str] = []
    fence: str | None = None
    in_item = False
    hidden: str | None = None  # inside <script> or <style>: code, not prose

    def flush() -> None:
        if current:
            paragraphs.append((" ".join(current), in_item))
            current.clear()

    for raw in markdown_body.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        stripped = line.strip()
        if hidden is not None:
            if re.search(rf"</{hidden}\s*>", stripped, re.I):
                hidden = None
            continue
        opened = _HIDDEN_OPEN.match(stripped)
        if opened and not re.search(rf"</{opened.group(1)}\s*>", stripped, re.I):
            flush()
            hidden = opened.group(1).lower()
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        match = re.match(r"^(`{3,}|~{3,})", stripped)
        if match:
            flush()
            fence = match.group(1)[:3]
            continue
        if not stripped or line.startswith(("    ", "\t")):
            flush()
            in_item = False
            continue
        if re.match(r"^#{1,6}(\s|$)", stripped) or re.match(r"^(=+|-+)$", stripped):
            flush()  # a heading (or a setext underline): a label, not a sentence
            continue
        if stripped.startswith("|") or re.match(r"^\[[^\]]+\]:\s", stripped):
            flush()
            continue
        if re.match(r"^(?:[-*+]|\d+[.)])\s+", stripped):
            flush()  # each list item is its own unit
            in_item = True
            stripped = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", stripped)
        stripped = re.sub(r"^(?:>\s?)+", "", stripped)
        current.append(_inline_text(stripped))
    flush()
    cleaned = [(re.sub(r"\s+", " ", text).strip(), item) for text, item in paragraphs]
    return [(text, item) for text, item in cleaned if text]


_HIDDEN_OPEN = re.compile(r"<(script|style)\b", re.I)
#: a link's address in parentheses, which may hold one level of its own, as in
#: ``https://en.wikipedia.org/wiki/Dredging_(harbour)``
_ADDRESS = r"\((?:[^()]|\([^()]*\))*\)"
_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]" + _ADDRESS)
_INLINE_LINK = re.compile(r"\[([^\]]*)\]" + _ADDRESS)
_HIDDEN_ELEMENT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)


def _inline_text(text: str) -> str:
    text = _HIDDEN_ELEMENT.sub("", text)  # scripts and styles are code, not prose
    text = _INLINE_IMAGE.sub("", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)  # reference links
    text = re.sub(r"<[^>]+>", "", text)  # HTML tags
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = re.sub(r"(?<!\w)_(?=\S)|(?<=\S)_(?!\w)", "", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text)
    return html.unescape(text)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph; abbreviations and initials do not end one."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.start() + len(match.group(1))
        head = paragraph[start:end]
        last_word = head.rstrip("\"'”’»)]").rsplit(None, 1)[-1] if head.strip() else ""
        bare = last_word.rstrip(".").lower()
        if last_word.endswith(".") and (
            bare in _ABBREVIATIONS or (len(bare) == 1 and bare.isalpha())
        ):
            continue
        sentences.append(head.strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def sentences_of(markdown_body: str) -> list[str]:
    """Every sentence of the body, in order."""
    return [s for p in plain_text(markdown_body) for s in split_sentences(p)]


def _list_item_sentences(markdown_body: str) -> set[int]:
    """Indices (as in ``sentences_of``) of sentences that come from list items."""
    indices: set[int] = set()
    index = 0
    for text, item in prose_units(markdown_body):
        count = len(split_sentences(text))
        if item:
            indices.update(range(index, index + count))
        index += count
    return indices


def _stem(word: str) -> str:
    word = re.sub(r"['’]s$", "", word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(sentence: str) -> list[str]:
    """The words that carry meaning, lower-cased and lightly stemmed."""
    words = (w.lower() for w in _WORD.findall(sentence))
    return [_stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


# ------------------------------------------------------------------ scoring


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def _cosine(a: dict[str, float], b: dict[str, float], b_norm: float | None = None) -> float:
    """Cosine similarity; pass ``b_norm`` when ``b`` is compared with many vectors.

    The centroid holds the whole vocabulary: computing its norm once per
    sentence made scoring grow with sentences times vocabulary.
    """
    if not a or not b:
        return 0.0
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    norm = _norm(a) * (_norm(b) if b_norm is None else b_norm)
    return dot / norm if norm else 0.0


def _vectors(sentences: Sequence[str]) -> list[dict[str, float]]:
    counts = [Counter(terms(s)) for s in sentences]
    df: Counter[str] = Counter()
    for count in counts:
        df.update(count.keys())
    n = len(sentences)
    return [{t: tf * math.log(1 + n / df[t]) for t, tf in count.items()} for count in counts]


def score_sentences(
    sentences: Sequence[str], vectors: Sequence[dict[str, float]] | None = None
) -> list[ScoredSentence]:
    """Each sentence's position and centrality score, in document order."""
    if not sentences:
        return []
    if vectors is None:
        vectors = _vectors(sentences)
    centroid: dict[str, float] = {}
    for vector in vectors:
        for term, value in vector.items():
            centroid[term] = centroid.get(term, 0.0) + value
    centroid_norm = _norm(centroid)
    centrality = [_cosine(v, centroid, centroid_norm) for v in vectors]
    top = max(centrality) or 1.0
    scored = []
    for index, (sentence, central) in enumerate(zip(sentences, centrality, strict=True)):
        position = 1.0 / math.sqrt(index + 1)
        score = _POSITION_WEIGHT * position + _CENTRALITY_WEIGHT * central / top
        words = len(_WORD.findall(sentence))
        if words < _MIN_WORDS:
            score *= 0.5
        if sentence.rstrip("\"'”’»)]").endswith("?"):
            score *= 0.7
        if sentence[:1] in "\"“‘'«":
            score *= 0.8  # a quotation rarely stands for the whole article
        if _DEPENDENT_START.match(sentence):
            score *= 0.85
        scored.append(ScoredSentence(index, sentence, position, central / top, score))
    return scored


# ", the planning committee decided on Wednesday." closing a news lead: who said it, not what.
_ATTRIBUTION = re.compile(
    r",\s+(?:according to [^,]+|[^,]{1,70}?\s(?:said|says|announced|confirmed|reported|decided|"
    r"stated|added|explained|told [^,]+?|warned|agreed|revealed|estimated)"
    r"(?:\s+(?:on|in|at|last|this|after|during|before|late|early)\b[^,]*)?)"
    r"(?P<end>[.!]?[\"'”’»)\]]*)$"
)
_PARENTHESIS = re.compile(r"\s*\([^()]{1,80}\)")

#: How much a list item's score keeps: a fragment of a list reads badly alone.
_LIST_ITEM_WEIGHT = 0.6
#: How much a sentence's score keeps when it had to be cut to fit.
_CUT_AT_CLAUSE = 0.85
_CUT_AT_WORD = 0.6
#: Characters a clause break may give up to a later word-level break.
_PREFER_CLAUSE_WITHIN = 10


# A leading subordinate clause ("When ..., the city will ...") delays the point.
_LEADING_CLAUSE = re.compile(
    r"^(?:when|if|after|although|though|while|as|because|since|once|until|before|"
    r"despite|following|under|with)\b[^,]{3,120},\s+(?=[a-z])",
    re.I,
)
# Places where a long sentence can end early and still say something.
_SOFT_BREAK = re.compile(r"\s(?:and|but|while|which|who|whose|with|after|before|because|as)\s")


def _compress(sentence: str, limit: int) -> str:
    """The sentence without its attribution tail and asides: what it says, shorter."""
    shorter = _ATTRIBUTION.sub(lambda m: m.group("end") or ".", sentence)
    shorter = _PARENTHESIS.sub("", shorter)
    without_lead = _LEADING_CLAUSE.sub("", shorter)
    if without_lead != shorter and len(shorter) > limit:
        shorter = without_lead[:1].upper() + without_lead[1:]
    return shorter


def _last_break(pattern: re.Pattern[str], sentence: str, low: int, high: int) -> int:
    found = -1
    for match in pattern.finditer(sentence):
        if low <= match.start() <= high:
            found = match.start()
    return found


def _shorten(sentence: str, limit: int) -> tuple[str, float]:
    """Cut at the last clause break that fits, else at a word; end with an ellipsis.

    Returns the text and the share of the score it keeps: a clause reads as a
    statement, a sentence cut between two words does not.
    """
    budget = limit - 1
    keep = _CUT_AT_CLAUSE
    strong = _last_break(_CLAUSE_BREAK, sentence, int(limit * 0.4), budget)
    soft = _last_break(_SOFT_BREAK, sentence, limit // 2, budget)
    # A later soft break keeps more of what the sentence says; a comma reads cleaner.
    cut = soft if soft > strong + _PREFER_CLAUSE_WITHIN else strong
    if cut < 0:
        keep = _CUT_AT_WORD
        cut = sentence.rfind(" ", 0, budget + 1)
        if cut < limit // 2:
            cut = budget
    return sentence[:cut].rstrip(" ,;:—–-") + "…", keep


@dataclass(frozen=True)
class _Candidate:
    sentence: ScoredSentence
    text: str
    value: float
    whole: bool


def _candidate(sentence: ScoredSentence, limit: int) -> _Candidate:
    if len(sentence.text) <= limit:
        return _Candidate(sentence, sentence.text, sentence.score, True)
    compressed = _compress(sentence.text, limit)
    if len(compressed) <= limit:
        return _Candidate(sentence, compressed, sentence.score, True)
    text, keep = _shorten(compressed, limit)
    return _Candidate(sentence, text, sentence.score * keep, False)


#: The suggestion reads the body's first 100,000 characters at most (about
#: 15,000 words, far more than any article's point takes to make): the
#: position score already favours the top, and a bounded prefix keeps the
#: suggestion instant for a 20 MB file. Said in the README.
SOURCE_CHARS = 100_000


def source_text(body: str) -> str:
    """The part of ``body`` the suggestion reads: whole paragraphs up to SOURCE_CHARS."""
    if len(body) <= SOURCE_CHARS:
        return body
    cut = body.rfind("\n\n", 0, SOURCE_CHARS)
    if cut < SOURCE_CHARS // 2:
        cut = body.rfind(" ", 0, SOURCE_CHARS)
    return body[: cut if cut > 0 else SOURCE_CHARS]


def suggest(body: str, limit: int = SUMMARY_LIMIT, max_sentences: int = 2) -> Suggestion | None:
    """The best one or two sentences of ``body`` within ``limit`` characters; None if no prose.

    Only the first SOURCE_CHARS characters of the body are read.
    """
    body = source_text(body)
    sentences: list[str] = []
    items: set[int] = set()
    for text, item in prose_units(body):
        found = split_sentences(text)
        if item:
            # A list item ("Departs the quay at 23:40.") is rarely a statement on its own.
            items.update(range(len(sentences), len(sentences) + len(found)))
        sentences.extend(found)
    vectors = _vectors(sentences)
    scored = score_sentences(sentences, vectors)
    if not scored:
        return None
    scored = [
        replace(s, score=s.score * _LIST_ITEM_WEIGHT) if s.index in items else s for s in scored
    ]
    candidates = sorted(
        (_candidate(s, limit) for s in scored), key=lambda c: (-c.value, c.sentence.index)
    )
    first = candidates[0]
    chosen = [first]
    if max_sentences > 1 and first.whole:
        best_gain = 0.0
        partner: _Candidate | None = None
        for other in candidates[1:]:
            if not other.whole or len(first.text) + 1 + len(other.text) > limit:
                continue
            if other.value < 0.5 * first.value:
                continue
            overlap = _cosine(vectors[first.sentence.index], vectors[other.sentence.index])
            gain = other.value * (1.0 - overlap)
            if gain > best_gain:
                best_gain, partner = gain, other
        if partner is not None:
            chosen.append(partner)
    chosen.sort(key=lambda c: c.sentence.index)
    return Suggestion(
        " ".join(c.text for c in chosen),
        tuple(c.sentence.index for c in chosen),
        shortened=not first.whole,
    )


def suggest_summary(body: str, limit: int = SUMMARY_LIMIT) -> str:
    """The suggested summary text, or "" when the body has no prose to take it from."""
    result = suggest(body, limit)
    return "" if result is None else result.text


def lead_sentence(body: str) -> str:
    """The body's first sentence: the plain baseline a suggestion must beat."""
    sentences = sentences_of(body)
    return sentences[0] if sentences else ""


def apply_summary(article: Article, text: str, *, replace: bool = False) -> bool:
    """Set the article's summary to ``text``; True when it changed.

    An existing, different summary is replaced only with ``replace=True``,
    which callers pass only after the writer accepted the replacement.
    """
    current = article.summary.strip()
    if current == text.strip():
        return False
    if current and not replace:
        raise SummaryExistsError(
            "the article already has a summary; it is replaced only when you accept that",
            article.path,
        )
    article.summary = text
    return True
