"""A polling watcher over the author's folders (standard library only: it works the same on any
file system, and a course's few hundred files are stat-ed in milliseconds)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

Snapshot = dict[Path, tuple[int, int]]
"""Each file's modification time (ns) and size."""


def _ignored(name: str) -> bool:
    """Editors' swap, backup and temporary files: saving a file is not done until they are gone."""
    return name.startswith(".") or name.endswith(("~", ".swp", ".swx", ".tmp"))


def snapshot(folders: Iterable[Path]) -> Snapshot:
    files: Snapshot = {}
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not _ignored(d))
            for name in filenames:
                if _ignored(name):
                    continue
                path = Path(dirpath, name)
                try:
                    stat = path.stat()
                except FileNotFoundError:  # removed between the listing and the look
                    continue
                files[path] = (stat.st_mtime_ns, stat.st_size)
    return files


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    """Files added, removed or modified, in path order."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


class Watcher:
    """Waits for a change under ``folders``, then until they are quiet for one more look."""

    def __init__(self, folders: Iterable[Path], interval: float = 0.1) -> None:
        self.folders = list(folders)
        self.interval = interval
        self.last = snapshot(self.folders)

    def wait(self, stop: Callable[[], bool] = lambda: False) -> list[Path]:
        """The files that changed since the last call (empty only when ``stop`` says so)."""
        while not stop():
            time.sleep(self.interval)
            now = snapshot(self.folders)
            if now == self.last:
                continue
            # A save may be several writes (an editor's rename, a tool writing several files):
            # look again until two looks agree.
            while True:
                time.sleep(self.interval / 2)
                settled = snapshot(self.folders)
                if settled == now:
                    break
                now = settled
            paths, self.last = changed(self.last, now), now
            return paths
        return []
