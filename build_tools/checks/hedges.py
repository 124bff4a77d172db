"""C109: a paraphrase that drops the hedge of the sentence it quotes.

A quote locates its sentence in the paper's text. If that sentence hedges ("likely",
"may", "in part", "some argue", "to the extent" ...) and the claim's paraphrase carries
no hedge at all, the paraphrase probably states as fact what the paper only expects,
suspects or reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..linker import LinkedReading
from ..model import Claim
from . import findings as F
from .findings import Finding

HEDGES = re.compile(
    r"\b(?:(?:un)?likely|probabl[ey]|may|might|could|perhaps|possibl[ey]|potential(?:ly)?|in part|partly"
    r"|some (?:argue|observers|estimates|concern)|(?<!not to )suggests?|to the extent|insofar|tends? to"
    r"|not necessarily|not entirely|remains to be seen|reason to (?:expect|be concerned)|one of)\b",
    re.IGNORECASE)
"""Words and phrases by which the paper hedges a sentence."""

PARAPHRASE_HEDGES = re.compile(
    HEDGES.pattern + r"|\b(?:some (?:worry|fear|think|say)|unclear|uncertain|seems?|appears?|whether"
    r"|some reason|at times|some see|expects?|expected|foresees?|argument that)\b", re.IGNORECASE)
"""What counts as keeping a hedge in a paraphrase: the paper's own hedges or a plain-English equivalent."""

CLAIM_HEDGES = re.compile(
    HEDGES.pattern + r"|\b(?:some (?:worry|fear|think|say|see)|unclear|uncertain|seems?|appears?|some reason|at times)\b",
    re.IGNORECASE)
"""How a claim's paraphrase hedges (not "whether", which in a claim often asks no question of its own)."""

NOTE_START = re.compile(r"^\s*\d{1,3}\u3000")
"""A footnote's first line: its number and an ideographic space, as the PDF extraction leaves it."""
URL = re.compile(r"https?://")
SENTENCE_END = re.compile(r"(?<=[.?!])[”’\"]?\d*(?=\s+[“‘\"(]?[A-Z])")
"""A sentence ends at . ? or ! (then perhaps a closing quote and a note marker) before a capital."""
ABBREVIATION = re.compile(r"(?:\bU\.S\.|(?<![A-Za-z])[A-Z]\.)$")
BREAK = "\x00"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_text(source: str, headings: list[str]) -> str:
    """The paper's running text on one line: footnotes dropped, headings turned into breaks.

    A note ends at a blank line unless its last line breaks off mid-citation (no final period),
    as the extraction's notes do when a page turns; a line with a URL outside a note is the
    unnumbered tail of a note.
    """
    heads = {squash(h) for h in headings}
    lines = source.splitlines()
    kept: list[str] = []
    in_note, last, i = False, "", 0
    while i < len(lines):
        line = lines[i]
        if NOTE_START.match(line) or (not in_note and URL.search(line)):
            in_note, last = True, line
        elif in_note:
            if not line.strip():
                in_note = not last.rstrip().endswith(".")
            else:
                last = line
        else:
            span = next((n for n in (3, 2, 1) if squash(" ".join(lines[i:i + n])).rstrip("0123456789") in heads), 0)
            if span:
                kept.append(BREAK)
                i += span
                continue
            kept.append(line)
        i += 1
    return " ".join(" ".join(kept).split(" "))


class SourceSentences:
    """Finds the sentence of the paper in which a quote stands."""

    def __init__(self, source: str, headings: list[str]) -> None:
        self.body = body_text(source, headings)
        self.squashed, self.index = [], []
        for pos, char in enumerate(self.body):
            if not char.isspace():
                self.squashed.append(char)
                self.index.append(pos)
        self.flat = "".join(self.squashed)
        self.ends = sorted({m.end() for m in SENTENCE_END.finditer(self.body)
                            if not ABBREVIATION.search(self.body[:m.start()])}
                           | {m.start() for m in re.finditer(BREAK, self.body)})

    def sentence_of(self, quote: str) -> str | None:
        at = self.flat.find(squash(quote))
        if at < 0:
            return None  # C105 reports a quote the source does not hold
        pos = self.index[at]
        start = max((e for e in self.ends if e <= pos), default=0)
        end = min((e for e in self.ends if e > pos), default=len(self.body))
        sentence = " ".join(self.body[start:end].replace(BREAK, " ").split())
        return re.sub(r"(?<=[.?!”’\"])\d+$", "", sentence)  # the note marker after the full stop


@lru_cache(maxsize=4)
def _sentences(source: str, headings: tuple[str, ...]) -> SourceSentences:
    """Sentences of the paper, found once per text and headings: the live preview checks on every edit,
    and finding them is nine tenths of the check's cost."""
    return SourceSentences(source, list(headings))


def paper_sentences(linked: LinkedReading, source_text: str) -> SourceSentences:
    """The sentences of the paper behind a reading's quotes (cached per text and headings)."""
    r = linked.reading
    headings = [r.meta.title, r.meta.author, *(s.heading or s.title for s in r.sections)]
    return _sentences(source_text, tuple(headings))


def quoted_hedge(claim: Claim, sentences: SourceSentences | None) -> tuple[str, str] | None:
    """The first hedge of a sentence the claim quotes, with that sentence; None if none hedges."""
    for quote in claim.quotes if sentences else ():
        sentence = sentences.sentence_of(quote.text)
        hedge = HEDGES.search(sentence) if sentence else None
        if hedge:
            return hedge.group(0).lower(), sentence
    return None


def hedge_spots(claim: Claim, sentences: SourceSentences | None) -> list[tuple[str, str, int, str]]:
    """Where the claim hedges: (hedge, sentence, end of the hedge in the sentence, whose sentence: "the
    paper" or "the claim") for each hedge of a sentence it quotes, then of its own paraphrase. This is
    what every text resting on the claim must keep (C113)."""
    return list(_spots(sentences, claim.text, tuple(q.text for q in claim.quotes)))


@lru_cache(maxsize=2048)
def _spots(sentences: SourceSentences | None, text: str,
           quotes: tuple[str, ...]) -> tuple[tuple[str, str, int, str], ...]:
    spots: list[tuple[str, str, int, str]] = []
    for quote in quotes if sentences else ():
        sentence = sentences.sentence_of(quote)
        spots += [(m.group(0).lower(), sentence, m.end(), "the paper") for m in HEDGES.finditer(sentence or "")]
    spots += [(m.group(0).lower(), text, m.end(), "the claim") for m in CLAIM_HEDGES.finditer(text)]
    return tuple(spots)


def check_hedges(linked: LinkedReading, source_text: str | None) -> Iterator[Finding]:
    if source_text is None:
        return
    sentences = paper_sentences(linked, source_text)
    for claim in linked.claims.values():
        if PARAPHRASE_HEDGES.search(claim.text):
            continue
        found = quoted_hedge(claim, sentences)
        if found:
            hedge, sentence = found
            yield Finding(F.DROPPED_HEDGE,
                          f"the paraphrase of {claim.id!r} drops the hedge {hedge!r} "
                          f"of the sentence it quotes: {sentence!r}", claim.file, claim.line,
                          "say it as the paper does: keep the hedge, or an equivalent such as "
                          "probably, may, in part or some argue")
