"""Write ``llms.txt`` at the site root: a plain-text map of the guide for tools and assistants.

The file follows the llms.txt convention (https://llmstxt.org): the guide's title as a heading, its
home page's description as a quote, then one section per toctree caption of the home page with one
line per page, in the order of the navigation::

    - [Page title](https://docs.2i2c.org/path/page.html): the page's meta description

URLs are absolute when ``html_baseurl`` is set. The file is written into the output folder when an
HTML build finishes, never into the sources.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder

FILENAME = "llms.txt"


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
    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        pages = []
        for _title, ref in toctree["entries"]:
            pages.extend(in_reading_order(env, ref, seen))
        if pages:
            result.append((toctree.get("caption") or "Pages", pages))
    return result


def description(env, docname: str) -> str:
    """The page's meta description (``page_checks`` makes sure every page has one)."""
    for node in env.get_doctree(docname).findall(nodes.meta):
        if node.get("name") == "description":
            return " ".join(node.get("content", "").split())
    return ""


def render(app) -> str:
    env, builder = app.env, app.builder
    root = app.config.root_doc
    base = app.config.html_baseurl

    def entry(docname: str) -> str:
        title = env.titles[docname].astext()
        line = f"- [{title}]({base}{builder.get_target_uri(docname)})"
        summary = description(env, docname)
        return f"{line}: {summary}" if summary else line

    lines = [f"# {app.config.html_title or app.config.project}", ""]
    if summary := description(env, root):
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
    app.connect("build-finished", write_llms_txt)
    # Reads the merged environment once, after the build; keeps no state of its own.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
