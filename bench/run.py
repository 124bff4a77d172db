"""`make bench`: how fast the site builds, stage by stage, and how that grows.

Every stage is timed in one run as the median of several, and reported as a
ratio to the MkDocs build measured in the same run (absolute times vary between
machines). Results go to bench/results.md. This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from bench.synthetic import BASE, replicate_course, synthetic_bibliography  # noqa: E402
from build_tools.pipeline import Project, check, load, mkdocs_build  # noqa: E402


RUNS = 5
"""Runs of each timing (`--runs`; two with `--quick`)."""

FIRST_RUNS: dict[str, float] = {}
"""Seconds of the first of the runs of each stage, by name: the cold cost (templates compiled,
LaTeX values parsed) that a one-off `make site` pays and a live preview pays once."""


def median_time(fn: Callable[[], Any], runs: int, name: str | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    if name:
        FIRST_RUNS[name] = times[0]
    return statistics.median(times)


def stage_times(root: Path, runs: int, handouts: bool) -> dict[str, float]:
    """Each stage of the build of the project at ``root``, in seconds."""
    from build_tools.export import write_exports
    from build_tools.maps import build_all_maps
    from build_tools.render import SiteInputs, render_docs

    project = Project(root)
    times: dict[str, float] = {}
    times["load and link"] = median_time(lambda: load(project), runs, "load and link")
    course = load(project)
    times["check"] = median_time(lambda: check(project, course), runs, "check")
    maps: dict[str, Any] = {}
    times["maps"] = median_time(lambda: maps.update({r.id: build_all_maps(r) for r in course}), runs, "maps")
    times[EXERCISES] = median_time(lambda: exercise_run(course), runs, EXERCISES)
    out = root / "build" / ".bench"
    times["generate Markdown"] = median_time(
        lambda: render_docs(course, project.templates, SiteInputs(maps, {r.id: [] for r in course}), out), runs,
        "generate Markdown")
    times["export"] = median_time(lambda: [write_exports(r, out / "export" / r.id) for r in course], runs,
                                  "export")
    shutil.rmtree(out, ignore_errors=True)
    from build_tools.pipeline import generate

    generate(project, course)
    times["MkDocs build"] = median_time(lambda: mkdocs_build(project), runs, "MkDocs build")
    if handouts:
        times.update(handout_times(project, course, maps, runs))
    return times


def handout_times(project: Project, course: list, maps: dict, runs: int) -> dict[str, float]:
    from build_tools import handouts as H

    out = project.root / "build" / ".bench-handouts"

    def full() -> None:
        shutil.rmtree(out, ignore_errors=True)
        H.write_handouts(course, maps, project.templates, out)

    result = {"PDF handouts": median_time(full, runs, "PDF handouts")}
    result.update(side_by_side(project, runs))
    full()
    count = len(H.list_handouts(course, out))
    # One claim edited in each top-level section in turn: its handouts, the reader's guides and
    # the course readers re-render, the others are kept. Each edit is undone, and re-rendered, untimed.
    tops = [s.id for s in course[0].reading.sections if s.parent is None]
    for top in tops:
        claim_file = project.content / BASE / "claims" / f"{top}.yaml"
        original = claim_file.read_text(encoding="utf-8")
        rendered: list[str] = []
        claim_file.write_text(edit_first_claim(original, "Edited."), encoding="utf-8")
        start = time.perf_counter()
        H.write_handouts(load(project), maps, project.templates, out,
                         progress=lambda m: rendered.append(m) if m.startswith("rendered") else None)
        result[f"PDF handouts after a one-claim edit in {top} ({len(rendered)} of {count} re-rendered)"] = \
            time.perf_counter() - start
        claim_file.write_text(original, encoding="utf-8")
        H.write_handouts(load(project), maps, project.templates, out)
    return result


EXERCISES = "exercises (generated from the encoding; also inside generate Markdown)"


def exercise_run(course: list) -> int:
    """Generate every reading's exercises, as the render stage does; the number made."""
    from build_tools.exercises import exercises_for

    return sum(len(found) for linked in course for found in exercises_for(linked).values())


def exercise_times(project: Project, runs: int) -> dict[str, float]:
    """Exercise generation and the MkDocs build of the same generated docs, in turns in this process,
    so that both meet the same load (median of ``runs`` each)."""
    course = load(project)
    times: dict[str, list[float]] = {EXERCISES: [], "MkDocs build": []}
    for _ in range(runs):
        start = time.perf_counter()
        exercise_run(course)
        times[EXERCISES].append(time.perf_counter() - start)
        start = time.perf_counter()
        mkdocs_build(project)
        times["MkDocs build"].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def exercise_report(times: dict[str, float], runs: int) -> list[str]:
    ratio = times[EXERCISES] / times["MkDocs build"]
    return ["## Generated exercises against a MkDocs build", "",
            f"Generating every exercise of the reading (all candidates, selection and curation; {runs} runs, "
            f"in turns with the MkDocs build, medians) took {times[EXERCISES]:.3f} s, the MkDocs build of the "
            f"generated docs {times['MkDocs build']:.2f} s: **{ratio:.3f}** (target: at most 0.1).", ""]


