"""Authoring tools: JSON Schema, `new`, `import-notes`.

(a) schemas/ is in step with model.py; every content file names its schema on its first
    line and fits it (by pydantic: the jsonschema package is not installed here, so the
    schema's properties and required lists are compared with the model's fields instead).
(b) `new` scaffolds a reading that loads, checks clean and builds; a bad id or an
    existing folder is refused with exit 2.
(c) `import-notes` measured against the hand-curated notes.yaml and bib/: works found,
    fields parsed exactly, notes rendered back from the draft. Run with -s for the table.
(d) `import-notes` on invented notes it has never seen (fixtures/import/unseen.txt).
"""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from build_tools import chicago
from build_tools.bibliography import load_bibliography
from build_tools.cli import _parser, main
from build_tools.model import CONTENT_FILES, LOC_KEY, ClaimFile, Footnote, NoteFile, Source
from build_tools.notes_import.tokenizer import NUMBER, ends_note
from build_tools.pipeline import Project, check, load
from build_tools.schema import CLAIMS, content_models, modeline, schema_files, schema_name
from build_tools.validation import validate
from build_tools.yamlsource import load_yaml
from tests.conftest import READING, ROOT, source_text_or_skip

IMPORT = Path(__file__).parent / "fixtures" / "import"
NOTES_TXT = IMPORT / "us-japan-notes.txt"
UNSEEN_TXT = IMPORT / "unseen.txt"
CURATED_BIB = ROOT / "bib" / f"{READING}.bib"
CURATED_NOTES = ROOT / "content" / READING / "notes.yaml"
MIN_FIELDS_EXACT, MIN_SIMILARITY = 0.90, 0.90
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed (make test installs it)")


def content_files(folder: Path) -> list[tuple[Path, str]]:
    """Every YAML file of a reading folder with the name of its schema."""
    files = [(f, schema_name(f.name)) for f in sorted(folder.glob("*.yaml"))]
    return files + [(f, CLAIMS) for f in sorted((folder / "claims").glob("*.yaml"))]


# --- (a) the schema -------------------------------------------------------------------


def test_committed_schemas_are_generated_from_the_model() -> None:
    generated = schema_files()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.schema.json")}
    assert sorted(committed) == sorted(generated), "run `python -m build_tools schema`"
    stale = [name for name, text in generated.items() if committed[name] != text]
    assert not stale, f"schemas out of step with build_tools/model.py: {stale}; run `python -m build_tools schema`"
    assert all(text.endswith("}\n") and not text.endswith("\n\n") for text in generated.values())


def test_schema_covers_every_kind_of_content_file() -> None:
    names = {schema_name(n) for n in CONTENT_FILES} | {CLAIMS}
    assert set(content_models()) == names
    assert content_models()[CLAIMS] is ClaimFile


def test_schema_never_mentions_the_private_location_key() -> None:
    for name, text in schema_files().items():
        assert LOC_KEY not in text, name
        assert not re.search(r'"_\w*": \{', text), f"{name} names a private attribute as a property"


def _models_in(model: type) -> dict[str, type]:
    """The model and every model its fields name, by class name (as in the schema's $defs)."""
    found: dict[str, type] = {}

    def visit(annotation: object) -> None:
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            if annotation.__name__ not in found:
                found[annotation.__name__] = annotation
                for f in annotation.model_fields.values():
                    visit(f.annotation)
        for arg in getattr(annotation, "__args__", ()):
            visit(arg)

    visit(model)
    return found


def test_schema_properties_and_required_keys_equal_the_models_fields() -> None:
    import json

    for name, model in content_models().items():
        schema = json.loads(schema_files()[f"{name}.schema.json"])
        for cls_name, cls in _models_in(model).items():
            node = schema if cls is model else schema["$defs"][cls_name]
            required = [f for f, info in cls.model_fields.items() if info.is_required()]
            assert set(node["properties"]) == set(cls.model_fields), (name, cls_name)
            assert node.get("required", []) == required, (name, cls_name)
            assert node["additionalProperties"] is False, (name, cls_name)


