"""JSON Schema for every kind of content file, generated from the model.

An editor with the YAML language server reads the schema named on a file's first
line (``# yaml-language-server: $schema=../../schemas/notes.schema.json``) and
completes keys, flags unknown ones and shows each key's meaning while the author
types. The schema is derived, never written by hand: ``python -m build_tools schema``
writes schemas/ from model.py, and a test keeps the two in step.

The location that the YAML reader adds to every mapping (model.LOC_KEY) is popped by
a wrap validator before pydantic sees the data, so it never reaches the schema.
Attribute docstrings (the string under a field in model.py) become descriptions:
the model does not set pydantic's ``use_attribute_docstrings``, and the schema
should not need the model to change.
"""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import CONTENT_FILES, ClaimFile, Located

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
CLAIMS = "claims"
"""Schema name of the files under claims/ (one per section)."""


def schema_name(file_name: str) -> str:
    """'notes.yaml' -> 'notes'; the claim files share the name 'claims'."""
    return file_name.removesuffix(".yaml")


def content_models() -> dict[str, type[Located]]:
    """Schema name -> model of the file's top level, for every kind of content file."""
    models = {schema_name(name): model for name, model in CONTENT_FILES.items()}
    models[CLAIMS] = ClaimFile
    return dict(sorted(models.items()))


def modeline(name: str, depth: int = 2) -> str:
    """The first line of a content file ``depth`` folders below the project root."""
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{name}.schema.json"


def build_schema(name: str, model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    _describe_fields(schema, model)
    for sub in _nested_models(model):
        if sub.__name__ in schema.get("$defs", {}):
            _describe_fields(schema["$defs"][sub.__name__], sub)
    file = "claims/<section>.yaml" if name == CLAIMS else f"{name}.yaml"
    return {
        "$schema": SCHEMA_DIALECT,
        "$comment": "Generated from build_tools/model.py by `python -m build_tools schema`; do not edit.",
        **schema,
        "title": f"{file} ({model.__name__})",
    }


def render_schema(schema: dict[str, Any]) -> str:
    """Deterministic text: sorted keys, two-space indent, non-ASCII kept, one trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """File name under schemas/ -> its text, for every kind of content file."""
    return {f"{name}.schema.json": render_schema(build_schema(name, model))
            for name, model in content_models().items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; files whose text is unchanged are left alone."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, text in schema_files().items():
        path = folder / file_name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Schema files that are missing from ``folder`` or differ from the model."""
    return [name for name, text in schema_files().items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]


# --- descriptions from attribute docstrings ------------------------------------------


def _describe_fields(schema: dict[str, Any], model: type[BaseModel]) -> None:
    docs = field_docstrings(model)
    for field_name, prop in schema.get("properties", {}).items():
        if field_name in docs and "description" not in prop:
            prop["description"] = docs[field_name]


def _nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model reachable from ``model`` through its fields' annotations."""
    found: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.append(annotation)
                for f in annotation.model_fields.values():
                    visit(f.annotation)
            return
        for arg in getattr(annotation, "__args__", ()):
            visit(arg)

    for f in model.model_fields.values():
        visit(f.annotation)
    return found


@cache
def field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> the string literal written right under it in the class body."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for stmt, after in zip(body, body[1:]):
            if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                    and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                docs[stmt.target.id] = inspect.cleandoc(after.value.value)
    return docs
