"""How close the offline summary suggestion comes to summaries written by hand.

Run: ``python tests/benchmarks/summary.py``. For every sample article in
tests/fixtures/summaries the suggestion and the plain first-sentence baseline
(and that sentence cut at a word to fit the 160-character guideline, the
length-matched baseline) are scored with ROUGE-1 F1 (unigram overlap,
stopwords kept, as in the usual definition) against the summary its writer
put in the front matter. Both are measured in the same run, so the comparison
holds on any machine. Prints a table and one JSON line.

Then the time a writer waits for a suggestion on a long article: files of 1,
4 and 16 MB made of real prose (the Jekyll corpus beside the checkout when it
is there, else the sample articles), opened and summarised as
``article-editor summary`` does, against opening alone in the same run. The
suggestion reads only the first 100,000 characters (``SOURCE_CHARS``), so its
share should stay flat as the file grows. One more JSON line.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from editor.core.article import load_article  # noqa: E402
from editor.core.errors import ArticleError  # noqa: E402
from editor.core.summary import SUMMARY_LIMIT, lead_sentence, suggest_summary  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "summaries"
CORPUS = REPO.parent / "shared" / "corpus" / "jekyll"
SIZES_MB = (1, 4, 16)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def unigrams(text: str) -> Counter[str]:
    return Counter(w.lower().replace("’", "'") for w in _WORD.findall(text))


def rouge1_f1(candidate: str, reference: str) -> float:
    """ROUGE-1 F1: clipped unigram overlap, harmonic mean of precision and recall."""
    cand, ref = unigrams(candidate), unigrams(reference)
    if not cand or not ref:
        return 0.0
    overlap = sum((cand & ref).values())
    if overlap == 0:
        return 0.0
    precision = overlap / sum(cand.values())
    recall = overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def cut_to_limit(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """The baseline made to obey the guideline the simplest way: cut at the last word that fits."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit - 1] + "…"


def main() -> int:
    files = sorted(FIXTURES.glob("*.md"))
    if len(files) < 10:
        print(f"expected at least 10 sample articles in {FIXTURES}, found {len(files)}")
        return 1
    rows = []
    started = time.perf_counter()
    for path in files:
        article = load_article(path)
        suggestion = suggest_summary(article.body)
        baseline = lead_sentence(article.body)
        rows.append(
            (
                path.stem,
                rouge1_f1(suggestion, article.summary),
                rouge1_f1(baseline, article.summary),
                rouge1_f1(cut_to_limit(baseline), article.summary),
                len(suggestion),
                len(baseline),
            )
        )
    elapsed_ms = (time.perf_counter() - started) * 1000

    header = (
        f"{'article':<26} {'suggest':>8} {'lead':>8} {'lead-cut':>8} {'len':>5} {'lead len':>8}"
    )
    print("ROUGE-1 F1 against the hand-written summary")
    print(header)
    for name, ours, base, cut, length, base_length in rows:
        print(f"{name:<26} {ours:>8.3f} {base:>8.3f} {cut:>8.3f} {length:>5} {base_length:>8}")
    mean_ours = statistics.mean(r[1] for r in rows)
    mean_base = statistics.mean(r[2] for r in rows)
    mean_cut = statistics.mean(r[3] for r in rows)
    wins = sum(r[1] > r[2] for r in rows)
    ties = sum(r[1] == r[2] for r in rows)
    over = sum(r[4] > SUMMARY_LIMIT for r in rows)
    base_over = sum(r[5] > SUMMARY_LIMIT for r in rows)
    print(f"{'mean':<26} {mean_ours:>8.3f} {mean_base:>8.3f} {mean_cut:>8.3f}")
    print(
        f"suggestion better than the lead on {wins}, equal on {ties}, "
        f"worse on {len(rows) - wins - ties} "
        f"of {len(rows)}; over {SUMMARY_LIMIT} characters: suggestion {over}, lead {base_over}"
    )
    print(
        json.dumps(
            {
                "benchmark": "summary_rouge1",
                "articles": len(rows),
                "suggestion_rouge1_f1": round(mean_ours, 4),
                "first_sentence_rouge1_f1": round(mean_base, 4),
                "first_sentence_cut_rouge1_f1": round(mean_cut, 4),
                "suggestion_better": wins,
                "equal": ties,
                "suggestion_over_limit": over,
                "first_sentence_over_limit": base_over,
                "elapsed_ms": round(elapsed_ms, 1),
            }
        )
    )
    return 0


def _prose() -> tuple[str, str]:
    """Real article bodies to build long files from, and where they came from."""
    if CORPUS.is_dir():
        paths, where = sorted(CORPUS.glob("*.md")), f"the Jekyll corpus ({CORPUS})"
    else:
        paths, where = sorted(FIXTURES.glob("*.md")), "the sample articles (no corpus found)"
    bodies = []
    for path in paths:
        try:
            bodies.append(load_article(path).body)
        except ArticleError:  # a corpus file the editor refuses is simply left out
            continue
    return "\n\n".join(bodies), where


def timing() -> dict[str, object]:
    prose, where = _prose()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for mb in SIZES_MB:
            size = mb * 1_048_576
            body = (prose * (size // len(prose) + 1))[:size]
            body = body[: body.rfind("\n")] + "\n"
            path = Path(folder) / f"long-{mb}.md"
            path.write_text("---\ntitle: Long\n---\n" + body, encoding="utf-8")
            started = time.perf_counter()
            article = load_article(path)
            opened = time.perf_counter() - started
            started = time.perf_counter()
            article = load_article(path)
            suggest_summary(article.body)
            total = time.perf_counter() - started
            rows.append((mb, opened, total))
    print(f"long articles built from {where}")
    print(f"{'size':>6} {'open':>8} {'open+suggest':>13} {'suggest alone':>14}")
    for mb, opened, total in rows:
        print(f"{mb:>4} MB {opened:>7.3f}s {total:>12.3f}s {total - opened:>13.3f}s")
    return {
        "benchmark": "summary_time",
        "source": where,
        "open_s": {f"{mb}MB": round(o, 3) for mb, o, _ in rows},
        "open_and_suggest_s": {f"{mb}MB": round(t, 3) for mb, _, t in rows},
        "suggest_s": {f"{mb}MB": round(t - o, 3) for mb, o, t in rows},
    }


if __name__ == "__main__":
    status = main()
    print(json.dumps(timing()))
    sys.exit(status)
