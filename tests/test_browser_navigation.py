"""Navigation in a browser: the phone sidebar, the page's table of contents, the colour mode, copy buttons."""

from __future__ import annotations

import re

import pytest
from browser import MOBILE
from conftest import DOCS
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import BashSessionLexer

pytestmark = pytest.mark.browser

STORAGE = "user/storage.html"
PRIMARY_DIALOG = "#pst-primary-sidebar-modal"


def dialog_open(page) -> bool:
    return page.evaluate(f"document.querySelector('{PRIMARY_DIALOG}').open")


def wait_until_sidebar_links_hidden(page) -> None:
    """The sidebar's links are hidden (the theme hides the closed sidebar with ``visibility``)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('nav.bd-docs-nav a.reference')]
          .every(link => !link.checkVisibility({visibilityProperty: true}))"""
    )


def open_sidebar(page) -> None:
    page.locator(".primary-toggle:visible").click()
    page.wait_for_function(f"document.querySelector('{PRIMARY_DIALOG}').open")


def test_phone_sidebar_opens_closes_and_its_links_work(open_page, site_server):
    page = open_page(STORAGE, viewport=MOBILE)
    wait_until_sidebar_links_hidden(page)

    open_sidebar(page)
    links = page.locator(f"{PRIMARY_DIALOG} nav.bd-docs-nav a.reference:visible")
    assert links.count() >= 8
    page.locator(f"{PRIMARY_DIALOG} a.reference", has_text="Get support").click()
    page.wait_for_url(site_server.url("support.html"))
    assert page.locator("article h1").inner_text().startswith("Get support")

    open_sidebar(page)
    page.keyboard.press("Escape")
    page.wait_for_function(f"!document.querySelector('{PRIMARY_DIALOG}').open")
    wait_until_sidebar_links_hidden(page)

    open_sidebar(page)
    page.mouse.click(MOBILE["width"] - 10, MOBILE["height"] // 2)  # on the backdrop, beside the sidebar
    page.wait_for_function(f"!document.querySelector('{PRIMARY_DIALOG}').open")


def test_page_contents_follow_scrolling_on_desktop(open_page):
    page = open_page(STORAGE)
    toc = page.locator("#pst-page-toc-nav")
    assert toc.is_visible()

    def active_entries() -> list[str]:
        return toc.evaluate(
            "nav => [...nav.querySelectorAll('a.nav-link.active')].map(link => link.getAttribute('href'))"
        )

    # Sections from the middle of the page, out of order: the last ones cannot reach the top.
    sections = ("#cloud-object-storage", "#scratch-bucket", "#your-home-directory", "#where-to-keep-what")
    for section in sections:
        page.evaluate(f"document.querySelector('{section}').scrollIntoView({{block: 'start'}})")
        page.wait_for_function(
            "href => document.querySelector(`#pst-page-toc-nav a.nav-link.active[href='${href}']`)",
            arg=section,
        )
        assert active_entries() == [section]


def test_colour_mode_switch_persists_across_pages(open_page):
    page = open_page(STORAGE)
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    for mode in ("dark", "light"):
        page.locator(".theme-switch-button").click()
        page.locator(f".theme-change-button[data-mode='{mode}']").click()
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        page.locator(".prev-next-area a.right-next").click()  # on to the next page, as a reader would
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.dataset.theme") == mode, f"{page.url} forgot {mode}"


def fenced_block(markdown: str, first_line: str) -> str:
    """The body of the fenced code block whose first line is ``first_line``."""
    match = re.search(r"```\w*\n(" + re.escape(first_line) + r".*?)\n```", markdown, re.DOTALL)
    assert match, f"no code block starting with {first_line!r}"
    return match.group(1)


def copy_with_button(page, block) -> str:
    block.hover()
    block.locator("button.copybtn").click()
    return page.evaluate("navigator.clipboard.readText()")


CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}


def test_copy_button_copies_a_code_block_exactly(open_page):
    expected = fenced_block((DOCS / "user" / "storage.md").read_text(encoding="utf-8"), "git clone")
    assert expected.count("\n") >= 4
    page = open_page(STORAGE, **CLIPBOARD)
    block = page.locator("div.highlight", has_text="git clone")
    assert copy_with_button(page, block) == expected


def test_copy_button_leaves_out_prompts_and_output(open_page):
    """A shell session as Pygments renders a ```console block: only the commands are copied.

    No page shows such a session yet, so the test adds one to a page, with the markup Sphinx writes.
    """
    session = "$ du -sh /home/jovyan\n4.2G\t/home/jovyan\n$ ls ~/shared\ncourse-data.csv\n"
    markup = highlight(session, BashSessionLexer(), HtmlFormatter())
    page = open_page(STORAGE, **CLIPBOARD)
    page.evaluate(
        """markup => {
          const wrapper = document.createElement('div');
          wrapper.className = 'highlight-console notranslate';
          wrapper.id = 'test-session';
          wrapper.innerHTML = markup;
          wrapper.querySelector('pre').id = 'test-session-code';
          wrapper.querySelector('pre').insertAdjacentHTML(
            'afterend', '<button class="copybtn" data-clipboard-target="#test-session-code">copy</button>');
          document.querySelector('article').append(wrapper);
        }""",
        markup,
    )
    assert page.locator("#test-session .gp").count() == 2 and page.locator("#test-session .go").count() == 2
    assert copy_with_button(page, page.locator("#test-session")) == "du -sh /home/jovyan\nls ~/shared"


def test_screenshots_cover_every_page_viewport_and_mode(browser, site, tmp_path):
    """``nox -s screenshots`` (tests/screenshots.py): 16 PNGs of the right sizes."""
    import struct

    from screenshots import PAGES, VIEWPORTS, take_screenshots

    written = take_screenshots(browser, site.outdir, tmp_path)
    assert len(written) == len(PAGES) * len(VIEWPORTS) * 2 == 16
    for path in written:
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", path
        width, height = struct.unpack(">II", data[16:24])
        viewport = VIEWPORTS[path.stem.split("-")[1]]
        assert (width, height) == (viewport["width"], viewport["height"]), path
