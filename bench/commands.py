"""The commands a user runs, each a new process, timed and with the peak memory of its process tree.

Every command is taken in turns with `mkdocs build` of the same generated docs (the reference of
every ratio), so that both meet the same load on a shared machine; medians of the runs, and the
largest peak. Memory is sampled every 20 ms over the whole process tree (bench/memory.py): the
`pdf` command's Typst workers count, as does Graphviz under `generate`.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.memory import Sampled, run_sampled

MKDOCS = "`mkdocs build` of the generated docs (the reference)"


@dataclass(frozen=True)
class Step:
    """One command of a run: its name, how to prepare for it (untimed), its command line."""

    name: str
    prepare: Callable[[], None]
    argv: list[str]
    cwd: Path
    after: Callable[[], None] = lambda: None


@dataclass(frozen=True)
class Row:
    name: str
    seconds: float
    peak_mb: float
    runs: int


def edit_first_claim(yaml_text: str, words: str) -> str:
    """The claim file with ``words`` put before the first claim's paraphrase (inside its quotes)."""
    edited, count = re.subn(r"^(\s*text: ['\"]?)", rf"\g<1>{words} ", yaml_text, count=1, flags=re.M)
    assert count == 1, "no claim text found to edit"
    return edited


def build_tools(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "build_tools", "--root", str(root), *args]


def _clear(root: Path, *names: str) -> Callable[[], None]:
    def clear() -> None:
        for name in names:
            path = root / name
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    return clear


def steps(one: Path, five: Path | None, claim: Path, which: set[str]) -> list[Step]:
    """The steps of one run, those named in ``which`` (all: pdf, site, check)."""
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(one / "mkdocs.yml"),
              "-d", str(one / "build" / ".bench-site")]
    original = claim.read_text(encoding="utf-8")
    counter = iter(range(10**6))

    def edit() -> None:
        claim.write_text(edit_first_claim(original, f"Edited {next(counter)}."), encoding="utf-8")

    def revert() -> None:
        claim.write_text(original, encoding="utf-8")
        subprocess.run(build_tools(one, "build"), check=True, capture_output=True)

    result = [Step(MKDOCS, _clear(one, "build/.bench-site"), mkdocs, one)]
    if "check" in which:
        result += [Step("`check`", lambda: None, build_tools(one, "check"), one),
                   Step("`generate` (pages, maps, exports) from nothing", _clear(one, "build/docs", "build/nav.yml"),
                        build_tools(one, "generate"), one)]
    if "pdf" in which:
        result.append(Step("`pdf`: the handouts from nothing, 1 reading", _clear(one, "build/handouts"),
                           build_tools(one, "pdf"), one))
        # The students' edition is the default (14 handouts); the instructor's renders all 26.
        result.append(Step("`pdf --edition instructor`: both editions' handouts from nothing, 1 reading",
                           _clear(one, "build/handouts"), build_tools(one, "pdf", "--edition", "instructor"), one))
        if five is not None:
            result.append(Step("`pdf`: the handouts from nothing, 5 readings", _clear(five, "build/handouts"),
                               build_tools(five, "pdf"), five))
    if "site" in which:
        result += [Step("`make site` from nothing (the `build` command)", _clear(one, "build", "site"),
                        build_tools(one, "build"), one),
                   Step("`make site` with nothing changed (the `build` command)", lambda: None,
                        build_tools(one, "build"), one),
                   Step("`make site` after a one-claim edit (the `build` command)", edit,
                        build_tools(one, "build"), one, revert)]
    return result


def measure(one: Path, five: Path | None, claim: Path, runs: int, which: set[str], env: dict[str, str]) -> list[Row]:
    """Each step ``runs`` times, in turns; the median time and the largest peak of each."""
    subprocess.run(build_tools(one, "build", "--no-pdf"), check=True, capture_output=True, env=env)
    plan = steps(one, five, claim, which)
    samples: dict[str, list[Sampled]] = {step.name: [] for step in plan}
    for _ in range(runs):
        for step in plan:
            step.prepare()
            done = run_sampled(step.argv, cwd=step.cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            if done.returncode:
                raise SystemExit(f"bench: {step.name} failed (exit {done.returncode})")
            samples[step.name].append(done)
            step.after()
    return [Row(name, statistics.median(s.seconds for s in got), max(s.peak_mb for s in got), len(got))
            for name, got in samples.items()]


def make_overhead(root: Path, runs: int) -> float:
    """What `make site` adds to the command: make reading the Makefile, the virtual environment's
    stamp and the system programs' check (Graphviz, the two font families)."""
    times = []
    for _ in range(runs):
        done = run_sampled(["make", "-s", "-C", str(root), ".venv/.installed", "system-deps"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(done.seconds)
    return statistics.median(times)


def report(rows: list[Row], overhead: float | None = None) -> list[str]:
    base = next(r for r in rows if r.name == MKDOCS)
    lines = ["## Commands: time and peak memory of the whole process tree", "",
             f"Each command a new process, in turns with `mkdocs build` ({base.runs} runs; median seconds, "
             "largest peak of the summed resident memory of the process and all its children, sampled every "
             "20 ms).", "",
             "| Command | Seconds | Ratio to the MkDocs build | Peak MB (process tree) |",
             "| --- | ---: | ---: | ---: |"]
    for row in rows:
        lines.append(f"| {row.name} | {row.seconds:.2f} | {row.seconds / base.seconds:.2f} | {row.peak_mb:.0f} |")
    if overhead is not None:
        lines.append(f"| `make` itself (Makefile, venv stamp, system-deps check) | {overhead:.2f} | "
                     f"{overhead / base.seconds:.2f} | |")
    lines.append("")
    named = {r.name: r for r in rows}
    one, five = (named.get(f"`pdf`: the handouts from nothing, {n}") for n in ("1 reading", "5 readings"))
    if one and five:
        lines += [f"Handouts at 5 readings against 1: peak memory {five.peak_mb / one.peak_mb:.2f}× "
                  f"(target: at most 1.2), time {five.seconds / one.seconds:.1f}×.", ""]
    return lines