def test_every_content_file_names_its_schema_and_fits_it() -> None:
    folder = ROOT / "content" / READING
    files = content_files(folder)
    assert len(files) >= len(CONTENT_FILES) + 1
    for file, name in files:
        first = file.read_text(encoding="utf-8").splitlines()[0]
        depth = len(file.relative_to(ROOT).parts) - 1
        assert first == modeline(name, depth), file
        target = (file.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (ROOT / "schemas" / f"{name}.schema.json").resolve() and target.is_file()
        validate(content_models()[name], load_yaml(file))  # raises InputErrors if it does not fit


# --- (b) `new` -------------------------------------------------------------------------


def _build_args() -> list[str]:
    """`build`, without the PDF handouts when the command offers that (they take minutes)."""
    _, unknown = _parser().parse_known_args(["build", "--no-pdf"])
    return ["build"] if unknown else ["build", "--no-pdf"]


@needs_dot
def test_new_reading_loads_checks_clean_and_builds(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "new", "harbors-and-fleets", "--title", "Harbors: A “Test”",
                 "--author", "Ann Author"]) == 0
    folder = project / "content" / "harbors-and-fleets"
    files = content_files(folder)
    assert {name for _, name in files} == {schema_name(n) for n in CONTENT_FILES} | {CLAIMS}
    for file, name in files:
        text = file.read_text(encoding="utf-8")
        assert text.splitlines()[0] == modeline(name, 3 if name == CLAIMS else 2)
        comments = " ".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
        data = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        keys = set(re.findall(r"^\s*(?:- )?(\w+):", data, re.MULTILINE)) | set(re.findall(r"[{,]\s*(\w+):", data))
        unexplained = sorted(k for k in keys if not re.search(rf"\b{k}\b", comments))
        assert not unexplained, f"{file.name}: no comment explains {unexplained}"
    assert (project / "bib" / "harbors-and-fleets.bib").is_file()

    course = load(Project(project))
    reading = next(r for r in course if r.id == "harbors-and-fleets")
    assert len(reading.reading.sections) == 1 and len(reading.claims) == 2
    assert [c.kind for c in reading.claims.values()] == ["thesis", "claim"]
    assert len(reading.reading.footnotes) == 1 and len(reading.reading.sources) == 1
    mine = [f for f in check(Project(project), course)
            if f.file and ("harbors-and-fleets" in str(f.file))]
    assert not mine, [f"{f.file}:{f.line} {f.code.code} {f.message}" for f in mine]

    capsys.readouterr()
    assert main(["--root", str(project), *_build_args()]) == 0, capsys.readouterr().err
    assert (project / "site" / "harbors-and-fleets" / "index.html").is_file()


def test_new_refuses_a_bad_id_and_an_existing_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for bad in ("Bad_Id", "two--hyphens", "trailing-", "x" * 81):
        assert main(["--root", str(project), "new", bad]) == 2
        err = capsys.readouterr().err
        assert "invalid reading id" in err and "lower-case letters" in err and "Traceback" not in err
    before = sorted(p.relative_to(project) for p in (project / "content").rglob("*"))
    assert main(["--root", str(project), "new", READING]) == 2
    assert f"content/{READING} already exists" in capsys.readouterr().err
    (project / "bib" / "orphan.bib").write_text("", encoding="utf-8")
    assert main(["--root", str(project), "new", "orphan"]) == 2
    assert "bib/orphan.bib already exists" in capsys.readouterr().err
    assert sorted(p.relative_to(project) for p in (project / "content").rglob("*")) == before


def test_schema_command_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 1
    assert main(["--root", str(tmp_path), "schema"]) == 0
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "schemas").iterdir()}
    assert main(["--root", str(tmp_path), "schema"]) == 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "schemas").iterdir()} == first


# --- (c) `import-notes` against the curated reading --------------------------------------

FRAGMENT_WIDTH = 90
"""Body lines of the two-column copy are under 75 characters. A longer line that no numbered
note continues is the tail of a note whose number the copy lost (it stands before note 42)."""


def extract_footnotes(source: str) -> str:
    """The footnote blocks of the source copy, as they stand: a line with a number and U+3000
    (or a fragment line, see FRAGMENT_WIDTH) and the lines that continue it, blank lines
    inside a note kept, up to the line that ends the note. This made us-japan-notes.txt."""
    lines = source.splitlines()
    blocks, i = [], 0
    while i < len(lines):
        if not (NUMBER.match(lines[i]) or len(lines[i].rstrip()) >= FRAGMENT_WIDTH):
            i += 1
            continue
        block, i = [lines[i]], i + 1
        while i < len(lines):
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j == len(lines) or NUMBER.match(lines[j]) or ends_note(block[-1]):
                break
            block, i = block + lines[i:j + 1], j + 1
        blocks.append("\n".join(block))
    return "\n\n".join(blocks) + "\n"


