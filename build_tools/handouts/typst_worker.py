"""A Typst worker process: renders handouts the parent (handouts/pool.py) sends it, until told to stop.

Run by its path (`python -I -S typst_worker.py TEMPLATE EPOCH PACKAGES`), not as a module, so
that it imports Typst and nothing of the project: a worker weighs the interpreter, Typst and one
compiler (23 MB), not the whole build.

Typst memoizes every layout it does in a cache global to the process, which typst-py never
empties (comemo's evict is not exposed), and the next handout reuses little of it: a worker
grows by 30 to 150 MB per handout it renders. So the parent retires a worker when its memory is
wanted, and a new one starts in about 35 ms.

Protocol, one line each way per handout: the parent writes `{"data": FILE, "target": FILE}`
(the handout's JSON is read from FILE: a pipe would hold the parent until a new worker has
started); the worker answers `{"pages": N, "rss_mb": X, "fresh_mb": Y}` (its memory now and
before its first handout) once the PDF is in place, or `{"error": ..., "diagnostic": ...}` if Typst
refused it. At the end of its input the worker exits.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

PAGE_TREE = re.compile(rb"/Type\s*/Pages\s*/Count\s+(\d+)")
"""Typst writes one flat page tree, uncompressed: its root says how many pages there are."""


def rss_mb() -> float:
    """This process's resident memory now; 0 where there is no /proc (the parent then goes by its
    estimates alone)."""
    try:
        return int(Path("/proc/self/statm").read_bytes().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0.0


def page_count(pdf: bytes) -> int:
    found = PAGE_TREE.findall(pdf)
    if len(found) == 1:
        return int(found[0])
    from io import BytesIO  # a page tree of several levels, or compressed: read it properly

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def main(template: str, epoch: str, packages: str) -> int:
    sys.path.append(packages)  # started without the site module: Typst is found where the parent found it
    import typst

    # The template names DejaVu and Liberation fonts; Typst's own embedded fonts (Libertinus,
    # New Computer Modern) are never used and cost each worker 4.5 MB and 17 ms to index.
    fonts = typst.Fonts(include_system_fonts=True, include_embedded_fonts=False)
    compiler = typst.Compiler(template, root=str(Path(template).parent), font_paths=fonts,
                              ignore_system_fonts=True)
    fresh, out = rss_mb(), sys.stdout
    for line in sys.stdin:
        job = json.loads(line)
        data = Path(job["data"]).read_text(encoding="utf-8")
        try:
            pdf = compiler.compile(sys_inputs={"data": data}, pdf_standards=["ua-1"], timestamp=int(epoch))
        except typst.TypstError as exc:
            reply = {"error": str(exc), "diagnostic": getattr(exc, "diagnostic", "") or ""}
        else:
            target = Path(job["target"])
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(pdf)
            os.replace(tmp, target)
            reply = {"pages": page_count(pdf), "rss_mb": rss_mb(), "fresh_mb": fresh}
            del pdf, data
        out.write(json.dumps(reply) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
