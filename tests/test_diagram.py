"""The diagram extension: SVGs are checked, inlined with an accessible name and unique ids."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import DOCS

sys.path.insert(0, str(DOCS / "_ext"))
from diagram import DiagramError, check_svg, render_svg

DIAGRAMS = sorted((DOCS / "_static" / "diagrams").glob("*.svg"))
NS = 'xmlns="http://www.w3.org/2000/svg"'


def svg(body: str, attributes: str = 'viewBox="0 0 10 10"') -> ET.Element:
    return ET.fromstring(f"<svg {NS} {attributes}>{body}</svg>")


@pytest.mark.parametrize(
    "body, attributes, message",
    [
        ("<script>alert(1)</script>", 'viewBox="0 0 1 1"', "<script> is not allowed"),
        ('<image href="https://example.org/x.png"/>', 'viewBox="0 0 1 1"', "<image> is not allowed"),
        ('<rect class="dg-box" fill="#fff"/>', 'viewBox="0 0 1 1"', "use a dg-* class"),
        ('<rect style="fill: red"/>', 'viewBox="0 0 1 1"', "colour in style="),
        ('<a href="https://example.org"><text>x</text></a>', 'viewBox="0 0 1 1"', "outside resource"),
        ('<rect onclick="x()"/>', 'viewBox="0 0 1 1"', "event handler"),
        ("<text>x</text>", 'width="10"', "needs a viewBox"),
    ],
)
def test_unsafe_or_fixed_colour_svg_is_rejected(body, attributes, message):
    with pytest.raises(DiagramError, match=message.replace("*", r"\*")):
        check_svg(svg(body, attributes))


def test_render_labels_and_prefixes_ids(tmp_path):
    path = tmp_path / "two.svg"
    path.write_text(
        f'<svg {NS} viewBox="0 0 10 10" width="10"><defs><marker id="arrow"><path class="dg-arrow" d="M0 0"/>'
        '</marker></defs><line class="dg-line" marker-end="url(#arrow)"/></svg>',
        encoding="utf-8",
    )
    markup = render_svg(path, 'Boxes & "arrows"', "dg-two")
    root = ET.fromstring(markup)
    assert root.get("role") == "img"
    assert root.get("aria-label") == 'Boxes & "arrows"'
    assert root.get("width") is None
    assert 'id="dg-two-arrow"' in markup and "url(#dg-two-arrow)" in markup
    assert 'id="arrow"' not in markup


@pytest.mark.parametrize("path", DIAGRAMS, ids=lambda path: path.stem)
def test_every_checked_in_diagram_passes(path):
    check_svg(ET.parse(path).getroot())
    texts = [
        element.text for element in ET.parse(path).getroot().iter() if element.text and element.text.strip()
    ]
    assert texts, "a diagram carries real text"


def test_expected_diagrams_exist():
    assert {path.stem for path in DIAGRAMS} >= {
        "service-team",
        "shared-responsibility",
        "infrastructure-overview",
        "education-hub",
        "research-hub",
    }


def test_diagrams_are_inlined_with_accessible_names(site):
    found = 0
    for page in site.pages():
        for figure in site.main(page).select("figure.diagram"):
            found += 1
            inline = figure.find("svg")
            assert inline is not None and inline.get("role") == "img"
            assert len(inline.get("aria-label", "")) > 20, f"{page}: alt text too short"
            assert figure.find("figcaption") is not None
    assert found >= len(DIAGRAMS)
