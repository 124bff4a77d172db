"""Read back the size at which a PDF prints its text: font size times the text and graphics matrices.

A map's SVG is drawn inside a scaled form or under a scaling `cm`; reading the size from the
matrices in force when each string is shown counts that scale, as a reader's eye would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pypdf


@dataclass(frozen=True)
class Printed:
    page: int
    text: str
    size: float


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    g, h, i, j, k, l = n
    return [a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j, e * g + f * i + k, e * h + f * j + l]


def printed_text(path: Path) -> list[Printed]:
    """Every non-blank string the PDF paints, with its printed size in points."""
    found: list[Printed] = []
    for number, page in enumerate(pypdf.PdfReader(path).pages, 1):
        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float, number=number) -> None:
            if not text.strip() or not size:
                return
            m = _multiply(list(map(float, tm)), list(map(float, cm)))
            found.append(Printed(number, text, abs(size) * math.hypot(m[2], m[3])))

        page.extract_text(visitor_text=visit)
    return found
