"""Print findings as text, JSON, JUnit XML or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections import Counter
from xml.sax.saxutils import quoteattr

from .findings import Finding

FORMATS = ("text", "json", "junit", "github")


def render(findings: list[Finding], fmt: str, counted: list[Finding] | None = None) -> str:
    """Findings in one format; ``counted`` (default: the same list) feeds the text summary line."""
    if fmt == "text":
        return _text(findings, findings if counted is None else counted)
    return {"json": _json, "junit": _junit, "github": _github}[fmt](findings)


def _text(findings: list[Finding], counted: list[Finding]) -> str:
    lines = []
    for f in findings:
        hint = f" ({f.hint})" if f.hint else ""
        where = f"{f.where}: " if f.where else ""
        lines.append(f"{where}{f.code.code} {f.severity}: {f.message}{hint}")
    counts = Counter(str(f.severity) for f in counted)
    lines.append(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes")
    return "\n".join(lines) + "\n"


def _json(findings: list[Finding]) -> str:
    rows = [
        {"code": f.code.code, "name": f.code.name, "severity": str(f.severity), "file": str(f.file) if f.file else None,
         "line": f.line, "message": f.message, "hint": f.hint}
        for f in findings
    ]
    return json.dumps({"findings": rows}, indent=2, ensure_ascii=False) + "\n"


def _junit(findings: list[Finding]) -> str:
    failing = [f for f in findings if str(f.severity) == "error"]
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<testsuite name="build_tools.check" tests="{max(len(findings), 1)}" failures="{len(failing)}">']
    if not findings:
        out.append('  <testcase classname="check" name="clean"/>')
    for f in findings:
        name = quoteattr(f"{f.code.code} {f.where}")
        out.append(f'  <testcase classname="check.{f.code.name}" name={name}>')
        body = quoteattr(f.message + (f" ({f.hint})" if f.hint else ""))
        if str(f.severity) == "error":
            out.append(f"    <failure message={body}/>")
        else:
            out.append(f"    <system-out>{f.severity}: {quoteattr(f.message)[1:-1]}</system-out>")
        out.append("  </testcase>")
    out.append("</testsuite>")
    return "\n".join(out) + "\n"


def _github(findings: list[Finding]) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for f in findings:
        props = [f"file={f.file}"] if f.file else []
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={f.code.code} {f.code.name}")
        msg = (f.message + (f" ({f.hint})" if f.hint else "")).replace("%", "%25").replace("\n", "%0A")
        lines.append(f"::{level[str(f.severity)]} {','.join(props)}::{msg}")
    return "\n".join(lines) + ("\n" if lines else "")
