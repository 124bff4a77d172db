"""The cartridge's pages (a course with no site address), unzipped and opened from disk in Chromium as
an LMS that shows them as files would: every page at 1366 x 900 and 390 x 844 asks for nothing but
files of the cartridge, does not scroll sideways on the phone, and axe-core finds no WCAG 2.1 A or AA
violation. Screenshots of a section page go to tests/artifacts/lms-<page>-<width>.png."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import READING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SIZES = [(1366, 900), (390, 844)]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHOWN = "us-constraints"
"""The section page photographed: the one with the most maps."""


@pytest.fixture(scope="module")
def unzipped(browser_requirements: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from build_tools.cli import main
    from tests.conftest import copy_course

    root = copy_course(tmp_path_factory.mktemp("lms-course"))
    assert main(["--root", str(root), "lms"]) == 0
    out = root / "unzipped"
    data = (root / "site" / "export" / READING / f"{READING}.imscc").read_bytes()
    zipfile.ZipFile(io.BytesIO(data)).extractall(out)
    return out


def test_cartridge_pages_load_only_their_own_files_fit_a_phone_and_pass_axe(
        browser: Browser, unzipped: Path, artifacts: Path) -> None:
    from axe_playwright_python.base import AXE_SCRIPT

    pages = sorted((unzipped / "pages").glob("*.html"))
    assert len(pages) > 10
    problems: list[str] = []
    for width, height in SIZES:
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            tab = context.new_page()
            requested: list[str] = []
            tab.on("request", lambda request: requested.append(request.url))
            for page in pages:
                requested.clear()
                tab.goto(page.as_uri())
                for url in requested:
                    if not url.startswith("file://") or not Path(url.removeprefix("file://").split("#")[0]).is_file():
                        problems.append(f"{page.name} at {width}: asked for {url}")
                scroll, client = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                if scroll > client:
                    problems.append(f"{page.name} at {width}: {scroll} px wide in a {client} px viewport")
                if width == SIZES[0][0]:
                    tab.evaluate(AXE_SCRIPT)
                    violations = tab.evaluate("options => axe.run(document, options).then(r => r.violations.map("
                                              "v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))",
                                              {"runOnly": {"type": "tag", "values": WCAG_TAGS}})
                    problems += [f"{page.name}: axe {v}" for v in violations]
                if page.stem == SHOWN:
                    tab.screenshot(path=str(artifacts / f"lms-{SHOWN}-{width}.png"))
        finally:
            context.close()
    assert not problems, "\n".join(problems)
