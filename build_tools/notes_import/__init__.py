"""Draft a reading's notes.yaml and BibTeX from the paper's footnotes as plain text.

    read_notes        tokenizer.py   notes text -> numbered notes, PDF lines joined
    split_citations   splitter.py    a note -> its citations ("; " at citation boundaries)
    parse_citation    parsers.py     a citation -> form, type and fields (grammar pieces: pieces.py)
    WorkIndex         linker.py      keys; short forms linked to their earlier full citation
    bibtex, notes_yaml writers.py    the draft files

The import never completes a reference: what a note does not print stays out, what
the parsers cannot place is kept in a ``note`` field, and every doubt is a Problem
that the command prints on stderr and the drafts carry as comments.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError, Location
from ..yamlsource import read_text
from .draft import Draft, DraftNote, Problem, Work
from .linker import WorkIndex
from .parsers import parse_citation
from .splitter import split_citations
from .tokenizer import RawNote, read_notes
from .writers import bibtex, notes_yaml

__all__ = ["Draft", "DraftNote", "Problem", "Work", "bibtex", "import_notes", "notes_yaml", "read_notes", "write_drafts"]


def import_notes(text: str) -> Draft:
    """Every note of ``text`` as draft note data and draft works, with the problems found."""
    raw = read_notes(text)
    index = WorkIndex()
    problems: list[Problem] = []
    by_number: dict[int, DraftNote] = {}
    for note in raw:
        if note.number is None:
            problems.append(Problem(note.line, None, f"unnumbered text that fits no gap between notes, left out: "
                                                     f"“{_clip(note.text)}”"))
            continue
        if note.number in by_number:
            problems.append(Problem(note.line, note.number, "a second note with this number, left out"))
            continue
        by_number[note.number] = _draft_note(note, index, problems)
    problems.extend(index.problems)
    for work in index.works:
        line = next((n.line for n in by_number.values() if n.number == work.note), None)
        problems.extend(Problem(line, work.note, f"{work.key}: {r}") for r in work.review)
        if work.leftover:
            problems.append(Problem(line, work.note, f"{work.key}: could not place “{'; '.join(work.leftover)}” "
                                                     "(kept in its note field)"))
    notes = []
    for number in range(1, max(by_number, default=0) + 1):
        if number in by_number:
            notes.append(by_number[number])
        else:
            notes.append(DraftNote(number, "missing", gap=f"No note numbered {number} in the imported text."))
            problems.append(Problem(None, number, "no text for this note: recorded as missing"))
    problems.sort(key=lambda p: (p.note or 0, p.line or 0))
    return Draft(index.works, notes, problems)


def _draft_note(note: RawNote, index: WorkIndex, problems: list[Problem]) -> DraftNote:
    draft = DraftNote(note.number or 0, "complete", note.text, line=note.line)
    gaps = []
    if note.fragment:
        gaps.append(f"Only an unnumbered fragment survives; it is taken as note {note.number} because it "
                    f"stands between notes {note.number - 1} and {note.number + 1}, and its start is missing.")
    if not note.text.rstrip().endswith((".", "?", "!", "”", "’", ")")):
        gaps.append(f"The note breaks off after “{_clip(note.text, tail=True)}”: the rest is missing.")
    for part in split_citations(note.text):
        parsed = parse_citation(part)
        cited = index.cite(parsed, draft.number, note.line)
        if cited is not None:
            draft.citations.append(cited)
        if parsed.form != "full":  # a full citation's doubts travel with its work
            problems.extend(Problem(note.line, draft.number, r) for r in parsed.review)
            if parsed.leftover:
                problems.append(Problem(note.line, draft.number, f"could not place “{'; '.join(parsed.leftover)}”"))
        if parsed.incomplete and not note.fragment and "breaks off" not in parsed.incomplete:
            gaps.append(f"In “{_clip(part)}”, {parsed.incomplete}.")
    if gaps:
        draft.status, draft.gap = "partial", " ".join(gaps)
        problems.append(Problem(note.line, draft.number, "recorded as partial: " + draft.gap))
    return draft


def _clip(text: str, tail: bool = False, width: int = 60) -> str:
    if len(text) <= width:
        return text
    return "…" + text[-width:].lstrip() if tail else text[:width].rstrip() + "…"


def write_drafts(root: Path, notes_file: Path, reading: str, out: Path | None = None) -> tuple[Draft, Path, Path]:
    """Import ``notes_file`` and write bib/<reading>.draft.bib and content/<reading>/notes.draft.yaml
    (or both into ``out``). Raises InputError when the file cannot be read or holds no note."""
    text = read_text(notes_file)
    draft = import_notes(text)
    if not any(n.status != "missing" for n in draft.notes):
        raise InputError(Location(notes_file, 1), "no footnote found",
                         "each note starts on its own line with its number and an ideographic space (U+3000)")
    if out is None:
        folder = root / "content" / reading
        if not folder.is_dir():
            raise InputError(Location(folder), "no such reading folder",
                             f"run `python -m build_tools new {reading}` first, or give --out DIR")
        bib_path, notes_path = root / "bib" / f"{reading}.draft.bib", folder / "notes.draft.yaml"
    else:
        bib_path, notes_path = out / f"{reading}.draft.bib", out / "notes.draft.yaml"
    notes_path.parent.mkdir(parents=True, exist_ok=True)
    bib_path.parent.mkdir(parents=True, exist_ok=True)
    schema = os.path.relpath(root / "schemas" / "notes.schema.json", notes_path.parent.resolve())
    bib_path.write_text(bibtex(draft, notes_file.name, reading), encoding="utf-8")
    notes_path.write_text(notes_yaml(draft, notes_file.name, Path(schema).as_posix()), encoding="utf-8")
    return draft, bib_path, notes_path
