"""The Chicago formatter, the bibliography loader and the paper's notes.

(a) Round trip: every complete note of notes.yaml, rebuilt from its citations and the
    .bib file, must read as the paper prints it (whitespace aside).
(b) notes.yaml's texts must be the source copy's notes (whitespace aside).
(c) Unit tests of names, each entry type's note and bibliography forms, and the loader.
Run with -s to see the round trip's per-note table.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from build_tools import chicago
from build_tools.bibliography import load_bibliography
from build_tools.errors import InputErrors
from build_tools.model import Citation, Footnote, NoteFile, Source
from build_tools.yamlsource import load_yaml

REPO = Path(__file__).resolve().parents[1]
NOTES = REPO / "content" / "us-japan-alliance-2020s" / "notes.yaml"
BIB = REPO / "bib" / "us-japan-alliance-2020s.bib"
SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / "us-japan-alliance-2020s.txt"
WS = re.compile(r"\s+")
MIN_RATIO, MIN_EXACT = 0.95, 0.80


def squeeze(text: str) -> str:
    return WS.sub("", text)


@pytest.fixture(scope="module")
def notes() -> list[Footnote]:
    return NoteFile.model_validate(load_yaml(NOTES).data).footnotes


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    return {s.key: s for s in load_bibliography(BIB)}


# --- (a) the round trip ------------------------------------------------------------


def test_round_trip_of_complete_notes(notes: list[Footnote], sources: dict[str, Source]) -> None:
    rows = []
    for note in notes:
        if note.status == "missing":
            continue
        got, want = squeeze(chicago.format_note(note, sources, "text")), squeeze(note.text)
        rows.append((note, difflib.SequenceMatcher(None, got, want).ratio(), got == want))
    print("\nnote  status    similarity  exact")
    for note, ratio, exact in rows:
        print(f"{note.number:>4}  {note.status:<8}  {ratio:>10.4f}  {'yes' if exact else 'NO'}")
    complete = [(n, r, e) for n, r, e in rows if n.status == "complete"]
    assert complete, "notes.yaml has no complete note"
    low = [(n.number, round(r, 4)) for n, r, _ in complete if r < MIN_RATIO]
    assert not low, f"complete notes below {MIN_RATIO}: {low}"
    exact = sum(e for _, _, e in complete)
    print(f"exact: {exact}/{len(complete)}; minimum similarity {min(r for _, r, _ in complete):.4f}")
    assert exact >= MIN_EXACT * len(complete)


def test_notes_numbered_1_to_53_and_missing_notes_are_empty(notes: list[Footnote]) -> None:
    assert [n.number for n in notes] == list(range(1, 54))
    for note in notes:
        if note.status == "missing":
            assert not note.text and not note.citations and note.gap
        else:
            assert note.text and note.citations
        if note.status == "partial":
            assert note.gap


def test_every_key_defined_every_entry_cited_orphan_short_forms_incomplete(
    notes: list[Footnote], sources: dict[str, Source]
) -> None:
    seen: set[str] = set()
    for note in notes:
        for cit in note.citations:
            assert cit.key in sources, f"note {note.number}: {cit.key} is not in the .bib file"
            if cit.form == "short" and cit.key not in seen:
                assert sources[cit.key].incomplete, f"note {note.number}: short {cit.key} has no full form"
            seen.add(cit.key)
    assert set(sources) == seen, f"entries never cited: {sorted(set(sources) - seen)}"


# --- (b) notes.yaml against the source copy ----------------------------------------

MARK = re.compile(r"^\s*(\d+)\u3000\ufffd?(.*)$")


def source_notes(text: str) -> dict[int, str]:
    """Numbered notes of the extraction: a note runs to the next number mark, or to a blank
    line once its text has ended with a period (notes 9, 26, 37, 40 and 44 run over one)."""
    notes: dict[int, list[str]] = {}
    current: list[str] | None = None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if m := MARK.match(line):
            current = notes.setdefault(int(m.group(1)), [])
            current.append(m.group(2))
        elif current is not None and line.strip():
            current.append(line)
        elif current is not None and "".join(current).rstrip().endswith((".", ".”")):
            current = None
        elif current is not None and (i + 1 >= len(lines) or not lines[i + 1].strip()):
            current = None
    return {n: squeeze("".join(parts)) for n, parts in notes.items()}


@pytest.fixture(scope="module")
def source_text() -> str:
    if not SOURCE.is_file():
        pytest.skip(f"source copy not found at {SOURCE} (it lives in ../shared/source/ beside the repo)")
    return SOURCE.read_text(encoding="utf-8")


def test_note_texts_match_source(notes: list[Footnote], source_text: str) -> None:
    found = source_notes(source_text)
    for note in notes:
        if note.status == "missing":
            assert note.number not in found, f"note {note.number} is in the source but marked missing"
        elif note.number in found:
            assert squeeze(note.text) == found[note.number], f"note {note.number} differs from the source"
        else:
            # Note 41 survives only as an unnumbered tail: it must still be the source's text.
            assert squeeze(note.text) in squeeze(source_text), f"note {note.number} is not in the source"
    assert set(found) <= {n.number for n in notes if n.status != "missing"}


def test_source_parser_finds_known_notes(source_text: str) -> None:
    found = source_notes(source_text)
    assert found[25] == squeeze("Smith, chap. 9.")
    assert found[36].endswith("RobertA.Pape,")
    assert 41 not in found and 39 not in found and 46 not in found


# --- (c) unit tests: names -----------------------------------------------------------


def src(type_: str, persons: list[str] | None = None, **fields: str) -> Source:
    return Source(key="k", type=type_, fields=fields, persons={"author": persons} if persons else {},
                  file=Path("test.bib"))


def full(source: Source, locator: str | None = None, fmt: str = "text") -> str:
    return chicago.format_citation(Citation(key="k", locator=locator), source, fmt)


def short(source: Source, title: str = "short", locator: str | None = None) -> str:
    return chicago.format_citation(Citation(key="k", form="short", short_title=title, locator=locator), source)


def bib(source: Source, fmt: str = "text") -> str:
    return chicago.format_bibliography_entry(source, fmt)


BOOK = dict(title="Big Book", publisher="Press", location="Ithaca, NY", date="2001")


@pytest.mark.parametrize(("names", "note", "short_form", "entry"), [
    (["Smith, Sheila A."], "Sheila A. Smith", "Smith", "Smith, Sheila A."),
    (["Cooper, Zack", "Simón, Luis"], "Zack Cooper and Luis Simón", "Cooper and Simón",
     "Cooper, Zack, and Luis Simón"),
    (["Ann, A.", "Bo, B.", "Cy, C."], "A. Ann, B. Bo, and C. Cy", "Ann, Bo, and Cy", "Ann, A., B. Bo, and C. Cy"),
    (["Ann, A.", "Bo, B.", "Cy, C.", "Di, D."], "A. Ann et al.", "Ann et al.", "Ann, A., B. Bo, C. Cy, and D. Di"),
    (["Harman, Jane", "others"], "Jane Harman et al.", "Harman et al.", "Harman, Jane, et al."),
    (["El Baz, Lama"], "Lama El Baz", "El Baz", "El Baz, Lama"),
    (["de Gaulle, Jr., Charles"], "Charles de Gaulle, Jr.", "de Gaulle", "de Gaulle, Charles, Jr."),
])
def test_names(names: list[str], note: str, short_form: str, entry: str) -> None:
    s = src("book", names, **BOOK)
    assert full(s) == f"{note}, Big Book (Ithaca, NY: Press, 2001)"
    assert short(s, "none", "9") == f"{short_form}, 9"
    # One period after the names, even when they end in "A.", "Jr." or "et al.".
    assert bib(s) == f"{entry.removesuffix('.')}. Big Book. Ithaca, NY: Press, 2001."


def test_bibliography_lists_seven_then_et_al_beyond_ten() -> None:
    s = src("book", [f"P{i}, F." for i in range(11)], **BOOK)
    assert bib(s).startswith("P0, F., F. P1, F. P2, F. P3, F. P4, F. P5, F. P6, et al. Big Book.")


def test_editors_stand_in_for_missing_authors() -> None:
    s = Source(key="k", type="book", fields=BOOK, persons={"editor": ["Lee, Ann", "Ray, Bo"]}, file=Path("t"))
    assert full(s) == "Ann Lee and Bo Ray, eds., Big Book (Ithaca, NY: Press, 2001)"


# --- (c) unit tests: entry types -------------------------------------------------------


def test_journal_article() -> None:
    s = src("article", ["Blankenship, Brian D.", "Denison, Benjamin"], title="Is It?", journal="Survival",
            volume="61", number="5", pages="43--64", date="2019", doi="10.1/x_y")
    assert full(s) == ("Brian D. Blankenship and Benjamin Denison, “Is It?,” Survival 61, no. 5 (2019): 43–64, "
                       "https://doi.org/10.1/x_y")
    assert full(s, "50") == ("Brian D. Blankenship and Benjamin Denison, “Is It?,” Survival 61, no. 5 (2019): 50, "
                             "https://doi.org/10.1/x_y")
    assert bib(s) == ("Blankenship, Brian D., and Benjamin Denison. “Is It?” Survival 61, no. 5 (2019): 43–64. "
                      "https://doi.org/10.1/x_y.")
    assert full(s, fmt="markdown").count("*Survival*") == 1
    assert "https://doi.org/10.1/x_y" in full(s, fmt="markdown")  # URLs are not escaped


def test_journal_article_issue_and_full_date() -> None:
    s = src("article", ["Altman, Dan"], title="T", journal="J", volume="74", number="3", issue="Spring",
            date="2020", pages="490–522")
    assert full(s) == "Dan Altman, “T,” J 74, no. 3 (Spring 2020): 490–522"
    dated = src("article", ["Altman, Dan"], title="T", journal="J", volume="61", date="2017-12-01")
    assert full(dated) == "Dan Altman, “T,” J 61 (December 1, 2017)"


def test_newspaper_with_section_and_no_author() -> None:
    s = src("article", None, title="China Urges U.S. to Stop Supporting the Philippines’ ‘Provocations’",
            journal="Reuters", entrysubtype="newspaper", date="2024-06-28", section="Asia Pacific", url="https://r.com/a")
    assert full(s) == ("“China Urges U.S. to Stop Supporting the Philippines’ ‘Provocations,’” Reuters, "
                       "June 28, 2024, sec. Asia Pacific, https://r.com/a")
    assert bib(s) == ("“China Urges U.S. to Stop Supporting the Philippines’ ‘Provocations.’” Reuters, "
                      "June 28, 2024, sec. Asia Pacific. https://r.com/a.")
    assert full(s, fmt="markdown").startswith("“China Urges U.S. to Stop Supporting the Philippines’ ‘Provocations,’” *Reuters*,")


def test_blog_and_web_page() -> None:
    blog = src("online", ["Garamone, Jim"], title="Official Talks", journal="U.S. Department of Defense",
               entrysubtype="blog", date="2021-06-02", url="https://d.gov/a/")
    assert full(blog) == "Jim Garamone, “Official Talks,” U.S. Department of Defense (blog), June 2, 2021, https://d.gov/a/"
    assert full(blog, fmt="markdown").count("*U.S. Department of Defense* (blog)") == 1
    assert bib(blog) == "Garamone, Jim. “Official Talks.” U.S. Department of Defense (blog), June 2, 2021. https://d.gov/a/."
    page = src("online", ["Simón, Luis"], title="NATO", journal="War on the Rocks", date="2024-07-01", url="https://w.com/")
    assert full(page) == "Luis Simón, “NATO,” War on the Rocks, July 1, 2024, https://w.com/"
    assert "*" not in full(page, fmt="markdown")  # a website's name stays roman


def test_report() -> None:
    s = src("report", ["Harman, Jane", "others"], title="Commission", institution="RAND Corporation",
            date="2024-07", url="https://rand.org/x.html")
    assert full(s, "viii, 37–38") == "Jane Harman et al., “Commission” (RAND Corporation, July 2024), viii, 37–38, https://rand.org/x.html"
    assert short(s, "full", "39–40, 54") == "Harman et al., “Commission,” 39–40, 54"
    assert bib(s) == "Harman, Jane, et al. “Commission.” RAND Corporation, July 2024. https://rand.org/x.html."


def test_book_and_short_forms() -> None:
    s = src("book", ["Smith, Sheila A."], title="Japan Rearmed: The Politics of Military Power",
            shorttitle="Japan Rearmed", location="Cambridge, MA", publisher="Harvard University Press", date="2019")
    assert full(s, "chap. 2") == ("Sheila A. Smith, Japan Rearmed: The Politics of Military Power "
                                  "(Cambridge, MA: Harvard University Press, 2019), chap. 2")
    assert full(s, fmt="markdown").startswith("Sheila A. Smith, *Japan Rearmed: The Politics of Military Power* (")
    assert short(s, "none", "chap. 9") == "Smith, chap. 9"
    assert short(s, "short", "12") == "Smith, Japan Rearmed, 12"
    assert short(s, "full") == "Smith, Japan Rearmed: The Politics of Military Power"


def test_short_form_of_quoted_title_and_note_punctuation() -> None:
    s = src("report", ["Jones, Seth G."], title="Empty Bins: The Challenge", shorttitle="Empty Bins",
            institution="CSIS", date="2023")
    other = src("online", ["Simón, Luis"], title="NATO Should Think Big", journal="W", date="2024")
    sources = {"a": s, "b": other}
    note = Footnote(number=1, status="complete", citations=[
        Citation(key="a", form="short"), Citation(key="b", form="short", short_title="full")])
    assert chicago.format_note(note, sources) == "Jones, “Empty Bins”; Simón, “NATO Should Think Big.”"
    note = Footnote(number=2, status="complete", citations=[Citation(key="a", form="short", locator="2")])
    assert chicago.format_note(note, sources) == "Jones, “Empty Bins,” 2."


def test_missing_note_is_empty_and_title_ending_in_period_keeps_one() -> None:
    assert chicago.format_note(Footnote(number=1, status="missing"), {}) == ""
    s = src("article", ["Davis, R."], title="The Yen Is Plunging. So Is the Budget.", journal="NYT",
            entrysubtype="newspaper", date="2024-07-08")
    note = Footnote(number=3, status="complete", citations=[Citation(key="k")])
    assert chicago.format_note(note, {"k": s}) == "R. Davis, “The Yen Is Plunging. So Is the Budget.,” NYT, July 8, 2024."
    assert bib(s) == "Davis, R. “The Yen Is Plunging. So Is the Budget.” NYT, July 8, 2024."


def test_incomplete_entries_print_only_what_survives() -> None:
    fragment = src("article", None, journal="The Washington Quarterly", volume="42", number="4",
                   date="2019", pages="171--89", incomplete="only the tail survives")
    assert full(fragment) == "The Washington Quarterly 42, no. 4 (2019): 171–89"
    known_by_short_form = src("misc", ["Matsuda"], shorttitle="Japan’s Emerging Security Strategy")
    assert short(known_by_short_form) == "Matsuda, “Japan’s Emerging Security Strategy”"
    assert full(src("misc", ["Pape, Robert A."])) == "Robert A. Pape"


def test_markdown_escapes_markup_but_not_quotes() -> None:
    s = src("online", ["Doe, J."], title="A *star* [link]", journal="Site", date="2020", url="https://a.b/c_d")
    out = full(s, fmt="markdown")
    assert r"A \*star\* \[link\]" in out and out.endswith("https://a.b/c_d")
    with pytest.raises(ValueError):
        full(s, fmt="html")


# --- (c) unit tests: the loader ---------------------------------------------------------


def test_loader_keeps_fields_as_written(tmp_path: Path) -> None:
    f = tmp_path / "a.bib"
    f.write_text("% c\n@Article{x,\n  Author = {Harman, Jane and others},\n  title = {A {NATO} Title},\n"
                 "  editor = {{Barnes and Noble} AND Doe,  J.},\n}\n", encoding="utf-8")
    [s] = load_bibliography(f)
    assert (s.key, s.type, s.line) == ("x", "article", 2)
    assert s.fields == {"title": "A {NATO} Title"}
    assert s.persons == {"author": ["Harman, Jane", "others"], "editor": ["{Barnes and Noble}", "Doe, J."]}


def test_loader_reports_every_broken_block(tmp_path: Path) -> None:
    f = tmp_path / "b.bib"
    f.write_text("@book{a, title = {One}}\n\n@book{a, title = {Two}}\n\n@book{b,\n  title = {unclosed,\n"
                 "  date = 2000\n}\n@misc{c, title = {ok}}\n", encoding="utf-8")
    with pytest.raises(InputErrors) as info:
        load_bibliography(f)
    errors = info.value.errors
    assert [(e.location.line, e.location.key) for e in errors] == [(3, "a"), (5, "b")]
    assert "already used at line 1" in errors[0].message and errors[0].hint
    assert all(e.location.file == f for e in errors)


def test_real_bibliography_loads(sources: dict[str, Source]) -> None:
    assert len(sources) >= 50
    assert sources["harman2024commission"].persons["author"] == ["Harman, Jane", "others"]
    assert sources["altman2020conquest"].fields["issue"] == "ed"  # the paper's "(ed 2020)", kept
