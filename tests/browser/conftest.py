"""Browser tests: one built copy of the site per session, served from 127.0.0.1, driven by
Debian's Chromium through Playwright for Python (no browser is ever downloaded).

Everything expensive is session-scoped: the build (in a temporary folder, never the repository's
site/), the HTTP server and the browser. Each test gets a fresh browser context.

Where Chromium, Playwright or Graphviz is missing, every browser test skips and says why.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # playwright is optional: it is imported only once it is known to be there
    from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
READING = "us-japan-alliance-2020s"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}


def _missing_requirement() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if shutil.which("chromium") is None:
        return ("Chromium is not installed (no 'chromium' on PATH): `make test-deps` installs Debian's "
                "chromium package; the browser tests never download a browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return (f"Playwright for Python cannot be imported ({error}): "
                "`.venv/bin/pip install playwright axe-playwright-python` (never `playwright install`)")
    try:
        import axe_playwright_python  # noqa: F401
    except ImportError as error:
        return f"axe-playwright-python cannot be imported ({error}): `.venv/bin/pip install axe-playwright-python`"
    if shutil.which("dot") is None:
        return "Graphviz 'dot' is not installed, so the site cannot be built (make test installs it)"
    return None


@pytest.fixture(scope="session")
def browser_requirements() -> None:
    reason = _missing_requirement()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def built_site(browser_requirements: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session from a copy of the course in a temporary folder."""
    from build_tools.cli import main

    root = tmp_path_factory.mktemp("browser-course")
    for name in ("content", "bib", "templates"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(ROOT / "README.md", root / "README.md")
    (root / "build_tools").symlink_to(ROOT / "build_tools")  # mkdocs.yml names the hook by path
    # The PDF handouts are not pages a browser shows, and rendering them takes minutes: skip them
    # where the CLI offers that (argparse exits with 2 on an option it does not know).
    try:
        code = main(["--root", str(root), "build", "--no-pdf"])
    except SystemExit:
        code = main(["--root", str(root), "build"])
    assert code == 0, "the site did not build: see the captured output"
    site = root / "site"
    assert (site / "index.html").is_file()
    return site


@pytest.fixture(scope="session")
def built_instructor_site(built_site: Path) -> Path:
    """The instructor edition of the same copy of the course, built beside it (site-instructor/)."""
    from build_tools.cli import main

    root = built_site.parent
    assert main(["--root", str(root), "build", "--no-pdf", "--edition", "instructor"]) == 0
    site = root / "site-instructor"
    assert (site / "index.html").is_file()
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


def _served(site: Path) -> Iterator[str]:
    """A built site served by http.server in a thread, on 127.0.0.1 and a free port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site (the student edition) served on 127.0.0.1."""
    yield from _served(built_site)


@pytest.fixture(scope="session")
def instructor_base_url(built_instructor_site: Path) -> Iterator[str]:
    """The instructor edition served on 127.0.0.1, on a port of its own."""
    yield from _served(built_instructor_site)


def _pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a path relative to the server root ('' is the home)."""
    return [page.relative_to(site).as_posix().removesuffix("index.html") for page in sorted(site.rglob("*.html"))]


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """Every page of the student edition (no instructor pages)."""
    pages = _pages(built_site)
    assert len(pages) >= 30, pages
    return pages


@pytest.fixture(scope="session")
def instructor_pages(built_instructor_site: Path, site_pages: list[str]) -> list[str]:
    """Every page of the instructor edition: the student edition's and the instructor view."""
    pages = _pages(built_instructor_site)
    assert set(pages) > set(site_pages) and any("/instructor/" in p for p in pages), pages
    return pages


@pytest.fixture(scope="session")
def browser(browser_requirements: None) -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    manager = sync_playwright().start()
    try:
        chromium = manager.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except Exception as error:  # a broken install: say so rather than fail every test obscurely
        manager.stop()
        pytest.skip(f"Chromium at {executable} could not be started by Playwright: {error}")
    try:
        yield chromium
    finally:
        chromium.close()
        manager.stop()


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DESKTOP, base_url=base_url)
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
