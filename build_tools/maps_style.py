"""How an argument map looks: one style per claim kind and per relation, the words for them, and
the DOT statements that carry them to Graphviz.

Colours come from the Okabe-Ito palette, which stays distinct under the common colour-vision
deficiencies. Colour is never the only cue: every kind has its own shape or border and every
relation its own line style and arrowhead, and the legend says so in words.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .linker import Relation
from .model import ClaimKind, RelationKind

LINE_WIDTH = 30
"""Characters per line of a node's text: long enough to read, short enough for a tidy map."""
MAX_LINES = 5
TITLE_WORDS = 8
"""Words of a claim kept in a node's readable <title> and in edge titles."""
FONT = "Helvetica"
FONT_SIZE = 10


@dataclass(frozen=True)
class NodeStyle:
    label: str
    """The kind in words, as the reader sees it: "Key issue"."""
    meaning: str
    look: str
    """The visual encoding in words, for the legend."""
    shape: str
    style: str
    fill: str
    width: float
    """Inches. Every node of a shape is equally wide, so editing one claim cannot push others sideways."""
    font_colour: str = "#000000"
    peripheries: int = 1
    penwidth: float = 1.0


@dataclass(frozen=True)
class EdgeStyle:
    label: str
    """The relation in words, written on the edge: "objects to"."""
    meaning: str
    look: str
    line: str
    arrow: str
    colour: str
    penwidth: float
    upward: bool
    """True when the source sits below its target (a reason under what it supports)."""


# Fill colours that take black text keep a contrast of at least 4.5:1; the dark blue of the
# thesis takes white text (5.2:1). Borders are black (21:1 against the page).
KIND_STYLES: dict[ClaimKind, NodeStyle] = {
    "thesis": NodeStyle("Thesis", "the main claim the paper defends",
                        "dark blue double octagon with a bold border, at the top", "doubleoctagon",
                        "filled,bold", "#0072B2", 3.2, font_colour="#FFFFFF", penwidth=2.0),
    "key-issue": NodeStyle("Key issue", "a question the paper says will decide the outcome",
                           "reddish-purple hexagon", "hexagon", "filled", "#CC79A7", 3.2),
    "claim": NodeStyle("Claim", "a step of the argument", "sky-blue box with rounded corners",
                       "box", "filled,rounded", "#56B4E9", 2.6),
    "evidence": NodeStyle("Evidence", "facts, figures or sources offered in support",
                          "bluish-green note with a folded corner", "note", "filled", "#009E73", 2.6),
    "objection": NodeStyle("Objection", "a reason against a claim, stated or anticipated",
                           "vermillion box with a thick dashed border", "box", "filled,dashed",
                           "#D55E00", 2.6, penwidth=2.0),
    "rebuttal": NodeStyle("Rebuttal", "an answer to an objection", "orange box with a double border",
                          "box", "filled", "#E69F00", 2.6, peripheries=2),
    "concession": NodeStyle("Concession", "a point the paper grants to the other side",
                            "yellow box with cut corners", "box", "filled,diagonals", "#F0E442", 2.6),
    "implication": NodeStyle("Implication", "what follows from the argument",
                             "white box with an arrow-shaped right end", "cds", "filled", "#FFFFFF", 2.8),
    "context": NodeStyle("Context", "background the argument builds on",
                         "light grey tab shape with a dotted border", "tab", "filled,dotted", "#DDDDDD", 2.6),
    "example": NodeStyle("Example", "a case that illustrates a claim", "white three-dimensional box",
                         "box3d", "filled", "#FFFFFF", 2.6),
}

# Support-like relations point up, at the claim they back, so the thesis stays on top;
# leads_to points down, from a claim to what follows from it.
RELATION_STYLES: dict[RelationKind, EdgeStyle] = {
    "supports": EdgeStyle("supports", "gives a reason for the claim it points to",
                          "solid bluish-green line with a plain arrowhead", "solid", "normal",
                          "#009E73", 1.5, upward=True),
    "objects_to": EdgeStyle("objects to", "argues against the claim it points to",
                            "dashed vermillion line ending in a bar", "dashed", "tee", "#D55E00", 1.5,
                            upward=True),
    "rebuts": EdgeStyle("rebuts", "answers the objection it points to",
                        "dotted blue line ending in a diamond", "dotted", "diamond", "#0072B2", 2.0,
                        upward=True),
    "leads_to": EdgeStyle("leads to", "the claim it points to follows from this one",
                          "bold black line with an open arrowhead", "bold", "vee", "#000000", 2.0,
                          upward=False),
}


