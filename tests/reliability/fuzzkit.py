"""Hostile inputs for every reader, and the one check they must all pass.

Shared by tests/reliability/test_fuzz.py (a few hundred cases) and bench/bench_fuzz.py
(thousands). `check_ingest` ingests one file into a copy of a real project and asserts the
contract: either the file is ingested, or every problem is an `InputError` (one line) and the
project is byte-for-byte the same as before — never any other exception.
"""

from __future__ import annotations

import io
import random
import signal
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from interviewlens.errors import InputError

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "corpora" / "demo"
READER_FIXTURES = REPO / "tests" / "fixtures" / "readers"
TABLE_COLUMNS = ("atouts_commune", "difficultes", "idees_international")
CASE_SECONDS = 60  # a hang detector, not a timing: no case comes near it


def _xlsx_from_csv(path: Path) -> bytes:
    import csv

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def seeds() -> dict[str, tuple[str, bytes]]:
    """One real file per format: extension → (file name, bytes)."""
    found: dict[str, tuple[str, bytes]] = {}
    for path in sorted(DEMO.rglob("*")):
        suffix = path.suffix.lower()
        if path.is_file() and suffix not in {".yaml"} and path.name not in {"README.md",
                                                                             "gold.csv"}:
            found.setdefault(suffix, (path.name, path.read_bytes()))
    for path in sorted(READER_FIXTURES.glob("*.tei")):
        found.setdefault(".tei", (path.name, path.read_bytes()))
    csv_path = DEMO / "questionnaire-habitants.csv"
    found[".xlsx"] = ("questionnaire-habitants.xlsx", _xlsx_from_csv(csv_path))
    qdpx = qdpx_seed()
    if qdpx is not None:
        found[".qdpx"] = ("entretien-code.qdpx", qdpx)
    return found


def qdpx_available() -> bool:
    try:
        import interviewlens.export.refi_qda
        import interviewlens.ingest.readers.qdpx  # noqa: F401
    except ImportError:
        return False
    return True


def qdpx_seed() -> bytes | None:
    """A REFI-QDA project as interviewlens exports it: one demo interview, 10 coded segments
    (None until the .qdpx reader and the export exist)."""
    if not qdpx_available():
        return None
    import tempfile

    from interviewlens.coding import CodingStore
    from interviewlens.export import ExportOptions, export_project
    from interviewlens.ingest.pipeline import IngestOptions, ingest

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "seed.ilens"
        ingest(project, [DEMO / "plouvenec" / "01-maire-le-bihan.txt"],
               IngestOptions(commune="Plouvénec"))
        db = sqlite3.connect(project)
        ids = [r[0] for r in db.execute("SELECT id FROM segment ORDER BY id LIMIT 10")]
        db.close()
        with CodingStore(project, "lea") as store:
            for index, segment in enumerate(ids):
                store.code(segment, ("force", "faiblesse", "vigilance", "aucun")[index % 4])
        out = Path(tmp) / "seed.qdpx"
        export_project(project, "qdpx", out, ExportOptions(pseudonymise=False))
        return out.read_bytes()


ZIP_FORMATS = {".docx", ".odt", ".xlsx", ".qdpx"}
MAIN_MEMBER = {".docx": "word/document.xml", ".odt": "content.xml",
               ".xlsx": "xl/worksheets/sheet1.xml", ".qdpx": "project.qde"}


# --------------------------------------------------------------------------- mutations

