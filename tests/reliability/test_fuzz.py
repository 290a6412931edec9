"""Hostile input for every reader: never a traceback, always a one-line `InputError`, and the
project untouched by a refused file (thousands more cases: bench/bench_fuzz.py).

Every case goes through the real `ingest` into a copy of a real project (one demo
interview) — detection, reading, speakers, assembly — and the project's SQL dump is compared
before and after each refusal. Seeds are the real demo files, one per format (and the
questionnaire as .xlsx); the .qdpx reader joins as soon as it exists.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability import fuzzkit

SEEDS = fuzzkit.seeds()
FUZZ = settings(max_examples=160, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


class Sandbox:
    """A project copy that is put back whenever a fuzzed file was (legitimately) ingested."""

    def __init__(self, base: Path, folder: Path):
        self.base, self.folder = base, folder
        self.project = folder / "p.ilens"
        self.reset()

    def reset(self) -> None:
        for extra in self.folder.glob("p.ilens*"):
            extra.unlink()
        shutil.copy(self.base, self.project)
        self.before = fuzzkit.project_dump(self.project)

    def check(self, name: str, suffix: str, data: bytes) -> str:
        outcome = fuzzkit.check_ingest(self.project, self.folder / "in", name, suffix, data,
                                       self.before)
        if outcome == "ingested":
            self.reset()
        return outcome


@pytest.fixture(scope="module")
def sandbox(one_interview_base, tmp_path_factory) -> Sandbox:
    return Sandbox(one_interview_base, tmp_path_factory.mktemp("fuzz"))


def test_every_reader_has_a_seed():
    expected = {".txt", ".md", ".docx", ".odt", ".srt", ".vtt", ".trs", ".xml", ".tei", ".eaf",
                ".csv", ".xlsx"} | ({".qdpx"} if fuzzkit.qdpx_available() else set())
    assert expected <= SEEDS.keys()


def test_seeds_are_ingested(sandbox):
    for suffix, (name, data) in SEEDS.items():
        assert sandbox.check(Path(name).stem, suffix, data) == "ingested", name


def test_named_attacks_are_refused_or_read_never_a_crash(sandbox):
    outcomes: dict[str, str] = {}
    for name, suffix, data in fuzzkit.hostile(SEEDS):
        outcomes[f"{name}{suffix}"] = sandbox.check(name, suffix, data)
    assert len(outcomes) > 200
    # The attacks proper are all refused (the rest may be readable damage, e.g. a cut text).
    attacks = [k for k in outcomes if k.startswith(
        ("billion-laughs", "external-", "quadratic", "deep-", "zip-", "empty", "nul-bytes",
         "random-64k", "utf16"))]
    assert attacks and all(outcomes[k] == "refused" for k in attacks), \
        [k for k in attacks if outcomes[k] != "refused"]


@FUZZ
@given(suffix=st.sampled_from(sorted(SEEDS)), rng=st.randoms(use_true_random=False))
def test_mutated_real_files(sandbox, suffix, rng):
    sandbox.check("mutated", suffix, fuzzkit.mutated(suffix, SEEDS[suffix][1], rng))


@settings(FUZZ, max_examples=60)
@given(suffix=st.sampled_from(sorted(SEEDS)), data=st.binary(max_size=3000))
def test_random_bytes(sandbox, suffix, data):
    sandbox.check("random", suffix, data)


@settings(FUZZ, max_examples=60)
@given(suffix=st.sampled_from(sorted(fuzzkit.ZIP_FORMATS & SEEDS.keys())),
       rng=st.randoms(use_true_random=False))
def test_mutated_xml_inside_containers(sandbox, suffix, rng):
    sandbox.check("member", suffix, fuzzkit.mutate_member(SEEDS[suffix][1], suffix, rng))


@settings(FUZZ, max_examples=40)
@given(suffix=st.sampled_from(sorted(SEEDS)), cut=st.floats(0, 1))
def test_truncated_files(sandbox, suffix, cut):
    data = SEEDS[suffix][1]
    sandbox.check("cut", suffix, data[:int(len(data) * cut)])
