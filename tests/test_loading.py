"""Loading: content files validate against the model; bad input names file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.errors import InputError, InputErrors
from build_tools.loader import load_course
from build_tools.model import ClaimFile
from build_tools.validation import validate
from build_tools.yamlsource import load_yaml


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(call) -> list[InputError]:
    with pytest.raises((InputError, InputErrors)) as info:
        call()
    exc = info.value
    return exc.errors if isinstance(exc, InputErrors) else [exc]


def test_misspelled_key_names_file_line_and_suggestion(tmp_path: Path) -> None:
    f = write(tmp_path / "c.yaml", "section: s\nclaims:\n  - id: a\n    kindd: claim\n    text: T\n    paragraph: 1\n")
    [err] = [e for e in errors_of(lambda: validate(ClaimFile, load_yaml(f))) if "kindd" in e.message]
    assert err.location.file == f and err.location.line == 4
    assert err.hint == "did you mean 'kind'?"


def test_missing_key_and_wrong_type_are_located(tmp_path: Path) -> None:
    f = write(tmp_path / "c.yaml", "section: s\nclaims:\n  - id: a\n    text: T\n    paragraph: first\n")
    errs = errors_of(lambda: validate(ClaimFile, load_yaml(f)))
    messages = {e.message.split(" (")[0]: e.location.line for e in errs}
    assert messages.get("missing key 'kind'") == 3
    assert any(e.location.key == "claims.0.paragraph" and e.location.line == 5 for e in errs)


def test_yaml_syntax_error_and_tabs(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "section: s\nclaims: [\n  - id: a\n")
    [err] = errors_of(lambda: load_yaml(bad))
    assert "YAML syntax error" in err.message and err.location.line is not None
    tabs = write(tmp_path / "tabs.yaml", "section: s\n\tclaims: []\n")
    [err] = errors_of(lambda: load_yaml(tabs))
    assert err.location.line == 2 and "tab" in err.message


def test_bad_id_is_refused(tmp_path: Path) -> None:
    f = write(tmp_path / "c.yaml", "section: s\nclaims:\n  - id: ../etc\n    kind: claim\n    text: T\n    paragraph: 1\n")
    [err] = errors_of(lambda: validate(ClaimFile, load_yaml(f)))
    assert err.location.line == 3 and "lower-case" in err.message


def test_course_holds_several_readings(mini: Path, tmp_path: Path) -> None:
    import shutil

    from tests.conftest import ROOT
    shutil.copytree(ROOT / "content" / "us-japan-alliance-2020s", mini / "content" / "us-japan-alliance-2020s")
    shutil.copytree(ROOT / "bib", mini / "bib", dirs_exist_ok=True)
    readings = load_course(mini / "content", mini / "bib")
    assert [r.meta.id for r in readings] == ["mini-reading", "us-japan-alliance-2020s"]
    assert {s.key for s in readings[0].sources} == {"smith2001spans", "lee2010narrow"}


def test_cli_check_exit_2_on_misspelled_key(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = mini / "content" / "mini-reading" / "claims" / "opening.yaml"
    f.write_text(f.read_text().replace("    kind: evidence", "    knd: evidence"))
    assert main(["--root", str(mini), "check"]) == 2
    err = capsys.readouterr().err
    assert "opening.yaml:9" in err and "unknown key 'knd'" in err and "did you mean 'kind'?" in err
    assert "Traceback" not in err
