"""What the published site tells browsers, search engines, link previews and tools about each page.

Canonical URLs, ``sitemap.xml``, the ``og:`` link-preview tags, "last updated" dates from git, the
repository buttons, ``llms.txt``, the favicon and the logo.
"""

from __future__ import annotations

import re
import runpy
import struct
import subprocess
import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from conftest import DOCS, ROOT, copy_docs, run_sphinx
from test_pages import NAV_ORDER

NOT_CONTENT = {"404.html"}  # the error page the server shows for unknown paths
LAST_UPDATED = re.compile(r"Last updated on (\d{4}-\d{2}-\d{2})")
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@cache
def conf() -> dict:
    """The values docs/conf.py sets (run as Sphinx runs it)."""
    return runpy.run_path(str(DOCS / "conf.py"))


def base_url() -> str:
    return conf()["html_baseurl"]


def content_pages(site) -> list[str]:
    return [page for page in site.pages() if page not in NOT_CONTENT]


def meta(soup, **attrs) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def title_of(site, page: str) -> str:
    return site.main(page).find("h1").get_text(" ", strip=True).rstrip("#¶").strip()


def test_base_url_defaults_to_the_public_site(monkeypatch):
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    assert runpy.run_path(str(DOCS / "conf.py"))["html_baseurl"] == "https://docs.2i2c.org/"
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://docs.2i2c.org/en/latest")
    assert runpy.run_path(str(DOCS / "conf.py"))["html_baseurl"] == "https://docs.2i2c.org/en/latest/"


def test_every_page_names_its_canonical_url(site):
    for page in site.pages():
        canonical = site.soup(page).find("link", rel="canonical")
        assert canonical is not None, f"{page} has no canonical link"
        assert canonical["href"] == base_url() + page


def test_sitemap_lists_every_page_once(site):
    tree = ElementTree.parse(site.outdir / "sitemap.xml")
    urls = tree.getroot().findall("sm:url", SITEMAP_NS)
    locations = [url.findtext("sm:loc", namespaces=SITEMAP_NS) for url in urls]
    assert sorted(locations) == sorted(base_url() + page for page in content_pages(site))
    assert len(locations) >= 35
    # Each page's last change, the same day its "Last updated" line shows (none outside git).
    for url in urls:
        page = url.findtext("sm:loc", namespaces=SITEMAP_NS).removeprefix(base_url())
        shown = LAST_UPDATED.search(site.soup(page).get_text(" "))
        lastmod = url.findtext("sm:lastmod", namespaces=SITEMAP_NS)
        assert (lastmod[:10] if lastmod else None) == (shown.group(1) if shown else None), page


@pytest.fixture(scope="module")
def previews(site) -> dict[str, dict[str, str]]:
    """The og: tags of every page: {page: {property: content}}."""
    return {
        page: {
            tag["property"]: tag["content"]
            for tag in site.soup(page).find_all("meta", attrs={"property": re.compile("^og:")})
        }
        for page in content_pages(site)
    }


def test_link_previews_use_the_page_title_description_and_url(site, previews):
    for page, tags in previews.items():
        soup = site.soup(page)
        assert tags["og:title"] == title_of(site, page), page
        description = meta(soup, name="description")
        assert description and tags["og:description"] == description, page
        assert tags["og:url"] == base_url() + page
        assert tags["og:site_name"] == "Collaborative JupyterHub Service Guide"


