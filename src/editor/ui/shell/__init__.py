"""The window's frame: application start, the main window, settings, preferences, theme, shortcuts
and prompts.
"""
