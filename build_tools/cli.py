"""The command line: `python -m build_tools SUBCOMMAND`. Errors become exit codes here, and only here."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Callable

from .checks import Severity
from .checks.report import FORMATS, render
from .errors import BuildToolsError, InputError, InputErrors
from .editions import DEFAULT_EDITION, EDITIONS
from .engines import DEFAULT_ENGINE, ENGINES
from .pipeline import Project, build_maps, build_site, check, generate, load, render_handouts

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
PROG = "build_tools"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        project = Project(Path(args.root), edition=getattr(args, "edition", DEFAULT_EDITION))
        return COMMANDS[args.command](project, args)
    except _ChecksFailed:
        return EXIT_FINDINGS
    except InputErrors as exc:
        _report_input_errors(exc.errors, getattr(args, "format", "text"))
        return EXIT_INPUT
    except InputError as exc:
        _report_input_errors([exc], getattr(args, "format", "text"))
        return EXIT_INPUT
    except BuildToolsError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT


def _report_input_errors(errors: list[InputError], fmt: str) -> None:
    from .checks.findings import LOAD, Finding

    findings = [Finding(LOAD, e.message + (f" [key: {e.location.key}]" if e.location.key else ""),
                        e.location.file, e.location.line, e.hint) for e in errors]
    if fmt == "text":
        for e in errors:
            print(f"{PROG}: error: {e.render()}", file=sys.stderr)
        print(f"{PROG}: {len(errors)} input error(s); nothing was written", file=sys.stderr)
    else:
        sys.stdout.write(render(findings, fmt))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Build and check a course site from content/ and bib/.")
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("check", help="validate content/ and bib/; exit 1 on findings at --fail-on or above")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default="error",
                   help="lowest severity that fails the check (default: error)")
    p.add_argument("--source", type=Path, help="the reading's source text, for the quote check")
    p.add_argument("--quiet", action="store_true", help="print errors only (text format)")
    p = sub.add_parser("generate", help="check, then write the Markdown pages, maps and exports into build/")
    _add_edition(p)
    sub.add_parser("export", help="write the exports (BibTeX, CSL-JSON, RIS, reading.json, AIF, Argdown)")
    p = sub.add_parser("lms", help="write each reading's IMS Common Cartridge (.imscc) and Moodle XML into site/export/")
    p.add_argument("--site-url", metavar="URL",
                   help="the published site's address, for web links to its pages (default: site_url in mkdocs.yml; "
                        "without one the pages go inside the cartridge)")
    p = sub.add_parser("pdf", help="render the PDF handouts (changed ones only) and copy them to site/handouts/")
    p.add_argument("--jobs", type=int, help="handouts rendered at once, one per process (default: one per core)")
    _add_edition(p)
    p = sub.add_parser("build", help="check, render the handouts, generate, then build site/ with the engine (strict)")
    p.add_argument("--no-pdf", action="store_true", help="do not render handouts (faster; the site links those already in build/handouts)")
    p.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE, help=f"the site engine (default: {DEFAULT_ENGINE})")
    _add_edition(p)
    p = sub.add_parser("serve", help="live preview: regenerate on every change to content/, bib/, templates/; the engine reloads the browser")
    p.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE, help=f"the site engine (default: {DEFAULT_ENGINE})")
    p.add_argument("--addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="where to serve (default: 127.0.0.1:8000)")
    _add_edition(p)
    _add_authoring_commands(sub)
    return parser


def _add_edition(p: argparse.ArgumentParser) -> None:
    p.add_argument("--edition", choices=EDITIONS, default=DEFAULT_EDITION,
                   help="student: the published site in site/ (the default); instructor: everything, with the "
                        "instructor's material, in site-instructor/ (never publish it)")


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    findings = check(project, load(project), args.source)
    threshold = Severity[args.fail_on.upper()]
    shown = [f for f in findings if f.severity == Severity.ERROR] if args.quiet else findings
    sys.stdout.write(render(shown, args.format, findings))
    return EXIT_FINDINGS if any(f.severity >= threshold for f in findings) else EXIT_OK


class _ChecksFailed(Exception):
    """The content has errors: the command stops before writing anything (exit 1)."""


def _checked(project: Project) -> list:
    """Load and check; print the errors and stop the command when the content must not be built."""
    course = load(project)
    errors = [f for f in check(project, course) if f.severity == Severity.ERROR]
    if errors:
        sys.stderr.write(render(errors, "text"))
        print(f"{PROG}: fix the errors above; nothing was written", file=sys.stderr)
        raise _ChecksFailed
    return course


def cmd_generate(project: Project, args: argparse.Namespace) -> int:
    course = _checked(project)
    written = generate(project, course)
    changed = f"{len(written)} file{'s' if len(written) != 1 else ''} changed" if written else "nothing changed"
    print(f"{PROG}: {project.edition} edition's pages written to {project.docs.relative_to(project.root)} ({changed})")
    return EXIT_OK


def cmd_export(project: Project, args: argparse.Namespace) -> int:
    from .export import write_exports

    course = _checked(project)
    for linked in course:
        folder = project.site / "export" / linked.id
        write_exports(linked, folder)
        print(f"{PROG}: exports written to {folder.relative_to(project.root)}")
    return EXIT_OK


def cmd_lms(project: Project, args: argparse.Namespace) -> int:
    from .pipeline import write_lms_packages

    course = _checked(project)
    for path in write_lms_packages(project, course, project.site / "export", args.site_url):
        print(f"{PROG}: {path.relative_to(project.root)}")
    return EXIT_OK


def _progress(message: str) -> None:
    print(f"{PROG}: handouts: {message}", file=sys.stderr, flush=True)


def cmd_pdf(project: Project, args: argparse.Namespace) -> int:
    """The edition's handouts (the student edition's alone, or all for the instructor's), copied
    into the edition's site folder."""
    course = _checked(project)
    handouts = render_handouts(project, course, build_maps(course), _progress, args.jobs)
    folder = project.site / "handouts"
    wanted = {folder / handout.path.relative_to(project.handouts) for handout in handouts}
    # A handout of another edition left by an older build must not stay in this edition's site.
    for stale in (p for p in folder.rglob("*.pdf") if p not in wanted) if folder.is_dir() else ():
        stale.unlink()
    for handout in handouts:
        target = folder / handout.path.relative_to(project.handouts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(handout.path, target)
    print(f"{PROG}: {len(handouts)} handouts in {(project.site / 'handouts').relative_to(project.root)}")
    return EXIT_OK


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    from . import buildstate

    edition = project.edition
    options = buildstate.build_options(args.engine, not args.no_pdf, edition)
    inputs = buildstate.build_key(project.root, options)  # before reading them: an edit during the build counts
    course = _checked(project)
    maps = build_maps(course)
    if not args.no_pdf:
        render_handouts(project, course, maps, _progress)
    generate(project, course, maps)
    docs = buildstate.docs_digests(project.docs)
    structure = buildstate.structure_key(project.root, options, docs, project.nav)
    engine_inputs = buildstate.engine_key(structure, docs)
    if buildstate.unchanged(project.root, project.site, edition, engine_inputs, "engine"):
        print(f"{PROG}: no generated file changed: {project.site.relative_to(project.root)} left as it is")
    else:
        changed = buildstate.changed_docs(project.root, project.site, edition, structure, docs)
        how = "rebuilt (the changed pages only)" if build_site(project, args.engine, changed) else "built"
        print(f"{PROG}: {edition} edition {how} in {project.site.relative_to(project.root)} with {args.engine}")
    buildstate.record(project.root, project.site, edition, build=inputs, engine=engine_inputs, structure=structure,
                      docs=docs)
    return EXIT_OK


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    from .serve import serve
    from .serve.preview import ContentErrors

    try:
        serve(project, args.engine, args.addr)
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


COMMANDS: dict[str, Callable[[Project, argparse.Namespace], int]] = {
    "check": cmd_check, "generate": cmd_generate, "export": cmd_export, "lms": cmd_lms, "pdf": cmd_pdf, "build": cmd_build,
    "serve": cmd_serve,
}


# --- authoring: schema, new, import-notes ------------------------------------------


def _add_authoring_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="write the JSON Schema of every kind of content file into schemas/")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if schemas/ is out of step with the model")
    sub.add_parser("exercises", help="list each section's generated exercises by id, and whether its Practice part shows them")
    p = sub.add_parser("new", help="start a reading: content/READING-ID/ and bib/READING-ID.bib that check clean and build")
    p.add_argument("reading_id", metavar="READING-ID", help="lower-case letters, digits and single hyphens")
    p.add_argument("--title", help="the paper's title (default: made from the id)")
    p.add_argument("--author", help="the paper's author")
    p = sub.add_parser("import-notes", help="draft note data and BibTeX from a paper's footnotes as plain text")
    p.add_argument("notes", type=Path, metavar="NOTES.txt", help="the footnotes, each starting with its number and U+3000")
    p.add_argument("--reading", required=True, metavar="READING-ID", help="the reading the notes belong to")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="write both drafts into DIR (default: bib/ID.draft.bib and content/ID/notes.draft.yaml)")


