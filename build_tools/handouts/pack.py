"""The instructor's pack in print: the sections' packs (instructor_pack.py) as the instructor
edition of a handout carries them, each claim a discussion question draws on given by its number
in the handout (and its anchor there) or, where the handout does not list it, by its short title
and its section. Data only; templates/handout/handout.typ lays it out (its `instructor_pack`
block). Only the instructor edition's JSON carries it, so nothing of it can reach a student handout.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..instructor_pack import section_pack
from ..linker import LinkedReading
from ..page_text import claim_title
from ..pages import KIND_LABELS
from .content import ClaimItem, Handout, HandoutContent, _descendants


@dataclass(frozen=True)
class DrawsOn:
    """A claim a discussion question draws on: its number in the handout and its anchor there, or,
    for a claim the handout does not list, its short title and its section."""

    kind_label: str
    mark: str | None
    anchor: str | None
    title: str | None
    section: str | None


def instructor_pack(linked: LinkedReading, handout: Handout, content: HandoutContent) -> dict[str, Any]:
    """The pack of the sections ``handout`` covers (a top-level section and its subsections, or for
    the guide every section), numbered as ``content`` numbers their claims; as the handout's JSON
    holds it: each section's title only where the handout covers several."""
    if handout.section is None:
        sections = list(linked.reading.sections)
    else:
        top = linked.sections[handout.section]
        sections = [top, *_descendants(linked, top.id)]
    numbered = {item.id: item for part in content.parts for group in part.groups for item in group.claims}
    printed = []
    for pack in filter(None, (section_pack(linked, s) for s in sections)):
        data = dataclasses.asdict(pack)
        data["title"] = pack.title if len(sections) > 1 else None
        for question, note in zip(data["discussion"], pack.discussion):
            question["draws_on"] = [dataclasses.asdict(_draws_on(linked, c, numbered)) for c in note.claims]
        printed.append(data)
    return {"sections": printed}


def _draws_on(linked: LinkedReading, claim_id: str, numbered: Mapping[str, ClaimItem]) -> DrawsOn:
    claim = linked.claims[claim_id]
    kind = KIND_LABELS[claim.kind]
    if claim_id in numbered:
        return DrawsOn(kind, str(numbered[claim_id].number), numbered[claim_id].anchor, None, None)
    return DrawsOn(kind, None, None, claim_title(claim), linked.sections[linked.section_of[claim_id]].title)
