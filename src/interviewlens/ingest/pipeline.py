"""`interviewlens ingest`: find files, read them all, then store them.

Every file is read and checked before the project is touched, so a bad input
leaves the project exactly as it was (and no project file is created). Each
file is then written in its own transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from interviewlens.domain import Role, RoleOrigin
from interviewlens.errors import InputError, InterviewLensError
from interviewlens.ingest.assemble import AssembledInterview, assemble
from interviewlens.ingest.formats import (
    KNOWN_EXTENSIONS,
    TABLE_EXTENSIONS,
    detect_format,
    reader_for,
)
from interviewlens.ingest.manifest import FileEntry, Manifest, load_manifest, speaker_key
from interviewlens.ingest.model import ParsedSource
from interviewlens.ingest.readers.questionnaire import TableOptions
from interviewlens.ingest.speakers import ResolvedSpeaker, resolve_speakers

MAX_FILE_BYTES = 200 * 1024 * 1024
_SKIPPED_NAMES = ("readme", "license", "licence", "changelog")
_SKIPPED_STEMS = {"notes"}  # a folder's NOTES.md, not "notes-entretien-maire.txt"


@dataclass
class PreparedInterview:
    source: ParsedSource
    commune: str | None
    date: str | None
    title: str
    speakers: dict[str, ResolvedSpeaker]
    assembled: AssembledInterview


@dataclass
class PreparedFile:
    path: Path
    name: str
    sha256: str
    size: int
    format: str
    encoding: str | None
    interviews: list[PreparedInterview]
    notes: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    ingested: list[PreparedFile] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    errors: list[InterviewLensError] = field(default_factory=list)
    written: bool = False


@dataclass(frozen=True)
class IngestOptions:
    commune: str | None = None
    manifest: Path | None = None
    text_columns: tuple[str, ...] = ()
    id_column: str | None = None
    commune_column: str | None = None
    skip_errors: bool = False


def _skip_reason(path: Path, manifest: Manifest | None, options: IngestOptions) -> str | None:
    name = path.name.lower()
    if name.startswith((".", "_", "~$")) or name.endswith((".ilens", ".ilens-wal", ".ilens-shm")):
        return "hidden or project file"
    if name.startswith(_SKIPPED_NAMES) or path.stem.lower() in _SKIPPED_STEMS:
        return "documentation file"
    if manifest and path.resolve() == manifest.path.resolve():
        return "the manifest"
    if path.suffix.lower() in TABLE_EXTENSIONS and not options.text_columns \
            and not (manifest and manifest.entry_for(path)):
        return "table not listed in the manifest (a questionnaire? use --text-columns)"
    if path.suffix and path.suffix.lower() not in KNOWN_EXTENSIONS:
        return f"unsupported extension {path.suffix}"
    if not path.suffix:
        with path.open("rb") as handle:
            try:
                detect_format(path, handle.read(4000))
            except InputError:
                return "no extension and not a known XML transcript"
    return None


def discover(inputs: Iterable[Path], manifest: Manifest | None, options: IngestOptions,
             report: IngestReport) -> list[tuple[Path, str]]:
    """Files to ingest with the name the project will know them by."""
    found: list[tuple[Path, str]] = []
    for given in inputs:
        if not given.exists():
            raise InputError(given, "no such file or folder", "check the path")
        if given.is_file():
            found.append((given, _display_name(given, given.parent, manifest)))
            continue
        for path in sorted(p for p in given.rglob("*") if p.is_file()):
            relative = path.relative_to(given)
            if any(part.startswith((".", "_")) for part in relative.parts[:-1]):
                continue
            reason = _skip_reason(path, manifest, options)
            if reason:
                report.skipped.append((relative.as_posix(), reason))
                continue
            found.append((path, _display_name(path, given, manifest)))
    return found


def _display_name(path: Path, root: Path, manifest: Manifest | None) -> str:
    if manifest:
        try:
            return path.resolve().relative_to(manifest.path.parent.resolve()).as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def prepare_file(path: Path, name: str, manifest: Manifest | None,
                 options: IngestOptions) -> PreparedFile:
    """Read, check and assemble one file; touches no project."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(path, f"file larger than {MAX_FILE_BYTES // 2**20} MB", "split it")
    data = path.read_bytes()
    fmt = detect_format(path, data[:4000])
    entry = manifest.entry_for(path) if manifest else None
    table_options = TableOptions(
        text_columns=(entry.text_columns if entry and entry.text_columns else options.text_columns),
        id_column=(entry.id_column if entry and entry.id_column else options.id_column),
        commune_column=(entry.commune_column if entry and entry.commune_column
                        else options.commune_column),
        sheet=entry.sheet if entry else None,
    )
    sources = reader_for(fmt)(data, path, table_options)
    interviews: list[PreparedInterview] = []
    for source in sources:
        speakers = resolve_speakers(source, entry, manifest)
        interviews.append(PreparedInterview(
            source=source,
            commune=source.commune or (entry.commune if entry else None) or options.commune,
            date=(entry.date if entry and entry.date else None) or source.date,
            title=(entry.title if entry and entry.title else None) or source.title or path.stem,
            speakers=speakers,
            assembled=assemble(source, speakers),
        ))
    encoding = sources[0].metadata.get("encoding") if sources else None
    prepared = PreparedFile(path, name, hashlib.sha256(data).hexdigest(), size, fmt, encoding,
                            interviews)
    prepared.notes.extend(_notes(prepared))
    prepared.notes.extend(_unheard_manifest_speakers(prepared, entry))
    return prepared


def _unheard_manifest_speakers(prepared: PreparedFile, entry: FileEntry | None) -> list[str]:
    """Speakers the manifest lists for this file who never speak in it (a misspelt label
    makes their speech go to someone else, or vanish into the previous turn)."""
    if entry is None or not entry.speakers:
        return []
    heard = {speaker_key(text) for interview in prepared.interviews
             for key, speaker in interview.speakers.items() for text in (key, speaker.name)}
    missing = [label for label in entry.speakers if speaker_key(label) not in heard]
    return [f"manifest speaker {label!r} never speaks in this file — write the label exactly "
            "as it starts the lines of the transcript" for label in missing]


def _notes(prepared: PreparedFile) -> list[str]:
    notes = []
    for interview in prepared.interviews[:1] if len(prepared.interviews) > 1 else prepared.interviews:
        interviewers = [s for s in interview.speakers.values() if s.role is Role.INTERVIEWER]
        guessed = [s.name for s in interviewers if s.origin is RoleOrigin.GUESS]
        labels = interview.source.metadata.get("speaker_labels")
        if labels == "none found":
            notes.append("no speaker labels found: all speech attributed to one interviewee")
        elif labels:
            notes.append(f"no speaker names: two speakers told apart by their {labels} — check"
                         " them, and name 'Locuteur 1' / 'Locuteur 2' in the manifest")
        elif not interviewers:
            notes.append("no interviewer found: name it in the manifest (interviewer: …)")
        elif guessed:
            notes.append(f"interviewer guessed: {', '.join(guessed)} (asks most questions)"
                         " — set 'interviewer:' in the manifest if wrong")
    notes.extend(note for interview in prepared.interviews for note in interview.source.notes)
    if any(i.commune is None for i in prepared.interviews):
        notes.append("no commune: use --commune or the manifest")
    codings = [c for i in prepared.interviews for c in i.source.codings]
    if codings:
        other = sum(c.label is None for c in codings)
        notes.append(f"{len(codings) - other} codes imported"
                     + (f", {other} codes outside the SWOT grid kept as memos" if other else ""))
    return notes


def ingest(project: Path, inputs: list[Path], options: IngestOptions,
           progress: Callable[[str], None] | None = None) -> IngestReport:
    """Ingest `inputs` into `project`. Raises nothing for bad files: see `report.errors`."""
    from interviewlens.store import connect_project
    from interviewlens.store.writes import write_prepared_file

    report = IngestReport()
    manifest = load_manifest(options.manifest) if options.manifest else None
    files = discover(inputs, manifest, options, report)
    known = _known_files(project)
    known_hashes = {sha: name for name, sha in known.items()}
    prepared: list[PreparedFile] = []
    seen_names: set[str] = set()
    for path, name in files:
        if progress:
            progress(name)
        if name in seen_names:
            report.errors.append(InputError(path, f"two inputs share the name {name!r}",
                                            "ingest them from their common folder"))
            continue
        seen_names.add(name)
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if name in known:
                if known[name] == sha:
                    report.unchanged.append(name)
                    continue
                raise InputError(path, f"a different version of {name!r} is already in the project",
                                 "rename the file to add it as a new interview")
            if sha in known_hashes:
                report.skipped.append((name, f"same content as {known_hashes[sha]!r}, already ingested"))
                continue
            prepared.append(prepare_file(path, name, manifest, options))
            known_hashes[sha] = name
        except InputError as error:
            report.errors.append(error)
        except OSError as exc:
            report.errors.append(InputError(path, f"cannot read the file ({exc.strerror})",
                                            "check permissions"))
    if report.errors and not options.skip_errors:
        return report
    if not prepared:
        return report
    db = connect_project(project, create=True)
    try:
        for item in prepared:
            write_prepared_file(db, item)
            report.ingested.append(item)
        report.written = True
    finally:
        db.close()
    return report


def _known_files(project: Path) -> dict[str, str]:
    if not project.exists():
        return {}
    from interviewlens.store import connect_project

    db = connect_project(project)
    try:
        return {row["name"]: row["sha256"] for row in db.execute("SELECT name, sha256 FROM source_file")}
    finally:
        db.close()
