"""Fit an argument map's SVG to the printed page without shrinking its text below the floor.

A map is printed at the largest size up to its natural one that fits the page's text area. If
fitting it would set its smallest text below MIN_TEXT_PT, it goes on a landscape page of its
own; if even that would shrink it too far, it is cut into tiles, each legible, each on a page
(tiles overlap a little so no box is lost at a cut). The map stage's SVG is read, never redrawn.
"""

from __future__ import annotations

import functools
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Literal

from ..errors import BuildToolsError

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

MIN_TEXT_PT = 6.5
"""No text in a handout is printed smaller than this (the issue's floor for paper)."""
TILE_OVERLAP = 0.08
"""Share of a tile repeated on the next one, so a box cut at the edge is whole on one of them."""

Orientation = Literal["portrait", "landscape"]


@dataclass(frozen=True)
class Page:
    """A paper's text area in points, portrait; the template lays the page out with the same numbers."""

    width: float
    height: float
    margin_top: float
    margin_side: float
    margin_bottom: float

    def text_area(self, orientation: Orientation) -> tuple[float, float]:
        width, height = (self.width, self.height) if orientation == "portrait" else (self.height, self.width)
        return width - 2 * self.margin_side, height - self.margin_top - self.margin_bottom


MM = 72 / 25.4
# The top margin keeps the first line of text out of the top eighth of the page, where a reader
# (and outloud's PAG-001) expects only the running head.
PAGES: dict[str, Page] = {
    "a4": Page(595.28, 841.89, 34 * MM, 20 * MM, 24 * MM),
    "letter": Page(612.0, 792.0, 34 * MM, 20 * MM, 24 * MM),
}
MAP_FURNITURE_PT = 96.0
"""Height kept free on a map's page for its heading, caption and the running head's gap."""


@dataclass(frozen=True)
class MapPiece:
    svg: str
    width: float
    height: float


@dataclass(frozen=True)
class FittedMap:
    orientation: Orientation
    own_page: bool
    scale: float
    smallest_text: float
    pieces: list[MapPiece]


class MapSvgError(BuildToolsError):
    """The maps stage handed over an SVG whose size or text cannot be read."""


@functools.lru_cache(maxsize=256)
def fit_map(svg: str, page: Page, map_id: str) -> FittedMap:
    """The map at the largest legible size the page allows (the same map and page: the same answer)."""
    root = ET.fromstring(svg)
    box = [float(v) for v in (root.get("viewBox") or "").replace(",", " ").split()]
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        raise MapSvgError(f"map {map_id!r}: its SVG has no usable viewBox ({root.get('viewBox')!r})")
    natural = _length_pt(root.get("width"), box[2]) / box[2]
    smallest = min(_font_sizes(root, 1.0), default=None)
    if smallest is None:
        raise MapSvgError(f"map {map_id!r}: its SVG has no text with a font size")
    floor = MIN_TEXT_PT * 1.001 / smallest  # the least scale (points per viewBox unit) that keeps text legible
    width, height = box[2], box[3]
    for orientation in ("portrait", "landscape"):
        area_w, area_h = page.text_area(orientation)
        area_h -= MAP_FURNITURE_PT
        scale = min(natural, area_w / width, area_h / height)
        if scale >= floor:
            return FittedMap(orientation, orientation == "landscape", scale, smallest * scale,
                             [MapPiece(_with_view(svg, box, scale), width * scale, height * scale)])
    area_w, area_h = page.text_area("landscape")
    area_h -= MAP_FURNITURE_PT
    scale = floor  # as small as is legible: the fewest tiles
    views_w, views_h = area_w / scale, area_h / scale
    offset = _offset(root)
    parts = [(element, _words_box(element, bbox, views_w, views_h, offset) if text else bbox, text)
             for element, bbox, text in _parts(root)]
    overlap = (max((b[2] - b[0] for _, b, t in parts if t), default=0.0) + 4,
               max((b[3] - b[1] for _, b, t in parts if t), default=0.0) + 4)
    views = _tiles(box, views_w, views_h, overlap)
    owner: dict[int, int] = {}
    for index, (_, bbox, has_text) in enumerate(parts):
        if has_text:  # a box with words is drawn on the first tile that holds it whole, and only there
            owner[index] = next((i for i, v in enumerate(views) if _inside(bbox, v)), 0)
    pieces = []
    for i, view in enumerate(views):
        drop = {index for index, tile in owner.items() if tile != i}
        pieces.append(MapPiece(_with_view(_without(svg, drop), view, scale), view[2] * scale, view[3] * scale))
    return FittedMap("landscape", True, scale, smallest * scale, pieces)


