"""Read a BibTeX file into Source models, reporting every broken block at once.

The .bib files are written in UTF-8 with no LaTeX escapes, so nothing is decoded
here: fields keep their braces and commands as written (only the outer braces or
quotes go), and the Chicago style decides what to print. bibtexparser's LaTeX
decoding middleware is left out on purpose: it is slow and would change the text
that the notes' round trip compares.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import bibtexparser
from bibtexparser import model as bm
from bibtexparser.exceptions import BlockAbortedException

from .errors import InputError, InputErrors, Location
from .model import Source
from .yamlsource import read_text

KEY_RE = re.compile(r"@\w+\s*[{(]\s*([^,\s{}()=\"#%]+)")
AND = re.compile(r"\s+and\s+", re.IGNORECASE)
PERSON_ROLES = ("author", "editor")
"""Fields that hold name lists ("Last, First and Last, First"); they go to Source.persons."""

# bibtexparser logs each failed block; we report them as InputErrors instead, so its
# messages must not also reach stderr through logging's last-resort handler.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


def load_bibliography(path: Path) -> list[Source]:
    """Every entry of one .bib file, in file order; raise InputErrors listing all failed blocks."""
    text = read_text(path)
    library = bibtexparser.parse_string(text)  # default stack: @string references, outer braces off
    errors = [_error(path, block) for block in library.failed_blocks]
    sources: list[Source] = []
    for entry in library.entries:
        try:
            sources.append(_source(path, entry))
        except InputError as exc:
            errors.append(exc)
    if errors:
        errors.sort(key=lambda e: e.location.line or 0)
        raise InputErrors(errors)
    return sources


def _line(block: bm.Block) -> int | None:
    # bibtexparser counts lines from 0; editors and our messages count from 1.
    return block.start_line + 1 if block.start_line is not None else None


def _source(path: Path, entry: bm.Entry) -> Source:
    fields: dict[str, str] = {}
    persons: dict[str, list[str]] = {}
    for fld in entry.fields:
        name = fld.key.lower()
        if not isinstance(fld.value, str):
            raise InputError(
                Location(path, fld.start_line + 1 if fld.start_line is not None else _line(entry), entry.key),
                f"field {name!r} has a value that is not text", "enclose the value in braces",
            )
        if name in PERSON_ROLES:
            persons[name] = split_names(fld.value)
        else:
            fields[name] = fld.value.strip()
    return Source(key=entry.key, type=entry.entry_type.lower(), fields=fields, persons=persons,
                  file=path, line=_line(entry))


def split_names(value: str) -> list[str]:
    """ "Harman, Jane and others" -> ["Harman, Jane", "others"]; an "and" inside braces
    ("{Barnes and Noble}") belongs to a name. Runs of spaces inside a name become one."""
    names, depth, start, i = [], 0, 0, 0
    while i < len(value):
        char = value[i]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and (m := AND.match(value, i)):
            names.append(value[start:i])
            start = i = m.end()
            continue
        i += 1
    names.append(value[start:])
    return [" ".join(name.split()) for name in names if name.strip()]


def _error(path: Path, block: bm.ParsingFailedBlock) -> InputError:
    """One failed block as an InputError with file, line, key and a fix hint."""
    if isinstance(block, bm.DuplicateBlockKeyBlock):
        prev = _line(block.previous_block)
        return InputError(
            Location(path, _line(block), block.key),
            f"entry key {block.key!r} is already used at line {prev}",
            "rename one of the two entries (and the citations that mean it), or delete the duplicate",
        )
    if isinstance(block, bm.DuplicateFieldKeyBlock):
        inner = block.ignore_error_block
        keys = ", ".join(sorted(block.duplicate_keys))
        return InputError(
            Location(path, _line(block), getattr(inner, "key", None)),
            f"field(s) {keys} appear twice in the same entry", "keep one value for each field",
        )
    reason = block.error.abort_reason if isinstance(block.error, BlockAbortedException) else str(block.error)
    first = (block.raw or "").strip().splitlines()[:1]
    return InputError(
        Location(path, _line(block), _guess_key(first[0]) if first else None),
        f"BibTeX block could not be parsed: {reason.strip() or type(block.error).__name__}",
        "check the braces, the comma after the key and the commas between fields of this entry",
    )


def _guess_key(first_line: str) -> str | None:
    """The key of a broken '@type{key,' line, when it can still be read."""
    m = KEY_RE.match(first_line)
    return m.group(1) if m else None
