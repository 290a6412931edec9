"""REFI-QDA (QDA-XML 1.0): a `.qdpx` project and a `.qdc` codebook.

Each interview is a text source whose plain text is exactly the (pseudonymised)
interview text, `\\n` line ends; selections are segments, with offsets in Unicode code
points, end exclusive. Codings carry the user who made them: each human coder, a
"(validation)" user for validated codes, and the model. Codes: the five SWOT codes under
"SWOT" and, after `analyse`, the topics under "Thèmes". Variables: commune, actor type,
role (on cases, one per speaker) and commune, actor type and date on sources.
"""

from __future__ import annotations

import uuid
import zipfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from interviewlens import __version__
from interviewlens.domain import Label
from interviewlens.export.charts import COLOURS
from interviewlens.export.data import Coding, ExportData, actor_french
from interviewlens.export.report import DEFINITIONS

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_NAMESPACE = uuid.UUID("6f1c2a5e-8d0b-4c4e-9a51-1e7c3b2d9f40")
SWOT_PARENT = "SWOT"
TOPICS_PARENT = "Thèmes"
VALIDATION_SUFFIX = " (validation)"
MODEL_PREFIX = "interviewlens — modèle"
ROLE_FR = {"interviewer": "enquêteur", "interviewee": "personne interrogée"}
LABEL_COLOURS = {**{label.value: colour for label, colour in COLOURS.items()},
                 Label.AUCUN.value: "#9e9e9e"}


