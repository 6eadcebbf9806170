"""Font Awesome's icons without its 1.5 MB script or its web fonts, for ``lean_assets``.

The theme writes each icon as an empty element, ``<i class="fa-solid fa-sun"></i>``, and loads Font
Awesome's script on every page to replace it, once the page has loaded, with an inline ``<svg>`` of
the icon and a stylesheet for those SVGs. Some icons are drawn by CSS instead, as characters of Font
Awesome's web font in a pseudo-element. This module does all of that when the site is built, from
the theme's own copy of the script (``read_fontawesome``), so every icon looks as it did:

- ``inline_svg_icons`` writes into a page the very ``<svg>`` the script would have put there;
- ``icon_css`` is the script's stylesheet for those SVGs, less what the site does not use, plus masks
  for the few icons a script creates at run time (CSS masks of the icon's SVG path, in the current
  colour);
- ``glyphs_to_masks`` turns the theme's icon-font characters into such masks.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from lean_css import FONTAWESOME_STYLES, Tokens, declarations, parse_css, purge, serialize_css

# In fontawesome.js each pack's icon table ends where the script registers it under its prefix.
PACK_PREFIXES = {"fab": "brands", "far": "regular", "fas": "solid"}
PACK_REGISTRATION = re.compile(r'\(\s*"(fab|far|fas)"\s*,\s*[\w$]+\s*\)')
ICON_ENTRY = re.compile(
    r'[{,]"?([a-z0-9][\w-]*)"?:\[(\d+),(\d+),\[([^\]]*)\],"([0-9a-f]+)",("(?:[^"\\]|\\.)*"|\[[^\]]*\])\]'
)
# The class the script gives its SVGs; its stylesheet sizes and aligns them through it.
SVG_CLASS = "svg-inline--fa"
MASK = (
    "background-color:currentColor;-webkit-mask:{image} center/contain no-repeat;"
    "mask:{image} center/contain no-repeat"
)
# An empty element whose classes name a Font Awesome style: an icon for the script to replace.
ICON_ELEMENT = re.compile(r"""<(i|span)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*>\s*</\1>""")
ATTRIBUTE = re.compile(r"""([\w:-]+)(?:="([^"]*)")?""")


@dataclass(frozen=True, order=True)
class Icon:
    name: str  # the icon's own name, which aliases (fa-pencil-alt) lead to (fa-pencil)
    width: int
    height: int
    path: str

    def data_url(self) -> str:
        svg = (
            f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {self.width} {self.height}'>"
            f"<path d='{self.path}'/></svg>"
        )
        for char, code in (("%", "%25"), ("#", "%23"), ("<", "%3C"), (">", "%3E"), ('"', "'")):
            svg = svg.replace(char, code)
        return f'url("data:image/svg+xml,{svg}")'


class IconElement(NamedTuple):
    """What an element's classes say: its style class, its icon class, and that icon."""

    style: str
    icon_class: str
    icon: Icon

    @property
    def prefix(self) -> str:  # what the script writes in data-prefix
        return {pack: prefix for prefix, pack in PACK_PREFIXES.items()}[FONTAWESOME_STYLES[self.style]]


@dataclass
class FontAwesome:
    """Font Awesome's script, read: its icons by pack and name (or alias) and by code point, and the
    stylesheet it adds to pages for its SVG icons (their size, alignment, ``fa-lg`` and so on)."""

    icons: dict[str, dict[str, Icon]]
    code_points: dict[int, Icon]
    svg_css: str

    def icon(self, classes: Iterable[str]) -> IconElement | None:
        """The icon of an element with these classes, if they name a style and one of its icons."""
        classes = list(classes)
        style = next((name for name in classes if name in FONTAWESOME_STYLES), None)
        if style is None:
            return None
        pack = self.icons[FONTAWESOME_STYLES[style]]
        for name in classes:
            if name.startswith("fa-") and name not in FONTAWESOME_STYLES and name[3:] in pack:
                return IconElement(style, name, pack[name[3:]])
        return None

    def glyph(self, value: str) -> Icon | None:
        """The icon of a CSS string that holds one icon-font character (``"\\f05a"`` or the character)."""
        text = value.strip()
        if len(text) < 3 or text[0] not in "\"'" or text[-1] != text[0]:
            return None
        text = text[1:-1]
        if text.startswith("\\"):
            code = text[1:].strip()
            if not re.fullmatch(r"[0-9a-fA-F]{1,6}", code):
                return None
            point = int(code, 16)
        elif len(text) == 1:
            point = ord(text)
        else:
            return None
        return self.code_points.get(point)


