"""objects.inv is an interface: other sites link to our terms and labels through it."""

from __future__ import annotations

import re

from conftest import DOCS, source_pages

LABEL = re.compile(r"^\(([^)\s]+)\)=\s*$", re.MULTILINE)


def source_labels() -> dict[str, str]:
    """Every explicit ``(label)=`` in the sources, mapped to its page (without suffix)."""
    labels = {}
    for path in source_pages():
        docname = path.relative_to(DOCS).with_suffix("").as_posix()
        for label in LABEL.findall(path.read_text(encoding="utf-8")):
            labels[label] = docname
    return labels


def test_every_glossary_term_is_a_std_term(site):
    inventory = site.inventory()
    terms = inventory["std:term"]
    found = 0
    for page in site.pages():
        for entry in site.main(page).select("dl.glossary dt[id]"):
            found += 1
            name = entry.get_text(" ", strip=True).rstrip("¶#").strip()
            matches = [key for key in terms if key.lower() == name.lower()]
            assert matches, f"{name!r} ({page}) is not in objects.inv as std:term"
            assert terms[matches[0]].uri == f"{page}#{entry['id']}"
    assert found >= 60, f"only {found} glossary terms found"


def test_every_label_is_a_std_label(site):
    labels = site.inventory()["std:label"]
    expected = source_labels()
    assert len(expected) >= 30
    for label, docname in expected.items():
        assert label in labels, f"label {label!r} is not in objects.inv"
        uri = labels[label].uri
        page, _, fragment = uri.partition("#")
        assert page == f"{docname}.html", f"{label} points at {uri}"
        assert site.soup(page).find(id=fragment) is not None, f"{label}: no #{fragment} in {page}"


def test_overview_labels_and_term(site):
    inventory = site.inventory()
    assert inventory["std:label"]["about-the-project"].uri == "about/service/index.html#about-the-project"
    assert (
        inventory["std:label"]["overview/right-to-replicate"].uri
        == "about/service/index.html#overview-right-to-replicate"
    )
    terms = {key.lower(): item for key, item in inventory["std:term"].items()}
    assert (
        terms["collaborative jupyterhub service"].uri
        == "about/service/index.html#term-Collaborative-JupyterHub-Service"
    )


def test_every_page_is_a_std_doc(site):
    docs = site.inventory()["std:doc"]
    for page in site.pages():
        if page == "404.html":
            continue
        assert page.removesuffix(".html") in docs
