"""Writing the article: the text editor, highlighting, find and replace, writing helpers, spelling,
focus mode, outline, images, the metadata panel and undo commands.
"""