@cache
def read_fontawesome(script: Path) -> FontAwesome:
    """Font Awesome's icon tables and SVG stylesheet, read from its script (the theme's copy)."""
    text = script.read_text(encoding="utf-8")
    icons: dict[str, dict[str, Icon]] = {}
    code_points: dict[str, dict[int, Icon]] = {}
    start = 0
    for registration in PACK_REGISTRATION.finditer(text):
        pack = PACK_PREFIXES[registration.group(1)]
        if pack in icons:
            continue
        names, points = icons.setdefault(pack, {}), code_points.setdefault(pack, {})
        for entry in ICON_ENTRY.finditer(text, start, registration.start()):
            name, width, height, aliases, code, path = entry.groups()
            # Two-tone icons have a list of paths: the main layer is the last one.
            path = re.findall(r'"((?:[^"\\]|\\.)*)"', path)[-1] if path.startswith("[") else path[1:-1]
            icon = Icon(name, int(width), int(height), path)
            names[name] = icon
            points.setdefault(int(code, 16), icon)
            for alias in re.findall(r'"([\w-]+)"', aliases):
                names.setdefault(alias, icon)
        start = registration.end()
    if set(icons) != set(PACK_PREFIXES.values()) or not all(icons.values()):
        raise ValueError(f"{script}: cannot read Font Awesome's icon tables (found {sorted(icons)})")
    # A code point names the same icon in the solid and regular packs; brands have their own.
    merged = {**code_points["regular"], **code_points["brands"], **code_points["solid"]}
    return FontAwesome(icons, merged, _svg_stylesheet(text, script))


def _svg_stylesheet(text: str, script: Path) -> str:
    """The script's string literal that holds the rule for ``.svg-inline--fa``, decoded."""
    inside = text.find(f".{SVG_CLASS} {{")

    def unescaped_quote(index: int) -> bool:
        if text[index] != '"':
            return False
        backslashes = 0
        while index - backslashes > 0 and text[index - backslashes - 1] == "\\":
            backslashes += 1
        return backslashes % 2 == 0

    start = next((i for i in range(inside, -1, -1) if unescaped_quote(i)), -1) if inside >= 0 else -1
    end = next((i for i in range(inside, len(text)) if unescaped_quote(i)), -1) if inside >= 0 else -1
    if start < 0 or end < 0:
        raise ValueError(f"{script}: cannot find the stylesheet of Font Awesome's SVG icons")
    return json.loads(text[start : end + 1])


# -- Icons in pages --------------------------------------------------------------------------------


def inline_svg_icons(page: str, fontawesome: FontAwesome) -> tuple[str, list[str]]:
    """The page with each icon element replaced by the SVG Font Awesome's script made of it, and the
    class lists of the icon elements whose icon Font Awesome does not have (left as they are).

    As the script does: the SVG keeps the element's other attributes and classes (not the style
    class); it is hidden from assistive technology unless it has a title.
    """
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        attributes = {name: value for name, value in ATTRIBUTE.findall(match.group(2))}
        classes = attributes.get("class", "").split()
        if not any(name in FONTAWESOME_STYLES for name in classes):
            return match.group(0)
        found = fontawesome.icon(classes)
        if found is None:
            unknown.append(" ".join(classes))
            return match.group(0)
        icon = found.icon
        own = [name for name in classes if name not in {found.style, found.icon_class}]
        others = "".join(
            f' {name}="{value}"' for name, value in attributes.items() if name not in {"class", "aria-hidden"}
        )
        hidden = "" if attributes.get("title") else ' aria-hidden="true"'
        return (
            f'<svg class="{SVG_CLASS} fa-{icon.name}{"".join(" " + name for name in own)}"{others}'
            f' data-prefix="{found.prefix}" data-icon="{icon.name}" role="img"'
            f' viewBox="0 0 {icon.width} {icon.height}"{hidden}>'
            f'<path fill="currentColor" d="{html.escape(icon.path)}"></path></svg>'
        )

    return ICON_ELEMENT.sub(replace, page), unknown


