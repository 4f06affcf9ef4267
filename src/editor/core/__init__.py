"""The part of the editor that knows nothing about Qt.

Everything here runs on a machine without a display: the command line, the
checks in an editor's pipeline and the test suite use it directly, and the Qt
package in ``editor.ui`` is only a view on top of it.
"""
