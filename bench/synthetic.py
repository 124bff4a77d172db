"""Synthetic courses for the benchmark: the reading replicated, and large bibliographies."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

BASE = "us-japan-alliance-2020s"


def replicate_course(root: Path, dest: Path, readings: int) -> Path:
    """A project under ``dest`` whose content/ holds ``readings`` renamed, perturbed copies of the reading."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ("templates",):
        shutil.copytree(root / name, dest / name)
    shutil.copy(root / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(root / "README.md", dest / "README.md")  # the authors' page includes a section of it
    (dest / "build_tools").symlink_to(root / "build_tools")
    (dest / "bib").mkdir()
    for i in range(readings):
        rid = BASE if i == 0 else f"{BASE}-copy{i}"
        target = dest / "content" / rid
        shutil.copytree(root / "content" / BASE, target, ignore=shutil.ignore_patterns(".done"))
        bib = (root / "bib" / f"{BASE}.bib").read_text(encoding="utf-8")
        (dest / "bib" / f"{rid}.bib").write_text(bib, encoding="utf-8")
        if i:
            _rename(target, rid, i)
    return dest


def _rename(folder: Path, rid: str, i: int) -> None:
    meta = folder / "reading.yaml"
    text = meta.read_text(encoding="utf-8")
    text = re.sub(rf"^id: {BASE}$", f"id: {rid}", text, flags=re.M)
    text = text.replace(f"{BASE}.bib", f"{rid}.bib")
    text = re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1).rstrip()} (copy {i})" if not m.group(1).startswith(("'", '"')) else f"title: {m.group(1)[:-1]} (copy {i}){m.group(1)[-1]}", text, count=1, flags=re.M)
    meta.write_text(text, encoding="utf-8")
    for claims in (folder / "claims").glob("*.yaml"):
        body = claims.read_text(encoding="utf-8")
        # Perturb paraphrases so that no two readings render the same pages.
        body, count = re.subn(r"^(\s*text: )(?!['\"|>])", rf"\g<1>(variant {i}) ", body, flags=re.M)
        assert count, f"no claim text perturbed in {claims.name}"
        claims.write_text(body, encoding="utf-8")


NOTES_PER_READING = 1000  # a notes file of one reading stays well under the loader's 20,000-value limit


def synthetic_bibliography(dest: Path, entries: int) -> Path:
    """A project whose bibliographies hold ``entries`` entries in all, every one cited once.

    The entries are spread over readings of at most ``NOTES_PER_READING`` notes
    each (a real paper has a few hundred notes at most), every reading with its
    own .bib file; claims carry 50 notes each and support the thesis.
    """
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "bib").mkdir(parents=True)
    first = 1
    index = 0
    while first <= entries:
        last = min(entries, first + NOTES_PER_READING - 1)
        _bib_reading(dest, f"big{index}", first, last)
        first, index = last + 1, index + 1
    return dest


def _bib_reading(dest: Path, rid: str, first: int, last: int) -> None:
    folder = dest / "content" / rid
    (folder / "claims").mkdir(parents=True)
    (folder / "reading.yaml").write_text(
        f"id: {rid}\ntitle: Synthetic {rid}\nauthor: Bench\nbibliography: [{rid}.bib]\n", encoding="utf-8")
    (folder / "sections.yaml").write_text("sections:\n  - id: s\n    title: S\n", encoding="utf-8")
    numbers = list(range(1, last - first + 2))
    claims = ["section: s", "claims:", "  - id: t", "    kind: thesis", "    text: T.", "    paragraph: 1"]
    for k in range(0, len(numbers), 50):
        chunk = numbers[k:k + 50]
        claims += [f"  - id: c{k // 50}", "    kind: evidence", f"    text: Evidence {k // 50}.",
                   f"    paragraph: {k // 50 + 2}", f"    footnotes: [{', '.join(map(str, chunk))}]",
                   "    supports: [t]"]
    (folder / "claims" / "s.yaml").write_text("\n".join(claims) + "\n", encoding="utf-8")
    notes = ["footnotes:"]
    bib = []
    for number, n in zip(numbers, range(first, last + 1)):
        key = f"author{n}work"
        notes += [f"  - number: {number}", "    status: complete", f"    text: 'Note {n}.'", "    citations:",
                  f"      - {{key: {key}, locator: '{n % 300 + 1}'}}"]
        bib.append(f"@article{{{key},\n  author = {{Writer{n}, Ann and Other{n}, Bo}},\n"
                   f"  title = {{Study Number {n} of Alliances}},\n  journal = {{Journal {n % 50}}},\n"
                   f"  volume = {{{n % 40 + 1}}},\n  number = {{{n % 4 + 1}}},\n  pages = {{{n % 90 + 1}--{n % 90 + 20}}},\n"
                   f"  date = {{{1950 + n % 70}}},\n  doi = {{10.1000/bench.{n}}},\n}}\n")
    (folder / "notes.yaml").write_text("\n".join(notes) + "\n", encoding="utf-8")
    (dest / "bib" / f"{rid}.bib").write_text("\n".join(bib), encoding="utf-8")
