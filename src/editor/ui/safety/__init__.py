"""Nothing lost: autosave, the recovery journal, the file watcher, the change banner and the
compare dialog.
"""
