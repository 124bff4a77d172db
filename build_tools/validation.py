"""Turn pydantic's validation errors into InputErrors with file, line, key and a hint."""

from __future__ import annotations

import datetime
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
        # Strict: YAML reads `on`, `yes` and `no` as booleans, and lax validation would
        # quietly turn them into 1 and 0 wherever a number is expected.
        return model.model_validate(doc.data, strict=True)
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
    return InputError(Location(doc.file, doc.line_of(loc), key), f"{err['msg']}{shown}", _hint_for(kind, value))


YAML_READS = "YAML reads yes, no, on and off as true or false, and unquoted numbers and dates as such"


def _hint_for(kind: str, value: Any) -> str:
    """A fix for each kind of validation error: every InputError carries one."""
    if kind == "string_type" and isinstance(value, (bool, int, float, datetime.date)):
        return f"put the text in quotes: {YAML_READS}"
    if kind == "int_type" and isinstance(value, bool):
        return f"write a whole number: {YAML_READS}"
    if kind == "int_type" and isinstance(value, str):
        return "write the number without quotes"
    if kind == "int_type" and isinstance(value, float):
        return "write a whole number, without a decimal point"
    if kind == "list_type":
        return "write a list here: one '- ' item a line, or [a, b] on one line"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "write a mapping here: 'key: value' lines, as the authoring guide shows"
    if isinstance(value, (dict, list)):
        return "write a single value here, not a list or mapping"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "check the value's type against the authoring guide"
    if kind == "literal_error":
        return "use one of the values listed"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return "use a number within the limit the message names"
    if kind == "string_too_short":
        return "write the text, or leave the key out if it is optional"
    if kind == "string_too_long":
        return "shorten it: paraphrase, and quote only short passages"
    if kind == "too_short":
        return "list at least one item"
    if kind == "string_pattern_mismatch":
        return "write the value in the form the authoring guide shows (a sort date is 2022, 2022-02 or 2022-02-24)"
    if kind == "invalid_key":
        return "write the key as a word followed by a colon"
    return "see the README's authoring guide for what this key holds"


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
