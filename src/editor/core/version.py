"""The editor's version, kept in the core so exported pages can name their generator.

``editor.__version__`` re-exports it; the packaging spec reads this file's text.
"""

__version__ = "0.1.0"
