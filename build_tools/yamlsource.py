"""Read YAML safely and remember the line of every key and item.

Content files are small and plain: text, numbers, lists and mappings. Anything
else YAML can express (tags, merge keys, aliases that expand to millions of nodes,
nesting hundreds deep) is refused with the line it stands on, never followed.
"""

from __future__ import annotations

import codecs
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

import yaml

from .errors import InputError, Location
from .model import LOC_KEY

Path_ = tuple[Any, ...]

MAX_BYTES = 2_000_000
"""A content file larger than this is refused: no reading needs one, and a huge file is a mistake."""
MAX_NODES = 20_000
"""Most values one file may hold once its aliases are expanded (the largest file of a whole paper
holds about 600): a "billion laughs" file of nested aliases is refused before it is expanded."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings (content files need about six levels)."""

YAML_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {YAML_TAG + name for name in ("map", "seq")}
SCALAR_TAGS = {YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
"""What the safe loader may build from a scalar: no !!binary, no Python objects, no custom tags."""
FOREIGN_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32",  # before UTF-16: they share a prefix
    codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16",
}
SYNTAX_HINT = "check indentation, colons and quotes on this line and the one before"
TAG_HINT = "content files hold plain text, numbers, lists and mappings: remove the '!' tag"


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
    """Read a UTF-8 text file (a UTF-8 byte-order mark is dropped), or raise an InputError that says why not.

    Problems of the whole file are reported at line 1, so that every editor and CI
    annotation can jump to the file."""
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            # A pipe or a device would block or never end; a folder cannot be read as text.
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise InputError(Location(file, 1), f"cannot read file: it is {kind}", "put a plain text file here")
        if info.st_size > MAX_BYTES:
            raise _too_large(file)
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise InputError(
            Location(file), f"cannot read file: {exc.strerror or exc}", "check that the file exists and can be read",
        ) from exc
    if len(raw) > MAX_BYTES:
        raise _too_large(file)
    for bom, name in FOREIGN_BOMS.items():
        if raw.startswith(bom):
            raise InputError(
                Location(file, 1), f"file is {name} (it starts with a {name} byte-order mark), not UTF-8",
                "save it as UTF-8 in your editor",
            )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            Location(file, line), f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} on this line)",
            "save it as UTF-8 in your editor",
        ) from exc


def _too_large(file: Path) -> InputError:
    return InputError(
        Location(file, 1), f"file is larger than {MAX_BYTES // 1_000_000} MB",
        "split it, or check that it is the file you meant",
    )


class _Bounded:
    """PyYAML's composer with a bound on nesting and on the number of nodes it composes."""

    _depth = 0
    _nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._nodes += 1
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH or self._nodes > MAX_NODES:
                raise _Refused(self.peek_event().start_mark.line + 1, self._depth > MAX_DEPTH)
            return yaml.composer.Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


class _LimitedLoader(_Bounded, yaml.SafeLoader):
    """The safe loader in pure Python: its reader checks every character, its messages are the clearest."""


try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML's wheels ship libyaml
    CParser = None

