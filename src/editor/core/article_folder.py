"""Is the folder an article sits in a library of articles? (Asked when a single file opens.)

Opening one article of a series should show the series: its neighbours in
the sidebar and the chain. A folder is taken for a library when it holds at
least one other article beside the opened one. The home folder and a
file-system root are never taken, however many notes they hold: a library
is scanned recursively, and a whole home folder is not what anyone meant.
"""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.library import ARTICLE_SUFFIXES


def library_folder_for(article: Path, *, home: Path | None = None) -> Path | None:
    """The folder to open as the library of ``article``, or None when it is no library."""
    folder = article.resolve().parent
    home_folder = (home or Path.home()).resolve()
    if folder == home_folder or folder == Path(folder.anchor):
        return None
    own = article.resolve().name
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if (
                    entry.name != own
                    and entry.name.lower().endswith(ARTICLE_SUFFIXES)
                    and entry.is_file()
                ):
                    return folder
    except OSError:
        return None
    return None
