"""Lighthouse scores of the built site, served from 127.0.0.1 with gzip and keep-alive.

Runs Lighthouse (the npm package pinned in ``package.json``/``package-lock.json`` beside this file,
installed by ``nox -s lighthouse``) with the system's Chromium on representative pages, with the
mobile and the desktop settings, several times each, and prints the median score of each category
per page and preset, with the median of the main timings. Prints numbers; asserts nothing, but exits
non-zero when Node.js, Lighthouse or Chromium is missing, or when Lighthouse fails.

    python benchmarks/lighthouse/run.py --lighthouse PATH [--site OUTDIR] [--runs 3] [--json PATH]

Without ``--site`` it builds the site into a temporary folder first, with the project's build command.
``package.json`` also pins two packages that one of Lighthouse's dependencies asks for as "latest", so
that ``npm ci`` installs exactly the lock.
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import date
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]

# Representative pages: the home page, the overview, a long how-to, a page of data tables, the
# glossary (the longest page) and the search page with a query.
PAGES = {
    "home": "index.html",
    "overview": "about/service/index.html",
    "long how-to": "admin/howto/environment/hub-user-image-template-guide.html",
    "data tables": "about/sustainability/comparison.html",
    "glossary": "reference/glossary.html",
    "search": "search.html?q=storage",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TIMINGS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}
# Headless, and quiet: without these Chromium keeps calling home over a closed network.
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"}
COMPRESSIBLE |= {"application/json", "text/plain", "application/xml", "text/xml"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves the built site as a static host does: gzip, keep-alive, a 404 page for unknown paths."""

    protocol_version = "HTTP/1.1"  # keep-alive: every response has a Content-Length

    def do_GET(self) -> None:
        self.respond(send_body=True)

    def do_HEAD(self) -> None:
        self.respond(send_body=False)

    def respond(self, send_body: bool) -> None:
        root = Path(self.directory)
        path = unquote(urlsplit(self.path).path).lstrip("/")
        file = (root / path).resolve()
        if file.is_dir():
            file = file / "index.html"
        status = HTTPStatus.OK
        if not file.is_file() or root.resolve() not in file.parents:
            status, file = HTTPStatus.NOT_FOUND, root / "404.html"
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if kind in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        # Files under _static carry a checksum (?v=) in every link: they may be kept long.
        cache = "public, max-age=31536000" if path.startswith("_static/") else "public, max-age=600"
        self.send_header("Cache-Control", cache)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format, *args):  # Lighthouse's own output is what matters
        pass


def serve(root: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def find_chromium() -> str | None:
    configured = os.environ.get("CHROME_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def run_lighthouse(lighthouse: Path, chromium: str, url: str, preset: str, output: Path) -> dict:
    command = [
        "node",
        str(lighthouse),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not output.is_file():
        raise SystemExit(f"Lighthouse failed on {url} ({preset}):\n{result.stdout}\n{result.stderr}")
    report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def summarise(reports: list[dict]) -> dict:
    """Median score (0 to 100) per category and median timings over the runs of one page and preset."""
    scores = {
        category: statistics.median(round(100 * run["categories"][category]["score"]) for run in reports)
        for category in CATEGORIES
    }
    timings = {
        label: statistics.median(report["audits"][audit]["numericValue"] for report in reports)
        for audit, label in TIMINGS.items()
    }
    failing = sorted(
        {
            audit["id"]
            for report in reports
            for category in CATEGORIES
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] > 0
            and (audit := report["audits"][ref["id"]])["score"] is not None
            and audit["score"] < 1
        }
    )
    return {"scores": scores, "timings": timings, "below_full_marks": failing}


def table(results: list[dict]) -> str:
    width = max(len(row["page"]) for row in results)
    head = "| preset  | perf | a11y | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS  |"
    rule = "|---------|------|------|----------------|-----|--------|--------|--------|------|"
    lines = [f"| {'page':<{width}} {head}", f"|{'-' * (width + 2)}{rule}"]
    for row in results:
        score, time = row["scores"], row["timings"]
        lines.append(
            f"| {row['page']:<{width}} | {row['preset']:<7} | {score['performance']:4g} "
            f"| {score['accessibility']:4g} | {score['best-practices']:14g} | {score['seo']:3g} "
            f"| {time['FCP']:6.0f} | {time['LCP']:6.0f} | {time['TBT']:6.0f} | {time['CLS']:.2f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", type=Path, required=True, help="Lighthouse's CLI (cli/index.js)")
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--preset", action="append", choices=["mobile", "desktop"])
    parser.add_argument("--page", action="append", choices=list(PAGES), help="only this page (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    options = parser.parse_args()

    missing = []
    if shutil.which("node") is None:
        missing.append("Node.js (`node`): install it, for example `apt-get install nodejs`")
    if not options.lighthouse.is_file():
        missing.append(f"Lighthouse ({options.lighthouse}): `nox -s lighthouse` installs it")
    chromium = find_chromium()
    if chromium is None:
        missing.append("Chromium: `apt-get install chromium`, or set CHROME_PATH")
    if missing:
        print("Cannot run Lighthouse; missing:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        site = options.site
        if site is None:
            sys.path.insert(0, str(ROOT))
            import site_build

            site = Path(folder) / "html"
            if site_build.main([str(site)]) != 0:
                print("The site does not build.", file=sys.stderr)
                return 1
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        results = []
        try:
            for name, path in PAGES.items():
                if options.page and name not in options.page:
                    continue
                for preset in options.preset or ["mobile", "desktop"]:
                    reports = [
                        run_lighthouse(
                            options.lighthouse, chromium, base + path, preset, Path(folder) / f"{run}.json"
                        )
                        for run in range(options.runs)
                    ]
                    row = {"page": name, "path": path, "preset": preset, "runs": options.runs}
                    results.append(row | summarise(reports))
                    print(f"  {name} ({preset}): {results[-1]['scores']}", file=sys.stderr)
        finally:
            server.shutdown()

    package = options.lighthouse.parents[1] / "package.json"
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    print(f"\nLighthouse {version}, {date.today().isoformat()}, median of {options.runs} runs, {chromium}\n")
    print(table(results))
    for row in results:
        if row["below_full_marks"]:
            print(f"  {row['page']} ({row['preset']}) below full marks: {', '.join(row['below_full_marks'])}")
    report = {"date": date.today().isoformat(), "lighthouse": version, "results": results}
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
