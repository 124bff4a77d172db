"""Exports: the files other tools read parse, and reading.json keeps its documented shape."""

from __future__ import annotations

import json
import re
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


# --- what a reference manager reads: RIS through rispy, CSL-JSON against its schema, BibTeX through biber ---

from build_tools.exports.kinds import full_pages  # noqa: E402

from tests.readers import biber, csl_data_schema  # noqa: E402


@pytest.fixture(scope="module")
def ris(exported) -> dict[str, dict]:
    import rispy

    _, folder = exported
    with (folder / "bibliography.ris").open(encoding="utf-8") as f:
        return {r["id"]: r for r in rispy.load(f)}


def expected_ris_type(source) -> str:
    sub = source.fields.get("entrysubtype")
    if source.type == "article":
        return {"newspaper": "NEWS", "magazine": "MGZN"}.get(sub, "JOUR")
    if source.type == "online":
        return "BLOG" if sub == "blog" else "ELEC"
    return {"report": "RPRT", "book": "BOOK", "incollection": "CHAP"}.get(source.type, "GEN")


def test_rispy_reads_each_work_with_the_type_zotero_needs(exported, ris) -> None:
    linked, _ = exported
    assert set(ris) == set(linked.sources)
    assert {k: r["type_of_reference"] for k, r in ris.items()} == {
        k: expected_ris_type(s) for k, s in linked.sources.items()}
    types = [r["type_of_reference"] for r in ris.values()]
    assert (types.count("NEWS"), types.count("MGZN"), types.count("JOUR")) == (10, 7, 13)
    assert ris["reuters2024chinaurges"]["type_of_reference"] == "NEWS"
    assert ris["glaser2024looming"]["type_of_reference"] == "MGZN"
    assert ris["simon2024nato"]["type_of_reference"] == "ELEC"  # printed without "(blog)"


def test_ris_page_ranges_are_written_in_full_and_never_run_backwards(exported, ris) -> None:
    linked, _ = exported
    ranged = {k: r for k, r in ris.items() if "end_page" in r}
    assert len(ranged) == sum("--" in s.fields.get("pages", "") for s in linked.sources.values())
    assert all(int(r["start_page"]) <= int(r["end_page"]) for r in ranged.values())
    assert (ris["altman2017faitaccompli"]["start_page"], ris["altman2017faitaccompli"]["end_page"]) == ("881", "891")
    assert (ris["montgomery2014contested"]["start_page"], ris["montgomery2014contested"]["end_page"]) == ("115", "149")
    assert (ris["blankenship2019prepared"]["start_page"], ris["blankenship2019prepared"]["end_page"]) == ("43", "64")


def test_full_pages_expands_only_an_abbreviated_second_number() -> None:
    assert full_pages("881--91") == ("881", "891")
    assert full_pages("1095–1102") == ("1095", "1102")
    assert full_pages("490--522") == ("490", "522")
    assert full_pages("sec. 3") == ("sec. 3", None)


def test_ris_keeps_short_titles_sections_and_et_al(exported, ris) -> None:
    linked, _ = exported
    for key, source in linked.sources.items():
        want = source.fields.get("shorttitle") or source.fields.get("title")
        assert ris[key].get("short_title") == want, key
        assert ris[key].get("section") == source.fields.get("section"), key
    assert ris["jones2023emptybins"]["short_title"] == "Empty Bins in a Wartime Environment"
    assert ris["reuters2024chinaurges"]["section"] == "Asia Pacific"
    assert ris["harman2024commission"]["authors"] == ["Harman, Jane", "et al."]
    assert ris["harman2024commission"]["publisher"] == "RAND Corporation"


def test_csl_json_is_valid_against_the_official_schema(exported) -> None:
    import jsonschema

    _, folder = exported
    items = json.loads((folder / "bibliography.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, csl_data_schema())
    broken = [{**items[0], "type": "newspaper"}]  # the schema is strict enough to refuse a wrong type
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, csl_data_schema())


def test_every_work_has_its_short_title_in_csl_json(exported) -> None:
    linked, folder = exported
    items = {i["id"]: i for i in json.loads((folder / "bibliography.json").read_text(encoding="utf-8"))}
    short_forms = [c.key for n in linked.reading.footnotes for c in n.citations if c.form == "short"]
    cited_short = set(short_forms)
    assert (len(short_forms), len(cited_short)) == (14, 11)  # the paper's 14 short notes, of 11 works
    titled = {k for k, s in linked.sources.items() if {"title", "shorttitle"} & s.fields.keys()}
    assert cited_short <= titled
    assert all("title-short" in items[k] for k in titled)
    assert items["liff2015abe"]["title-short"] == "Japan’s Defense Policy"
    assert items["matsudaemerging"]["title-short"] == "Japan’s Emerging Security Strategy"
    assert items["harman2024commission"]["author"] == [{"family": "Harman", "given": "Jane", "suffix": "et al."}]
    assert items["matsudaemerging"]["title"] == "Japan’s Emerging Security Strategy"  # the one title known
    assert items["matsudaemerging"]["note"].startswith("Incomplete: Only the short form survives")
    assert items["altman2017faitaccompli"]["page"] == "881–891"
    assert items["reuters2024chinaurges"]["type"] == "article-newspaper"


def test_biber_finds_the_bibtex_export_fits_biblatexs_data_model(exported) -> None:
    """Warnings only for entries recorded as incomplete, and for the two articles the paper prints
    with no author (the data model wants one; biblatex-chicago puts the paper's name in its place)."""
    linked, folder = exported
    lines = biber(folder / "bibliography.bib", validate=True)
    warned: dict[str, list[str]] = {}
    for line in lines:
        if m := re.search(r"Entry '([^']+)'", line):
            warned.setdefault(m.group(1), []).append(line)
    assert len(warned) == 7 and len(lines) >= 7
    assert not [line for line in lines if line.startswith("ERROR")]
    incomplete = {k for k, s in linked.sources.items() if s.incomplete}
    unsigned = {k for k, s in linked.sources.items() if not s.persons and not s.incomplete}
    assert unsigned == {"reuters2024chinaurges", "economist2023okinawa"}
    assert set(warned) <= incomplete | unsigned
    for key in unsigned:
        assert [line.split(": ", 1)[1] for line in warned[key]] == ["Missing mandatory field 'author'"]


def test_bibtex_export_carries_site_names_sections_and_report_types(exported) -> None:
    _, folder = exported
    data = parse_file(str(folder / "bibliography.bib"), bib_format="bibtex")
    e = data.entries
    assert e["simon2024nato"].fields["organization"] == "War on the Rocks"
    assert not any("journaltitle" in x.fields or "journal" in x.fields for x in e.values() if x.type == "online")
    assert sum(x.fields.get("organization") == "War on the Rocks" for x in e.values()) == 5
    assert e["reuters2024chinaurges"].fields["usera"] == "sec. Asia Pacific"
    assert e["reuters2024chinaurges"].fields["entrysubtype"] == "magazine"
    assert e["harman2024commission"].fields["type"] == "report"
    assert e["altman2017faitaccompli"].fields["pages"] == "881--891"
    assert [str(p) for p in e["harman2024commission"].persons["author"]] == ["Harman, Jane", "others"]
