"""Exports: the files other tools read parse, and reading.json keeps its documented shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pybtex.database import parse_file

from build_tools.export import write_exports
from build_tools.pipeline import Project, load
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    [linked] = load(Project(ROOT))
    folder = tmp_path_factory.mktemp("export")
    write_exports(linked, folder)
    return linked, folder


def test_the_six_files_are_written(exported) -> None:
    _, folder = exported
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        "reading.json", "bibliography.bib", "bibliography.json", "bibliography.ris",
        "argument.aif.json", "argument.argdown"])


def test_bibtex_parses_with_pybtex_and_keeps_every_entry(exported) -> None:
    linked, folder = exported
    data = parse_file(str(folder / "bibliography.bib"), bib_format="bibtex")
    assert set(data.entries) == set(linked.sources)
    blankenship = data.entries["blankenship2023burden"]
    assert blankenship.fields["title"].startswith("The Burden-Sharing Dilemma")
    assert str(blankenship.persons["author"][0]) == "Blankenship, Brian"


def test_csl_json_parses_and_marks_incomplete_entries(exported) -> None:
    linked, folder = exported
    items = json.loads((folder / "bibliography.json").read_text(encoding="utf-8"))
    assert {i["id"] for i in items} == set(linked.sources)
    assert all(i["type"] for i in items)
    incomplete = {i["id"] for i in items if i.get("note", "").startswith("Incomplete")}
    assert incomplete == {k for k, s in linked.sources.items() if s.incomplete}


def test_ris_has_one_record_per_entry(exported) -> None:
    linked, folder = exported
    text = (folder / "bibliography.ris").read_text(encoding="utf-8")
    assert text.count("TY  - ") == text.count("ER  - ") == len(linked.sources)


def test_reading_json_has_the_documented_shape(exported) -> None:
    linked, folder = exported
    data = json.loads((folder / "reading.json").read_text(encoding="utf-8"))
    assert set(data) == {"reading", "sections", "claims", "relations", "footnotes", "sources"}
    assert all(set(s) == {"id", "title", "parent"} for s in data["sections"])
    assert set(data["reading"]) == {"id", "title", "author", "footnotes"}
    assert all(set(c) == {"id", "section", "kind", "text", "editorial_note", "quotes", "footnotes"} for c in data["claims"])
    assert all(set(q) == {"text", "locator", "editorial_note"} for c in data["claims"] for q in c["quotes"])
    assert all(set(r) == {"from", "to", "kind"} for r in data["relations"])
    for note in data["footnotes"]:
        assert set(note) == {"number", "status", "source_text", "citations", "rendered"}
        assert note["status"] in {"complete", "partial", "missing"}
        assert all(set(c) == {"key", "locator", "form"} and c["form"] in {"full", "short"} for c in note["citations"])
    assert [n["number"] for n in data["footnotes"]] == list(range(1, 54))
    assert all(set(s) == {"key", "type", "fields", "cited_in", "complete"} for s in data["sources"])
    by_key = {s["key"]: s for s in data["sources"]}
    assert by_key["blackwill2024lostdecade"]["cited_in"] == [4]
    assert by_key["matsudaemerging"]["complete"] is False


def test_reading_json_puts_note_1_on_the_byline(exported) -> None:
    _, folder = exported
    data = json.loads((folder / "reading.json").read_text(encoding="utf-8"))
    assert data["reading"]["footnotes"] == [1]
    on_claims = {n for c in data["claims"] for n in c["footnotes"]}
    assert 1 not in on_claims and {n["number"] for n in data["footnotes"]} == on_claims | {1}


def test_reading_json_carries_editorial_notes(exported) -> None:
    _, folder = exported
    claims = {c["id"]: c for c in json.loads((folder / "reading.json").read_text(encoding="utf-8"))["claims"]}
    assert "is willing to act" in claims["weakens-economic-alternative"]["editorial_note"]
    assert claims["thesis"]["editorial_note"] is None
    assert sum(c["editorial_note"] is not None for c in claims.values()) == 3


def test_rendered_note_is_the_chicago_note(exported) -> None:
    _, folder = exported
    notes = {n["number"]: n for n in json.loads((folder / "reading.json").read_text(encoding="utf-8"))["footnotes"]}
    assert notes[4]["rendered"].startswith("Robert D. Blackwill and Richard Fontaine, Lost Decade:")
    assert notes[1]["rendered"] == "" and notes[1]["status"] == "missing"


def test_argdown_keeps_leads_to_apart_from_support(exported) -> None:
    linked, folder = exported
    text = (folder / "argument.argdown").read_text(encoding="utf-8")
    leads = [(r.source, r.target) for r in dict.fromkeys(linked.relations) if r.kind == "leads_to"]
    assert leads and "+>" not in text
    for source, target in leads:
        # an argument of its own: tagged, the source its premise, the target its conclusion, the inference named
        block = f"<{source} leads to {target}>: "
        assert block in text
        tail = text.split(block, 1)[1].split("\n")
        assert tail[0].endswith("#leads-to")
        assert tail[2:7] == [f"(1) [{source}]", "--", "leads to", "--", f"({2}) [{target}]"]
    # and never as a plain `+ [source]` under the target
    for source, target in leads:
        under_target = text.split(f"[{target}]: ", 1)[1].split("\n\n", 1)[0]
        assert f"+ [{source}]" not in under_target


def test_aif_names_leads_to_inferences(exported) -> None:
    linked, folder = exported
    aif = json.loads((folder / "argument.aif.json").read_text(encoding="utf-8"))
    texts = {n["nodeID"]: n["text"] for n in aif["nodes"] if n["type"] == "RA"}
    leads = {f"{r.source}--leads-to--{r.target}" for r in linked.relations if r.kind == "leads_to"}
    supports = {f"{r.source}--supports--{r.target}" for r in linked.relations if r.kind == "supports"}
    assert leads and {texts[i] for i in leads} == {"Leads To"}
    assert {texts[i] for i in supports} == {"Default Inference"}


def test_aif_nodes_and_edges(exported) -> None:
    linked, folder = exported
    aif = json.loads((folder / "argument.aif.json").read_text(encoding="utf-8"))
    ids = {n["nodeID"] for n in aif["nodes"]}
    assert {n["type"] for n in aif["nodes"]} == {"I", "RA", "CA"}
    assert sum(n["type"] == "I" for n in aif["nodes"]) == len(linked.claims)
    assert all(e["fromID"] in ids and e["toID"] in ids for e in aif["edges"])
