"""The model card written next to a trained model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from interviewlens.classify.model import SwotModel
from interviewlens.classify.training import CANDIDATES

KNOWN_WEAKNESSES = """\
- Trained only on material written for the project (statements, and fictional interviews
  cut by interviewlens' own segmenter); no real interview was used for training. Vocabulary
  and phrasing of a particular territory may surprise it; the project model (active
  learning) adapts to each project's human codes. The "all rows" cross-validated figures
  mix statements and segments and are optimistic; the "unseen interviews" figure and the
  held-out evaluation are the ones to expect on real segments.
- Of the neighbouring segments of the same turn only counts are used (mood, tense, modal
  verbs, negators, cue groups), not their words (adding the words tied on unseen
  interviews). An interviewer's back-channel (*hm*, *d'accord*) ends a turn, so a judgement
  continued after one is scored without its first half; texts given to `classify-file`
  without `file` and `turn` columns have no context at all.
- `aucun` and `opportunite` are over-predicted on real segments. Real forces and weaknesses
  go to `aucun` when the judgement is mild (*c'est pas évident*, *ça va*), when a fact is
  given as evidence for a judgement, or when an anecdote ends in an evaluation; vigilance
  points voiced in the conditional (*si demain…*, *il faudrait pas que…*) go to
  `opportunite`.
- The boundary between opportunité/vigilance and force/faiblesse rests on tense and modality;
  vague tenses and hypotheticals about present facts are frequent errors, as they are for
  human coders.
- Irony and statements whose polarity depends on the wider conversation are often missed.
- Segments holding two statements of equal weight get one code; split them in the review UI.
"""


def write_model_card(model: SwotModel, folder: Path) -> None:
    meta = model.metadata
    lines = [
        f"# Model card: {model.version}",
        "",
        "Suggests one SWOT code (force, faiblesse, opportunite, vigilance, aucun) for a French",
        "interview segment, with calibrated probabilities. Rebuild it with `interviewlens train`.",
        "",
        "## Training data",
        (f"- {meta.get('training_rows')} rows from `corpora/swot-train/` "
         f"({len(meta.get('training_files', []))} files), all written for the project: "
         "stand-alone statements, and the hand-coded segments of fictional interviews "
         "(`interviews/`, cut by interviewlens' own segmenter, with their turn context)."),
        "- Codes: " + ", ".join(f"{k} {v}" for k, v in sorted(meta.get("label_counts", {}).items())),
        "",
        "## Features",
        "- lemmas with negation scope marked, and the main clause of concessions (hesitations",
        "  such as *euh*, *ben* and immediate repetitions left out);",
        "- the interviewer's preceding question, when known;",
        "- the neighbouring segments of the same turn (lemmas, mood, tense and cue counts),",
        "  when the design uses context: a judgement is often cut over two segments;",
        "- character 2–5-grams of the text;",
        "- text features are hashed (2^18 buckets per column, uni- and bigrams of lemmas),",
        "  tf-idf weighted, and buckets seen in fewer than two training texts are dropped: the",
        "  model file holds no vocabulary and loads in a few seconds;",
        "- counts of conditional, future, subjunctive and imperfect verbs, modal verbs, negators,",
        "  concessive connectives, questions and cue-lexicon groups (positive, negative, risk,",
        "  prospect, external resource), in the whole text and in the main clause.",
        "",
        "## Learner",
        (f"- design: {model.config.kind}, C={model.config.C}, vectors="
         f"{'yes' if model.config.use_vectors else 'no'}, "
         f"class weights: {model.config.class_weight or 'none'}, "
         f"context: {'yes' if model.config.use_context else 'no'}, "
         f"interview segments weigh {model.config.segment_weight:g}, "
         f"calibration: {'sigmoid, 5-fold' if model.config.calibrate else 'none'}."),
    ]
    if meta.get("comparison"):
        lines += ["", "## Design comparison", "",
                  ("`all rows`: 5-fold cross-validation over the whole corpus (statements and "
                  "segments mixed, optimistic); `unseen interviews`: the interviews are split in"),
                  ("five groups, each group's segments scored by a model trained without them "
                  "(the figure closest to real use)."), "",
                  ("| design | macro-F1 (all rows) | accuracy (all rows) "
                  "| macro-F1 (unseen interviews) | accuracy (unseen interviews) |"),
                  "|---|---|---|---|---|"]

        def held_out(value: float | None) -> str:
            return "–" if value is None else f"{value:.3f}"

        this_design = replace(model.config, calibrate=False)

        def name(c: dict) -> str:
            shipped = CANDIDATES.get(c["name"]) == this_design
            return f"**{c['name']}** (this model)" if shipped else c["name"]

        lines += [f"| {name(c)} | {c['macro_f1']:.3f} | {c['accuracy']:.3f} "
                  f"| {held_out(c.get('segments_macro_f1'))} "
                  f"| {held_out(c.get('segments_accuracy'))} |"
                  for c in meta["comparison"]]
    evaluation = meta.get("evaluation")
    if evaluation:
        lines += ["", "## Held-out evaluation", "", evaluation]
    lines += ["", "## Known weaknesses", "", KNOWN_WEAKNESSES]
    (folder / "MODEL_CARD.md").write_text("\n".join(lines), encoding="utf-8")
