"""Iramuteq corpus: starred header lines, then the text."""

from __future__ import annotations

import re

HEADER = re.compile(r"^\*\*\*\* \*commune_[a-z0-9_]+ \*acteur_[a-z0-9_]+ \*code_[a-z_]+"
                    r" \*entretien_[eq]\d+(?: \*theme_\d+)?$")


def test_every_segment_has_a_header_line(demo_exports):
    lines = demo_exports["iramuteq"].read_text(encoding="utf-8").split("\n")
    headers = [i for i, line in enumerate(lines) if line.startswith("****")]
    assert len(headers) == 885
    for index in headers:
        assert HEADER.match(lines[index]), lines[index]
        body = lines[index + 1]
        assert body and "*" not in body
    assert "**** *commune_valmesnil_sur_risle *acteur_elu *code_" in "\n".join(lines)


def test_per_interview_corpus(demo_project):
    from interviewlens.export.data import ExportOptions, load_export_data
    from interviewlens.export.iramuteq import render_iramuteq
    from interviewlens.store import connect_project

    db = connect_project(demo_project)
    try:
        data = load_export_data(demo_project, db, ExportOptions())
    finally:
        db.close()
    text = render_iramuteq(data, per="interview")
    assert text.count("****") == 51
    assert "**** *commune_plouvenec *acteur_elu *entretien_e1" in text
