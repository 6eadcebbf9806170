"""The build is reproducible and hermetic.

- Two clean builds of the same commit give byte-identical output folders, even when they differ in
  everything that should not matter: output folder, hash seed, time zone and the time they run.
- The build needs no network: it succeeds, with zero warnings, where no connection can be made.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DOCS, ROOT, site_files

import site_build

SOURCE_DATE_EPOCH = "1700000000"


def build_command(outdir: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", *site_build.sphinx_args(outdir, "html", DOCS)]


def test_two_clean_builds_are_byte_identical(tmp_path):
    outdirs = [tmp_path / "first" / "html", tmp_path / "second" / "site"]
    differences = [
        {"PYTHONHASHSEED": "1", "TZ": "UTC"},
        {"PYTHONHASHSEED": "2", "TZ": "Pacific/Auckland"},
    ]
    # One after the other, so they also run at different times.
    for outdir, extra in zip(outdirs, differences, strict=True):
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **extra}
        result = subprocess.run(build_command(outdir), env=env, cwd=ROOT, capture_output=True, check=False)
        assert result.returncode == 0, (result.stdout + result.stderr).decode()
    first, second = (site_files(outdir) for outdir in outdirs)
    assert len(first) > 100
    assert sorted(first) == sorted(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == [], f"these files differ between two builds: {differing}"
    # No path of the machine that built it leaks into the site.
    for path in (*outdirs, ROOT):
        assert [name for name, data in first.items() if str(path).encode() in data] == [], path


def network_sandbox() -> tuple[str, list[str], dict[str, str]]:
    """(how, command prefix, environment) that keep a command off the network.

    A network namespace (``unshare``) has no interface but loopback: nothing outside can be
    reached at all. Where namespaces are not allowed, every proxy variable points at a closed
    port, which stops whatever honours them.
    """
    unshare = shutil.which("unshare")
    if unshare:
        for prefix in ([unshare, "--net"], [unshare, "--map-root-user", "--net"]):
            if subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode == 0:
                return "network namespace", prefix, dict(os.environ)
    closed = "http://127.0.0.1:9"
    proxies = {name: closed for name in ("http_proxy", "https_proxy", "all_proxy")}
    proxies |= {name.upper(): value for name, value in proxies.items()}
    return "proxies at a closed port", [], {**os.environ, **proxies, "no_proxy": "", "NO_PROXY": ""}


PROBE = """
import sys, urllib.request
try:
    urllib.request.urlopen("https://pypi.org/simple/", timeout=10)
except OSError as error:
    sys.exit(0)
sys.exit("reached the network")
"""


def test_the_build_needs_no_network(tmp_path):
    how, prefix, env = network_sandbox()
    print(f"network blocked by: {how}")
    # The sandbox really is closed: a request that would succeed outside fails inside.
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=False
    )
    assert probe.returncode == 0, f"{how}: {probe.stdout}{probe.stderr}"
    result = subprocess.run(
        [*prefix, *build_command(tmp_path / "html")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"{how}:\n{log}"
    assert [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line] == []
    assert (tmp_path / "html" / "index.html").is_file()
