"""The typed model of a reading: what content/ and bib/ say, validated on load.

Each class is one kind of thing an author writes. Ids are short slugs; every
reference between things is an id, resolved later by the linker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
"""Lower-case letters, digits and single hyphens: safe as an anchor and as a file name."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]

ClaimKind = Literal[
    "thesis", "key-issue", "claim", "evidence", "objection", "rebuttal",
    "concession", "implication", "context", "example",
]
RelationKind = Literal["supports", "objects_to", "rebuts", "leads_to"]
RELATION_KINDS: tuple[RelationKind, ...] = ("supports", "objects_to", "rebuts", "leads_to")

LOC_KEY = "__loc__"
"""Key the YAML reader adds to every mapping: (file, line) of the mapping."""


class Located(BaseModel):
    """A model that remembers the file and line it was written at."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    _file: Path | None = PrivateAttr(default=None)
    _line: int | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_location(cls, data: Any, handler: Any) -> Any:
        loc = None
        if isinstance(data, dict) and LOC_KEY in data:
            data = dict(data)
            loc = data.pop(LOC_KEY)
        instance = handler(data)
        if loc is not None:
            instance._file, instance._line = loc
        return instance

    @property
    def file(self) -> Path | None:
        return self._file

    @property
    def line(self) -> int | None:
        return self._line


# --- the reading -----------------------------------------------------------------


class ReadingMeta(Located):
    """reading.yaml: what the reading is, as far as its own text says."""

    id: Id
    title: Text
    author: Text
    date_note: Text | None = None
    """What the text itself says about when it was written (no outside facts)."""
    setting: Text | None = None
    """What the text says about its occasion or series, if anything."""
    source_file: str | None = None
    """File name of the source text, looked up beside the content (for the quote check)."""
    bibliography: list[str] = Field(default_factory=list)
    """BibTeX files under bib/ that hold this reading's sources."""
    footnotes: list[int] = Field(default_factory=list)
    """Note numbers whose markers sit on the title or byline rather than in a claim."""
    summary: list[Text] = Field(default_factory=list)
    """What the reading argues, a sentence an item (five on the home page)."""
    objectives: list[Text] = Field(default_factory=list)
    """Learning objectives for the whole reading."""


class Section(Located):
    """One heading of the paper, in the paper's order."""

    id: Id
    title: Text
    parent: Id | None = None
    heading: str | None = None
    """The heading as printed, if it differs from title (None for an untitled part)."""


class SectionList(Located):
    sections: list[Section]


# --- claims and relations --------------------------------------------------------


class Quote(Located):
    """A short verbatim passage, located by section and paragraph."""

    text: Text
    paragraph: int | None = Field(default=None, ge=1)
    """Paragraph within the section; defaults to the claim's paragraph."""
    editorial_note: Text | None = None
    """For readers: where the quoted copy is garbled or holds a slip of the paper, and how to read it."""


class Claim(Located):
    """One argumentative move of the paper, paraphrased."""

    id: Id
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=90)] | None = None
    """A short label for map boxes, a complete phrase in the paper's words (the full text stays in the
    box's tooltip and in the map's outline); without it a box shows the whole paraphrase."""
    kind: ClaimKind
    text: Text
    """The paraphrase, in plain teaching English."""
    paragraph: int = Field(ge=1)
    """Paragraph of the section where the move is made (1 = first)."""
    editorial_note: Text | None = None
    """For readers: where the paraphrase reads a slip of the paper as meant, or the copy is garbled."""
    quotes: list[Quote] = Field(default_factory=list)
    footnotes: list[int] = Field(default_factory=list)
    """The paper's own note numbers whose markers sit in this move."""
    supports: list[Id] = Field(default_factory=list)
    objects_to: list[Id] = Field(default_factory=list)
    rebuts: list[Id] = Field(default_factory=list)
    leads_to: list[Id] = Field(default_factory=list)


class ClaimFile(Located):
    """claims/<section>.yaml: the claims of one section, in order."""

    section: Id
    claims: list[Claim]


# --- notes and sources -----------------------------------------------------------


