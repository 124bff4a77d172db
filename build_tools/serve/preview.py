"""`make serve`: regenerate build/docs when content/, bib/ or templates/ change, beside the engine's server.

The division of work: this process loads, checks and generates (warm: templates compiled, files
parsed, notes printed and maps laid out once, again only where their input changed) and rewrites
only the generated files whose content changed; the engine's server, in a process of its own,
rebuilds just those pages and reloads the browser (engines.refresh). Content with errors is
reported and the last good pages stay in place.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ..checks import Severity
from ..checks.report import render
from ..engines import refresh, serve_command
from ..errors import BuildToolsError
from ..pipeline import Project, check, generate, load
from .watch import Watcher


WATCH_INTERVAL = 0.025
"""Seconds between looks at the author's folders (a look at a course's files takes half a millisecond)."""


class ContentErrors(BuildToolsError):
    """The content has errors, so nothing was regenerated."""


def _say(message: str) -> None:
    print(f"serve: {message}", file=sys.stderr, flush=True)


class Preview:
    """One live preview of a project with one engine on one address."""

    def __init__(self, project: Project, engine: str, addr: str, *, log: IO[str] | None = None,
                 say: Callable[[str], None] = _say) -> None:
        self.project, self.engine, self.addr = project, engine, addr
        self.log, self.say = log, say
        self.server: subprocess.Popen | None = None
        self.watcher = Watcher([project.content, project.bib, project.templates], interval=WATCH_INTERVAL)

    def regenerate(self) -> list[str]:
        """Check and generate; the generated files that were rewritten (paths under build/)."""
        course = load(self.project)
        errors = [f for f in check(self.project, course) if f.severity == Severity.ERROR]
        if errors:
            raise ContentErrors(render(errors, "text").rstrip() + "\nfix the errors above; the preview keeps the last good pages")
        return generate(self.project, course)

    def start(self) -> None:
        """Generate everything, then start the engine's server (errors here stop the preview)."""
        self.regenerate()
        self._start_server()

    def _start_server(self) -> None:
        cmd, env = serve_command(self.project, self.engine, self.addr)
        self.server = subprocess.Popen(cmd, cwd=self.project.root, env=env, stdout=self.log, stderr=self.log)
        self.say(f"{self.engine} serves the preview on http://{self.addr}/ (Ctrl-C stops it)")

    def _stop_server(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server = None

    def step(self, stop: Callable[[], bool] = lambda: False) -> list[str]:
        """Wait for one change and bring the preview up to date; the generated files rewritten."""
        edited = self.watcher.wait(stop)
        if not edited:
            return []
        start = time.perf_counter()
        try:
            rewritten = self.regenerate()
        except BuildToolsError as exc:
            self.say(str(exc))
            return []
        seconds = time.perf_counter() - start
        # The watched folders (content/, bib/, templates/) are all inside the project.
        sources = _listed([path.relative_to(self.project.root).as_posix() for path in edited], 2)
        if rewritten:
            # The pages first: they are what an author looks for; exports and the nav follow.
            pages = sorted(rewritten, key=lambda name: not name.endswith(".md"))
            self.say(f"{sources} changed; {len(rewritten)} generated file{'s' * (len(rewritten) > 1)} "
                     f"rewritten in {seconds:.2f} s: {_listed(pages, 4)}")
        else:
            self.say(f"{sources} changed; regenerated in {seconds:.2f} s, no generated file differs")
        if rewritten and not refresh(self.project, self.engine, rewritten):
            self.say("the navigation changed: restarting the server so that every page carries it")
            self._stop_server()
            self._start_server()
        return rewritten

    def run(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Watch until ``stop`` says so (or Ctrl-C); the server stops with the preview."""
        try:
            while not stop():
                if self.server is not None and self.server.poll() is not None:
                    raise BuildToolsError(f"the {self.engine} server stopped (exit code {self.server.returncode}); "
                                          "its messages are above")
                self.step(lambda: stop() or (self.server is not None and self.server.poll() is not None))
        finally:
            self._stop_server()


def _listed(names: list[str], most: int) -> str:
    """The first ``most`` names, then how many more."""
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(project: Project, engine: str, addr: str) -> None:
    signal.signal(signal.SIGTERM, _interrupt)  # terminated, too, the preview stops the engine's server
    preview = Preview(project, engine, addr)
    preview.start()
    try:
        preview.run()
    except KeyboardInterrupt:
        preview.say("stopped")
