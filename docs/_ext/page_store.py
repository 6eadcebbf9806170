"""Data an extension keeps per page in the build environment, for incremental and parallel builds.

Several local extensions note something about each page while it is read (its glossary entries, its
description, the terms it links to, its index entries) and use it after all pages are read. Kept in
the environment, it is saved with it, so a rebuild that reads only the changed pages still has
every page's data. Two Sphinx events keep it right: ``env-purge-doc`` forgets a page that is read
again or removed, and ``env-merge-info`` takes what a parallel reading process noted for its pages.

    from page_store import PageStore
    ENTRIES = PageStore("glossary_index_entries")   # at import
    ENTRIES.connect(app)                             # in setup()
    ENTRIES.of(env)[docname] = ...                   # while reading
"""

from __future__ import annotations


class PageStore:
    """A ``{docname: data}`` dict kept as the environment attribute ``attribute``."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def of(self, env) -> dict:
        """The store of ``env`` (created empty the first time)."""
        return env.__dict__.setdefault(self.attribute, {})

    def purge(self, app, env, docname: str) -> None:
        self.of(env).pop(docname, None)

    def merge(self, app, env, docnames, other) -> None:
        theirs = other.__dict__.get(self.attribute, {})
        self.of(env).update({docname: theirs[docname] for docname in docnames if docname in theirs})

    def connect(self, app) -> None:
        app.connect("env-purge-doc", self.purge)
        app.connect("env-merge-info", self.merge)
