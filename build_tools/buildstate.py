"""What the last build was made from, so that `make site` with nothing changed does nothing.

Two stamps per output folder and edition, in build/.state/:

- the build's: a digest of every input of `build` (content/, bib/, templates/, mkdocs.yml, the
  README the authors' page includes, the paper's text the check reads, this package's code, the
  installed packages' names and versions, the options and the environment the output depends on),
  with the state of the site it produced. When both are as recorded, `build` has nothing to do;
  this is decided before anything heavy is imported (see __main__.py), since importing the
  checks alone costs more than the whole decision;
- the engine's: a digest of the engine run's inputs (the generated docs and navigation, as written,
  mkdocs.yml, the engine, the options), with the same site state. An edit that changes no
  generated file (a comment in a YAML file) then runs no engine; an edit that changes some
  pages' text but not the navigation, the configuration or the set of files lets MkDocs rebuild
  those pages only (engines/mkdocs_dirty.py says when that gives the same site). For that, each
  generated file's digest is recorded too.

A site's state is every file's path, size and modification time: a file changed, added or removed
in site/ since the build wrote it makes the next build run in full. The module imports nothing
beyond the standard library (and the engines' names).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

STATE = Path("build") / ".state"
INPUT_FOLDERS = ("content", "bib", "templates")
INPUT_FILES = ("mkdocs.yml", "README.md", "requirements.lock", "pyproject.toml")
ENVIRONMENT = ("SOURCE_DATE_EPOCH", "SITE_URL")
"""Variables the output depends on: dates in the sitemap and PDFs, the published address."""

_PACKAGE = Path(__file__).resolve().parent


def _files(folder: Path, suffix: str = "") -> Iterable[Path]:
    for path in sorted(folder.rglob(f"*{suffix}")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path


def _feed(digest: hashlib._Hash, label: str, data: bytes) -> None:
    digest.update(f"{label}\0{len(data)}\0".encode())
    digest.update(data)


def source_folders(root: Path) -> list[Path]:
    """Where the check looks for a reading's source text (pipeline.Project.source_dirs)."""
    return [root / "source", root.parent / "shared" / "source"]


def build_key(root: Path, options: dict[str, str]) -> str:
    """A digest of every input of a build of the project at ``root`` with ``options``."""
    digest = hashlib.sha256()
    _feed(digest, "options", json.dumps(options, sort_keys=True).encode())
    _feed(digest, "environment", json.dumps({k: os.environ.get(k) for k in ENVIRONMENT}).encode())
    _feed(digest, "python", f"{sys.executable}\0{sys.version}".encode())
    for name in INPUT_FILES:
        path = root / name
        _feed(digest, name, path.read_bytes() if path.is_file() else b"")
    for folder in [*(root / name for name in INPUT_FOLDERS), *source_folders(root)]:
        for path in _files(folder):
            _feed(digest, str(path.relative_to(root.parent)), path.read_bytes())
    for path in _files(_PACKAGE, ".py"):
        _feed(digest, f"code:{path.relative_to(_PACKAGE)}", path.read_bytes())
    _feed_packages(digest)
    handouts = root / "build" / "handouts" / ".cache.json"
    if options.get("pdf") == "no":  # the handouts rendered before are what the site links
        _feed(digest, "handouts", handouts.read_bytes() if handouts.is_file() else b"")
    return digest.hexdigest()


def _feed_packages(digest: hashlib._Hash) -> None:
    """Installed packages by name and version (a dist-info folder's name holds both): a new MkDocs,
    Material, Zensical, Typst or pybtex may write other bytes."""
    for purelib in sorted({p for p in sys.path if p.endswith("site-packages")}):
        try:
            names = sorted(n for n in os.listdir(purelib) if n.endswith(".dist-info"))
        except OSError:
            continue
        _feed(digest, "packages", "\n".join(names).encode())


def docs_digests(docs: Path) -> dict[str, str]:
    """Each generated file's digest, by its path under the edition's docs folder (build/docs for
    the student edition)."""
    return {path.relative_to(docs).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in _files(docs)}


