"""The glossary lists every term of the site in order, and every term link resolves."""

from __future__ import annotations

import unicodedata

import pytest

GLOSSARY = "reference/glossary.html"


def sort_key(text: str) -> str:
    return unicodedata.normalize("NFD", text.lower())


def entry_terms(item_dt_list):
    return [dt.get_text(" ", strip=True).rstrip("#¶").strip() for dt in item_dt_list]


@pytest.fixture(scope="module")
def glossary_entries(site):
    """Each glossary entry as (list of term texts, definition element)."""
    glossary = site.main(GLOSSARY).select_one("dl.glossary")
    entries, current = [], []
    for child in glossary.find_all(["dt", "dd"], recursive=False):
        if child.name == "dt":
            current.append(child)
        else:
            entries.append((entry_terms(current), child))
            current = []
    return entries


def test_glossary_is_in_alphabetical_order(glossary_entries):
    firsts = [terms[0] for terms, _ in glossary_entries]
    assert firsts == sorted(firsts, key=sort_key)
    assert len(firsts) >= 60


def test_every_term_of_the_site_is_on_the_glossary_page(site, glossary_entries):
    listed = {sort_key(term) for terms, _ in glossary_entries for term in terms}
    defined = {}
    for page in site.pages():
        for dt in site.main(page).select("dl.glossary > dt[id^=term-]"):
            defined[dt.get_text(" ", strip=True).rstrip("#¶").strip()] = page
    assert len(defined) >= 70
    missing = sorted(term for term in defined if sort_key(term) not in listed)
    assert missing == []


def test_terms_defined_elsewhere_link_to_their_definition(site, glossary_entries):
    crossrefs = 0
    for terms, definition in glossary_entries:
        dt_links = definition.find_all("a")
        if "Defined on" not in definition.get_text():
            continue
        crossrefs += 1
        target = dt_links[-1]["href"]
        page, _, fragment = target.partition("#")
        resolved = (site.outdir / "reference" / page).resolve()
        assert resolved.is_file()
        html_page = resolved.relative_to(site.outdir.resolve()).as_posix()
        assert site.soup(html_page).find(id=fragment) is not None, target
        assert len(definition.get_text(strip=True)) > 40, f"{terms}: no summary"
    assert crossrefs >= 10  # the service term and the team and role terms


def test_every_term_reference_resolves(site):
    for page in site.pages():
        for reference in site.main(page).select("span.xref.std-term"):
            assert reference.parent.name == "a", f"{page}: unresolved term {reference.get_text()!r}"


@pytest.mark.parametrize(
    "alias, canonical",
    [("Support Team", "Community Support Team"), ("Engineering Team", "Cloud Engineering Team")],
)
def test_aliases_resolve_to_the_same_definition(site, alias, canonical):
    terms = {key.lower(): item.uri for key, item in site.inventory()["std:term"].items()}
    assert terms[alias.lower()].partition("#")[0] == terms[canonical.lower()].partition("#")[0]
