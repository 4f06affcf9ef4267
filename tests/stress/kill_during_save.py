"""Kill a saving process at random moments; the article on disk must always be whole.

A child process opens an article and saves a growing version of it again and
again with ``editor.save_article``, while this process SIGKILLs it after a
random delay, starts a new child, and repeats. Before each save the child
logs the version number and the sha256 of the exact bytes it is about to
write, so after every kill the file must be byte for byte either the last
version logged (the save finished) or the one before it (the save was cut
off). Anything else, an empty or partial file, or a temporary file that a
library scan would take for an article, is a failure.

    python tests/stress/kill_during_save.py            # 500 kills
    python tests/stress/kill_during_save.py --kills 50 --folder /mnt/usb

Prints the counts and one JSON line; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from editor.core.article import load_article, new_article, save_article
from editor.core.atomic_write import is_temporary_file

ARTICLE = "growing.md"
#: The body grows a paragraph per version, then starts over, so sizes span
#: a few hundred bytes to about 60 KB (several write calls per save).
CYCLE = 400


def version_text(k: int) -> tuple[str, str]:
    """Title and body of version ``k``; deterministic so any version can be named."""
    paragraphs = [
        f"Paragraph {i} of version {k}: the harbour lights came on one by one "
        f"while the ferry waited for the last passengers.\n"
        for i in range(1 + k % CYCLE)
    ]
    return f"Version {k}", "\n".join(paragraphs)


def child(folder: Path, first_version: int, log_path: Path) -> None:
    """Open the article and keep saving new versions until killed."""
    path = folder / ARTICLE
    article = load_article(path) if path.exists() else new_article(path)
    with log_path.open("w", encoding="utf-8") as log:
        k = first_version
        while True:
            article.title, article.body = version_text(k)
            data = article.to_bytes()
            # Logged before writing: the parent must know every candidate.
            log.write(f"{k} {hashlib.sha256(data).hexdigest()}\n")
            log.flush()
            save_article(article)
            k += 1


def read_log(log_path: Path) -> list[tuple[int, str]]:
    """Complete lines only: a kill can cut the last line short."""
    try:
        text = log_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    entries = []
    for line in text.splitlines(keepends=True):
        if not line.endswith("\n"):
            break
        number, digest = line.split()
        entries.append((int(number), digest))
    return entries


@dataclass
class Counts:
    kills: int = 0
    saves_logged: int = 0
    killed_before_first_save: int = 0
    file_is_last_version: int = 0
    file_is_previous_version: int = 0
    leftover_temp_files: int = 0
    failures: list[str] = field(default_factory=list)


def run(kills: int, folder: Path, max_delay: float, seed: int) -> Counts:
    rng = random.Random(seed)
    counts = Counts()
    path = folder / ARTICLE
    logs = folder.parent / (folder.name + "-logs")
    logs.mkdir(exist_ok=True)
    # Version 0 is saved here, so every child starts from a real file.
    first = new_article(path)
    first.title, first.body = version_text(0)
    save_article(first)
    on_disk = (0, hashlib.sha256(path.read_bytes()).hexdigest())
    next_version = 1
    for round_number in range(kills):
        log_path = logs / f"child-{round_number}.log"
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            try:
                child(folder, next_version, log_path)
            finally:
                os._exit(3)
        time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        counts.kills += 1
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            counts.failures.append(f"kill {round_number}: the child ended by itself ({status})")
        entries = read_log(log_path)
        log_path.unlink(missing_ok=True)
        counts.saves_logged += len(entries)
        if not entries:
            counts.killed_before_first_save += 1
        else:
            next_version = entries[-1][0] + 1
        # Saves run one after another, so the file holds either the last
        # version logged (its save finished) or the one logged before it;
        # when this child logged only one, the one before is what the last
        # check found on disk.
        candidates = [on_disk, *entries][-2:]
        found = check_folder(folder, candidates, round_number, counts)
        if found is not None:
            on_disk = found
    logs.rmdir()
    return counts


def check_folder(
    folder: Path, candidates: list[tuple[int, str]], round_number: int, counts: Counts
) -> tuple[int, str] | None:
    """The version on disk, if it is one of ``candidates`` and whole; else a failure."""
    for name in sorted(os.listdir(folder)):
        if name == ARTICLE:
            continue
        if is_temporary_file(name) and name.startswith(".") and not name.endswith(".md"):
            counts.leftover_temp_files += 1
            (folder / name).unlink()  # counted; a fresh count for the next kill
        else:
            counts.failures.append(f"kill {round_number}: unexpected file {name!r}")
    path = folder / ARTICLE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        counts.failures.append(f"kill {round_number}: the article is gone")
        return None
    if not data:
        counts.failures.append(f"kill {round_number}: the article is empty")
        return None
    digest = hashlib.sha256(data).hexdigest()
    matches = [version for version in candidates if version[1] == digest]
    if not matches:
        names = " or ".join(str(number) for number, _ in candidates)
        counts.failures.append(
            f"kill {round_number}: {len(data)} bytes on disk are not version {names}"
        )
        return None
    found = matches[-1]
    if found == candidates[-1]:
        counts.file_is_last_version += 1
    else:
        counts.file_is_previous_version += 1
    title, body = version_text(found[0])
    article = load_article(path)
    if (article.title, article.body) != (title, body):
        counts.failures.append(f"kill {round_number}: version {found[0]} does not read back")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=500, help="how many times to kill (500)")
    parser.add_argument("--folder", type=Path, help="where to save (a new temporary folder)")
    parser.add_argument(
        "--max-delay", type=float, default=0.02, help="longest wait before a kill, seconds"
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed (printed)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    with tempfile.TemporaryDirectory(prefix="kill-during-save-", dir=args.folder) as base:
        folder = Path(base) / "articles"
        folder.mkdir()
        started = time.perf_counter()
        counts = run(args.kills, folder, args.max_delay, seed)
        seconds = time.perf_counter() - started
    print(f"seed:                          {seed}")
    print(f"kills:                         {counts.kills}")
    print(f"saves started (logged):        {counts.saves_logged}")
    print(f"killed before the first save:  {counts.killed_before_first_save}")
    print(f"file was the version in save:  {counts.file_is_last_version}")
    print(f"file was the previous version: {counts.file_is_previous_version}")
    print(f"temporary files left (hidden): {counts.leftover_temp_files}")
    print(f"failures:                      {len(counts.failures)}")
    for failure in counts.failures[:20]:
        print(f"  {failure}")
    print(f"seconds:                       {seconds:.1f}")
    summary = asdict(counts)
    summary["failures"] = len(counts.failures)
    summary.update(seed=seed, seconds=round(seconds, 2))
    print(json.dumps({"kill_during_save": summary}))
    return 1 if counts.failures else 0


if __name__ == "__main__":
    sys.exit(main())