def structure_key(root: Path, options: dict[str, str], docs: dict[str, str], nav: Path) -> str:
    """A digest of what every page of a site shows beside its own text: the navigation, the
    configuration, the engine and the set of files (not their content)."""
    digest = hashlib.sha256()
    _feed(digest, "options", json.dumps(options, sort_keys=True).encode())
    _feed(digest, "environment", json.dumps({k: os.environ.get(k) for k in ENVIRONMENT}).encode())
    _feed_packages(digest)
    for name, path in (("mkdocs.yml", root / "mkdocs.yml"), ("README.md", root / "README.md"), ("nav.yml", nav)):
        _feed(digest, name, path.read_bytes() if path.is_file() else b"")
    _feed(digest, "files", "\n".join(sorted(docs)).encode())
    return digest.hexdigest()


def engine_key(structure: str, docs: dict[str, str]) -> str:
    """A digest of an engine run's inputs: the structure and every generated file's content."""
    return hashlib.sha256(json.dumps([structure, docs], sort_keys=True).encode()).hexdigest()


def changed_docs(root: Path, site: Path, edition: str, structure: str, docs: dict[str, str]) -> list[str] | None:
    """The generated files that changed since ``site`` was built from its docs, when nothing
    else did and the site is as that build left it; None when the site must be built in full."""
    state = recorded(root, site, edition)
    if state.get("structure") != structure or state.get("site") != site_state(site):
        return None
    before = state.get("docs")
    if not isinstance(before, dict) or set(before) != set(docs):
        return None
    return sorted(rel for rel, digest in docs.items() if before[rel] != digest)


def site_state(site: Path) -> str:
    """A digest of every file in ``site``: path, size and modification time."""
    digest = hashlib.sha256()
    for top, folders, names in os.walk(site):
        folders.sort()
        for name in sorted(names):
            path = os.path.join(top, name)
            info = os.stat(path)
            digest.update(f"{os.path.relpath(path, site)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest() if site.is_dir() else ""


def _state_file(root: Path, site: Path, edition: str) -> Path:
    return root / STATE / f"{site.name}-{edition}.json"


def recorded(root: Path, site: Path, edition: str) -> dict[str, str]:
    try:
        data = json.loads(_state_file(root, site, edition).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record(root: Path, site: Path, edition: str, **keys: object) -> None:
    """Note what ``site`` was built from, with its state as it now is."""
    path = _state_file(root, site, edition)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({**keys, "site": site_state(site)}, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def forget(root: Path, site: Path, edition: str) -> None:
    """The site is about to change: until it is whole again, nothing about it is known."""
    _state_file(root, site, edition).unlink(missing_ok=True)


def unchanged(root: Path, site: Path, edition: str, key: str, name: str = "build") -> bool:
    """Whether ``site`` was built from inputs with digest ``key`` and has not changed since."""
    state = recorded(root, site, edition)
    return bool(state) and state.get(name) == key and state.get("site") == site_state(site)


def build_options(engine: str, pdf: bool, edition: str = "student") -> dict[str, str]:
    """The options of `build` that its output depends on, as the stamps record them."""
    return {"engine": engine, "pdf": "yes" if pdf else "no", "edition": edition}


def site_folder(root: Path, edition: str) -> Path:
    """Where an edition's site is built: site/ for the students' (published) one."""
    return root / ("site" if edition == "student" else f"site-{edition}")


def up_to_date_build(argv: list[str]) -> bool:
    """Whether `python -m build_tools ARGV` is a `build` with nothing to do; decided from the
    command line without argparse (whatever this cannot read takes the ordinary way)."""
    args, root = list(argv), "."
    if args[:1] == ["--root"] and len(args) > 1:
        root, args = args[1], args[2:]
    if args[:1] != ["build"]:
        return False
    from .engines import DEFAULT_ENGINE

    engine, pdf, edition, rest = DEFAULT_ENGINE, True, "student", args[1:]
    while rest:
        flag = rest.pop(0)
        if flag == "--no-pdf":
            pdf = False
        elif flag in ("--engine", "--edition") and rest:
            value = rest.pop(0)
            engine, edition = (value, edition) if flag == "--engine" else (engine, value)
        else:
            return False
    project = Path(root).resolve()
    site = site_folder(project, edition)
    try:
        return unchanged(project, site, edition, build_key(project, build_options(engine, pdf, edition)))
    except OSError:
        return False
