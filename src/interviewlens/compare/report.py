"""The comparison report, in French: built once as blocks, rendered to Markdown and HTML."""

from __future__ import annotations

import base64
import html
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewlens.compare import charts
from interviewlens.compare.profiles import SWOT
from interviewlens.compare.themes import SPECIFIC
from interviewlens.domain import Label

if TYPE_CHECKING:
    from interviewlens.compare.api import Comparison

NOTABLE = 1.96   # adjusted residual: p < .05 two-sided
TOP_WORDS = 12
TOP_SWOT_WORDS = 8
MIN_SEGMENTS = 3  # a topic "specific" to a group within one code needs at least this many


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True, slots=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()   # columns aligned right


@dataclass(frozen=True, slots=True)
class Image:
    name: str      # file stem in the Markdown report's graphiques/ folder
    png: bytes
    alt: str


Block = Heading | Paragraph | Bullets | Table | Image


PLURAL = {Label.FORCE.value: "forces", Label.FAIBLESSE.value: "faiblesses",
          Label.OPPORTUNITE.value: "opportunités", Label.VIGILANCE.value: "points de vigilance",
          Label.AUCUN.value: "segments sans code SWOT"}


def fr(value: float, digits: int = 1) -> str:
    """A number written the French way: 36,5 ; 1 234 ; −2,0."""
    text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text.replace("-", "−")


def _of(quantity: str, noun: str) -> str:
    """« plus de forces », « moins d'opportunités »."""
    return f"{quantity} d'{noun}" if noun[0] in "aeiouyéèêàâîôû" else f"{quantity} de {noun}"


def pct(value: float) -> str:
    return f"{fr(100 * value, 0)} %"


def p_text(p: float) -> str:
    if math.isnan(p):
        return "p non calculable"
    return "p < 0,001" if p < 0.001 else f"p = {fr(p, 3)}"


def build(c: Comparison) -> list[Block]:
    """Every block of the report, in order."""
    what = "communes" if c.by == "commune" else "types d'acteurs"
    one = "commune" if c.by == "commune" else "type d'acteur"
    blocks: list[Block] = [Heading(1, f"Comparaison des {what}")]
    blocks += _overview(c, what + (" comparées" if c.by == "commune" else " comparés"))
    blocks += _profiles(c, one)
    blocks += _themes(c, one)
    blocks += _vocabulary(c)
    blocks += _method(c)
    return blocks


def _overview(c: Comparison, what: str) -> list[Block]:
    n = len(c.segments)
    blocks: list[Block] = [Paragraph(
        f"{len(c.groups)} {what} ({', '.join(c.groups)}) sur {fr(n, 0)} segments "
        "d'interlocuteurs, issus "
        + ("d'un projet." if len(c.projects) == 1 else f"de {len(c.projects)} projets."))]
    rows = [[p.name, fr(p.segments, 0), fr(p.coded, 0), fr(p.human, 0), fr(p.validated, 0),
             fr(p.analysed, 0), ", ".join(p.communes) or "—"] for p in c.projects]
    blocks.append(Table(["projet", "segments", "codés", "dont humains", "validés", "analysés",
                         "communes"], rows, numeric=(1, 2, 3, 4, 5)))
    missing = [f"**{section.capitalize()}** non calculé(s) : {reason}."
               for section, reason in c.missing.items()]
    if missing or c.notes:
        blocks.append(Heading(2, "À savoir avant de lire"))
        blocks.append(Bullets(missing + [f"{note}." for note in c.notes]))
    return blocks


