"""Every internal link and every #fragment in the built site lands on a file and an id that exist."""

from __future__ import annotations

import posixpath
from functools import cache
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup


def internal_targets(soup: BeautifulSoup):
    """(attribute value) of every link, stylesheet, script and image that stays on this site."""
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if not value:
                continue
            parts = urlsplit(value)
            if parts.scheme or value.startswith("//"):
                continue
            yield value


def test_every_internal_link_resolves(site):
    # Theme template fragments copied into _static/ are not pages.
    all_pages = sorted(
        path.relative_to(site.outdir).as_posix()
        for path in site.outdir.rglob("*.html")
        if not path.relative_to(site.outdir).as_posix().startswith("_static/")
    )

    @cache
    def ids_of(page: str) -> frozenset[str]:
        soup = site.soup(page)
        return frozenset(
            [element["id"] for element in soup.find_all(id=True)]
            + [element["name"] for element in soup.find_all("a", attrs={"name": True})]
        )

    broken = []
    checked = 0
    for page in all_pages:
        for value in internal_targets(site.soup(page)):
            parts = urlsplit(value)
            target = page
            if parts.path:
                # Root-absolute links (the 404 page's, built with prefix "/") start at the site root.
                base = "" if parts.path.startswith("/") else posixpath.dirname(page)
                target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
                if target.endswith("/"):
                    target += "index.html"
                if not (site.outdir / target).is_file():
                    broken.append(f"{page}: {value} (no file {target})")
                    continue
            if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in ids_of(target):
                broken.append(f"{page}: {value} (no id #{parts.fragment} in {target})")
            checked += 1
    assert broken == []
    assert checked > 500, "suspiciously few links: did the parser see the pages?"


@pytest.mark.parametrize("page", ["index.html", "about/service/index.html"])
def test_pages_link_somewhere(site, page):
    assert list(internal_targets(site.soup(page)))
