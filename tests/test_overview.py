"""The given overview page renders with everything it promises."""

from __future__ import annotations

import pytest

PAGE = "about/service/index.html"


@pytest.fixture(scope="module")
def overview(site):
    return site.main(PAGE)


def test_title(site):
    assert site.soup(PAGE).title.get_text().startswith("Overview of the service")
    h1s = site.main(PAGE).find_all("h1")
    assert [h.get_text(strip=True).rstrip("#") for h in h1s] == ["Overview of the service"]


@pytest.mark.parametrize("anchor", ["about-the-project", "overview-right-to-replicate"])
def test_label_anchors(overview, anchor):
    assert overview.find(id=anchor) is not None


def test_right_to_replicate_section_carries_its_label(overview):
    section = overview.find(id="overview-right-to-replicate")
    assert section.find("h2").get_text(strip=True).startswith("Your Right to Replicate")


def test_glossary_entry_and_term_link(overview):
    term_id = "term-Collaborative-JupyterHub-Service"
    entry = overview.find("dt", id=term_id)
    assert entry is not None and "Collaborative JupyterHub Service" in entry.get_text()
    definition = entry.find_next_sibling("dd").get_text(" ", strip=True)
    assert "DevOps as a Service" in definition
    first_paragraph_links = overview.find("p").find_all("a")
    assert any(link["href"] == f"#{term_id}" for link in first_paragraph_links)


def test_mailto_button(overview):
    button = overview.find("a", href="mailto:hello@2i2c.org")
    assert button is not None
    assert {"sd-btn", "sd-btn-primary"} <= set(button["class"])
    assert button.get_text(strip=True) == "Send us an email."


def test_epigraph(overview):
    quote = overview.select_one("blockquote.epigraph")
    assert quote is not None
    assert "right to replicate their infrastructure in its entirety elsewhere" in quote.get_text()


def test_seealso_links_to_replicate_guide(site, overview):
    seealso = overview.select_one(".admonition.seealso")
    hrefs = [link["href"] for link in seealso.find_all("a")]
    assert "../../admin/howto/replicate.html" in hrefs
    assert (site.outdir / "admin/howto/replicate.html").is_file()


def test_toctree_lists_children_in_order(overview):
    toctree = overview.select_one("div.toctree-wrapper")
    hrefs = [link["href"] for link in toctree.select("li.toctree-l1 > a")]
    assert hrefs == ["team.html", "shared-responsibility.html", "2i2c.html"]


def test_right_to_replicate_link_resolves(overview):
    """The page's relative link to its own label is resolved to the section, not left dangling."""
    item = next(li for li in overview.select("ol li") if "Right to Replicate" in li.get_text())
    assert item.find("a")["href"].endswith("#overview-right-to-replicate")
