"""Privacy: readers' browsers talk to the site and nothing else (no web fonts, analytics, CDNs or embeds).

In a browser, every request made while loading every page must go to the local server. Without a
browser, the built files are read for references to other origins, so a regression shows up either way.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser import LOCAL_HOST, new_context

# What a page or stylesheet can load by itself: anything with a URL that is not a plain link.
LOADING_ATTRIBUTES = [
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
]
# <link rel> values that only name a page (the browser does not fetch them while loading the page).
NAMING_RELS = {"canonical", "alternate", "author", "license", "me", "search", "index", "next", "prev"}
CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*(?:https?:)?//""", re.IGNORECASE)


def all_html(site) -> list[str]:
    return sorted(path.relative_to(site.outdir).as_posix() for path in site.outdir.rglob("*.html"))


def test_built_pages_load_nothing_from_other_origins(site):
    remote = []
    for page in all_html(site):
        if page.startswith("_static/"):
            continue
        for tag, attribute in LOADING_ATTRIBUTES:
            for element in site.soup(page).find_all(tag):
                value = element.get(attribute)
                if not value:
                    continue
                if tag == "link" and NAMING_RELS.issuperset(element.get("rel", [])):
                    continue
                if any(urlsplit(url.split()[0]).netloc for url in value.split(",")):
                    remote.append(f"{page}: <{tag} {attribute}={value!r}>")
    assert remote == []


def test_stylesheets_load_nothing_from_other_origins(site):
    stylesheets = sorted(site.outdir.rglob("*.css"))
    assert len(stylesheets) >= 5
    remote = [
        f"{path.relative_to(site.outdir)}: {match.group(0)}"
        for path in stylesheets
        for match in CSS_REMOTE.finditer(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert remote == []


@pytest.mark.browser
def test_every_request_while_loading_every_page_goes_to_the_local_server(browser, site_server, site):
    """All pages, including the redirect stubs, the search page with results, and a missing URL."""
    paths = [*all_html(site), "search.html?q=storage", "no/such/page.html"]
    paths = [path for path in paths if not path.startswith("_static/")]
    assert len(paths) >= 38
    for dark in (False, True):
        context = new_context(browser, dark=dark)
        page = context.new_page()
        for path in paths:
            page.goto(site_server.url(path))
            page.wait_for_load_state("load")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # anything loaded lazily
        page.wait_for_timeout(500)  # late requests (timers, idle callbacks)
        requests = context.requests
        context.close()
        assert requests.foreign == [], "requests to other hosts: " + ", ".join(sorted(set(requests.foreign)))
        assert {urlsplit(url).hostname for url in requests.local} == {LOCAL_HOST}
        assert len(requests.local) > len(paths) * 5  # pages, styles, scripts: the log saw them