def _profiles(c: Comparison, one: str) -> list[Block]:
    blocks: list[Block] = [Heading(2, "1. Profils SWOT")]
    if c.profiles is None:
        return blocks + [Paragraph(f"Non calculés : {c.missing.get('profils', '')}.")]
    codes = list(c.shares.columns)
    headers = [one] + [Label(code).french for code in codes] + ["segments codés"]
    rows = [[group] + [f"{fr(c.profiles.at[group, code], 0)} ({pct(c.shares.at[group, code])})"
                       for code in codes] + [fr(c.profiles.loc[group, codes].sum(), 0)]
            for group in c.groups]
    if Label.AUCUN.value not in codes:
        headers.append("« aucun » (hors test)")
        for row, group in zip(rows, c.groups, strict=True):
            row.append(fr(c.profiles.at[group, Label.AUCUN.value], 0))
    blocks.append(Table(headers, rows, numeric=tuple(range(1, len(headers)))))
    blocks.append(Image("profils", charts.profile_bars(c.shares), "Profils SWOT"))
    chi2 = c.chi2
    if chi2.dof and not math.isnan(chi2.statistic):
        blocks.append(Paragraph(
            f"Test d'indépendance du χ² ({one} × code) : χ² = {fr(chi2.statistic, 2)}, "
            f"{chi2.dof} ddl, {p_text(chi2.p_value)}, V de Cramér = {fr(chi2.cramers_v, 2)} "
            f"(n = {fr(chi2.n, 0)}). "
            + ("Les profils diffèrent significativement." if chi2.p_value < 0.05 else
               "Pas de différence significative entre les profils.")))
    for warning in chi2.warnings:
        blocks.append(Paragraph(f"⚠ Attention : {warning}."))
    headers = [one] + [Label(code).french for code in codes]
    rows = [[group] + [_residual(c.residuals.at[group, code]) for code in codes]
            for group in c.groups]
    blocks.append(Paragraph(
        "Résidus ajustés (écart à l'indépendance, en écarts-types) : au-delà de ±1,96 "
        "(▲ sur-représenté, ▼ sous-représenté), l'écart est significatif au seuil de 5 %."))
    blocks.append(Table(headers, rows, numeric=tuple(range(1, len(headers)))))
    blocks.append(Image("residus", charts.heatmap(
        c.residuals, "Résidus ajustés du χ²", limit=4.0,
        column_labels=[Label(code).french for code in codes]), "Résidus ajustés"))
    readings = _residual_readings(c, codes)
    if readings:
        blocks.append(Paragraph("En clair :"))
        blocks.append(Bullets(readings))
    return blocks


def _residual(value: float) -> str:
    mark = " ▲" if value >= NOTABLE else " ▼" if value <= -NOTABLE else ""
    return f"{fr(value, 2)}{mark}"


def _residual_readings(c: Comparison, codes: list[str]) -> list[str]:
    out = []
    for group in c.groups:
        parts = []
        for k in codes:
            value = c.residuals.at[group, k]
            if abs(value) >= NOTABLE:
                quantity = "plus" if value > 0 else "moins"
                parts.append(f"{_of(quantity, PLURAL[k])} ({fr(value, 1)})")
        if parts:
            out.append(f"{group} : " + ", ".join(parts) + " que l'ensemble")
    return out


