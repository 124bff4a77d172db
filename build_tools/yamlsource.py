"""Read YAML safely and remember the line of every key and item."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Location
from .model import LOC_KEY

Path_ = tuple[Any, ...]

MAX_BYTES = 2_000_000
"""A content file larger than this is refused: no reading needs one, and a huge file is a mistake."""


@dataclass
class YamlDocument:
    """Plain data from one YAML file, with the line of each path inside it."""

    file: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest known node on ``path``."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def read_text(file: Path) -> str:
    """Read a UTF-8 text file, or raise an InputError that says why not."""
    try:
        if file.stat().st_size > MAX_BYTES:
            raise InputError(
                Location(file), f"file is larger than {MAX_BYTES // 1_000_000} MB",
                "split it, or check that it is the file you meant",
            )
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(Location(file), f"cannot read file: {exc.strerror}") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            Location(file, line), "file is not valid UTF-8",
            "save it as UTF-8 in your editor",
        ) from exc


def load_yaml(file: Path) -> YamlDocument:
    """Parse one YAML file with the safe loader, keeping a line for every node."""
    text = read_text(file)
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        raise InputError(Location(file, line), "tab character in YAML", "indent with spaces")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(
            Location(file, line), f"YAML syntax error: {exc.problem or exc.context}",
            "check indentation, colons and quotes on this line and the one before",
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError(Location(file), f"YAML error: {exc}") from exc
    doc = YamlDocument(file, None)
    if node is None:
        raise InputError(Location(file, 1), "file is empty", "see README for what this file holds")
    doc.data = _convert(node, (), doc)
    return doc


def _convert(node: yaml.Node, path: Path_, doc: YamlDocument) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {LOC_KEY: (doc.file, node.start_mark.line + 1)}
        for key_node, value_node in node.value:
            key = _scalar(key_node, doc)
            if not isinstance(key, (str, int)):
                raise InputError(Location(doc.file, key_node.start_mark.line + 1), "a key must be text")
            if key == LOC_KEY or key in result:
                raise InputError(
                    Location(doc.file, key_node.start_mark.line + 1, str(key)),
                    f"key {key!r} appears twice in the same mapping", "keep one of them",
                )
            result[key] = _convert(value_node, (*path, key), doc)
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc) for i, item in enumerate(node.value)]
    return _scalar(node, doc)


def _scalar(node: yaml.Node, doc: YamlDocument) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise InputError(Location(doc.file, node.start_mark.line + 1), "a key must be a plain value")
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise InputError(Location(doc.file, node.start_mark.line + 1), f"YAML value not allowed: {exc.problem}") from exc
