"""The exported site in a real browser: headless Chromium driven over the DevTools pipe.

Chromium is started with ``--remote-debugging-pipe`` (the protocol runs over
file descriptors 3 and 4, so not even a local port is opened) and the test
opens the index from ``file://``, follows Next Article from the first page
to the last, opens the summary box, and records every request the pages
make: all of them must stay on the machine. Without a ``chromium`` binary
(Debian package ``chromium``) the test skips and says so.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from editor.core.article import Link, new_article, save_article
from editor.core.export import export_site

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-default-browser-check",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--metrics-recording-only",
    # Belt and braces: should anything try a host name, it resolves nowhere.
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "chrome-error:")
STEP_TIMEOUT = 10.0

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _chromium() -> str | None:
    for name in (os.environ.get("ARTICLE_EDITOR_CHROMIUM"), "chromium", "chromium-browser"):
        if name:
            found = shutil.which(name)
            if found:
                return found
    return None


class Browser:
    """The smallest DevTools-protocol client that can drive one tab over the pipe."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_fds() -> None:  # runs in the child, before exec
            high_in, high_out = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            close_fds=False,
            preexec_fn=wire_fds,  # the only way to place the pipe on fds 3 and 4
        )  # fmt: skip
        os.close(to_child_r)
        os.close(from_child_w)
        self._next_id = 0
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session: str | None = None

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_child, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                self._messages.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                self._messages.put(json.loads(raw))

    def _next_message(self, deadline: float) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the browser did not answer in time")
        message = self._messages.get(timeout=remaining)
        if message is None:
            raise RuntimeError("the browser closed the DevTools pipe")
        if "method" in message:
            self.events.append(message)
        return message

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = True
    ) -> Any:
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            command["sessionId"] = self.session
        os.write(self._to_child, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + STEP_TIMEOUT
        while True:
            message = self._next_message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for(self, method: str, after: int) -> dict[str, Any]:
        """The first event ``method`` that arrived after ``after`` events had been seen."""
        deadline = time.monotonic() + STEP_TIMEOUT
        while True:
            for event in self.events[after:]:
                if event["method"] == method and event.get("sessionId") == self.session:
                    return event
            after = len(self.events)
            try:
                self._next_message(deadline)
            except queue.Empty:
                raise TimeoutError(f"no {method} within {STEP_TIMEOUT} s") from None

    def open_tab(self) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True},
            session=False,
        )  # fmt: skip
        self.session = attached["sessionId"]
        for domain in ("Page.enable", "Network.enable", "Runtime.enable"):
            self.send(domain)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def navigate(self, url: str) -> None:
        mark = len(self.events)
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired", mark)

    def click_and_wait(self, selector: str) -> bool:
        """Click the first element matching ``selector``; False when there is none."""
        mark = len(self.events)
        clicked = self.evaluate(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " if (!el) return false; el.click(); return true; })()"
        )
        if clicked:
            self.wait_for("Page.loadEventFired", mark)
        return bool(clicked)

    def requested_urls(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def sent_requests(self) -> list[str]:
        """URLs the page asked for, minus those the page's policy stopped before sending."""
        stopped = {
            e["params"]["requestId"]
            for e in self.events
            if e["method"] == "Network.loadingFailed" and e["params"].get("blockedReason")
        }
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
            and e["params"]["requestId"] not in stopped
        ]

    def close(self) -> str:
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.process.poll() is None:
            self.process.kill()
        try:
            _, err = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            return ""
        return err.decode("utf-8", "replace")[-2000:] if err else ""


def _site(tmp_path: Path) -> tuple[Path, list[str]]:
    """A chain of three articles with a summary, a local image and remote resources."""
    folder = tmp_path / "library"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "dot.png").write_bytes(PNG)
    titles = ["Harbour works begin", "Ferry returns to the islands", "Library keeps late hours"]
    names = ["harbour.md", "ferry.md", "library.md"]
    for index, (title, name) in enumerate(zip(titles, names, strict=True)):
        article = new_article()
        article.title = title
        article.summary = f"What happened: {title.lower()}."
        article.body = (
            f"First paragraph of “{title}”.\n\n![A dot](images/dot.png)\n\n"
            "![Remote photo](https://example.com/photo.jpg)\n\n"
            '<iframe src="https://example.com/embed"></iframe>\n\n'
            '<div style="background-image: url(https://example.com/bg.png)">Styled</div>\n'
        )
        if index > 0:
            article.prev = Link(titles[index - 1], names[index - 1])
        if index < 2:
            article.next = Link(titles[index + 1], names[index + 1])
        save_article(article, folder / name)
    site = tmp_path / "site"
    export_site(folder, site)
    return site, titles


def test_exported_site_in_headless_chromium(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("the DevTools pipe needs POSIX file descriptors 3 and 4; skipped here")
    executable = _chromium()
    if executable is None:
        pytest.skip(
            "chromium is not installed, so the exported site was not opened in a browser "
            "(Debian: apt-get install chromium)"
        )
    site, titles = _site(tmp_path)
    browser = Browser(executable, tmp_path / "profile")
    try:
        try:
            browser.send("Browser.getVersion", session=False)
        except (RuntimeError, TimeoutError) as exc:
            log = browser.close()
            pytest.skip(f"chromium is installed but could not be started here ({exc}): {log}")
        browser.open_tab()

        browser.navigate((site / "index.html").as_uri())
        assert browser.evaluate("[...document.querySelectorAll('a.entry-title')].length") == 3

        assert browser.click_and_wait("a.entry-title")
        visited = [browser.evaluate("document.querySelector('h1.article-title').textContent")]
        while browser.click_and_wait(".nav-next a"):
            visited.append(
                browser.evaluate("document.querySelector('h1.article-title').textContent")
            )
            assert len(visited) <= len(titles), visited
        assert visited == titles
        # And back along Previous Article to the first page.
        while browser.click_and_wait(".nav-prev a"):
            pass
        assert browser.evaluate("location.pathname.endsWith('/harbour.html')")

        box = browser.evaluate(
            "(() => { const d = document.querySelector('details.summary-box');"
            " const p = d.querySelector('p'); const closed = !d.open && !p.checkVisibility();"
            " d.querySelector('summary').click();"
            " return [closed, d.open, p.checkVisibility(), p.textContent]; })()"
        )
        assert box == [True, True, True, "What happened: harbour works begin."]
        # The local image is shown; the remote one is only a link.
        assert browser.evaluate("document.querySelector('.article-body img').naturalWidth") == 1
        assert browser.evaluate("document.querySelectorAll('a.remote-image').length") == 1

        # Only files of the site were fetched. The inline style's remote background is the
        # one thing the export leaves in the markup; the page's Content-Security-Policy
        # stops it before any request is made.
        outside = [u for u in browser.sent_requests() if not u.startswith(LOCAL_SCHEMES)]
        assert outside == []
        attempted = {u for u in browser.requested_urls() if not u.startswith(LOCAL_SCHEMES)}
        assert attempted <= {"https://example.com/bg.png"}
        assert any(u.endswith("/images/dot.png") for u in browser.requested_urls())
    finally:
        browser.close()
