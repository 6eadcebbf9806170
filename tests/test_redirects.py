"""Every URL this guide has published keeps working: it is a page, or it forwards to one.

``docs/published-pages.txt`` lists every page path ever published; ``docs/redirects.txt`` forwards
the old ones. A page moved or deleted without a redirect fails here.
"""

from __future__ import annotations

import posixpath
import re

import pytest
from conftest import DOCS, copy_docs, redirects, run_sphinx

# The URLs the guide used before this version, and where their content lives now.
EXPECTED_REDIRECTS = {
    "about/overview.html": "about/service/index.html",
    "about/service/roles.html": "about/service/team.html",
    "about/pricing/index.html": "about/sustainability/index.html",
    "about/terminology.html": "reference/glossary.html",
}
NOT_CONTENT = {"404.html"}  # the server's page for unknown paths: not a page anyone links to


def published_pages() -> list[str]:
    lines = (DOCS / "published-pages.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def unreachable(published: list[str], pages: list[str], moved: dict[str, str]) -> list[str]:
    """Published paths that are neither a page of the site nor redirected to one."""
    return [path for path in published if path not in pages and moved.get(path) not in pages]


def forwards_to(site, stub: str) -> set[str]:
    """Where a redirect page sends readers: its refresh target, its script and its link."""
    soup = site.soup(stub)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].partition("url=")[2]
    script = re.search(r'location\.replace\("([^"]+)"', soup.find("script").string).group(1)
    link = soup.find("a")["href"]
    folder = posixpath.dirname(stub)
    return {posixpath.normpath(posixpath.join(folder, url)) for url in (refresh, script, link)}


def test_the_redirects_are_the_ones_this_guide_needs():
    assert redirects() == EXPECTED_REDIRECTS


def test_every_redirect_lands_on_an_existing_page(site):
    pages = site.pages()
    for old, new in redirects().items():
        assert new in pages, f"{old} redirects to {new}, which is not a page"
        assert forwards_to(site, old) == {new}, old
        soup = site.soup(old)
        assert soup.html.get("lang") and soup.title.get_text(strip=True)
        assert soup.find("meta", attrs={"name": "robots", "content": "noindex"})


def test_every_published_path_is_a_page_or_redirects(site):
    assert len(published_pages()) == len(set(published_pages())), "a path is listed twice"
    assert unreachable(published_pages(), site.pages(), redirects()) == []


def test_every_page_is_in_the_published_list(site):
    missing = sorted(set(site.pages()) - set(published_pages()) - NOT_CONTENT)
    assert missing == [], "add these paths to docs/published-pages.txt"


def test_a_page_moved_without_a_redirect_is_caught(site):
    pages = [page for page in site.pages() if page != "admin/howto/data.html"]
    pages.append("admin/howto/data-management.html")  # the page under its new name
    assert unreachable(published_pages(), pages, redirects()) == ["admin/howto/data.html"]
    fixed = {**redirects(), "admin/howto/data.html": "admin/howto/data-management.html"}
    assert unreachable(published_pages(), pages, fixed) == []


@pytest.fixture(scope="module")
def broken_redirects_build(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("redirects")
    docs = copy_docs(tmp_path)
    with (docs / "redirects.txt").open("a", encoding="utf-8") as file:
        file.write("about/gone.md about/no-such-page.md\n")  # lands nowhere
        file.write("admin/index.md about/service/index.md\n")  # would hide a live page
    result = run_sphinx(docs, tmp_path / "html")
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize(
    "message",
    [
        "about/gone.html redirects to about/no-such-page.html but",
        "admin/index.html redirects to about/service/index.html but",
    ],
)
def test_a_broken_redirect_fails_the_build(broken_redirects_build, message):
    returncode, log = broken_redirects_build
    assert returncode != 0
    assert any(message in line and "WARNING" in line for line in log.splitlines()), log