if CParser is not None:
    class _FastLoader(_Bounded, yaml.composer.Composer, CParser,
                      yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's scanner and parser (about five times faster) under the same bounded composer.

        Only a document that libyaml reads without complaint and that holds no character the
        pure-Python reader refuses goes this way; anything else is read again by _LimitedLoader,
        whose lines and messages the authoring guide and the hardening tests describe."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._text = stream

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self._read_otherwise(self.peek_event()):
                raise _NotForLibyaml
            return super().compose_node(parent, index)

        def _read_otherwise(self, event: yaml.Event) -> bool:
            if getattr(event, "tag", None) == "!":
                return True
            if not isinstance(event, yaml.ScalarEvent):
                return False
            if event.value == "" and not event.style:
                return True  # libyaml marks an empty value on another line
            if event.style in ("|", ">"):
                start = event.start_mark.index
                end = self._text.find("\n", start)
                return bool(BLOCK_HEADER_COMMENT.search(self._text, start, end if end >= 0 else len(self._text)))
            return False
else:  # pragma: no cover
    _FastLoader = None


class _NotForLibyaml(Exception):
    """A node libyaml reads otherwise than PyYAML: a lone '!' tag, an empty value, or a block
    scalar whose header runs into a comment (PyYAML refuses that)."""


BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")


class _Refused(Exception):
    """Raised inside the composer; turned into an InputError with the file's name outside it."""

    def __init__(self, line: int, too_deep: bool) -> None:
        self.line, self.too_deep = line, too_deep


def _limit_error(file: Path, line: int | None, too_deep: bool) -> InputError:
    if too_deep:
        return InputError(Location(file, line), f"lists and mappings nested more than {MAX_DEPTH} deep",
                          "content files need only a few levels: check the brackets and indentation")
    return InputError(Location(file, line), f"file holds more than {MAX_NODES:,} values (counting what aliases repeat)",
                      "write the values out once, without nested '&anchor' and '*alias' repeats")


_LAST_PARSE: dict[tuple[str, Path], tuple[str, Any]] = {}
_LAST_PARSE_MAX = 4096
T = TypeVar("T")


def parse_once(kind: str, file: Path, text: str, parse: Callable[[str], T]) -> T:
    """``parse(text)``, or its last result for this file while the file's text is the same: the live
    preview loads every file on every edit, and an edit changes one. Callers never change a result."""
    last = _LAST_PARSE.get((kind, file))
    if last is not None and last[0] == text:
        return last[1]
    result = parse(text)
    if len(_LAST_PARSE) >= _LAST_PARSE_MAX:
        _LAST_PARSE.clear()
    _LAST_PARSE[(kind, file)] = (text, result)
    return result


def load_yaml(file: Path) -> YamlDocument:
    """Parse one YAML file with the safe loader, keeping a line for every node."""
    return parse_once("yaml", file, read_text(file), lambda text: _parse_yaml(file, text))


def _parse_yaml(file: Path, text: str) -> YamlDocument:
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        raise InputError(Location(file, line), "tab character in YAML", "indent with spaces")
    node = _compose(file, text)
    if node is None:
        raise InputError(Location(file, 1), "file is empty", "see README for what this file holds")
    _check_expanded_size(file, node)
    doc = YamlDocument(file, None)
    doc.data = _Converter(doc).convert(node, ())
    return doc


NOT_FOR_LIBYAML = re.compile(yaml.reader.Reader.NON_PRINTABLE.pattern + "|[\ufeff\x85\u2028\u2029]")
"""Characters the pure-Python reader refuses, and those libyaml reads otherwise (a byte-order
mark inside the text, the Unicode line breaks): a file holding one is read by _LimitedLoader."""


def _compose(file: Path, text: str) -> yaml.Node | None:
    if _FastLoader is not None and not NOT_FOR_LIBYAML.search(text):
        fast = _FastLoader(text)
        try:
            return fast.get_single_node()
        except (yaml.YAMLError, _Refused, _NotForLibyaml):
            pass  # read it again below, for the pure-Python parser's line and message
        finally:
            fast.dispose()
    loader = None
    try:
        loader = _LimitedLoader(text)  # the reader checks every character here
        return loader.get_single_node()
    except _Refused as exc:
        raise _limit_error(file, exc.line, exc.too_deep) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(file, exc) from exc
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise InputError(
            Location(file, line), f"character U+{exc.character:04X} is not allowed in YAML",
            "delete the control character (it is often invisible: retype the line)",
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError(Location(file, 1), f"YAML error: {exc}", SYNTAX_HINT) from exc
    finally:
        if loader is not None:
            loader.dispose()


def _syntax_error(file: Path, exc: yaml.MarkedYAMLError) -> InputError:
    """Where the parser gave up and, for an open quote or bracket, where it was opened: a quote
    left open is only noticed at the end of the file, so the line that opened it is the one to show."""
    problem = _plain(exc.problem or exc.context or "cannot be read")
    ctx = exc.context_mark.line + 1 if exc.context_mark and exc.context else None
    line = exc.problem_mark.line + 1 if exc.problem_mark else ctx or 1
    if exc.context and not exc.context.startswith("while "):
        problem = _plain(f"{exc.context}, {problem}")  # "expected a single document in the stream, but found another"
    elif ctx is not None and ctx != line:
        inside = _plain(WHILE.sub("", exc.context))
        problem += f" (in the {inside} that starts on line {ctx})"
        if "end of the file" in problem:
            line = ctx
    return InputError(Location(file, line), f"YAML syntax error: {problem}", SYNTAX_HINT)


WHILE = re.compile(r"^while \w+ (?:an? )?")
YAML_WORDS = {
    "flow sequence": "[...] list", "flow mapping": "{...} mapping", "quoted scalar": "quoted text",
    "plain scalar": "text", "block mapping": "mapping", "block collection": "list or mapping",
    "block sequence": "list", "<stream end>": "the end of the file", "end of stream": "end of the file",
}


def _plain(text: str) -> str:
    """PyYAML's grammar words in the words of the authoring guide."""
    for word, plain in YAML_WORDS.items():
        text = text.replace(word, plain)
    return text


def _check_expanded_size(file: Path, root: yaml.Node) -> None:
    """Measure the document as it is once its aliases are expanded, without expanding them.

    An alias is the very node it names, and it can only name a node written before it, so
    each node is measured once, from its children's measures (its count of values and its
    height): a "billion laughs" file costs as many steps as it has lines."""
    measured: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()

    def measure(node: yaml.Node) -> tuple[int, int]:
        key = id(node)
        if key in measured:
            return measured[key]
        line = node.start_mark.line + 1
        if key in open_nodes:
            raise InputError(Location(file, line), "an alias repeats the list or mapping it stands in",
                             "an '*alias' may only repeat a value written before it, not one that contains it")
        open_nodes.add(key)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        count, height = 1, 1
        for child in children:
            child_count, child_height = measure(child)
            count, height = count + child_count, max(height, child_height + 1)
        open_nodes.discard(key)
        if height > MAX_DEPTH or count > MAX_NODES:
            raise _limit_error(file, line, height > MAX_DEPTH)
        measured[key] = (count, height)
        return count, height

    measure(root)


class _Converter:
    """Nodes to plain data; _check_expanded_size has bounded what the aliases expand to."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.constructor = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        doc = self.doc
        line = node.start_mark.line + 1
        doc.lines[path] = line
        if isinstance(node, yaml.CollectionNode) and node.tag not in PLAIN_TAGS:
            raise InputError(Location(doc.file, line), f"YAML tag {node.tag!r} is not allowed", TAG_HINT)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {LOC_KEY: (doc.file, line)}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if key_node.tag == YAML_TAG + "merge":
                    raise InputError(Location(doc.file, key_line), "YAML merge keys ('<<') are not supported",
                                     "write the keys out in this mapping")
                key = self.scalar(key_node)
                if isinstance(key, bool) or not isinstance(key, (str, int)):
                    raise InputError(Location(doc.file, key_line), f"a key must be text (got {key!r})",
                                     "write the key as a word; YAML reads yes, no, on, off and null as other values")
                if key == LOC_KEY or key in result:
                    raise InputError(
                        Location(doc.file, key_line, str(key)),
                        f"key {key!r} appears twice in the same mapping", "keep one of them",
                    )
                result[key] = self.convert(value_node, (*path, key))
                doc.lines[(*path, key)] = key_line
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.ScalarNode):
            raise InputError(Location(self.doc.file, line), "a key must be a plain value, not a list or mapping",
                             "write the key as a word followed by a colon")
        if node.tag == YAML_TAG + "value":
            return node.value  # a lone "=": YAML 1.1's "default value" key, text to everyone else
        if node.tag not in SCALAR_TAGS:
            raise InputError(Location(self.doc.file, line), f"YAML tag {node.tag!r} is not allowed", TAG_HINT)
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise InputError(Location(self.doc.file, line), f"YAML value not allowed: {exc.problem}",
                             "put the value in quotes to keep it as text") from exc
        except (ValueError, OverflowError) as exc:
            # A number with thousands of digits, say, or "!!int abc": Python refuses to convert it.
            shown = node.value if len(node.value) <= 20 else node.value[:20] + "…"
            kind = node.tag.removeprefix(YAML_TAG)
            raise InputError(Location(self.doc.file, line), f"value {shown!r} cannot be read as {kind}",
                             "put the value in quotes to keep it as text, or shorten it") from exc
