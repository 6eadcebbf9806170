"""Make the glossary page list every term of the site, in alphabetical order.

Most terms are defined on the glossary page itself, but team and role terms are defined on
``about/service/team.md`` and the service's own term on the overview page. A term must be defined
only once (Sphinx would report a duplicate), so this extension collects the glossary entries of
every other page while reading, and on the glossary page adds an entry for each of them that
links to its definition and repeats its first paragraph. The merged list is sorted the way
Sphinx's ``:sorted:`` option sorts.

The collected entries are also what ``term_preview`` embeds for hover previews.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from docutils import nodes
from page_store import PageStore
from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

ENTRIES = PageStore("glossary_index_entries")  # {docname: the glossary entries of the page}
DIGEST_KEY = "glossary_index_digest"  # of what the glossary page last showed from other pages


def sort_key(text: str) -> str:
    """The key Sphinx's glossary ``:sorted:`` uses: case-insensitive, accents folded."""
    return unicodedata.normalize("NFD", text.lower())


def collect_entries(doctree: nodes.document) -> list[dict[str, Any]]:
    """Every glossary entry of a page: its term texts, their ids and its first paragraph."""
    entries = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = [term for term in item.findall(nodes.term)]
            definition = next(iter(item.findall(nodes.definition)), None)
            first = next(iter(definition.findall(nodes.paragraph)), None) if definition else None
            entries.append(
                {
                    "terms": [term.astext() for term in terms],
                    "ids": [term["ids"][0] if term["ids"] else "" for term in terms],
                    "summary": first.astext() if first is not None else "",
                }
            )
    return entries


def on_doctree_read(app, doctree: nodes.document) -> None:
    entries = collect_entries(doctree)
    store = ENTRIES.of(app.env)
    if entries:
        store[app.env.docname] = entries
    else:
        store.pop(app.env.docname, None)


def on_env_updated(app, env) -> list[str]:
    """Re-write the glossary page when what it shows from other pages has changed: their glossary
    entries or their titles. A build that changed neither leaves it (and the pages whose table of
    contents holds it) alone, so a no-op rebuild writes nothing."""
    page = app.config.glossary_index_page
    if page not in env.found_docs:
        return []
    store = ENTRIES.of(env)
    titles = {doc: env.titles[doc].astext() for doc in store if doc in env.titles}
    shown = [(doc, titles.get(doc, ""), store[doc]) for doc in sorted(store)]
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()
    if env.__dict__.get(DIGEST_KEY) == digest:
        return []
    env.__dict__[DIGEST_KEY] = digest
    return [page]


def on_doctree_resolved(app, doctree: nodes.document, docname: str) -> None:
    page = app.config.glossary_index_page
    if docname != page:
        return
    glossaries = list(doctree.findall(addnodes.glossary))
    if len(glossaries) != 1:
        logger.warning(
            "%s: expected exactly one glossary directive on the glossary page, found %d",
            page,
            len(glossaries),
            location=page,
            type="glossary_index",
        )
        return
    definition_list = next(iter(glossaries[0].findall(nodes.definition_list)))
    store = ENTRIES.of(app.env)
    for other_doc in sorted(store):
        if other_doc == page:
            continue
        title = app.env.titles[other_doc].astext()
        for entry in store[other_doc]:
            definition_list += _crossref_item(app, page, other_doc, title, entry)
    definition_list.children.sort(key=lambda item: sort_key(next(iter(item.findall(nodes.term))).astext()))


def _crossref_item(app, page: str, other_doc: str, title: str, entry: dict[str, Any]):
    """An entry that names the term (and its aliases) and links to where it is defined."""
    item = nodes.definition_list_item(classes=["glossary-crossref"])
    uri = app.builder.get_relative_uri(page, other_doc) + "#" + entry["ids"][0]
    for text in entry["terms"]:
        item += nodes.term(text, text)
    definition = nodes.definition()
    paragraph = nodes.paragraph()
    paragraph += nodes.Text(entry["summary"] + " ")
    paragraph += nodes.Text("Defined on ")
    paragraph += nodes.reference("", title, internal=True, refuri=uri)
    paragraph += nodes.Text(".")
    definition += paragraph
    item += definition
    return item


def setup(app):
    app.add_config_value("glossary_index_page", "reference/glossary", "env", str)
    app.connect("doctree-read", on_doctree_read)
    ENTRIES.connect(app)
    app.connect("env-updated", on_env_updated)
    app.connect("doctree-resolved", on_doctree_resolved)
    # Entries are kept per page in the environment and merged after parallel reads.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
