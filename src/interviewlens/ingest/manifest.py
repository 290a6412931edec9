"""The corpus manifest (YAML or CSV): files → commune, date, interviewer;
speakers → role and actor type.

YAML:

    files:
      - file: saint-aubin/maire.txt
        commune: Saint-Aubin
        date: 2026-02-12
        interviewer: Q            # label or name; a list if several
        title: Entretien avec le maire
        speakers: {R: {name: Marc Lefèvre, role: interviewee, actor_type: élu}}
      - file: questionnaire.csv
        text_columns: [atouts, difficultes]
        id_column: repondant
        commune_column: commune
        actor_type: habitant      # for every respondent of that file
    speakers:
      "Marc Lefèvre": {role: interviewee, actor_type: élu}

CSV: one row per file and/or speaker, with columns among file, commune, date,
interviewer, title, speaker, name, role, actor_type, text_columns, id_column,
commune_column (lists separated by `;` or `|`).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewlens.domain import ActorType, Role, strip_accents
from interviewlens.errors import InputError
from interviewlens.ingest.decode import decode_text
from interviewlens.ingest.speaker_labels import clean_label

_FILE_KEYS = {"file", "commune", "date", "interviewer", "title", "speakers", "text_columns",
              "id_column", "commune_column", "actor_type", "sheet"}
_SPEAKER_KEYS = {"name", "role", "actor_type"}
_ROLE_WORDS = {
    "interviewer": Role.INTERVIEWER, "enqueteur": Role.INTERVIEWER, "enquetrice": Role.INTERVIEWER,
    "interviewee": Role.INTERVIEWEE, "enquete": Role.INTERVIEWEE, "enquetee": Role.INTERVIEWEE,
    "repondant": Role.INTERVIEWEE, "respondent": Role.INTERVIEWEE,
}


def speaker_key(name: str) -> str:
    """Names compare without case, accents, extra spaces or an "(ENQ)" interviewer mark."""
    return " ".join(strip_accents(clean_label(name)).casefold().split())


@dataclass(frozen=True)
class SpeakerEntry:
    name: str | None = None
    role: Role | None = None
    actor_type: ActorType | None = None


@dataclass
class FileEntry:
    file: str
    line: int
    commune: str | None = None
    date: str | None = None
    interviewers: tuple[str, ...] = ()
    title: str | None = None
    speakers: dict[str, SpeakerEntry] = field(default_factory=dict)
    text_columns: tuple[str, ...] = ()
    id_column: str | None = None
    commune_column: str | None = None
    actor_type: ActorType | None = None
    sheet: str | None = None


@dataclass
class Manifest:
    path: Path
    files: list[FileEntry] = field(default_factory=list)
    speakers: dict[str, SpeakerEntry] = field(default_factory=dict)

    def entry_for(self, file_path: Path) -> FileEntry | None:
        resolved = file_path.resolve()
        for entry in self.files:
            if (self.path.parent / entry.file).resolve() == resolved:
                return entry
        return None

    def speaker(self, entry: FileEntry | None, key: str, name: str) -> SpeakerEntry | None:
        keys = {speaker_key(key), speaker_key(name)}
        if entry:
            for label, info in entry.speakers.items():
                if speaker_key(label) in keys:
                    return info
        for label, info in self.speakers.items():
            if speaker_key(label) in keys:
                return info
        if entry and _names_an_interviewer(entry, keys):
            return SpeakerEntry(role=Role.INTERVIEWER)
        return None


def _names_an_interviewer(entry: FileEntry, keys: set[str]) -> bool:
    return any(speaker_key(i) in keys for i in entry.interviewers)


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(p.strip() for p in re.split(r"[;|]", str(value)) if p.strip())


def _speaker_entry(raw: Any, path: Path, line: int) -> SpeakerEntry:
    if raw is None:
        return SpeakerEntry()
    if not isinstance(raw, dict):
        raise InputError(path, "a speaker must be a mapping like {role: interviewee, actor_type: élu}",
                         "fix the manifest", line=line)
    unknown = set(raw) - _SPEAKER_KEYS
    if unknown:
        raise InputError(path, f"unknown speaker field(s): {', '.join(sorted(map(str, unknown)))}",
                         f"allowed: {', '.join(sorted(_SPEAKER_KEYS))}", line=line)
    role = None
    if raw.get("role"):
        role = _ROLE_WORDS.get(speaker_key(str(raw["role"])))
        if role is None:
            raise InputError(path, f"unknown role {raw['role']!r}",
                             "use interviewer or interviewee", line=line)
    actor = None
    if raw.get("actor_type"):
        try:
            actor = ActorType.parse(str(raw["actor_type"]))
        except ValueError as exc:
            raise InputError(path, str(exc), "fix the manifest", line=line) from None
    name = str(raw["name"]).strip() if raw.get("name") else None
    return SpeakerEntry(name=name, role=role, actor_type=actor)


def _file_entry(raw: dict[str, Any], path: Path, line: int,
                speaker_lines: dict[str, int] | None = None) -> FileEntry:
    unknown = set(raw) - _FILE_KEYS
    if unknown:
        raise InputError(path, f"unknown file field(s): {', '.join(sorted(map(str, unknown)))}",
                         f"allowed: {', '.join(sorted(_FILE_KEYS))}", line=line)
    if not raw.get("file"):
        raise InputError(path, "a file entry without 'file'", "add the file's path", line=line)
    speakers_raw = raw.get("speakers") or {}
    if not isinstance(speakers_raw, dict):
        raise InputError(path, "'speakers' must map speaker labels to their details",
                         "see docs/formats.md", line=line)
    speakers = {
        str(label): _speaker_entry(info, path, (speaker_lines or {}).get(str(label), line))
        for label, info in speakers_raw.items()
    }
    actor = None
    if raw.get("actor_type"):
        try:
            actor = ActorType.parse(str(raw["actor_type"]))
        except ValueError as exc:
            raise InputError(path, str(exc), "fix the manifest", line=line) from None
    return FileEntry(
        file=str(raw["file"]).strip(), line=line,
        commune=str(raw["commune"]).strip() if raw.get("commune") else None,
        date=str(raw["date"]).strip() if raw.get("date") else None,
        interviewers=_as_list(raw.get("interviewer")),
        title=str(raw["title"]).strip() if raw.get("title") else None,
        speakers=speakers,
        text_columns=_as_list(raw.get("text_columns")),
        id_column=str(raw["id_column"]).strip() if raw.get("id_column") else None,
        commune_column=str(raw["commune_column"]).strip() if raw.get("commune_column") else None,
        actor_type=actor,
        sheet=str(raw["sheet"]).strip() if raw.get("sheet") else None,
    )


def _yaml_loader():
    """A safe loader that reads only true/false as booleans (YAML 1.2): speaker labels such
    as `ON`, `NO` or `Y` (initials) stay text instead of becoming True/False."""
    import yaml

    class ManifestLoader(yaml.SafeLoader):
        pass

    bool_tag = "tag:yaml.org,2002:bool"
    ManifestLoader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != bool_tag]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    ManifestLoader.add_implicit_resolver(
        bool_tag, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    return ManifestLoader


def _load_yaml(text: str, path: Path) -> Manifest:
    import yaml

    loader = _yaml_loader()
    try:
        root = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)  # noqa: S506 — a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(path, f"invalid YAML ({getattr(exc, 'problem', exc)})",
                         "fix the indentation or quoting",
                         line=mark.line + 1 if mark else None) from None
    if data is None:
        raise InputError(path, "the manifest is empty", "list the files under 'files:'")
    if not isinstance(data, dict) or not set(data) <= {"files", "speakers"}:
        raise InputError(path, "a manifest has two sections, 'files' and 'speakers'",
                         "see docs/formats.md", line=1)
    manifest = Manifest(path=path)
    node_of = {key.value: value for key, value in root.value}
    files = data.get("files") or []
    if not isinstance(files, list):
        raise InputError(path, "'files' must be a list of entries starting with '- file:'",
                         "see docs/formats.md", line=node_of["files"].start_mark.line + 1)
    for raw, node in zip(files, node_of.get("files").value if files else [], strict=True):
        line = node.start_mark.line + 1
        if not isinstance(raw, dict):
            raise InputError(path, "each file entry must be a mapping starting with 'file:'",
                             "see docs/formats.md", line=line)
        speaker_lines = {}
        for key_node, value_node in node.value:
            if key_node.value == "speakers" and hasattr(value_node, "value") \
                    and isinstance(value_node.value, list):
                speaker_lines = {k.value: k.start_mark.line + 1 for k, _ in value_node.value}
        manifest.files.append(_file_entry(raw, path, line, speaker_lines))
    speakers = data.get("speakers") or {}
    if not isinstance(speakers, dict):
        raise InputError(path, "'speakers' must map names to {role, actor_type}",
                         "see docs/formats.md", line=node_of["speakers"].start_mark.line + 1)
    lines = {k.value: k.start_mark.line + 1 for k, _ in node_of["speakers"].value} if speakers else {}
    for name, raw in speakers.items():
        manifest.speakers[str(name)] = _speaker_entry(raw, path, lines.get(name, 1))
    return manifest


def _load_csv(text: str, path: Path) -> Manifest:
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if text.split("\n")[0].count(";")
                            > text.split("\n")[0].count(",") else ",")
    if not reader.fieldnames or not {"file", "speaker"} & set(reader.fieldnames):
        raise InputError(path, "a CSV manifest needs a 'file' or a 'speaker' column",
                         "see docs/formats.md", line=1)
    manifest = Manifest(path=path)
    by_file: dict[str, FileEntry] = {}
    for row in reader:
        line = reader.line_num
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        speaker = row.pop("speaker", "")
        speaker_fields = {k: row.pop(k) for k in list(row) if k in {"name", "role"} and row[k]}
        if speaker and row.get("actor_type"):
            speaker_fields["actor_type"] = row.pop("actor_type")
        file_fields = {k: v for k, v in row.items() if v}
        if file_fields.get("file"):
            entry = by_file.get(file_fields["file"])
            if entry is None:
                entry = _file_entry(file_fields, path, line)
                by_file[entry.file] = entry
                manifest.files.append(entry)
            if speaker:
                entry.speakers[speaker] = _speaker_entry(speaker_fields, path, line)
        elif speaker:
            manifest.speakers[speaker] = _speaker_entry(speaker_fields, path, line)
        elif file_fields:
            raise InputError(path, "row with neither 'file' nor 'speaker'", "fill one of them",
                             line=line)
    return manifest


def load_manifest(path: Path) -> Manifest:
    """Read and check a manifest; every named file must exist."""
    if not path.is_file():
        raise InputError(path, "manifest not found", "check the --manifest path")
    text = decode_text(path.read_bytes(), path).text
    if path.suffix.lower() in {".yaml", ".yml"}:
        manifest = _load_yaml(text, path)
    elif path.suffix.lower() == ".csv":
        manifest = _load_csv(text, path)
    else:
        raise InputError(path, "unknown manifest format", "use a .yaml or .csv file")
    for entry in manifest.files:
        target = path.parent / entry.file
        if not target.is_file():
            raise InputError(path, f"names {entry.file!r}, which does not exist in {path.parent}",
                             "fix the path or remove the entry", line=entry.line)
    return manifest