def mutate_bytes(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """A few random edits: flips, inserts (incl. markup), deletions, duplications, cuts."""
    buf = bytearray(data)
    tokens = [b"<", b">", b"</", b"&", b"&amp;", b"&#0;", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
              b'"', b";", b",", b"\n", b"\r", b"-->", b"00:00:01,000 --> 00:00:00,500",
              b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"]]>", b"<![CDATA[", b"\xc3", b"\xe9",
              b"Q :", b"R :", b"**", b"WEBVTT", b"\t", b" " * 64, b"9" * 40, b"-1", b"NaN"]
    for _ in range(rounds if rounds is not None else rng.randint(1, 8)):
        if not buf:
            buf += rng.choice(tokens)
            continue
        at = rng.randrange(len(buf) + 1)
        op = rng.random()
        if op < 0.25:
            if at < len(buf):
                buf[at] = rng.randrange(256)
        elif op < 0.5:
            buf[at:at] = rng.choice(tokens)
        elif op < 0.65:
            del buf[at:at + rng.randint(1, 200)]
        elif op < 0.8:
            end = min(len(buf), at + rng.randint(1, 400))
            buf[at:at] = buf[at:end] * rng.randint(1, 20)
        elif op < 0.9:
            del buf[at:]
        else:
            buf[at:at] = rng.randbytes(rng.randint(1, 64))
    return bytes(buf)


def rezip(data: bytes, replace: dict[str, bytes], *, drop: tuple[str, ...] = (),
          method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The same container with some members replaced (or dropped)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", method) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            content = replace.get(info.filename, source.read(info.filename))
            target.writestr(info.filename, content)
        for name, content in replace.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return out.getvalue()


def mutate_member(data: bytes, suffix: str, rng: random.Random) -> bytes:
    """Mutate the XML inside a zip container (mutating compressed bytes only hits the CRC)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        name = MAIN_MEMBER.get(suffix) if rng.random() < 0.8 else rng.choice(names)
        if name not in names:
            name = rng.choice(names)
        member = archive.read(name)
    if rng.random() < 0.1:
        return rezip(data, {}, drop=(name,))
    return rezip(data, {name: mutate_bytes(member, rng)})


def mutated(suffix: str, data: bytes, rng: random.Random) -> bytes:
    if suffix in ZIP_FORMATS and rng.random() < 0.75:
        return mutate_member(data, suffix, rng)
    return mutate_bytes(data, rng)


# --------------------------------------------------------------------------- hostile files

def _deep(depth: int, tag: bytes = b"a") -> bytes:
    return b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth + b"x" + (b"</" + tag + b">") * (depth + 1)


_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b"]>\n")
_XXE = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
_PARAM = (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd">'
          b" %p;]>\n")
_QUADRATIC = (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "' + b"a" * 50_000 + b'">]>\n')


def _xml_bombs(root: bytes, body: bytes) -> dict[str, bytes]:
    """Entity bombs and deep nesting wrapped in a document with the format's root element."""
    open_, close = b"<" + root + b">", b"</" + root + b">"
    return {
        "billion-laughs": _LAUGHS + open_ + b"&lol9;" + body + close,
        "external-entity": _XXE + open_ + b"&x;" + body + close,
        "external-dtd": _PARAM + open_ + body + close,
        "quadratic-blowup": _QUADRATIC + open_ + b"&a;" * 2000 + close,
        "deep-nesting": open_ + _deep(100_000) + close,
        "deep-unclosed": open_ + b"<a>" * 300_000,
        "wide-attributes": open_ + b"<a " + b" ".join(b'x%d="1"' % i for i in range(50_000))
        + b"/>" + close,
    }


def _zip_bomb(member: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open(member, "w", force_zip64=True) as handle:
        chunk = b"\x00" * (1 << 20)
        for _ in range(size >> 20):
            handle.write(chunk)
    return out.getvalue()


def _lying_sizes(data: bytes) -> bytes:
    """Every local/central header declares a tiny size for a large member."""
    return _declared_sizes(data, 10)


def _patch_headers(data: bytes, central: int, local: int, value: bytes) -> bytes:
    """Write `value` at byte `central` of every central header and `local` of every local one."""
    buf = bytearray(data)
    for signature, offset in ((b"PK\x01\x02", central), (b"PK\x03\x04", local)):
        start = 0
        while (start := buf.find(signature, start)) >= 0:
            buf[start + offset:start + offset + len(value)] = value
            start += 4
    return bytes(buf)


def _declared_sizes(data: bytes, size: int) -> bytes:
    """Patch the uncompressed size that every local and central header declares."""
    return _patch_headers(data, 24, 22, size.to_bytes(4, "little"))


def _many_members(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for i in range(count):
            archive.writestr(f"m/{i}", b"")
    return out.getvalue()


def hostile(seed_files: dict[str, tuple[str, bytes]], *,
            big: bool = False) -> Iterator[tuple[str, str, bytes]]:
    """(case name, file suffix, bytes) for the named attacks on every format.

    `big` makes the size attacks the size of a real attack (4 MB lines, 1 GiB bombs); the
    test suite uses smaller ones that cross the same limits."""
    words, turns, bomb = (1_000_000, 10_000, 1 << 30) if big else (50_000, 2_000, 8 << 20)
    for suffix, (_name, data) in sorted(seed_files.items()):
        yield "empty", suffix, b""
        yield "whitespace", suffix, b" \n\t\r\n" * 100
        yield "nul-bytes", suffix, b"\x00" * 4096
        yield "random-64k", suffix, random.Random(suffix).randbytes(65_536)
        for cut in (1, 17, len(data) // 3, len(data) // 2, len(data) - 1):
            yield f"truncated-{cut}", suffix, data[:cut]
        yield "utf16-no-bom", suffix, data.decode("utf-8", "replace").encode("utf-16-le")
        yield "huge-line", suffix, data[:200] + b"mot " * words + data[200:]
        yield "huge-line-no-space", suffix, data[:200] + b"x" * (4 * words) + data[200:]
        yield "many-turns", suffix, b"Q : oui ?\nR : non.\n" * turns
        yield "binary-prefix", suffix, b"\x89PNG\r\n\x1a\n" + data
    xml_roots = {".trs": (b"Trans", (b'<Episode><Section type="report" startTime="0" endTime="1">'
                                     b'<Turn startTime="0" endTime="1">oui</Turn></Section>'
                                     b"</Episode>")),
                 ".xml": (b"TEI", b"<text><body><u who='#a'>oui</u></body></text>"),
                 ".tei": (b"TEI", b"<text><body><u who='#a'>oui</u></body></text>"),
                 ".eaf": (b"ANNOTATION_DOCUMENT", b"<HEADER/>")}
    for suffix, (root, body) in xml_roots.items():
        for name, data in _xml_bombs(root, body).items():
            yield name, suffix, data
    for suffix in sorted(ZIP_FORMATS & seed_files.keys()):
        data = seed_files[suffix][1]
        member = MAIN_MEMBER[suffix]
        root = {".docx": b"w:document", ".odt": b"office:document-content",
                ".xlsx": b"worksheet", ".qdpx": b"Project"}[suffix]
        for name, xml in _xml_bombs(root, b"").items():
            yield f"{name}-in-member", suffix, rezip(data, {member: xml})
        yield f"zip-bomb-{bomb >> 20}MiB", suffix, _zip_bomb(member, bomb)
        yield "zip-bomb-in-container", suffix, _merge_bomb(data, member, bomb)
        yield "zip-bomb-lying-sizes", suffix, _lying_sizes(_zip_bomb(member, bomb))
        yield "zip-declared-huge", suffix, _declared_sizes(data, 0x7FFF_FFFF)
        yield "zip-many-members", suffix, _many_members(20_000 if big else 10_001)
        yield "zip-stored-huge-member", suffix, rezip(data, {member: b"<a>" + b"x" * (70 << 20)
                                                                   + b"</a>"},
                                                      method=zipfile.ZIP_STORED)
        yield "zip-missing-member", suffix, rezip(data, {}, drop=(member,))
        yield "zip-in-zip", suffix, rezip(data, {member: data})
        yield "zip-encrypted-flag", suffix, _encrypted_flag(data)
        yield "zip-unknown-method", suffix, _patch_method(data, 99)
        for at in (0.3, 0.5, 0.7):
            yield f"zip-corrupt-deflate-{at}", suffix, corrupt_member(data, member, at)
    if ".odt" in seed_files:
        data = seed_files[".odt"][1]
        member = "content.xml"
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read(member)
        for count in (b"abc", b"-5", b"999999999999", b"1e9"):
            spaced = content.replace(b"</text:p>", b'<text:s text:c="' + count + b'"/></text:p>', 1)
            yield f"odt-space-count-{count.decode()}", ".odt", rezip(data, {member: spaced})
    if ".xlsx" in seed_files:
        yield "xlsx-sparse-huge-range", ".xlsx", sparse_sheet(seed_files[".xlsx"][1])


def sparse_sheet(xlsx: bytes) -> bytes:
    """A workbook whose sheet declares A1:XFD1048576 and has a cell in each corner."""
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>'
             b'<row r="1"><c r="A1" t="inlineStr"><is><t>atouts_commune</t></is></c></row>'
             b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
             b"</sheetData></worksheet>")
    return rezip(xlsx, {MAIN_MEMBER[".xlsx"]: sheet})


def _merge_bomb(data: bytes, member: str, size: int) -> bytes:
    """The real document with its main member replaced by `size` bytes of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == member:
                with target.open(member, "w", force_zip64=True) as handle:
                    for _ in range(size >> 20):
                        handle.write(b" " * (1 << 20))
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def _patch_method(data: bytes, method: int) -> bytes:
    return _patch_headers(data, 10, 8, method.to_bytes(2, "little"))


def corrupt_member(data: bytes, member: str, at: float) -> bytes:
    """Overwrite 16 bytes inside the compressed data of `member` (headers intact)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    buf = bytearray(data)
    name_len = int.from_bytes(buf[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(buf[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    where = start + int(info.compress_size * at)
    buf[where:where + 16] = random.Random(where).randbytes(16)
    return bytes(buf)


def _encrypted_flag(data: bytes) -> bytes:
    buf = bytearray(data)
    for signature, offset in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):
        start = 0
        while (start := buf.find(signature, start)) >= 0:
            buf[start + offset] |= 0x01
            start += 4
    return bytes(buf)


# --------------------------------------------------------------------------- the check

@dataclass
class Tally:
    cases: int = 0
    ingested: int = 0
    refused: int = 0
    by_suffix: dict[str, int] = field(default_factory=dict)

    def add(self, suffix: str, outcome: str) -> None:
        self.cases += 1
        self.by_suffix[suffix] = self.by_suffix.get(suffix, 0) + 1
        if outcome == "ingested":
            self.ingested += 1
        else:
            self.refused += 1


TALLY = Tally()


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expired(*_args: object) -> None:
        raise TimeoutError(f"case still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def project_dump(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return "\n".join(db.iterdump())
    finally:
        db.close()


def check_ingest(project: Path, folder: Path, name: str, suffix: str, data: bytes,
                 before: str | None = None) -> str:
    """Ingest one hostile file into `project`: 'ingested' or 'refused', else it raises.

    `before` is the project's dump when the caller already has it (the project is not
    modified by a refusal, so one dump serves many refused cases)."""
    from interviewlens.ingest.pipeline import IngestOptions, ingest

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{suffix}"
    path.write_bytes(data)
    table = suffix in {".csv", ".xlsx"}
    options = IngestOptions(commune="Plouvenec", text_columns=TABLE_COLUMNS if table else (),
                            id_column="repondant" if table else None)
    if before is None:
        before = project_dump(project)
    try:
        with time_limit(CASE_SECONDS):
            report = ingest(project, [path], options)
    finally:
        path.unlink()
    if report.errors:
        assert not report.written
        for error in report.errors:
            assert isinstance(error, InputError), repr(error)
            message = str(error)
            assert "\n" not in message and message.startswith(str(path)), message
            assert "Traceback" not in message
        assert project_dump(project) == before, f"{name}{suffix}: project changed on refusal"
        outcome = "refused"
    else:
        assert report.written or report.skipped or report.unchanged, report
        outcome = "ingested"
    TALLY.add(suffix, outcome)
    return outcome
