"""The shape of the published page: title, summary box, body, previous/next links.

The preview and the HTML export both show an article the way readers will see
it, so the pieces around the body are built here once. Every value is escaped:
front matter comes from files we did not write.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from editor.core.article import Article, Link
from editor.core.preview_safety import classify_url

SUMMARY_PROMPT = "No time to read?"
SUMMARY_ACTION = "Get a summary"
PREV_LABEL = "Previous Article"
NEXT_LABEL = "Next Article"

#: Turns a link into the href the page should use (None: show the label without a link).
LinkTarget = Callable[[Link], str | None]


def default_link_target(link: Link) -> str | None:
    if link.url:
        return link.url
    if link.path:
        return link.path
    return None


def header_html(article: Article, *, collapsible_summary: bool = False) -> str:
    """Title and summary box as they stand above the body."""
    parts = [f'<h1 class="article-title">{escape(article.title) or "<i>Untitled</i>"}</h1>']
    summary = article.summary.strip()
    if summary:
        if collapsible_summary:
            parts.append(
                '<details class="summary-box"><summary>'
                f'<span class="summary-prompt">{SUMMARY_PROMPT}</span> '
                f'<span class="summary-action">{SUMMARY_ACTION}</span></summary>'
                f"<p>{escape(summary)}</p></details>"
            )
        else:
            # QTextBrowser has no <details>; a one-cell table draws the box.
            parts.append(
                '<table class="summary-box" width="100%" cellpadding="10" cellspacing="0">'
                f'<tr><td><p class="summary-prompt"><b>{SUMMARY_PROMPT}</b> '
                f'<span class="summary-action">{SUMMARY_ACTION}</span></p>'
                f'<p class="summary-text">{escape(summary)}</p></td></tr></table>'
            )
    return "\n".join(parts)


def _link_html(label: str, link: Link | None, target: LinkTarget, css_class: str) -> str:
    if link is None or not (link.title or link.path or link.url):
        return ""
    href = target(link)
    if href and classify_url(href) == "blocked":
        href = None  # javascript:, data: or file: from front matter: the label alone
    title = escape(link.title or link.path or link.url or "")
    inner = f'<a href="{escape(href, quote=True)}">{title}</a>' if href else title
    return (
        f'<div class="{css_class}"><p class="nav-label">{label}</p>'
        f'<p class="nav-title">{inner}</p></div>'
    )


def footer_html(article: Article, target: LinkTarget = default_link_target) -> str:
    """The previous/next navigation as it stands below the body."""
    prev_html = _link_html(PREV_LABEL, article.prev, target, "nav-prev")
    next_html = _link_html(NEXT_LABEL, article.next, target, "nav-next")
    if not (prev_html or next_html):
        return ""
    return f'<hr class="nav-rule"/><div class="article-nav">{prev_html}{next_html}</div>'
