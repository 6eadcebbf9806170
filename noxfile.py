"""Every task of the Service Guide, one session each. Run ``nox -l`` to list them.

Sessions run on the Python interpreter that runs nox, in their own virtual environments, and
install from the project's requirement files. The build command itself is defined once, in
``site_build.py``.
"""

import shutil
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT))
import site_build  # noqa: E402  (the one definition of the build command)

nox.options.sessions = ["docs"]
nox.options.reuse_existing_virtualenvs = True

# The locks (pinned, with hashes; `nox -s lock` writes them). The test lock holds the documentation
# stack at the same versions, plus the test, lint and preview tools.
DOCS_REQUIREMENTS = ["-r", "requirements.txt"]
TEST_REQUIREMENTS = ["-r", "requirements-test.txt"]


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site strictly into docs/_build/html (or the folder given after --)."""
    session.install(*DOCS_REQUIREMENTS)
    session.run("python", "site_build.py", *session.posargs)


@nox.session(name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Preview on http://127.0.0.1:8000 and rebuild on every change to docs/."""
    session.install(*TEST_REQUIREMENTS)  # sphinx-autobuild is pinned in the test lock
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


@nox.session
def lighthouse(session: nox.Session) -> None:
    """Lighthouse scores, mobile and desktop, of the built site served on 127.0.0.1 (gzip, keep-alive).

    Needs Node.js and npm, and Chromium (as the browser tests do); installs the Lighthouse of
    benchmarks/lighthouse/package-lock.json into .nox/. Not part of the tests: scores are numbers.
    """
    if shutil.which("node") is None or shutil.which("npm") is None:
        session.error("Lighthouse needs Node.js and npm: `apt-get install nodejs npm`, then run this again")
    session.install(*DOCS_REQUIREMENTS)
    pinned = ROOT / "benchmarks" / "lighthouse"
    tools = Path(session.virtualenv.location) / "lighthouse"
    installed = tools / "installed-lock.json"  # written once an install of that lock succeeded
    if not installed.is_file() or installed.read_bytes() != (pinned / "package-lock.json").read_bytes():
        tools.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(pinned / name, tools / name)
        # Exactly the lock; no install scripts, so nothing downloads a browser.
        npm_ci = ["npm", "ci", "--prefix", str(tools), "--ignore-scripts", "--no-audit", "--no-fund"]
        session.run(*npm_ci, external=True)
        shutil.copyfile(pinned / "package-lock.json", installed)
    cli = tools / "node_modules" / "lighthouse" / "cli" / "index.js"
    session.run("python", "benchmarks/lighthouse/run.py", "--lighthouse", str(cli), *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Run every pre-commit hook (ruff, codespell, whitespace, YAML, TOML) on the project's files."""
    session.install(*TEST_REQUIREMENTS)
    # Tracked files and new ones not yet added (but not ignored ones), so a new page is checked too.
    listed = session.run(
        "git", "ls-files", "--cached", "--others", "--exclude-standard", external=True, silent=True
    )
    files = [name for name in listed.splitlines() if (ROOT / name).is_file()]
    session.run("pre-commit", "run", "--show-diff-on-failure", "--color=never", "--files", *files)


@nox.session
def lock(session: nox.Session) -> None:
    """Pin every dependency, with hashes, from requirements*.in into requirements*.txt.

    Versions already in a lock stay unless a spec needs another; ``-- --upgrade`` takes the newest
    releases the specs allow, ``-- --upgrade-package NAME`` just one package's.
    """
    session.install("uv~=0.13")
    # --universal: one lock for every platform; markers cover Pythons newer than the oldest we support.
    compile_lock = ["uv", "pip", "compile", "--quiet", "--universal", "--generate-hashes"]
    compile_lock += ["--python-version", "3.11", "--custom-compile-command", "python3 -m nox -s lock"]
    session.run(*compile_lock, *session.posargs, "requirements.in", "--output-file", "requirements.txt")
    # The test lock takes the documentation stack at exactly the versions of the docs lock.
    session.run(
        *compile_lock,
        *session.posargs,
        "requirements-test.in",
        "--constraint",
        "requirements.txt",
        "--output-file",
        "requirements-test.txt",
    )


@nox.session
def screenshots(session: nox.Session) -> None:
    """Build the site, then write PNGs of four pages to docs/_build/screenshots.

    Desktop and mobile, light and dark. Needs Chromium, as the browser tests do (README).
    """
    session.install(*TEST_REQUIREMENTS)
    outdir = site_build.DEFAULT_OUTDIR
    session.run("python", "site_build.py", str(outdir))
    screenshots_dir = site_build.DOCS / "_build" / "screenshots"
    session.run("python", "tests/screenshots.py", str(outdir), str(screenshots_dir))
