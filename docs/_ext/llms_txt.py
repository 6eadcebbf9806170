"""Write ``llms.txt`` at the site root: a plain-text map of the guide for tools and assistants.

The file follows the llms.txt convention (https://llmstxt.org): the guide's title as a heading, its
home page's description as a quote, then one section per toctree caption of the home page with one
line per page, in the order of the navigation::

    - [Page title](https://docs.2i2c.org/path/page.html): the page's meta description

URLs are absolute when ``html_baseurl`` is set. The file is written into the output folder when an
HTML build finishes, never into the sources.

What the file needs from each page (its description, and the home page's toctree captions) is
collected while the page is read and kept in the environment, so writing the file loads no doctree:
an incremental build pays only for the pages it read again.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from page_store import PageStore
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder

FILENAME = "llms.txt"
DESCRIPTIONS = PageStore("llms_txt_descriptions")  # {docname: meta description}
CAPTIONS = "llms_txt_captions"  # [(caption, [entry docnames])] of the home page's toctrees


def description_of(doctree: nodes.document) -> str:
    """The page's meta description (``page_checks`` makes sure every page has one)."""
    for node in doctree.findall(nodes.meta):
        if node.get("name") == "description":
            return " ".join(node.get("content", "").split())
    return ""


def collect(app, doctree: nodes.document) -> None:
    env = app.env
    DESCRIPTIONS.of(env)[env.docname] = description_of(doctree)
    if env.docname == app.config.root_doc:
        env.__dict__[CAPTIONS] = [
            (toctree.get("caption") or "Pages", [ref for _title, ref in toctree["entries"]])
            for toctree in doctree.findall(addnodes.toctree)
        ]


def merge_captions(app, env, docnames, other) -> None:
    if app.config.root_doc in docnames and CAPTIONS in other.__dict__:
        env.__dict__[CAPTIONS] = other.__dict__[CAPTIONS]


def in_reading_order(env, docname: str, seen: set[str]):
    """``docname`` and every page below it in the toctrees, depth first, each page once."""
    if docname in seen or docname not in env.found_docs:
        return
    seen.add(docname)
    yield docname
    for child in env.toctree_includes.get(docname, []):
        yield from in_reading_order(env, child, seen)


def sections(env, root: str) -> list[tuple[str, list[str]]]:
    """(caption, pages) for each toctree of the home page, pages in navigation order."""
    seen = {root}
    result = []
    for caption, entries in env.__dict__.get(CAPTIONS, []):
        pages = [page for ref in entries for page in in_reading_order(env, ref, seen)]
        if pages:
            result.append((caption, pages))
    return result


def render(app) -> str:
    env, builder = app.env, app.builder
    root = app.config.root_doc
    base = app.config.html_baseurl
    descriptions = DESCRIPTIONS.of(env)

    def entry(docname: str) -> str:
        title = env.titles[docname].astext()
        line = f"- [{title}]({base}{builder.get_target_uri(docname)})"
        summary = descriptions.get(docname, "")
        return f"{line}: {summary}" if summary else line

    lines = [f"# {app.config.html_title or app.config.project}", ""]
    if summary := descriptions.get(root, ""):
        lines += [f"> {summary}", ""]
    lines += [f"Home page: {base}{builder.get_target_uri(root)}", ""]
    for caption, pages in sections(env, root):
        lines += [f"## {caption}", "", *(entry(page) for page in pages), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_llms_txt(app, exception) -> None:
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    if app.builder.name == "singlehtml":
        return
    (Path(app.outdir) / FILENAME).write_text(render(app), encoding="utf-8")


def setup(app):
    # After page_checks (priority 500), which gives the pages kept as given their description.
    app.connect("doctree-read", collect, priority=600)
    DESCRIPTIONS.connect(app)
    app.connect("env-merge-info", merge_captions)
    app.connect("build-finished", write_llms_txt)
    # Per-page data is kept in the environment and merged after parallel reads.
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
