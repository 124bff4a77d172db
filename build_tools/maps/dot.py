"""A map's boxes and arrows as Graphviz DOT: sizes, wrapped text, and the kinds' look from kinds.py.

The SVG is drawn in CSS pixels (one unit of the viewBox is one pixel at natural size), so the
font size written here is the size a reader sees when the map is not scaled down.
"""

from __future__ import annotations

from functools import lru_cache

from ..kinds import KINDS, RELATIONS
from ..linker import Relation
from ..model import ClaimKind, RelationKind
from .metrics import text_width
from .select import upper_and_lower

FONT = "Liberation Sans"
"""Metric-compatible with Helvetica and Arial (metrics.py); installed by `make`, so print (Typst) draws the
map in the font its boxes were wrapped for. The site's CSS names Helvetica and Arial first."""
FONT_SIZE = 12
"""Pixels: at natural size every text of a map is 12 px (the issue asks for 11 at least)."""
LINE_HEIGHT = FONT_SIZE * 1.2
"""Graphviz's own line spacing for a multi-line label."""
PAGE_WIDTH = 930
"""Pixels a page gives a map in a 1366 px window (its text column, the table of contents hidden):
a declared map should be no wider, so it is drawn at natural size."""
BOX_WIDTH = 200
"""Pixels. Every box is equally wide, so editing one claim cannot push others sideways; four
boxes side by side (with their gaps) fit the 930 px the page gives a map at 1366 px."""
PADDING = 10
"""Pixels between a box's border (double borders included) and its text, on each side."""
TEXT_WIDTH = BOX_WIDTH - 2 * PADDING - 8
"""The width a line may take; 8 px spare for the second line of a double border."""
TITLE_WORDS = 8
"""Words of a claim kept in edge titles."""
PX_PER_INCH = 72


def box_text(claim_text: str, label: str | None) -> str:
    """What a box says: the author's short label, or else the whole paraphrase (never cut)."""
    return " ".join((label or claim_text).split())


def wrap(text: str, width: float = TEXT_WIDTH, size: float = FONT_SIZE) -> list[str]:
    """Whole words into lines no wider than `width` pixels, measured with Helvetica's metrics;
    a word longer than a line is broken at the width (nothing is ever dropped)."""
    return list(_wrapped(text, width, size))


@lru_cache(maxsize=16384)
def _wrapped(text: str, width: float, size: float) -> tuple[str, ...]:
    """wrap, once per text: a claim's box is drawn in several maps, and again after every edit."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size) > width:
            cut = 1
            while cut < len(current) and text_width(current[:cut + 1], size) <= width:
                cut += 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return tuple(lines)


def box_lines(kind: ClaimKind, text: str) -> list[str]:
    """The lines of a box: the kind in capitals, then the text wrapped."""
    return [KINDS[kind].label.upper(), *wrap(text)]


def box_height(lines: int) -> float:
    """Pixels: fixed by the line count alone, so rewording within the same lines moves nothing."""
    return round(lines * LINE_HEIGHT + 2 * PADDING + 4, 1)


def first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def node_title(kind: ClaimKind, text: str) -> str:
    """What a screen reader or a hover says for a box: its kind and its whole paraphrase."""
    return f"{KINDS[kind].label}: {' '.join(text.split())}"


def edge_title(source_kind: ClaimKind, source_text: str, relation: RelationKind,
               target_kind: ClaimKind, target_text: str) -> str:
    """An edge in words: 'Evidence “Narrow crossings …” supports thesis “Bridges …”'."""
    source = f"{KINDS[source_kind].label} “{first_words(source_text)}”"
    target = f"{KINDS[target_kind].label.lower()} “{first_words(target_text)}”"
    words = {"supports": "supports", "objects_to": "objects to", "rebuts": "answers", "leads_to": "leads to"}
    return f"{source} {words[relation]} {target}"


# --- DOT statements ---------------------------------------------------------------

GRAPH_DEFAULTS = [
    '  graph [rankdir=TB, ordering=out, nodesep=0.25, ranksep=0.4, bgcolor="white", pack=true, packmode="array_u"];',
    f'  node [fontname="{FONT}", fontsize={FONT_SIZE}, fixedsize=true, margin="0,0", fontcolor="#000000"];',
    '  edge [arrowsize=0.9];',
]
"""Top to bottom, children in the order given (ordering=out); dot itself uses no random seed.
Unconnected parts of a map are packed in a grid, in paper order (array_u follows each node's
sortv), rather than strung out in one very wide row."""


def node_statement(cid: str, kind: ClaimKind, text: str, href: str, order: int) -> str:
    """One box; `order` is the claim's place in the paper, which orders the packed parts."""
    style = KINDS[kind]
    lines = box_lines(kind, text)
    dot_style = ["filled"]
    if style.rounded:
        dot_style.append("rounded")
    if style.line in ("dashed", "dotted"):
        dot_style.append(style.line)
    double = style.line == "double"
    attributes = {
        "id": f"node-{cid}", "class": f"kind-{kind}", "URL": href, "shape": "box", "style": ",".join(dot_style),
        "fillcolor": style.tint, "color": style.ink, "penwidth": str(1.5 if double else style.weight),
        "peripheries": "2" if double else "1", "width": _inches(BOX_WIDTH - (8 if double else 0)),
        "height": _inches(box_height(len(lines)) - (8 if double else 0)), "sortv": str(order),
    }
    pairs = [f"{k}={dot_quote(v)}" for k, v in attributes.items()]
    # Centred lines; each line is escaped on its own, so the line breaks stay Graphviz's.
    pairs.append('label="' + "\\n".join(_dot_escape(line) for line in lines) + '"')
    return f"  {dot_quote(cid)} [" + ", ".join(pairs) + "];"


def edge_statement(r: Relation) -> str:
    """Declared from the upper box to the lower one, drawn backwards: dot ranks the upper box
    first and the arrowhead lands on it, so every arrow points up."""
    style = RELATIONS[r.kind]
    upper, lower = upper_and_lower(r)
    return (f"  {dot_quote(upper)} -> {dot_quote(lower)} [id={dot_quote(edge_id(r))}, "
            f"class={dot_quote('rel-' + r.kind.replace('_', '-'))}, style={style.line}, "
            f"color={dot_quote(style.colour)}, penwidth={style.weight}, dir=back, arrowtail={style.arrow}];")


def edge_id(r: Relation) -> str:
    return f"edge-{r.source}-{r.kind.replace('_', '-')}-{r.target}"


def _inches(pixels: float) -> str:
    return f"{pixels / PX_PER_INCH:.4f}"


def _dot_escape(text: str) -> str:
    """Text as Graphviz reads it back verbatim: backslash escapes, quotes and entities neutralised."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


def dot_quote(value: str) -> str:
    return f'"{_dot_escape(value)}"'