def cmd_schema(project: Project, args: argparse.Namespace) -> int:
    from .schema import schema_files, stale_schemas, write_schemas

    folder = project.root / "schemas"
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"{PROG}: schemas/{name} is out of step with build_tools/model.py", file=sys.stderr)
        if stale:
            print(f"{PROG}: run `python -m build_tools schema` to regenerate", file=sys.stderr)
        return EXIT_FINDINGS if stale else EXIT_OK
    written = write_schemas(folder)
    print(f"{PROG}: {len(written)} of {len(schema_files())} schema files written to schemas/")
    return EXIT_OK


def cmd_new(project: Project, args: argparse.Namespace) -> int:
    from .scaffold import new_reading

    for path in new_reading(project.root, args.reading_id, args.title, args.author):
        print(path.relative_to(project.root))
    print(f"{PROG}: reading {args.reading_id!r} created: replace the placeholders, then run "
          f"`python -m build_tools check` and `python -m build_tools build`")
    return EXIT_OK


def cmd_import_notes(project: Project, args: argparse.Namespace) -> int:
    from .notes_import import write_drafts
    from .scaffold import check_id

    check_id(args.reading)
    draft, bib_path, notes_path = write_drafts(project.root, args.notes, args.reading, args.out)
    for problem in draft.problems:
        print(f"{PROG}: review: {problem.render(str(args.notes))}", file=sys.stderr)
    found = sum(n.status != "missing" for n in draft.notes)
    for path in (bib_path, notes_path):
        print(path.relative_to(project.root) if path.is_relative_to(project.root) else path)
    print(f"{PROG}: {found} notes, {len(draft.works)} works drafted; {len(draft.problems)} point(s) to review "
          f"(on stderr, and as comments in the drafts)")
    return EXIT_OK


def cmd_exercises(project: Project, args: argparse.Namespace) -> int:
    from .exercises import candidates, exercises_for

    for linked in load(project):
        shown = {section: [e.id for e in found] for section, found in exercises_for(linked).items()}
        for section, found in candidates(linked).items():
            teaching = linked.teaching_for(section)
            curation = teaching.practice if teaching else None
            for e in found:
                if curation and e.id in curation.pin:
                    state = "pinned"
                elif curation and e.id in curation.leave_out:
                    state = "left out"
                else:
                    state = "shown" if e.id in shown[section] else "not chosen"
                print(f"{linked.id}\t{section}\t{e.id}\t{state}")
    return EXIT_OK


COMMANDS.update({"schema": cmd_schema, "new": cmd_new, "import-notes": cmd_import_notes, "exercises": cmd_exercises})