def _themes(c: Comparison, one: str) -> list[Block]:
    blocks: list[Block] = [Heading(2, "2. Thèmes")]
    if c.topics is None:
        return blocks + [Paragraph(f"Non calculés : {c.missing.get('thèmes', '')}.")]
    n = int(c.topic_counts.to_numpy().sum())
    blocks.append(Paragraph(
        f"{len(c.topics)} thèmes ajustés ensemble sur les {fr(n, 0)} segments qui ont des mots "
        f"de contenu, tous projets confondus (BERTopic, {c.details.get('clustering', '')}, "
        f"plongements {c.details.get('embedding', '')}, graine {c.details.get('seed', 0)}) : "
        "un même thème désigne la même chose partout. Prévalence : part des segments du groupe "
        "dans le thème. Spécificité : indice hypergéométrique de Lafon (comme Iramuteq et TXM) ; "
        f"≥ +{fr(SPECIFIC, 0)} : sur-représenté (probabilité ≤ 1 %), ≤ −{fr(SPECIFIC, 0)} : "
        "sous-représenté."))
    headers = ["n°", "thème", "segments", "répartition"] + list(c.groups)
    rows = []
    for topic, row in c.topics.iterrows():
        cells = [f"{pct(c.topic_prevalence.at[topic, g])} ({fr(c.specificities.at[topic, g], 1)})"
                 for g in c.groups]
        rows.append([str(topic), row["label"], fr(row["segments"], 0), row["status"], *cells])
    blocks.append(Table(headers, rows, numeric=(0, 2, *range(4, len(headers)))))
    labels = [f"{t}. {row['label']}" for t, row in c.topics.iterrows()]
    blocks.append(Image("specificites", charts.heatmap(
        c.specificities, "Spécificités des thèmes (Lafon)", row_labels=labels,
        limit=float(min(10.0, max(3.0, abs(c.specificities.to_numpy()).max())))),
        "Spécificités des thèmes"))
    shared = [f"{t}. {r['label']}" for t, r in c.topics.iterrows() if r["status"] ==
              "partagé par tous"]
    specific = [f"{t}. {r['label']} ({r['over_in']})" for t, r in c.topics.iterrows()
                if r["status"].startswith("spécifique à")]
    blocks.append(Bullets([
        "Partagés par tous (présents partout, sur-représentés nulle part) : "
        + (" ; ".join(shared) or "aucun"),
        "Spécifiques à un seul groupe : " + (" ; ".join(specific) or "aucun")]))
    blocks += _themes_by_code(c)
    return blocks


def _themes_by_code(c: Comparison) -> list[Block]:
    if c.topic_swot is None or c.topic_swot.empty:
        return []
    blocks: list[Block] = [Heading(3, "Thèmes par code SWOT"), Paragraph(
        "Pour chaque code, les thèmes présents dans tous les groupes (au moins 2 segments "
        "chacun) et ceux qu'un groupe porte plus que les autres (spécificité ≥ +2 parmi les "
        f"segments de ce code, au moins {MIN_SEGMENTS} segments).")]
    label_of = c.topics["label"].to_dict()
    rows = []
    for code in SWOT:
        part = c.topic_swot[c.topic_swot.label == code.value]
        if part.empty:
            continue
        present = part.pivot(index="topic", columns="group", values="segments")
        everywhere = [f"{t}. {label_of[t]}" for t, r in present.iterrows() if (r >= 2).all()]
        specific = []
        for group in c.groups:
            mine = part[(part.group == group) & (part.specificity >= SPECIFIC)
                        & (part.segments >= MIN_SEGMENTS)]
            mine = mine.sort_values("specificity", ascending=False)
            if not mine.empty:
                specific.append(f"{group} : " + " ; ".join(
                    f"{label_of[t]} ({n})" for t, n in zip(mine.topic, mine.segments, strict=True)))
        rows.append([code.french, " ; ".join(everywhere) or "—", " / ".join(specific) or "—"])
    blocks.append(Table(["code", "récurrents partout", "spécifiques à un groupe"], rows))
    return blocks


def _vocabulary(c: Comparison) -> list[Block]:
    blocks: list[Block] = [Heading(2, "3. Vocabulaire distinctif")]
    if c.keyness is None:
        return blocks + [Paragraph(f"Non calculé : {c.missing.get('vocabulaire', '')}.")]
    blocks.append(Paragraph(
        "Lemmes de contenu sur-employés par chaque groupe par rapport à tous les autres "
        "réunis : log-vraisemblance G² de Dunning (≥ 3,84 : p < 0,05 ; ≥ 10,83 : p < 0,001). "
        "Entre parenthèses : occurrences dans le groupe / dans les autres, et nombre "
        "d'entretiens du groupe qui l'emploient."))
    rows = []
    for group in c.groups:
        mine = c.keyness[c.keyness.group == group].head(TOP_WORDS)
        words = ", ".join(f"{r.lemma} ({r.frequency}/{r.frequency_rest}, {r.interviews} ent.)"
                          for r in mine.itertuples()) or "—"
        rows.append([group, words])
    blocks.append(Table(["groupe", f"{TOP_WORDS} lemmes les plus distinctifs"], rows))
    png = charts.keyness_bars(c.keyness, c.groups)
    if png:
        blocks.append(Image("vocabulaire", png, "Vocabulaire distinctif"))
    if c.swot_keyness is not None and not c.swot_keyness.empty:
        blocks.append(Heading(3, "Ce que chaque groupe dit de particulier, code par code"))
        headers = ["groupe"] + [code.french for code in SWOT]
        rows = []
        for group in c.groups:
            row = [group]
            for code in SWOT:
                part = c.swot_keyness[(c.swot_keyness.label == code.value)
                                      & (c.swot_keyness.group == group)].head(TOP_SWOT_WORDS)
                row.append(", ".join(f"{w} ({n})" for w, n in zip(part.lemma, part.frequency,
                                                                   strict=True)) or "—")
            rows.append(row)
        blocks.append(Table(headers, rows))
    return blocks


