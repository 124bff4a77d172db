"""The bibliography as files other tools read: BibTeX for biblatex, CSL-JSON, RIS, and COinS.

    kinds.py      what kind of work an entry is, its full page range, short title, authors
    biblatex.py   bib/'s entries in biblatex's data model (biber validates them)
    csl.py        CSL-JSON (the official csl-data schema validates it)
    ris.py        RIS typed as Zotero imports it
    coins.py      COinS (OpenURL ContextObjects) for the Sources page, which Zotero detects

bib/ stays the project's own vocabulary (newspaper and magazine apart, a site in
`journal`, a newspaper's `section`); each writer translates it into its format's names.
"""

from __future__ import annotations

from .biblatex import biblatex_record
from .coins import coins
from .csl import csl_json
from .ris import ris_record

__all__ = ["biblatex_record", "coins", "csl_json", "ris_record"]
