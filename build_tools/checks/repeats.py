"""C112: two self-check items of one section that ask the same thing.

An item repeats another when a student who has answered one has answered the other:
the wording of the two questions is nearly the same, or the two items test nested sets
of claims (one's claims are all among the other's) and either their questions share
much of their content, or the narrower item's answer is already, for the most part, in
the broader one's. An item's words are its content words, stemmed, with stopwords and
the words every question is framed with ("according to the paper", "what does ...
say") left out.

The thresholds were calibrated on the first reading's self-check set before its
rewrite, where 25 of 26 multiple-choice items re-asked an open item, wholly or in part
(tests/fixtures/selfcheck/): they find each of those pairs, two more that repeat on
reading (the item listing all four implications already answers an open item and one of
those multiple-choice items), and none of the six other pairs that share a claim there. Neither measure alone does: a paraphrased choice shares
few words with the open answer it repeats, and a question may re-ask another's answer in
new words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..linker import LinkedReading
from ..model import SelfCheck
from . import findings as F
from .content import at
from .findings import Finding

SAME_WORDING = 0.7
"""Share of the two questions' words in common (Jaccard) above which they ask the same, whatever they test."""
SHARED_QUESTION = 0.4
"""With nested claims: share of the shorter question's words that the other question also has."""
CONTAINED_ANSWER = 0.7
"""With nested claims: share of the narrower item's answer words found in the broader item's answer."""
MIN_SHARED = 3
"""Fewest words in common for an overlap to count: items on nested claims share their topic's words
anyway ("implications", "alliance"), and a one- or two-word answer is no evidence."""

STOPWORDS = frozenset("""
a an the of to in on at by for from with into about as than then so such and or nor but not no
is are was were be been being it its this that these those there their they them he his she her
we our you your i what which who whom whose why how when where do does did doing done
according paper reading text author say says said give gives name names call calls called describe describes
mean means can could may might will would shall should must has have had also even both each
one two three four first second third fourth
""".split())
"""Function words and the words every question is framed with; numbers of things asked for stay out too."""

SUFFIXES = ("ations", "ation", "ings", "ing", "ities", "ity", "ness", "ments", "ment",
            "ies", "ied", "ed", "es", "ly", "s")
WORD = re.compile(r"[a-z0-9]+")
POSSESSIVE = re.compile(r"['’]s\b")


def stem(word: str) -> str:
    """A light suffix-stripping stem: enough to match "balancing" with "balance", "claims" with "claim"."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of a text, stopwords out."""
    text = POSSESSIVE.sub("", text.lower())
    return frozenset(stem(w) for w in WORD.findall(text) if w not in STOPWORDS)


def spelled(stems: frozenset[str], text: str) -> list[str]:
    """The words of `text` whose stems are `stems`, as written there, each stem once, in the text's order."""
    seen: dict[str, str] = {}
    for word in WORD.findall(POSSESSIVE.sub("", text.lower())):
        if stem(word) in stems and word not in STOPWORDS:
            seen.setdefault(stem(word), word)
    return list(seen.values())


@dataclass(frozen=True)
class ItemWords:
    """What the comparison needs of one self-check item."""

    number: int
    item: SelfCheck
    claims: frozenset[str]
    question: frozenset[str]
    answer: frozenset[str]
    """The model answer's words."""
    key: frozenset[str]
    """The correct choice's words for a multiple-choice item (its crisp answer), else the model answer's."""

    @classmethod
    def of(cls, number: int, item: SelfCheck) -> ItemWords:
        correct = [c.text for c in item.choices if c.correct]
        answer = content_words(item.answer)
        return cls(number, item, frozenset(item.claims), content_words(item.question), answer,
                   content_words(correct[0]) if correct else answer)


def _contained(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of `part` found in `whole`, or 0 when too few words are shared to tell."""
    shared = len(part & whole)
    return shared / len(part) if shared >= MIN_SHARED else 0.0


def repeats(a: ItemWords, b: ItemWords) -> str | None:
    """Why `b` asks what `a` asks, in words for the author, or None when it does not."""
    common = a.question & b.question
    union = a.question | b.question
    if len(common) >= MIN_SHARED and len(common) / len(union) >= SAME_WORDING:
        return "their questions are worded almost alike"
    if not (a.claims and b.claims and (a.claims <= b.claims or b.claims <= a.claims)):
        return None
    narrow, broad = sorted((a, b), key=lambda w: (len(w.claims), len(w.key), w.number))
    nested = ("they test the same claims" if a.claims == b.claims
              else f"item {narrow.number} tests only claims that item {broad.number} also tests")
    if len(common) >= MIN_SHARED and len(common) / min(len(a.question), len(b.question)) >= SHARED_QUESTION:
        return f"{nested}, and their questions share the words {', '.join(spelled(common, b.item.question))}"
    within = broad.answer | broad.key
    if max(_contained(narrow.key, within), _contained(narrow.answer, within)) >= CONTAINED_ANSWER:
        return f"{nested}, and its answer is for the most part in item {broad.number}'s"
    return None


@dataclass(frozen=True)
class Repeat:
    """Item `later` of a section asks what item `earlier` asks (numbers from 1, in the file's order)."""

    earlier: SelfCheck
    later: SelfCheck
    earlier_number: int
    later_number: int
    why: str


def find_repeats(items: list[SelfCheck]) -> Iterator[Repeat]:
    """Every pair of one section's items of which the later asks what the earlier asks."""
    words = [ItemWords.of(n, item) for n, item in enumerate(items, start=1)]
    for earlier, later in itertools.combinations(words, 2):
        why = repeats(earlier, later)
        if why is not None:
            yield Repeat(earlier.item, later.item, earlier.number, later.number, why)


def check_repeated_questions(linked: LinkedReading) -> Iterator[Finding]:
    for teaching in linked.reading.teaching:
        for r in find_repeats(teaching.self_check):
            where = f"line {r.earlier.line}" if r.earlier.line else "earlier"
            yield at(r.later, F.REPEATED_QUESTION,
                     f"self-check item {r.later_number} of {teaching.section!r} asks what item {r.earlier_number} "
                     f"({where}) asks: {r.why}",
                     "merge them or make one ask something the other does not")
