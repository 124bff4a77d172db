"""MkDocs hook: under `mkdocs serve`, regenerate the pages before each rebuild.

Thin on purpose: it calls the same function as the CLI. `mkdocs build` leaves
generation to `python -m build_tools build`, which runs the checks first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.pipeline import Project, generate

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    if _serving:
        from mkdocs.exceptions import PluginError

        from build_tools.errors import BuildToolsError

        try:
            generate(Project(Path(config.config_file_path).parent))
        except BuildToolsError as exc:
            raise PluginError(str(exc)) from exc
