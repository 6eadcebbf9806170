"""Contributors find what they need: the guide, the GitHub templates and the weekly link check."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

GITHUB = ROOT / ".github"


def test_the_contributor_guide_covers_every_task():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    headings = re.findall(r"^##+ (.+)$", guide, re.MULTILINE)
    for topic in [
        "Run the checks",
        "Add a page",
        "Move, rename or delete a page",
        "Labels",
        "Glossary terms",
        "Writing style",
        "Update the dependencies",
    ]:
        assert topic in headings, topic
    for command in ["docs", "docs-live", "lint", "test", "linkcheck", "lock"]:
        assert f"python3 -m nox -s {command}" in guide, command
    for path in ["docs/redirects.txt", "docs/published-pages.txt", ".codespell-words.txt"]:
        assert path in guide and (ROOT / path).is_file(), path


def test_issue_forms_and_pull_request_template_exist():
    forms = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
    assert len(forms) >= 2
    for form in forms:
        config = yaml.safe_load(form.read_text(encoding="utf-8"))
        if form.name != "config.yml":
            assert config["name"] and config["description"] and config["body"], form.name
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "nox -s test" in template and "redirects.txt" in template


def test_the_link_check_runs_weekly_and_reports_without_blocking():
    workflow = yaml.safe_load((GITHUB / "workflows" / "linkcheck.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on") or workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}, "never on pull requests"
    steps = workflow["jobs"]["linkcheck"]["steps"]
    check = next(step for step in steps if "nox -s linkcheck" in step.get("run", ""))
    assert check["continue-on-error"] is True
    assert any("GITHUB_STEP_SUMMARY" in step.get("run", "") for step in steps)
