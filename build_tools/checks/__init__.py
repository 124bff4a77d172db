"""Check: validate a linked reading and report findings with codes, places and hints."""

from __future__ import annotations

from ..linker import LinkedReading
from .citations import check_entries, check_notes
from .content import check_ids, check_markup, check_quotes, check_relations, check_sections, check_terms
from .quiz import check_quiz_items
from .practice import check_practice
from .findings import CODES, Finding, Severity
from .hedges import check_hedges

__all__ = ["CODES", "Finding", "Severity", "run_checks"]


def run_checks(linked: LinkedReading, source_text: str | None = None) -> list[Finding]:
    """Every finding for one reading, in file and line order."""
    found: list[Finding] = [
        *check_ids(linked), *check_sections(linked), *check_relations(linked),
        *check_quotes(linked, source_text), *check_hedges(linked, source_text), *check_markup(linked),
        *check_terms(linked), *check_quiz_items(linked), *check_practice(linked),
        *check_notes(linked), *check_entries(linked),
    ]
    return sorted(found, key=Finding.sort_key)
