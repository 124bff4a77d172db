"""Zensical: builds and serves in a process of its own, from the project root (snippets resolve
paths from there). Its server watches build/docs itself and rebuilds only what changed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BuildToolsError

if TYPE_CHECKING:
    from ..pipeline import Project

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build(project: Project, target: Path, env: dict[str, str]) -> None:
    try:
        done = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(project.config)],
                              cwd=project.root, env=env, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired as exc:
        raise BuildToolsError("zensical build took over 10 minutes and was stopped") from exc
    if done.returncode != 0 or not (target / "index.html").is_file():
        raise BuildToolsError(f"zensical build failed (is it installed? `make site` installs it):{_problems(done)}")


def serve_command(project: Project, addr: str) -> list[str]:
    """Zensical's own server; it serves from a folder of its own (SITE_DIR)."""
    return [sys.executable, "-m", "zensical", "serve", "-f", str(project.config), "-a", addr]


def _problems(done: subprocess.CompletedProcess) -> str:
    """Zensical's own report of what went wrong, without the Python traceback that follows it."""
    lines = []
    for line in _ANSI.sub("", done.stdout + done.stderr).splitlines():
        if line.startswith("Traceback"):
            break
        if line.strip():
            lines.append(f"\n  {line}")
    last = done.stderr.strip().splitlines()[-1:] if done.stderr.strip() else []
    if last and not last[0].startswith(" ") and f"\n  {last[0]}" not in lines:
        lines.append(f"\n  {_ANSI.sub('', last[0])}")
    return "".join(lines)
