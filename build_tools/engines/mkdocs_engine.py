"""MkDocs: a strict build in this process; the preview's server in a process of its own
(mkdocs_live), which rebuilds when the generator says it has written (`refresh`)."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BuildToolsError

if TYPE_CHECKING:
    from ..pipeline import Project


class _MkDocsProblems(logging.Handler):
    """Keeps MkDocs' warnings so that a failed strict build says why."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def anchor_snippets(config: Any, root: Path) -> None:
    """Snippets resolve base_path against the working directory; make it the project's own."""
    snippets = config["mdx_configs"].get("pymdownx.snippets")
    if snippets is not None:
        snippets["base_path"] = [str(root / p) for p in snippets.get("base_path", ["."])]


def keep_compiled_templates(config: Any, folder: Path) -> None:
    """Two fixed costs of every build, whatever changed: compiling Material's templates (about a
    third of a build of this site) and listing the theme's 14,000 files, icons among them, to pick
    its static ones. Keep the compiled code between builds in Jinja's bytecode cache (keyed by
    each template's source: a new Material or Python compiles again), and leave hidden folders
    out of the list, as MkDocs leaves them out of the site. The pages are the same byte for byte."""
    from jinja2 import FileSystemBytecodeCache

    folder.mkdir(parents=True, exist_ok=True)
    env = config.theme.get_env()
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    names = [n for n in env.loader.list_templates() if not any(p.startswith(".") for p in n.split("/"))]
    env.loader.list_templates = lambda: names
    config.theme.get_env = lambda: env


def build(project: Project, target: Path, dirty: bool = False) -> None:
    """Build the docs into ``target``, strict; ``dirty``: only the pages whose Markdown is newer
    than their HTML there (mkdocs_dirty says when that is sound)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    problems = _MkDocsProblems()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(problems)
    try:
        config = load_config(str(project.config), strict=True, site_dir=str(target))
        anchor_snippets(config, project.root)
        keep_compiled_templates(config, project.build / ".cache" / "jinja")
        config.plugins.on_startup(command="build", dirty=dirty)
        mkdocs_build(config, dirty=dirty)
    except (MkDocsException, SystemExit) as exc:
        details = "".join(f"\n  {m}" for m in problems.messages)
        raise BuildToolsError(f"mkdocs build failed: {exc}{details}") from exc
    finally:
        logger.removeHandler(problems)


def stamp(project: Project) -> Path:
    """The file the generator rewrites when it has written everything; the preview's server rebuilds
    when it changes (watching the docs themselves, it could start on a half-written set)."""
    return project.out / ".preview" / "generated"


def serve_command(project: Project, addr: str) -> list[str]:
    return [sys.executable, "-m", "build_tools.engines.mkdocs_live", "--config", str(project.config),
            "--root", str(project.root), "--addr", addr, "--stamp", str(stamp(project)),
            "--docs", str(project.docs), "--nav", str(project.nav)]


def refresh(project: Project) -> None:
    path = stamp(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(f"{time.time_ns()}\n", encoding="utf-8")
    os.replace(tmp, path)  # a new file each time: the server's polling sees it whatever the clock's grain

