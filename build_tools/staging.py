"""How generated files reach build/: written whole into a staging folder, then put in place one by one,
only where their bytes changed.

A failed generation never reaches build/, and an unchanged file keeps its modification time, so
the live preview's engine rebuilds only the pages that really changed. The staging folder lives
in memory where the machine has a tmpfs (/dev/shm): creating a hundred small files on a disk
costs more here than rendering them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

SHARED_MEMORY = Path("/dev/shm")
ROOM_NEEDED = 1 << 30
"""Bytes free that the tmpfs must have to be used (a container's is often 64 MB; twenty readings
stage a few hundred)."""


def scratch_folder(fallback: Path) -> Path:
    """Where to stage: the machine's tmpfs if it has one with room that we may write to, else ``fallback``."""
    try:
        info = os.statvfs(SHARED_MEMORY)
        roomy = info.f_bavail * info.f_frsize >= ROOM_NEEDED and os.access(SHARED_MEMORY, os.W_OK | os.X_OK)
    except OSError:
        roomy = False
    if roomy:
        return SHARED_MEMORY
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def staging_folder(fallback: Path, prefix: str) -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(dir=scratch_folder(fallback), prefix=prefix)


def same_content(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes; one file under two names (a linked handout) without reading it."""
    sa, sb = a.stat(), b.stat()
    if os.path.samestat(sa, sb):
        return True
    return sa.st_size == sb.st_size and a.read_bytes() == b.read_bytes()


def put_in_place(source: Path, target: Path, *, link: bool = False) -> bool:
    """Make ``target`` hold what ``source`` holds, in one step, unless it already does; whether it
    was written. ``link``: a second name for the file where the file system allows it (a handout)."""
    if target.is_file() and same_content(source, target):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        if not link:
            raise OSError
        os.link(source, tmp)
    except OSError:  # not asked for, or across file systems
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)
    return True


def sync_tree(src: Path, dst: Path, linked: Mapping[str, Path] | None = None) -> list[str]:
    """Make ``dst`` hold exactly the files of ``src`` and ``linked`` (relative path -> file put there
    by a link, as a handout is), writing only those that changed; the relative paths written or
    removed, in order."""
    linked = linked or {}
    wanted = {p.relative_to(src).as_posix(): p for p in src.rglob("*") if not p.is_dir()} | dict(linked)
    folders = {Path(rel).parent for rel in wanted} | {Path(".")}
    folders |= {parent for folder in folders for parent in folder.parents}
    dst.mkdir(parents=True, exist_ok=True)
    touched: list[str] = []
    for path in sorted(dst.rglob("*"), reverse=True):
        rel, is_folder = path.relative_to(dst), path.is_dir() and not path.is_symlink()
        if rel in folders if is_folder else rel.as_posix() in wanted:
            continue
        if is_folder:
            touched += [p.relative_to(dst).as_posix() for p in path.rglob("*") if not p.is_dir()]
            shutil.rmtree(path)
        else:
            touched.append(rel.as_posix())
            path.unlink()
    for rel in sorted(wanted):
        if put_in_place(wanted[rel], dst / rel, link=rel in linked):
            touched.append(rel)
    return sorted(set(touched))
