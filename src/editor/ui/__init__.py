"""The Qt window on top of ``editor.core``.

Widgets here never read or write files: ``document.ArticleDocument`` does,
and the widgets talk to it through signals.
"""