class Citation(Located):
    """One citation inside a footnote: which work, where in it, in which form."""

    key: str
    locator: str | None = None
    """Pages, chapter or other place exactly as the note prints it ("viii, 37–38", "chap. 9")."""
    form: Literal["full", "short"] = "full"
    short_title: Literal["short", "full", "none"] = "short"
    """For a short form: which title the note prints (none for "Smith, chap. 9")."""


class Footnote(Located):
    """One of the paper's footnotes, with its own number."""

    number: int = Field(ge=1)
    status: Literal["complete", "partial", "missing"]
    text: str = ""
    """The note's text as it stands in the source copy (empty when missing)."""
    gap: Text | None = None
    """What is missing, for a partial or missing note."""
    citations: list[Citation] = Field(default_factory=list)


class NoteFile(Located):
    footnotes: list[Footnote]


class Source(BaseModel):
    """A BibTeX entry, kept as its fields; the Chicago style decides how to print it."""

    model_config = ConfigDict(frozen=True)
    key: str
    type: str
    fields: dict[str, str]
    persons: dict[str, list[str]]
    file: Path
    line: int | None = None

    @property
    def incomplete(self) -> str | None:
        """Why the entry is incomplete, if the bibliography records that it is."""
        return self.fields.get("incomplete")


# --- teaching material -----------------------------------------------------------


class Choice(Located):
    """One answer of a multiple-choice item."""

    text: Text
    correct: bool = False


class SelfCheck(Located):
    """A quiz item: a question with its model answer, and the claims it tests."""

    question: Text
    answer: Text
    """The model answer (for a multiple-choice item, why the correct choice is right)."""
    claims: list[Id] = Field(default_factory=list)
    """The claims the item tests; its answer rests on them (the check wants at least one)."""
    choices: list[Choice] = Field(default_factory=list)
    """For a multiple-choice item: the choices, exactly one of them correct."""


ExerciseId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
"""A generated exercise's id (build_tools/exercises): its type and what it is about, e.g. "kind-thesis"."""


class PracticeCuration(Located):
    """Which generated exercises a section's Practice part shows besides the chosen ones, and which not."""

    leave_out: list[ExerciseId] = Field(default_factory=list)
    """Exercises never shown for this section (their ids are on the section's Practice part)."""
    pin: list[ExerciseId] = Field(default_factory=list)
    """Exercises always shown, first and in this order, whether or not the selection would pick them."""


class SectionTeaching(Located):
    section: Id
    objectives: list[Text] = Field(default_factory=list)
    discussion: list[Text] = Field(default_factory=list)
    self_check: list[SelfCheck] = Field(default_factory=list)
    activity: Text | None = None
    """An in-class activity for the section's activity sheet."""
    practice: PracticeCuration | None = None
    """Curation of the section's generated exercises: leave some out, pin others."""


class Teaching(Located):
    sections: list[SectionTeaching]


class TimedStep(Located):
    """One step of a lesson or an activity and the minutes it takes."""

    minutes: int = Field(ge=1, le=180)
    step: Text


class DiscussionNote(Located):
    """The instructor's notes on one discussion question of the section (teaching.yaml)."""

    question: int = Field(ge=1)
    """The question's number in the section's `discussion` list, from 1."""
    listen_for: Text
    """What a good answer draws on, in the paper's terms; no fact the paper does not give."""
    claims: list[Id] = Field(min_length=1)
    """The claims the question draws on."""


class Role(Located):
    role: Text
    task: Text


class ActivityPlan(Located):
    """The section's activity for the instructor: who does what, and when."""

    roles: list[Role] = Field(default_factory=list)
    steps: list[TimedStep] = Field(min_length=1)


class SectionLesson(Located):
    """lessons.yaml, per section: the instructor's pack (the students never see it)."""

    section: Id
    plan: list[TimedStep] = Field(min_length=1)
    """The lesson, step by step with timings."""
    discussion_notes: list[DiscussionNote] = Field(default_factory=list)
    activity: ActivityPlan | None = None


class Lessons(Located):
    lessons: list[SectionLesson]


