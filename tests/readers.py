"""The bibliography readers nobody here wrote, as the export and draft tests call them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SCHEMAS = Path(__file__).parent / "schemas"
CSL_DATA_SCHEMA = SCHEMAS / "csl-data.json"
"""The official CSL-JSON schema (citation-style-language/schema, v1.0.2-3-ge3ce254, MIT: csl-data.LICENSE.txt)."""


def csl_data_schema() -> dict:
    return json.loads(CSL_DATA_SCHEMA.read_text(encoding="utf-8"))


def biber_or_skip() -> str:
    biber = shutil.which("biber")
    if biber is None:
        pytest.skip("biber is not installed (Debian's package `biber`; `make test` installs it where it can)")
    return biber


def biber(bib: Path, *, validate: bool) -> list[str]:
    """biber in tool mode on one .bib file (copied into a scratch folder, where biber writes its
    output and log): its WARN and ERROR lines, each stripped of the log prefix."""
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copy(bib, Path(scratch) / "in.bib")
        args = [biber_or_skip(), "--tool", "--output-file", "checked.bib"] + (["--validate-datamodel"] if validate else [])
        run = subprocess.run([*args, "in.bib"], cwd=scratch, capture_output=True, text=True, timeout=120, check=False)
    text = run.stdout + run.stderr
    lines = [re.sub(r"^(WARN|ERROR) - (Datamodel: )?", r"\1 ", line)
             for line in text.splitlines() if line.startswith(("WARN", "ERROR"))]
    assert run.returncode == 0 or lines, text
    assert "Found BibTeX data source" in text, text
    return lines
