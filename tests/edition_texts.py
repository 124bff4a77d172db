"""The line between the editions, checked on built sites: every instructor-only text is absent from
every file of the student edition and present in the instructor edition.

The texts are read from content/*/lessons.yaml afresh (not through build_tools), and each file of a
site is read as a reader or a tool would meet it: a page's text and its attributes, the search
index's strings, the sitemap (also gzipped), a PDF's text, each member of a zip (the cartridge).
Used by tests/test_editions.py and by CI on the real site/ and site-instructor/:

    python -m tests.edition_texts site site-instructor
"""

from __future__ import annotations

import functools
import gzip
import html
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import yaml

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


HYPHEN = re.compile(r"-\s*")


def normalize(text: str) -> str:
    """One spelling for a text wherever it stands: quotes straight, whitespace single, hyphens out
    (Typst curls quotes, Markdown and PDFs break lines, and pdftotext joins a word hyphenated at a
    line's end: "Indo-Pacific" reads "IndoPacific" there)."""
    return SPACE.sub(" ", HYPHEN.sub("", text.translate(QUOTES))).strip()


def instructor_only_texts(content: Path) -> list[tuple[str, str]]:
    """(where, text) of every lesson-plan step, "listen for" note, role task and activity step of
    every reading, read from lessons.yaml, and the heading of each section handout's answer key
    (top-level sections, from sections.yaml): the worksheets' keys are the instructor's."""
    found: list[tuple[str, str]] = []
    for path in sorted(content.glob("*/sections.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found += [(f"{path.parent.name}/{s['id']} answer key", f"Answer key: {s['title']}")
                  for s in data.get("sections") or [] if not s.get("parent")]
    for path in sorted(content.glob("*/lessons.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for lesson in data.get("lessons") or []:
            where = f"{path.parent.name}/{lesson['section']}"
            found += [(f"{where} plan step", s["step"]) for s in lesson.get("plan") or []]
            found += [(f"{where} listen_for {n['question']}", n["listen_for"]) for n in lesson.get("discussion_notes") or []]
            activity = lesson.get("activity") or {}
            found += [(f"{where} role {r['role']}", r["task"]) for r in activity.get("roles") or []]
            found += [(f"{where} activity step", s["step"]) for s in activity.get("steps") or []]
    return found


def instructor_handout_names(instructor_site: Path) -> list[str]:
    """The file names of the instructor handouts an instructor edition holds."""
    return sorted({p.name for p in (instructor_site / "handouts").rglob("*-instructor-*.pdf")})


@functools.lru_cache(maxsize=256)
def _pdf_text(data: bytes) -> str:
    """A PDF's text without its running heads and page numbers, so that a paragraph broken by a page
    reads whole: by poppler's pdftotext where installed (many times faster), else by pypdf. Kept
    by content: the cartridge packs the same handouts as the site."""
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-q", "-", "-"], input=data, capture_output=True, check=True)
        pages = done.stdout.decode("utf-8", errors="replace").split("\f")
    else:
        from pypdf import PdfReader

        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    return " ".join(_body(page) for page in pages)


PAGE_NUMBER = re.compile(r"^page \d+ of \d+$")
RUNNING_HEAD = re.compile(r" · (A4|Letter)$")


def _body(page: str) -> str:
    """A page's text without the page furniture: "page N of M" and the running head (the part's
    title and "Student handout · A4" or the like)."""
    lines = [line.strip() for line in page.splitlines() if line.strip() and not PAGE_NUMBER.match(line.strip())]
    head = next((i for i, line in enumerate(lines[:3]) if RUNNING_HEAD.search(line)), None)
    if head is not None:
        lines = lines[head + 1:] if head else lines[1:]
    return " ".join(lines)


def _readings(name: str, data: bytes) -> Iterator[str]:
    """The texts a file holds, each as someone could read it."""
    if name.endswith(".gz"):
        yield from _readings(name[:-3], gzip.decompress(data))
        return
    if name.endswith((".zip", ".imscc")):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield member
                yield from _readings(member, archive.read(member))
        return
    if name.endswith(".pdf"):
        yield _pdf_text(data)
        return
    text = data.decode("utf-8", errors="replace")
    if name.endswith(".json"):
        try:
            text = " ".join(_strings(json.loads(text)))
        except ValueError:
            pass
    yield html.unescape(text)  # attributes and tags included
    yield html.unescape(TAG.sub(" ", text))  # the text a reader sees


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def site_texts(site: Path) -> dict[str, str]:
    """Every file under ``site`` by its path, as one normalized text (its name included)."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        texts[rel] = normalize(" ".join([rel, *_readings(path.name, path.read_bytes())]))
    return texts


def leaks(texts: dict[str, str], needles: list[tuple[str, str]]) -> list[str]:
    """"file: where" for every needle found in a file."""
    return [f"{rel}: {where}" for where, needle in needles for rel, text in texts.items() if normalize(needle) in text]


def missing(texts: dict[str, str], needles: list[tuple[str, str]]) -> list[str]:
    """The needles found in no file."""
    return [where for where, needle in needles if not any(normalize(needle) in text for text in texts.values())]


def main(argv: list[str]) -> int:
    root = Path.cwd()
    student, instructor = (root / argv[0], root / argv[1]) if len(argv) == 2 else (root / "site", root / "site-instructor")
    needles = instructor_only_texts(root / "content")
    needles += [(f"instructor handout {name}", name) for name in instructor_handout_names(instructor)]
    found = leaks(site_texts(student), needles)
    absent = missing(site_texts(instructor), needles)
    for line in found:
        print(f"instructor-only text in the student edition: {line}", file=sys.stderr)
    for line in absent:
        print(f"instructor-only text missing from the instructor edition: {line}", file=sys.stderr)
    if not found and not absent:
        print(f"the student edition ({student.name}/) holds none of the {len(needles)} instructor-only texts; "
              f"the instructor edition ({instructor.name}/) holds them all")
    return 1 if found or absent else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
