"""The command line: `python -m build_tools SUBCOMMAND`. Errors become exit codes here, and only here."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .checks import Severity
from .checks.report import FORMATS, render
from .errors import BuildToolsError, InputError, InputErrors
from .pipeline import Project, check, generate, load, mkdocs_build

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
PROG = "build_tools"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    project = Project(Path(args.root))
    try:
        return COMMANDS[args.command](project, args)
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
    sub.add_parser("generate", help="check, then write the Markdown pages, maps and exports into build/")
    sub.add_parser("export", help="write the exports (BibTeX, CSL-JSON, RIS, reading.json, AIF, Argdown)")
    sub.add_parser("build", help="generate, then build site/ with MkDocs in strict mode")
    return parser


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    findings = check(project, load(project), args.source)
    threshold = Severity[args.fail_on.upper()]
    shown = [f for f in findings if f.severity == Severity.ERROR] if args.quiet else findings
    sys.stdout.write(render(shown, args.format, findings))
    return EXIT_FINDINGS if any(f.severity >= threshold for f in findings) else EXIT_OK


def _checked(project: Project) -> list | None:
    """Load and check; print errors and return None when the content must not be built."""
    course = load(project)
    errors = [f for f in check(project, course) if f.severity == Severity.ERROR]
    if errors:
        sys.stderr.write(render(errors, "text"))
        print(f"{PROG}: fix the errors above; nothing was written", file=sys.stderr)
        return None
    return course


def cmd_generate(project: Project, args: argparse.Namespace) -> int:
    course = _checked(project)
    if course is None:
        return EXIT_FINDINGS
    out = generate(project, course)
    print(f"{PROG}: pages written to {out.relative_to(project.root)}")
    return EXIT_OK


def cmd_export(project: Project, args: argparse.Namespace) -> int:
    from .export import write_exports

    course = _checked(project)
    if course is None:
        return EXIT_FINDINGS
    for linked in course:
        folder = project.site / "export" / linked.id
        write_exports(linked, folder)
        print(f"{PROG}: exports written to {folder.relative_to(project.root)}")
    return EXIT_OK


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    status = cmd_generate(project, args)
    if status != EXIT_OK:
        return status
    mkdocs_build(project)
    print(f"{PROG}: site built in {project.site.relative_to(project.root)}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[Project, argparse.Namespace], int]] = {
    "check": cmd_check, "generate": cmd_generate, "export": cmd_export, "build": cmd_build,
}
