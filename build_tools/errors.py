"""The project's own error types, turned into exit codes only at the CLI edge."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where something stands in the author's files."""

    file: Path
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
        return where


class BuildToolsError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(BuildToolsError):
    """Input that cannot be read or does not fit the model (exit code 2)."""

    def __init__(self, location: Location, message: str, hint: str | None = None) -> None:
        self.location = location
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.location.key:
            text += f" [key: {self.location.key}]"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputErrors(BuildToolsError):
    """Several input errors found in one pass, reported together."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.render() for e in errors))


class ToolMissingError(BuildToolsError):
    """A system program the build needs (Graphviz, say) is not installed."""
