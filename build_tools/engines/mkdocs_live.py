"""The MkDocs preview server: `python -m build_tools.engines.mkdocs_live`, started by `make serve`.

MkDocs' own live-reloading server, fed differently from `mkdocs serve`, for speed with the same
pages: it rebuilds when the generator's stamp file changes (so never on a half-written set of
files), dirty (only the pages whose Markdown the generator rewrote; the generator rewrites every
page that shows a changed claim), and keeps what does not change between builds: the
configuration, and the theme's compiled templates and its list of files. A new navigation, a
changed mkdocs.yml or a page added or removed gets a full build. Not strict: one broken link
must not stop the preview; the warning is printed.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from ..staging import scratch_folder
from .mkdocs_engine import anchor_snippets

POLL = 0.01
"""Seconds between looks at the stamp file (it is alone in its folder: a look costs microseconds)."""

log = logging.getLogger("mkdocs.preview")


class PreviewSite:
    """The site the server shows, built into a folder of its own, full or dirty as the inputs say."""

    def __init__(self, config_file: Path, root: Path, host: str, port: int,
                 docs: Path | None = None, nav: Path | None = None) -> None:
        self.config_file, self.root = config_file, root
        self.docs, self.nav = docs or root / "build" / "docs", nav or root / "build" / "nav.yml"
        self.site_dir = tempfile.mkdtemp(prefix="mkdocs-preview-", dir=scratch_folder(root / "build"))
        self.host, self.port = host, port
        self.mount_path = self.url = "/"
        self.config: Any = None
        self.seen: tuple | None = None

    def load(self) -> Any:
        config = load_config(str(self.config_file), site_dir=self.site_dir, strict=False)
        anchor_snippets(config, self.root)
        config.plugins.on_startup(command="serve", dirty=True)
        # Served at the path of the published address (site_url), as `mkdocs serve` does.
        path = urlsplit(config.site_url or "/").path.strip("/")
        self.mount_path = f"/{path}/" if path else "/"
        config.site_url = self.url = f"http://{self.host}:{self.port}{self.mount_path}"
        env = config.theme.get_env()
        # Every build would make the theme's Jinja environment anew, compiling Material's templates
        # again, and list its 14,000 files (icons among them) to pick its static ones: keep both.
        # Hidden folders are left out of the list; MkDocs leaves them out of the site anyway.
        names = [n for n in env.loader.list_templates() if not any(p.startswith(".") for p in n.split("/"))]
        env.loader.list_templates = lambda: names
        config.theme.get_env = lambda: env
        return config

    def inputs(self) -> tuple:
        """What needs a full build when it changes: the configuration, the navigation, the set of files."""
        files = frozenset(os.path.join(d, f) for d, _, names in os.walk(self.docs) for f in names)
        return tuple(_stat(p) for p in (self.config_file, self.nav)) + (files,)

    def build(self) -> None:
        seen = self.inputs()
        full = self.config is None or seen != self.seen
        try:
            if full:
                self.config = self.load()
            build(self.config, serve_url=self.url, dirty=not full)
            self.seen = seen
        except Exception as exc:  # noqa: BLE001 (the server stays up with the last good pages)
            self.config = None
            log.error(f"the preview could not be built: {exc}; the last good pages stay")


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_mtime_ns, info.st_size


class _QuietDirty(logging.Filter):
    """MkDocs warns on every dirty build that its navigation may be stale; here a new navigation gets
    a full build, so the warning would only hide the real ones."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_tools.engines.mkdocs_live")
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--addr", required=True)
    parser.add_argument("--stamp", type=Path, required=True)
    parser.add_argument("--docs", type=Path, help="the edition's generated docs (default: build/docs)")
    parser.add_argument("--nav", type=Path, help="the edition's navigation (default: build/nav.yml)")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s %(message)s"))
    handler.addFilter(_QuietDirty())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    host, _, port = args.addr.rpartition(":")
    host = host.strip("[]")
    site = PreviewSite(args.config, args.root, host, int(port), args.docs, args.nav)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        site.build()
        server = LiveReloadServer(builder=site.build, host=host, port=int(port), root=site.site_dir,
                                  mount_path=site.mount_path, polling_interval=POLL)
        server.build_delay = 0  # the stamp is written once, after everything else
        server.error_handler = lambda code: _error_page(site.site_dir, code)
        args.stamp.parent.mkdir(parents=True, exist_ok=True)
        server.watch(str(args.stamp.parent))
        try:
            server.serve()
        finally:
            server.shutdown()
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(site.site_dir, ignore_errors=True)
    return 0


def _error_page(site_dir: str, code: int) -> bytes | None:
    page = Path(site_dir, f"{code}.html")
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


if __name__ == "__main__":
    sys.exit(main())
