"""The XML readers over the real corpora in ../shared/corpora-real (skipped when absent)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from interviewlens.ingest.model import ParsedSource, RoleHint
from interviewlens.ingest.readers.eaf import read_eaf
from interviewlens.ingest.readers.tei import read_tei
from interviewlens.ingest.readers.trs import read_trs

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpora-real"

pytestmark = pytest.mark.realcorpus


def _files(pattern: str) -> list[Path]:
    if not REAL.is_dir():
        pytest.skip(f"real corpora not available at {REAL}")
    files = sorted(p for p in REAL.glob(pattern) if p.is_file() and not p.name.startswith("."))
    if not files:
        pytest.skip(f"no {pattern} files under {REAL}")
    return files


def _check(files: list[Path], reader: Callable[[bytes, Path], list[ParsedSource]]
           ) -> list[ParsedSource]:
    hints = {RoleHint.INTERVIEWER, RoleHint.UNKNOWN}
    sources = []
    for path in files:
        [source] = reader(path.read_bytes(), path)
        assert any(s.role_hint in hints for s in source.speakers.values()), path.name
        assert len(source.turns) >= 10, path.name
        assert all(t.speaker in source.speakers and all(t.chunks) for t in source.turns), path.name
        sources.append(source)
    return sources


def test_eslo_transcriber_files():
    _check(_files("eslo_orleans/*.trs"), read_trs)


def test_cfpp_tei_files():
    files = _files("cfpp2000_paris/*")
    # every CFPP interview names its interviewer "(ENQ)", "(Enq)" or "Enq"
    for path, source in zip(files, _check(files, read_tei), strict=True):
        assert any(s.role_hint is RoleHint.INTERVIEWER for s in source.speakers.values()), path.name


def test_elan_files():
    _check(_files("**/*.eaf"), read_eaf)
