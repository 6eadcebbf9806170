"""Dependencies are locked: loose specs in requirements*.in, exact pins with hashes in the locks.

Every nox session and Read the Docs install from the locks; dependabot proposes updates weekly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCKS = {"requirements.txt": "requirements.in", "requirements-test.txt": "requirements-test.in"}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)(?P<marker>\s*;[^\\]+)?\s*\\?$")


def specs(path: Path) -> list[Requirement]:
    """The requirements of a .in file, following ``-r`` includes."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found += specs(path.parent / line.removeprefix("-r ").strip())
        elif line:
            found.append(Requirement(line))
    return found


def lock_entries(lock: Path) -> list[tuple[str, str, list[str]]]:
    """(name, version, hashes) for each pinned requirement of a lock file."""
    entries = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            entries.append((canonicalize_name(match["name"]), match["version"], []))
        elif line.strip().startswith("--hash=sha256:"):
            entries[-1][2].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
        else:
            assert not line.strip() or line.lstrip().startswith("#"), f"{lock.name}: unexpected {line!r}"
    return entries


@pytest.mark.parametrize("lock", LOCKS)
def test_every_requirement_is_pinned_with_hashes(lock):
    entries = lock_entries(ROOT / lock)
    assert len(entries) >= 30
    for name, version, hashes in entries:
        assert re.fullmatch(r"[0-9][\w.+!]*", version), f"{name}: {version}"
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in hashes), name


@pytest.mark.parametrize("lock, source", LOCKS.items())
def test_the_lock_satisfies_every_spec(lock, source):
    locked = {}
    for name, version, _ in lock_entries(ROOT / lock):
        locked.setdefault(name, []).append(version)
    for requirement in specs(ROOT / source):
        versions = locked.get(canonicalize_name(requirement.name))
        assert versions, f"{requirement.name} is in {source} but not locked in {lock}"
        assert all(requirement.specifier.contains(version) for version in versions), (requirement, versions)


def test_the_test_lock_holds_the_docs_lock_at_the_same_versions():
    docs = {(name, version) for name, version, _ in lock_entries(ROOT / "requirements.txt")}
    test = {(name, version) for name, version, _ in lock_entries(ROOT / "requirements-test.txt")}
    assert docs <= test


def test_locks_are_written_by_the_lock_session():
    for lock in LOCKS:
        assert "python3 -m nox -s lock" in (ROOT / lock).read_text(encoding="utf-8").split("\n", 3)[1]
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    installs = re.findall(r"session\.install\(([^)]*)\)", noxfile)
    assert installs and all("REQUIREMENTS" in args or "uv" in args for args in installs), installs


def test_read_the_docs_installs_the_lock_and_has_the_full_history():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    assert any("--unshallow" in step for step in config["build"]["jobs"]["post_checkout"])


def test_dependabot_proposes_weekly_updates():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert ecosystems["pip"]["schedule"]["interval"] == "weekly"
    assert ecosystems["pip"]["directory"] == "/"


def test_the_search_index_is_stemmed_by_the_c_stemmer():
    """PyStemmer is locked so that Sphinx's stemming library (snowballstemmer) runs the C stemmer
    rather than its pure-Python one: the same Snowball algorithm, about 0.4 s less per build."""
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("english")
    assert type(stemmer).__module__ == "Stemmer", type(stemmer)
    assert stemmer.stemWords(["hubs", "running", "notebooks"]) == ["hub", "run", "notebook"]
