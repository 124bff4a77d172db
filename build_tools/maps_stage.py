"""Maps stage: lay out every declared map of a reading, with links that work where it is shown."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .linker import LinkedReading

HOME_MAPS = {"overview"}
"""Maps shown on the reading's home page; the others sit on a section page."""


def build_all_maps(linked: LinkedReading) -> dict[str, Any]:
    """Every map of the reading, in the order declared. Graphviz runs as a subprocess per map,
    so the layouts run side by side on the machine's cores (threads suffice: they wait)."""
    from .maps import build_map

    def one(view: Any) -> Any:
        prefix = "" if view.id in HOME_MAPS else "../"
        return build_map(linked, view, lambda cid: _href(linked, cid, prefix))

    views = linked.reading.maps
    with ThreadPoolExecutor(max_workers=min(len(views), os.cpu_count() or 1) or 1) as pool:
        return {view.id: built for view, built in zip(views, pool.map(one, views))}


def _href(linked: LinkedReading, claim_id: str, prefix: str) -> str:
    # Pages use directory URLs: a section's page is <reading>/<section>/.
    return f"{prefix}{linked.section_of[claim_id]}/#{claim_id}"
