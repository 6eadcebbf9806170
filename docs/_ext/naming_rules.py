"""Names that other sites link to follow the house rules (CONTRIBUTING.md), checked on every build.

- Labels follow the scheme ``<section>/<slug>``: the section is the first folder of the page's path
  (``about``, ``admin``, ``user`` ...) or, for a page at the root, its name (``support``); the slug is
  lowercase words or numbers joined by hyphens. A label never equals a page's path. Labels published
  before the scheme are listed in ``naming_rules_label_exceptions`` and keep their names.
- Every glossary term is defined once on the whole site. Sphinx reports two definitions with the
  same spelling; this also catches spellings that differ only in case, accents, hyphens or spaces
  (``Hub Engineer`` and ``hub-engineer``), which Sphinx would keep as two terms. The entries come
  from ``glossary_index``, which already collects every glossary entry of every page.

Problems are warnings located at the file and line to fix, so the strict build fails on them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from docutils import nodes
from glossary_index import ENTRIES as GLOSSARY_ENTRIES
from sphinx.util import logging

logger = logging.getLogger(__name__)

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def label_section(docname: str) -> str:
    """The section a page's labels start with: its first folder, or its own name at the root."""
    return docname.split("/", 1)[0]


def label_problem(label: str, docname: str, found_docs) -> str | None:
    """Why ``label`` on page ``docname`` breaks the scheme, or None when it follows it."""
    section = label_section(docname)
    if label in found_docs:
        return f"label {label!r} is also a page's path: give the label a name of its own"
    if re.fullmatch(rf"{re.escape(section)}/{SLUG}", label):
        return None
    return (
        f"label {label!r} does not follow the label scheme: on this page use "
        f"'{section}/<slug>', with a lowercase, hyphenated slug (see CONTRIBUTING.md)"
    )


def explicit_labels(doctree: nodes.document):
    """(label, line) for every ``(label)=`` of a page, the way Sphinx's std domain finds them.

    Docutils lowercases names, so the label is read back from its source line as it was written.
    """
    lines = {node["refid"]: node.line for node in doctree.findall(nodes.target) if "refid" in node}
    source = Path(doctree["source"]).read_text(encoding="utf-8").splitlines()
    for name, explicit in doctree.nametypes.items():
        labelid = doctree.nameids.get(name)
        if not explicit or labelid is None:
            continue
        node = doctree.ids[labelid]
        if node.tagname == "footnote" or "refuri" in node or node.tagname.startswith("desc_"):
            continue  # footnotes, link targets and object descriptions are not labels
        line = lines.get(labelid, node.line)
        written = re.fullmatch(r"\((.+)\)=\s*", source[line - 1]) if line and line <= len(source) else None
        yield (written[1] if written and written[1].lower() == name else name), line


def check_labels(app, doctree: nodes.document) -> None:
    docname = app.env.docname
    exceptions = set(app.config.naming_rules_label_exceptions)
    for label, line in sorted(explicit_labels(doctree), key=lambda item: item[1] or 0):
        problem = None if label in exceptions else label_problem(label, docname, app.env.found_docs)
        if problem:
            logger.warning(problem, location=(docname, line), type="naming_rules", subtype="label")


def term_key(term: str) -> str:
    """What makes two spellings the same term: case, accents, hyphens and spacing do not count."""
    folded = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.split(r"[\s\-_]+", folded)).strip()


def term_line(env, docname: str, term: str) -> int | None:
    """The source line that defines ``term``: a glossary term stands alone on its line.

    Docutils numbers glossary terms from the start of the directive's content, not of the file.
    """
    lines = env.doc2path(docname).read_text(encoding="utf-8").splitlines()
    return next((number for number, line in enumerate(lines, 1) if line.strip() == term), None)


def check_terms_defined_once(app, env) -> None:
    store = GLOSSARY_ENTRIES.of(env)
    definitions = defaultdict(list)
    for docname in sorted(store):
        for entry in store[docname]:
            for term in entry["terms"]:
                definitions[term_key(term)].append((docname, term))
    for places in definitions.values():
        (first_doc, first_term), *others = places
        for docname, term in others:
            logger.warning(
                "glossary term %r is defined more than once: also as %r in %s, line %s; "
                "keep one definition and make other spellings aliases of it",
                term,
                first_term,
                env.doc2path(first_doc),
                term_line(env, first_doc, first_term),
                location=(docname, term_line(env, docname, term)),
                type="naming_rules",
                subtype="term",
            )


def setup(app):
    app.setup_extension("glossary_index")
    app.add_config_value("naming_rules_label_exceptions", [], "env", list)
    app.connect("doctree-read", check_labels)
    app.connect("env-check-consistency", check_terms_defined_once)
    # Labels are checked per page while reading; terms once, on the merged environment.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
