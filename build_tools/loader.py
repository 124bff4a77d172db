"""Load: read a course's content/ and bib/ folders into Reading models."""

from __future__ import annotations

from pathlib import Path

from .bibliography import load_bibliography
from .errors import InputError, InputErrors, Location
from .model import CONTENT_FILES, ClaimFile, Reading, ReadingMeta
from .validation import validate
from .yamlsource import load_yaml

OPTIONAL_FILES = {"teaching.yaml", "glossary.yaml", "actors.yaml", "timeline.yaml", "figures.yaml", "maps.yaml"}


def find_readings(content_dir: Path) -> list[Path]:
    """Each folder of content/ that holds a reading.yaml, in name order."""
    if not content_dir.is_dir():
        raise InputError(Location(content_dir), "content folder not found", "pass --content PATH")
    folders = sorted(p for p in content_dir.iterdir() if (p / "reading.yaml").is_file())
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
    if errors:
        raise InputErrors(errors)
    return readings


def load_reading(folder: Path, bib_dir: Path) -> Reading:
    """Load one reading folder and the BibTeX files it names."""
    errors: list[InputError] = []
    parsed: dict[str, object] = {}
    for name, model in CONTENT_FILES.items():
        file = folder / name
        if not file.exists():
            if name not in OPTIONAL_FILES:
                errors.append(InputError(Location(file), "required file is missing", "see the README's authoring guide"))
            continue
        try:
            _refuse_outside(file, folder)
            parsed[name] = validate(model, load_yaml(file))
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
    claim_files: list[ClaimFile] = []
    claims_dir = folder / "claims"
    for file in sorted(claims_dir.glob("*.yaml")) if claims_dir.is_dir() else []:
        try:
            _refuse_outside(file, folder)
            claim_files.append(validate(ClaimFile, load_yaml(file)))
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
    meta = parsed.get("reading.yaml")
    sources = []
    if isinstance(meta, ReadingMeta):
        for name in meta.bibliography:
            bib_file = bib_dir / name
            try:
                _refuse_outside(bib_file, bib_dir)
                sources.extend(load_bibliography(bib_file))
            except InputErrors as exc:
                errors.extend(exc.errors)
            except InputError as exc:
                errors.append(exc)
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
        teaching=items("teaching.yaml", "sections"), terms=items("glossary.yaml", "terms"),
        actors=items("actors.yaml", "actors"), events=items("timeline.yaml", "events"),
        figures=items("figures.yaml", "figures"), maps=items("maps.yaml", "maps"),
    )


def _refuse_outside(file: Path, root: Path) -> None:
    """A symlink that leads out of the content tree is refused, not followed."""
    if not file.resolve().is_relative_to(root.resolve()):
        raise InputError(
            Location(file), "file is a link to a place outside its folder",
            "copy the file into the folder instead of linking it",
        )
