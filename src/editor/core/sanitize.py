"""Clean the HTML that leaves the editor: the preview and every exported page.

Markdown passes raw HTML through, and an article can come from anyone. A
Content-Security-Policy stops scripts and remote loads in a browser, but not
``<meta http-equiv="refresh">`` (which navigates to any server), nor a
``<base>`` that re-points every relative address, nor a ``javascript:`` link
once someone clicks it. So the HTML is sanitized by nh3 (Rust's ammonia, an
allow-list parser that reads HTML the way browsers do) rather than by
regular expressions, and the CSP stays as a second wall.

What is kept is what Python-Markdown and its extensions produce (``extra``:
tables with their ``text-align`` styles, footnotes, abbreviations,
definition lists, ``attr_list`` ids and classes; ``toc`` ids; codehilite's
classes), plus media elements writers embed by hand. Everything else goes:
``meta``, ``base``, ``link``, ``script`` and ``style`` (with their content),
``iframe``, ``object``, ``embed``, forms, ``svg``, event handlers, ``style``
attributes other than alignment and colour, and any address whose scheme is not
a web, mail or relative one (``javascript:``, ``vbscript:``, ``data:``
links; ``data:`` images stay, they cannot run anything).
"""

from __future__ import annotations

import nh3

from editor.core.preview_safety import classify_url

_MEDIA = {"video", "audio", "source", "track", "picture"}

TAGS: frozenset[str] = frozenset((set(nh3.ALLOWED_TAGS) | _MEDIA) - {"area", "map"})

_GLOBAL = {"id", "class", "title", "lang", "dir"}
_CELL = {"style", "align", "colspan", "rowspan", "headers", "scope"}

ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": _GLOBAL,
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "align"},
    "th": _CELL,
    "td": _CELL,
    "table": {"align", "summary", "width", "cellpadding", "cellspacing", "border"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "video": {"src", "poster", "controls", "width", "height", "loop", "muted", "preload"},
    "audio": {"src", "controls", "loop", "muted", "preload"},
    "source": {"src", "srcset", "type", "media", "sizes"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "details": {"open"},
    # the preview's stand-ins for images it does not load are grey
    "span": {"style"},
    "time": {"datetime"},
}

#: Schemes nh3 lets through at all; classify_url below decides per attribute.
URL_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "mailto", "data"})

#: Attributes holding an address a browser loads (not just follows on a click).
_LOADED = frozenset({"src", "poster", "srcset"})
_URL_ATTRIBUTES = frozenset({"href", "cite", "src", "poster", "srcset"})


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Drop addresses that would run code or hand over data, whatever nh3's scheme list says."""
    if attribute not in _URL_ATTRIBUTES:
        return value
    if attribute == "srcset":
        return value  # the export and preview never load srcset; kept for their notes
    image = attribute in _LOADED and tag in ("img", "video", "source", "picture")
    return None if classify_url(value, image=image) == "blocked" else value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style", "template", "title", "noscript", "textarea"},
    attributes=ATTRIBUTES,
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties={"text-align", "color"},
    # the export's notes on what it did not load (data-blocked-src="...")
    generic_attribute_prefixes={"data-"},
)


def sanitize_html(fragment: str) -> str:
    """``fragment`` with everything outside the allow-list removed."""
    return str(_CLEANER.clean(fragment))
