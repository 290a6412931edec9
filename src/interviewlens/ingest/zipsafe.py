"""Reading members of zip containers (docx, odt, qdpx) without zip bombs."""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from pathlib import Path

from interviewlens.errors import InputError

MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000


def open_zip(data: bytes, path: Path | str, *, what: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(path, f"not a valid {what} file (damaged zip container)",
                         f"open it in its editor and save it again as {what}") from exc
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InputError(path, f"refused {what}: {len(infos)} entries in the archive",
                         "this is not a normal document")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise InputError(path, f"refused {what}: it would expand to {total // 2**20} MB "
                         "(zip bomb?)", "check where the file comes from")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, path: Path | str, *, what: str) -> bytes:
    """Read one member, refusing one that expands far beyond its compressed size."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise InputError(path, f"not a valid {what} file ({name} is missing)",
                         f"save it again as {what}") from None
    if info.flag_bits & 0x1:
        raise InputError(path, f"refused {what}: it is password-protected (encrypted)",
                         "remove the password in its editor and save it again")
    if info.file_size > MAX_MEMBER_BYTES or (
        info.compress_size and info.file_size / info.compress_size > MAX_RATIO
        and info.file_size > 1024 * 1024
    ):
        raise InputError(path, f"refused {what}: {name} expands to {info.file_size // 2**20} MB "
                         "(zip bomb?)", "check where the file comes from")
    try:
        with archive.open(info) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, lzma.LZMAError,
            RuntimeError, NotImplementedError) as exc:  # encrypted; unknown compression
        raise InputError(path, f"damaged {what} file ({exc})", f"save it again as {what}") from exc
    if len(data) > MAX_MEMBER_BYTES:
        raise InputError(path, f"refused {what}: {name} is larger than declared (zip bomb?)",
                         "check where the file comes from")
    return data
