"""Checks of the self-check items: each names the claims it tests, and a choice list has one right answer."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..linker import LinkedReading
from . import findings as F
from .content import at
from .findings import Finding


def check_quiz_items(linked: LinkedReading) -> Iterator[Finding]:
    for teaching in linked.reading.teaching:
        for number, item in enumerate(teaching.self_check, start=1):
            label = f"self-check item {number} of {teaching.section!r}"
            if not item.claims:
                yield at(item, F.QUIZ_CLAIMS, f"{label} names no claim it tests",
                         "add claims: [ids] with the claims its answer rests on")
            for claim_id in item.claims:
                if claim_id not in linked.claims:
                    close = difflib.get_close_matches(claim_id, list(linked.claims), n=1)
                    yield at(item, F.QUIZ_CLAIMS, f"{label} names unknown claim {claim_id!r}",
                             f"did you mean {close[0]!r}?" if close else "name a claim id of the reading")
            if item.choices:
                correct = sum(choice.correct for choice in item.choices)
                if correct != 1:
                    yield at(item, F.QUIZ_CHOICES, f"{label} has {correct} correct choices, not 1",
                             "mark exactly one choice with correct: true")
