"""Start a new reading: `python -m build_tools new READING-ID` writes a folder that loads,
checks clean and builds, with a comment on every key saying what it holds.

Every file names its JSON Schema on its first line, so an editor completes and checks
keys from the start. The placeholder text is meant to be replaced; it is worded so that
it cannot be mistaken for the paper (no invented quotation, no real reference).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from string import Template

from .errors import BuildToolsError
from .schema import CLAIMS, modeline, schema_name, write_schemas

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""The model's Id: lower-case letters, digits and single hyphens (model.Id)."""
MAX_ID = 80
SECTION = "introduction"


class ScaffoldError(BuildToolsError):
    """The new reading cannot be created (bad id, or its folder or .bib file exists)."""


READING = """\
# What the reading is, as far as its own text says: no facts from elsewhere.
# id: the folder's name. Lower-case letters, digits and single hyphens.
id: $id
# title and author: as the paper prints them.
title: $title
author: $author
# date_note (optional): what the text itself says about when it was written.
# setting (optional): what the text says about its occasion or series, if anything.
# source_file (optional): the paper's text file, looked up in source/ and ../shared/source/
#   (or give `check --source PATH`); the quote check (C105) reads it. Uncomment when it is there.
# source_file: $id.txt
# bibliography: the BibTeX files under bib/ that hold the works the notes cite.
bibliography: [$id.bib]
# footnotes: note numbers whose markers stand on the title or byline rather than in a claim.
footnotes: []
# summary: what the reading argues, one sentence an item (the home page shows five).
summary:
  - Replace this with the paper's main argument, in your own words.
# objectives: what a student can do after the reading.
objectives:
  - Students can state the paper's main argument in their own words.
"""

SECTIONS = """\
# sections: the paper's headings, in the paper's order; each has a claims/<id>.yaml.
sections:
  # id: a short slug; title: the heading, with the PDF's split words undone.
  # parent (optional): the id of the enclosing section, for a subsection.
  # heading (optional): the heading as printed, if it differs from title (null: untitled part).
  - id: $section
    title: Introduction
"""

CLAIM_FILE = """\
# The claims of section '$section', in the paper's order.
# section: the section id (sections.yaml). claims: the section's argumentative moves.
section: $section
claims:
  # id: unique in the reading. kind: thesis, key-issue, claim, evidence, objection,
  #   rebuttal, concession, implication, context or example.
  # text: your paraphrase, plain text (no HTML, no Markdown).
  # paragraph: the paragraph of the section where the move is made (1 = first).
  # quotes (optional): short verbatim passages, each {text, paragraph}; the check finds them in the source.
  - id: thesis
    kind: thesis
    text: Replace this with the paper's main argument, in your own words.
    paragraph: 1
  # footnotes: the paper's note numbers whose markers stand in this move (notes.yaml).
  # supports, objects_to, rebuts, leads_to: ids of the claims this one relates to.
  #   A rebuttal rebuts an objection; every claim should link into the argument (C104).
  - id: first-reason
    kind: claim
    text: Replace this with a reason the paper gives for its main argument.
    paragraph: 2
    footnotes: [1]
    supports: [thesis]
"""

NOTES = """\
# footnotes: the paper's notes; number: as in the paper, with no gaps (F301).
# status: complete, partial or missing. text: the note as the source copy prints it.
# gap (partial or missing notes): what is missing. Never complete a note from memory.
# citations: in the note's order. key: an entry of bib/. locator: pages or chapter as
#   printed ("37–38", "chap. 9"). form: full, or short for a later short note.
#   short_title: which title a short note prints (short, full or none).
# `python -m build_tools import-notes NOTES.txt --reading $id` drafts this file from the notes.
footnotes:
  - number: 1
    status: complete
    text: "Ann Author, Title of the Cited Work (Place: Publisher, 2024), 1."
    citations:
      - {key: $key, locator: "1", form: full, short_title: full}
"""

TEACHING = """\
# sections: teaching material per section (section: an id of sections.yaml).
sections:
  - section: $section
    # objectives: what a student can do after the section.
    objectives:
      - Students can say what the paper sets out to show.
    # discussion: open questions for class.
    discussion:
      - What would it take to persuade you of the paper's main argument?
    # self_check: each a question with the answer the paper supports, and the claims it
    #   tests (C110). choices (optional, a multiple-choice item): text, and correct: true
    #   on exactly one of them (C111).
    self_check:
      - question: What does the paper argue?
        answer: Replace this with the answer the paper gives.
        claims: [thesis]
    # activity (optional): an in-class activity for the section's activity sheet.
    activity: In pairs, restate the main argument in one sentence and compare.
    # practice (optional): the section's generated exercises (`python -m build_tools exercises`
    #   lists their ids): leave_out: [ids] never shown, pin: [ids] always shown, first (C114).
"""

LESSONS = """\
# lessons: the instructor's pack per section, shown only in the instructor view.
# plan: the lesson step by step, each with its minutes. discussion_notes: for a question of
# teaching.yaml (question: its number, from 1), listen_for: what a good answer draws on, and
# claims: the claims it draws on.
# activity (optional): roles (role, task) and timed steps.
lessons:
  - section: $section
    plan:
      - {minutes: 10, step: Ask students to restate the main argument.}
      - {minutes: 20, step: Discussion question 1.}
    discussion_notes:
      - question: 1
        listen_for: Replace this with what a good answer draws on, in the paper's terms.
        claims: [thesis]
"""

