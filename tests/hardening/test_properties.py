"""Properties that hold for any input: readers refuse with InputErrors, never crash; the
formatter prints whatever the reader lets through; BibTeX survives a write-then-read round trip."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import string
from pathlib import Path

import pytest
import yaml

pytest.importorskip("hypothesis", reason="the property tests need hypothesis (pip install hypothesis)")

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_tools import chicago
from build_tools.bibliography import latex_problem, load_bibliography
from build_tools.cli import main
from build_tools.errors import InputError, InputErrors
from build_tools.export import bibtex_record
from build_tools.model import ClaimFile, Citation, Footnote, NoteFile, Source
from build_tools.validation import validate
from build_tools import yamlsource
from build_tools.yamlsource import load_yaml

EXAMPLES = int(os.environ.get("HARDENING_EXAMPLES", "150"))
"""Examples a property tries; raise it (HARDENING_EXAMPLES=5000) for a longer search."""
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_BITS = st.sampled_from([
    "\n", "\n  ", "\n    ", " ", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "&b ", "*b",
    "!!str ", "!!binary ", "!!python/object:os.system ", "!x ", "'", '"', "#", "? ", "|", ">", "---\n", "...\n",
    "<<: ", "%YAML 1.1\n",
    "section", "claims", "id", "kind", "text", "paragraph", "supports", "footnotes", "thesis", "a-b", "1", "-1",
    "0x1f", "1e999", "9" * 30, "yes", "~", "null", ".inf", "2020-01-01", "\\", "\u00fc", "\x85", "\u2028", "\ufeff",
])
yaml_text = st.one_of(st.text(max_size=200), st.lists(YAML_BITS, max_size=60).map("".join))

BIB_BITS = st.sampled_from([
    "\n", " ", "@", "@book", "@article", "@string", "@comment", "@preamble", "{", "}", "(", ")", ",", "=", '"', "#",
    "%", "\\", "and ", " and ", "author", "editor", "title", "date", "key1", "key2", "Smith, Ann", "{Barnes and Noble}",
    "2001", "jan", "\u00e9", "\x00", "--", "~", "$", "\\'", "\\\\",
])
bib_text = st.one_of(st.text(max_size=200), st.lists(BIB_BITS, max_size=80).map("".join))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


# --- the readers ------------------------------------------------------------------


@SETTINGS
@given(text=yaml_text)
def test_any_text_is_read_or_refused_by_load_yaml(scratch: Path, text: str) -> None:
    file = scratch / "any.yaml"
    file.write_text(text, encoding="utf-8")
    try:
        doc = load_yaml(file)
    except (InputError, InputErrors):
        return
    try:
        validate(ClaimFile, doc)
        validate(NoteFile, doc)
    except (InputError, InputErrors) as exc:
        errors = exc.errors if isinstance(exc, InputErrors) else [exc]
        assert all(e.hint for e in errors)


def _outcome(file: Path) -> object:
    try:
        doc = load_yaml(file)
    except (InputError, InputErrors) as exc:
        return str(exc)
    return repr(doc.data), repr(doc.lines)


@SETTINGS
@given(text=yaml_text)
@example(text="a: [1, 2\n")
@example(text="- &a [*a]\n")
def test_libyaml_and_pure_python_read_any_text_alike(scratch: Path, text: str) -> None:
    """libyaml reads what it can, fast; the answer (data, lines, or error) is the pure-Python loader's."""
    file = scratch / "alike.yaml"
    file.write_text(text, encoding="utf-8")
    fast = _outcome(file)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlsource, "_FastLoader", None)
        assert _outcome(file) == fast


