"""The sample library a newcomer sees first is a valid, linked set of articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.article import load_article, save_article
from editor.core.placeholder import looks_like_placeholder

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
ARTICLES = sorted(SAMPLES.glob("*.md"))


def test_there_are_three_to_five_samples() -> None:
    assert 3 <= len(ARTICLES) <= 5


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_sample_loads_and_saves_untouched(path: Path, tmp_path: Path) -> None:
    article = load_article(path)
    assert article.title
    save_article(article, tmp_path / path.name)
    assert (tmp_path / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_sample_links_point_at_other_samples(path: Path) -> None:
    article = load_article(path)
    for link in (article.prev, article.next):
        if link is not None and link.path:
            assert (path.parent / link.path).is_file(), link


def test_the_library_is_chained_and_one_title_is_a_placeholder() -> None:
    articles = [load_article(path) for path in ARTICLES]
    assert any(a.prev is not None or a.next is not None for a in articles)
    titles = [a.title for a in articles]
    assert sum(looks_like_placeholder(t) for t in titles) == 1, titles