def _tiles(box: list[float], tile_w: float, tile_h: float, overlap: tuple[float, float]) -> list[list[float]]:
    """viewBoxes covering ``box`` row by row, each at most tile_w x tile_h, overlapping by at least
    the largest box with words, so every such box lies whole on some tile."""
    def cuts(start: float, length: float, size: float, least: float) -> list[tuple[float, float]]:
        if length <= size:
            return [(start, length)]
        over = min(max(least, size * TILE_OVERLAP), size * 0.5)
        count = math.ceil((length - over) / (size - over))
        step = (length - size) / (count - 1)
        return [(start + i * step, size) for i in range(count)]

    return [[x, y, w, h] for y, h in cuts(box[1], box[3], tile_h, overlap[1])
            for x, w in cuts(box[0], box[2], tile_w, overlap[0])]


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")
_TRANSLATE = re.compile(r"translate\(\s*([-\d.eE]+)(?:[\s,]+([-\d.eE]+))?\s*\)")


def _parts(root: ET.Element) -> list[tuple[ET.Element, tuple[float, float, float, float], bool]]:
    """The drawing's top-level pieces (Graphviz: nodes, edges), each with its box in viewBox units
    and whether it has words."""
    graph = next((child for child in root if child.tag == f"{{{SVG_NS}}}g"), None)
    if graph is None:
        return []
    dx, dy = _offset(root)
    found = []
    for child in graph:
        xs, ys = [], []
        for element in child.iter():
            for name in ("points", "d"):
                numbers = [float(n) for n in _NUMBER.findall(element.get(name) or "")]
                xs += numbers[0::2]
                ys += numbers[1::2]
            for x_name, y_name, rx, ry in (("x", "y", None, None), ("cx", "cy", "rx", "ry")):
                if element.get(x_name) is not None and element.get(y_name) is not None:
                    x, y = float(element.get(x_name)), float(element.get(y_name))
                    ex, ey = float(element.get(rx) or 0) if rx else 0.0, float(element.get(ry) or 0) if ry else 0.0
                    xs += [x - ex, x + ex]
                    ys += [y - ey, y + ey]
        if xs and ys:
            has_text = any(e.tag == f"{{{SVG_NS}}}text" and (e.text or "").strip() for e in child.iter())
            found.append((child, (min(xs) + dx, min(ys) + dy, max(xs) + dx, max(ys) + dy), has_text))
    return found


def _words_box(part: ET.Element, bbox: tuple[float, float, float, float], tile_w: float,
               tile_h: float, offset: tuple[float, float]) -> tuple[float, float, float, float]:
    """What must not be cut: a piece's words (a box may lose a sliver of its border at a cut; a long
    edge is cut wherever it crosses, its label kept whole)."""
    xs, ys = [], []
    for text in part.iter(f"{{{SVG_NS}}}text"):
        if not (text.text or "").strip() or text.get("x") is None or text.get("y") is None:
            continue
        size = float(re.sub(r"(px|pt)$", "", text.get("font-size") or "10"))
        width = 0.6 * size * len(text.text.strip())  # an estimate: the layout is Graphviz's
        x, y = float(text.get("x")), float(text.get("y"))
        left = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor") or "", x)
        xs += [left, left + width]
        ys += [y - size, y]
    if not xs:
        return bbox
    return (min(xs) + offset[0], min(ys) + offset[1], max(xs) + offset[0], max(ys) + offset[1])


