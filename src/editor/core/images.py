"""Images dropped or pasted into an article: stored beside it, linked relatively.

An article and its images travel together (a site generator, a git
repository, a zip to an editor), so images are copied into a folder next to
the article file and linked with a relative path, never an absolute one.
Names are made safe for every file system and URL; a second copy of the same
image reuses the file already there instead of piling up duplicates.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from editor.core.atomic_write import atomic_write_bytes
from editor.core.errors import ArticleError
from editor.core.reading import read_regular_file

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".avif")
DEFAULT_IMAGES_FOLDER = "images"
#: images larger than this are refused: they belong in a media library, not beside an article
MAX_IMAGE_BYTES = 50 * 1024 * 1024


def is_image_path(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


def safe_stem(name: str) -> str:
    """``Photo of the Quay (2).JPG`` → ``photo-of-the-quay-2``: safe in URLs and on any disk."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return stem[:60].strip("-") or "image"


def images_folder(article_path: Path, folder: str) -> Path:
    """The folder for the article's images; ``folder`` is relative to the article's folder."""
    relative = folder.strip().strip("/\\") or DEFAULT_IMAGES_FOLDER
    return Path(os.path.normpath(article_path.parent / relative))


def store_image_bytes(data: bytes, stem_hint: str, suffix: str, target_folder: Path) -> Path:
    """Write ``data`` under a unique name in ``target_folder``; reuse an identical file."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError(f"the image is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    suffix = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
    stem = safe_stem(stem_hint)
    digest = hashlib.sha256(data).digest()
    target_folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, 10_000):
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        candidate = target_folder / name
        if not candidate.exists():
            atomic_write_bytes(candidate, data)
            return candidate
        if candidate.is_file() and hashlib.sha256(candidate.read_bytes()).digest() == digest:
            return candidate
    raise ValueError(f"too many images named {stem} in {target_folder}")


def store_image_file(source: Path, target_folder: Path) -> Path:
    """Copy ``source`` into ``target_folder`` (an image already there is linked as it is)."""
    if source.resolve().parent == target_folder.resolve():
        return source.resolve()
    try:
        data = read_regular_file(source, MAX_IMAGE_BYTES, label="images")
    except ArticleError as exc:
        raise ValueError(f"{source.name}: {exc.message}") from None
    return store_image_bytes(data, source.stem, source.suffix, target_folder)


def relative_link(image: Path, article_path: Path) -> str:
    """The image's path as seen from the article, with forward slashes, URL-quoted."""
    try:
        relative = image.resolve().relative_to(article_path.parent.resolve())
    except ValueError:
        relative = Path(os.path.relpath(image.resolve(), article_path.parent.resolve()))
    return quote(PurePosixPath(*relative.parts).as_posix(), safe="/-._~")


def alt_text(name: str) -> str:
    """A starting alt text from the file name; the writer should describe the image."""
    words = re.sub(r"[-_]+", " ", Path(name).stem).strip()
    return re.sub(r"[\[\]]", "", words) or "image"


def image_markdown(alt: str, link: str) -> str:
    return f"![{alt}]({link})"
