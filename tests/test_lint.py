"""The project's linters: the label and glossary rules of every build, and the pre-commit hooks."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DOCS, ROOT, copy_docs, run_sphinx

sys.path.insert(0, str(DOCS / "_ext"))
from naming_rules import label_problem, term_key

PAGE = "admin/howto/data.md"
# Each broken label or term, and the message that must name it at its file and line.
PROBLEMS = {
    "(Admin/Bad_Label)=\n## Capitals and underscores\n": "label 'Admin/Bad_Label' does not follow",
    "(about/misplaced)=\n## Another section's prefix\n": "label 'about/misplaced' does not follow",
    "(no-section)=\n## No section prefix\n": "label 'no-section' does not follow",
    "(admin/index)=\n## Named like a page\n": "label 'admin/index' is also a page's path",
    "```{glossary}\nhub-administrator\n  A second definition.\n```\n": (
        "glossary term 'hub-administrator' is defined more than once"
    ),
}


@pytest.fixture(scope="module")
def broken_names(tmp_path_factory):
    """One build of a copy whose page breaks every rule once; (log, {message: line})."""
    docs = copy_docs(tmp_path_factory.mktemp("names"))
    path = docs / PAGE
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    lines = {}
    for snippet, message in PROBLEMS.items():
        text += "\n"
        lines[message] = text.count("\n") + 1 + (1 if snippet.startswith("```") else 0)
        text += snippet + "\nSome text.\n"
    path.write_text(text, encoding="utf-8")
    result = run_sphinx(docs, docs.parent / "html")
    assert result.returncode != 0, "the build passed"
    return result.stdout + result.stderr, lines, path


@pytest.mark.parametrize("message", PROBLEMS.values())
def test_a_broken_name_fails_the_build_at_its_line(broken_names, message):
    log, lines, path = broken_names
    located = [line for line in log.splitlines() if message in line]
    assert located, f"no message {message!r}:\n{log}"
    assert any(f"{path}:{lines[message]}:" in line and "WARNING" in line for line in located), located


@pytest.mark.parametrize(
    ("label", "page", "follows"),
    [
        ("admin/user-server-access", "admin/howto/control-user-server", True),
        ("support/email", "support", True),
        ("about/objectives-2022", "about/strategy/service-objectives", True),
        ("admin/user--server", "admin/howto/data", False),
        ("admin/", "admin/howto/data", False),
        ("user/storage-", "user/storage", False),
        ("admin/howto/data", "admin/howto/data", False),
    ],
)
def test_the_label_scheme(label, page, follows):
    pages = {"admin/howto/data", "user/storage", "support"}
    assert (label_problem(label, page, pages) is None) == follows


def test_term_spellings_that_are_the_same_term():
    assert term_key("Hub Engineer") == term_key("hub-engineer") == term_key("HUB  ENGINEER")
    assert term_key("Zero to JupyterHub") == term_key("zero to jupyterhub")
    assert term_key("Hub Engineer") != term_key("Hub Engineers")  # plurals are aliases, listed as such


@pytest.fixture(scope="module")
def hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "hooks must not come from a git host"
    return {hook["id"]: hook for hook in config["repos"][0]["hooks"]}


def test_pre_commit_runs_every_required_check_from_pypi(hooks):
    assert set(hooks) >= {
        "ruff-check",
        "ruff-format",
        "codespell",
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "check-toml",
    }
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["additional_dependencies"], hook["id"]
        assert all(re.fullmatch(r"[a-z0-9-]+==[\w.]+", pin) for pin in hook["additional_dependencies"])


def locked_versions(lock: Path) -> dict[str, str]:
    return dict(re.findall(r"^([a-z0-9-]+)==([^\s;]+)", lock.read_text(encoding="utf-8"), re.MULTILINE))


def test_hooks_use_the_locked_versions(hooks):
    """The hooks and the tests run the same ruff and codespell, so they agree on what is clean."""
    locked = locked_versions(ROOT / "requirements-test.txt")
    for hook_id in ("ruff-check", "ruff-format", "codespell"):
        for pin in hooks[hook_id]["additional_dependencies"]:
            name, version = pin.split("==")
            assert locked[name] == version, f"{hook_id}: {pin}, but the lock has {locked[name]}"


def test_codespell_word_list_is_short_and_tidy():
    words = (ROOT / ".codespell-words.txt").read_text(encoding="utf-8").splitlines()
    assert words == sorted(set(words)) and all(word == word.strip().lower() for word in words)
    assert len(words) <= 30


def test_ci_lints_before_it_tests():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 0 <= script.index("nox -s lint") < script.index("nox -s test")
