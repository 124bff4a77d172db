"""Read a BibTeX file into Source models, reporting every broken block at once.

The .bib files are written in UTF-8 with no LaTeX escapes, so nothing is decoded
here: fields keep their braces and commands as written (only the outer braces or
quotes go), and the Chicago style decides what to print. bibtexparser's LaTeX
decoding middleware is left out on purpose: it is slow and would change the text
that the notes' round trip compares.

What bibtexparser accepts but would lose or garble is refused here, with its line:
a missing comma (two fields run together), a value in no braces, an entry closed
early by a '}' too many, an empty name in a name list, and any value or name that
pybtex cannot read as LaTeX (the Chicago style would fail on it).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import bibtexparser
from bibtexparser import model as bm
from bibtexparser.exceptions import BlockAbortedException
from pybtex.database import Person
from pybtex.exceptions import PybtexError

from .errors import InputError, InputErrors, Location
from .latex import latex_problem
from .model import Source
from .yamlsource import parse_once, read_text

KEY_RE = re.compile(r"@\w+\s*[{(]\s*([^,\s{}()=\"#%]+)")
PERSON_ROLES = ("author", "editor")
"""Fields that hold name lists ("Last, First and Last, First"); they go to Source.persons."""
RAW_FIELDS = {"url", "doi"}
"""Fields the Chicago style prints as written; every other field is read as LaTeX by pybtex."""
MISSING_COMMA = re.compile(r"[}\"]\s*([A-Za-z][\w-]*)\s*=")
FIELD_LIKE = re.compile(r"^\s*[A-Za-z][\w-]*\s*=|[{}]", re.MULTILINE)

# bibtexparser logs each failed block; we report them as InputErrors instead, so its
# messages must not also reach stderr through logging's last-resort handler.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


def load_bibliography(path: Path) -> list[Source]:
    """Every entry of one .bib file, in file order; raise InputErrors listing all failed blocks."""
    return list(parse_once("bib", path, read_text(path), lambda text: _parse_bibliography(path, text)))


def _parse_bibliography(path: Path, text: str) -> list[Source]:
    library = bibtexparser.parse_string(text)  # default stack: @string references, outer braces off
    errors = [_error(path, block) for block in library.failed_blocks]
    errors += _stray_text(path, library.blocks)
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
    if not entry.key.strip():
        raise InputError(Location(path, _line(entry)), f"@{entry.entry_type} entry has no key",
                         "write a key after the brace, as in @book{smith2001spans,")
    for fld in entry.fields:
        name = fld.key.lower()
        where = Location(path, fld.start_line + 1 if fld.start_line is not None else _line(entry), entry.key)
        if not name.strip():
            raise InputError(where, f"a field of {entry.key!r} has no name", "write the field name before the '='")
        if not isinstance(fld.value, str):
            raise InputError(where, f"field {name!r} has a value that is not text", "enclose the value in braces")
        if fld.enclosing == "no-enclosing" and not fld.value.strip().isdigit():
            raise _unenclosed(where, name, fld.value)
        if name in PERSON_ROLES:
            persons[name] = _names(where, name, fld.value)
        else:
            value = fld.value.strip()
            if name not in RAW_FIELDS and (problem := latex_problem(value)):
                raise InputError(where, f"field {name!r} of {entry.key!r} {problem}", _LATEX_HINT)
            fields[name] = value
    return Source(key=entry.key, type=entry.entry_type.lower(), fields=fields, persons=persons,
                  file=path, line=_line(entry))


_LATEX_HINT = "pair every '{' with a '}', and write a backslash that ends the value as {\\textbackslash}"


def _unenclosed(where: Location, name: str, value: str) -> InputError:
    """A value that bibtexparser kept as written because it is not one {braced} or "quoted" text."""
    if m := MISSING_COMMA.search(value):
        return InputError(where, f"a comma is missing between field {name!r} and field {m.group(1)!r}",
                          f"end the {name} line with a comma")
    if "#" in value:
        return InputError(where, f"field {name!r} joins values with '#', which this project does not read",
                          "write the whole value in one pair of braces")
    return InputError(where, f"field {name!r} is {value.strip()!r}, which is neither in braces nor a defined @string",
                      "enclose the value in braces, as in title = {...}")


def _names(where: Location, role: str, value: str) -> list[str]:
    """The names of a name list, each one a name pybtex can read; an empty name is an error."""
    names = split_names(value)
    if not names:
        raise InputError(where, f"{role} of {where.key!r} is empty",
                         f"write the names as 'Last, First and Last, First', or remove the {role} field")
    if len(names) != len(_name_parts(value)):
        raise InputError(where, f"{role} list of {where.key!r} has an empty name ('and' twice in a row, or at an end)",
                         "write the names as 'Last, First and Last, First', one 'and' between two names")
    for name in names:
        try:
            person = Person(name)
        except PybtexError as exc:
            raise InputError(where, f"{role} {name!r} of {where.key!r} is not a name: {exc}",
                             "write 'Last, First', 'Last, Jr., First' or 'First Last'") from exc
        parts = person.first_names + person.middle_names + person.prelast_names + person.last_names + person.lineage_names
        if not parts:
            raise InputError(where, f"{role} {name!r} of {where.key!r} has no name in it",
                             "write 'Last, First', or remove the stray comma")
        for part in parts:
            if problem := latex_problem(part):
                raise InputError(where, f"{role} {name!r} of {where.key!r} {problem}", _LATEX_HINT)
    return names


def _stray_text(path: Path, blocks: list[bm.Block]) -> list[InputError]:
    """Text between entries is a comment to BibTeX; text that looks like fields or braces
    means an entry was closed too early (a '}' too many) and its last fields are lost."""
    errors = []
    for prev, block in zip([None, *blocks], blocks):
        if not isinstance(block, bm.ImplicitComment) or isinstance(prev, bm.ParsingFailedBlock):
            continue  # after a failed block, the failure is the error to fix
        text = block.comment if isinstance(block.comment, str) else ""
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("%"))
        if FIELD_LIKE.search(text):
            errors.append(InputError(
                Location(path, _line(block), _guess_key_before(blocks, block)),
                "text between entries looks like part of an entry: a '}' too many may close the entry above early",
                "check the braces of the entry above; write free comments as lines starting with %",
            ))
    return errors


def _guess_key_before(blocks: list[bm.Block], block: bm.Block) -> str | None:
    before = [b for b in blocks[: blocks.index(block)] if isinstance(b, bm.Entry)]
    return before[-1].key if before else None


def split_names(value: str) -> list[str]:
    """ "Harman, Jane and others" -> ["Harman, Jane", "others"]; an "and" inside braces
    ("{Barnes and Noble}") belongs to a name. Runs of spaces inside a name become one."""
    return [" ".join(name.split()) for name in _name_parts(value) if name.strip()]


def _name_parts(value: str) -> list[str]:
    """The text between the "and"s of a name list, empty parts included: "A and and B" has
    three parts, the middle one empty. An "and" is a word of its own outside braces."""
    words, depth, start = [], 0, None
    for i, char in enumerate(value + " "):
        if char.isspace() and depth <= 0:
            if start is not None:
                words.append(value[start:i])
                start = None
            continue
        if start is None:
            start = i
        depth += {"{": 1, "}": -1}.get(char, 0)
    parts: list[list[str]] = [[]]
    for word in words:
        if word.lower() == "and":
            parts.append([])
        else:
            parts[-1].append(word)
    return [" ".join(part) for part in parts]


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
