"""Regression tests for the reader crashes the fuzzing found (each was a traceback before)."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from interviewlens.errors import InputError
from interviewlens.ingest.readers.office import read_docx, read_odt
from interviewlens.ingest.readers.questionnaire import TableOptions, read_xlsx
from tests.reliability import fuzzkit

SEEDS = fuzzkit.seeds()
TABLE = TableOptions(text_columns=fuzzkit.TABLE_COLUMNS, id_column="repondant")
READERS = {".docx": lambda d: read_docx(d, Path("f.docx")),
           ".odt": lambda d: read_odt(d, Path("f.odt")),
           ".xlsx": lambda d: read_xlsx(d, Path("f.xlsx"), TABLE)}


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_password_protected_document_is_refused(suffix):
    # was: RuntimeError "File ... is encrypted, password required for extraction"
    with pytest.raises(InputError, match="password-protected"):
        READERS[suffix](fuzzkit._encrypted_flag(SEEDS[suffix][1]))


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".xlsx"])
@pytest.mark.parametrize("at", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_damaged_compressed_data_is_refused(suffix, at):
    # was: zlib.error "Error -3 while decompressing data" (docx, odt)
    with pytest.raises(InputError):
        READERS[suffix](fuzzkit.corrupt_member(SEEDS[suffix][1], fuzzkit.MAIN_MEMBER[suffix], at))


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".xlsx"])
def test_unknown_compression_method_is_refused(suffix):
    # was: NotImplementedError "That compression method is not supported" (docx, odt)
    with pytest.raises(InputError):
        READERS[suffix](fuzzkit._patch_method(SEEDS[suffix][1], 99))


def test_spreadsheet_without_its_sheet_is_refused():
    # was: IndexError (workbook.worksheets[0] of a workbook whose sheet part is missing)
    data = fuzzkit.rezip(SEEDS[".xlsx"][1], {}, drop=("xl/worksheets/sheet1.xml",))
    with pytest.raises(InputError, match="spreadsheet"):
        read_xlsx(data, Path("f.xlsx"), TABLE)


def test_a_huge_declared_sheet_range_costs_no_memory(tmp_path):
    # was: 5 GB of memory and a minute: a cell at XFD1048576 made openpyxl pad every row to
    # 16,384 columns. Now refused within a 1 GiB address-space limit.
    path = tmp_path / "sparse.xlsx"
    path.write_bytes(fuzzkit.sparse_sheet(SEEDS[".xlsx"][1]))
    code = textwrap.dedent(f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from pathlib import Path
        from interviewlens.errors import InputError
        from interviewlens.ingest.readers.questionnaire import TableOptions, read_xlsx
        try:
            read_xlsx(Path({str(path)!r}).read_bytes(), Path("f.xlsx"),
                      TableOptions(text_columns=("atouts_commune",)))
        except InputError as error:
            print("refused:", error)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "refused:" in done.stdout and "more than" in done.stdout


def test_short_xlsx_rows_are_padded_to_the_header():
    sources = read_xlsx(SEEDS[".xlsx"][1], Path("q.xlsx"), TABLE)
    assert len(sources) > 10 and all(s.turns for s in sources)


def test_odt_space_run_count_is_clamped():
    # was: MemoryError on <text:s text:c="999999999999"/>
    data = SEEDS[".odt"][1]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("content.xml")
    spaced = xml.replace(b"</text:p>", b'<text:s text:c="999999999999"/>x</text:p>', 1)
    source = read_odt(fuzzkit.rezip(data, {"content.xml": spaced}), Path("f.odt"))[0]
    text = " ".join(" ".join(t.chunks) for t in source.turns)
    assert "x" in text and " " * 1001 not in text
