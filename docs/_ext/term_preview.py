"""Glossary previews: hovering or focusing a ``{term}`` link shows the term's definition in a popup.

The definitions are embedded at build time, so the page needs no request at run time and no
third-party script. For each page this extension finds the term links (``{term}`` references that
Sphinx resolved) and writes, at the end of the article, a JSON object that maps each link's ``href``
to the term and the first paragraph of its definition (plain text). Only the terms the page links
to are embedded. The definitions are the glossary
entries that ``glossary_index`` collects from every page, so terms defined outside the glossary
(team roles, the service itself) get previews too.

A page embeds copies of definitions written on other pages, so when a definition changes, every page
that links to that term is written again (``env-updated``), even though its own source did not change.

``_static/term-preview.js`` turns the data into an accessible popup (``role="tooltip"``, linked with
``aria-describedby``); ``_static/term-preview.css`` styles it for light and dark mode.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from typing import Any

from docutils import nodes
from glossary_index import ENTRIES as GLOSSARY_ENTRIES
from page_store import PageStore
from sphinx import addnodes

DATA_ID = "term-preview-data"
TERM_CLASS = "std-term"  # the class Sphinx gives the text of a resolved {term} reference
LINKED_TERMS = PageStore(
    "term_preview_linked_terms"
)  # {docname: the terms its {term} roles name, lowercased}
PREVIEW_DIGESTS = "term_preview_digests"  # {term, lowercased: digest of what its preview shows}


def definitions_by_target(app) -> dict[tuple[str, str], dict[str, str]]:
    """Every glossary entry of the site, keyed by (page, anchor id) of each of its terms."""
    store = GLOSSARY_ENTRIES.of(app.env)
    found = {}
    for docname, entries in store.items():
        for entry in entries:
            if not entry["summary"]:
                continue
            for term, anchor in zip(entry["terms"], entry["ids"], strict=True):
                if anchor:
                    found[(docname, anchor)] = {
                        "term": term,
                        "definition": " ".join(entry["summary"].split()),
                    }
    return found


def term_links(doctree: nodes.document) -> list[str]:
    """The ``href`` of every resolved ``{term}`` reference of a page, as the page will have it."""
    links = []
    for reference in doctree.findall(nodes.reference):
        if not any(TERM_CLASS in child.get("classes", []) for child in reference.findall(nodes.inline)):
            continue
        # A term defined on the same page is linked by id alone (Sphinx's make_refnode).
        href = reference.get("refuri") or ("#" + reference["refid"] if reference.get("refid") else "")
        if href:
            links.append(href)
    return links


def link_target(app, docname: str, refuri: str, docname_of_uri: dict[str, str]) -> tuple[str, str] | None:
    """The (page, anchor id) that a link written on ``docname`` points to, or None if it leaves the site."""
    path, _, anchor = refuri.partition("#")
    if not anchor or "://" in path:
        return None
    here = app.builder.get_target_uri(docname)
    target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
    target = docname_of_uri.get(target_uri)
    return (target, anchor) if target else None


def page_previews(app, doctree: nodes.document, docname: str) -> dict[str, dict[str, str]]:
    """{href as written on the page: preview} for every term link of the page."""
    links = term_links(doctree)
    if not links:
        return {}
    definitions = definitions_by_target(app)
    docname_of_uri = {app.builder.get_target_uri(name): name for name in app.env.found_docs}
    previews = {}
    for href in links:
        target = link_target(app, docname, href, docname_of_uri)
        if target in definitions:
            previews[href] = definitions[target]
    return previews


def script_element(previews: dict[str, Any]) -> str:
    """The data as an inert ``<script type="application/json">``: no text in it can close the tag."""
    data = json.dumps(previews, ensure_ascii=False, sort_keys=True)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{DATA_ID}">{data}</script>\n'


def collect_linked_terms(app, doctree: nodes.document) -> None:
    """Remember which terms a page links to, to write it again when one of their definitions changes."""
    terms = {
        xref["reftarget"].lower()
        for xref in doctree.findall(addnodes.pending_xref)
        if xref.get("refdomain") == "std" and xref.get("reftype") == "term"
    }
    store = LINKED_TERMS.of(app.env)
    if terms:
        store[app.env.docname] = sorted(terms)
    else:
        store.pop(app.env.docname, None)


def preview_digests(env) -> dict[str, str]:
    """{term, lowercased: digest of its page, anchor and definition}: what a preview of it shows."""
    digests = {}
    for docname, entries in GLOSSARY_ENTRIES.of(env).items():
        for entry in entries:
            for term, anchor in zip(entry["terms"], entry["ids"], strict=True):
                shown = repr((docname, anchor, term, " ".join(entry["summary"].split())))
                digests[term.lower()] = hashlib.sha256(shown.encode()).hexdigest()
    return digests


def pages_with_changed_previews(app, env) -> list[str]:
    """The pages that link to a term whose preview changed since the last build, to write again."""
    new = preview_digests(env)
    old = env.__dict__.get(PREVIEW_DIGESTS)
    env.__dict__[PREVIEW_DIGESTS] = new
    if old is None:  # a fresh environment: every page is being written anyway
        return []
    changed = {term for term in new.keys() | old.keys() if new.get(term) != old.get(term)}
    if not changed:
        return []
    linked = LINKED_TERMS.of(env)
    return sorted(docname for docname, terms in linked.items() if changed.intersection(terms))


def on_doctree_resolved(app, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    previews = page_previews(app, doctree, docname)
    if previews:
        doctree += nodes.raw("", script_element(previews), format="html")


def setup(app):
    app.setup_extension("glossary_index")
    app.add_js_file("term-preview.js", loading_method="defer")
    app.add_css_file("term-preview.css")
    app.connect("doctree-read", collect_linked_terms)
    LINKED_TERMS.connect(app)
    app.connect("env-updated", pages_with_changed_previews)
    app.connect("doctree-resolved", on_doctree_resolved)
    # The linked terms are kept per page and merged after parallel reads; writing only reads the
    # environment, resolved in the main process.
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
