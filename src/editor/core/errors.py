"""One exception type for every way an article file can be unusable.

Callers (the window, the command line, a script) need a single thing to catch
and enough position information to point a writer at the broken line, so the
error carries the path and a 1-based line and column when they are known.
"""

from __future__ import annotations

from pathlib import Path


class ArticleError(ValueError):
    """An article could not be read or written; nothing on disk was changed."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = str(self.path) if self.path is not None else "<text>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def with_path(self, path: str | Path) -> ArticleError:
        """The same error, naming the file it came from (parsers see only text)."""
        return ArticleError(self.message, path, self.line, self.column)
