"""Render comparison tables from checked-in, validated data files.

A page writes::

    ```{datatable} feature-matrix
    :caption: Features of each hub distribution
    ```

and the directive reads ``docs/_data/feature-matrix.yaml``. That file holds its own schema (the
columns, their types, which column keys a row) and its rows. Every problem in the file (a missing or
unknown field, a wrong type, an enum value that is not allowed, a duplicate row key) is reported
with the file, the row and the field, and fails a strict build. Text cells accept inline MyST, so
they may hold links and ``{term}`` references. The page depends on the data file, so editing the
file rebuilds the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

DATA_DIR = "_data"
# libyaml's parser when PyYAML was built with it (its wheels are), else the pure-Python one: same results.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
COLUMN_TYPES = {"text", "number", "enum", "bool"}
COLUMN_FIELDS = {"name", "title", "type", "values", "required", "row_header"}


class DataFileError(Exception):
    """A problem in a data file, already phrased for the writer who has to fix it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Column:
    name: str
    title: str
    type: str
    values: list[str] = field(default_factory=list)
    required: bool = True
    row_header: bool = False


@dataclass
class Table:
    key: str
    columns: list[Column]
    rows: list[dict[str, Any]]


def _line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping_lines(node: yaml.Node) -> dict[str, int]:
    """Line of each key in a YAML mapping node, so errors can point at the field."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: _line_of(key) for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def _parse_schema(schema: Any, schema_line: int) -> tuple[str, list[Column]]:
    if not isinstance(schema, dict):
        raise DataFileError("'schema' must be a mapping with 'key' and 'columns'", schema_line)
    columns_spec = schema.get("columns")
    if not isinstance(columns_spec, list) or not columns_spec:
        raise DataFileError("schema: 'columns' must be a non-empty list", schema_line)
    columns: list[Column] = []
    for position, spec in enumerate(columns_spec, start=1):
        where = f"schema: column {position}"
        if not isinstance(spec, dict):
            raise DataFileError(f"{where}: must be a mapping", schema_line)
        unknown = sorted(set(spec) - COLUMN_FIELDS)
        if unknown:
            raise DataFileError(f"{where}: unknown field {unknown[0]!r}", schema_line)
        for needed in ("name", "title", "type"):
            if not isinstance(spec.get(needed), str) or not spec[needed]:
                raise DataFileError(f"{where}: field {needed!r} is missing or not text", schema_line)
        if spec["type"] not in COLUMN_TYPES:
            raise DataFileError(
                f"{where} ({spec['name']}): field 'type': {spec['type']!r} is not one of "
                f"{sorted(COLUMN_TYPES)}",
                schema_line,
            )
        values = spec.get("values", [])
        if spec["type"] == "enum" and (
            not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values)
        ):
            raise DataFileError(
                f"{where} ({spec['name']}): field 'values' must list the allowed texts", schema_line
            )
        columns.append(
            Column(
                name=spec["name"],
                title=spec["title"],
                type=spec["type"],
                values=list(values),
                required=bool(spec.get("required", True)),
                row_header=bool(spec.get("row_header", False)),
            )
        )
    names = [column.name for column in columns]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise DataFileError(f"schema: column {duplicates[0]!r} is declared twice", schema_line)
    if sum(column.row_header for column in columns) != 1:
        raise DataFileError("schema: exactly one column must have 'row_header: true'", schema_line)
    key = schema.get("key")
    if key not in names:
        raise DataFileError(f"schema: field 'key': {key!r} is not one of the columns", schema_line)
    return key, columns


def _check_value(column: Column, value: Any) -> str | None:
    """Return why ``value`` does not fit ``column``, or None when it fits."""
    if column.type == "text" and not isinstance(value, str):
        return f"expected text, got {type(value).__name__} {value!r} (quote it)"
    if column.type == "text" and not value.strip():
        return "is empty"
    if column.type == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
        return f"expected a number, got {type(value).__name__} {value!r}"
    if column.type == "bool" and not isinstance(value, bool):
        return f"expected true or false, got {value!r}"
    if column.type == "enum" and value not in column.values:
        return f"{value!r} is not one of {column.values}"
    return None


def load_table(path: Path) -> Table:
    """Read and validate a data file; raise DataFileError naming the row and field at fault."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(f"cannot read the file: {error.strerror}") from error
    # One parse gives both the nodes (with the line of every key, for messages) and the data.
    loader = YAML_LOADER(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError(
            f"not valid YAML: {getattr(error, 'problem', error)}", mark.line + 1 if mark else None
        ) from error
    finally:
        loader.dispose()
    if not isinstance(data, dict) or root is None:
        raise DataFileError("the file must be a mapping with 'schema' and 'rows'", 1)
    top_lines = _mapping_lines(root)
    unknown_top = sorted(set(data) - {"schema", "rows"})
    if unknown_top:
        raise DataFileError(f"unknown top-level field {unknown_top[0]!r}", top_lines[unknown_top[0]])
    key, columns = _parse_schema(data.get("schema"), top_lines.get("schema", 1))

    rows = data.get("rows")
    if not isinstance(rows, list) or not rows:
        raise DataFileError("'rows' must be a non-empty list", top_lines.get("rows", 1))
    rows_node = next(value for k, value in root.value if k.value == "rows")
    by_name = {column.name: column for column in columns}
    seen_keys: dict[Any, int] = {}
    for number, (row, row_node) in enumerate(zip(rows, rows_node.value, strict=True), start=1):
        row_line = _line_of(row_node)
        if not isinstance(row, dict):
            raise DataFileError(f"row {number}: must be a mapping of field: value", row_line)
        field_lines = _mapping_lines(row_node)
        label = f"row {number} ({key}={row.get(key)!r})" if key in row else f"row {number}"
        for name in row:
            if name not in by_name:
                raise DataFileError(
                    f"{label}: field {name!r}: unknown column (known: {', '.join(by_name)})",
                    field_lines.get(name, row_line),
                )
        for column in columns:
            if column.name not in row or row[column.name] is None:
                if column.required or column.name == key:
                    raise DataFileError(f"{label}: field {column.name!r}: missing", row_line)
                continue
            problem = _check_value(column, row[column.name])
            if problem:
                raise DataFileError(
                    f"{label}: field {column.name!r}: {problem}", field_lines.get(column.name, row_line)
                )
        if row[key] in seen_keys:
            raise DataFileError(
                f"{label}: field {key!r}: duplicate row key {row[key]!r} "
                f"(first used on line {seen_keys[row[key]]})",
                field_lines.get(key, row_line),
            )
        seen_keys[row[key]] = field_lines.get(key, row_line)
    return Table(key=key, columns=columns, rows=rows)


def _cell_text(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.type == "bool":
        return "Yes" if value else "No"
    if column.type == "number" and isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if column.type == "number":
        return f"{value:,}"
    return str(value)


class DataTable(SphinxDirective):
    """``{datatable} NAME``: render ``docs/_data/NAME.yaml`` as an accessible table."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar = {
        "caption": directives.unchanged_required,
        "columns": directives.unchanged_required,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        caption = self.options.get("caption", "").strip()
        if not caption:
            raise self.error(f"datatable {name!r}: the ':caption:' option is required")
        relative = f"{DATA_DIR}/{name}.yaml"
        path = Path(self.env.srcdir) / relative
        self.env.note_dependency(str(path))
        try:
            table = load_table(path)
        except DataFileError as error:
            location = f"{path}:{error.line}" if error.line else str(path)
            logger.error("%s: %s", relative, error, location=location, type="datatable")
            return []
        columns = table.columns
        if "columns" in self.options:
            wanted = [part.strip() for part in self.options["columns"].split(",") if part.strip()]
            by_name = {column.name: column for column in table.columns}
            missing = [part for part in wanted if part not in by_name]
            if missing:
                raise self.error(f"datatable {name!r}: ':columns:' names unknown column {missing[0]!r}")
            columns = [by_name[part] for part in wanted]
        return [self._render(name, caption, columns, table)]

    def _render(self, name: str, caption: str, columns: list[Column], table: Table) -> nodes.table:
        table_node = nodes.table(classes=["datatable", f"datatable-{name}"])
        title_nodes, _ = self.parse_inline(caption, lineno=self.lineno)
        table_node += nodes.title(caption, "", *title_nodes)
        group = nodes.tgroup(cols=len(columns))
        table_node += group
        for column in columns:
            # A stub column is rendered as <th> in every row: the row's header cell.
            group += nodes.colspec(colwidth=1, stub=1 if column.row_header else 0)
        head_row = nodes.row()
        for column in columns:
            head_row += nodes.entry("", nodes.paragraph("", column.title))
        group += nodes.thead("", head_row)
        body = nodes.tbody()
        for row in table.rows:
            body_row = nodes.row()
            for column in columns:
                text = _cell_text(column, row.get(column.name))
                cell_nodes, messages = self.parse_inline(text, lineno=self.lineno) if text else ([], [])
                body_row += nodes.entry("", nodes.paragraph("", "", *cell_nodes), *messages)
            body += body_row
        group += body
        self.add_name(table_node)
        self.set_source_info(table_node)
        return table_node


def setup(app):
    app.add_directive("datatable", DataTable)
    # The directive keeps no state outside each page's doctree, so both phases may run in parallel.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
