"""The claims an LMS item tests, named as a student can use them: by their words and their place.

A student who gets an item back needs to know which step of the paper it was about and where to
reread it, not the course's ids (those stay where machines read them: Moodle tags `claim-<id>`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..linker import LinkedReading


@dataclass(frozen=True)
class ClaimRef:
    """One claim as feedback names it: its id (for tags), its words, and where the paper makes it."""

    id: str
    words: str
    """The claim's label where it has one (a short phrase), otherwise its paraphrase."""
    section: str
    """The title of the section that makes the claim."""
    paragraph: int

    @property
    def sentence(self) -> str:
        """The words as a sentence of their own (a label is a phrase without a full stop)."""
        return self.words if self.words.endswith((".", "?", "!", "”", "’")) else self.words + "."


@dataclass(frozen=True)
class Place:
    """A paragraph of the paper and the claims of one item made there, so feedback names each place once."""

    section: str
    paragraph: int
    sentences: list[str]


def places(refs: list[ClaimRef]) -> list[Place]:
    """``refs`` grouped by the paragraph that makes them, in the order each place first appears."""
    grouped: dict[tuple[str, int], list[str]] = {}
    for ref in refs:
        grouped.setdefault((ref.section, ref.paragraph), []).append(ref.sentence)
    return [Place(section, paragraph, sentences) for (section, paragraph), sentences in grouped.items()]


def claim_refs(linked: LinkedReading, ids: list[str]) -> list[ClaimRef]:
    """The claims named by ``ids``, in that order; an id the reading lacks is left to the check (C101)."""
    refs = []
    for cid in ids:
        claim = linked.claims.get(cid)
        if claim is None:
            continue
        refs.append(ClaimRef(cid, " ".join((claim.label or claim.text).split()),
                             linked.sections[linked.section_of[cid]].title, claim.paragraph))
    return refs
