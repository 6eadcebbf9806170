"""Inline checked-in SVG diagrams so they follow the site's light and dark mode.

A page writes::

    ```{diagram} /_static/diagrams/service-team.svg
    :alt: What the picture shows, in one or two sentences.
    :caption: A short caption.
    ```

The SVG is drawn with ``dg-*`` classes instead of fixed colours; ``_static/custom.css`` colours
those classes from the theme's variables, which an ``<img>`` could not do. The directive checks the
file (well-formed XML, no scripts, images, external references or hard-coded colours), gives it an
accessible name (``role="img"`` and ``aria-label`` from ``:alt:``) and prefixes its ids so two
diagrams on one page cannot clash. The page depends on the SVG file, so editing it rebuilds the page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

SVG_NS = "http://www.w3.org/2000/svg"
FORBIDDEN_ELEMENTS = {"script", "image", "foreignObject", "iframe", "use"}
# Colours must come from the dg-* classes; these attributes may only say "none" or "currentColor".
COLOUR_ATTRIBUTES = {"fill", "stroke", "stop-color", "color"}
NEUTRAL_COLOURS = {"none", "currentcolor", "context-stroke", "context-fill"}


class DiagramError(Exception):
    """A problem in an SVG file, phrased for the writer who has to fix it."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def check_svg(root: ET.Element) -> None:
    """Raise DiagramError when the SVG would not be safe or would not follow dark mode."""
    if _local(root.tag) != "svg":
        raise DiagramError("the root element is not <svg>")
    if "viewBox" not in root.attrib:
        raise DiagramError("the <svg> element needs a viewBox (and no fixed width/height)")
    for element in root.iter():
        name = _local(element.tag)
        if name in FORBIDDEN_ELEMENTS:
            raise DiagramError(f"<{name}> is not allowed in a diagram")
        for attribute, value in element.attrib.items():
            attribute_name = _local(attribute)
            if attribute_name.startswith("on"):
                raise DiagramError(f"<{name}> has an event handler {attribute_name!r}")
            if attribute_name == "href" and not value.startswith("#"):
                raise DiagramError(f"<{name}> refers to an outside resource {value!r}")
            if attribute_name in COLOUR_ATTRIBUTES and value.strip().lower() not in NEUTRAL_COLOURS:
                raise DiagramError(f"<{name}> sets {attribute_name}={value!r}; use a dg-* class instead")
            if attribute_name == "style" and re.search(r"(fill|stroke|color)\s*:", value):
                raise DiagramError(f"<{name}> sets a colour in style=; use a dg-* class instead")
        if name == "style" and element.text and re.search(r"#[0-9a-fA-F]{3}|rgb\(", element.text):
            raise DiagramError("a <style> element sets colours; use the dg-* classes instead")


def render_svg(path: Path, alt: str, id_prefix: str) -> str:
    """Return the SVG markup, checked, labelled and with page-unique ids."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DiagramError(f"cannot read the file: {error.strerror}") from error
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise DiagramError(f"not well-formed XML: {error}") from error
    check_svg(root)
    ET.register_namespace("", SVG_NS)
    ids = [element.attrib["id"] for element in root.iter() if "id" in element.attrib]
    for element in root.iter():
        for attribute, value in list(element.attrib.items()):
            if attribute == "id":
                element.attrib[attribute] = f"{id_prefix}-{value}"
            elif ids and ("url(#" in value or value.startswith("#")):
                for old in ids:
                    value = value.replace(f"url(#{old})", f"url(#{id_prefix}-{old})")
                    if value == f"#{old}":
                        value = f"#{id_prefix}-{old}"
                element.attrib[attribute] = value
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None)
    root.attrib.update({"role": "img", "aria-label": alt, "class": "diagram-svg", "focusable": "false"})
    return ET.tostring(root, encoding="unicode")


class Diagram(SphinxDirective):
    """``{diagram} /_static/diagrams/NAME.svg`` with ``:alt:`` and ``:caption:``."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar = {
        "alt": directives.unchanged_required,
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        alt = " ".join(self.options.get("alt", "").split())
        if not alt:
            raise self.error("diagram: the ':alt:' option is required (say what the picture shows)")
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(absolute)
        path = Path(absolute)
        try:
            svg = render_svg(path, alt, f"dg-{path.stem}")
        except DiagramError as error:
            logger.error("%s: %s", relative, error, location=self.get_location(), type="diagram")
            return []
        figure = nodes.figure(classes=["diagram"])
        figure += nodes.raw("", svg, format="html")
        # Builders without HTML (text, linkcheck) still get the description.
        figure += addnodes.only("", nodes.paragraph("", alt), expr="not html")
        if "caption" in self.options:
            caption_nodes, messages = self.parse_inline(self.options["caption"], lineno=self.lineno)
            figure += nodes.caption(self.options["caption"], "", *caption_nodes)
            figure += messages
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]


def setup(app):
    app.add_directive("diagram", Diagram)
    # No state outside each page's doctree: safe to read and write in parallel.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
