"""Typst worker processes that render handouts within a memory budget.

Where the memory went (one reading, 26 handouts, the `pdf` command's whole process tree): one
Typst compiler kept for a batch grew to 720 MB, because Typst memoizes every layout in a cache
global to the process that typst-py never empties, while the next handout reuses none of it (a
guide renders in the same 0.26 s in a fresh process as after the three other guides). So the
handouts are rendered by short-lived workers (typst_worker.py), each handout as soon as it is
planned, the largest waiting first, each only when the memory it is expected to need fits beside
what is running and leaves room for the largest waiting; a worker is kept for the next handout that
fits on it and retired when its memory is wanted. A fresh worker renders the course reader at 170 MB at its
peak, so two readers at once would not fit in 300 MB with the parent: the budget keeps them apart.
The budget counts this process's own memory, so a course of many readings, whose parent holds
more, renders with less beside it rather than more in all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import BuildToolsError

WORKER = Path(__file__).with_name("typst_worker.py")

TREE_BUDGET_MB = 290.0
"""Resident memory that the rendering command's whole process tree (this process and its workers)
is kept under, by the estimates below, which are above the measured peaks; the target is 300 MB.
With the parent's 54 MB it lets a small handout be rendered beside a course reader."""

FRESH_WORKER_MB = 24.0
"""A worker's memory before its first handout (23 MB measured), until the first worker reports its own."""

FIRST_HANDOUT_MB = 28.0
"""What a worker's first handout adds whatever its size, in the estimate (the fonts and the template
it loads)."""

REUSE_CREDIT_MB = 24.0
"""What a worker that has rendered a handout already holds of the next one's estimate. Measured
with one worker rendering handouts in turn: the small sections grew it by 4 to 23 MB each (their
estimates less 25 to 29), a reader after a reader by 95 (estimate less 57), a guide after a guide
by 62 (less 43); a little less than the first handout's part, for a margin."""


class HandoutRenderError(BuildToolsError):
    """Typst refused a handout: the template or its data is wrong."""


@dataclass(frozen=True)
class Job:
    """One handout to render: its data in a file, where its PDF goes, the memory it should take."""

    data: Path
    target: Path
    growth_mb: float


def growth_mb(data: str) -> float:
    """What rendering ``data`` adds to a fresh worker at its peak, in MB, from the size of its text
    and of its maps.

    Fitted on this reading's 26 handouts, each rendered by a fresh worker (the peak is above a
    fresh worker's 23 MB by 33 for the introduction, 102 to 112 for a guide, 144 to 153 for the
    course reader): Typst's layout of text (every word a tagged span) costs about 0.6 MB per KB of
    JSON, a map's SVG about 0.05, and a first handout 28 MB whatever its size (the fonts it loads).
    The estimate is above the measured peak for all but one, and that by 2 MB."""
    svg, start = 0, data.find("<svg")
    while start >= 0:
        end = data.find("</svg>", start)
        if end < 0:
            break
        svg += end - start
        start = data.find("<svg", end)
    return FIRST_HANDOUT_MB + 0.6 * (len(data) - svg) / 1024 + 0.05 * svg / 1024


def _typst_path() -> str:
    """The folder Typst is installed in, found without importing it (13 MB this process does not need)."""
    from importlib.util import find_spec

    spec = find_spec("typst")
    if spec is None or spec.origin is None:
        raise HandoutRenderError("the typst package is not installed (`make site` installs it)")
    return str(Path(spec.origin).parents[1])


