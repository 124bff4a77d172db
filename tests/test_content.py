"""The embedded reading: complete, faithful to the source, and clean under the checks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from build_tools.checks import Severity, run_checks
from build_tools.pipeline import Project, load
from tests.conftest import READING, ROOT, source_text_or_skip


def linked():
    [reading] = load(Project(ROOT))
    return reading


def test_embedded_content_checks_without_errors() -> None:
    text = source_text_or_skip()
    errors = [f for f in run_checks(linked(), text) if f.severity == Severity.ERROR]
    assert errors == []


def test_every_body_marker_sits_on_exactly_one_claim() -> None:
    r = linked()
    placed = [n for c in r.reading.claims for n in c.footnotes] + list(r.reading.meta.footnotes)
    assert sorted(placed) == list(range(1, max(r.footnotes) + 1))
    assert sorted(r.footnotes) == list(range(1, 54))


def test_section_tree_follows_the_papers_headings() -> None:
    r = linked()
    tops = [s.id for s in r.reading.sections if s.parent is None]
    assert len(tops) == 5  # introduction, three challenges, implications
    assert len(r.subsections("domestic-politics")) == 2
    assert len(r.subsections("implications")) == 4


def test_spine_thesis_to_issues_to_implications() -> None:
    r = linked()
    [thesis] = [c for c in r.claims.values() if c.kind == "thesis"]
    issues = [rel.source for rel in r.incoming(thesis.id) if r.claims[rel.source].kind == "key-issue"]
    assert len(issues) == 3
    implications = [c.id for c in r.claims.values() if c.kind == "implication" and r.section_of[c.id] == "implications"]
    assert len(implications) == 4
    driven = {rel.target for i in issues for rel in r.outgoing(i) if rel.kind == "leads_to"}
    assert set(implications) <= driven


def test_every_quote_is_short_and_found_in_the_source() -> None:
    text = re.sub(r"\s+", "", source_text_or_skip())
    for claim in linked().reading.claims:
        for quote in claim.quotes:
            assert len(quote.text.split()) <= 30, quote.text
            assert re.sub(r"\s+", "", quote.text) in text, quote.text


def test_no_invented_publication_facts() -> None:
    meta = yaml.safe_load((ROOT / "content" / READING / "reading.yaml").read_text(encoding="utf-8"))
    assert not {"publisher", "doi", "published", "date", "isbn"} & set(meta)


def test_workflow_calls_the_same_make_targets_as_ci() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job.get("steps", [])]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for target in re.findall(r"^make (\w+)$", ci, re.MULTILINE):
        assert f"make {target}" in steps
    assert any("--format github" in s for s in steps)
    assert subprocess.run(["bash", "-n", str(ROOT / ".ci" / "run")]).returncode == 0
