"""Every page of the guide: present, in the navigation in the brief's order, and well-formed."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from conftest import DOCS, ROOT

# The navigation order of the content brief's INDEX.md (home page first).
NAV_ORDER = [
    "about/service/index",
    "about/service/team",
    "about/service/shared-responsibility",
    "about/service/2i2c",
    "about/infrastructure/index",
    "about/distributions/index",
    "about/distributions/education",
    "about/distributions/research",
    "about/infrastructure/security",
    "about/support/index",
    "about/sustainability/index",
    "about/sustainability/costs/cloud",
    "about/sustainability/costs/people",
    "about/sustainability/comparison",
    "about/sustainability/strategy",
    "about/strategy/index",
    "about/strategy/service-objectives",
    "about/strategy/roadmap",
    "admin/index",
    "admin/howto/new-hub",
    "admin/howto/configurator",
    "admin/howto/environment/index",
    "admin/howto/environment/hub-user-image-template-guide",
    "admin/howto/content",
    "admin/howto/manage-users",
    "admin/howto/control-user-server",
    "admin/howto/data",
    "admin/howto/replicate",
    "admin/howto/create-billing-account",
    "admin/topics/network",
    "user/storage",
    "usecase/events",
    "support",
    "reference/glossary",
]
ALL_PAGES = ["index", *NAV_ORDER]
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|lorem ipsum|lorem)\b", re.IGNORECASE)
ALLOWED_EMAILS = {"hello@2i2c.org", "support@2i2c.org"}
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def test_every_source_page_is_known():
    sources = {path.relative_to(DOCS).with_suffix("").as_posix() for path in DOCS.rglob("*.md")}
    sources = {name for name in sources if not name.startswith("_")}
    assert sources == set(ALL_PAGES)


def test_navigation_follows_the_brief(site):
    sidebar = site.soup("index.html").select_one("nav.bd-docs-nav")
    hrefs = [link["href"].removesuffix(".html") for link in sidebar.select("a.reference.internal")]
    hrefs = [href for href in hrefs if "#" not in href]
    assert hrefs == NAV_ORDER


@pytest.mark.parametrize("page", ALL_PAGES)
def test_page_is_well_formed(site, page):
    soup = site.soup(f"{page}.html")
    article = site.main(f"{page}.html")
    assert len(article.find_all("h1")) == 1, "exactly one <h1>"
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and 40 <= len(description["content"]) <= 200
    text = article.get_text(" ")
    assert not PLACEHOLDER.search(text), PLACEHOLDER.search(text)
    assert len(text.split()) >= 150, "a page, not a stub"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_images_and_svgs_have_accessible_names(site, page):
    article = site.main(f"{page}.html")
    for image in article.find_all("img"):
        assert image.get("alt", "").strip(), f"<img src={image.get('src')}> has no alt text"
    for svg in article.find_all("svg"):
        named = svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title")
        hidden = svg.get("aria-hidden") == "true"
        assert named or hidden, "an inline <svg> needs an accessible name"


def test_only_shared_addresses_are_published(site):
    found = set()
    for path in site.outdir.rglob("*"):
        if path.suffix in {".html", ".txt", ".js", ".inv", ".xml"} and path.is_file():
            text = html.unescape(path.read_text(encoding="utf-8", errors="ignore"))
            found |= set(EMAIL.findall(text))
    personal = {address for address in found if address not in ALLOWED_EMAILS}
    assert personal == set()
    assert found >= ALLOWED_EMAILS


def test_codespell_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", "docs", "--skip", "docs/_build"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
