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


_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _in_words(number: int) -> str:
    """A note number in words: 46 -> "forty-six" (up to 999; larger numbers stay digits)."""
    if not 0 <= number < 1000:
        return str(number)
    if number >= 100:
        rest = number % 100
        return _ONES[number // 100] + " hundred" + (" " + _in_words(rest) if rest else "")
    if number < 20:
        return _ONES[number]
    return _TENS[number // 10] + ("-" + _ONES[number % 10] if number % 10 else "")


class NoteFormatter:
    """Chicago notes and entries from the citation index, as runs."""

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
            # The site's sense ("The text of this note is not available"), with the note's own
            # number, also in words: no two such notes at the feet of pages read alike, even to a
            # checker that drops digits when it looks for running footers (outloud's PAG-001).
            return Note(number, [Run(f"The text of note {number} ({_in_words(number)}) is not available in the "
                                     "copy of the paper this course uses.", em=True)], "missing")
        runs = markdown_runs(chicago.format_note(footnote, self.linked.sources, "markdown"))
        if footnote.status == "partial":
            gap = (footnote.gap or "part of the note is illegible").rstrip(".")
            runs.append(Run(f" [Partial in the source copy: {gap}.]", em=True))
        return Note(number, runs, footnote.status)

    def _entry(self, source: Any) -> list[Run]:
        from .. import chicago

        return markdown_runs(chicago.format_bibliography_entry(source, "markdown"))
