"""The site engines: MkDocs (the default) and Zensical, which both read mkdocs.yml.

Each engine builds the generated docs in strict mode into a folder it is given, and
serves them with its own live-reloading server. Nothing else here knows an engine:
the pages, the navigation and the paper-number Markdown extension are the same for both.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BuildToolsError

if TYPE_CHECKING:
    from .pipeline import Project

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"

_PACKAGE_PARENT = str(Path(__file__).resolve().parents[1])
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def check_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise BuildToolsError(f"unknown site engine {engine!r}: choose one of {', '.join(ENGINES)}")
    return engine


def engine_env(project: Project, site_dir: Path | None = None) -> dict[str, str]:
    """The environment an engine runs in: the project's build_tools importable (for the paper-number
    extension, wherever the command starts) and, where given, the folder to build into (mkdocs.yml
    reads ``site_dir`` from SITE_DIR)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_PARENT, env.get("PYTHONPATH")) if p)
    if site_dir is not None:
        env["SITE_DIR"] = str(site_dir)
    return env


def build_into(project: Project, engine: str, target: Path) -> None:
    """Build the docs in build/docs into ``target`` with ``engine``, strict; raise on any warning."""
    if check_engine(engine) == "mkdocs":
        _mkdocs_build(project, target)
    else:
        _zensical_build(project, target)


def serve_command(project: Project, engine: str, addr: str) -> tuple[list[str], dict[str, str]]:
    """The engine's own server on ``addr``, reloading the browser when a file in build/docs changes.

    MkDocs rebuilds dirty (only the pages whose file is newer than its output; the generator
    rewrites every page that shows a changed claim, and the watcher restarts the server when the
    navigation changes), and not strict, so that one broken link does not stop the preview.
    Zensical rebuilds only what changed by itself; it serves from a folder of its own.
    """
    config = str(project.config)
    if check_engine(engine) == "mkdocs":
        cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", addr, "--dirty", "--no-strict"]
        return cmd, engine_env(project)
    cmd = [sys.executable, "-m", "zensical", "serve", "-f", config, "-a", addr]
    return cmd, engine_env(project, project.build / "preview")


# --- MkDocs ----------------------------------------------------------------------


class _MkDocsProblems(logging.Handler):
    """Keeps MkDocs' warnings so that a failed strict build says why."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _anchor_snippets(config: Any, project: Project) -> None:
    """Snippets resolve base_path against the working directory; make it the project's own."""
    snippets = config["mdx_configs"].get("pymdownx.snippets")
    if snippets is not None:
        snippets["base_path"] = [str(project.root / p) for p in snippets.get("base_path", ["."])]


def _mkdocs_build(project: Project, target: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    problems = _MkDocsProblems()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(problems)
    try:
        config = load_config(str(project.config), strict=True, site_dir=str(target))
        _anchor_snippets(config, project)
        build(config)
    except (MkDocsException, SystemExit) as exc:
        details = "".join(f"\n  {m}" for m in problems.messages)
        raise BuildToolsError(f"mkdocs build failed: {exc}{details}") from exc
    finally:
        logger.removeHandler(problems)


# --- Zensical --------------------------------------------------------------------


def _zensical_build(project: Project, target: Path) -> None:
    """Zensical in its own process, from the project root (snippets resolve paths from there)."""
    try:
        done = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(project.config)],
                              cwd=project.root, env=engine_env(project, target), capture_output=True, text=True,
                              timeout=600)
    except subprocess.TimeoutExpired as exc:
        raise BuildToolsError("zensical build took over 10 minutes and was stopped") from exc
    if done.returncode != 0 or not (target / "index.html").is_file():
        raise BuildToolsError(f"zensical build failed (is it installed? `make site` installs it):{_problems(done)}")


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
