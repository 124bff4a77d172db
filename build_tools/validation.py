"""Turn pydantic's validation errors into InputErrors with file, line, key and a hint."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputError, Location
from .yamlsource import YamlDocument


def validate(model: type[BaseModel], doc: YamlDocument) -> Any:
    """Validate a YAML document against a model, or raise InputErrors for every problem."""
    from .errors import InputErrors

    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputErrors([_to_input_error(model, doc, err) for err in exc.errors()]) from None


def _to_input_error(model: type[BaseModel], doc: YamlDocument, err: Any) -> InputError:
    loc = tuple(err["loc"])
    key = ".".join(str(part) for part in loc) or None
    kind = err["type"]
    if kind == "extra_forbidden":
        bad = str(loc[-1])
        allowed = sorted(_fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(bad, allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(allowed)}"
        return InputError(Location(doc.file, doc.line_of(loc), key), f"unknown key {bad!r}", hint)
    if kind == "missing":
        return InputError(
            Location(doc.file, doc.line_of(loc[:-1]), key),
            f"missing key {str(loc[-1])!r}", "add it; the README's authoring guide lists each file's keys",
        )
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id", "section", "parent", "focus"):
        return InputError(
            Location(doc.file, doc.line_of(loc), key), "an id must be lower-case letters, digits and single hyphens",
            "for example 'burden-sharing'",
        )
    value = err.get("input")
    shown = "" if isinstance(value, (dict, list)) else f" (got {value!r})"
    return InputError(Location(doc.file, doc.line_of(loc), key), f"{err['msg']}{shown}", _hint_for(kind))


def _hint_for(kind: str) -> str | None:
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "check the value's type against the authoring guide"
    if kind == "literal_error":
        return "use one of the values listed"
    return None


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> set[str]:
    """The field names of the model found by following ``loc`` from ``model``."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else current
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return set()
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return set(current.model_fields)
    return set()


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated so that lists and models show through."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation
