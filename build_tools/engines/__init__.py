"""The site engines: MkDocs (the default) and Zensical, which both read mkdocs.yml.

Each engine builds the generated docs in strict mode into a folder it is given, and serves them
with a live-reloading server of its own process. Nothing else knows an engine: the pages, the
navigation and the paper-number Markdown extension are the same for both.

    build_into(project, engine, target)        a strict build of build/docs into target
    serve_command(project, engine, addr)       the command line of the engine's preview server
    refresh(project, engine, written)          tell that server the generated files changed
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BuildToolsError
from . import mkdocs_engine, zensical_engine

if TYPE_CHECKING:
    from ..pipeline import Project

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"

_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])


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
        mkdocs_engine.build(project, target)
    else:
        zensical_engine.build(project, target, engine_env(project, target))


def serve_command(project: Project, engine: str, addr: str) -> tuple[list[str], dict[str, str]]:
    """The engine's preview server on ``addr``, reloading the browser when the generated files change."""
    if check_engine(engine) == "mkdocs":
        return mkdocs_engine.serve_command(project, addr), engine_env(project)
    return zensical_engine.serve_command(project, addr), engine_env(project, project.build / "preview")


def refresh(project: Project, engine: str, written: list[str]) -> bool:
    """Tell the engine's server that the generator wrote ``written`` (paths under build/); False when
    the server has to be started again to show them (Zensical, for a new navigation)."""
    if check_engine(engine) == "mkdocs":
        mkdocs_engine.refresh(project)
        return True
    return "nav.yml" not in written
