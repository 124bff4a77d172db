"""Chicago notes-bibliography (17th ed.) as a pybtex style: one template per entry type and form.

A style instance prints one form: "note" (the full first citation), "short" (a later
short note) or "bibliography". Each template is a pybtex template declaration; the
citation's locator and short-title choice travel in the template context.
Where the paper's own notes differ from the manual, the paper wins: a report's
title stands in quotation marks, as in its notes 5, 9 and 31.
"""

from __future__ import annotations

from typing import Any, Literal

from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import first_of, join, optional, tag, words

from .names import ChicagoNameStyle, editors_or_authors
from .nodes import blocks, date, field, link, locator, pages, quoted, short_title, site, wrap

Form = Literal["note", "short", "bibliography"]

ITALIC_TITLES = {"book"}
"""Types whose own title is italic (a short note italicizes it too); other titles are quoted."""


def opt(name: str) -> Any:
    return optional[field(name)]


class ChicagoStyle(BaseStyle):
    default_name_style = ChicagoNameStyle

    def __init__(self, form: Form = "note", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.form = form

    def format_entry(self, label: str, entry: Any, bib_data: Any = None, **extra: Any) -> FormattedEntry:
        """BaseStyle.format_entry with the citation's locator and short_title in the context.
        Short notes share one template; unknown types fall back to the misc template."""
        context = {"entry": entry, "style": self, "bib_data": bib_data, **extra}
        if self.form == "short":
            template = self.short_template(entry)
        else:
            template = getattr(self, f"get_{entry.type}_template", self.get_misc_template)(entry)
        return FormattedEntry(entry.key, template.format_data(context), label)

    # --- pieces shared by the templates ------------------------------------------

    @property
    def note(self) -> bool:
        return self.form == "note"

    def names(self) -> Any:
        return optional[editors_or_authors(form="note" if self.note else "bibliography")]

    def title(self, italic: bool = False) -> Any:
        return optional[tag("em")[field("title")]] if italic else optional[quoted[field("title")]]

    def finish(self, *parts: Any, locator_at_end: bool = True) -> Any:
        """A note joins its parts with commas and ends with locator and link; a bibliography
        entry closes each part with a period and has no locator."""
        if self.note:
            tail = [optional[locator]] if locator_at_end else []
            return join(sep=", ")[[*parts, *tail, optional[link]]]
        return blocks[[*parts, optional[link]]]

    def short_template(self, entry: Any) -> Any:
        """Surname(s), title (short, full or none), locator: Jones, “Empty Bins …,” 2."""
        return join(sep=", ")[
            optional[editors_or_authors(form="short")],
            optional[short_title(italic=entry.type in ITALIC_TITLES)],
            optional[locator],
        ]

    # --- one template per entry type ---------------------------------------------

    def get_article_template(self, entry: Any) -> Any:
        """Journal: “Title,” Journal 61, no. 5 (2019): 43–64, DOI; a note's locator
        replaces the page range. Newspapers and magazines have their own form."""
        if entry.fields.get("entrysubtype", "").lower() in ("newspaper", "magazine"):
            return self.periodical_template()
        journal = join[
            words[optional[tag("em")[field("journal")]], opt("volume")],
            optional[", no. ", field("number")],
            optional[" ", wrap[words[opt("issue"), optional[date]]]],
            optional[": ", pages(cited=self.note)],
        ]
        return self.finish(self.names(), self.title(), journal, locator_at_end=False)

    def periodical_template(self) -> Any:
        """Newspaper or magazine: “Title,” Paper, Month D, YYYY, sec. Section, URL."""
        issue = join(sep=", ")[
            optional[tag("em")[field("journal")]], optional[date], optional["sec. ", field("section")],
        ]
        return self.finish(self.names(), self.title(), issue)

    def get_online_template(self, entry: Any) -> Any:
        """Blog post or web page: “Title,” Site (blog), Month D, YYYY, URL; a website's name is roman."""
        return self.finish(self.names(), self.title(), join(sep=", ")[optional[site], optional[date]])

    def get_report_template(self, entry: Any) -> Any:
        """“Title” (Place: Institution, Month Year), locator, URL: the paper's report form."""
        imprint = join(sep=", ")[join(sep=": ")[opt("location"), opt("institution")], optional[date]]
        if self.note:
            return self.finish(self.names(), words[self.title(), optional[wrap[imprint]]])
        return self.finish(self.names(), self.title(), imprint)

    def get_book_template(self, entry: Any) -> Any:
        """Title: Subtitle (Place: Publisher, Year), locator."""
        imprint = join(sep=", ")[
            join(sep=": ")[opt("location"), opt("publisher")], optional[date(year_only=True)],
        ]
        if self.note:
            return self.finish(self.names(), words[self.title(italic=True), optional[wrap[imprint]]])
        return self.finish(self.names(), self.title(italic=True), imprint)

    def get_misc_template(self, entry: Any) -> Any:
        """Any other type, and works whose type is unknown: whatever survives, in note order.
        An entry known only from a short form prints its short title in place of the title."""
        title = first_of[self.title(), optional[quoted[field("shorttitle")]]]
        return self.finish(self.names(), title, join(sep=", ")[optional[site], optional[date]])
