"""Find the files in ``resources/`` the same way installed, editable and frozen.

A wheel carries them as ``editor/resources`` (hatchling force-include), a
frozen bundle puts them in the same place, and a source checkout or editable
install keeps them in the repository's top-level ``resources/``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


class MissingResourceError(FileNotFoundError):
    """A file the application ships with is not where it should be."""


@cache
def resource_root() -> Traversable:
    packaged = resources.files("editor") / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise MissingResourceError(
        "the editor's resources folder is missing from this installation "
        f"(looked in {packaged} and {checkout})"
    )


def resource(*parts: str) -> Traversable:
    """A shipped file; MissingResourceError names it when the installation lacks it."""
    item = resource_root().joinpath(*parts)
    if not (item.is_file() or item.is_dir()):
        raise MissingResourceError(f"missing resource: {'/'.join(parts)}")
    return item


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()


def samples_folder() -> Path:
    """The sample library as a real folder (resources are plain files in every layout)."""
    return Path(str(resource("samples")))
