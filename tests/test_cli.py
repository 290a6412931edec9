import subprocess
import sys

import pytest

HEAVY = ["spacy", "bertopic", "torch", "textual", "sklearn", "pandas", "transformers"]


def test_cli_module_imports_no_heavy_library():
    code = ("import sys, interviewlens.cli; "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_help_lists_the_commands(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("ingest", "info", "classify", "train", "evaluate", "review", "export"):
        assert command in result.output


@pytest.mark.parametrize("args", [("review", "{missing}"),
                                  ("review", "{missing}", "--lang", "de")])
def test_review_refuses_bad_arguments_in_one_line(cli, tmp_path, args):
    result = cli(*[a.format(missing=tmp_path / "absent.ilens") for a in args])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error:")
    assert not (tmp_path / "absent.ilens").exists()


def test_info_on_a_missing_project_is_one_clear_line(cli, tmp_path):
    result = cli("info", tmp_path / "absent.ilens")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "no such project" in result.stderr
