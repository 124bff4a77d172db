"""The site engines: MkDocs (the default) and Zensical, which both read mkdocs.yml.

Each engine builds the generated docs in strict mode into a folder it is given, and serves them
with a live-reloading server of its own process. Nothing else knows an engine: the pages, the
navigation and the paper-number Markdown extension are the same for both. Both read the edition
(its docs folder, its navigation and the site's name) from mkdocs.yml's !ENV settings, which
`edition_settings` fills in.

    build_into(project, engine, target)        a strict build of build/docs into target
    serve_command(project, engine, addr)       the command line of the engine's preview server
    refresh(project, engine, written)          tell that server the generated files changed
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..editions import site_name
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


def edition_settings(project: Project) -> dict[str, str]:
    """What mkdocs.yml reads from the environment to build the project's edition: its docs folder
    (COURSE_DOCS), its navigation (COURSE_NAV, inherited) and the site's name (COURSE_SITE_NAME,
    marked as the instructor's copy in that edition). The paths are relative to the project (the
    folder of mkdocs.yml), as both engines read them; Zensical 0.0.73 panics on an absolute docs_dir."""
    return {"COURSE_DOCS": project.docs.relative_to(project.root).as_posix(),
            "COURSE_NAV": project.nav.relative_to(project.root).as_posix(),
            "COURSE_SITE_NAME": site_name(project.config, project.edition)}


def engine_env(project: Project, site_dir: Path | None = None) -> dict[str, str]:
    """The environment an engine runs in: the project's build_tools importable (for the paper-number
    extension, wherever the command starts), the edition's settings and, where given, the folder to
    build into (mkdocs.yml reads ``site_dir`` from SITE_DIR)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **edition_settings(project)}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_PARENT, env.get("PYTHONPATH")) if p)
    if site_dir is not None:
        env["SITE_DIR"] = str(site_dir)
    return env


@contextmanager
def edition_environment(project: Project) -> Iterator[None]:
    """The edition's settings in this process's environment for as long as an engine runs in it
    (MkDocs resolves mkdocs.yml's !ENV when it loads the configuration)."""
    settings = edition_settings(project)
    before = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_into(project: Project, engine: str, target: Path) -> None:
    """Build the edition's docs (build/docs for the students') into ``target`` with ``engine``,
    strict; raise on any warning."""
    if check_engine(engine) == "mkdocs":
        with edition_environment(project):
            mkdocs_engine.build(project, target)
    else:
        zensical_engine.build(project, target, engine_env(project, target))


def serve_command(project: Project, engine: str, addr: str) -> tuple[list[str], dict[str, str]]:
    """The engine's preview server on ``addr``, reloading the browser when the generated files change."""
    if check_engine(engine) == "mkdocs":
        return mkdocs_engine.serve_command(project, addr), engine_env(project)
    return zensical_engine.serve_command(project, addr), engine_env(project, project.out / "preview")


def refresh(project: Project, engine: str, written: list[str]) -> bool:
    """Tell the engine's server that the generator wrote ``written`` (paths under build/); False when
    the server has to be started again to show them (Zensical, for a new navigation)."""
    if check_engine(engine) == "mkdocs":
        mkdocs_engine.refresh(project)
        return True
    return "nav.yml" not in written
