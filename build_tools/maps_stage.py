"""Maps stage: lay out every declared map of a reading, with links that work where it is shown."""

from __future__ import annotations

from typing import Any

from .linker import LinkedReading

HOME_MAPS = {"overview"}
"""Maps shown on the reading's home page; the others sit on a section page."""


def build_all_maps(linked: LinkedReading) -> dict[str, Any]:
    from .maps import build_map

    result: dict[str, Any] = {}
    for view in linked.reading.maps:
        prefix = "" if view.id in HOME_MAPS else "../"
        result[view.id] = build_map(linked, view, lambda cid, p=prefix: _href(linked, cid, p))
    return result


def _href(linked: LinkedReading, claim_id: str, prefix: str) -> str:
    # Pages use directory URLs: a section's page is <reading>/<section>/.
    return f"{prefix}{linked.section_of[claim_id]}/#{claim_id}"
