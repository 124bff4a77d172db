"""Check of the practice curation: every id teaching.yaml leaves out or pins names an exercise the
generators make for that section (C114), and none is both left out and pinned."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..linker import LinkedReading
from . import findings as F
from .content import at
from .findings import Finding


def check_practice(linked: LinkedReading) -> Iterator[Finding]:
    curated = [t for t in linked.reading.teaching if t.practice and (t.practice.leave_out or t.practice.pin)]
    if not curated:
        return
    from ..exercises import candidates  # only when some section curates: generating costs a little

    found = candidates(linked)
    home = {e.id: section for section, exercises in found.items() for e in exercises}
    for teaching in curated:
        practice = teaching.practice
        assert practice is not None
        known = [e.id for e in found.get(teaching.section, [])]
        for verb, ids in (("leaves out", practice.leave_out), ("pins", practice.pin)):
            seen: set[str] = set()
            for eid in ids:
                where = f"practice of {teaching.section!r} {verb}"
                if eid in seen:
                    yield at(practice, F.UNKNOWN_EXERCISE, f"{where} {eid!r} twice", "name each exercise once")
                seen.add(eid)
                if eid in known:
                    continue
                if eid in home:
                    yield at(practice, F.UNKNOWN_EXERCISE, f"{where} {eid!r}, an exercise of {home[eid]!r}",
                             f"curate it under section {home[eid]!r}")
                    continue
                close = difflib.get_close_matches(eid, known, n=1)
                yield at(practice, F.UNKNOWN_EXERCISE, f"{where} unknown exercise {eid!r}",
                         f"did you mean {close[0]!r}?" if close else
                         "use an id shown on the section's Practice part (kind-, supports-, reasons-, reply-, "
                         "objects-, order-, complete-)")
        for eid in sorted(set(practice.leave_out) & set(practice.pin)):
            yield at(practice, F.UNKNOWN_EXERCISE, f"practice of {teaching.section!r} both leaves out and pins {eid!r}",
                     "keep it in one of the two lists")
