"""One note's text -> its citations, split on "; " where one citation ends and the next begins.

A semicolon inside a quoted title (“War; Peace”) or inside parentheses does not split,
nor does one followed by a word in lower case (a subtitle or a run-on phrase), except
for the signal phrases Chicago puts before a citation ("see also", "cf.").
"""

from __future__ import annotations

import re

from .tokenizer import ABBREVIATIONS

SIGNAL = re.compile(r"^(?:see also|see|cf\.|compare|also)\s", re.IGNORECASE)
CITATION_START = re.compile(r"^[“‘\"'A-Z0-9À-ÖØ-Þ]")


def split_citations(note: str) -> list[str]:
    """The citations of one note, in order, without the note's closing period."""
    text = strip_final_period(note.strip())
    parts: list[str] = []
    start, quote_depth, paren_depth = 0, 0, 0
    for i, char in enumerate(text):
        if char == "“":
            quote_depth += 1
        elif char == "”":
            quote_depth = max(0, quote_depth - 1)
        elif char == "(":
            paren_depth += 1
        elif char == ")":
            paren_depth = max(0, paren_depth - 1)
        elif char == ";" and not quote_depth and not paren_depth and text[i + 1: i + 2] == " ":
            rest = text[i + 2:]
            if CITATION_START.match(rest) or SIGNAL.match(rest):
                parts.append(text[start:i].strip())
                start = i + 2
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def strip_final_period(text: str) -> str:
    """"…, 2019)." -> "…, 2019)"; a period that belongs to an abbreviation ("et al.") stays.
    A period moved inside a closing quote (“Title.”) is the title parser's business."""
    if not text.endswith(".") or text.endswith("..."):
        return text
    last = text[:-1].rsplit(" ", 1)[-1]
    if last.lower() in ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", last):
        return text
    return text[:-1]
