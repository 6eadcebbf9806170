"""The datatable extension: data files are validated and render into accessible tables."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DOCS, copy_docs, run_sphinx

sys.path.insert(0, str(DOCS / "_ext"))
from datatable import DataFileError, load_table

DATA = DOCS / "_data"

GOOD = """\
schema:
  key: duty
  columns:
    - {name: duty, title: Duty, type: text, row_header: true}
    - {name: owner, title: Owner, type: enum, values: [2i2c, Community, Shared]}
    - {name: level, title: Level, type: number}
    - {name: notes, title: Notes, type: text, required: false}
rows:
  - duty: Run the cloud
    owner: 2i2c
    level: 1
  - duty: Manage users
    owner: Community
    level: 2
    notes: Through the admin panel
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "table.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads(tmp_path):
    table = load_table(write(tmp_path, GOOD))
    assert table.key == "duty"
    assert [column.name for column in table.columns] == ["duty", "owner", "level", "notes"]
    assert len(table.rows) == 2


BAD = {
    "missing field": (
        GOOD.replace("    level: 2\n", ""),
        "row 2 (duty='Manage users'): field 'level': missing",
        12,
    ),
    "unknown column": (
        GOOD.replace("    level: 1\n", "    level: 1\n    colour: red\n"),
        "row 1 (duty='Run the cloud'): field 'colour': unknown column",
        12,
    ),
    "wrong type": (
        GOOD.replace("level: 2", "level: two"),
        "row 2 (duty='Manage users'): field 'level': expected a number",
        14,
    ),
    "duplicate key": (
        GOOD.replace("duty: Manage users", "duty: Run the cloud"),
        "row 2 (duty='Run the cloud'): field 'duty': duplicate row key 'Run the cloud'",
        12,
    ),
    "unknown party": (
        GOOD.replace("owner: Community", "owner: Vendor"),
        "row 2 (duty='Manage users'): field 'owner': 'Vendor' is not one of",
        13,
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_file_names_row_and_field(tmp_path, case):
    text, message, line = BAD[case]
    with pytest.raises(DataFileError) as caught:
        load_table(write(tmp_path, text))
    assert message in str(caught.value)
    assert caught.value.line == line


@pytest.mark.parametrize(
    "broken, message",
    [
        (GOOD.replace("type: number", "type: money"), "field 'type': 'money' is not one of"),
        (GOOD.replace("  key: duty", "  key: task"), "field 'key': 'task' is not one of the columns"),
        (GOOD.replace(", row_header: true", ""), "exactly one column must have 'row_header: true'"),
        (GOOD.replace("rows:", "records:"), "unknown top-level field 'records'"),
        (GOOD + "  - [not, a, mapping]\n", "row 3: must be a mapping"),
        ("schema: [\n", "not valid YAML"),
    ],
)
def test_bad_schema_is_reported(tmp_path, broken, message):
    with pytest.raises(DataFileError, match=re.escape(message)):
        load_table(write(tmp_path, broken))


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda path: path.stem)
def test_every_data_file_is_valid(path):
    table = load_table(path)
    assert table.rows


def pages_using(stem: str) -> list[str]:
    pattern = re.compile(r"```\{datatable\}\s+" + re.escape(stem) + r"\s*$", re.MULTILINE)
    return [
        path.relative_to(DOCS).with_suffix(".html").as_posix()
        for path in DOCS.rglob("*.md")
        if "_build" not in path.relative_to(DOCS).parts  # `nox -s docs` copies sources there
        and pattern.search(path.read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda path: path.stem)
def test_every_data_file_renders_as_a_table(site, path):
    """Header cells in schema order, one body row per data row, a caption, row headers."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pages = pages_using(path.stem)
    assert pages, f"{path.name} is rendered on no page"
    for page in pages:
        table = site.main(page).select_one(f"table.datatable-{path.stem}")
        assert table is not None, f"{page} has no table for {path.name}"
        assert table.caption is not None and table.caption.get_text(strip=True)
        headers = [cell.get_text(strip=True) for cell in table.select("thead th")]
        titles = [column["title"] for column in data["schema"]["columns"]]
        assert headers == [title for title in titles if title in headers]
        assert len(headers) >= 2
        body_rows = table.select("tbody tr")
        assert len(body_rows) == len(data["rows"])
        assert all(row.find("th") is not None for row in body_rows), "each row needs a header cell"


def test_expected_tables_exist():
    assert {path.stem for path in DATA.glob("*.yaml")} >= {
        "feature-matrix",
        "fee-table",
        "comparison-matrix",
        "service-objectives",
        "shared-responsibility",
    }


def test_bad_data_file_fails_the_build(tmp_path):
    docs = copy_docs(tmp_path)
    path = docs / "_data" / "shared-responsibility.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    owner = next(column["name"] for column in data["schema"]["columns"] if column["name"] == "owner")
    text = path.read_text(encoding="utf-8")
    first_owner = re.search(rf"^(\s*-?\s*){owner}: .*$", text, re.MULTILINE)
    broken = (
        text[: first_owner.start()] + f"{first_owner.group(1)}{owner}: A vendor" + text[first_owner.end() :]
    )
    path.write_text(broken, encoding="utf-8")
    result = run_sphinx(docs, tmp_path / "out")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(
        re.escape(str(path))
        + r":\d+: ERROR: _data/shared-responsibility.yaml: row 1 .*field 'owner': 'A vendor'",
        log,
    ), log
