"""Glossary previews, build side (docs/_ext/term_preview.py): what each page embeds for its term links.

The popup's behaviour in a browser is tested in test_browser_term_preview.py.
"""

from __future__ import annotations

import json
import posixpath
import sys

import pytest
from conftest import DOCS

sys.path.insert(0, str(DOCS / "_ext"))
from term_preview import DATA_ID, script_element

GLOSSARY = "reference/glossary.html"


def embedded(site, page: str) -> dict | None:
    script = site.soup(page).find("script", id=DATA_ID)
    return None if script is None else json.loads(script.string)


def term_hrefs(site, page: str) -> set[str]:
    return {span.parent["href"] for span in site.main(page).select("a.reference.internal > span.std-term")}


def definition_of(site, page: str, href: str) -> tuple[str, str]:
    """The term text and the first paragraph of its definition, read from the page the link points to."""
    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    term = site.soup(target).find(id=anchor)
    assert term is not None and term.name == "dt", f"{page}: {href} does not point at a glossary term"
    definition = term.find_next_sibling("dd")
    first = definition.find("p")
    return term.get_text(" ", strip=True).rstrip("#¶").strip(), " ".join(first.get_text().split())


def test_every_term_link_has_its_definition_and_nothing_else_is_embedded(site):
    pages_with_terms = 0
    for page in site.pages():
        hrefs = term_hrefs(site, page)
        data = embedded(site, page)
        if not hrefs:
            assert data is None, f"{page}: embeds previews but links no term"
            continue
        pages_with_terms += 1
        assert set(data) == hrefs, f"{page}: embedded previews differ from the page's term links"
        for href, preview in data.items():
            term, first_paragraph = definition_of(site, page, href)
            assert preview == {"term": term, "definition": first_paragraph}, f"{page}: {href}"
    assert pages_with_terms >= 25


def test_terms_defined_outside_the_glossary_are_embedded_from_their_page(site):
    page = "admin/howto/manage-users.html"
    data = embedded(site, page)
    href = "../../about/service/team.html#term-Hub-Administrator"
    assert href in data
    assert data[href]["term"] == "Hub Administrator"
    assert "admin" in data[href]["definition"].lower()


def test_previews_are_in_the_article_and_the_script_and_styles_on_every_page(site):
    for page in site.pages():
        soup = site.soup(page)
        scripts = [tag.get("src", "") for tag in soup.find_all("script")]
        styles = [tag.get("href", "") for tag in soup.find_all("link", rel="stylesheet")]
        assert any("_static/term-preview.js" in src for src in scripts), page
        assert any("_static/term-preview.css" in href for href in styles), page
        data = soup.find("script", id=DATA_ID)
        if data is not None:
            assert data["type"] == "application/json"
            assert data.find_parent("article") is not None, f"{page}: previews outside the article"


@pytest.mark.parametrize(
    "text",
    ["</script><script>alert(1)</script>", "a <b>bold</b> & <!-- comment -->", "ends with </"],
)
def test_embedded_text_cannot_close_the_script_element(text):
    element = script_element({"#term-x": {"term": "x", "definition": text}})
    body = element.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["#term-x"]["definition"] == text
