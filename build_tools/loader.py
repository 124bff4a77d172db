"""Load: read a course's content/ and bib/ folders into Reading models."""

from __future__ import annotations

from pathlib import Path

from .bibliography import load_bibliography
from .errors import InputError, InputErrors, Location
from .model import CONTENT_FILES, ClaimFile, Reading, ReadingMeta, Source
from .validation import validate
from .yamlsource import YamlDocument, load_yaml

OPTIONAL_FILES = {"teaching.yaml", "lessons.yaml", "glossary.yaml", "actors.yaml", "timeline.yaml", "figures.yaml", "maps.yaml"}


def find_readings(content_dir: Path) -> list[Path]:
    """Each folder of content/ that holds a reading.yaml, in name order."""
    if not content_dir.is_dir():
        raise InputError(Location(content_dir), "content folder not found", "pass --content PATH")
    folders = sorted(p for p in content_dir.iterdir() if (p / "reading.yaml").is_file())
    for folder in folders:
        _refuse_outside(folder / "reading.yaml", content_dir)
    if not folders:
        raise InputError(
            Location(content_dir), "no reading found (no folder with a reading.yaml)",
            "run `python -m build_tools new READING-ID` to start one",
        )
    return folders


def load_course(content_dir: Path, bib_dir: Path) -> list[Reading]:
    """Load every reading of the course; report all input errors together."""
    readings: list[Reading] = []
    errors: list[InputError] = []
    for folder in find_readings(content_dir):
        try:
            readings.append(load_reading(folder, bib_dir))
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
    first: dict[str, Reading] = {}
    for reading in readings:
        meta = reading.meta
        if meta.id in first:
            # Both readings would write their pages to the same folder of the site.
            errors.append(InputError(
                Location(meta.file or reading.folder / "reading.yaml", meta.line, "id"),
                f"reading id {meta.id!r} is already used by {first[meta.id].folder.name}/reading.yaml",
                "give each reading its own id (the name of its folder)",
            ))
        first.setdefault(meta.id, reading)
    if errors:
        raise InputErrors(errors)
    return readings


def load_reading(folder: Path, bib_dir: Path) -> Reading:
    """Load one reading folder and the BibTeX files it names."""
    errors: list[InputError] = []
    parsed: dict[str, object] = {}
    docs: dict[str, YamlDocument] = {}
    for name, model in CONTENT_FILES.items():
        file = folder / name
        if not file.exists() and not file.is_symlink():
            if name not in OPTIONAL_FILES:
                errors.append(InputError(Location(file), "required file is missing", "see the README's authoring guide"))
            continue
        try:
            _refuse_outside(file, folder)
            docs[name] = load_yaml(file)
            parsed[name] = validate(model, docs[name])
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
    claim_files: list[ClaimFile] = []
    claims_dir = folder / "claims"
    if claims_dir.exists() and not claims_dir.is_dir():
        errors.append(InputError(Location(claims_dir, 1), "claims is a file, not a folder",
                                 "make claims/ a folder with one <section>.yaml file a section"))
    for file in sorted(claims_dir.glob("*.yaml")) if claims_dir.is_dir() else []:
        try:
            _refuse_outside(file, folder)
            claim_files.append(validate(ClaimFile, load_yaml(file)))
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
    meta = parsed.get("reading.yaml")
    sources: list[Source] = []
    if isinstance(meta, ReadingMeta):
        sources = _load_sources(meta, docs["reading.yaml"], bib_dir, errors)
    if errors:
        raise InputErrors(errors)
    assert isinstance(meta, ReadingMeta)
    order = {s.id: i for i, s in enumerate(parsed["sections.yaml"].sections)}  # type: ignore[attr-defined]
    claim_files.sort(key=lambda cf: order.get(cf.section, len(order)))

    def items(name: str, attr: str) -> list:
        model = parsed.get(name)
        return list(getattr(model, attr)) if model is not None else []

    return Reading(
        folder=folder, meta=meta,
        sections=items("sections.yaml", "sections"), claim_files=claim_files,
        footnotes=items("notes.yaml", "footnotes"), sources=sources,
        teaching=items("teaching.yaml", "sections"), lessons=items("lessons.yaml", "lessons"), terms=items("glossary.yaml", "terms"),
        actors=items("actors.yaml", "actors"), events=items("timeline.yaml", "events"),
        figures=items("figures.yaml", "figures"), maps=items("maps.yaml", "maps"),
    )


def _load_sources(meta: ReadingMeta, doc: YamlDocument, bib_dir: Path, errors: list[InputError]) -> list[Source]:
    """The entries of the .bib files reading.yaml names; problems go to ``errors``, located in reading.yaml."""
    if meta.source_file is not None and (problem := _not_a_file_name(meta.source_file)):
        errors.append(InputError(Location(doc.file, doc.line_of(("source_file",)), "source_file"),
                                 f"source_file {meta.source_file!r} {problem}",
                                 "name the source text file alone; the check looks for it in the source folders"))
    sources: list[Source] = []
    for i, name in enumerate(meta.bibliography):
        where = Location(doc.file, doc.line_of(("bibliography", i)), f"bibliography.{i}")
        bib_file = bib_dir / name
        try:
            if problem := _not_a_file_name(name):
                raise InputError(where, f"bibliography {name!r} {problem}",
                                 "name a .bib file in bib/ alone, as in [my-reading.bib]")
            if name in meta.bibliography[:i]:
                raise InputError(where, f"bibliography names {name!r} twice", "list each .bib file once")
            if not bib_file.exists() and not bib_file.is_symlink():
                raise InputError(where, f"bibliography names {name!r}, which is not in {bib_dir.name}/",
                                 "check the file name, or add the file to the bib folder")
            _refuse_outside(bib_file, bib_dir)
            sources.extend(load_bibliography(bib_file))
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
    return sources


def _refuse_outside(file: Path, root: Path) -> None:
    """A symlink that leads out of the content tree is refused, not followed."""
    if not file.resolve().is_relative_to(root.resolve()):
        raise InputError(
            Location(file, 1), "file is a link to a place outside its folder",
            "copy the file into the folder instead of linking it",
        )


def _not_a_file_name(name: str) -> str | None:
    """Why ``name`` is not a plain file name (a path would reach outside its folder), or None."""
    if not name.strip():
        return "is empty"
    if "/" in name or "\\" in name or name in (".", ".."):
        return "is a path, not a file name"
    if name.startswith("."):
        return "names a hidden file"
    return None
