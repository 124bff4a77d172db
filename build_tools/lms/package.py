"""A zip that is the same, byte for byte, on every build: fixed order, times and permissions."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can hold: no build date leaks into the package."""
STORED = (".pdf", ".png", ".jpg", ".zip")
"""Already compressed: stored as they are (deflating them again costs time and saves nothing)."""


def write_zip(target: Path, files: dict[str, bytes], first: str | None = None) -> Path:
    """Write ``files`` (name inside the zip -> bytes) to ``target``, ``first`` first and the rest sorted.

    The zip is written beside the target and moved into place, so a reader never sees half a file.
    """
    names = sorted(files, key=lambda n: (n != first, n))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, files[name], compresslevel=6 if info.compress_type == zipfile.ZIP_DEFLATED else None)
    os.replace(tmp, target)
    return target