def test_notes_fixture_is_the_source_copys_footnotes() -> None:
    assert NOTES_TXT.read_text(encoding="utf-8") == extract_footnotes(source_text_or_skip())


def norm(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def identities(source: Source) -> set[tuple[str, ...]]:
    """Normalised title (or short title) and first author's surname; an entry with no title
    (a fragment) is known by its author alone, its URL, or its venue and volume."""
    authors = source.persons.get("author", [])
    # The last word of the surname: a note cannot show where a two-word surname starts ("Sarah Bauerle Danzman").
    surname = norm(authors[0].split(",")[0].split()[-1]) if authors else ""
    f = source.fields
    found = {("title", norm(f[t]), surname) for t in ("title", "shorttitle") if f.get(t)}
    if not found:
        found |= {("author", surname)} if surname else set()
        found |= {("url", f["url"])} if f.get("url") else set()
        found |= {("venue", norm(f.get("journal", "")), f.get("volume", ""), f.get("date", ""))}
    return found


def field_values(source: Source) -> dict[str, str]:
    values = {k: v for k, v in source.fields.items() if k not in ("incomplete", "note")}
    values.update({role: " and ".join(names) for role, names in source.persons.items()})
    values["type"] = source.type
    return values


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Source], list[Footnote]]:
    """The fixture's notes imported through the CLI, read back as the model reads bib/ and notes.yaml."""
    root = tmp_path_factory.mktemp("import")
    assert main(["--root", str(root), "import-notes", str(NOTES_TXT), "--reading", READING, "--out", str(root / "drafts")]) == 0
    sources = load_bibliography(root / "drafts" / f"{READING}.draft.bib")
    notes = validate(NoteFile, load_yaml(root / "drafts" / "notes.draft.yaml")).footnotes
    return sources, notes


def test_import_finds_every_work_parses_fields_and_renders_notes_back(
    imported: tuple[list[Source], list[Footnote]],
) -> None:
    drafts, draft_notes = imported
    curated = load_bibliography(CURATED_BIB)
    by_identity = {ident: d for d in drafts for ident in identities(d)}
    matched = {c.key: next((by_identity[i] for i in identities(c) if i in by_identity), None) for c in curated}
    missing = [k for k, d in matched.items() if d is None]

    counts: dict[str, list[int]] = {}
    for c in curated:
        if (d := matched[c.key]) is None:
            continue
        want, got = field_values(c), field_values(d)
        for name in want.keys() | got.keys():
            exact, total = counts.setdefault(name, [0, 0])
            counts[name] = [exact + (want.get(name) == got.get(name)), total + 1]
    exact_all, total_all = sum(e for e, _ in counts.values()), sum(t for _, t in counts.values())

    sources = {s.key: s for s in drafts}
    reference = {n.number: n.text for n in validate(NoteFile, load_yaml(CURATED_NOTES)).footnotes}
    ratios = {}
    for note in draft_notes:
        if note.status != "missing" and reference.get(note.number):
            got, want = (re.sub(r"\s+", "", t) for t in (chicago.format_note(note, sources, "text"), reference[note.number]))
            ratios[note.number] = difflib.SequenceMatcher(None, got, want).ratio()

    print(f"\nworks found: {len(curated) - len(missing)}/{len(curated)} (draft entries: {len(drafts)})")
    print("field          exact/total  share")
    for name, (exact, total) in sorted(counts.items()):
        print(f"{name:<14} {exact:>5}/{total:<5}  {exact / total:6.1%}")
    print(f"{'all fields':<14} {exact_all:>5}/{total_all:<5}  {exact_all / total_all:6.1%}")
    print(f"notes rendered back: {len(ratios)}; similarity min {min(ratios.values()):.4f}, "
          f"mean {sum(ratios.values()) / len(ratios):.4f}; exact {sum(r == 1 for r in ratios.values())}")
    for number, ratio in sorted(ratios.items()):
        if ratio < 1:
            print(f"  note {number:>2}: {ratio:.4f}")

    assert not missing, f"works not found: {missing}"
    assert exact_all / total_all >= MIN_FIELDS_EXACT
    assert set(ratios) == {n for n, t in reference.items() if t}, "a note of the source was not imported"
    low = {n: round(r, 4) for n, r in ratios.items() if r < MIN_SIMILARITY}
    assert not low, f"notes below {MIN_SIMILARITY}: {low}"


