"""Moving articles in and out: import of scraped pages, export of a site, and the summary
suggestion.
"""
