"""Chicago names: "First Last" in notes, surnames in short notes, "Last, First" to open a bibliography entry.

pybtex's own name styles format one person at a time, and its ``lastfirst`` inverts
every name. Chicago inverts only the first name of a bibliography entry and decides
"et al." from the length of the whole list, so the list is a template node here.
"""

from __future__ import annotations

from typing import Any, Literal

from pybtex.database import Person
from pybtex.richtext import Text
from pybtex.style.names import BaseNameStyle
from pybtex.style.template import FieldIsMissing, join, node

from .nodes import rich

NameForm = Literal["note", "short", "bibliography"]

NOTE_MAX = 3
"""Chicago 17 (14.76): notes name up to three authors; four or more give the first and "et al."."""
BIB_MAX, BIB_KEEP = 10, 7
"""Bibliographies name up to ten; with more, the first seven and "et al."."""


def is_others(person: Person) -> bool:
    """BibTeX's "and others", which the author list ends with when the source said "et al."."""
    return person.last_names == ["others"] and not (person.first_names or person.middle_names)


def _rich(parts: list[str]) -> list[Text]:
    return [rich(part) for part in parts]


def _words(parts: list[Text]) -> Text:
    return join(sep=" ")[parts].format()


class ChicagoNameStyle(BaseNameStyle):
    """One person in the three Chicago orders. ``format`` is the natural order pybtex expects."""

    def format(self, person: Person, abbr: bool = False) -> Any:
        """First Middle von Last, Jr. (as a template, like pybtex's own name styles)."""
        lineage = _rich(person.lineage_names)
        return join[
            join(sep=" ")[_rich(person.first_names) + _rich(person.middle_names)
                          + _rich(person.prelast_names) + _rich(person.last_names)],
            join[", ", _words(lineage)] if lineage else "",
        ]

    def natural(self, person: Person) -> Text:
        return self.format(person).format()

    def surname(self, person: Person) -> Text:
        """von Last: what a short note prints."""
        return _words(_rich(person.prelast_names) + _rich(person.last_names))

    def inverted(self, person: Person) -> Text:
        """von Last, First Middle, Jr.: the first name of a bibliography entry."""
        given = _words(_rich(person.first_names) + _rich(person.middle_names))
        lineage = _words(_rich(person.lineage_names))
        return join(sep=", ")[self.surname(person), given, lineage].format()


@node
def name_list(children: list, context: dict, role: str = "author", form: NameForm = "note") -> Text:
    """The names of one role as Chicago prints them in a note, a short note or a bibliography."""
    assert not children
    persons = list(context["entry"].persons.get(role, []))
    others = bool(persons) and is_others(persons[-1])
    people = [p for p in persons if not is_others(p)]
    if not people:
        raise FieldIsMissing(role, context["entry"])
    style: ChicagoNameStyle = context["style"].name_style
    if form == "bibliography":
        if len(people) > BIB_MAX:
            people, others = people[:BIB_KEEP], True
        names = [style.inverted(people[0])] + [style.natural(p) for p in people[1:]]
        if others:
            return Text(join(sep=", ")[names].format(), ", et al.")
        # "Last, First, and First Last": the inverted first name already ends in a
        # comma-separated pair, so even two names take the serial comma.
        return join(sep=", ", sep2=", and ", last_sep=", and ")[names].format()
    one = style.surname if form == "short" else style.natural
    if others or len(people) > NOTE_MAX:
        return Text(one(people[0]), " et al.")
    return join(sep=", ", sep2=" and ", last_sep=", and ")[[one(p) for p in people]].format()


@node
def editors_or_authors(children: list, context: dict, form: NameForm = "note") -> Text:
    """Authors; failing them, editors followed by "ed." or "eds."."""
    assert not children
    entry = context["entry"]
    if entry.persons.get("author"):
        return name_list(role="author", form=form).format_data(context)
    names = name_list(role="editor", form=form).format_data(context)
    plural = len(entry.persons["editor"]) > 1
    return Text(names, ", eds." if plural else ", ed.")
