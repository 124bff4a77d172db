"""The small grammars a Chicago note is made of: names, quoted titles, dates, pages,
locators, links, and the kind of periodical a site name stands for. Each function reads one piece and returns None when the text
is not that piece, so the type parsers can try one reading after another.
"""

from __future__ import annotations

import re
from typing import Literal

MONTHS = ("january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december")
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
              "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
        r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
DATE = re.compile(rf"(?P<month>{MONTH})(?:\s+(?P<day>\d{{1,2}}))?,?\s+(?P<year>\d{{4}})|(?P<bare>\d{{4}})")
DATE_ONLY = re.compile(rf"^(?:{DATE.pattern})$")
PAGE = r"[0-9]+|[ivxlcdm]+"
PAGE_RANGE = re.compile(rf"^(?:{PAGE})(?:\s*[–-]{{1,2}}\s*(?:{PAGE}))?$", re.IGNORECASE)
LOCATOR_PART = re.compile(
    rf"^(?:(?:chaps?|pp?|nn?|figs?|vols?|paras?|secs?|apps?|tables?|sec)\.\s*)?(?:{PAGE})(?:\s*[–-]\s*(?:{PAGE}))?"
    rf"(?:\s*(?:n|nn)\.\s*\d+)?$", re.IGNORECASE)
LINK = re.compile(r"(?:^|,\s*)(?P<url>(?:https?://|doi:\s*)\S+)$", re.IGNORECASE)
DOI_URL = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(10\.\S+)$", re.IGNORECASE)
PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le",
                       "dos", "das", "ter", "ten", "bin", "ibn", "al", "el", "abu", "st."})
LINEAGE = frozenset({"Jr.", "Sr.", "II", "III", "IV"})
WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿA-ZÀ-ÖØ-Þ’'\-]*|(?:[A-Z]\.){1,3}|[A-Z]\.-[A-Z]\.)$")
ET_AL = re.compile(r",?\s+et al\.?$")


# --- people ------------------------------------------------------------------------


def is_person(name: str) -> bool:
    """"Brian D. Blankenship", "Lama El Baz", "Simón": words a person's name is made of."""
    words = name.split()
    if not 1 <= len(words) <= 6 or words[-1] in LINEAGE:
        return False
    return all(WORD.match(w) or w.lower() in PARTICLES for w in words) and bool(WORD.match(words[-1]))


def is_surname(name: str) -> bool:
    """A surname alone, as a short note prints it: "Smith", "El Baz", "van Evera"."""
    words = name.split()
    if not is_person(name) or any(re.fullmatch(r"(?:[A-Z]\.)+", w) for w in words):
        return False
    return len(words) == 1 or all(w.lower() in PARTICLES for w in words[:-1])


def read_people(text: str) -> tuple[list[str], bool] | None:
    """"A and B", "A, B, and C", "A et al." -> (names in note order, et al.), or None."""
    text = text.strip()
    others = bool(ET_AL.search(text))
    text = ET_AL.sub("", text)
    names = [n.strip() for n in re.split(r",\s+and\s+|\s+and\s+|,\s+", text) if n.strip()]
    if not names or not all(is_person(n) for n in names):
        return None
    return names, others


def invert(name: str) -> str:
    """"Brian D. Blankenship" -> "Blankenship, Brian D."; "Lama El Baz" -> "El Baz, Lama".
    A particle (van, de, El...) after the first word stays with the surname."""
    words = name.split()
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    surname, given = " ".join(words[start:]), " ".join(words[:start])
    return f"{surname}, {given}" if given else surname


def surname_of(bib_name: str) -> str:
    """"Blankenship, Brian D." -> "Blankenship"; "Matsuda" -> "Matsuda"."""
    return bib_name.split(",", 1)[0].strip()


# --- titles ------------------------------------------------------------------------


def take_quoted(text: str) -> tuple[str, str] | None:
    """'“Title,” Rest' -> ("Title", " Rest"). The comma or period Chicago moves inside the
    closing quote is given back to the sentence: “Budget.,” is the title "Budget."."""
    if not text.startswith("“"):
        return None
    end = text.find("”")
    if end < 0:
        return None
    inner, rest = text[1:end].strip(), text[end + 1:]
    if inner.endswith((",’", ".’")):
        inner = inner[:-2] + "’"
    elif inner.endswith(",") or (inner.endswith(".") and not inner.endswith("..")):
        inner = inner[:-1]
    return inner, rest


# --- dates, pages, locators, links -------------------------------------------------------