def test_link_previews_show_the_checked_in_social_card(site, previews):
    for page, tags in previews.items():
        assert tags["og:image"] == base_url() + "_static/social-card.png", page
        assert tags["og:image:alt"].strip()
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    published = (site.outdir / "_static" / "social-card.png").read_bytes()
    assert published == (DOCS / "_static" / "social-card.png").read_bytes()
    assert published[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", published[16:24]) == (1200, 630)
    # Nothing is drawn at build time (that would need fonts from the network).
    assert not list(site.outdir.rglob("*social_previews*"))


def in_git_work_tree() -> bool:
    return any((folder / ".git").exists() for folder in (ROOT, *ROOT.parents))


def git_date(*args: str) -> str:
    """A commit's author date as YYYY-MM-DD in UTC ('' for a file git does not track)."""
    stamp = subprocess.run(
        ["git", "log", "-1", "--format=%at", *args], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.strip()
    return datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%d") if stamp else ""


@pytest.mark.skipif(not in_git_work_tree(), reason="dates come from git; this checkout has no history")
def test_last_updated_dates_come_from_git(site):
    """A page's date is its source's last commit, or a later one that changed what it shows."""
    head = git_date("HEAD")
    dated = 0
    for page in content_pages(site):
        source = DOCS / Path(page).with_suffix(".md")
        committed = git_date("--", str(source))
        shown = LAST_UPDATED.search(site.soup(page).get_text(" "))
        if not committed:
            assert shown is None, f"{page} is not committed yet, so it has no date"
            continue
        assert shown, f"{page} shows no 'Last updated' date"
        assert committed <= shown.group(1) <= head, f"{page}: {shown.group(1)}"
        assert meta(site.soup(page), property="article:modified_time").startswith(shown.group(1))
        dated += 1
    assert dated >= 1


def test_a_copy_outside_git_builds_cleanly_without_dates(tmp_path):
    """The tests' scratch copies have no history: no dates, no warning, not the build's own date."""
    docs = copy_docs(tmp_path)
    result = run_sphinx(docs, tmp_path / "html")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert [line for line in log.splitlines() if "WARNING" in line] == []
    page = (tmp_path / "html" / "about" / "service" / "team.html").read_text(encoding="utf-8")
    assert "Last updated" not in page
    assert "article:modified_time" not in page


def test_repository_buttons_point_at_the_repository(site):
    repository, branch = conf()["REPOSITORY"], conf()["REPOSITORY_BRANCH"]
    assert repository == "https://github.com/2i2c-org/docs"
    for page in content_pages(site):
        soup = site.soup(page)
        buttons = {
            kind: soup.select_one(f"a.btn-source-{kind}-button")["href"]
            for kind in ("repository", "edit", "issues")
        }
        assert buttons["repository"] == repository
        assert buttons["edit"] == f"{repository}/edit/{branch}/docs/{Path(page).with_suffix('.md')}"
        assert (DOCS / Path(page).with_suffix(".md")).is_file()
        assert buttons["issues"].startswith(f"{repository}/issues/new?")


@pytest.fixture(scope="module")
def llms_txt(site) -> str:
    return (site.outdir / "llms.txt").read_text(encoding="utf-8")


def test_llms_txt_maps_every_page_in_navigation_order(site, llms_txt):
    entry = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)]+)\): (?P<description>.+)$")
    entries = [match for line in llms_txt.splitlines() if (match := entry.match(line))]
    assert [match["url"] for match in entries] == [base_url() + f"{page}.html" for page in NAV_ORDER]
    for match in entries:
        page = match["url"].removeprefix(base_url())
        assert match["title"] == title_of(site, page)
        assert match["description"] == meta(site.soup(page), name="description")


def test_llms_txt_has_a_title_summary_and_sections(site, llms_txt):
    lines = llms_txt.splitlines()
    assert lines[0] == "# Collaborative JupyterHub Service Guide"
    assert lines[2] == "> " + meta(site.soup("index.html"), name="description")
    assert f"Home page: {base_url()}index.html" in lines
    sections = [line.removeprefix("## ") for line in lines if line.startswith("## ")]
    captions = ["About the service", "Hub administrator guide", "Hub user guide", "Help and reference"]
    assert sections == captions
    assert not (DOCS / "llms.txt").exists(), "llms.txt is build output, never a source file"


def svg_is_self_contained(path: Path) -> None:
    root = ElementTree.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox")
    text = path.read_text(encoding="utf-8")
    assert "<image" not in text and "<script" not in text
    assert re.findall(r"https?://[^\"']+", text) == ["http://www.w3.org/2000/svg"]


def test_every_page_has_the_favicon_and_the_logo(site):
    for name in ("favicon.svg", "logo.svg"):
        svg_is_self_contained(DOCS / "_static" / name)
    for page in content_pages(site):
        soup = site.soup(page)
        icon = soup.find("link", rel="icon")
        assert (site.outdir / page).parent.joinpath(icon["href"]).resolve() == (
            site.outdir / "_static" / "favicon.svg"
        ).resolve()
        logo = soup.select_one("a.navbar-brand img.logo__image")
        # The title beside the logo names the home link, so the image itself is decorative.
        brand = soup.select_one("a.navbar-brand")
        assert logo["alt"].strip() or brand.get_text(strip=True) == "Collaborative JupyterHub Service Guide"
        assert (site.outdir / page).parent.joinpath(logo["src"]).resolve() == (
            site.outdir / "_static" / "logo.svg"
        ).resolve()
