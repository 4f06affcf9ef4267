"""Shipped files are found by name, and a missing one is named in the error."""

from __future__ import annotations

import pytest

from editor import resources
from tests.conftest import SAMPLES


def test_styles_are_read_as_text_and_bytes() -> None:
    css = resources.read_text("styles", "preview-light.css")
    assert "{" in css
    assert resources.read_bytes("styles", "preview-light.css") == css.encode("utf-8")


def test_the_sample_library_is_a_real_folder_of_articles() -> None:
    folder = resources.samples_folder()
    assert folder.is_dir()
    assert sorted(p.name for p in folder.glob("*.md")) == sorted(
        p.name for p in SAMPLES.glob("*.md")
    )


def test_a_missing_resource_names_itself() -> None:
    with pytest.raises(resources.MissingResourceError, match=r"missing resource: styles/nope\.css"):
        resources.read_text("styles", "nope.css")
    # It is a FileNotFoundError, so callers that expect one still catch it.
    assert issubclass(resources.MissingResourceError, FileNotFoundError)
