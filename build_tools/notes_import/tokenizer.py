"""Notes text -> one RawNote per footnote: numbers found, PDF lines joined.

A note starts on a line with its number and an ideographic space (U+3000), often
followed by a replacement character (U+FFFD) that the PDF extraction left behind.
Lines after it continue the note. A blank line ends nothing by itself (the copy
breaks notes across blank lines), but an unnumbered block after a blank line that
follows a finished note is a fragment: the tail of a note whose number was lost.

Lines are joined as the extraction marks them: a line ending in a space continues
with a space; a line ending inside a URL or after a hyphen continues with none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = re.compile(r"^\s*(\d{1,4})\u3000[\ufffd\s]*")
URL_START = re.compile(r"https?://", re.IGNORECASE)
ABBREVIATIONS = frozenset({
    "al", "app", "chap", "chaps", "co", "corp", "dr", "ed", "eds", "fig", "figs", "inc", "jr", "mr", "mrs",
    "ms", "n", "nn", "no", "nos", "p", "para", "paras", "pp", "repr", "rev", "sec", "secs", "sr", "st",
    "trans", "vol", "vols",
})
"""Words whose period does not end a sentence, so a line ending in one does not end a note."""


@dataclass(frozen=True)
class RawNote:
    """One footnote as found: its number (None for a fragment that could not be placed)."""

    number: int | None
    text: str
    line: int
    """Line of the input where the note (or fragment) starts, counting from 1."""
    fragment: bool = False
    """True for an unnumbered fragment; its number, if any, is inferred from its neighbours."""


def read_notes(text: str) -> list[RawNote]:
    """Every note and fragment of ``text``, in input order; fragments placed where they can be."""
    blocks: list[tuple[int | None, int, list[str]]] = []
    blank_before = False
    for index, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if not line.strip():
            blank_before = True
            continue
        m = NUMBER.match(line)
        if m:
            blocks.append((int(m.group(1)), index, [line[m.end():]]))
        elif blocks and not (blank_before and ends_note(blocks[-1][2][-1])):
            blocks[-1][2].append(line)
        else:
            blocks.append((None, index, [line.lstrip()]))
        blank_before = False
    notes = [RawNote(number, join_lines(lines), line, number is None) for number, line, lines in blocks]
    return _place_fragments(notes)


def _place_fragments(notes: list[RawNote]) -> list[RawNote]:
    """A fragment between notes n and n+2 is taken as note n+1; any other stays unnumbered."""
    placed = []
    for i, note in enumerate(notes):
        if note.fragment:
            before = next((n.number for n in reversed(notes[:i]) if n.number is not None), None)
            after = next((n.number for n in notes[i + 1:] if n.number is not None), None)
            if before is not None and after == before + 2:
                note = RawNote(before + 1, note.text, note.line, fragment=True)
        placed.append(note)
    return placed


def join_lines(lines: list[str]) -> str:
    """PDF lines as one string: a space where the line ended in one, none inside a URL or after a hyphen."""
    out, previous = "", ""
    for line in lines:
        if out:
            out += "" if _glued(previous, out) else " "
        out += line.strip()
        previous = line
    return re.sub(r"[ \t]{2,}", " ", out)


def _glued(raw_line: str, joined: str) -> bool:
    """True when the next line continues the word or URL that ``raw_line`` broke off."""
    if raw_line != raw_line.rstrip():
        return False  # the extraction kept the space at the line end
    return joined.endswith(("-", "/")) or in_url(joined)


def in_url(text: str) -> bool:
    """True when ``text`` ends inside a URL (its last word starts one)."""
    last = text.rstrip().rsplit(" ", 1)[-1]
    return bool(URL_START.match(last)) or last.startswith("doi.org/") or last.startswith("www.")


def ends_note(line: str) -> bool:
    """True when a line ends the way a note ends: a full stop (or ? or !) that is not an
    abbreviation's, an initial's or part of a URL broken off at a dot."""
    text = line.rstrip().rstrip("”’)\"'")
    if not text or text[-1] not in ".?!":
        return False
    last = text.rsplit(" ", 1)[-1]
    if URL_START.match(last):
        return "/" in URL_START.sub("", last, count=1)  # "https://thehill." breaks off in the host name
    word = last.rstrip(".").lstrip("(“‘\"'").lower()
    if word in ABBREVIATIONS:
        return False
    return not re.fullmatch(r"(?:[A-Z]\.)+", last)  # an initial: "James C." continues on the next line
