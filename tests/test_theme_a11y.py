"""The theme's accessibility fixes, build side (docs/_ext/theme_a11y.py and docs/_templates).

The browser side (axe-core finds nothing, focus is visible, the phone sidebar opens) is in test_a11y.py
and test_browser_navigation.py.
"""

from __future__ import annotations

import sys

from bs4 import BeautifulSoup
from conftest import DOCS

sys.path.insert(0, str(DOCS / "_ext"))
from theme_a11y import name_sidebar_toggles


def test_every_sidebar_toggle_is_named_after_its_page(site):
    toggles = 0
    for page in site.pages():
        for summary in site.soup(page).select("nav.bd-docs-nav details > summary"):
            entry_link = summary.parent.parent.find("a", recursive=False)
            assert summary.get("aria-label") == f"Sub-pages of {entry_link.get_text(' ', strip=True)}", page
            toggles += 1
    assert toggles >= 5 * len(site.pages())


def test_toggles_with_text_or_a_name_keep_them():
    tree = BeautifulSoup(
        '<ul><li><a class="reference internal" href="a.html">A &amp; B</a><details><summary>'
        '<span class="toctree-toggle"></span></summary></details></li>'
        "<li><details><summary><p>Part</p></summary></details></li>"
        '<li><a href="c.html">C</a><details><summary aria-label="Mine"></summary></details></li></ul>',
        "html.parser",
    )
    name_sidebar_toggles(tree)
    labels = [summary.get("aria-label") for summary in tree.select("summary")]
    assert labels == ["Sub-pages of A & B", None, "Mine"]


def test_search_buttons_are_named_by_what_they_show(site):
    for page in site.pages():
        buttons = site.soup(page).select("button.search-button-field")
        assert buttons, page
        for button in buttons:
            assert not button.has_attr("aria-label"), f"{page}: a name that hides the keyboard hint"
            assert "Search" in button.get_text(" ", strip=True)


def test_the_logo_link_is_in_a_landmark(site):
    for page in site.pages():
        logo = site.soup(page).select_one("a.navbar-brand")
        assert logo.find_parent("nav", attrs={"aria-label": "Home"}) is not None, page


def test_the_fixes_are_on_every_page(site):
    for page in [*site.pages(), "search.html", "genindex.html", "404.html"]:
        soup = site.soup(page)
        styles = " ".join(link.get("href", "") for link in soup.find_all("link", rel="stylesheet"))
        scripts = " ".join(script.get("src", "") for script in soup.find_all("script"))
        assert "_static/a11y.css" in styles and "_static/a11y.js" in scripts, page