def guid(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def _attrs(**values: object) -> str:
    return "".join(f" {key}={quoteattr(str(value))}" for key, value in values.items()
                   if value is not None)


def _datetime(value: str | None) -> str | None:
    """ISO 8601 as xsd:dateTime (UTC, no fractional part)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def user_name(coding: Coding) -> str:
    if coding.source == "model" or coding.source == "rule":
        return f"{MODEL_PREFIX} {coding.model_version or ''}".strip()
    name = coding.coder or "codeur inconnu"
    return name + VALIDATION_SUFFIX if coding.validated else name


def _code_xml(data: ExportData, key: str) -> list[str]:
    lines = [f'<Code{_attrs(guid=guid(key, "swot"), name=SWOT_PARENT, isCodable="false")}>',
             "<Description>Grille SWOT du diagnostic territorial</Description>"]
    for label in Label:
        lines.append(f'<Code{_attrs(guid=guid(key, "code", label.value), name=label.french, isCodable="true", color=LABEL_COLOURS[label.value])}>'
                     f"<Description>{escape(DEFINITIONS[label])}</Description></Code>")
    lines.append("</Code>")
    if data.topics:
        lines.append(f'<Code{_attrs(guid=guid(key, "topics"), name=TOPICS_PARENT, isCodable="false")}>'
                     "<Description>Thèmes calculés par interviewlens analyse</Description>")
        for topic in data.topics:
            words = ", ".join(w for w, _ in topic.words[:10])
            lines.append(f'<Code{_attrs(guid=guid(key, "topic", topic.number), name=f"Thème {topic.number} — {topic.title}", isCodable="true")}>'
                         f"<Description>{escape(words)}</Description></Code>")
        lines.append("</Code>")
    return lines


def codebook_xml(data: ExportData) -> str:
    key = data.project.name
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<CodeBook xmlns="{CODEBOOK_NS}"{_attrs(origin=f"interviewlens {__version__}")}>',
        "<Codes>", *_code_xml(data, key), "</Codes>", "</CodeBook>", ""])


def project_xml(data: ExportData) -> tuple[str, dict[str, str]]:
    """The `project.qde` text and the source files (`name.txt` → text) it refers to."""
    key = data.project.name
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    tool_user = guid(key, "user", "interviewlens")
    users = {"interviewlens": tool_user}
    for coding in data.codings:
        users.setdefault(user_name(coding), guid(key, "user", user_name(coding)))
    variables = {"Commune": guid(key, "var", "commune"),
                 "Type d'acteur": guid(key, "var", "actor_type"),
                 "Rôle": guid(key, "var", "role"), "Date": guid(key, "var", "date")}
    by_segment: dict[int, list[Coding]] = defaultdict(list)
    for coding in data.codings:
        by_segment[coding.segment_id].append(coding)
    files: dict[str, str] = {}
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<Project xmlns="{PROJECT_NS}"{_attrs(name=key, origin=f"interviewlens {__version__}", creatingUserGUID=tool_user, creationDateTime=now)}>',
           "<Users>"]
    out += [f"<User{_attrs(guid=g, name=n)}/>" for n, g in users.items()]
    out += ["</Users>", "<CodeBook>", "<Codes>", *_code_xml(data, key), "</Codes>", "</CodeBook>",
            "<Variables>"]
    out += [f'<Variable{_attrs(guid=g, name=n, typeOfVariable="Text")}/>'
            for n, g in variables.items()]
    out.append("</Variables>")
    cases = _cases_xml(data, key, variables)
    if cases:
        out += ["<Cases>", *cases, "</Cases>"]
    out.append("<Sources>")
    for interview in data.interviews:
        source_guid = guid(key, "source", interview.id)
        files[f"{source_guid}.txt"] = interview.text
        name = f"{interview.code} — {interview.title}"
        out.append(f'<TextSource{_attrs(guid=source_guid, name=name, plainTextPath=f"internal://{source_guid}.txt", creatingUser=tool_user, creationDateTime=now)}>')
        where = f"{interview.commune} — {interview.date or 'date inconnue'} — {interview.file}"
        out.append(f"<Description>{escape(where)}</Description>")
        for segment in (s for s in data.segments if s.interview_id == interview.id):
            codings = sorted(by_segment.get(segment.id, []), key=lambda c: c.decision_id)
            topic = segment.topic if data.topics and segment.topic is not None else None
            if not codings and topic is None:
                continue
            first = codings[0] if codings else None
            out.append(f'<PlainTextSelection{_attrs(guid=guid(key, "segment", segment.id), name=f"{interview.code} §{segment.ord + 1}", startPosition=segment.start, endPosition=segment.end, creatingUser=users[user_name(first)] if first else tool_user, creationDateTime=_datetime(first.created_at) if first else now)}>')
            for coding in codings:
                out.append(f'<Coding{_attrs(guid=guid(key, "decision", coding.decision_id), creatingUser=users[user_name(coding)], creationDateTime=_datetime(coding.created_at))}>'
                           f'<CodeRef{_attrs(targetGUID=guid(key, "code", coding.label))}/></Coding>')
            if topic is not None:
                out.append(f'<Coding{_attrs(guid=guid(key, "topic-coding", segment.id), creatingUser=tool_user, creationDateTime=now)}>'
                           f'<CodeRef{_attrs(targetGUID=guid(key, "topic", topic))}/></Coding>')
            out.append("</PlainTextSelection>")
        kinds = sorted({actor_french(s.actor_type) for s in interview.interviewees})
        for name, value in (("Commune", interview.commune), ("Type d'acteur", ", ".join(kinds)),
                            ("Date", interview.date)):
            if value:
                out.append(f"<VariableValue><VariableRef{_attrs(targetGUID=variables[name])}/>"
                           f"<TextValue>{escape(value)}</TextValue></VariableValue>")
        out.append("</TextSource>")
    out += ["</Sources>", "</Project>", ""]
    return "\n".join(out), files


def _cases_xml(data: ExportData, key: str, variables: dict[str, str]) -> list[str]:
    """One case per person (pseudonymised name), with commune, actor type and role."""
    people: dict[str, list] = {}
    for interview in data.interviews:
        for speaker in interview.speakers:
            people.setdefault(speaker.name, []).append((interview, speaker))
    selections: dict[int, list[str]] = defaultdict(list)
    coded = {c.segment_id for c in data.codings}
    for segment in data.segments:
        if segment.id in coded or (data.topics and segment.topic is not None):
            selections[segment.speaker_id].append(guid(key, "segment", segment.id))
    out = []
    for name, entries in people.items():
        if not name:
            continue
        interview, speaker = entries[0]
        out.append(f"<Case{_attrs(guid=guid(key, 'case', name), name=name)}>")
        values = (("Commune", interview.commune), ("Type d'acteur", actor_french(speaker.actor_type) if speaker.actor_type else None),
                  ("Rôle", ROLE_FR.get(speaker.role, speaker.role)))
        for variable, value in values:
            if value:
                out.append(f"<VariableValue><VariableRef{_attrs(targetGUID=variables[variable])}/>"
                           f"<TextValue>{escape(value)}</TextValue></VariableValue>")
        for source in dict.fromkeys(guid(key, "source", i.id) for i, _ in entries):
            out.append(f"<SourceRef{_attrs(targetGUID=source)}/>")
        for _, sp in entries:
            out += [f"<SelectionRef{_attrs(targetGUID=g)}/>" for g in selections.get(sp.id, [])]
        out.append("</Case>")
    return out


def write_qdpx(data: ExportData, output: Path) -> list[Path]:
    xml, files = project_xml(data)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml.encode("utf-8"))
        for name, text in files.items():
            archive.writestr(f"sources/{name}", text.encode("utf-8"))
    return [output]


def write_qdc(data: ExportData, output: Path) -> list[Path]:
    output.write_text(codebook_xml(data), encoding="utf-8")
    return [output]