def test_libyaml_reads_the_embedded_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path is taken for real content files, not silently always refused."""
    assert yamlsource._FastLoader is not None, "PyYAML was installed without libyaml"
    used = []
    original = yamlsource._FastLoader.get_single_node
    monkeypatch.setattr(yamlsource._FastLoader, "get_single_node", lambda self: used.append(1) or original(self))
    # Parses are kept per file text (parse_once): another test of this process may have loaded the content.
    monkeypatch.setattr(yamlsource, "_LAST_PARSE", {})
    files = sorted((Path(__file__).resolve().parents[2] / "content").rglob("*.yaml"))
    for file in files:
        load_yaml(file)
    assert len(used) == len(files) > 10


@SETTINGS
@given(data=st.binary(max_size=200))
def test_any_bytes_are_read_or_refused_by_load_yaml(scratch: Path, data: bytes) -> None:
    file = scratch / "bytes.yaml"
    file.write_bytes(data)
    try:
        load_yaml(file)
    except (InputError, InputErrors):
        pass


@SETTINGS
@given(text=bib_text)
def test_any_text_is_read_or_refused_by_load_bibliography(scratch: Path, text: str) -> None:
    file = scratch / "any.bib"
    file.write_text(text, encoding="utf-8")
    try:
        sources = load_bibliography(file)
    except (InputError, InputErrors):
        return
    for source in sources:  # whatever the reader lets through, the formatter can print
        _format_everything(source)


# --- the formatter ----------------------------------------------------------------------

TYPES = st.sampled_from(["article", "book", "report", "online", "incollection", "misc", "thesis"])
FIELD_NAMES = st.sampled_from(["title", "journal", "volume", "number", "pages", "date", "publisher", "location",
                               "institution", "url", "doi", "entrysubtype", "shorttitle", "issue", "section"])
NAME_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20)


@st.composite
def sources(draw: st.DrawFn, values: st.SearchStrategy[str] = st.text(max_size=30)) -> Source:
    fields = draw(st.dictionaries(FIELD_NAMES, values, max_size=8))
    persons = draw(st.dictionaries(st.sampled_from(["author", "editor"]), st.lists(NAME_TEXT, max_size=4), max_size=2))
    return Source(key="k", type=draw(TYPES), fields=fields, persons=persons, file=Path("x.bib"), line=1)


def _format_everything(source: Source, locator: str | None = "12") -> None:
    for fmt in ("text", "markdown"):
        assert isinstance(chicago.format_bibliography_entry(source, fmt), str)
        for form in ("full", "short"):
            for short_title in ("short", "full", "none"):
                cit = Citation(key=source.key, locator=locator, form=form, short_title=short_title)
                note = Footnote(number=1, status="complete", citations=[cit])
                assert isinstance(chicago.format_note(note, {source.key: source}, fmt), str)


@SETTINGS
@given(source=sources(), locator=st.none() | st.text(max_size=10))
def test_sources_the_reader_admits_always_format(scratch: Path, source: Source, locator: str | None) -> None:
    """Any Source, written as BibTeX and read back: refused with InputErrors, or printable."""
    file = scratch / "admitted.bib"
    file.write_text(bibtex_record(source), encoding="utf-8")
    try:
        [loaded] = load_bibliography(file)
    except (InputError, InputErrors):
        return
    _format_everything(loaded, locator)


UNREADABLE = {  # values the reader refuses; a Source built by hand may still hold them
    "trailing-backslash": (Source(key="k", type="book", fields={"title": "Spans\\"}, persons={}, file=Path("x.bib")),
                           "*Spans*."),
    "unbalanced-field": (Source(key="k", type="book", fields={"title": "Sp}ans"}, persons={}, file=Path("x.bib")),
                         "*Spans*."),
    "unbalanced-name": (Source(key="k", type="misc", fields={}, persons={"editor": ["Lee{, Bo"]}, file=Path("x.bib")),
                        "Lee, Bo, ed."),
    "three-commas": (Source(key="k", type="book", fields={}, persons={"author": ["Lee, Bo, Jr., Extra"]},
                            file=Path("x.bib")), "Lee, Bo, Jr., Extra."),
}


@pytest.mark.parametrize(("source", "printed"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_formatter_prints_values_the_reader_refuses_without_their_latex(source: Source, printed: str) -> None:
    _format_everything(source)
    assert chicago.format_bibliography_entry(source, "markdown") == printed


@settings(max_examples=100, deadline=None, report_multiple_bugs=False)
@given(source=sources(), locator=st.none() | st.text(max_size=10))
@example(source=UNREADABLE["unbalanced-field"][0], locator=None)
def test_any_source_values_format_without_crashing(source: Source, locator: str | None) -> None:
    _format_everything(source, locator)


# --- the round trip -------------------------------------------------------------------------

def _balanced(value: str) -> bool:
    """Braces pair up as BibTeX counts them (every brace, escaped or not, in order)."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


KEY = st.from_regex(r"[A-Za-z][A-Za-z0-9_:.+-]{0,24}", fullmatch=True)
FIELD = st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True).filter(lambda n: n not in ("author", "editor"))
VALUE = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\u2028\u2029\x85"),
                min_size=1, max_size=40).map(str.strip).filter(
    lambda v: v and not v.endswith("\\") and _balanced(v) and latex_problem(v) is None)
