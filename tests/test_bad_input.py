"""Broken sources fail the build with a message that names the file and the line.

Each case breaks a private copy of the real site in one way, builds it with the project's strict
flags, and expects a non-zero exit and a warning located at ``file:line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import copy_docs, run_sphinx

FRONT_MATTER = '---\nmyst:\n  html_meta:\n    description: "A page for a test."\n---\n'


def append(docs: Path, page: str, text: str) -> tuple[str, int]:
    """Append ``text`` to a page; return the page's path and the line the text starts on."""
    path = docs / page
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(body + text, encoding="utf-8")
    return page, body.count("\n") + 1


def unknown_term(docs):
    return append(docs, "admin/howto/data.md", "Ask a {term}`Hub Wizard` for help.\n")


def missing_label(docs):
    return append(docs, "admin/howto/data.md", "Read {ref}`admin/no-such-label` first.\n")


def missing_page_link(docs):
    return append(docs, "admin/howto/data.md", "See [the old page](no-such-page.md).\n")


def missing_toctree_entry(docs):
    path = docs / "admin/index.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("```{toctree}"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("```"))
    lines.insert(end, "howto/no-such-page")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "admin/index.md", None


def duplicate_label(docs):
    page, line = append(docs, "admin/howto/data.md", "(about/roles-for-service)=\n## Roles again\n\nText.\n")
    return page, line


def page_in_no_toctree(docs):
    (docs / "stray.md").write_text(FRONT_MATTER + "# A stray page\n\nNobody links here.\n", encoding="utf-8")
    return "stray.md", 1


def unknown_directive_option(docs):
    page, line = append(docs, "admin/howto/data.md", "```{note}\n:colour: red\nCareful.\n```\n")
    return page, line


def malformed_directive(docs):
    return append(docs, "admin/howto/data.md", "```{admonition}\nA title is required but missing.\n```\n")


@dataclass
class Case:
    name: str
    breaks: object
    message: str


CASES = [
    Case("unknown term", unknown_term, "term not in glossary: 'Hub Wizard'"),
    Case("missing label", missing_label, "undefined label: 'admin/no-such-label'"),
    Case("link to missing page", missing_page_link, "no-such-page.md"),
    Case("missing toctree entry", missing_toctree_entry, "nonexisting document 'admin/howto/no-such-page'"),
    Case("duplicate label", duplicate_label, "duplicate label"),
    Case("page in no toctree", page_in_no_toctree, "page is in no toctree"),
    Case("unknown directive option", unknown_directive_option, "Unknown option key: 'colour'"),
    Case("malformed directive", malformed_directive, "argument"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_fails_with_file_and_line(case, tmp_path):
    docs = copy_docs(tmp_path)
    page, line = case.breaks(docs)
    result = run_sphinx(docs, tmp_path / "out")
    log = result.stdout + result.stderr
    assert result.returncode != 0, f"{case.name}: the build passed:\n{log}"
    located = [entry for entry in log.splitlines() if case.message in entry]
    assert located, f"{case.name}: no message containing {case.message!r}:\n{log}"
    where = re.escape(str(docs / page)) + ":" + (str(line) if line else r"\d+") + r"\b"
    # A message may name a line inside the appended text (e.g. the option line of a directive).
    pattern = re.compile(where if line is None else re.escape(str(docs / page)) + r":(\d+)\b")
    matches = [pattern.search(entry) for entry in located]
    assert any(matches), f"{case.name}: the message names no {page}:line:\n{located}"
    if line is not None:
        lines = {int(match.group(1)) for match in matches if match}
        assert any(line <= number <= line + 3 for number in lines), f"{case.name}: {located}"
