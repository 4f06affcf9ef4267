"""What showing the open article's unsaved state costs in a library of 10,000 articles.

Run ``python tests/benchmarks/unsaved_state.py [--articles N]``. While a writer
edits a title or a link, the sidebar and the chain are redrawn from a
snapshot of the library that holds the editor's values (after a 300 ms pause
in typing). This measures, on the generated library of ``library.py``
(about 5 KB articles with the usual defects):

- baseline_check_s: ``check_library`` over the whole library, what a save
  triggers in the background anyway;
- unsaved_s: ``unsaved_problems`` for one article in the middle of a series
  (snapshot, the articles it touches, their re-check), what each pause costs
  on the typing thread.

Target: unsaved_s <= 0.1 s and below the baseline. Best of five runs; it
prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from library import _best, generate

from editor.core.article import Link
from editor.core.checks import check_library
from editor.core.library import Library
from editor.core.unsaved_state import UnsavedFields, unsaved_problems

TARGET_S = 0.1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.articles)
        library = Library.open(folder)
        problems: dict[str, list] = {}
        for problem in check_library(library):
            problems.setdefault(str(problem.path), []).append(problem)
        entry = next(
            e for e in library.articles()[len(library) // 2 :] if e.error is None and e.next
        )
        fields = UnsavedFields(
            entry.title + " (revised)", entry.summary, entry.prev, Link("A new next", None)
        )
        baseline, baseline_cpu, _ = _best(lambda: check_library(library), runs=5)
        unsaved, unsaved_cpu, _ = _best(
            lambda: unsaved_problems(library, problems, entry.path, fields), runs=5
        )
    numbers = {
        "articles": args.articles,
        "baseline_check_s": round(baseline, 4),
        "unsaved_s": round(unsaved, 4),
        "baseline_check_cpu_s": round(baseline_cpu, 4),
        "unsaved_cpu_s": round(unsaved_cpu, 4),
        "target_unsaved_s": TARGET_S,
    }
    print(f"{'measure':<20}{'wall s':>10}{'cpu s':>10}")
    print(f"{'baseline_check':<20}{baseline:>10.4f}{baseline_cpu:>10.4f}")
    print(f"{'unsaved':<20}{unsaved:>10.4f}{unsaved_cpu:>10.4f}")
    print(json.dumps(numbers))
    return 0 if unsaved <= TARGET_S and unsaved < baseline else 1


if __name__ == "__main__":
    sys.exit(main())
