"""Tables: csv folder, xlsx workbook, json document."""

from __future__ import annotations

import json

import pandas as pd


def test_xlsx_has_one_readable_sheet_per_table(demo_exports):
    from openpyxl import load_workbook

    workbook = load_workbook(demo_exports["xlsx"])
    assert workbook.sheetnames == ["Segments", "Matrice SWOT", "Thèmes", "Acteurs", "Lieux",
                                   "Entretiens"]
    segments = workbook["Segments"]
    headers = [c.value for c in segments[1]]
    for column in ("Commune", "Texte", "Code", "Origine du code", "Codeur", "Confiance", "Thème",
                   "Type d'acteur", "Locuteur"):
        assert column in headers
    assert segments.freeze_panes == "A2"
    assert segments.column_dimensions["J"].width == 80  # Texte
    assert segments.max_row == 885 + 1
    matrix = pd.read_excel(demo_exports["xlsx"], sheet_name="Matrice SWOT")
    total = matrix.set_index("Commune").loc["Ensemble"]
    assert total["Segments codés"] == 885
    assert total[["Force / atout", "Faiblesse / limite", "Opportunité", "Point de vigilance",
                  "Aucun"]].sum() == 885
    assert set(matrix["Commune"]) == {"Plouvénec", "Valmesnil-sur-Risle", "Villebrenne-sur-Cher",
                                      "Ensemble"}


def test_csv_folder_and_json_agree(demo_exports):
    folder = demo_exports["csv"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["segments.csv", "matrice_swot.csv", "themes.csv", "acteurs.csv", "lieux.csv",
         "entretiens.csv"])
    segments = pd.read_csv(folder / "segments.csv", encoding="utf-8-sig")
    document = json.loads(demo_exports["json"].read_text(encoding="utf-8"))
    assert len(segments) == len(document["segments"]) == 885
    assert document["pseudonymise"] is True
    assert set(segments["Origine du code"]) == {"suggestion du modèle"}
    assert segments["Code (valeur)"].isin(["force", "faiblesse", "opportunite", "vigilance",
                                           "aucun"]).all()
    places = pd.read_csv(folder / "lieux.csv", encoding="utf-8-sig")
    assert "Sénégal" in set(places["Lieu"])
    assert len(document["themes"]) >= 5 and len(document["acteurs"]) > 20


def test_validated_only_and_coder_filters(two_coder_project, tmp_path, cli):
    out = tmp_path / "valides.json"
    assert cli("export", two_coder_project, "-f", "json", "-o", out, "--validated-only").exit_code == 0
    segments = json.loads(out.read_text(encoding="utf-8"))["segments"]
    coded = [s for s in segments if s["Code"]]
    assert len(coded) == 10 and {s["Origine du code"] for s in coded} == {"validé"}
    out = tmp_path / "bruno.json"
    assert cli("export", two_coder_project, "-f", "json", "-o", out, "--coder", "Bruno").exit_code == 0
    coded = [s for s in json.loads(out.read_text(encoding="utf-8"))["segments"] if s["Code"]]
    assert len(coded) == 60 and {s["Codeur"] for s in coded} == {"Bruno"}
