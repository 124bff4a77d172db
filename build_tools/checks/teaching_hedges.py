"""C113: a text of the teaching layer that states as fact what its claims only hedge.

Model answers, questions, objectives, activities, lesson notes, map titles and descriptions,
glossary definitions, actors, timeline events and figures all rest on claims: the claims they
name (a map: its conclusion and selection; a discussion question: the claims of its lesson note;
an objective, an activity or a lesson step: the claims of its section). A sentence of such a text
restates a claim when most of its distinctive words are that claim's (paraphrase and quotes,
words weighted by how rare they are among the reading's claims). If the claim hedges (a quoted
sentence of the paper does, or the claim's own paraphrase: C109's hedges) and the sentence that
restates it carries no hedge, the text has dropped it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..linker import LinkedReading
from ..maps.select import select_claims
from ..model import Claim, Located
from . import findings as F
from .findings import Finding
from .hedges import PARAPHRASE_HEDGES, SourceSentences, hedge_spots, paper_sentences

WORD = re.compile(r"[a-z0-9][a-z0-9%.'’-]*[a-z0-9%]|[a-z0-9]")
STOP = frozenset("""
a about above after again against all also although an and any are as at be because been before being
both but by can did do does doing during each for from further had has have having he her here his how
i if in into is it its itself just more most no nor not of off on once only or other our out over own
same she should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
paper paper's author author's students student according say says said give gives given name names
explain describe identify state list one two three first second third four finally also each
much other
""".split())
"""Words that say nothing of a claim's content (and the teaching layer's own vocabulary)."""

SENTENCE = re.compile(r"(?<=[.?!;])(?<!U\.S\.)\s+")
"""A text's sentences (and clauses after a semicolon): "U.S." ends none."""
ASSERTS = re.compile(
    r"\b(?:is|are|was|were|be|been|will|would|has|have|had|can|could|may|might|must|should|does|do|did"
    r"|makes?|made|keeps?|kept|holds?|tends?|stays?|leads?|draws?|gives?|binds?|drives?|matters?"
    r"|falls?|tilts?|skews?|pushe[sd]|sees?|says?|said|stresses|argues?|shows?|calls?|feared|fears|band"
    r"|comes?|remains?|raises?|lowers?|prevents?|deters?|hobbles?|limits)\b", re.IGNORECASE)
"""A verb, roughly: a sentence without one (a title, a heading, a noun phrase) asserts nothing."""
ASKS_FOR_WORDS = re.compile(
    r"^\s*(?:how|what) (?:does|do|did) the (?:paper|author|reading)\b[^?]*\b(?:describe|say|call|characteri[sz]e"
    r"|report|put)\b[^?]*\?\s*$", re.IGNORECASE)
"""A question that asks how the paper puts something ("How does the paper describe trade's place in ...?")
asserts nothing of its own: the hedge belongs in the answer it asks for."""
MIN_SHARED = 3
"""A sentence must share at least this many content words with the claim it restates..."""
MIN_SHARE = 0.5
"""...and at least this share of its own content, weighted by rarity, must be the claim's."""
SCOPE = 15
"""A hedge governs the words after it up to the end of its clause, at most this many: the text must
restate some of them (three, or all if fewer)."""
CLAUSE_END = re.compile(r"[,;:—–()]")
CAN = re.compile(r"\bcan\b", re.IGNORECASE)


def stem(word: str) -> str:
    """A crude stem: enough to match 'deterring' with 'deter', 'claims' with 'claim', 'stays' with 'stay'."""
    word = word.strip("'’.").removesuffix("'s").removesuffix("’s")
    return (word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)[:6]


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """A text's content words, stemmed (kept between runs: the live preview checks on every edit)."""
    return frozenset(stem(w) for w in WORD.findall(text.lower()) if w not in STOP and len(w) > 2)


@dataclass(frozen=True)
class TeachingText:
    """One text a student or instructor reads, and the claims it rests on."""

    what: str
    text: str
    claims: tuple[str, ...]
    file: Path | None
    line: int | None
    """The line of the mapping that holds the text; a finding gives the text's own line (``line_of``)."""


