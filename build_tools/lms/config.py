"""Where the site is published: `site_url` and `use_directory_urls` from mkdocs.yml, if it says."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..errors import BuildToolsError, InputError, Location


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may use tags (!relative, python names) that only MkDocs resolves; read them as null.
    `!ENV` is read as MkDocs reads it: the published build sets `site_url: !ENV [SITE_URL, null]`."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV NAME` or `!ENV [NAME, OTHER, ..., default]`: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node, deep=True)
        names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_TolerantLoader.add_constructor("!ENV", _env)


def site_address(config: Path, explicit: str | None = None) -> tuple[str | None, bool]:
    """(site_url or None, use_directory_urls); an explicit address wins over the config's."""
    data: dict[str, Any] = {}
    if config.is_file():
        try:
            loaded = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 (safe loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise InputError(Location(config, mark.line + 1 if mark else None), f"cannot read the site's address: {exc}",
                             "fix mkdocs.yml, or pass --site-url") from exc
        data = loaded if isinstance(loaded, dict) else {}
    # An empty address (the Pages workflow's SITE_URL where Pages is not set up) is no address.
    url = explicit if explicit is not None else (data.get("site_url") or None)
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        if explicit is not None:
            raise BuildToolsError(f"--site-url {url!r} is not an http(s) address: give it as https://host/path/")
        raise InputError(Location(config), f"site_url {url!r} is not an http(s) address", "give it as https://host/path/")
    return (url or None), bool(data.get("use_directory_urls", True))


DEFAULT_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
                      "pymdownx.details", "pymdownx.superfences", "build_tools.paper_notes", "build_tools.tooltip_scope"]
"""What the project's mkdocs.yml names, for a project without one."""


def markdown_extensions(config: Path | None) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The site's Markdown extensions as mkdocs.yml names them, with their options: the cartridge's
    pages are converted as the site's are."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader) if config and config.is_file() else None  # noqa: S506
    entries = (data or {}).get("markdown_extensions") or DEFAULT_EXTENSIONS
    names: list[str] = []
    options: dict[str, dict[str, Any]] = {}
    for entry in entries:
        name, opts = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if opts:
            options[name] = opts
    return names, options
