"""The copy button copies what a reader should type: no prompts, no output.

The test runs the copy logic that the site ships (``_static/copybutton.js``, configured from
conf.py) on the code blocks of the built pages, with Node.js, so it checks the real configuration
on the real markup.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

NODE = shutil.which("node")


def shipped_copy_logic(site) -> tuple[str, str, str]:
    """The excluded selectors, the formatCopyText call and the function source from the built JS."""
    script = (site.outdir / "_static" / "copybutton.js").read_text(encoding="utf-8")
    exclude = re.search(r"let exclude = '([^']*)';", script).group(1)
    call = re.search(r"return (formatCopyText\(text, .*\))", script).group(1)
    start = script.index("function escapeRegExp")
    end = script.index("var copyTargetText")
    return exclude, call, script[start:end]


def visible_text(block, exclude: str) -> str:
    """What the browser's innerText gives after the excluded nodes are removed."""
    clone = BeautifulSoup(str(block), "html.parser")
    for selector in exclude.split(","):
        for node in clone.select(selector.strip()):
            node.decompose()
    return clone.get_text()


def copied(site, blocks: list[str]) -> list[str]:
    exclude, call, functions = shipped_copy_logic(site)
    texts = [visible_text(BeautifulSoup(block, "html.parser"), exclude) for block in blocks]
    program = (
        functions
        + f"\nconst texts = {json.dumps(texts)};\n"
        + f"console.log(JSON.stringify(texts.map(text => {call})));\n"
    )
    result = subprocess.run([NODE, "-e", program], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_configuration_strips_prompts_and_output(site):
    exclude, call, _ = shipped_copy_logic(site)
    assert {part.strip() for part in exclude.split(",")} >= {".go", ".linenos"}
    assert r"\\$ |>>> |\\.\\.\\. " in call
    # is a regex, only prompt lines, prompts removed, no blank lines from sessions
    assert call.endswith("true, true, true, false, '', '')")


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed; install it to run the copy test")
def test_console_block_copies_only_the_command(site):
    block = site.main("user/storage.html").select_one("div.highlight-console pre")
    assert block is not None, "the storage page shows a console session"
    assert copied(site, [str(block)]) == ["du -sh /home/jovyan"]


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed; install it to run the copy test")
def test_no_block_on_the_site_copies_a_prompt(site):
    blocks = [str(pre) for page in site.pages() for pre in site.main(page).select("div.highlight pre")]
    assert len(blocks) >= 20
    for text in copied(site, blocks):
        for line in text.splitlines():
            assert not re.match(r"(\$|>>>) ", line), f"a prompt would be copied: {line!r}"
