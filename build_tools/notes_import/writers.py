"""Write a draft: BibTeX in bib/'s conventions, note data in notes.yaml's format.

Both files are drafts for the author to review, so each carries its open questions
as comments: a ``% review:`` line above a BibTeX entry, a ``gap`` on a note. The
YAML is written by hand (each string quoted as JSON, which YAML reads) so that the
layout matches notes.yaml: one citation a line, in flow style.
"""

from __future__ import annotations

import json
import re

from .draft import Draft, Work

SIMPLE = re.compile(r"^[a-z][A-Za-z0-9_.-]*$")
VERBATIM = frozenset({"url", "doi", "date", "pages", "entrysubtype"})
"""Fields printed as written; every other field, and the names, pybtex reads as LaTeX."""


def bibtex(draft: Draft, source_name: str, reading: str) -> str:
    """The draft works as BibTeX: UTF-8, no LaTeX escapes, dates ISO, ranges with "--"."""
    out = [comment(line) for line in (
        f"Draft entries imported from {source_name} by `python -m build_tools import-notes`.",
        f"Review each against the notes, then move it into bib/{reading}.bib (named in reading.yaml).",
        "Fields hold only what the notes print; `note` keeps text the importer could not place,",
        "`incomplete` says what the notes do not give. Delete a `% review:` line once settled.",
        "(Outside an entry an at sign would start one for BibTeX, biber and pybtex: comments write it (at).)",
    )]
    previous = None
    for work in draft.works:
        out.append("")
        if work.note != previous:
            out.append(comment(f"--- note {work.note} " + "-" * max(3, 70 - len(str(work.note)))))
            previous = work.note
        out.extend(comment(f"review: {line}") for line in work.review)
        out.append(entry(work))
    return "\n".join(out) + "\n"


def comment(text: str) -> str:
    """A line outside any entry. `%` is no comment there: BibTeX, biber and pybtex skip all text
    outside entries up to the next `@`, which starts an entry wherever it stands. So the line
    carries no `@` (a remark quotes note text, which may hold one), and no line break."""
    return "% " + " ".join(text.replace("@", "(at)").split())


def entry(work: Work) -> str:
    lines = [f"@{work.type}{{{work.key},"]
    for role in ("author", "editor"):
        if work.persons.get(role):
            lines.append(f"  {role} = {{{latex(braced(' and '.join(work.persons[role])))}}},")
    lines.extend(f"  {name} = {{{braced(value) if name in VERBATIM else latex(braced(value))}}},"
                 for name, value in work.ordered_fields())
    lines.append("}")
    return "\n".join(lines)


def latex(value: str) -> str:
    """pybtex reads fields as LaTeX, where % starts a comment: a percent sign is written \\%."""
    return re.sub(r"(?<!\\)%", r"\\%", value)


def braced(value: str) -> str:
    """A field value safe inside {...}: unbalanced braces would end the entry early, and a
    backslash would escape the closing brace (a note's plain text has no LaTeX to keep)."""
    value = value.replace("\\", "")
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    return value if depth == 0 else value.replace("{", "(").replace("}", ")")


def notes_yaml(draft: Draft, source_name: str, schema: str | None = None) -> str:
    """The draft notes in notes.yaml's format, numbered 1 to the last note found."""
    out = [f"# yaml-language-server: $schema={schema}"] if schema else []
    out += [
        f"# Draft notes imported from {source_name} by `python -m build_tools import-notes`.",
        "# Review them against the source, then move them into notes.yaml. Notes the text does",
        "# not hold are `missing`; a note whose text breaks off or lacks a citation's start is",
        "# `partial`, and its gap says what is missing.",
        "footnotes:",
    ]
    for note in draft.notes:
        out.append(f"  - number: {note.number}")
        out.append(f"    status: {note.status}")
        if note.text:
            out.append(f"    text: {quoted(note.text)}")
        if note.gap:
            out.append(f"    gap: {quoted(note.gap)}")
        if note.citations:
            out.append("    citations:")
            for c in note.citations:
                locator = quoted(c.locator) if c.locator is not None else "null"
                out.append(f"      - {{key: {scalar(c.key)}, locator: {locator}, form: {c.form}, "
                           f"short_title: {c.short_title}}}")
    return "\n".join(out) + "\n"


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def scalar(text: str) -> str:
    return text if SIMPLE.match(text) else quoted(text)