def iso_date(text: str) -> str | None:
    """"June 2, 2021" -> "2021-06-02"; "July 2024" -> "2024-07"; "2019" -> "2019"."""
    m = DATE_ONLY.match(text.strip())
    if not m:
        return None
    if m.group("bare"):
        return m.group("bare")
    month = month_number(m.group("month"))
    day = f"-{int(m.group('day')):02d}" if m.group("day") else ""
    return f"{m.group('year')}-{month:02d}{day}"


def month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return MONTHS.index(key) + 1 if key in MONTHS else MONTH_ABBR[key]


def issue_and_date(text: str) -> tuple[str | None, str] | None:
    """A journal's parenthesis: "(March 11, 2020)" -> (None, "2020-03-11"); "(Spring 2020)"
    and the paper's "(ed 2020)" -> ("Spring", "2020"): words before a year are the issue."""
    text = text.strip()
    if (iso := iso_date(text)) is not None:
        return None, iso
    m = re.match(r"^(.*\S)\s+(\d{4})$", text)
    if m and not re.search(r"\d", m.group(1)):
        return m.group(1), m.group(2)
    return None


def trailing_date(text: str) -> tuple[str, str] | None:
    """"RAND Corporation, July 2024" -> ("RAND Corporation", "2024-07")."""
    m = re.search(rf",\s*((?:{MONTH})(?:\s+\d{{1,2}})?,?\s+\d{{4}}|\d{{4}})$", text)
    if not m:
        return None
    iso = iso_date(m.group(1))
    return (text[: m.start()].strip(), iso) if iso else None


def bib_pages(text: str) -> str:
    """"43–64" -> "43--64": BibTeX's range dash; the abbreviated end ("115–49") is kept as printed."""
    return re.sub(r"\s*[–-]{1,2}\s*", "--", text.strip())


def is_locator(text: str) -> bool:
    """"1", "viii, 37–38", "39–40, 54", "chap. 9": a place in the work, as a note prints it."""
    parts = [p.strip() for p in text.split(",")]
    return bool(text.strip()) and all(LOCATOR_PART.match(p) for p in parts)


def split_locator(text: str) -> tuple[str, str | None]:
    """"Spans, 14" -> ("Spans", "14"): the longest run of trailing comma parts that is a locator."""
    parts = text.split(", ")
    for i in range(1, len(parts)):
        tail = ", ".join(parts[i:])
        if is_locator(tail):
            return ", ".join(parts[:i]).strip(), tail.strip()
    return text.strip(), None


def take_link(text: str) -> tuple[str, dict[str, str]]:
    """Strip a closing URL or DOI: (the rest, {"url": ...} or {"doi": ...})."""
    m = LINK.search(text)
    if not m:
        return text, {}
    link = m.group("url").rstrip(".,;")
    rest = text[: m.start()].rstrip(" ,")
    doi = DOI_URL.match(link)
    return rest, ({"doi": doi.group(1)} if doi else {"url": link})


def find_date(text: str) -> re.Match[str] | None:
    """The first month-day-year or month-year date in ``text`` (a bare year is not enough)."""
    return next((m for m in DATE.finditer(text) if m.group("month")), None)

# --- periodicals -------------------------------------------------------------------------
# A Chicago note prints a newspaper article, a magazine article and a web page alike
# (“Title,” Site, Month D, YYYY, URL). "sec." shows a newspaper and "(blog)" a blog;
# otherwise the site's name is looked up here. A name not listed is taken as a web page
# and the draft says so for the author to review. The lists name kinds of outlets, not
# facts about any work: nothing from them is written into a field but the kind.

Kind = Literal["newspaper", "magazine", "web"]

NEWSPAPERS = frozenset({
    "afp", "agence france-presse", "al jazeera", "ap news", "asahi shimbun", "associated press",
    "bbc news", "bloomberg", "breaking defense", "cnn", "defense news", "defense one", "financial times",
    "kyodo news", "los angeles times", "military times", "nikkei asia", "npr", "politico", "reuters",
    "south china morning post", "stars and stripes", "the asahi shimbun", "the guardian", "the hill",
    "the japan times", "the new york times", "the times", "the wall street journal", "the washington post",
    "the yomiuri shimbun", "usa today", "yomiuri shimbun", "nikkei",
})
MAGAZINES = frozenset({
    "foreign affairs", "foreign policy", "harper’s magazine", "national review", "newsweek", "the atlantic",
    "the diplomat", "the economist", "the nation", "the national interest", "the new republic",
    "the new yorker", "time", "wired",
})


def kind_of(site: str) -> Kind:
    """"The New York Times" -> newspaper; "Foreign Affairs" -> magazine; anything else -> web."""
    name = re.sub(r"\s+", " ", site.strip().lower().replace("'", "’"))
    if name in NEWSPAPERS:
        return "newspaper"
    if name in MAGAZINES:
        return "magazine"
    return "web"
