"""The paper's notes and works cited as runs of text for the handout template.

The Chicago style writes Markdown (backslash escapes and *italics*); a handout needs the same
words as data: each run is plain text, italic or a URL, and the template decides how each looks.
Nothing is re-formatted here: the words are the style's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..linker import LinkedReading
from ..model import Footnote
from ..page_text import claim_title


@dataclass(frozen=True)
class Run:
    text: str
    em: bool = False
    url: bool = False


@dataclass(frozen=True)
class Note:
    number: int
    runs: list[Run]
    status: str


_TOKEN = re.compile(r"\\(.)|(\*)|(https?://[^\s<>]+[^\s<>.,;:)])")


def markdown_runs(text: str) -> list[Run]:
    """The formatter's Markdown (backslash escapes, *italics*) as runs; URLs become their own runs."""
    runs: list[Run] = []
    emphasis, last, buffer = False, 0, []

    def flush() -> None:
        if buffer:
            runs.append(Run("".join(buffer), em=emphasis))
            buffer.clear()

    for match in _TOKEN.finditer(text):
        buffer.append(text[last:match.start()])
        last = match.end()
        if match.group(1) is not None:
            buffer.append(match.group(1))
        elif match.group(2):
            flush()
            emphasis = not emphasis
        else:
            flush()
            runs.append(Run(match.group(3), em=emphasis, url=True))
    buffer.append(text[last:])
    flush()
    return [run for run in runs if run.text]


class NoteFormatter:
    """Chicago notes and entries from the citation index, as runs."""

    def _missing(self, number: int) -> str:
        """The site's sense ("The text of this note is not available"), with where the note is
        called: the student finds the place, and no two such notes at the feet of pages read
        alike (a checker that drops digits would take identical lines for a running footer)."""
        claim = self.linked.note_claim.get(number)
        where = f"its call is on the claim: {claim_title(self.linked.claims[claim], 60)}" if claim else None
        if where is None and number in self.linked.reading.meta.footnotes:
            where = "its call is on the author's name"
        said = f"The text of note {number} is not available in this course's copy of the paper"
        return f"{said} ({where})." if where else f"{said}."

    def __init__(self, linked: LinkedReading) -> None:
        self.linked = linked
        self._notes: dict[int, Note] = {}
        self._entries: dict[str, list[Run]] = {}

    def note(self, number: int) -> Note:
        if number not in self._notes:
            self._notes[number] = self._note(number)
        return self._notes[number]

    def entry(self, source: Any) -> list[Run]:
        if source.key not in self._entries:
            self._entries[source.key] = self._entry(source)
        return self._entries[source.key]

    def _note(self, number: int) -> Note:
        from .. import chicago

        footnote: Footnote | None = self.linked.footnotes.get(number)
        if footnote is None or footnote.status == "missing":
            return Note(number, [Run(self._missing(number), em=True)], "missing")
        runs = markdown_runs(chicago.format_note(footnote, self.linked.sources, "markdown"))
        if footnote.status == "partial":  # as the site says it; the editor's gap is for authors
            runs.append(Run(" The rest of this note is not available.", em=True))
        return Note(number, runs, footnote.status)

    def _entry(self, source: Any) -> list[Run]:
        from .. import chicago

        return markdown_runs(chicago.format_bibliography_entry(source, "markdown"))
