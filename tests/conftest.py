"""Test set-up every test relies on, so nobody has to remember it.

Qt runs on the offscreen platform, QSettings write to a temporary folder
instead of the user's real configuration, and the user's data folder (where
the recovery journal lives) is a temporary one too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Each pytest process gets its own config and data home before Qt reads them.
_HOME = Path(tempfile.mkdtemp(prefix="article-editor-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_HOME / "config")
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")
os.environ["XDG_CACHE_HOME"] = str(_HOME / "cache")
os.environ.setdefault("XDG_RUNTIME_DIR", str(_HOME / "runtime"))
Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "jekyll"
SAMPLES = REPO / "resources" / "samples"


@pytest.fixture
def samples_copy(tmp_path: Path) -> Path:
    """A private copy of the sample library that a test may change."""
    import shutil

    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target)
    return target


@pytest.fixture
def qsettings_isolated(tmp_path: Path) -> object:
    """QSettings redirected into the test's temporary folder."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "native")
    )
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return QSettings


def pytest_report_header(config: pytest.Config) -> str:
    corpus = (
        f"corpus: {CORPUS} ({len(list(CORPUS.glob('*.md')))} files)"
        if CORPUS.is_dir()
        else f"corpus: NOT FOUND at {CORPUS}; the real-file round-trip tests will be skipped"
    )
    return f"python {sys.version.split()[0]}; QT_QPA_PLATFORM=offscreen; {corpus}"
