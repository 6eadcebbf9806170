"""The one definition of how the Service Guide is built.

Every entry point uses it: ``nox -s docs``/``docs-live``/``linkcheck``, the tests and Read the
Docs. Run it directly to build into a folder::

    python site_build.py OUTDIR [BUILDER]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DOCS = ROOT / "docs"
DEFAULT_OUTDIR = DOCS / "_build" / "html"

# Strict everywhere: warnings fail the build, all of them are reported, every reference must resolve.
STRICT_FLAGS = ["-W", "--keep-going", "-n"]


def sphinx_args(outdir: Path | str, builder: str = "html", source: Path | str = DOCS) -> list[str]:
    """Arguments for ``sphinx-build`` (and ``sphinx-autobuild``) after the program name.

    The doctree cache sits beside the output folder, not inside it, so the published folder holds
    only what readers get.
    """
    doctrees = Path(outdir).parent / f"{Path(outdir).name}.doctrees"
    return ["-b", builder, *STRICT_FLAGS, "-d", str(doctrees), str(source), str(outdir)]


def main(argv: list[str]) -> int:
    outdir = Path(argv[0]) if argv else DEFAULT_OUTDIR
    builder = argv[1] if len(argv) > 1 else "html"
    result = subprocess.run([sys.executable, "-m", "sphinx", *sphinx_args(outdir, builder)], check=False)
    if result.returncode == 0 and builder == "html":
        print(f"\nBuilt the site. Open {(outdir / 'index.html').resolve()} in a browser.")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
