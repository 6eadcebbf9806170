"""Every task of the Service Guide, one session each. Run ``nox -l`` to list them.

Sessions run on the Python interpreter that runs nox, in their own virtual environments, and
install from the project's requirement files. The build command itself is defined once, in
``site_build.py``.
"""

import sys
from pathlib import Path

import nox

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT))
import site_build  # noqa: E402  (the one definition of the build command)

nox.options.sessions = ["docs"]
nox.options.reuse_existing_virtualenvs = True

DOCS_REQUIREMENTS = ["-r", "requirements.txt"]
TEST_REQUIREMENTS = ["-r", "requirements.txt", "-r", "requirements-test.txt"]


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site strictly into docs/_build/html (or the folder given after --)."""
    session.install(*DOCS_REQUIREMENTS)
    session.run("python", "site_build.py", *session.posargs)


@nox.session(name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Preview on http://127.0.0.1:8000 and rebuild on every change to docs/."""
    session.install(*DOCS_REQUIREMENTS, "sphinx-autobuild")
    outdir = site_build.DEFAULT_OUTDIR
    session.run(
        "sphinx-autobuild",
        *site_build.sphinx_args(outdir),
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        # Never watch what the build itself writes, or the preview rebuilds in a loop.
        "--ignore",
        str(site_build.DOCS / "_build"),
        "--ignore",
        "*/__pycache__/*",
        "--ignore",
        "*.pyc",
        "--ignore",
        "*~",
        "--ignore",
        "*.swp",
        *session.posargs,
    )


@nox.session
def test(session: nox.Session) -> None:
    """Build the site and run the test suite against the built HTML."""
    session.install(*TEST_REQUIREMENTS)
    session.run("pytest", *session.posargs)


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check external links (needs the internet; not part of the tests)."""
    session.install(*DOCS_REQUIREMENTS)
    session.run("python", "site_build.py", str(site_build.DOCS / "_build" / "linkcheck"), "linkcheck")


@nox.session
def bench(session: nox.Session) -> None:
    """Measure build speed (clean, parallel, incremental, no-op) and print a table and JSON."""
    session.install(*DOCS_REQUIREMENTS)
    session.run("python", "benchmarks/bench_build.py", *session.posargs)
