"""The visual language of claim kinds and relations: one table for claim cards, maps, legends and print.

Each kind has one colour, one border (its shape: line style, weight and corners) and one label,
and every place that shows a claim takes them from here: the maps draw the border in Graphviz,
the site and the handouts get them as CSS custom properties (`kind_css`, `templates/kinds.css.j2`).
Colour is never the only cue: the border differs per kind and the label is written on every box
and card. Inks keep 4.5:1 against white and against their own tint; text on a tint is black.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import ClaimKind, RelationKind


@dataclass(frozen=True)
class KindStyle:
    label: str
    """The kind in words, as the reader sees it: "Key issue"."""
    meaning: str
    ink: str
    """Border and label colour."""
    tint: str
    """Background of the box or card."""
    line: str
    """CSS border style: solid, double, dashed or dotted."""
    weight: int
    """Border width in pixels (a double border needs 4 to show both lines)."""
    rounded: bool
    """Rounded corners, or square ones."""

    @property
    def look(self) -> str:
        """The border in words, for a text legend."""
        corners = "rounded" if self.rounded else "square"
        weight = "thick" if self.weight >= 3 and self.line != "double" else "thin" if self.weight == 1 else ""
        return " ".join(w for w in (weight, self.line, "border,", corners, "corners") if w).replace(" ,", ",")


KINDS: dict[ClaimKind, KindStyle] = {
    "thesis": KindStyle("Thesis", "the main claim the paper defends", "#1F4E79", "#E3EEF9", "double", 4, True),
    "key-issue": KindStyle("Key issue", "a question the paper says will decide the outcome",
                           "#5E3A8C", "#EEE7F7", "solid", 3, False),
    "implication": KindStyle("Implication", "what follows from the argument", "#2E6B1F", "#E6F3DE",
                             "solid", 3, True),
    "claim": KindStyle("Claim", "a step of the argument", "#3D4A5C", "#EFF2F6", "solid", 1, True),
    "evidence": KindStyle("Evidence", "facts, figures or sources offered in support", "#035E78", "#DDF1F7",
                          "solid", 2, False),
    "example": KindStyle("Example", "a case that illustrates a claim", "#5F4B00", "#F7F0D2", "dotted", 2, False),
    "context": KindStyle("Context", "background the argument builds on", "#595959", "#F1F1F1", "dashed", 1, True),
    "objection": KindStyle("Objection", "a reason against a claim, stated or anticipated", "#A63100", "#FBE6DD",
                           "dashed", 3, False),
    "rebuttal": KindStyle("Rebuttal", "an answer to an objection", "#8A4B00", "#FCECD5", "double", 4, False),
    "concession": KindStyle("Concession", "a point the paper grants to the other side", "#9C2759", "#F9E3ED",
                            "dotted", 3, True),
}


@dataclass(frozen=True)
class RelationStyle:
    label: str
    """The relation as the arrow reads, from the box below to the box above: "supports"."""
    meaning: str
    line: str
    """solid, dashed or dotted (Graphviz and SVG alike)."""
    arrow: str
    """Graphviz arrowhead: normal, tee, diamond, vee."""
    colour: str
    weight: float


# Every arrow points up, from the lower box to the upper one, and reads in that direction:
# reasons stand under what they support, objections under what they object to, replies under the
# objection, and an implication under the claim it follows from.
RELATIONS: dict[RelationKind, RelationStyle] = {
    "supports": RelationStyle("supports", "gives a reason for the claim above", "solid", "normal", "#333333", 1.5),
    "objects_to": RelationStyle("objects to", "argues against the claim above", "dashed", "tee", "#A63100", 2.0),
    "rebuts": RelationStyle("answers", "replies to the objection above", "dotted", "diamond", "#8A4B00", 2.0),
    "leads_to": RelationStyle("follows from", "is drawn from the claim above", "solid", "vee", "#2E6B1F", 3.0),
}

CARD_TEXT = "#000000"
"""Text on a tint: black keeps every tint above 4.5:1."""


def kind_label(kind: ClaimKind) -> str:
    return KINDS[kind].label


@lru_cache(maxsize=8)
def kind_css(templates: Path) -> str:
    """The table as CSS custom properties and `.kind-<kind>` classes (templates/kinds.css.j2)."""
    from .render import make_environment

    return make_environment(templates).get_template("kinds.css.j2").render(kinds=KINDS, relations=RELATIONS)