def icon_css(fontawesome: FontAwesome, tokens: Tokens, script_icons: Iterable[tuple[str, ...]] = ()) -> str:
    """Font Awesome's stylesheet for its SVG icons (less what the site does not use), and masks for
    the icon elements that scripts create (``script_icons``: the class lists of each), which the
    stylesheet then sizes like the SVGs."""
    masks, styles = [], set()
    for classes in sorted(set(script_icons)):
        found = fontawesome.icon(classes)
        if found is not None:
            styles.add(found.style)
            masks.append(f".{found.style}.{found.icon_class}{{--lean-icon:{found.icon.data_url()}}}")
    element = f".{SVG_CLASS}"
    if styles:
        element = ":is(" + ",".join([element, *(f".{name}" for name in sorted(styles))]) + ")"
    rules = purge(parse_css(fontawesome.svg_css.replace(f".{SVG_CLASS}", element)), tokens, True)
    css = serialize_css(rules)
    if styles:
        elements = ",".join(f".{name}" for name in sorted(styles))
        css += f":is({elements}){{{MASK.format(image='var(--lean-icon)')}}}" + "".join(sorted(masks))
    return css + "\n"


# -- Icon-font characters in CSS ---------------------------------------------------------------------


def _is_icon_font(name: str, value: str) -> bool:
    if name not in {"font", "font-family"}:
        return False
    return "--fa-font" in value or "Font Awesome" in value.replace("\\", "")


def glyphs_to_masks(items: list[tuple], fontawesome: FontAwesome) -> list[tuple]:
    """The theme's pseudo-element icons, drawn as characters of Font Awesome's font, drawn as masks.

    The theme names each icon in a custom property (``--pst-icon-bell: "\\f0f3"``, some by way of
    others: ``--pst-icon-admonition-note: var(--pst-icon-info-circle)``), shows it with ``content``, and
    sets the icon font in a rule for the same pseudo-element. Each such property gets a twin that holds
    the icon's mask (``--lean-mask-pst-icon-bell``); ``content`` shows nothing and passes the mask on in
    ``--lean-glyph``; and the font becomes a mask of the current colour, one ``em`` square placed
    where the glyph's em box was.
    """
    glyph_properties: set[str] = set()
    every = list(_all_declarations(items))
    for name, value in every:
        if name.startswith("--") and fontawesome.glyph(value):
            glyph_properties.add(name)
    changed = True
    while changed:  # properties defined as var() of a glyph property
        changed = False
        for name, value in every:
            target = _var_name(value)
            if name.startswith("--") and name not in glyph_properties and target in glyph_properties:
                glyph_properties.add(name)
                changed = True

    def twin(name: str) -> str:
        return "--lean-mask-" + name[2:]

    def transform(body: str) -> str:
        result = []
        for name, value in declarations(body):
            target = _var_name(value)
            icon = fontawesome.glyph(value)
            if name in glyph_properties:
                result.append(f"{name}:{value}")
                result.append(f"{twin(name)}:{icon.data_url() if icon else f'var({twin(target)})'}")
            elif name == "content" and target in glyph_properties:
                result.append(f'content:"";--lean-glyph:var({twin(target)})')
            elif name == "content" and icon is not None:
                result.append(f'content:"";--lean-glyph:{icon.data_url()}')
            elif _is_icon_font(name, value):
                # A one-em square where the glyph's em box was: on the baseline when inline; in a
                # box that sets a taller line-height (an absolutely placed icon), the glyph sat
                # half the extra height lower, so the square moves down by as much.
                result.append(
                    "display:inline-block;width:1em;height:1em;line-height:1;vertical-align:-.125em;"
                    "translate:0 calc((1lh - 1em) / 2)"
                )
                result.append(MASK.format(image="var(--lean-glyph)"))
            else:
                result.append(f"{name}:{value}")
        return ";".join(result)

    def walk(nodes: list[tuple]) -> list[tuple]:
        out = []
        for item in nodes:
            if item[0] == "rule":
                out.append(("rule", item[1], transform(item[2])))
            elif item[0] == "group":
                out.append(("group", item[1], walk(item[2])))
            else:
                out.append(item)
        return out

    return walk(items)


def _var_name(value: str) -> str | None:
    match = re.fullmatch(r"var\(\s*(--[\w-]+)\s*\)", value.strip())
    return match.group(1) if match else None


def _all_declarations(items: list[tuple]):
    for item in items:
        if item[0] == "rule":
            yield from declarations(item[2])
        elif item[0] == "group":
            yield from _all_declarations(item[2])
