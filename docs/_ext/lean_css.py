"""CSS tools for ``lean_assets``: parse and write stylesheets, and drop the rules a site does not use.

Plain functions, no Sphinx: ``lean_assets`` calls them when the build finishes, and the tests call
them on small inputs.

- ``parse_css``/``serialize_css``: a small parser that knows comments, strings, blocks and at-rules,
  enough to drop rules and selectors without touching the rest. It keeps ``/*!`` licence comments.
- ``read_css``: a stylesheet with its ``@import``s inlined and its ``url()``s made relative to the file
  it is copied into.
- ``purge``: drops every selector that names a class or id the site never uses (``Tokens``), and Font
  Awesome's web-font styles and fonts (``lean_icons`` draws the icons instead).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

# -- Parsing and writing -------------------------------------------------------------------------

NESTING_AT_RULES = ("@media", "@supports", "@container", "@layer", "@document")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?\s*([^;]*);""")
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+?)\1\s*\)""")


# The characters a scanner must stop at; everything between them is copied as it is.
BLOCK_SIGNIFICANT = re.compile(r"""[{}"'/]""")
PRELUDE_SIGNIFICANT = re.compile(r"""[{};"'/]""")
STRING_OR_COMMENT = re.compile(r"""["']|/\*""")


def _skip_string(text: str, start: int) -> int:
    """Index just past the string literal that starts at ``start``."""
    quote, index = text[start], start + 1
    while True:
        end = text.find(quote, index)
        if end < 0:
            return len(text)
        backslashes = 0
        while text[end - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return end + 1
        index = end + 1


def _skip_comment(text: str, start: int) -> int:
    end = text.find("*/", start + 2)
    return len(text) if end < 0 else end + 2


def strip_comments(text: str) -> str:
    if "/*" not in text:
        return text
    parts, start, index = [], 0, 0
    while (match := STRING_OR_COMMENT.search(text, index)) is not None:
        if match.group() == "/*":
            parts.append(text[start : match.start()])
            index = start = _skip_comment(text, match.start())
        else:
            index = _skip_string(text, match.start())
    return "".join(parts) + text[start:]


def _block_end(text: str, start: int) -> int:
    """Index of the ``}`` that closes the block whose body starts at ``start``."""
    depth, index = 1, start
    while (match := BLOCK_SIGNIFICANT.search(text, index)) is not None:
        char, index = match.group(), match.start()
        if char in "\"'":
            index = _skip_string(text, index)
        elif char == "/":
            index = _skip_comment(text, index) if text.startswith("/*", index) else index + 1
        else:
            depth += 1 if char == "{" else -1
            if depth == 0:
                return index
            index += 1
    return len(text)


def parse_css(text: str) -> list[tuple]:
    """A stylesheet as a list of items:

    ``("comment", text)`` (licence comments only), ``("statement", text)`` (``@charset`` ...),
    ``("rule", selectors, declarations)``, ``("at", prelude, body)`` (``@font-face``, ``@keyframes``
    ...) and ``("group", prelude, items)`` (``@media`` and the other at-rules that hold rules).
    """
    items, prelude, index = [], [], 0
    while (match := PRELUDE_SIGNIFICANT.search(text, index)) is not None:
        char, found = match.group(), match.start()
        prelude.append(text[index:found])
        index = found
        if char == "/":
            if not text.startswith("/*", index):
                prelude.append("/")
                index += 1
                continue
            end = _skip_comment(text, index)
            if text.startswith("/*!", index) and not "".join(prelude).strip():
                items.append(("comment", text[index:end]))
            index = end
        elif char in "\"'":
            end = _skip_string(text, index)
            prelude.append(text[index:end])
            index = end
        elif char == ";":
            statement = "".join(prelude).strip()
            if statement:
                items.append(("statement", statement + ";"))
            prelude, index = [], index + 1
        elif char == "{":
            head = " ".join("".join(prelude).split())
            end = _block_end(text, index + 1)
            body = text[index + 1 : end]
            if head.lower().startswith(NESTING_AT_RULES):
                items.append(("group", head, parse_css(body)))
            elif head.startswith("@"):
                items.append(("at", head, body))
            else:
                items.append(("rule", head, body.strip()))
            prelude, index = [], end + 1
        else:  # an unbalanced "}": skip it, as browsers do
            index += 1
    return items


def serialize_css(items: list[tuple]) -> str:
    parts = []
    for item in items:
        if item[0] == "comment":
            parts.append(item[1] + "\n")
        elif item[0] == "statement":
            parts.append(item[1])
        elif item[0] == "group":
            parts.append(f"{item[1]}{{{serialize_css(item[2])}}}")
        else:
            parts.append(f"{item[1]}{{{item[2]}}}")
    return "".join(parts)


NESTED = re.compile(r"""[()\[\]"']""")


def _split_top_level(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` outside strings, parentheses and brackets."""
    if not NESTED.search(text):
        return [part.strip() for part in text.split(separator) if part.strip()]
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            index = _skip_string(text, index)
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
        index += 1
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def split_selectors(selectors: str) -> list[str]:
    return _split_top_level(selectors, ",")


def declarations(body: str) -> list[tuple[str, str]]:
    """(property, value) of each declaration of a rule, in order."""
    found = []
    for declaration in _split_top_level(body, ";"):
        name, colon, value = declaration.partition(":")
        if colon:
            found.append((name.strip(), value.strip()))
    return found


def _rebase(url: str, source: str, target: str) -> str:
    """``url`` as written in file ``source``, made relative to file ``target`` (both site paths)."""
    if url.startswith(("data:", "#", "/")) or "://" in url:
        return url
    path, rest = re.fullmatch(r"([^?#]*)(.*)", url, re.DOTALL).groups()  # keep ?query and #fragment
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    return posixpath.relpath(resolved, posixpath.dirname(target)) + rest


def read_css(root: Path, name: str, target: str, seen: set[str] | None = None) -> str:
    """Stylesheet ``name`` (a path under ``root``) with its ``@import``s inlined and its ``url()``s
    made relative to ``target``, the file it is copied into."""
    seen = set() if seen is None else seen
    if name in seen:
        return ""
    seen.add(name)
    text = (root / name).read_text(encoding="utf-8")
    imported: list[str] = []

    def inline_import(match: re.Match) -> str:
        source = posixpath.normpath(posixpath.join(posixpath.dirname(name), match.group(1)))
        css = read_css(root, source, target, seen)
        media = match.group(2).strip()
        imported.append(f"@media {media}{{{css}}}" if media else css)
        return f"/*lean-import-{len(imported) - 1}*/"

    text = CSS_IMPORT.sub(inline_import, text)
    text = CSS_URL.sub(lambda match: f'url("{_rebase(match.group(2), name, target)}")', text)
    for number, css in enumerate(imported):
        text = text.replace(f"/*lean-import-{number}*/", css)
    return text


# -- Dropping what the site does not use ---------------------------------------------------------

FUNCTIONAL_PSEUDO = re.compile(r":[\w-]+\(")
NAME = re.compile(r"([.#])((?:[\w-]|\\.)+)")


def selector_names(selector: str) -> tuple[list[str], list[str]]:
    """(classes, ids) an element needs for ``selector`` to match it.

    What attribute selectors and functional pseudo-classes name is not counted: ``:not(.x)`` matches
    where ``.x`` is absent, so it cannot be a reason to drop a rule.
    """
    text = re.sub(r"\[[^\]]*\]", "", selector)
    while (match := FUNCTIONAL_PSEUDO.search(text)) is not None:
        depth, index = 1, match.end()
        while index < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            index += 1
        text = text[: match.start()] + text[index:]
    classes, ids = [], []
    for kind, name in NAME.findall(text):
        if name[0].isdigit():  # a number (.5 in a keyframe offset), not a name
            continue
        (classes if kind == "." else ids).append(re.sub(r"\\(.)", r"\1", name))
    return classes, ids


class Tokens:
    """Every class and id the site may use, and the prefixes its scripts build class names from."""

    def __init__(self, words: Iterable[str], prefixes: Iterable[str] = ()) -> None:
        self.words = set(words)
        # Short prefixes ("a-") would keep nearly everything; a script's "bs-" + name is what counts.
        self.prefixes = tuple(sorted(prefix for prefix in prefixes if len(prefix) >= 3))

    def __contains__(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)


# Font Awesome's style classes, and the pack of icons each one draws from.
FONTAWESOME_STYLES = {
    "fa": "solid",
    "fas": "solid",
    "fa-solid": "solid",
    "far": "regular",
    "fa-regular": "regular",
    "fab": "brands",
    "fa-brands": "brands",
}


def is_fontawesome_class(name: str) -> bool:
    return name in FONTAWESOME_STYLES or name.startswith("fa-") or name == "svg-inline--fa"


def keep_selector(selector: str, tokens: Tokens, fontawesome_styles: bool = False) -> bool:
    classes, ids = selector_names(selector)
    if not fontawesome_styles and classes and all(is_fontawesome_class(name) for name in classes):
        return False  # Font Awesome's web-font styles: icon_css replaces them
    return all(name in tokens for name in classes) and all(name in tokens for name in ids)


NOT_COMPACT = re.compile(r"/\*|--fa-f|[:;]\s|\s[:;]|;$")
# Custom properties that name Font Awesome's web fonts, which the site no longer loads.
ICON_FONT_PROPERTIES = ("--fa-font-", "--fa-family-")


def _dropped(item: tuple) -> bool:
    """Font Awesome's fonts and animations, and ``@charset`` (a bundle states its own)."""
    if item[0] == "at":
        head = item[1].lower()
        return (head.startswith("@font-face") and "Font Awesome" in item[2]) or head.startswith(
            ("@keyframes fa-", "@-webkit-keyframes fa-")
        )
    return item[0] == "statement" and item[1].lower().startswith("@charset")


def purge(items: list[tuple], tokens: Tokens, fontawesome_styles: bool = False) -> list[tuple]:
    """The items without the selectors that cannot match on the site, nor (unless asked for) Font
    Awesome's web-font styles; a rule, or an ``@media`` block, that keeps nothing goes too."""
    kept = []
    for item in items:
        if item[0] == "rule":
            selectors = [s for s in split_selectors(item[1]) if keep_selector(s, tokens, fontawesome_styles)]
            body = item[2]
            if NOT_COMPACT.search(body):  # most are minified already
                body = ";".join(
                    f"{name}:{' '.join(value.split())}"
                    for name, value in declarations(strip_comments(body))
                    if not name.startswith(ICON_FONT_PROPERTIES)
                )
            if selectors and body:
                kept.append(("rule", ",".join(selectors), body))
        elif item[0] == "group":
            inner = purge(item[2], tokens, fontawesome_styles)
            if inner:
                kept.append(("group", item[1], inner))
        elif not _dropped(item):
            kept.append(item)
    return kept
