"""The site's two editions, and what tells them apart.

The student edition is the one published (`site/`): the reading, maps, notes, sources, teaching
pages, self-checks and student handouts. The instructor edition (`site-instructor/`, never
published) holds all of that and the instructor's material besides: the instructor view (lesson
plans with timings, what to listen for on each discussion question, the activity's roles and
timing) and the instructor handouts. A static site has no roles, so the only safe line is what
gets built: the student edition's pages, navigation, search index and files are generated
without the instructor's material, never filtered afterwards.

Each edition keeps its generated docs apart (`build/docs` and `build/instructor/docs`, each with
its navigation), so the two builds never mix; the handouts are rendered once into
`build/handouts/` and each edition links only its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml

from .errors import BuildToolsError

Edition = Literal["student", "instructor"]
EDITIONS: tuple[Edition, ...] = ("student", "instructor")
STUDENT: Edition = "student"
DEFAULT_EDITION: Edition = STUDENT
INSTRUCTOR = "instructor"

SITE_FOLDERS: dict[str, str] = {"student": "site", "instructor": "site-instructor"}
"""Where each edition's site is built, under the project root: never one inside the other."""
BUILD_FOLDERS: dict[str, str] = {"student": "build", "instructor": "build/instructor"}
"""Where each edition's generated docs and navigation go, under the project root."""
NAME_SUFFIX: dict[str, str] = {"student": "", "instructor": " (instructor’s copy)"}
"""Added to the site's name (mkdocs.yml's site_name): in every page's header and browser tab."""


def check_edition(edition: str) -> Edition:
    """The edition's name, checked; a clear error for any other."""
    if edition not in EDITIONS:
        raise BuildToolsError(f"unknown edition {edition!r}: choose one of {', '.join(EDITIONS)}")
    return edition  # type: ignore[return-value]


def editions_rendered(edition: str) -> tuple[Edition, ...]:
    """The handout editions an edition of the site links: the instructor's has the students' too."""
    return EDITIONS if check_edition(edition) == INSTRUCTOR else ("student",)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as the engines do for the keys we need: !ENV gives its fallback (the
    value the configuration itself states); any other tag reads as null."""


def _env_fallback(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode) and len(node.value) > 1:
        return loader.construct_object(node.value[-1])
    return None


_ConfigLoader.add_constructor("!ENV", _env_fallback)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_name(config: Path, edition: str) -> str:
    """The site's name for ``edition``: mkdocs.yml's own, marked as the instructor's copy there."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as exc:
        raise BuildToolsError(f"cannot read the site's name from {config}: {exc}") from exc
    name = data.get("site_name") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name.strip():
        raise BuildToolsError(f"{config} gives no site_name: add one (the site's name in every page's header)")
    return name + NAME_SUFFIX[check_edition(edition)]
