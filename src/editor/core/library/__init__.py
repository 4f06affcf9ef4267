"""A folder of articles, indexed by their front matter only.

Editors open folders of thousands of scraped or generated articles and want
the list by title at once, so the scan reads only the head of each file and
keeps what it learns in an index cache. The package is split by job:

- ``entry``: what the library knows about one file, and the error codes;
- ``fields``, ``plain_yaml``, ``plain_toml``, ``plain_scalars`` and ``index``: reading
  one file's front matter, fast;
- ``scan`` and ``cache``: listing a folder tree, reusing the index cache;
- ``refresh``: re-reading only what changed on disk;
- ``links``: which article a ``prev`` / ``next`` link leads to;
- ``folder``: the ``Library`` those jobs make up.
"""

from editor.core.library.cache import CACHE_FORMAT, cache_file_for
from editor.core.library.entry import (
    INVALID,
    SPECIAL_FILE,
    SYMLINK_LOOP,
    UNREADABLE,
    LibraryEntry,
    ScanNotice,
)
from editor.core.library.fields import Fields, fast_fields, read_fields, slow_fields
from editor.core.library.folder import Library
from editor.core.library.index import front_matter_range, index_file
from editor.core.library.paths import ARTICLE_SUFFIXES, StrPath, is_article_name

__all__ = [
    "ARTICLE_SUFFIXES",
    "CACHE_FORMAT",
    "INVALID",
    "SPECIAL_FILE",
    "SYMLINK_LOOP",
    "UNREADABLE",
    "Fields",
    "Library",
    "LibraryEntry",
    "ScanNotice",
    "StrPath",
    "cache_file_for",
    "fast_fields",
    "front_matter_range",
    "index_file",
    "is_article_name",
    "read_fields",
    "slow_fields",
]
