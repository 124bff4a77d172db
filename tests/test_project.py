"""The project's own promises: dependencies declared and explained, README in step with the CLI."""

from __future__ import annotations

import re

from build_tools.cli import COMMANDS
from tests.conftest import ROOT


def top_level_requirements() -> list[str]:
    names = []
    for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(re.split(r"[<>=!~\[ ]", line, maxsplit=1)[0].lower())
    return names


def test_every_dependency_is_explained_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").lower()
    table = readme.split("## dependencies", 1)[1]
    missing = [name for name in top_level_requirements() if f"| {name} " not in table]
    assert missing == []


def test_every_dependency_is_pinned_with_hashes() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower()
    for name in top_level_requirements():
        assert re.search(rf"^{re.escape(name)}==[^\s]+ \\$", lock, re.MULTILINE), name
    assert "--hash=sha256:" in lock


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [c for c in COMMANDS if f"| `{c}" not in readme] == []