def _offset(root: ET.Element) -> tuple[float, float]:
    """The translation of the drawing's group (Graphviz moves its origin to the bottom left)."""
    graph = next((child for child in root if child.tag == f"{{{SVG_NS}}}g"), None)
    dx, dy = 0.0, 0.0
    for match in _TRANSLATE.finditer(graph.get("transform") or "" if graph is not None else ""):
        dx, dy = dx + float(match.group(1)), dy + float(match.group(2) or 0)
    return dx, dy


def _inside(bbox: tuple[float, float, float, float], view: list[float]) -> bool:
    return (bbox[0] >= view[0] - 0.5 and bbox[1] >= view[1] - 0.5
            and bbox[2] <= view[0] + view[2] + 0.5 and bbox[3] <= view[1] + view[3] + 0.5)


def _without(svg: str, drop: set[int]) -> str:
    """The SVG without the pieces another tile draws (their words would be painted, clipped, twice)."""
    root = ET.fromstring(svg)
    parts = _parts(root)
    graph = next(child for child in root if child.tag == f"{{{SVG_NS}}}g")
    for index in sorted(drop):
        graph.remove(parts[index][0])
    return ET.tostring(root, encoding="unicode")


_ROOT_SIZE = re.compile(r'\s(?:viewBox|width|height)="[^"]*"')


def _with_view(svg: str, view: list[float], scale: float) -> str:
    """The SVG showing ``view`` at ``scale`` points per unit: only the root's size attributes change."""
    start = svg.index("<svg")
    end = svg.index(">", start)
    size = (f' viewBox="{" ".join(f"{v:g}" for v in view)}" width="{view[2] * scale:.2f}pt"'
            f' height="{view[3] * scale:.2f}pt"')
    tag = _ROOT_SIZE.sub("", svg[start:end])
    return svg[:start] + tag + size + svg[end:]


_SCALE = re.compile(r"scale\(\s*([-\d.eE]+)(?:[\s,]+([-\d.eE]+))?\s*\)")
_MATRIX = re.compile(r"matrix\(\s*([-\d.eE]+)[\s,]+([-\d.eE]+)[\s,]+([-\d.eE]+)[\s,]+([-\d.eE]+)")


def _font_sizes(element: ET.Element, scale: float):
    """Every font size of text in the tree, in viewBox units, with the scale of the transforms above it."""
    scale *= _transform_scale(element.get("transform") or "")
    size = element.get("font-size") or _style_font_size(element.get("style") or "")
    if size and any((child.text or "").strip() for child in element.iter()):
        yield float(re.sub(r"(px|pt)$", "", size.strip())) * scale
    for child in element:
        yield from _font_sizes(child, scale)


def _style_font_size(style: str) -> str | None:
    match = re.search(r"font-size\s*:\s*([\d.]+)", style)
    return match.group(1) if match else None


def _transform_scale(transform: str) -> float:
    scale = 1.0
    for match in _SCALE.finditer(transform):
        sx = abs(float(match.group(1)))
        sy = abs(float(match.group(2))) if match.group(2) else sx
        scale *= min(sx, sy)
    for match in _MATRIX.finditer(transform):
        a, b, c, d = (float(v) for v in match.groups())
        scale *= min(math.hypot(a, b), math.hypot(c, d))
    return scale


def _length_pt(value: str | None, fallback: float) -> float:
    if not value:
        return fallback
    match = re.fullmatch(r"\s*([\d.]+)\s*(pt|px|in|mm|cm)?\s*", value)
    if not match:
        return fallback
    number, unit = float(match.group(1)), match.group(2) or "px"
    return number * {"pt": 1.0, "px": 0.75, "in": 72.0, "mm": MM, "cm": 10 * MM}[unit]
