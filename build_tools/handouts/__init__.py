"""PDF handouts: a handout per top-level section, a reader's guide and a course reader, per edition and paper.

Stages: `content` gathers what each handout says, `notes` turns the Chicago style's notes into
runs, `mapfit` sizes each map so its text stays legible, `render` hands the data to the Typst
template (templates/handout/) and keeps the cache.
"""

from __future__ import annotations

from .content import EDITIONS, PAPERS, Handout, list_handouts
from .mapfit import MIN_TEXT_PT, fit_map
from .notes import markdown_runs
from .render import PlannedHandout, page_counts, plan_handouts, write_handouts

__all__ = ["EDITIONS", "MIN_TEXT_PT", "PAPERS", "Handout", "PlannedHandout", "fit_map", "list_handouts",
           "markdown_runs", "page_counts", "plan_handouts", "write_handouts"]
