"""Site-wide rules every page must follow, reported with the file and line to fix.

- Every page is reachable from a toctree (or says ``orphan: true`` in its front matter). Sphinx
  checks this too but names no line; this check names line 1 so every failure points somewhere.
- Every page has a meta description (``myst: html_meta: description:`` in its front matter): search
  engines and link previews show it. Pages whose source we must keep as given (listed in
  ``page_checks_describe_from_text``) get one made from their opening sentences instead, and the
  pages generated without a source (search, index, 404) get one of their own.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


def check_pages(app, env) -> None:
    included = set().union(*env.included.values()) if env.included else set()
    for docname in sorted(env.found_docs):
        metadata = env.metadata.get(docname, {})
        in_toctree = (
            docname == app.config.root_doc
            or docname in env.files_to_rebuild
            or docname in included
            or "orphan" in metadata
        )
        if not in_toctree:
            logger.warning(
                "page is in no toctree: add it to its section's toctree, or set 'orphan: true'",
                location=(docname, 1),
                type="page_checks",
                subtype="not_in_toctree",
            )


def summary_of(doctree: nodes.document, limit: int = 160) -> str:
    """The page's opening sentences, as many as fit in ``limit`` characters."""
    first = next(iter(doctree.findall(nodes.paragraph)), None)
    if first is None:
        return ""
    text = " ".join(first.astext().split())
    summary = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if len(summary) + len(sentence) + 1 > limit:
            break
        summary = f"{summary} {sentence}".strip()
    return summary or text[: limit - 1].rsplit(" ", 1)[0] + "…"


def check_description(app, doctree: nodes.document) -> None:
    """MyST turns ``html_meta`` front matter into meta nodes; a page needs a non-empty description."""
    described = any(
        node.get("name") == "description" and node.get("content", "").strip()
        for node in doctree.findall(nodes.meta)
    )
    if not described and app.env.docname in app.config.page_checks_describe_from_text:
        summary = summary_of(doctree)
        meta = nodes.meta("", name="description", content=summary)
        doctree.insert(0, meta)
        described = bool(summary)
    if not described:
        logger.warning(
            "page has no meta description: add 'myst: html_meta: description: ...' to its front matter",
            location=(app.env.docname, 1),
            type="page_checks",
            subtype="no_description",
        )


# The pages Sphinx and its extensions generate have no source to hold a description, but search
# engines (and Lighthouse's SEO audit) want one on every page.
GENERATED_DESCRIPTIONS = {
    "search": "Search every page of the {title}: the service, the guides for hub administrators and "
    "users, and the glossary.",
    "genindex": "Index of the {title}: every glossary term and label, with a link to where it is defined.",
    "404": "This page does not exist in the {title}. Search the guide, or start again from its home page.",
}


def describe_generated_page(app, pagename, templatename, context, doctree) -> None:
    metatags = context.get("metatags") or ""
    if doctree is not None or pagename not in GENERATED_DESCRIPTIONS or 'name="description"' in metatags:
        return
    text = GENERATED_DESCRIPTIONS[pagename].format(title=app.config.html_title)
    context["metatags"] = metatags + f'\n<meta name="description" content="{html.escape(text)}" />'


def setup(app):
    app.add_config_value("page_checks_describe_from_text", [], "env", list)
    app.connect("html-page-context", describe_generated_page)
    app.connect("doctree-read", check_description)
    app.connect("env-check-consistency", check_pages)
    # Reads only the merged environment after all pages are read.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