def own_rss_mb() -> float:
    try:
        return int(Path("/proc/self/statm").read_bytes().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # not Linux: the estimates alone
        return 0.0


@dataclass
class _Worker:
    process: subprocess.Popen
    rss_mb: float
    job: Job | None = None
    reserved_mb: float = 0.0
    rendered: int = 0

    @property
    def stdout(self) -> IO[str]:
        assert self.process.stdout is not None
        return self.process.stdout

    def send(self, job: Job, reserved: float) -> None:
        assert self.process.stdin is not None
        self.job, self.reserved_mb = job, reserved
        self.process.stdin.write(json.dumps({"data": str(job.data), "target": str(job.target)}) + "\n")
        self.process.stdin.flush()

    def reply(self) -> dict:
        line = self.stdout.readline()
        if not line:
            self.process.wait()
            raise HandoutRenderError(f"a Typst worker stopped (exit {self.process.returncode}) while rendering "
                                     f"{self.job.target.name if self.job else 'nothing'}: see the messages above")
        return json.loads(line)

    def retire(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        # Its memory is counted free once it is gone: wait for that, blocking (a timeout would
        # poll with sleeps, a few ms each retirement on the way to the next handout).
        self.process.wait()


@dataclass
class Pool:
    """At most ``workers`` Typst workers for ``template``, kept with this process under ``budget_mb``."""

    template: Path
    workers: int
    budget_mb: float = TREE_BUDGET_MB
    fresh_mb: float = FRESH_WORKER_MB
    planning_mb: float = 0.0
    """What this process may grow by while it plans the jobs it hands over: it is counted at what
    it had when the first came and this much more, until the last has come."""
    live: list[_Worker] = field(default_factory=list)
    planned_mb: float | None = None

    def _start(self) -> _Worker:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "0")
        # -S: no site module (a tenth of the start); the worker finds Typst where this process does.
        process = subprocess.Popen([sys.executable, "-I", "-S", str(WORKER), str(self.template), epoch, _typst_path()],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        worker = _Worker(process, self.fresh_mb)
        self.live.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        self.live.remove(worker)
        worker.retire()

    def render(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, int]]:
        """Render every job, each with its page count as it is done. Jobs start as soon as they come
        (the caller plans the next handout while workers render the first ones), the largest of
        those waiting first."""
        pending: list[Job] = []
        self.planned_mb = own_rss_mb() + self.planning_mb
        try:
            for job in jobs:
                pending.append(job)
                pending.sort(key=lambda job: -job.growth_mb)
                while pending and self._dispatch(pending):
                    pass
                yield from self._collect(block=False)
            self.planned_mb = None
            while pending or any(w.job for w in self.live):
                while pending and self._dispatch(pending):
                    pass
                if pending:
                    self._start_spare()
                yield from self._collect(block=True)
        finally:
            for worker in list(self.live):
                self._retire(worker)

    def _dispatch(self, pending: list[Job]) -> bool:
        """Start the largest pending job that fits in the budget beside what is running (the
        largest when nothing runs: the work must go on); whether one was started. It goes to the
        smallest idle worker, or to a new one where that one has grown too much; idle workers
        are retired as far as their memory is wanted."""
        busy = [w for w in self.live if w.job]
        idle = sorted((w for w in self.live if not w.job), key=lambda w: w.rss_mb)
        if len(busy) >= self.workers:
            return False
        parent_free = self._parent_free()
        free = parent_free - sum(w.reserved_mb for w in busy)
        for index, job in enumerate(pending):
            # A smaller job starts only where it leaves room for the largest beside it once what
            # runs now is done: else the largest waits behind a stream of smaller ones and ends
            # the batch alone.
            if index and self.fresh_mb + pending[0].growth_mb + self._need(idle[0] if idle else None, job) > parent_free:
                continue
            for worker in [*idle[:1], None]:  # the smallest idle worker, else a new one
                need = self._need(worker, job)
                keep = [w for w in idle if w is not worker]
                while keep and need + sum(w.rss_mb for w in keep) > free:
                    keep.pop()  # the largest idle worker goes first
                if need + sum(w.rss_mb for w in keep) <= free or (not busy and (worker is None or need <= free)):
                    break
            else:
                continue
            for old in idle:
                if old is not worker and old not in keep:
                    self._retire(old)
            worker = worker or self._start()
            worker.send(pending.pop(index), need)
            return True
        return False

    def _need(self, worker: _Worker | None, job: Job) -> float:
        """The memory ``worker`` (None: a new one) should reach rendering ``job``."""
        if worker is None or not worker.rendered:
            return (worker.rss_mb if worker else self.fresh_mb) + job.growth_mb
        return worker.rss_mb - REUSE_CREDIT_MB + job.growth_mb

    def _parent_free(self) -> float:
        """The budget less this process's memory (and what it may grow by while still planning)."""
        return self.budget_mb - max(own_rss_mb(), self.planned_mb or 0.0)

    def _start_spare(self) -> None:
        """Start a worker ahead of the next handout where there is room, so that its start (the
        interpreter, Typst, the font search) overlaps the handouts being rendered."""
        busy = [w for w in self.live if w.job]
        idle = [w for w in self.live if not w.job]
        room = self._parent_free() - sum(w.reserved_mb for w in busy) - sum(w.rss_mb for w in idle)
        if not idle and len(busy) <= self.workers and room >= self.fresh_mb:
            self._start()

    def _collect(self, block: bool) -> list[tuple[Job, int]]:
        """The handouts finished now, or (``block``) at least one, waiting for it. A worker stays,
        idle, until its memory is wanted: a new worker costs 50 to 130 ms to start (the
        interpreter, Typst, the font search) and its first handout 40 to 50 ms more."""
        from multiprocessing.connection import wait

        busy = {w.stdout: w for w in self.live if w.job}
        if not busy:
            return []
        return [self._finish(busy[ready]) for ready in wait(list(busy), None if block else 0)]  # type: ignore[index]

    def _finish(self, worker: _Worker) -> tuple[Job, int]:
        answer = worker.reply()
        job, worker.job, worker.reserved_mb = worker.job, None, 0.0
        assert job is not None
        if "error" in answer:
            where = "".join(f"\n  {line}" for line in answer["diagnostic"].splitlines()[1:] if line.strip())
            raise HandoutRenderError(f"Typst could not render {job.target.name}: {answer['error']}{where}\n"
                                     "fix the template (templates/handout/handout.typ) where shown")
        self.fresh_mb = answer["fresh_mb"]  # measured: estimate the next workers with it
        worker.rss_mb, worker.rendered = answer["rss_mb"], worker.rendered + 1
        return job, int(answer["pages"])
