"""Build-speed benchmark for the Service Guide: prints a table and JSON, asserts nothing.

Every scenario runs on a private copy of docs/ in a temporary folder, with the project's own
build command (site_build.py), at least five times; the table shows the median and the range.

    python benchmarks/bench_build.py [--runs N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import site_build  # noqa: E402  (the one definition of the build command)

WRITTEN = re.compile(r"writing output\.\.\. \[\s*\d+%\] (\S+)( \.\. )?")
TARGETS = re.compile(r"targets for (\d+) source files")
LEAF_PAGE = "admin/topics/network.md"
GLOSSARY_PAGE = "reference/glossary.md"
DATA_FILE = "_data/fee-table.yaml"


def build(source: Path, outdir: Path, parallel: bool = False) -> tuple[float, int]:
    """One build; return its wall time in seconds and the number of pages it wrote."""
    args = site_build.sphinx_args(outdir, "html", source)
    if parallel:
        args = ["-j", "auto", *args]
    start = time.perf_counter()
    plain_log = {**os.environ, "NO_COLOR": "1"}  # one line per page, even where CI=true colours it
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *args], capture_output=True, text=True, env=plain_log, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stdout}\n{result.stderr}")
    written = WRITTEN.findall(result.stdout)
    if any(chunk for _page, chunk in written):  # -j logs ranges of pages ("a .. b"), not pages
        return elapsed, sum(int(count) for count in TARGETS.findall(result.stdout))
    return elapsed, len({page for page, _chunk in written})


def append_line(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def edit_glossary(source: Path, run: int) -> None:
    """Change the wording of one glossary definition: the first definition line of the glossary."""
    path = source / GLOSSARY_PAGE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # Past the ```{glossary} fence, so the front matter (also indented) is never touched.
    start = next(i for i, line in enumerate(lines) if line.startswith("```{glossary}"))
    index = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  ") and lines[i].strip())
    lines[index] = lines[index].rstrip("\n") + f" (edit {run})\n"
    path.write_text("".join(lines), encoding="utf-8")


def edit_data(source: Path, run: int) -> None:
    """Change one free-text cell of a data table (a ``text`` column that is not the row key)."""
    path = source / DATA_FILE
    text = path.read_text(encoding="utf-8")
    schema = yaml.safe_load(text)["schema"]
    text_fields = {
        column["name"]
        for column in schema["columns"]
        if column.get("type") == "text" and column["name"] != schema.get("key")
    }
    lines = text.splitlines(keepends=True)
    rows_at = next(i for i, line in enumerate(lines) if line.startswith("rows:"))
    for index in range(rows_at + 1, len(lines)):
        match = re.match(r"\s+(?:- )?(\w+): (.*)$", lines[index])
        if not match or match.group(1) not in text_fields:
            continue
        value = match.group(2).strip()
        if value in {">", ">-", "|", "|-"}:  # a block scalar: its text is on the next line
            index += 1
        elif value[:1] in {'"', "'"}:  # quoted: edit inside the quotes
            lines[index] = lines[index].rstrip("\n")[:-1] + f" (edit {run}){value[0]}\n"
            break
        lines[index] = lines[index].rstrip("\n") + f" (edit {run})\n"
        break
    else:
        raise SystemExit(f"{DATA_FILE}: no text cell to edit")
    path.write_text("".join(lines), encoding="utf-8")


def scenario_clean(parallel: bool) -> Callable[[Path, int], tuple[float, int]]:
    def run(work: Path, number: int) -> tuple[float, int]:
        source = work / "docs"
        return build(source, work / f"clean-{number}" / "html", parallel)

    return run


def scenario_incremental(
    edit: Callable[[Path, int], None] | None,
) -> Callable[[Path, int], tuple[float, int]]:
    """Build once (untimed), apply an edit (or none), then time the rebuild."""

    def run(work: Path, number: int) -> tuple[float, int]:
        source = work / "docs"
        outdir = work / "incremental" / "html"
        if not outdir.exists():
            build(source, outdir)
        if edit is not None:
            edit(source, number)
        else:
            build(source, outdir)  # settle: the timed run below must have nothing to do
        return build(source, outdir)

    return run


SCENARIOS: dict[str, Callable[[Path, int], tuple[float, int]]] = {
    "clean build": scenario_clean(parallel=False),
    "clean build, -j auto": scenario_clean(parallel=True),
    "edit one leaf page": scenario_incremental(
        lambda source, run: append_line(source / LEAF_PAGE, f"\nA sentence added by benchmark run {run}.\n")
    ),
    "edit a glossary definition": scenario_incremental(edit_glossary),
    "edit a data file": scenario_incremental(edit_data),
    "no-op rebuild": scenario_incremental(None),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--scenario", action="append", choices=list(SCENARIOS), help="run only this scenario (repeatable)"
    )
    options = parser.parse_args()
    pages = len([p for p in site_build.DOCS.rglob("*.md") if "_build" not in p.parts])
    results = []
    for name, scenario in SCENARIOS.items():
        if options.scenario and name not in options.scenario:
            continue
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            work = Path(folder)
            shutil.copytree(
                site_build.DOCS, work / "docs", ignore=shutil.ignore_patterns("_build", "__pycache__")
            )
            timings, written = [], []
            for number in range(options.runs):
                seconds, pages_written = scenario(work, number)
                timings.append(seconds)
                written.append(pages_written)
        median = statistics.median(timings)
        results.append(
            {
                "scenario": name,
                "runs": options.runs,
                "median_s": round(median, 3),
                "min_s": round(min(timings), 3),
                "max_s": round(max(timings), 3),
                "pages_written": statistics.median(written),
                "ms_per_source_page": round(1000 * median / pages, 1),
            }
        )
        print(f"  {name}: median {median:.2f} s", file=sys.stderr)

    report = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
        "source_pages": pages,
        "results": results,
    }
    print(f"\nBuild benchmark, {report['date']}, {report['machine']}, {pages} source pages\n")
    print(f"| {'scenario':<28} | median s | range s        | pages written | ms/page |")
    print(f"|{'-' * 30}|----------|----------------|---------------|---------|")
    for row in results:
        spread = f"{row['min_s']:.2f} to {row['max_s']:.2f}"
        print(
            f"| {row['scenario']:<28} | {row['median_s']:8.2f} | {spread:<14} "
            f"| {row['pages_written']:13} | {row['ms_per_source_page']:7.1f} |"
        )
    print("\n" + json.dumps(report, indent=2))
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
