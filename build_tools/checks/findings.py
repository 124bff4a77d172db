"""Findings: what a check reports, with a stable code, a severity and a place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    example: str


CODES: dict[str, Code] = {}


def _code(code: str, name: str, severity: Severity, summary: str, example: str) -> Code:
    CODES[code] = Code(code, name, severity, summary, example)
    return CODES[code]


# Input that cannot be read (exit 2), reported through InputError.
LOAD = _code("L001", "bad-input", Severity.ERROR, "a file cannot be read or does not fit the model (exit 2)",
             "claims/intro.yaml:4: L001 unknown key 'kindd' (did you mean 'kind'?)")
# Content.
DANGLING_ID = _code("C101", "unknown-id", Severity.ERROR, "an id that names nothing",
                    "claims/intro.yaml:12: C101 supports names unknown claim 'thesys' (did you mean 'thesis'?)")
DUPLICATE_ID = _code("C102", "duplicate-id", Severity.ERROR, "two things share one id",
                     "claims/a.yaml:30: C102 claim id 'thesis' is already used at claims/b.yaml:3")
RELATION_KIND = _code("C103", "ungrounded-relation", Severity.ERROR,
                      "a rebuttal that answers no objection, or a relation to itself",
                      "claims/a.yaml:8: C103 'r1' rebuts 'c2', which is a claim, not an objection")
UNLINKED_CLAIM = _code("C104", "unlinked-claim", Severity.WARNING, "a claim that nothing links to the argument",
                       "claims/a.yaml:40: C104 claim 'aside' has no relation to the rest of the argument")
QUOTE_NOT_FOUND = _code("C105", "quote-not-found", Severity.ERROR, "a quote not found verbatim in the source text",
                        "claims/a.yaml:9: C105 quote not found in the source: 'pacing threats'")
RAW_HTML = _code("C106", "raw-html", Severity.ERROR, "raw HTML, script or a javascript: link in content",
                 "claims/a.yaml:9: C106 text contains HTML ('<script')")
UNUSED_TERM = _code("C107", "unused-term", Severity.WARNING, "a glossary term that none of its claims uses",
                    "glossary.yaml:5: C107 term 'A2/AD' appears in none of its claims")
SECTION_ORDER = _code("C108", "section-tree", Severity.ERROR, "a section that is its own ancestor",
                      "sections.yaml:7: C108 section 'a' is its own ancestor")
DROPPED_HEDGE = _code("C109", "dropped-hedge", Severity.WARNING,
                      "a paraphrase with no hedge for a quoted sentence that hedges (likely, may, in part, some argue ...)",
                      "claims/a.yaml:12: C109 the paraphrase of 'x' drops the hedge 'likely' of the sentence it quotes: '...'")
QUIZ_CLAIMS = _code("C110", "quiz-item-claims", Severity.ERROR, "a quiz item that names no claim, or an unknown one",
                    "teaching.yaml:20: C110 self-check item 2 of 'intro' names no claim it tests")
QUIZ_CHOICES = _code("C111", "quiz-choices", Severity.ERROR,
                     "a multiple-choice item without exactly one correct choice",
                     "teaching.yaml:31: C111 self-check item 3 of 'intro' has 2 correct choices, not 1")
UNKNOWN_EXERCISE = _code("C114", "unknown-exercise", Severity.ERROR,
                         "a practice curation (leave_out, pin) naming no exercise of its section, or one twice",
                         "teaching.yaml:40: C114 practice of 'intro' pins unknown exercise 'kind-thesys' (did you mean 'kind-thesis'?)")
# Citations and bibliography.
UNDEFINED_KEY = _code("B201", "undefined-key", Severity.ERROR, "a cited key missing from bib/",
                      "notes.yaml:20: B201 note 3 cites 'smith2020', which no .bib file defines")
UNUSED_ENTRY = _code("B202", "unused-entry", Severity.WARNING, "a bibliography entry that no note cites",
                     "bib/r.bib:40: B202 entry 'doe2019' is never cited")
DUPLICATE_KEY = _code("B203", "duplicate-key", Severity.ERROR, "one key defined twice, in one file or two",
                      "bib/b.bib:3: B203 key 'doe2019' is also defined at bib/a.bib:10")
SAME_WORK = _code("B204", "same-work", Severity.WARNING, "one work entered under two keys",
                  "bib/a.bib:30: B204 'doe2019b' looks like the same work as 'doe2019' (same DOI)")
REQUIRED_FIELD = _code("B205", "missing-field", Severity.ERROR, "a field the entry type needs is missing",
                       "bib/a.bib:3: B205 @article 'doe2019' has no 'journal'")
MALFORMED = _code("B206", "malformed-field", Severity.ERROR, "a malformed DOI, URL, ISBN, year, date or page range",
                  "bib/a.bib:8: B206 'pages' of 'doe2019' runs backwards: 64--43")
URL_DATE = _code("B207", "url-date-mismatch", Severity.WARNING, "an entry's date disagrees with a date in its URL",
                 "bib/a.bib:8: B207 date 2024-07-24 of 'x' disagrees with 2023-05-11 in its URL")
ORPHAN_SHORT = _code("B208", "short-before-full", Severity.ERROR, "a short-form citation with no full citation earlier",
                     "notes.yaml:50: B208 note 8 gives 'x' in short form but no earlier note gives it in full")
UNKNOWN_TYPE = _code("B209", "unknown-entry-type", Severity.ERROR,
                     "an entry type the Chicago style does not know (it would print as @misc)",
                     "bib/a.bib:3: B209 @artcle 'doe2019' is not an entry type this site knows (did you mean @article?)")
NOTE_NUMBERING = _code("F301", "note-numbering", Severity.ERROR, "footnote numbers that skip or repeat",
                       "notes.yaml:90: F301 note 12 follows note 10: note 11 is missing")
MARKER_NO_NOTE = _code("F302", "marker-without-note", Severity.ERROR, "a marker in content with no note data",
                       "claims/a.yaml:12: F302 marker 54 has no entry in notes.yaml")
NOTE_NO_MARKER = _code("F303", "note-without-marker", Severity.ERROR, "note data whose marker is in no claim, or in two",
                       "notes.yaml:80: F303 note 12 has no marker in any claim")
# Recorded gaps: information, not errors.
GAP_NOTE = _code("I401", "note-gap", Severity.INFO, "a note missing or cut off in the source copy (recorded as data)",
                 "notes.yaml:3: I401 note 2 is missing from the source copy")
GAP_ENTRY = _code("I402", "incomplete-entry", Severity.INFO, "an entry recorded as incomplete",
                  "bib/a.bib:200: I402 entry 'matsuda' is incomplete: only the short form survives")


@dataclass(frozen=True)
class Finding:
    code: Code
    message: str
    file: Path | None = None
    line: int | None = None
    hint: str | None = None

    @property
    def severity(self) -> Severity:
        return self.code.severity

    @property
    def where(self) -> str:
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else str(self.file)

    def sort_key(self) -> tuple:
        return (str(self.file or ""), self.line or 0, self.code.code, self.message)
