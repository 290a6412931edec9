"""Meeting reports made of `Clé: valeur` fields (Grand Débat National local meetings).

A file holds many contributions, each introduced by `--- Contribution N ---`.
Each contribution with at least one free-text answer becomes one source: the
form's questions are interviewer turns (context), the organiser's answers are
the interviewee turns to code, and the other fields become metadata.
"""

from __future__ import annotations

import re
from pathlib import Path

from interviewlens.errors import InputError
from interviewlens.ingest.decode import decode_text
from interviewlens.ingest.model import ParsedSource, RawTurn, RoleHint, SpeakerInfo

CONTRIBUTION = re.compile(r"^--- Contribution (\d+) ---\s*$", re.MULTILINE)
FORM_SPEAKER = "Formulaire"
REPORTER_SPEAKER = "Rapporteur"

QUESTION_FIELDS = {
    "Quels ont ete les constats ou les diagnostics exprimes sur les themes du debat":
        "Quels ont été les constats ou les diagnostics exprimés sur les thèmes du débat ?",
    "Quelles sont les propositions qui ont emerge des discussions":
        "Quelles sont les propositions qui ont émergé des discussions ?",
    "Des avis divers voire opposes se sont ils exprimes":
        "Des avis divers, voire opposés, se sont-ils exprimés ?",
    "Comment la reunion sest elle passee": "Comment la réunion s'est-elle passée ?",
}
METADATA_FIELDS = {
    "Création", "Dernière modification", "Anonyme", "Brouillon", "Titre", "Etiez vous",
    "Combien de participants etaient presents", "La reunion est elle referencee sur la plateforme",
    "Indiquez le lieu et la date de votre reunion", "Sur quel s theme s votre reunion a t elle porte",
    "Documents", "Code postal", "Code département", "Département", "Région", "Ville",
    "Renseignez le lien de votre reunion sur la plateforme", "Photographies", "Video",
    "Motif de modération",
}
_FIELD = re.compile(r"^(?P<key>[^:\n]{2,90}): ?(?P<value>.*)$")
_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def looks_like_reports(text_head: str) -> bool:
    return CONTRIBUTION.search(text_head) is not None


def _fields(block: str, first_line: int) -> tuple[dict[str, str], dict[str, int]]:
    values: dict[str, list[str]] = {}
    lines_of: dict[str, int] = {}
    key: str | None = None
    for offset, line in enumerate(block.split("\n")):
        match = _FIELD.match(line)
        if match and (match["key"] in QUESTION_FIELDS or match["key"] in METADATA_FIELDS):
            key = match["key"]
            values[key] = [match["value"]]
            lines_of[key] = first_line + offset
        elif key is not None:
            values[key].append(line)
    return {k: "\n".join(v).strip() for k, v in values.items()}, lines_of


def _iso_date(value: str) -> str | None:
    match = _DATE.search(value or "")
    return f"{match[3]}-{match[2]}-{match[1]}" if match else None


def read_reports(data: bytes, path: Path) -> list[ParsedSource]:
    text = decode_text(data, path).text
    headers = list(CONTRIBUTION.finditer(text))
    if not headers:
        raise InputError(path, "no '--- Contribution N ---' header found",
                         "this reader is for meeting-report exports")
    sources: list[ParsedSource] = []
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        # Line number of the first character after the header (the block is not stripped,
        # so offsets inside it map straight to file lines).
        first_line = text.count("\n", 0, header.end()) + 1
        fields, lines_of = _fields(text[header.end():end], first_line)
        turns: list[RawTurn] = []
        for key, question in QUESTION_FIELDS.items():
            answer = fields.get(key, "").strip()
            if not answer:
                continue
            chunks = tuple(part.strip() for part in answer.split("\n") if part.strip())
            turns.append(RawTurn(FORM_SPEAKER, (question,), line=lines_of[key]))
            turns.append(RawTurn(REPORTER_SPEAKER, chunks, line=lines_of[key]))
        if not turns:
            continue
        metadata = {k: v for k, v in fields.items() if k in METADATA_FIELDS and v}
        metadata["contribution"] = header.group(1)
        town = fields.get("Ville", "").strip()
        if town.casefold().startswith("non renseign"):
            town = ""
        sources.append(ParsedSource(
            format="reports",
            turns=turns,
            speakers={
                FORM_SPEAKER: SpeakerInfo(FORM_SPEAKER, FORM_SPEAKER, RoleHint.INTERVIEWER),
                REPORTER_SPEAKER: SpeakerInfo(REPORTER_SPEAKER, REPORTER_SPEAKER, RoleHint.INTERVIEWEE),
            },
            title=fields.get("Titre") or f"Contribution {header.group(1)}",
            date=_iso_date(fields.get("Indiquez le lieu et la date de votre reunion", "")),
            commune=town.title() if town.isupper() else (town or None),
            metadata=metadata,
            ordinal=index,
        ))
    return sources
