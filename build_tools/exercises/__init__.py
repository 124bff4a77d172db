"""Exercises generated from a reading's encoding, with no per-item authoring.

Entry point: ``exercises_for(linked) -> dict[section id, list[Exercise]]`` (every section of the
reading, in the paper's order; a list may be empty). ``candidates(linked)`` gives everything the
generators can make before selection and curation (the check uses it to know the ids).

The data (``model.py``), frozen dataclasses:

- ``Exercise``: ``id`` (stable: ``<type>-<claim id>``, ``order-<section id>``, ``complete-<map id>``),
  ``reading``, ``section``, ``type``, ``mode`` (how it is answered: single, multiple, order, map),
  ``prompt`` (the question; it never names the answer), ``subject`` (the claims asked about),
  ``options`` (each ``Option``: ``key``, ``text``, ``correct``, ``claim``), ``order`` (for an order
  exercise, the option keys in the paper's order), ``relation`` (supports, rebuts, objects_to),
  ``map_id``, ``map_title``, ``tree`` (``MapNode``: ``claim`` or a ``blank`` key, ``relation``,
  ``children``), ``blanks`` (``Blank``: ``key``, ``answer``, ``options``), ``tests`` (the claim ids
  tested). ``Exercise.correct`` gives the right options (or the moves in order), and
  ``Exercise.answer_claims`` the claims the answer rests on.
- ``ClaimRef``: a claim's ``id``, ``kind``, ``kind_label``, ``text`` (the whole paraphrase as written,
  with its hedges), ``label``, ``section`` and ``address`` (its anchor on the section page, a path
  under docs/ from pages.Addresses: templates make it relative with ``link()``).

The types and the relations they come from:

- ``kind`` (single): a claim's kind; distractors from other families of kinds (steps.py);
- ``supports`` (single) and ``reasons`` (multiple): from ``supports``, distractors outside the
  support closure (support.py);
- ``reply`` (single) from ``rebuts`` and ``objects`` (single) from ``objects_to`` (replies.py);
- ``order``: a section's moves in the encoding's (the paper's) order (order.py);
- ``map``: a declared map with two to four blanks (mapfill.py).

The four questions about one claim (supports, reasons, reply, objects) are declarations
(``graph.ClaimQuestion``: the right answers, the claims never offered as wrong, the tempting ones)
asked of every claim by ``graph.ask``. Options are shuffled by a hash of the exercise id and option
key (``graph.stable_shuffle``), never by ``random``. Selection per section and curation by
teaching.yaml's ``practice`` key: select.py. ``python -m build_tools exercises`` lists the ids.
"""

from __future__ import annotations

from .model import TYPE_TITLES, AnswerMode, Blank, ClaimRef, Exercise, ExerciseType, MapNode, Option
from .select import candidates, exercises_for

__all__ = ["TYPE_TITLES", "AnswerMode", "Blank", "ClaimRef", "Exercise", "ExerciseType", "MapNode", "Option",
           "candidates", "exercises_for"]