def test_import_records_gaps_as_data(imported: tuple[list[Source], list[Footnote]]) -> None:
    drafts, notes = imported
    by_number = {n.number: n for n in notes}
    assert [n.number for n in notes] == list(range(1, 46))
    assert {n.number for n in notes if n.status == "missing"} == {1, 2, 39}
    assert {n.number for n in notes if n.status == "partial"} == {36, 38, 41}
    assert "Robert A. Pape," in by_number[36].gap and "40 and 42" in by_number[41].gap
    incomplete = {s.key: s for s in drafts if s.incomplete}
    assert {s.persons.get("author", ["-"])[0] for s in incomplete.values()} >= {"Matsuda", "Liff", "Pape, Robert A."}
    orphan = next(s for s in incomplete.values() if s.persons.get("author") == ["Matsuda"])
    assert orphan.type == "misc" and orphan.fields["shorttitle"] == "Japan’s Emerging Security Strategy"
    assert "title" not in orphan.fields and "date" not in orphan.fields  # nothing invented


# --- (d) `import-notes` on notes it has never seen -----------------------------------------

UNSEEN = {
    # note: (type, fields expected exactly; "author"/"editor" as BibTeX writes them)
    1: ("article", {"author": "Okonkwo-Reyes, Marta", "journal": "Journal of Maritime Governance",
                    "title": "Harbors and Hinterlands: Port Politics in the Baltic, 1990–2015",
                    "volume": "12", "number": "3", "issue": "Autumn", "date": "2018", "pages": "211--39",
                    "doi": "10.5555/jmg.2018.0412", "shorttitle": "Harbors and Hinterlands"}),
    2: ("book", {"author": "Lindqvist, Tomasz", "title": "The Quiet Fleet: Coastal Navies and the Limits of Deterrence",
                 "location": "Oslo", "publisher": "Fjordline Academic Press", "date": "2016"}),
    3: ("incollection", {"author": "Ishikawa, Hana and de Waal, Peter", "title": "Rules, Ships; and the Sea",
                         "booktitle": "Ocean Orders: Essays on Maritime Law", "editor": "Brun, Clara and Mehta, Sunil",
                         "location": "Lisbon", "publisher": "Atlântico Books", "date": "2021"}),
    4: ("report", {"author": "Farouk, Aisha N. and Moreau, Daniel and Wen, Li", "title": "Shipyard Capacity in Allied States",
                   "location": "Geneva", "institution": "Institute for Naval Industry Studies", "date": "2022-03",
                   "url": "https://www.example.org/reports/shipyard-capacity-allied-states"}),
    5: ("article", {"author": "Pritchard, Owen", "title": "Port Strike Enters Third Week as Talks Stall",
                    "journal": "The Guardian", "entrysubtype": "newspaper", "date": "2023-10-14", "section": "World",
                    "url": "https://www.theguardian.example/world/2023/oct/14/port-strike-third-week"}),
    6: ("online", {"author": "Lindgren, Rosa", "title": "Why Small Navies Matter", "journal": "Tidewater Notes",
                   "entrysubtype": "blog", "date": "2020-02-03",
                   "url": "https://tidewater.example.net/2020/02/03/why-small-navies-matter/"}),
    9: ("article", {"author": "Achebe, Samuel and others", "title": "Dredging the Delta",
                    "journal": "Coastal Studies Review", "volume": "7", "date": "2019", "pages": "1--20"}),
    10: ("online", {"title": "Fleet Statistics in Brief", "journal": "Harbor Watch", "date": "2021-06-01",
                    "url": "https://harborwatch.example.com/fleet-statistics"}),
}
UNSEEN_CITATIONS = {
    # note: [(first note of the cited work, locator, form, short_title)]
    2: [(2, "88–91", "full", "full")], 3: [(3, "45–67", "full", "full")], 4: [(4, "14", "full", "full")],
    7: [(2, "chap. 4", "short", "none"), (1, "220", "short", "short")],
    8: [(4, "22", "short", "full"), (3, "50", "short", "none")],
}


