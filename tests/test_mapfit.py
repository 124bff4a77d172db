"""Maps fitted to the page: never printed below the floor; too wide, landscape; wider still, tiles."""

from __future__ import annotations

import re

from build_tools.handouts.mapfit import MIN_TEXT_PT, PAGES, fit_map


def _svg(boxes: int, font: float = 10.0) -> str:
    """A Graphviz-shaped SVG: a row of boxes, each with its own words, 150 units apart."""
    width = boxes * 150 + 8
    nodes = "".join(
        f'<g class="node"><polygon points="{i * 150},-10 {i * 150 + 140},-10 {i * 150 + 140},-60 {i * 150},-60"/>'
        f'<text x="{i * 150 + 70}" y="-30" text-anchor="middle" font-size="{font:.2f}">box {i}</text></g>'
        for i in range(boxes))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="78pt" viewBox="0 0 {width} 78">'
            f'<g class="graph" transform="scale(1 1) rotate(0) translate(4 74)">{nodes}</g></svg>')


def _words(svg: str) -> list[str]:
    return re.findall(r">(box \d+)<", svg)


def test_a_small_map_stays_in_the_column_at_its_own_size() -> None:
    fitted = fit_map(_svg(3), PAGES["a4"], "small")
    assert (fitted.orientation, fitted.own_page, len(fitted.pieces)) == ("portrait", False, 1)
    assert fitted.scale == 1.0 and fitted.smallest_text == 10.0


def test_a_wide_map_gets_a_landscape_page_before_its_text_would_shrink_too_far() -> None:
    fitted = fit_map(_svg(6), PAGES["letter"], "wide")  # 908 pt: 0.55 in the column, 0.80 across
    assert fitted.orientation == "landscape" and fitted.own_page and len(fitted.pieces) == 1
    assert fitted.smallest_text >= MIN_TEXT_PT


def test_a_poster_is_cut_into_legible_tiles_each_box_on_exactly_one() -> None:
    fitted = fit_map(_svg(30), PAGES["a4"], "poster")
    assert len(fitted.pieces) > 1 and fitted.smallest_text >= MIN_TEXT_PT
    words = [w for piece in fitted.pieces for w in _words(piece.svg)]
    assert sorted(words) == sorted(f"box {i}" for i in range(30))  # none lost, none painted twice
    for piece in fitted.pieces:
        assert piece.width <= PAGES["a4"].text_area("landscape")[0] + 0.5
