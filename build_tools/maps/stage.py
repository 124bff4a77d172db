"""Maps stage: lay out every declared map of a reading, with links that work where it is shown.

The interface other stages use (pages, handouts): `build_all_maps` (map id -> ArgumentMap, in
the order declared) and `maps_on_page` (the maps a section's page, or the home page, shows).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from ..linker import LinkedReading
from ..model import MapView
from .build import ArgumentMap, build_map


def build_all_maps(linked: LinkedReading) -> dict[str, ArgumentMap]:
    """Every map of the reading, in the order declared. Graphviz runs as a subprocess per map,
    so the layouts run side by side on the machine's cores (threads suffice: they wait)."""

    def one(view: MapView) -> ArgumentMap:
        prefix = "../" if view.page else ""
        return build_map(linked, view, lambda cid: _href(linked, cid, prefix))

    views = linked.reading.maps
    with ThreadPoolExecutor(max_workers=min(len(views), os.cpu_count() or 1) or 1) as pool:
        return {view.id: built for view, built in zip(views, pool.map(one, views))}


def maps_on_page(maps: Iterable[ArgumentMap], section_id: str | None) -> list[ArgumentMap]:
    """The maps a page shows, in the order declared: a section's, or (None) the home page's."""
    return [m for m in maps if m.page == section_id]


def _href(linked: LinkedReading, claim_id: str, prefix: str) -> str:
    # Pages use directory URLs: a section's page is <reading>/<section>/.
    return f"{prefix}{linked.section_of[claim_id]}/#{claim_id}"
