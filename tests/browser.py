"""Browser test support: find Chromium, serve the built site on 127.0.0.1, and open pages in it.

Loaded as a pytest plugin by ``tests/conftest.py`` (fixtures ``browser``, ``site_server``, ``open_page``)
and imported by ``tests/screenshots.py``.

Which browser runs, in order:

1. a Playwright-managed Chromium, if one is installed (this project never downloads one);
2. the file named by ``SERVICE_GUIDE_CHROMIUM``;
3. ``chromium`` (or ``chromium-browser``) on ``PATH``, as Debian's ``apt-get install chromium`` gives.

Without a browser the browser tests skip, with one line that says how to enable them, unless
``SERVICE_GUIDE_REQUIRE_BROWSER=1`` is set (``.ci/run`` sets it): then they fail.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BROWSER_ENV = "SERVICE_GUIDE_CHROMIUM"
REQUIRE_ENV = "SERVICE_GUIDE_REQUIRE_BROWSER"
HOW_TO_ENABLE = (
    f"browser tests need Chromium: `apt-get install chromium`, or set {BROWSER_ENV}=/path/to/chromium"
)

# Headless, and quiet: without the networking flags Chromium keeps calling home over a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 812}
LOCAL_HOST = "127.0.0.1"


def browser_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip().lower() in {"1", "true", "yes"}


def find_chromium(playwright) -> str | None:
    """The Chromium to launch: None means Playwright's own, if it is installed; raises if none is found."""
    managed = Path(playwright.chromium.executable_path)
    if managed.is_file():
        return None
    configured = os.environ.get(BROWSER_ENV)
    if configured:
        if not Path(configured).is_file():
            raise FileNotFoundError(f"{BROWSER_ENV}={configured} is not a file")
        return configured
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError("no Chromium found")


def launch_chromium(playwright):
    """A headless Chromium, or FileNotFoundError saying why there is none."""
    executable = find_chromium(playwright)
    return playwright.chromium.launch(headless=True, executable_path=executable, args=CHROMIUM_ARGS)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site; unknown paths get the built 404.html with status 404, as Read the Docs does."""

    def send_error(self, code, message=None, explain=None):
        not_found_page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not not_found_page.is_file():
            return super().send_error(code, message, explain)
        body = not_found_page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # the tests report what matters; keep their output clean
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that drops a connection it no longer needs is no error; anything else is reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """The built site served from 127.0.0.1 on a free port, in a background thread."""

    def __init__(self, root: Path):
        handler = partial(_SiteHandler, directory=str(root))
        self._server = _QuietServer((LOCAL_HOST, 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{LOCAL_HOST}:{self._server.server_address[1]}/"

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@dataclass
class RequestLog:
    """Every URL a browser context asked for; requests to other hosts are recorded and blocked."""

    local: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def handle(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOCAL_HOST:
            self.local.append(url)
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


def new_context(browser, *, dark: bool = False, viewport: dict | None = None, **options):
    """A fresh browser context (own storage) that records requests and blocks other hosts.

    ``dark`` asks for dark mode both ways the theme listens: the system preference and the stored choice.
    """
    context = browser.new_context(
        viewport=viewport or DESKTOP,
        color_scheme="dark" if dark else "light",
        reduced_motion="reduce",
        **options,
    )
    context.set_default_timeout(10_000)  # a local page that takes longer has a problem worth a failure
    if dark:
        context.add_init_script("localStorage.setItem('mode', 'dark')")
    context.requests = RequestLog()
    context.route("**/*", context.requests.handle)
    return context


# -- pytest fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session; skips (or fails, in CI) when there is none."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser(f"{HOW_TO_ENABLE} (and the `playwright` package from requirements-test.txt)")
    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except FileNotFoundError as error:
            no_browser(f"{HOW_TO_ENABLE} ({error})")
        yield chromium
        chromium.close()


def no_browser(message: str):
    """Skip the browser tests, or fail them where a browser is required (CI)."""
    if browser_required():
        pytest.fail(f"{message}; {REQUIRE_ENV} is set, so a missing browser is an error", pytrace=False)
    pytest.skip(message)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Report every skip for want of a browser at one place, so the summary shows it on one line."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and HOW_TO_ENABLE in str(report.longrepr[2]):
        report.longrepr = (__file__, no_browser.__code__.co_firstlineno, report.longrepr[2])
    return report


@pytest.fixture(scope="session")
def site_server(site) -> Iterator[SiteServer]:
    with SiteServer(site.outdir) as server:
        yield server


@pytest.fixture
def open_page(browser, site_server):
    """``open_page(path, dark=False, viewport=DESKTOP)`` returns a loaded page in a fresh context."""
    contexts = []

    def open_(path: str = "", *, dark: bool = False, viewport: dict | None = None, **options):
        context = new_context(browser, dark=dark, viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(site_server.url(path))
        return page

    yield open_
    for context in contexts:
        context.close()