def wrap_label(kind: ClaimKind, text: str) -> list[str]:
    """The lines of a node: the kind in capitals, then the text wrapped, cut with an ellipsis."""
    lines = textwrap.wrap(text, LINE_WIDTH)
    if len(lines) > MAX_LINES:
        last = lines[MAX_LINES - 1]
        if len(last) > LINE_WIDTH - 2:
            last = last[: LINE_WIDTH - 2].rsplit(" ", 1)[0]
        lines = [*lines[: MAX_LINES - 1], last + " …"]
    return [KIND_STYLES[kind].label.upper(), *lines]


def node_height(lines: int) -> float:
    """Inches: fixed by the line count alone, so rewording within the same lines moves nothing."""
    return round(0.3 + lines * FONT_SIZE * 1.2 / 72, 2)


def first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def node_title(kind: ClaimKind, text: str) -> str:
    """What a screen reader or a hover says for a node: "Thesis: Bridges belong where …"."""
    return f"{KIND_STYLES[kind].label}: {first_words(text)}"


def edge_title(source_kind: ClaimKind, source_text: str, relation: RelationKind,
               target_kind: ClaimKind, target_text: str) -> str:
    """An edge in words: 'Evidence “Narrow crossings …” supports thesis “Bridges …”'."""
    source = f"{KIND_STYLES[source_kind].label} “{first_words(source_text)}”"
    target = f"{KIND_STYLES[target_kind].label.lower()} “{first_words(target_text)}”"
    return f"{source} {RELATION_STYLES[relation].label} {target}"


# --- DOT statements ---------------------------------------------------------------

GRAPH_DEFAULTS = [
    '  graph [rankdir=TB, ordering=out, nodesep=0.3, ranksep=0.45, bgcolor="white", pack=true, packmode="array_u"];',
    f'  node [fontname="{FONT}", fontsize={FONT_SIZE}, fixedsize=true, margin="0.1,0.05", color="#000000"];',
    f'  edge [fontname="{FONT}", fontsize={FONT_SIZE - 1}, fontcolor="#000000"];',
]
"""Top to bottom, children in the order given (ordering=out); dot itself uses no random seed.
Unconnected parts of a map are packed in a grid, in paper order (array_u follows each node's
sortv), rather than strung out in one very wide row."""


def node_statement(cid: str, kind: ClaimKind, text: str, href: str, order: int) -> str:
    """One node; `order` is the claim's place in the paper, which orders the packed parts."""
    style = KIND_STYLES[kind]
    label = wrap_label(kind, text)
    attributes = {
        "id": f"node-{cid}", "class": f"kind-{kind}", "URL": href, "tooltip": " ".join(text.split()),
        "shape": style.shape, "style": style.style, "fillcolor": style.fill, "fontcolor": style.font_colour,
        "penwidth": str(style.penwidth), "peripheries": str(style.peripheries), "width": str(style.width),
        "height": str(node_height(len(label))), "sortv": str(order),
    }
    pairs = [f"{k}={dot_quote(v)}" for k, v in attributes.items()]
    # The label's line breaks are Graphviz escapes, so the lines are escaped one by one.
    pairs.append('label="' + "\\n".join(_dot_escape(line) for line in label) + '"')
    return f"  {dot_quote(cid)} [" + ", ".join(pairs) + "];"


def edge_statement(r: Relation) -> str:
    style = RELATION_STYLES[r.kind]
    common = (f"id={dot_quote(edge_id(r))}, class={dot_quote('rel-' + r.kind.replace('_', '-'))}, "
              f"label={dot_quote(style.label)}, style={style.line}, color={dot_quote(style.colour)}, "
              f"penwidth={style.penwidth}")
    if style.upward:
        # Declared target -> source and drawn backwards: dot ranks the target above its reasons.
        return f"  {dot_quote(r.target)} -> {dot_quote(r.source)} [{common}, dir=back, arrowtail={style.arrow}];"
    return f"  {dot_quote(r.source)} -> {dot_quote(r.target)} [{common}, arrowhead={style.arrow}];"


def edge_id(r: Relation) -> str:
    return f"edge-{r.source}-{r.kind.replace('_', '-')}-{r.target}"


def _dot_escape(text: str) -> str:
    """Text as Graphviz reads it back verbatim: backslash escapes, quotes and entities neutralised."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


def dot_quote(value: str) -> str:
    return f'"{_dot_escape(value)}"'
