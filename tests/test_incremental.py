"""Builds do only the work they must, and a parallel build makes the same site as a serial one.

Timings are in ``benchmarks/bench_build.py`` (``nox -s bench``); these tests check what makes the
rebuilds fast and what makes ``-j auto`` safe: which pages a rebuild writes, and that the extensions'
parallel flags are honest.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from conftest import DOCS, copy_docs, differing_files, run_sphinx
from test_pages import NAV_ORDER

WRITTEN = re.compile(r"writing output\.\.\. \[\s*\d+%\] (\S+)")
EXTENSIONS = sorted(path.stem for path in (DOCS / "_ext").glob("*.py") if "def setup(" in path.read_text())


def written(result: subprocess.CompletedProcess) -> set[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "\x1b[" not in result.stdout, "a coloured log cannot be read: run Sphinx with NO_COLOR=1"
    return set(WRITTEN.findall(result.stdout))


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory) -> tuple[Path, Path]:
    """A private copy of docs/, built once: (source, outdir)."""
    folder = tmp_path_factory.mktemp("incremental")
    source = copy_docs(folder)
    outdir = folder / "html"
    written(run_sphinx(source, outdir))
    return source, outdir


def test_a_rebuild_with_nothing_changed_writes_no_page(built_copy):
    source, outdir = built_copy
    assert written(run_sphinx(source, outdir)) == set()


def search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_editing_a_leaf_page_rewrites_it_and_the_page_that_lists_it_only(built_copy, site):
    source, outdir = built_copy
    fingerprint = outdir.parent / f"{outdir.name}.doctrees" / "lean_assets.fingerprint"
    purged_at = fingerprint.stat().st_mtime_ns
    page = source / "admin" / "topics" / "network.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added by a test.\n", encoding="utf-8")
    assert written(run_sphinx(source, outdir)) == {"admin/topics/network", "admin/index"}
    assert "A sentence added by a test." in (outdir / "admin/topics/network.html").read_text(encoding="utf-8")
    # New text, no new class: the purged stylesheet is not made again (docs/_ext/lean_assets.py).
    assert fingerprint.stat().st_mtime_ns == purged_at
    # Every glossary term is still in the search index, as after a clean build (search_entries).
    entries = search_index(outdir)["indexentries"]
    assert "hub administrator" in entries
    assert entries == search_index(site.outdir)["indexentries"]


def test_editing_a_glossary_entry_rewrites_the_glossary_and_the_pages_that_preview_it(built_copy):
    source, outdir = built_copy
    page = source / "about" / "service" / "team.md"
    text = page.read_text(encoding="utf-8")
    definition = re.search(r"^Hub Administrator\n(?:\S.*\n)*  (\S.*)$", text, re.MULTILINE)
    assert definition, "the Hub Administrator entry moved: update this test"
    page.write_text(
        text.replace(definition.group(1), "Edited by a test. " + definition.group(1), 1), encoding="utf-8"
    )
    rewritten = written(run_sphinx(source, outdir))
    # admin/howto/data links to {term}`Hub Administrator` and embeds its definition as a preview.
    assert {"about/service/team", "reference/glossary", "admin/howto/data"} <= rewritten
    assert "about/sustainability/comparison" not in rewritten  # it does not link to Hub Administrator
    glossary = (outdir / "reference/glossary.html").read_text(encoding="utf-8")
    assert "Edited by a test." in glossary
    preview = re.search(
        r'<script type="application/json" id="term-preview-data">(.*?)</script>',
        (outdir / "admin/howto/data.html").read_text(encoding="utf-8"),
    )
    assert preview and "Edited by a test." in preview.group(1)


def test_editing_a_page_description_updates_llms_txt_from_that_page_alone(built_copy):
    """llms.txt keeps every page's description in the environment: a rebuild reads only the edited page."""
    source, outdir = built_copy
    page = source / "admin" / "howto" / "new-hub.md"
    text = page.read_text(encoding="utf-8")
    edited = text.replace('description: "The steps', 'description: "Edited by a test: the steps', 1)
    page.write_text(edited, encoding="utf-8")
    result = run_sphinx(source, outdir)
    assert "admin/howto/new-hub" in written(result)
    assert re.search(r"reading sources\.\.\. \[100%\] admin/howto/new-hub\s*$", result.stdout, re.MULTILINE)
    llms = (outdir / "llms.txt").read_text(encoding="utf-8")
    assert "(https://docs.2i2c.org/admin/howto/new-hub.html): Edited by a test: the steps" in llms
    assert llms.count("\n- [") == len(NAV_ORDER), "every page is still listed"


def test_templates_are_compiled_once_and_again_when_they_change(built_copy):
    """docs/_ext/template_cache.py keeps compiled templates with the doctrees; an edited template
    is compiled again, not served stale from that cache."""
    source, outdir = built_copy
    cache = outdir.parent / f"{outdir.name}.doctrees" / "jinja-bytecode"
    assert len(list(cache.glob("*.cache"))) >= 10
    layout = source / "_templates" / "layout.html"
    marker = '<meta name="template-cache-test" content="edited"/>'
    text = layout.read_text(encoding="utf-8")
    layout.write_text(
        text.replace("{%- block extrahead %}", "{%- block extrahead %}\n  " + marker, 1), encoding="utf-8"
    )
    assert "admin/topics/network" in written(run_sphinx(source, outdir))  # a new template: every page
    assert marker in (outdir / "admin/topics/network.html").read_text(encoding="utf-8")


def test_per_page_data_follows_the_pages_through_purges_and_parallel_merges():
    """docs/_ext/page_store.py, which the extensions that note something per page share."""
    sys.path.insert(0, str(DOCS / "_ext"))
    from page_store import PageStore

    store, env, worker = PageStore("test_notes"), mock.Mock(), mock.Mock()
    store.of(env).update({"a": 1, "b": 2})
    store.purge(None, env, "a")  # "a" is read again (or removed)
    store.of(worker).update({"a": 10, "c": 30, "d": 40})
    store.merge(None, env, ["a", "c"], worker)  # the worker read "a" and "c" ("d" is not its page)
    assert store.of(env) == {"a": 10, "b": 2, "c": 30}
    assert env.test_notes is store.of(env)  # an attribute of the environment, saved with it


@pytest.mark.parametrize("name", EXTENSIONS)
def test_every_local_extension_declares_whether_it_is_parallel_safe(name):
    sys.path.insert(0, str(DOCS / "_ext"))
    metadata = importlib.import_module(name).setup(mock.MagicMock())
    assert isinstance(metadata, dict)
    assert metadata.get("parallel_read_safe") is True and metadata.get("parallel_write_safe") is True


def test_a_parallel_build_makes_the_same_site(site, tmp_path):
    """The honest test of those flags: what -j builds in several processes equals the serial build."""
    outdir = tmp_path / "html"
    result = run_sphinx(DOCS, outdir, options=("-j", "2"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not safe for parallel" not in result.stdout + result.stderr
    # .buildinfo records the options of the build, which differ on purpose.
    assert differing_files(site.outdir, outdir, but=(".buildinfo",)) == []
