"""Hostile raw HTML in an article, exported and opened in headless Chromium: 0 requests.

A local HTTP server on 127.0.0.1 counts every request. The same markup
written straight into a page (no export, no policy) is opened first and
must reach the server, which proves the vectors work in this browser and
the server is reachable; the exported page must then send it nothing, even
after every link on it is clicked. A Content-Security-Policy cannot stop
``<meta http-equiv="refresh">``; the sanitizer has to.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from editor.core.article import Link, new_article, save_article
from editor.core.export import export_article_file
from tests import test_site_in_browser as site_browser
from tests.test_site_in_browser import Browser, _chromium

#: name -> markup; {base} is the server's address. Each one, left in a page, makes a request.
VECTORS = {
    "meta refresh": '<meta http-equiv="refresh" content="0;url={base}/refresh">',
    "base": '<base href="{base}/base/"><img src="through-base.png" alt="b">',
    "script": '<script>fetch("{base}/script")</script>',
    "event handler": '<img src="missing.png" alt="e" onerror="fetch(\'{base}/onerror\')">',
    "svg onload": '<svg><image href="{base}/svg"/></svg>',
    "javascript link": '<a class="hostile" href="javascript:fetch(\'{base}/js\')">js</a>',
    "tab in the scheme": '<a class="hostile" href="java&#x09;script:fetch(\'{base}/tab\')">t</a>',
    "vbscript link": '<a class="hostile" href="vbscript:msgbox(1)">vb</a>',
    "data link": (
        '<a class="hostile" href="data:text/html,&lt;script&gt;fetch(\'{base}/data\')'
        '&lt;/script&gt;">d</a>'
    ),
    "iframe": '<iframe src="{base}/iframe"></iframe>',
    "object": '<object data="{base}/object"></object>',
    "embed": '<embed src="{base}/embed">',
    "link prefetch": '<link rel="prefetch" href="{base}/prefetch">',
    "form": '<form action="{base}/form"><button class="hostile" type="submit">go</button></form>',
    "style attribute": '<div style="background-image: url({base}/style)">styled</div>',
    "style element": "<style>body {{ background: url({base}/style-element) }}</style>",
    "video poster": '<video poster="{base}/poster"></video>',
}


#: Vectors this Chromium refuses by itself (the exported page must drop them all the same).
INERT_HERE = {
    "vbscript link": "Chromium has no VBScript",
    "data link": "Chromium blocks top-level navigation to data: addresses",
}


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<p>reached</p>")

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Counter,), {"hits": hits})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _settle(browser: Browser, seconds: float = 1.5) -> None:
    """Let refreshes, handlers and clicks run; the server counts what arrives."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.1)
        with contextlib.suppress(RuntimeError, TimeoutError):
            browser.evaluate("1")


def _click_everything(browser: Browser) -> None:
    browser.evaluate(
        "(() => { for (const el of document.querySelectorAll('a, button'))"
        " { try { el.click(); } catch (e) {} } return true; })()"
    )


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if os.name != "posix":
        pytest.skip("the DevTools pipe needs POSIX file descriptors 3 and 4; skipped here")
    executable = _chromium()
    if executable is None:
        pytest.skip(
            "chromium is not installed, so the sanitizer was not tried in a browser "
            "(Debian: apt-get install chromium)"
        )
    # Every host name still resolves nowhere; only the counting server is reachable.
    flags = [f for f in site_browser.CHROMIUM_FLAGS if not f.startswith("--host-resolver")]
    flags += ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--no-proxy-server"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_browser, "CHROMIUM_FLAGS", flags)
        driver = Browser(executable, tmp_path_factory.mktemp("profile"))
    try:
        try:
            driver.send("Browser.getVersion", session=False)
        except (RuntimeError, TimeoutError) as exc:
            log = driver.close()
            pytest.skip(f"chromium is installed but could not be started here ({exc}): {log}")
        driver.open_tab()
        yield driver
    finally:
        driver.close()


def _open(browser: Browser, page: Path) -> None:
    # A page that navigates away at once may not fire its own load event.
    with contextlib.suppress(TimeoutError):
        browser.navigate(page.as_uri())


@pytest.mark.parametrize("name", list(VECTORS))
def test_vector_sends_nothing_once_exported(
    name: str, tmp_path: Path, server: tuple[str, list[str]], browser: Browser
) -> None:
    base, hits = server
    hits.clear()
    markup = VECTORS[name].format(base=base)

    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><html><body>{markup}</body></html>", encoding="utf-8")
    _open(browser, control)
    _click_everything(browser)
    _settle(browser)
    reached = list(hits)
    if name in INERT_HERE:
        pass  # the export must still drop it: other browsers run it
    elif not reached:
        pytest.skip(f"{name}: the unsanitized markup made no request in this browser either")
    hits.clear()

    folder = tmp_path / "library"
    folder.mkdir()
    article = new_article()
    article.title = "Received from elsewhere"
    article.prev = Link("Back", url=f"javascript:fetch('{base}/prev')")
    article.body = f"A paragraph.\n\n{markup}\n\nAfter.\n"
    save_article(article, folder / "a.md")
    page = tmp_path / "out" / "a.html"
    export_article_file(folder / "a.md", page)
    html = page.read_text(encoding="utf-8")
    assert "javascript:" not in html and "vbscript:" not in html

    _open(browser, page)
    _click_everything(browser)
    _settle(browser)
    print(f"{name}: {len(reached)} request(s) before, {len(hits)} after export")
    assert hits == [], f"{name}: the exported page reached {hits}"
    assert browser.evaluate("document.querySelectorAll('.hostile[href]').length") == 0
