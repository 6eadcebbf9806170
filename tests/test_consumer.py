"""Another documentation site links to our terms, labels and pages through intersphinx."""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from site_build import STRICT_FLAGS

CONSUMER = Path(__file__).parent / "consumer"

EXPECTED = {
    "Collaborative JupyterHub Service": ("about/service/index.html", "term-Collaborative-JupyterHub-Service"),
    "Community Representative": ("about/service/team.html", "term-Community-Representative"),
    "Right to Replicate": ("reference/glossary.html", "term-Right-to-Replicate"),
    "Overview of the service": ("about/service/index.html", "about-the-project"),
    "Your Right to Replicate your infrastructure": (
        "about/service/index.html",
        "overview-right-to-replicate",
    ),
}


@pytest.fixture(scope="module")
def consumer(site, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("consumer")
    env = {**os.environ, "SERVICE_GUIDE_HTML": str(site.outdir)}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *STRICT_FLAGS, "-b", "html", str(CONSUMER), str(outdir)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup


def guide_links(consumer, site):
    """Each link into the guide as (text, page relative to the guide, fragment)."""
    links = []
    for anchor in consumer.select("a.reference.external"):
        href = anchor["href"]
        parts = urlsplit(href)
        path = unquote(parts.path)
        if not path.startswith(str(site.outdir)):
            continue
        page = posixpath.relpath(path, str(site.outdir))
        links.append((anchor.get_text(strip=True), page, parts.fragment))
    return links


def test_consumer_links_land_on_pages_and_anchors(consumer, site):
    links = guide_links(consumer, site)
    assert len(links) >= 9
    for text, page, fragment in links:
        assert (site.outdir / page).is_file(), f"{text!r} points at missing {page}"
        if fragment:
            assert site.soup(page).find(id=fragment) is not None, f"{text!r}: no #{fragment} on {page}"


def test_consumer_links_go_where_expected(consumer, site):
    links = {text: (page, fragment) for text, page, fragment in guide_links(consumer, site)}
    for text, target in EXPECTED.items():
        assert links.get(text) == target, f"{text!r} -> {links.get(text)}"
    assert ("admin/howto/replicate.html", "") in links.values()
    assert ("reference/glossary.html", "") in links.values()
