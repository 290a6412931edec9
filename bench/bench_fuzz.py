"""Hostile-input fuzzing at scale: every reader, thousands of cases (tests run a few hundred).

    .venv/bin/python bench/bench_fuzz.py [--cases 3000] [--json]

Cases (tests/reliability/fuzzkit.py): the named attacks at full size (1 GiB zip bombs, 4 MB
lines, 10,000-turn files, entity bombs, deep XML, encrypted / damaged / lying zip members),
then hypothesis-generated mutations of the real demo files (bytes, and the XML inside
docx / odt / xlsx / qdpx), random bytes and truncations. Each goes through the real `ingest`
into a copy of a real project: the contract is "ingested, or refused with one-line
InputErrors and the project unchanged". Prints counts, tracebacks found (must be 0), the
slowest cases and peak memory; the last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability import fuzzkit


class Run:
    def __init__(self, folder: Path):
        from interviewlens.ingest.pipeline import IngestOptions, ingest

        self.base = folder / "base.ilens"
        ingest(self.base, [fuzzkit.DEMO / "plouvenec" / "01-maire-le-bihan.txt"],
               IngestOptions(commune="Plouvénec"))
        self.folder = folder
        self.project = folder / "p.ilens"
        self.reset()
        self.bugs: list[str] = []
        self.slow: list[tuple[float, str]] = []

    def reset(self) -> None:
        for extra in self.folder.glob("p.ilens*"):
            extra.unlink()
        shutil.copy(self.base, self.project)
        self.before = fuzzkit.project_dump(self.project)

    def check(self, name: str, suffix: str, data: bytes) -> None:
        start = time.perf_counter()
        try:
            outcome = fuzzkit.check_ingest(self.project, self.folder / "in", name, suffix, data,
                                           self.before)
        except Exception as exc:  # noqa: BLE001 - a traceback is a bug: recorded, the run goes on
            frames = traceback.extract_tb(exc.__traceback__)[-2:]
            where = "; ".join(f"{Path(f.filename).name}:{f.lineno}" for f in frames)
            self.bugs.append(f"{name}{suffix}: {type(exc).__name__}: {str(exc)[:150]} @ {where}")
            fuzzkit.TALLY.add(suffix, "bug")
            self.reset()
            return
        finally:
            self.slow.append((time.perf_counter() - start, f"{name}{suffix} ({len(data):,} B)"))
        if outcome == "ingested":
            self.reset()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000, help="generated cases (besides the "
                        "named attacks)")
    parser.add_argument("--small", action="store_true", help="named attacks at test size")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    seeds = fuzzkit.seeds()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        run = Run(Path(tmp))
        named = 0
        for name, suffix, data in fuzzkit.hostile(seeds, big=not args.small):
            run.check(name, suffix, data)
            named += 1
        plan = {"mutated": args.cases * 6 // 10, "member": args.cases * 2 // 10,
                "random": args.cases // 10, "cut": args.cases - args.cases * 9 // 10}
        cfg = settings(deadline=None, database=None, derandomize=True,
                       suppress_health_check=list(HealthCheck))
        suffixes = st.sampled_from(sorted(seeds))
        zipped = st.sampled_from(sorted(fuzzkit.ZIP_FORMATS & seeds.keys()))

        @settings(cfg, max_examples=plan["mutated"])
        @given(suffix=suffixes, rng=st.randoms(use_true_random=False))
        def mutated(suffix, rng):
            run.check("mutated", suffix, fuzzkit.mutated(suffix, seeds[suffix][1], rng))

        @settings(cfg, max_examples=plan["member"])
        @given(suffix=zipped, rng=st.randoms(use_true_random=False))
        def member(suffix, rng):
            run.check("member", suffix, fuzzkit.mutate_member(seeds[suffix][1], suffix, rng))

        @settings(cfg, max_examples=plan["random"])
        @given(suffix=suffixes, data=st.binary(max_size=20_000))
        def random_bytes(suffix, data):
            run.check("random", suffix, data)

        @settings(cfg, max_examples=plan["cut"])
        @given(suffix=suffixes, cut=st.floats(0, 1))
        def truncated(suffix, cut):
            data = seeds[suffix][1]
            run.check("cut", suffix, data[:int(len(data) * cut)])

        for strategy in (mutated, member, random_bytes, truncated):
            strategy()
    tally = fuzzkit.TALLY
    slowest = sorted(run.slow, reverse=True)[:5]
    result = {"bench": "fuzz", "cases": tally.cases, "named_attacks": named,
              "generated": tally.cases - named, "ingested": tally.ingested,
              "refused": tally.refused - len(run.bugs), "tracebacks": len(run.bugs),
              "timeouts": sum("TimeoutError" in b for b in run.bugs),
              "formats": len(tally.by_suffix), "seconds": round(time.perf_counter() - started),
              "cases_per_s": round(tally.cases / (time.perf_counter() - started), 1),
              "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
              "slowest": [f"{t:.1f}s {n}" for t, n in slowest], "bugs": run.bugs[:20]}
    if not args.json:
        print(f"{tally.cases} cases ({named} named attacks) over {len(tally.by_suffix)} formats:"
              f" {tally.ingested} ingested, {result['refused']} refused cleanly,"
              f" {len(run.bugs)} tracebacks")
        for bug in run.bugs:
            print("BUG", bug)
        for line in result["slowest"]:
            print("slow:", line)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
