"""Argument maps: declared views of a reading's argument, drawn top-down by Graphviz as inline SVG.

select (which claims) -> dot (boxes and arrows) -> svg (accessible, clickable) -> outline (the
same map in words) -> build (one map) -> stage (every map of a reading, and which page shows it).
"""

from __future__ import annotations

from .build import ArgumentMap, LegendItem, build_map
from .outline import Branch, OutlineItem
from .select import select_claims
from .stage import build_all_maps, maps_on_page

__all__ = ["ArgumentMap", "Branch", "LegendItem", "OutlineItem", "build_all_maps", "build_map", "maps_on_page",
           "select_claims"]
