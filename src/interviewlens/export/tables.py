"""The tables: segments, SWOT matrix per commune, topics, actors, places (csv, xlsx, json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from interviewlens.domain import Label
from interviewlens.export.data import SOURCE_FR, ExportData, actor_french, label_french

if TYPE_CHECKING:
    import pandas as pd

SWOT = [Label.FORCE, Label.FAIBLESSE, Label.OPPORTUNITE, Label.VIGILANCE]
# Sheet / file name → (title shown in the workbook)
SHEETS = {
    "segments": "Segments",
    "matrice_swot": "Matrice SWOT",
    "themes": "Thèmes",
    "acteurs": "Acteurs",
    "lieux": "Lieux",
    "entretiens": "Entretiens",
}


def segments_table(data: ExportData) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for s in data.segments:
        interview = data.interview(s.interview_id)
        topic = data.topic(s.topic)
        rows.append({
            "Segment": s.id,
            "Commune": interview.commune,
            "Entretien": interview.code,
            "Titre de l'entretien": interview.title,
            "Fichier": interview.file,
            "Date": interview.date or "",
            "N° dans l'entretien": s.ord + 1,
            "Locuteur": s.speaker,
            "Type d'acteur": actor_french(s.actor_type),
            "Texte": s.text,
            "Code": label_french(s.label),
            "Code (valeur)": s.label or "",
            "Origine du code": SOURCE_FR.get(s.source, s.source or ""),
            "Codeur": s.coder or "",
            "Confiance": round(s.confidence, 3) if s.confidence is not None else None,
            "Thème": topic.title if topic else "",
            "Début": s.start,
            "Fin": s.end,
        })
    return pd.DataFrame(rows)


def swot_matrix(data: ExportData) -> pd.DataFrame:
    """Counts of each code per commune and in all, with shares of the coded segments."""
    import pandas as pd

    rows = []
    for commune in [*data.communes, "Ensemble"]:
        chosen = [s for s in data.coded
                  if commune == "Ensemble" or data.interview(s.interview_id).commune == commune]
        row: dict[str, object] = {"Commune": commune}
        for label in Label:
            row[label.french] = sum(s.label == label.value for s in chosen)
        row["Segments codés"] = len(chosen)
        swot_total = sum(row[label.french] for label in SWOT)  # type: ignore[misc]
        for label in SWOT:
            count = row[label.french]
            row[f"% {label.french}"] = round(100 * count / swot_total, 1) if swot_total else 0.0  # type: ignore[operator]
        rows.append(row)
    return pd.DataFrame(rows)


def topics_table(data: ExportData) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for topic in data.topics:
        in_topic = [s for s in data.coded if s.topic == topic.number]
        row: dict[str, object] = {
            "Thème": topic.number, "Intitulé": topic.title,
            "Mots clés": ", ".join(w for w, _ in topic.words[:10]), "Segments": topic.size,
        }
        for label in SWOT:
            row[label.french] = sum(s.label == label.value for s in in_topic)
        for commune in data.communes:
            share = topic.prevalence.get(("commune", commune))
            row[f"Part — {commune} (%)"] = round(100 * share, 1) if share is not None else None
        rows.append(row)
    return pd.DataFrame(rows)


def actors_table(data: ExportData) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([{
        "Acteur": a["name"], "Catégorie": ACTOR_KIND_FR.get(a["kind"], a["kind"]), "Mentions": a["mentions"],
        "Entretiens": a["interviews"], "Communes": a["communes"], "Locuteurs": a["speakers"],
        "Variantes": ", ".join(a["variants"]),
    } for a in data.actors], columns=["Acteur", "Catégorie", "Mentions", "Entretiens", "Communes",
                                      "Locuteurs", "Variantes"])


ACTOR_KIND_FR = {"education": "éducation", "association": "association",
                 "institution": "institution", "programme": "programme", "culture": "culture",
                 "role": "fonction", "person": "personne", "network": "réseau",
                 "economic": "économie", "organisation": "organisation", "other": "autre"}
PLACE_KIND_FR = {"country": "pays", "region": "région", "department": "département",
                 "city": "ville", "place": "lieu"}
SCOPE_FR = {"foreign": "étranger", "france": "France", "unknown": "indéterminé"}


def places_table(data: ExportData) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([{
        "Lieu": p["name"], "Type": PLACE_KIND_FR.get(p["kind"], p["kind"]),
        "Pays": p["country"] or "", "Situation": SCOPE_FR.get(p["scope"], p["scope"]),
        "Partenaire potentiel": "oui" if p["partner_candidate"] else "non",
        "Mentions": p["mentions"], "Entretiens": p["interviews"], "Communes": p["communes"],
    } for p in data.places], columns=["Lieu", "Type", "Pays", "Situation", "Partenaire potentiel",
                                      "Mentions", "Entretiens", "Communes"])


def interviews_table(data: ExportData) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for i in data.interviews:
        mine = [s for s in data.segments if s.interview_id == i.id]
        row: dict[str, object] = {
            "Entretien": i.code, "Titre": i.title, "Commune": i.commune, "Date": i.date or "",
            "Fichier": i.file, "Format": i.format,
            "Personnes interrogées": ", ".join(s.name for s in i.interviewees),
            "Types d'acteur": ", ".join(sorted({actor_french(s.actor_type) for s in i.interviewees})),
            "Segments": len(mine),
        }
        for label in Label:
            row[label.french] = sum(s.label == label.value for s in mine)
        rows.append(row)
    return pd.DataFrame(rows)


def all_tables(data: ExportData) -> dict[str, pd.DataFrame]:
    return {
        "segments": segments_table(data), "matrice_swot": swot_matrix(data),
        "themes": topics_table(data), "acteurs": actors_table(data),
        "lieux": places_table(data), "entretiens": interviews_table(data),
    }


def write_csv(data: ExportData, output: Path) -> list[Path]:
    """One CSV per table in the folder `output` (UTF-8 with BOM, so Excel reads accents)."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in all_tables(data).items():
        path = output / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
    return written


