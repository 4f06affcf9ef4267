"""``python -m editor [PATH]``: the same entry point as ``article-editor``."""

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