def _method(c: Comparison) -> list[Block]:
    aucun = (" et « aucun »" if c.details.get("include_aucun")
             else " (« aucun » est compté à part)")
    return [Heading(2, "Méthode"), Bullets([
        ("Codes : le code courant de chaque segment (validé, sinon humain, sinon suggestion du "
         f"modèle) ; les profils et le χ² portent sur les quatre codes SWOT{aucun}."),
        ("χ² d'indépendance sans correction de continuité ; résidus ajustés de Haberman "
         "(O − E) / √(E (1 − ligne/n) (1 − colonne/n)) ; avertissement si un effectif "
         "théorique est inférieur à 1 ou si plus de 20 % sont inférieurs à 5 (Cochran)."),
        ("Spécificités : loi hypergéométrique de Lafon (1980) calculée comme TXM/Iramuteq — "
         "log10 P(X ≤ f) si l'effectif observé est sous l'attendu, −log10 P(X ≥ f) sinon."),
        ("Vocabulaire : lemmes de contenu (noms, adjectifs, verbes) stockés par `interviewlens "
         "analyse`, sans mots vides ni noms de personnes ou de communes ; G² de Dunning contre "
         "le reste du corpus, au moins 3 occurrences dans le groupe."),
        "Tableaux complets : fichiers CSV et classeur `comparaison.xlsx` à côté de ce rapport.",
    ])]


# ------------------------------------------------------------------------------ rendering

def to_markdown(blocks: list[Block], image_folder: str = "graphiques") -> str:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + block.text)
        elif isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {item}" for item in block.items))
        elif isinstance(block, Table):
            out.append(_markdown_table(block))
        elif isinstance(block, Image):
            out.append(f"![{block.alt}]({image_folder}/{block.name}.png)")
    return "\n\n".join(out) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _markdown_table(table: Table) -> str:
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.headers))]
    lines = ["| " + " | ".join(_cell(h) for h in table.headers) + " |",
             "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in table.rows]
    return "\n".join(lines)


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{border-bottom:2px solid #3949ab;padding-bottom:.2em}h2{margin-top:2em;color:#283593}
table{border-collapse:collapse;margin:1em 0;font-size:.88em}
th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top}th{background:#e8eaf6}
td.n{text-align:right;white-space:nowrap}img{max-width:100%;height:auto;margin:.5em 0}
code{background:#f3f3f3;padding:0 .2em}
"""


def to_html(blocks: list[Block], title: str) -> str:
    body = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_inline(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_inline(block.text)}</p>")
        elif isinstance(block, Bullets):
            body.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            body.append(_html_table(block))
        elif isinstance(block, Image):
            data = base64.b64encode(block.png).decode("ascii")
            body.append(f'<img alt="{html.escape(block.alt)}" src="data:image/png;base64,{data}">')
    return ("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _inline(text: str) -> str:
    """Escape, then the two Markdown marks the report uses: **bold** and `code`."""
    import re

    text = html.escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", text)


def _html_table(table: Table) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
    rows = []
    for row in table.rows:
        cells = "".join(f'<td class="n">{_inline(v)}</td>' if i in table.numeric
                        else f"<td>{_inline(v)}</td>" for i, v in enumerate(row))
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