@dataclass(frozen=True)
class ClaimWords:
    """What the check knows of a claim: its content words and where it hedges (each hedge with the
    content words it governs)."""

    words: frozenset[str]
    hedges: tuple[tuple[str, str, frozenset[str]], ...]
    """(hedge, whose sentence it is and the sentence, the content words the hedge governs)."""


def check_teaching_hedges(linked: LinkedReading, source_text: str | None) -> Iterator[Finding]:
    sentences = paper_sentences(linked, source_text) if source_text is not None else None
    known = {cid: _claim_words(c, sentences) for cid, c in linked.claims.items()}
    frequency = Counter(w for k in known.values() for w in k.words)
    weight = {w: math.log((1 + len(known)) / (1 + n)) + 1 for w, n in frequency.items()}
    for item in teaching_texts(linked):
        reported: set[str] = set()
        for sentence in _sentences_of(item.text):
            if PARAPHRASE_HEDGES.search(sentence) or not ASSERTS.search(sentence) or ASKS_FOR_WORDS.match(sentence):
                continue
            words = content_words(sentence)
            found = next(((cid, d) for cid in _restated(words, item.claims, known, weight)
                          if cid not in reported and (d := _dropped(sentence, words, known[cid]))), None)
            if found:
                cid, dropped = found
                reported.add(cid)
                yield Finding(F.TEACHING_HEDGE,
                              f"{item.what} restates {cid!r} without its hedge {dropped[0]!r}: "
                              f"{sentence.strip()!r}; {dropped[1]}",
                              item.file, line_of(item.file, item.line, item.text),
                              "keep the claim's hedge (likely, may, in part, some argue, one of ...) "
                              "or an equivalent such as probably, the paper expects, some say")


@lru_cache(maxsize=4096)
def _sentences_of(text: str) -> list[str]:
    return SENTENCE.split(text)


def _claim_words(claim: Claim, sentences: SourceSentences | None) -> ClaimWords:
    words = content_words(" ".join([claim.text, *(q.text for q in claim.quotes)]))
    spots = tuple((hedge, f"{whose}: {sentence!r}", frozenset(content_words(_scope(sentence[end:]))))
                  for hedge, sentence, end, whose in hedge_spots(claim, sentences))
    return ClaimWords(frozenset(words), spots)


def _scope(after: str) -> str:
    return " ".join(CLAUSE_END.split(after, maxsplit=1)[0].split()[:SCOPE])


def _dropped(sentence: str, words: frozenset[str], claim: ClaimWords) -> tuple[str, str] | None:
    """The claim's hedge (and its sentence) whose scope the sentence (of these words) restates, if any."""
    for hedge, said, scope in claim.hedges:
        if hedge == "could" and CAN.search(sentence):
            continue  # the paper's "could" of what a weapon could do is kept by "can"
        if scope and len(words & scope) >= min(3, len(scope), max(1, len(words) - 1)):
            return hedge, said
    return None


def _restated(words: frozenset[str], candidates: tuple[str, ...], known: dict[str, ClaimWords],
              weight: dict[str, float]) -> list[str]:
    """The candidate claims a sentence of these words restates, the likeliest first: those with at least
    three of its words (or all of a short one) that make up at least half of it, weighted by rarity."""
    total = sum(weight.get(w, 2.0) for w in words)
    scored = []
    for cid in candidates:
        if cid not in known or not known[cid].hedges:
            continue  # an unknown id is C101's or C110's; a claim that does not hedge has nothing to drop
        shared = words & known[cid].words
        share = sum(weight[w] for w in shared) / total if total else 0.0
        if (len(shared) >= MIN_SHARED or len(shared) == len(words) >= 2) and share >= MIN_SHARE:
            scored.append((-share, cid))
    return [cid for _, cid in sorted(scored)]