WORD = st.text(alphabet=string.ascii_letters + "\u00e9\u00fc\u00f8'.-", min_size=1, max_size=12).filter(
    lambda w: w.lower() != "and" and latex_problem(w) is None)
NAME = st.one_of(
    st.builds(lambda last, first: f"{last}, {first}", WORD, WORD),
    st.builds(lambda first, last: f"{first} {last}", WORD, WORD),
    WORD,
)


@st.composite
def valid_sources(draw: st.DrawFn) -> Source:
    return Source(
        key=draw(KEY), type=draw(st.sampled_from(["article", "book", "report", "online", "incollection", "misc"])),
        fields=draw(st.dictionaries(FIELD, VALUE, max_size=6)),
        persons=draw(st.dictionaries(st.sampled_from(["author", "editor"]), st.lists(NAME, min_size=1, max_size=4),
                                     max_size=2)),
        file=Path("x.bib"), line=1,
    )


@settings(SETTINGS, max_examples=max(EXAMPLES, 200))
@given(source=valid_sources())
def test_valid_entries_survive_write_then_read(scratch: Path, source: Source) -> None:
    file = scratch / "roundtrip.bib"
    file.write_text(bibtex_record(source), encoding="utf-8")
    [back] = load_bibliography(file)
    assert (back.key, back.type, back.fields, back.persons) == (source.key, source.type, source.fields, source.persons)


# --- the whole check, on content that fits the model but not the rules ------------------------

IDS = st.sampled_from(["opening", "answers", "bridge-thesis", "cost-evidence", "traffic-objection", "roads-rebuttal",
                       "nowhere"])
KINDS = st.sampled_from(["thesis", "claim", "evidence", "objection", "rebuttal"])
NUMBERS = st.integers(min_value=0, max_value=4)
KEYS = st.sampled_from(["smith2001spans", "lee2010narrow", "nobody2000"])
PLAIN = st.sampled_from(["Bridges belong where rivers are narrow.", "A <b>bold</b> claim", "javascript:x", "x"])

claim = st.fixed_dictionaries({
    "id": IDS, "kind": KINDS, "text": PLAIN, "paragraph": st.integers(min_value=1, max_value=3),
}, optional={
    "footnotes": st.lists(NUMBERS, max_size=3), "supports": st.lists(IDS, max_size=2),
    "objects_to": st.lists(IDS, max_size=2), "rebuts": st.lists(IDS, max_size=2), "leads_to": st.lists(IDS, max_size=2),
})
citation = st.fixed_dictionaries({"key": KEYS}, optional={
    "locator": st.sampled_from(["12", "<i>", ""]), "form": st.sampled_from(["full", "short"]),
    "short_title": st.sampled_from(["short", "full", "none"])})
note = st.fixed_dictionaries({
    "number": st.integers(min_value=1, max_value=4), "status": st.sampled_from(["complete", "partial", "missing"]),
}, optional={"text": PLAIN, "gap": PLAIN, "citations": st.lists(citation, max_size=3)})
section = st.fixed_dictionaries({"id": IDS, "title": PLAIN}, optional={"parent": IDS})


@pytest.fixture(scope="module")
def mini_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mini")
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "mini", root, dirs_exist_ok=True)
    return root


@settings(SETTINGS, max_examples=max(EXAMPLES // 3, 20))  # a whole check is slower than one reader
@given(claims=st.lists(claim, max_size=5), notes=st.lists(note, max_size=4),
       sections=st.lists(section, min_size=1, max_size=3))
def test_any_content_that_fits_the_model_gets_an_exit_code(
        mini_copy: Path, claims: list, notes: list, sections: list) -> None:
    reading = mini_copy / "content" / "mini-reading"
    (reading / "claims" / "opening.yaml").write_text(yaml.safe_dump({"section": "opening", "claims": claims}))
    (reading / "notes.yaml").write_text(yaml.safe_dump({"footnotes": notes}))
    (reading / "sections.yaml").write_text(yaml.safe_dump({"sections": sections}))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--root", str(mini_copy), "check", "--format", "json"])
    assert status in (0, 1, 2)
    findings = json.loads(out.getvalue())["findings"]
    assert all(f["hint"] or f["severity"] == "info" for f in findings)
