"""An Iramuteq corpus: `**** *commune_x *acteur_y *code_z` lines, then the text.

Iramuteq wants one line of starred variables per text, values without spaces or
accents, and no `*` inside texts. One text per segment (so the code can be a
variable for the Reinert method), or one per interview.
"""

from __future__ import annotations

import re
from pathlib import Path

from interviewlens.domain import strip_accents
from interviewlens.export.data import ExportData


def token(value: str | None) -> str:
    """`Valmesnil-sur-Risle` → `valmesnil_sur_risle`; empty → `nc` (non communiqué)."""
    cleaned = re.sub(r"[^a-z0-9]+", "_", strip_accents(value or "").lower()).strip("_")
    return cleaned or "nc"


def clean_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", " ")).strip()


def render_iramuteq(data: ExportData, per: str = "segment") -> str:
    lines: list[str] = []
    if per == "interview":
        for interview in data.interviews:
            speech = [s.text for s in data.segments if s.interview_id == interview.id]
            if not speech:
                continue
            kinds = {s.actor_type for s in interview.interviewees}
            actor = kinds.pop() if len(kinds) == 1 else None
            lines.append(f"**** *commune_{token(interview.commune)} *acteur_{token(actor)}"
                         f" *entretien_{token(interview.code)}")
            lines += [clean_text(" ".join(speech)), ""]
        return "\n".join(lines)
    for segment in data.segments:
        interview = data.interview(segment.interview_id)
        variables = [f"*commune_{token(interview.commune)}", f"*acteur_{token(segment.actor_type)}",
                     f"*code_{token(segment.label)}", f"*entretien_{token(interview.code)}"]
        if segment.topic is not None:
            variables.append(f"*theme_{segment.topic}")
        lines += ["**** " + " ".join(variables), clean_text(segment.text), ""]
    return "\n".join(lines)


def write_iramuteq(data: ExportData, output: Path, per: str = "segment") -> list[Path]:
    output.write_text(render_iramuteq(data, per), encoding="utf-8")
    return [output]
