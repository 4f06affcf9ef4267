"""The library of articles: the sidebar, the chain of previous/next links, problems, fixes and link
pickers.
"""
