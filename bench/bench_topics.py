"""BERTopic fit time and peak memory by corpus size: KMeans vs HDBSCAN, on real segments.

    .venv/bin/python bench/bench_topics.py --project cfpp.ilens [--sizes 300,1000,3000,10000]

PROJECT must have been analysed (`interviewlens analyse`, fr_core_news_md): its segments'
topic terms are the documents, embedded with the model's vectors as analyse does. Each
(size, method) runs in a fresh process, as a user's `analyse` does, so the fit time includes
numba compiling UMAP on first use; peak RSS is the process's. Sizes above the corpus sample
with replacement. Methods:
- kmeans-pca: what analyse uses below HDBSCAN_FROM segments (PCA 50-d, KMeans);
- kmeans-umap: UMAP 5-d then KMeans (BERTopic's usual reduction, for comparison);
- hdbscan-umap: what analyse uses from HDBSCAN_FROM (UMAP, HDBSCAN, outliers reassigned).
NPMI and diversity (top 10 words) are computed over the project's reference windows.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

METHODS = ("kmeans-pca", "kmeans-umap", "hdbscan-umap")


def child(project: Path, size: int, method: str, seed: int) -> dict:
    started = time.perf_counter()
    import numpy as np

    from interviewlens.analyse import _name_words
    from interviewlens.nlp.loading import load_french
    from interviewlens.nlp.store import segment_contents
    from interviewlens.nlp.vocabulary import noise_words
    from interviewlens.store import connect_project
    from interviewlens.topics import model
    from interviewlens.topics.embeddings import SpacyVectorEmbedder, embed_documents
    from interviewlens.topics.evaluate import reference_windows, score

    db = connect_project(project)
    contents = segment_contents(db)
    noise = noise_words() | _name_words(db)
    db.close()
    docs = [" ".join(w for w in c.terms if w not in noise) for c in contents]
    docs = [d for d in docs if d]
    rng = np.random.default_rng(seed)
    picked = rng.choice(len(docs), size=size, replace=size > len(docs))
    sample = [docs[i] for i in sorted(picked)]
    vocab = load_french("fr_core_news_md", disable=("parser",)).vocab
    embedder = SpacyVectorEmbedder(vocab, "fr_core_news_md")
    embeddings = embed_documents(embedder, sample)
    import bertopic  # noqa: F401 - imported before the clock starts

    if method == "kmeans-umap":
        original = model.dimension_reducer
        model.dimension_reducer = lambda n, s, hdbscan=False: original(n, s, hdbscan=True)
    settings = model.TopicSettings(seed=seed, hdbscan_from=0 if method == "hdbscan-umap"
                                   else 10**9)
    ready = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    fit = model.fit_topics(sample, embeddings, embedder, noise, settings)
    fitted = time.perf_counter()
    quality = score(method, [[w for w, _ in t.words] for t in fit.topics],
                    reference_windows(contents))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"size": size, "method": method, "clustering": fit.clustering,
            "topics": len(fit.topics), "setup_s": round(ready - started, 1),
            "fit_s": round(fitted - ready, 1), "rss_before_mb": round(before / 1024),
            "peak_rss_mb": round(peak / 1024), "npmi": round(quality.npmi, 3),
            "diversity": round(quality.diversity, 3),
            "unassigned": int((fit.assignment < 0).sum())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--sizes", default="300,1000,3000,10000")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "METHOD"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.project, int(args.child[0]), args.child[1], args.seed)))
        return
    print(f"# bench_topics — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"Python {platform.python_version()}, project {args.project.name}")
    print("| segments | method | topics | fit (s) | peak RSS (MB) | RSS before fit (MB) |"
          " NPMI | diversity |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        for method in args.methods.split(","):
            out = subprocess.run([sys.executable, __file__, "--project", str(args.project),
                                  "--seed", str(args.seed), "--child", str(size), method],
                                 capture_output=True, text=True, check=False)
            if out.returncode:
                print(f"| {size} | {method} | failed: {out.stderr.strip().splitlines()[-1]} |")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"| {size} | {method} ({r['clustering']}) | {r['topics']} | {r['fit_s']} |"
                  f" {r['peak_rss_mb']} | {r['rss_before_mb']} | {r['npmi']} |"
                  f" {r['diversity']} |", flush=True)


if __name__ == "__main__":
    main()