def test_unseen_notes_get_the_right_types_and_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "import-notes", str(UNSEEN_TXT), "--reading", "unseen", "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "Harbor Watch" in err and "web page" in err  # the one guess is reported for review
    sources = load_bibliography(tmp_path / "unseen.draft.bib")
    notes = validate(NoteFile, load_yaml(tmp_path / "notes.draft.yaml")).footnotes
    assert [n.number for n in notes] == list(range(1, 11)) and all(n.status == "complete" for n in notes)
    first_key = {n.number: n.citations[0].key for n in notes if n.citations[0].form == "full"}
    by_key = {s.key: s for s in sources}
    assert len(sources) == len(UNSEEN)
    for number, (kind, fields) in UNSEEN.items():
        got = by_key[first_key[number]]
        assert got.type == kind, number
        assert field_values(got) == {**fields, "type": kind}, number
        assert "note" not in got.fields and not got.incomplete
    for number, expected in UNSEEN_CITATIONS.items():
        got = [(c.key, c.locator, c.form, c.short_title) for c in notes[number - 1].citations]
        assert got == [(first_key[n], loc, form, st) for n, loc, form, st in expected], number


def test_import_notes_writes_drafts_beside_the_reading(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "import-notes", str(UNSEEN_TXT), "--reading", READING]) == 0
    out = capsys.readouterr().out
    assert f"bib/{READING}.draft.bib" in out and f"content/{READING}/notes.draft.yaml" in out
    draft = (project / "content" / READING / "notes.draft.yaml").read_text(encoding="utf-8")
    assert draft.splitlines()[0] == modeline("notes")
    assert main(["--root", str(project), "check"]) in (0, 1)  # the drafts are not loaded: no L001
    assert "L001" not in capsys.readouterr().out


def test_import_notes_refuses_what_it_cannot_use(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("No numbered notes here.\n", encoding="utf-8")
    assert main(["--root", str(project), "import-notes", str(empty), "--reading", READING]) == 2
    assert "no footnote found" in capsys.readouterr().err
    assert main(["--root", str(project), "import-notes", str(tmp_path / "absent.txt"), "--reading", READING]) == 2
    assert main(["--root", str(project), "import-notes", str(UNSEEN_TXT), "--reading", "not-here"]) == 2
    assert "new not-here" in capsys.readouterr().err
    assert main(["--root", str(project), "import-notes", str(UNSEEN_TXT), "--reading", "Bad Id"]) == 2


# --- the pieces ------------------------------------------------------------------------------


def test_splitter_keeps_semicolons_inside_titles_and_parentheses() -> None:
    from build_tools.notes_import.splitter import split_citations

    assert split_citations("Ann Lee, “War; Peace,” Survival 3 (2001): 1–9; Lee, “War; Peace,” 4.") == [
        "Ann Lee, “War; Peace,” Survival 3 (2001): 1–9", "Lee, “War; Peace,” 4"]
    assert split_citations("Bo Kim, Ships (Oslo: Press; Annex, 2001); see also Kim, 5.") == [
        "Bo Kim, Ships (Oslo: Press; Annex, 2001)", "see also Kim, 5"]
    assert split_citations("Harman et al.") == ["Harman et al."]


def test_tokenizer_joins_lines_and_places_a_fragment() -> None:
    from build_tools.notes_import.tokenizer import read_notes

    text = ("1\u3000\ufffdAnn Lee, “Title,” Site, May 2, 2024, https://example.\ncom/a-b-\nc/.\n\n"
            "Site (blog), May 3, 2024, https://example.com/x.\n\n"
            "3\u3000\ufffd Bo Kim, Ships (Oslo: \n\nPress, 2001), sec. \nA.\n")
    notes = read_notes(text)
    assert [(n.number, n.fragment) for n in notes] == [(1, False), (2, True), (3, False)]
    assert notes[0].text == "Ann Lee, “Title,” Site, May 2, 2024, https://example.com/a-b-c/."
    assert notes[2].text == "Bo Kim, Ships (Oslo: Press, 2001), sec. A."

