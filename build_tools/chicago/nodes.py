"""Template nodes the Chicago templates need beyond pybtex's own (join, words, optional, tag...).

Each node reads the entry or the citation from the template context, so the
templates in style.py stay declarations of what is printed in which order.
"""

from __future__ import annotations

import re
from datetime import date as _date
from functools import lru_cache

from pybtex.richtext import HRef, String, Tag, Text
from pybtex.style.template import FieldIsMissing, join, node

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
RANGE_DASH = re.compile(r"\s*-{1,3}\s*|\s*–\s*")


def chicago_date(value: str, year_only: bool = False) -> str:
    """"2024-05-29" -> "May 29, 2024"; "2024-07" -> "July 2024". A date that is not a real ISO
    date is printed as written: the citation check reports it, the page still builds."""
    m = ISO_DATE.match(value.strip())
    if not m:
        return value.strip()
    year, month, day = m.groups()
    if year_only or not month:
        return year
    try:
        _date(int(year), int(month), int(day or 1))
    except ValueError:
        return value.strip()
    name = MONTHS[int(month) - 1]
    return f"{name} {int(day)}, {year}" if day else f"{name} {year}"


@lru_cache(maxsize=65536)
def rich(value: str) -> Text:
    """A value read as LaTeX, once: the latex codec is the slowest step of formatting, and a
    value is printed in several forms (full note, short note, bibliography) on every build.
    Rich text is never changed in place (its methods return new text), so sharing is safe."""
    return Text.from_latex(value)


@node
def field(children: list, context: dict, name: str, raw: bool = False) -> Text | str:
    """pybtex's ``field``: the entry's field ``name``, as rich text (or as written, ``raw``)."""
    if children:
        raise ValueError(children)
    try:
        value = context["entry"].fields[name]
    except KeyError:
        raise FieldIsMissing(name, context["entry"]) from None
    return value if raw else rich(value)


@node
def date(children: list, context: dict, name: str = "date", year_only: bool = False) -> Text:
    assert not children
    value = field(name, raw=True).format_data(context)
    return Text(chicago_date(value, year_only))


@node
def pages(children: list, context: dict, cited: bool = False) -> Text:
    """A page range with the en dash the paper prints, whatever dash the .bib file uses.
    With ``cited``, a citation's locator takes the range's place (a note cites the page used)."""
    assert not children
    if cited and context.get("locator"):
        return Text(context["locator"])
    return Text(RANGE_DASH.sub("–", field("pages", raw=True).format_data(context)))


@node
def locator(children: list, context: dict) -> Text:
    """The citation's own locator ("viii, 37–38", "chap. 9"), exactly as the note prints it."""
    assert not children
    value = context.get("locator")
    if not value:
        raise FieldIsMissing("locator", context["entry"])
    return Text(value)


@node
def quoted(children: list, context: dict) -> Text:
    """“Title”. The comma or period that follows is moved inside later, on the whole note
    (output.american), because only the assembled note knows what follows the title."""
    inner = join[children].format_data(context)
    return Text("“", inner, "”") if inner else Text()


@node
def wrap(children: list, context: dict, before: str = "(", after: str = ")") -> Text:
    """Parentheses around whatever of the children exists; missing (for ``optional``) if none does."""
    inner = join[children].format_data(context)
    if not inner:
        raise FieldIsMissing("(contents)", context["entry"])
    return Text(before, inner, after)


@node
def link(children: list, context: dict) -> Text:
    """The DOI as https://doi.org/... if there is one, else the URL; printed plain, never as markup."""
    assert not children
    fields = context["entry"].fields
    if fields.get("doi"):
        url = "https://doi.org/" + fields["doi"].strip()
    elif fields.get("url"):
        url = fields["url"].strip()
    else:
        raise FieldIsMissing("url", context["entry"])
    return Text(HRef(url, String(url)))


@node
def site(children: list, context: dict) -> Text:
    """The blog or site name, with " (blog)" when the entry is a blog post."""
    assert not children
    name = field("journal").format_data(context)
    if context["entry"].fields.get("entrysubtype", "").lower() == "blog":
        return Text(Tag("em", name), " (blog)")
    return Text(name)


@node
def short_title(children: list, context: dict, italic: bool = False) -> Text:
    """The title a short note prints: none ("Smith, chap. 9"), the full title, or the short title."""
    assert not children
    which = context.get("short_title", "short")
    fields = context["entry"].fields
    if which == "none":
        return Text()
    name = "shorttitle" if which == "short" and "shorttitle" in fields else "title"
    if name not in fields:
        name = "shorttitle"  # an entry known only from a short form has no full title
    title = field(name).format_data(context)
    return Text(Tag("em", title)) if italic else quoted[title].format_data(context)


@node
def blocks(children: list, context: dict) -> Text:
    """Bibliography style: the parts that exist, each closed with a period, joined by spaces."""
    parts = [Text(part) for part in (join[child].format_data(context) for child in children) if part]
    return Text(" ").join([p.add_period() for p in parts]) if parts else Text()