PDF_FROM_NOTHING = "`pdf` command, all handouts from nothing"
MKDOCS_COMMAND = "`mkdocs build` command, the same docs"


def side_by_side(project: Project, runs: int) -> dict[str, float]:
    """The two commands a user runs, each a new process, taken in turns so that both meet the
    same load: `python -m build_tools pdf` with no handouts rendered yet (its check, load, maps
    and every handout), and `mkdocs build` of the generated docs."""
    from build_tools.engines import engine_env

    site = project.root / "build" / ".bench-site"
    pdf = [sys.executable, "-m", "build_tools", "--root", str(project.root), "pdf"]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.config)]
    env = {**engine_env(project, site), "SOURCE_DATE_EPOCH": "0"}
    times: dict[str, list[float]] = {PDF_FROM_NOTHING: [], MKDOCS_COMMAND: []}
    for _ in range(runs):
        shutil.rmtree(project.handouts, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(pdf, check=True, capture_output=True, cwd=ROOT, env=env)
        times[PDF_FROM_NOTHING].append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(mkdocs, check=True, capture_output=True, cwd=project.root, env=env)
        times[MKDOCS_COMMAND].append(time.perf_counter() - start)
    shutil.rmtree(site, ignore_errors=True)
    return {name: statistics.median(values) for name, values in times.items()}


def side_by_side_report(times: dict[str, float], runs: int) -> list[str]:
    ratio = times[PDF_FROM_NOTHING] / times[MKDOCS_COMMAND]
    return ["## Handouts from nothing against a MkDocs build", "",
            f"Both commands as a user runs them, each in a new process, in turns ({runs} of each, medians): "
            f"`python -m build_tools pdf` with no handout rendered yet took {times[PDF_FROM_NOTHING]:.2f} s, "
            f"`mkdocs build` of the same generated docs {times[MKDOCS_COMMAND]:.2f} s: "
            f"**{ratio:.2f}×** (target: at most 3×).", ""]


def edit_first_claim(yaml_text: str, words: str) -> str:
    """The claim file with ``words`` put before the first claim's paraphrase (inside its quotes)."""
    edited, count = re.subn(r"^(\s*text: ['\"]?)", rf"\g<1>{words} ", yaml_text, count=1, flags=re.M)
    assert count == 1, "no claim text found to edit"
    return edited


def full_build_times(root: Path, runs: int) -> dict[str, float]:
    """`make site` without the install step (the same command it runs): from nothing (no build/,
    no site/, so every handout renders), and again with nothing changed (handouts from the cache)."""
    cmd = [sys.executable, "-m", "build_tools", "--root", str(root), "build"]

    def cold() -> None:
        for folder in ("build", "site"):
            shutil.rmtree(root / folder, ignore_errors=True)
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)

    return {"full build from nothing (`make site` without install)": median_time(cold, runs),
            "full build again, nothing changed": median_time(
                lambda: subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT), runs)}


def serve_times(root: Path, runs: int = 3) -> dict[str, float]:
    """Seconds from saving a claim until the live preview (`make serve`) serves its page with the
    edit, for each engine, against a full MkDocs build of the same docs timed in turns with the
    edits (the machine's speed drifts; a build timed apart from the edits would compare two
    moments). The builds run in this process, warm, as the preview's own builds do."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "generate"], check=True,
                   capture_output=True, cwd=root, env=env)
    mkdocs_build(Project(root))  # compiles the theme's templates: the timed builds are warm
    builds: list[float] = []
    edits: dict[str, float] = {}
    from build_tools.engines import ENGINES

    for engine in ENGINES:
        if engine != "mkdocs" and importlib.util.find_spec(engine) is None:
            continue
        edits[f"serve ({engine}): a claim saved, its page served"] = _time_serve_edits(root, engine, runs, env, builds)
    return {"full MkDocs build of the same docs": statistics.median(builds), **edits}


def _time_serve_edits(root: Path, engine: str, runs: int, env: dict[str, str], builds: list[float]) -> float:
    """The median of ``runs`` edits, each after a full MkDocs build timed into ``builds``."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    page = f"http://127.0.0.1:{port}/{BASE}/maritime-denial/"
    claim_file = root / "content" / BASE / "claims" / "maritime-denial.yaml"
    original = claim_file.read_text(encoding="utf-8")
    with (root / f"serve-{engine}.log").open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "build_tools", "--root", str(root), "serve", "--engine", engine,
                                   "--addr", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=log, stderr=log)
        try:
            _wait_for(page, lambda body: True, 180)
            time.sleep(2)  # let the watchers settle after the first build
            times = []
            for run in range(runs):
                builds.append(median_time(lambda: mkdocs_build(Project(root)), 1))
                time.sleep(1)
                words = f"Serve-edit-{engine}-{run}."
                start = time.perf_counter()
                claim_file.write_text(edit_first_claim(original, words), encoding="utf-8")
                _wait_for(page, lambda body: words in body, 120)
                times.append(time.perf_counter() - start)
                time.sleep(1.5)  # every rebuild the edit started is done
            return statistics.median(times)
        finally:
            claim_file.write_text(original, encoding="utf-8")
            server.terminate()
            server.wait(20)