_WIDTHS = {"Texte": 80, "Titre de l'entretien": 40, "Titre": 45, "Mots clés": 50,
           "Variantes": 40, "Intitulé": 35, "Fichier": 30, "Personnes interrogées": 30}


def write_xlsx(data: ExportData, output: Path) -> list[Path]:
    import pandas as pd
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    with pd.ExcelWriter(output, engine="openpyxl") as writer:
        for name, frame in all_tables(data).items():
            title = SHEETS[name]
            frame.to_excel(writer, sheet_name=title, index=False)
            sheet = writer.sheets[title]
            sheet.freeze_panes = "A2"
            header_fill = PatternFill("solid", fgColor="DDE6F0")
            for cell in sheet[1]:
                cell.font = Font(bold=True)
                cell.fill = header_fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for index, column in enumerate(frame.columns, start=1):
                values = [str(column)] + [str(v) for v in frame[column].head(200) if v is not None]
                width = _WIDTHS.get(str(column)) or min(30, max(8, max(len(v) for v in values) + 2))
                sheet.column_dimensions[get_column_letter(index)].width = width
                wrap = str(column) in _WIDTHS
                for cell in sheet[get_column_letter(index)][1:]:
                    cell.alignment = Alignment(wrap_text=wrap, vertical="top")
            _fit_row_heights(sheet, frame)
            if len(frame):
                sheet.auto_filter.ref = sheet.dimensions
            # Printing (or PDF): landscape, all columns on one page width, header repeated.
            sheet.page_setup.orientation = "landscape"
            sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
            sheet.page_setup.fitToWidth = 1
            sheet.page_setup.fitToHeight = 0
            sheet.print_title_rows = "1:1"
    return [output]


def _fit_row_heights(sheet, frame: pd.DataFrame) -> None:
    """Spreadsheets do not grow rows for wrapped text on opening: set the heights."""
    wrapped = [(index, _WIDTHS[str(c)]) for index, c in enumerate(frame.columns)
               if str(c) in _WIDTHS]
    if not wrapped:
        return
    for row_number, values in enumerate(frame.itertuples(index=False), start=2):
        lines = max(-(-len(str(values[i] or "")) // int(width * 1.05)) for i, width in wrapped)
        if lines > 1:
            sheet.row_dimensions[row_number].height = 13 * min(lines, 15)


def write_json(data: ExportData, output: Path) -> list[Path]:
    tables = all_tables(data)
    document = {
        "projet": data.project.name,
        "genere_le": data.generated_at.isoformat(timespec="seconds"),
        "pseudonymise": data.options.pseudonymise,
        "filtre": {"valides_seulement": data.options.validated_only, "codeur": data.options.coder},
        **{name: json.loads(frame.to_json(orient="records", force_ascii=False))
           for name, frame in tables.items()},
    }
    output.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return [output]