class Term(Located):
    id: Id
    term: Text
    definition: Text
    """What the term means in the paper."""
    general_context: Text | None = None
    """Background that the paper does not give, shown marked as general context."""
    aliases: list[Text] = Field(default_factory=list)
    claims: list[Id] = Field(min_length=1)


class Glossary(Located):
    terms: list[Term]


class Actor(Located):
    id: Id
    name: Text
    kind: Literal["state", "island", "alliance", "institution", "person", "group", "agreement"]
    """"island" is the paper's own word for Taiwan ("Beijing's claims to the island")."""
    description: Text
    claims: list[Id] = Field(min_length=1)


class ActorList(Located):
    actors: list[Actor]


class Event(Located):
    id: Id
    date: Text
    """The date as precisely as the paper gives it ("February 2022", "early 1980s")."""
    sort: Annotated[str, StringConstraints(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{3}0s|before-\d{4})$")]
    """The timeline order, no more precise than the paper's date: a year, year-month or
    year-month-day, a decade ("1980s" for "early 1980s") or "before-2021" ("before ... 2021")."""
    event: Text
    claims: list[Id] = Field(min_length=1)

    @property
    def order(self) -> tuple[int, int, int]:
        """Sort key: a decade comes before its years, "before-Y" just before year Y."""
        if self.sort.startswith("before-"):
            return (int(self.sort[7:]), -2, 0)
        if self.sort.endswith("s"):
            return (int(self.sort[:4]), -1, 0)
        parts = [int(p) for p in self.sort.split("-")]
        return (parts[0], parts[1] if len(parts) > 1 else 0, parts[2] if len(parts) > 2 else 0)


class Timeline(Located):
    events: list[Event]


class Figure(Located):
    id: Id
    value: Text
    """The figure as the paper gives it ("1.6% of GDP", "1,000 miles")."""
    description: Text
    claims: list[Id] = Field(min_length=1)


class FigureList(Located):
    figures: list[Figure]


class MapView(Located):
    """A declared argument map: which claims it shows, and on which page, is data."""

    id: Id
    title: Text
    description: Text
    page: Id | None = None
    """The section whose page shows the map; none: the reading's home page."""
    conclusion: Id | None = None
    """The claim on top: the map shows it with everything that argues for or against it (reasons,
    objections, replies, and their reasons in turn), down to `depth` steps."""
    depth: int = Field(default=6, ge=1, le=6)
    stop_at: list[Id] = Field(default_factory=list)
    """Claims shown without what argues for them (a map of their own shows that)."""
    sections: list[Id] = Field(default_factory=list)
    kinds: list[ClaimKind] = Field(default_factory=list)
    claims: list[Id] = Field(default_factory=list)
    """Claims added by name (for example what the conclusion itself supports, shown above it)."""
    focus: Id | None = None
    distance: int | None = Field(default=None, ge=1, le=6)
    context: int = Field(default=0, ge=0, le=3)
    """Also show claims this many relation steps from the selection (what a section's claims answer to)."""


class MapList(Located):
    maps: list[MapView]


# --- the whole reading -----------------------------------------------------------


class Reading(BaseModel):
    """Everything loaded for one reading, before linking."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    folder: Path
    meta: ReadingMeta
    sections: list[Section]
    claim_files: list[ClaimFile]
    footnotes: list[Footnote]
    sources: list[Source]
    teaching: list[SectionTeaching]
    lessons: list[SectionLesson] = Field(default_factory=list)
    terms: list[Term]
    actors: list[Actor]
    events: list[Event]
    figures: list[Figure]
    maps: list[MapView]

    @property
    def claims(self) -> list[Claim]:
        return [claim for cf in self.claim_files for claim in cf.claims]


CONTENT_FILES: dict[str, type[Located]] = {
    "reading.yaml": ReadingMeta,
    "sections.yaml": SectionList,
    "notes.yaml": NoteFile,
    "teaching.yaml": Teaching,
    "lessons.yaml": Lessons,
    "glossary.yaml": Glossary,
    "actors.yaml": ActorList,
    "timeline.yaml": Timeline,
    "figures.yaml": FigureList,
    "maps.yaml": MapList,
}
"""Each content file of a reading folder and the model of its top level (claims/ aside)."""
