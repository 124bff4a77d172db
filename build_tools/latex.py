"""What pybtex can read as LaTeX: BibTeX values are LaTeX to it, names and fields alike.

The bibliography reader refuses a value pybtex cannot read (with the entry's line and a
hint); the Chicago formatter, which may be handed a Source built some other way, prints
such a value without its LaTeX syntax rather than failing.
"""

from __future__ import annotations

from functools import lru_cache

from pybtex.exceptions import PybtexError
from pybtex.richtext import Text

LATEX_SYNTAX = ("\\", "{", "}")
"""Text without these cannot fail to read (the codec only turns dashes, quotes and ties into
their characters), so it is not parsed here: most values of a bibliography hold none."""


@lru_cache(maxsize=65536)
def latex_problem(value: str) -> str | None:
    """Why pybtex cannot read ``value`` as LaTeX (the Chicago style would fail on it), or None."""
    if not any(mark in value for mark in LATEX_SYNTAX):
        return None
    try:
        Text.from_latex(value)
    except PybtexError:
        return "has unbalanced braces"
    except (UnicodeError, ValueError):
        return "ends with a lone backslash, or holds a LaTeX command that cannot be read"
    return None


def latex_safe(value: str) -> str:
    """``value`` if pybtex can read it, else ``value`` without its braces and backslashes."""
    if latex_problem(value) is None:
        return value
    return "".join(char for char in value if char not in LATEX_SYNTAX)