def teaching_texts(linked: LinkedReading) -> Iterator[TeachingText]:
    """Every text of the teaching layer with the claims it rests on, in file order."""
    r = linked.reading

    def section_claims(section: str) -> tuple[str, ...]:
        # subsections too: a section's objectives and activity may preview its subsections
        return tuple(c for c in linked.claims if section in _ancestry(linked, linked.section_of[c]))

    for t in r.teaching:
        own = section_claims(t.section)
        notes = {n.question: tuple(n.claims) for lesson in r.lessons if lesson.section == t.section
                 for n in lesson.discussion_notes}
        for i, objective in enumerate(t.objectives, 1):
            yield _text(t, f"objective {i} of {t.section!r}", objective, own)
        for i, question in enumerate(t.discussion, 1):
            yield _text(t, f"discussion question {i} of {t.section!r}", question, notes.get(i, own))
        for i, item in enumerate(t.self_check, 1):
            claims = tuple(item.claims)
            yield _text(item, f"self-check question {i} of {t.section!r}", item.question, claims)
            yield _text(item, f"self-check answer {i} of {t.section!r}", item.answer, claims)
            for choice in item.choices:
                if choice.correct:  # distractors are wrong by design; the right one must keep the hedge
                    yield _text(choice, f"the correct choice of self-check {i} of {t.section!r}", choice.text, claims)
        if t.activity:
            yield _text(t, f"the activity of {t.section!r}", t.activity, own)
    for lesson in r.lessons:
        own = section_claims(lesson.section)
        for step in lesson.plan:
            yield _text(step, f"a lesson step of {lesson.section!r}", step.step, own)
        for note in lesson.discussion_notes:
            yield _text(note, f"the note on discussion question {note.question} of {lesson.section!r}",
                      note.listen_for, tuple(note.claims))
        if lesson.activity:
            for role in lesson.activity.roles:
                yield _text(role, f"an activity role of {lesson.section!r}", role.task, own)
            for step in lesson.activity.steps:
                yield _text(step, f"an activity step of {lesson.section!r}", step.step, own)
    for view in r.maps:
        shown = tuple(select_claims(linked, view))
        yield _text(view, f"the title of map {view.id!r}", view.title, shown)
        yield _text(view, f"the description of map {view.id!r}", view.description, shown)
    for term in r.terms:
        yield _text(term, f"the definition of {term.term!r}", term.definition, tuple(term.claims))
    for actor in r.actors:
        yield _text(actor, f"the description of {actor.name!r}", actor.description, tuple(actor.claims))
    for event in r.events:
        yield _text(event, f"the event {event.id!r}", event.event, tuple(event.claims))
    for figure in r.figures:
        yield _text(figure, f"the figure {figure.id!r}", figure.description, tuple(figure.claims))


def _ancestry(linked: LinkedReading, section: str) -> set[str]:
    seen = {section}  # a claim file for no section is C108's to report: it has no ancestry here
    while section in linked.sections and (parent := linked.sections[section].parent) in linked.sections \
            and parent not in seen:
        seen.add(section := parent)
    return seen


def _text(owner: Located, what: str, text: str, claims: tuple[str, ...]) -> TeachingText:
    return TeachingText(what, text, claims, owner.file, owner.line)


def line_of(file: Path | None, start: int | None, text: str) -> int | None:
    """The line, at or after ``start``, where ``text`` begins (the owner's line if not found): a YAML
    list of strings keeps no line per item, and a mapping's line is that of its first key."""
    if file is None or start is None:
        return start
    head = " ".join(text.split()[:4])
    try:
        stat = file.stat()
    except OSError:  # gone since it was loaded (an editor saving it): the owner's line will do
        return start
    for number, line in enumerate(_lines(file, stat.st_mtime_ns, stat.st_size)[start - 1:], start):
        if head and head in " ".join(line.replace("''", "'").split()):
            return number
    return start


@lru_cache(maxsize=32)
def _lines(file: Path, mtime_ns: int, size: int) -> tuple[str, ...]:
    """A file's lines, read once per version of the file (the preview checks on every edit)."""
    return tuple(file.read_text(encoding="utf-8").splitlines())