GLOSSARY = """\
# terms: the paper's terms of art. id: a slug; term: as the paper writes it;
# definition: the meaning in the paper.
# general_context (optional): background the paper does not give, shown marked as such.
# aliases (optional): other wordings. claims: claims whose text uses the term (C107).
terms:
  - id: main-argument
    term: main argument
    definition: Replace this with a term the paper uses and what it means there.
    claims: [thesis]
"""

ACTORS = """\
# actors: states, alliances, institutions, people and agreements the paper names.
# id: a slug; name: as the paper gives it; description: its role in the argument.
# kind: state, alliance, institution, person, group or agreement.
# claims: the claims where the actor plays a part.
actors:
  - id: author
    name: $author
    kind: person
    description: The author of the paper.
    claims: [thesis]
"""

TIMELINE = """\
# events: dated events in the body of the paper. id: a slug; event: what happened.
# date: as precisely as the paper gives it ("February 2022", "early 1980s");
# sort: YYYY, YYYY-MM, YYYY-MM-DD, a decade (1980s) or before-YYYY for the order, no more precise than date. claims: where the paper uses it.
events:
  - id: first-event
    date: "2024"
    sort: "2024"
    event: Replace this with an event the paper dates.
    claims: [first-reason]
"""

FIGURES = """\
# figures: key figures the paper gives. id: a slug; value: as the paper states it
# ("1.6% of GDP"); description: what it measures; claims: where the paper uses it.
figures:
  - id: first-figure
    value: one figure
    description: Replace this with a figure the paper gives and what it measures.
    claims: [first-reason]
"""

MAPS = """\
# maps: declared argument maps. id: a slug; title and description: shown with the map.
# Which claims a map shows is data: sections, kinds, claims, or focus (a claim id) with
# distance (relation steps, 1-6). context: also show claims this many steps away.
maps:
  - id: overview
    title: The argument at a glance
    description: The paper's main argument and the reasons it gives.
    sections: [$section]
"""

BIB = """\
% Works cited in the footnotes of $title_comment.
% Every field carries over exactly what the notes print; nothing is completed from
% elsewhere. Mark an entry known only in part with incomplete = {what is missing}.
% `python -m build_tools import-notes NOTES.txt --reading $id` drafts entries from the notes.

@book{$key,
  author = {Author, Ann},
  title = {Title of the Cited Work},
  location = {Place},
  publisher = {Publisher},
  date = {2024},
}
"""

FILES: dict[str, str] = {
    "reading.yaml": READING, "sections.yaml": SECTIONS, f"{CLAIMS}/{SECTION}.yaml": CLAIM_FILE,
    "notes.yaml": NOTES, "teaching.yaml": TEACHING, "lessons.yaml": LESSONS, "glossary.yaml": GLOSSARY, "actors.yaml": ACTORS,
    "timeline.yaml": TIMELINE, "figures.yaml": FIGURES, "maps.yaml": MAPS,
}


def check_id(reading_id: str) -> None:
    if not ID_PATTERN.match(reading_id) or len(reading_id) > MAX_ID:
        raise ScaffoldError(
            f"invalid reading id {reading_id!r}: use lower-case letters, digits and single hyphens "
            f"(at most {MAX_ID} characters), for example 'us-japan-alliance-2020s'")


def new_reading(root: Path, reading_id: str, title: str | None = None, author: str | None = None) -> list[Path]:
    """Write content/<id>/ and bib/<id>.bib (and schemas/ if the project has none); refuse a
    bad id or an existing folder or file. Returns the files written."""
    check_id(reading_id)
    folder, bib = root / "content" / reading_id, root / "bib" / f"{reading_id}.bib"
    for existing in (folder, bib):
        if existing.exists() or existing.is_symlink():
            raise ScaffoldError(f"{existing.relative_to(root)} already exists: "
                                "choose another id, or move it away to start over")
    title = _one_line(title, "title") or reading_id.replace("-", " ").capitalize()
    author = _one_line(author, "author") or "Author of the paper"
    values = {
        "id": reading_id, "title": _yaml_str(title), "author": _yaml_str(author), "section": SECTION,
        # outside an entry an @ would start one (BibTeX, biber, pybtex): the comment writes it (at)
        "key": "author2024title", "title_comment": title.replace("@", "(at)"),
    }
    bib.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=bib.parent, prefix=".new-") as tmp:
        staging = Path(tmp) / reading_id
        for name, text in FILES.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            depth = 3 if "/" in name else 2
            line = modeline(CLAIMS if "/" in name else schema_name(name), depth)
            path.write_text(line + "\n" + Template(text).substitute(values), encoding="utf-8")
        staged_bib = Path(tmp) / bib.name
        staged_bib.write_text(Template(BIB).substitute(values), encoding="utf-8")
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), folder)
        os.replace(staged_bib, bib)
    # The files' first lines name ../../schemas/: a project without them gets them now.
    schemas = [] if (root / "schemas").is_dir() else write_schemas(root / "schemas")
    return [*(folder / name for name in FILES), bib, *schemas]


def _one_line(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    if not value:
        raise ScaffoldError(f"the {what} is empty: give it in words, or leave the option out")
    return value


def _yaml_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
