"""Link previews describe a page with its meta description, not with its opening words.

``sphinxext-opengraph`` writes the ``og:`` tags that chat apps and social sites read. Left alone,
it makes ``og:description`` from the first words of the page body; every page here has a meta
description written for exactly this purpose (``page_checks`` makes sure), so this extension hands
that one over as the page's ``og:description`` field, which opengraph's tags then use as is.
"""

from __future__ import annotations

import html

from docutils import nodes


def meta_description(doctree: nodes.document) -> str | None:
    """The content of the page's ``<meta name="description">``, if it has one."""
    for node in doctree.findall(nodes.meta):
        if node.get("name") == "description" and node.get("content", "").strip():
            return " ".join(node["content"].split())
    return None


def add_description_field(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None:
        return
    description = meta_description(doctree)
    if description is None:
        return
    # A copy: the page's metadata in the environment stays as the page wrote it. Opengraph writes
    # field values into the tag without escaping them, so they are escaped here.
    context["meta"] = {**(context.get("meta") or {}), "og:description": html.escape(description)}


def setup(app):
    app.setup_extension("sphinxext.opengraph")
    # Before opengraph's own handler (priority 500), which reads the page's fields.
    app.connect("html-page-context", add_description_field, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
