"""Keep the search index's index entries (every glossary term) through incremental builds.

Search shows glossary terms as "Index" results from the ``indexentries`` of ``searchindex.js``.
Sphinx 9 collects them while it writes a page and keeps them in the environment, but it saves the
environment before writing, and rebuilding the index from the previous ``searchindex.js`` does not
bring them back. So after an incremental build, such as the live preview's, the index held only the
entries of the pages just written, and searching for a term no longer found its definition.

This extension collects the same entries while each page is read, when the environment is still
to be saved, so they survive to the next build; writing a page replaces them with equal ones.
"""

from __future__ import annotations

from docutils import nodes
from page_store import PageStore
from sphinx import addnodes
from sphinx.util.index_entries import split_index_msg

# Sphinx's own environment attribute: IndexBuilder reads and writes it.
INDEX_ENTRIES = PageStore("_search_index_index_entries")


def index_entries(doctree: nodes.document) -> list[tuple[str, str, str]]:
    """The page's index entries as the search index keeps them: (entry, target id, "main" or "")."""
    entries: set[tuple[str, str, str]] = set()
    for node in doctree.findall(addnodes.index):
        for entry_type, value, target_id, main, _category in node["entries"]:
            try:
                parts = split_index_msg(entry_type, value)
            except ValueError:
                continue
            target_id = target_id or ""
            if entry_type in {"see", "seealso"}:
                entries.add((parts[0], target_id, main))
            entries |= {(part, target_id, main) for part in parts}
    return sorted(entries)


def collect(app, doctree: nodes.document) -> None:
    INDEX_ENTRIES.of(app.env)[app.env.docname] = index_entries(doctree)


def setup(app):
    app.connect("doctree-read", collect)
    INDEX_ENTRIES.connect(app)
    # Entries are kept per page in the environment and merged after parallel reads.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