def _wait_for(url: str, ok: Callable[[str], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
                if ok(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(POLL)
    raise TimeoutError(url)


POLL = 0.01
"""Seconds between requests for the edited page: the measurement's own grain."""


def child(kind: str, size: int, workdir: Path) -> None:
    """Run one scaling point in this process and print its timings and peak memory as JSON."""
    if kind == "readings":
        root = replicate_course(ROOT, workdir / f"readings-{size}", size)
        times = stage_times(root, 1, handouts=False)
    else:
        root = synthetic_bibliography(workdir / f"bib-{size}", size)
        project = Project(root)
        start = time.perf_counter()
        course = load(project)
        times = {"load and link": time.perf_counter() - start}
        start = time.perf_counter()
        check(project, course)
        times["check"] = time.perf_counter() - start
        from build_tools.render import SiteInputs, render_docs

        start = time.perf_counter()
        render_docs(course, ROOT / "templates", SiteInputs({r.id: {} for r in course}, {r.id: [] for r in course}),
                    root / "build" / "docs")
        times["generate Markdown"] = time.perf_counter() - start
    print(json.dumps({"times": times, "peak_mb": peak_memory_mb()}))


def peak_memory_mb() -> float:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux keeps that across
    exec, so a child would report the parent's peak if it was higher."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scaling(kind: str, sizes: list[int], workdir: Path) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--child", kind, str(size), "--workdir", str(workdir)],
                             capture_output=True, text=True, cwd=ROOT)
        if out.returncode:
            raise SystemExit(f"bench: the {kind} scaling point {size} failed:\n{out.stderr}")
        rows.append({"size": size, **json.loads(out.stdout.strip().splitlines()[-1])})
    return rows


def machine() -> str:
    import mkdocs

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}")


OURS = ("load and link", "check", "generate Markdown", "export")


def preview_report(serve: dict[str, float]) -> list[str]:
    """The live preview's table: each engine's edit-to-page time as a ratio to the full MkDocs build."""
    lines: list[str] = []
    full_build = serve["full MkDocs build of the same docs"]
    lines += ["## Live preview (`make serve`)", "",
              "From saving a claim to its page served with the edit (median of runs), by engine, against a "
              "full MkDocs build of the same docs (warm, in the benchmark's process) timed in turns with the edits "
              "(target: at most 0.5).", "",
              "| Engine | What | Seconds | Ratio to the full MkDocs build |", "| --- | --- | ---: | ---: |"]
    for name, seconds in serve.items():
        engine = name.split("(", 1)[1].split(")", 1)[0] if name.startswith("serve (") else "mkdocs"
        what = name.split(": ", 1)[1] if name.startswith("serve (") else name
        lines.append(f"| {engine} | {what} | {seconds:.2f} | {seconds / full_build:.2f} |")
    lines.append("")
    return lines


def report(times: dict[str, float], full: dict[str, float], serve: dict[str, float], readings: list, bibs: list) -> str:
    base = times["MkDocs build"]
    lines = ["# Benchmark results", "", f"Machine: {machine()}.", "",
             "## Stages for the embedded reading (median of runs)", "",
             "| Stage | Seconds (median) | Ratio to the MkDocs build | First run (cold), seconds |",
             "| --- | ---: | ---: | ---: |"]
    for name, seconds in times.items():
        cold = f"{FIRST_RUNS[name]:.3f}" if name in FIRST_RUNS else ""
        lines.append(f"| {name} | {seconds:.3f} | {seconds / base:.2f} | {cold} |")
    ours = sum(times[k] for k in OURS)
    ours_cold = sum(FIRST_RUNS.get(k, times[k]) for k in OURS)
    lines += [f"| load, link, check, generate, export together | {ours:.3f} | {ours / base:.2f} | {ours_cold:.3f} |",
              *[f"| {name} | {seconds:.3f} | {seconds / base:.2f} | |" for name, seconds in full.items()], "",
              "The MkDocs build is the plain build of the generated docs: the floor that generation adds to. "
              "Later runs of a stage reuse what a process keeps (compiled templates, values already read as "
              "LaTeX, files already parsed, map layouts whose input did not change), as the live preview does; "
              "the first run pays for them, as a one-off build does.", ""]
    if EXERCISES in times:
        lines += exercise_report(times, RUNS)
    if PDF_FROM_NOTHING in times:
        lines += side_by_side_report(times, RUNS)
    if "PDF handouts" in times:
        edits = {k: v / times["PDF handouts"] for k, v in times.items() if "after a one-claim edit" in k}
        lines += [f"In this process (warm), all handouts from nothing took "
                  f"{times['PDF handouts'] / times['MkDocs build']:.2f}× the MkDocs build. After a one-claim edit, "
                  f"from {min(edits.values()):.2f} to {max(edits.values()):.2f} of a full render, by section:", ""]
        lines += [f"- {k.split(' in ', 1)[1]}: {v:.2f}" for k, v in edits.items()] + [""]
    if serve:
        lines += preview_report(serve)
    for title, rows, unit in (("Scaling with the number of readings", readings, "readings"),
                              ("Scaling with the size of the bibliography", bibs, "entries")):
        if not rows:
            continue
        stages = list(rows[0]["times"])
        lines += [f"## {title}", "",
                  "Each point in a new process, each stage run once (cold), as a one-off build runs it: "
                  "a later run would time what the process kept, not the work.", "",
                  f"| {unit} | " + " | ".join(stages) + " | peak MB |",
                  "| ---: | " + " | ".join("---:" for _ in stages) + " | ---: |"]
        for row in rows:
            lines.append(f"| {row['size']} | " + " | ".join(f"{row['times'][s]:.2f}" for s in stages)
                         + f" | {row['peak_mb']:.0f} |")
        lines.append("")
        for before, after in zip(rows, rows[1:]):
            growth = ", ".join(f"{s} {after['times'][s] / max(before['times'][s], 1e-9):.1f}×" for s in stages)
            lines.append(f"- {before['size']} → {after['size']} {unit} ({after['size'] / before['size']:.0f}× the input): "
                         f"{growth}; peak memory {after['peak_mb'] / before['peak_mb']:.1f}×.")
        first, last = rows[0], rows[-1]
        total = sum(last["times"].values()) / max(sum(first["times"].values()), 1e-9)
        lines += [f"- {first['size']} → {last['size']} {unit} ({last['size'] / first['size']:.0f}× the input): "
                  f"all stages together {total:.1f}×.", ""]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller scaling points")
    parser.add_argument("--no-handouts", action="store_true")
    parser.add_argument("--handouts-only", action="store_true",
                        help="time the `pdf` command from nothing beside `mkdocs build` only, and print it")
    parser.add_argument("--serve-only", action="store_true",
                        help="time the live preview only, and print it (bench/results.md is left as it is)")
    parser.add_argument("--exercises-only", action="store_true",
                        help="time the generation of the exercises beside `mkdocs build` only, and print it")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.workdir)
        return 0
    global RUNS
    runs = RUNS = 2 if args.quick else args.runs
    if args.handouts_only:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            project = Project(replicate_course(ROOT, Path(tmp) / "course", 1))
            course = load(project)
            from build_tools.pipeline import generate

            generate(project, course)
            print("\n".join(side_by_side_report(side_by_side(project, runs), runs)))
        return 0
    if args.exercises_only:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            project = Project(replicate_course(ROOT, Path(tmp) / "course", 1))
            from build_tools.pipeline import generate

            generate(project, load(project))
            print("\n".join(exercise_report(exercise_times(project, runs), runs)))
        return 0
    if args.serve_only:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            serve = serve_times(replicate_course(ROOT, Path(tmp) / "serve", 1), max(3, runs))
        print("\n".join(preview_report(serve)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        root = replicate_course(ROOT, work / "course", 1)
        try:
            import typst  # noqa: F401
            handouts = not args.no_handouts
        except ImportError:
            handouts = False
        times = stage_times(root, runs, handouts)
        full = full_build_times(root, max(1, runs // 2))
        serve = serve_times(replicate_course(ROOT, work / "serve", 1), runs)
        readings = scaling("readings", [1, 2, 5] if args.quick else [1, 5, 20], work)
        bibs = scaling("bib", [1000, 5000] if args.quick else [1000, 5000, 20000], work)
    text = report(times, full, serve, readings, bibs)
    (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
