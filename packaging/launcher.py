"""The frozen app's entry script.

PyInstaller needs a file to start from, and ``src/editor/__main__.py`` cannot
be it: run as a script it would not be part of the ``editor`` package. This
file is only ever executed by the bundle's bootloader.
"""

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
