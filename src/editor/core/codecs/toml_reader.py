"""The one TOML reader every TOML value goes through.

tomli is the standard library's ``tomllib`` compiled with mypyc: the same
parser and the same answers, three times faster, which a library of
thousands of TOML articles feels. ``tomllib`` is the fallback.
"""

from __future__ import annotations

try:
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomli is a dependency
    import tomllib  # type: ignore[no-redef]

read_toml = tomllib.loads
TomlSyntaxError = tomllib.TOMLDecodeError
