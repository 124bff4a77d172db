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


def synthetic_bibliography(dest: Path, entries: int) -> Path:
    """A project with one small reading whose bibliography holds ``entries`` entries, all cited."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content" / "big" / "claims").mkdir(parents=True)
    (dest / "bib").mkdir()
    (dest / "content" / "big" / "reading.yaml").write_text(
        "id: big\ntitle: Synthetic\nauthor: Bench\nbibliography: [big.bib]\n", encoding="utf-8")
    (dest / "content" / "big" / "sections.yaml").write_text("sections:\n  - id: s\n    title: S\n", encoding="utf-8")
    claims = ["section: s", "claims:", "  - id: t", "    kind: thesis", "    text: T.", "    paragraph: 1",
              f"    footnotes: [{', '.join(str(n) for n in range(1, entries + 1))}]"]
    (dest / "content" / "big" / "claims" / "s.yaml").write_text("\n".join(claims) + "\n", encoding="utf-8")
    notes = ["footnotes:"]
    bib = []
    for n in range(1, entries + 1):
        key = f"author{n}work"
        notes += [f"  - number: {n}", "    status: complete", f"    text: 'Note {n}.'", "    citations:",
                  f"      - {{key: {key}, locator: '{n % 300 + 1}'}}"]
        bib.append(f"@article{{{key},\n  author = {{Writer{n}, Ann and Other{n}, Bo}},\n"
                   f"  title = {{Study Number {n} of Alliances}},\n  journal = {{Journal {n % 50}}},\n"
                   f"  volume = {{{n % 40 + 1}}},\n  number = {{{n % 4 + 1}}},\n  pages = {{{n % 90 + 1}--{n % 90 + 20}}},\n"
                   f"  date = {{{1950 + n % 70}}},\n  doi = {{10.1000/bench.{n}}},\n}}\n")
    (dest / "content" / "big" / "notes.yaml").write_text("\n".join(notes) + "\n", encoding="utf-8")
    (dest / "bib" / "big.bib").write_text("\n".join(bib), encoding="utf-8")
    return dest
