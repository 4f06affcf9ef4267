"""Find the files in ``resources/`` the same way installed, editable and frozen.

A wheel carries them as ``editor/resources`` (hatchling force-include), a
frozen bundle puts them in the same place, and a source checkout or editable
install keeps them in the repository's top-level ``resources/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


class MissingResourceError(FileNotFoundError):
    """A file the application ships with is not where it should be."""


@cache
def resource_root() -> Traversable:
    # Plain folders first: importlib.resources costs a few milliseconds of the
    # start, and only a package loaded from a zip needs it.
    beside = Path(__file__).resolve().parent / "resources"
    if beside.is_dir():
        return beside
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    from importlib import resources

    packaged = resources.files("editor") / "resources"
    if packaged.is_dir():
        return packaged
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
