"""The diagnostic report as a `Document`: methodology, état des lieux, préconisations, annexes.

The text is French and addresses the team that will finish the report: it says what
the figures rest on (model suggestions or validated codes, analysis done or not).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from interviewlens.domain import Label
from interviewlens.export.charts import Chart, charts
from interviewlens.export.data import ExportData, Interview, Segment, actor_french
from interviewlens.export.document import (
    Bullets,
    Document,
    Figure,
    Heading,
    PageBreak,
    Para,
    Quote,
    Table,
)
from interviewlens.export.tables import ACTOR_KIND_FR, PLACE_KIND_FR, SWOT

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
PLURAL = {Label.FORCE: ("force", "forces"), Label.FAIBLESSE: ("faiblesse", "faiblesses"),
          Label.OPPORTUNITE: ("opportunité", "opportunités"),
          Label.VIGILANCE: ("point de vigilance", "points de vigilance"),
          Label.AUCUN: ("segment sans code SWOT", "segments sans code SWOT")}
SECTION = {Label.FORCE: "Forces et atouts", Label.FAIBLESSE: "Faiblesses et limites",
           Label.OPPORTUNITE: "Opportunités", Label.VIGILANCE: "Points de vigilance"}
DEFINITIONS = {
    Label.FORCE: "Un élément positif qui existe aujourd'hui (ressource, acteur, pratique, réussite).",
    Label.FAIBLESSE: "Un élément négatif qui existe aujourd'hui (manque, difficulté, absence).",
    Label.OPPORTUNITE: "Un positif possible : projet, idée, souhait, ressource à mobiliser, "
                       "financement, partenaire, proposition.",
    Label.VIGILANCE: "Un négatif possible : risque, crainte, fragilité, dépendance à une "
                     "personne, condition à tenir.",
    Label.AUCUN: "Récit, faits sans jugement, biographie, échanges de politesse, hors sujet.",
}
NO_THEME = "Sans thème"
QUOTE_WORDS = 32
QUOTES_PER_THEME = 3
THEMES_PER_CODE = 5


def french_date(value: str | None) -> str:
    if not value or len(value) < 10 or value[4] != "-":
        return value or "date inconnue"
    year, month, day = value[:10].split("-")
    try:
        return f"{int(day)}{'er' if day == '01' else ''} {MONTHS[int(month) - 1]} {year}"
    except (ValueError, IndexError):
        return value


def plural(label: Label, n: int) -> str:
    singular, many = PLURAL[label]
    return f"{n} {singular if n <= 1 else many}"


def short_quote(text: str, words: int = QUOTE_WORDS) -> str:
    parts = text.split()
    quote = " ".join(parts[:words]).rstrip(",;: ")
    if len(parts) > words:
        quote += " […]"
    return quote


class ReportBuilder:
    def __init__(self, data: ExportData):
        self.data = data
        self.charts: dict[str, Chart] = {c.name: c for c in charts(data)}
        self.doc = Document(
            "Diagnostic territorial — ouverture à l'international",
            " · ".join(data.communes))

    # ------------------------------------------------------------------ helpers
    def source_of(self, segment: Segment) -> str:
        interview = self.data.interview(segment.interview_id)
        kind = "questionnaire" if interview.is_questionnaire else "entretien"
        return f"{interview.code}, {kind}, {actor_french(segment.actor_type)}"

    def theme_of(self, segment: Segment) -> str:
        topic = self.data.topic(segment.topic)
        return topic.title if topic else NO_THEME

    def quotes(self, segments: list[Segment], limit: int) -> list[Quote]:
        """The best statements first (validated, human, then confident model codes), one
        per interview before a second from the same interview."""
        rank = {"validated": 0, "human": 1, "model": 2, "rule": 3}
        ordered = sorted(segments, key=lambda s: (rank.get(s.source or "", 4),
                                                  -(s.confidence or 0), len(s.text.split()) < 6))
        chosen: list[Segment] = []
        seen: set[int] = set()
        for segment in ordered:
            if segment.interview_id not in seen:
                chosen.append(segment)
                seen.add(segment.interview_id)
            if len(chosen) == limit:
                break
        for segment in ordered:
            if len(chosen) >= limit:
                break
            if segment not in chosen:
                chosen.append(segment)
        return [Quote(short_quote(s.text), self.source_of(s)) for s in chosen]

    def in_commune(self, commune: str) -> list[Segment]:
        return [s for s in self.data.coded if self.data.interview(s.interview_id).commune == commune]

    def figure(self, name: str) -> list[Figure]:
        return [Figure(self.charts[name])] if name in self.charts else []

    # ------------------------------------------------------------------ parts
    def build(self) -> Document:
        self.front()
        self.methodology()
        self.doc.add(PageBreak())
        self.state_of_play()
        self.doc.add(PageBreak())
        self.recommendations()
        self.doc.add(PageBreak())
        self.annexes()
        self._number_tables()
        return self.doc

    def _number_tables(self) -> None:
        """Number the captioned tables in order (some are left out on small projects)."""
        import re
        from dataclasses import replace

        number = 0
        for index, block in enumerate(self.doc.blocks):
            if isinstance(block, Table) and block.caption.startswith("Tableau "):
                number += 1
                caption = re.sub(r"^Tableau \d+", f"Tableau {number}", block.caption)
                self.doc.blocks[index] = replace(block, caption=caption)

    def front(self) -> None:
        d = self.data
        when = f"{d.generated_at.day} {MONTHS[d.generated_at.month - 1]} {d.generated_at.year}"
        self.doc.add(Para(f"Projet de rapport — document de travail produit le {when} par "
                          f"interviewlens à partir du projet « {d.project.name} ».", "note"))
        notes = []
        if d.options.pseudonymise:
            notes.append("Les noms de personnes sont remplacés par des pseudonymes (« Personne 1 », "
                         "« Personne 2 »…) ; la correspondance reste dans le fichier du projet et "
                         "n'est pas diffusée.")
        if not d.classified:
            notes.append("Aucun segment n'est encore codé : la matrice SWOT est vide. Lancez "
                         "« interviewlens classify » puis relisez les codes avant de produire le "
                         "rapport.")
        else:
            model = sum(s.source == "model" for s in d.coded)
            if model:
                share = round(100 * model / len(d.coded))
                notes.append(f"{share} % des codes sont des suggestions automatiques qui n'ont pas "
                             "encore été relues : à valider avant toute diffusion.")
        if not d.analysed:
            notes.append("L'analyse des thèmes, des acteurs et des lieux n'a pas été lancée "
                         "(« interviewlens analyse ») : les propos ne sont pas classés par thème "
                         "et la carte des acteurs est absente.")
        if d.options.validated_only:
            notes.append("Seuls les codes validés par un superviseur sont retenus.")
        if d.options.coder:
            notes.append(f"Seuls les codes de {d.options.coder} sont retenus.")
        if notes:
            self.doc.add(Bullets(notes))

    def methodology(self) -> None:
        d = self.data
        self.doc.add(Heading(1, "1. Cadre et méthodologie"))
        interviews = [i for i in d.interviews if not i.is_questionnaire]
        forms = [i for i in d.interviews if i.is_questionnaire]
        dates = sorted(i.date for i in interviews if i.date)
        self.doc.add(Heading(2, "1.1 Le corpus"))
        sentence = (f"Le diagnostic s'appuie sur {len(interviews)} entretien"
                    f"{'s' if len(interviews) > 1 else ''}")
        if dates:
            sentence += (f" menés entre le {french_date(dates[0])} et le {french_date(dates[-1])}"
                         if dates[0] != dates[-1] else f" mené le {french_date(dates[0])}")
        sentence += f" dans {self._communes_phrase()}"
        if forms:
            sentence += (f", complétés par les réponses de {len(forms)} personnes à un "
                         "questionnaire ouvert")
        people = sum(len(i.interviewees) for i in interviews)
        sentence += (f". {people} personnes ont été entendues ; leurs propos ont été découpés en "
                     f"{len(d.segments)} segments, unité de codage du diagnostic.")
        self.doc.add(Para(sentence))
        rows = []
        for commune in d.communes:
            mine = [i for i in d.interviews if i.commune == commune]
            rows.append([commune, str(sum(not i.is_questionnaire for i in mine)),
                         str(sum(i.is_questionnaire for i in mine)),
                         str(sum(s.interview_id in {i.id for i in mine} for s in d.segments))])
        self.doc.add(Table(["Commune", "Entretiens", "Réponses au questionnaire", "Segments"],
                           rows, "Tableau 1 — Le corpus par commune", [3, 1, 1.5, 1]))
        counts: dict[str, Counter] = defaultdict(Counter)
        for i in interviews:
            for speaker in i.interviewees:
                counts[actor_french(speaker.actor_type)][i.commune] += 1
        if counts:
            self.doc.add(Table(
                ["Type d'acteur", *d.communes, "Total"],
                [[kind, *(str(c[x]) for x in d.communes), str(sum(c.values()))]
                 for kind, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values()))],
                "Tableau 2 — Personnes interrogées en entretien, par type d'acteur"))
        self.coding_section()

    def _communes_phrase(self) -> str:
        names = self.data.communes
        if len(names) == 1:
            return f"la commune de {names[0]}"
        return f"{len(names)} communes ({', '.join(names[:-1])} et {names[-1]})"

    def coding_section(self) -> None:
        d = self.data
        self.doc.add(Heading(2, "1.2 Le codage"))
        self.doc.add(Para(
            "Chaque segment a reçu un code de la grille SWOT du diagnostic : force (atout), "
            "faiblesse (limite), opportunité, point de vigilance, ou aucun pour les propos "
            "descriptifs ou hors sujet (grille en annexe A). Les propos des enquêteurs servent "
            "de contexte et ne sont pas codés."))
        if not d.classified:
            self.doc.add(Para("Le codage n'a pas encore commencé.", "note"))
        else:
            origin = Counter(s.source for s in d.coded)
            parts = []
            if origin["validated"]:
                parts.append(f"{origin['validated']} validés par un superviseur")
            if origin["human"]:
                parts.append(f"{origin['human']} codés par "
                             + (", ".join(d.coders) if d.coders else "un codeur"))
            if origin["model"]:
                version = f" ({', '.join(d.model_versions)})" if d.model_versions else ""
                parts.append(f"{origin['model']} suggérés par le modèle de classement"
                             f"{version}, non relus")
            uncoded = len(d.segments) - len(d.coded)
            text = f"Sur {len(d.segments)} segments, " + ", ".join(parts)
            if uncoded:
                text += f" ; {uncoded} restent sans code"
            self.doc.add(Para(text + "."))
            if d.coders:
                self.doc.add(Para("Codeurs : " + ", ".join(d.coders) + "."))
        self.doc.add(Heading(2, "1.3 Accord entre codeurs"))
        if d.agreements:
            self.doc.add(Para(
                "Lorsque deux personnes ont codé les mêmes segments, leur accord est mesuré par le "
                "kappa de Cohen, qui corrige l'accord observé de l'accord dû au hasard (1 = accord "
                "parfait, 0 = pas mieux que le hasard)."))
            self.doc.add(Table(
                ["Codeurs", "Segments codés par les deux", "Accord observé", "Kappa de Cohen",
                 "Lecture"],
                [[f"{a.coder_a} / {a.coder_b}", str(a.segments), f"{100 * a.observed:.0f} %",
                  f"{a.kappa:.2f}" if a.kappa is not None else "—", kappa_reading(a.kappa)]
                 for a in d.agreements],
                "Tableau 3 — Accord entre codeurs"))
        else:
            self.doc.add(Para(
                "Un seul codeur (ou aucun) : l'accord entre codeurs n'a pas pu être mesuré. Pour "
                "l'estimer, faites coder une partie des segments par une seconde personne dans "
                "l'interface de relecture (« interviewlens review --coder NOM »).", "note"))
        self.doc.add(Heading(2, "1.4 Analyse et limites"))
        text = ("Les thèmes sont regroupés automatiquement à partir du vocabulaire des segments "
                "(modélisation thématique) et portent un intitulé provisoire fait de leurs mots "
                "les plus caractéristiques, à renommer par l'équipe. Les acteurs et les lieux "
                "sont repérés dans les propos par reconnaissance d'entités." if d.analysed else
                "L'analyse automatique (thèmes, acteurs, lieux) n'a pas été lancée.")
        self.doc.add(Para(text + " Les citations sont des verbatims courts, tronqués au besoin "
                          "([…]), suivis du numéro de l'entretien (annexe B) et du type d'acteur."))

    # ------------------------------------------------------------------ état des lieux
    def state_of_play(self) -> None:
        d = self.data
        self.doc.add(Heading(1, "2. État des lieux"))
        self.doc.add(Heading(2, "2.1 Vue d'ensemble"))
        if not d.classified:
            self.doc.add(Para("Aucun code n'est disponible : lancez « interviewlens classify ».",
                              "note"))
        else:
            rows = []
            for commune in [*d.communes, "Ensemble"]:
                mine = d.coded if commune == "Ensemble" else self.in_commune(commune)
                counts = Counter(s.label for s in mine)
                rows.append([commune, *(str(counts[label.value]) for label in Label)])
            self.doc.add(Table(["Commune", *(label.french for label in Label)], rows,
                               "Tableau 4 — Nombre de segments par code et par commune"))
            self.doc.add(*self.figure("swot_communes"), *self.figure("swot_acteurs"))
        for index, commune in enumerate(d.communes, start=2):
            self.commune_section(f"2.{index}", commune)
        n = len(d.communes) + 2
        self.themes_section(f"2.{n}")
        self.actors_section(f"2.{n + 1}")
        self.partners_section(f"2.{n + 2}")

    def by_theme(self, segments: list[Segment]) -> list[tuple[str, list[Segment]]]:
        groups: dict[str, list[Segment]] = defaultdict(list)
        for s in segments:
            groups[self.theme_of(s)].append(s)
        return sorted(groups.items(), key=lambda kv: (kv[0] == NO_THEME, -len(kv[1]), kv[0]))

    def commune_section(self, number: str, commune: str) -> None:
        d = self.data
        segments = self.in_commune(commune)
        self.doc.add(Heading(2, f"{number} {commune}"))
        interviews = [i for i in d.interviews if i.commune == commune and not i.is_questionnaire]
        kinds = Counter(actor_french(s.actor_type) for i in interviews for s in i.interviewees)
        counts = Counter(s.label for s in segments)
        summary = (f"{len(interviews)} entretien{'s' if len(interviews) > 1 else ''}"
                   + (f" ({', '.join(f'{k} : {v}' for k, v in kinds.most_common())})" if kinds else "")
                   + ". Propos codés : "
                   + ", ".join(plural(label, counts[label.value]) for label in SWOT) + ".")
        themes = [t for t, _ in self.by_theme([s for s in segments if s.label != "aucun"])
                  if t != NO_THEME][:3]
        if themes:
            summary += " Thèmes les plus présents : " + theme_list(themes) + "."
        self.doc.add(Para(summary))
        if not segments:
            return
        cells = {}
        for label in SWOT:
            groups = self.by_theme([s for s in segments if s.label == label.value])
            cells[label] = "\n".join(f"{theme} ({len(items)})" for theme, items in groups[:4]) or "—"
        self.doc.add(Table(
            ["", "Positif", "Négatif"],
            [["Situation actuelle", "Forces\n" + cells[Label.FORCE],
              "Faiblesses\n" + cells[Label.FAIBLESSE]],
             ["Perspectives", "Opportunités\n" + cells[Label.OPPORTUNITE],
              "Points de vigilance\n" + cells[Label.VIGILANCE]]],
            f"Matrice SWOT de {commune} (thèmes les plus cités, nombre de propos)", [1, 2, 2]))
        for label in SWOT:
            chosen = [s for s in segments if s.label == label.value]
            self.doc.add(Heading(3, f"{SECTION[label]} ({len(chosen)})"))
            if not chosen:
                self.doc.add(Para("Aucun propos codé ainsi.", "note"))
                continue
            groups = self.by_theme(chosen)
            for theme, items in groups[:THEMES_PER_CODE]:
                self.doc.add(Para("", lead=f"{theme} — {len(items)} propos"),
                             Bullets(list(self.quotes(items, QUOTES_PER_THEME))))
            rest = groups[THEMES_PER_CODE:]
            if rest:
                self.doc.add(Para("Autres thèmes : " + " ; ".join(
                    f"{t} ({len(i)})" for t, i in rest) + ".", "note"))

    def themes_section(self, number: str) -> None:
        d = self.data
        self.doc.add(Heading(2, f"{number} Thèmes abordés"))
        if not d.topics:
            self.doc.add(Para("Les thèmes n'ont pas été calculés : lancez « interviewlens "
                              "analyse » sur le projet.", "note"))
            return
        self.doc.add(Para(
            f"{len(d.topics)} thèmes se dégagent des propos. Leur intitulé provisoire reprend "
            "leurs mots les plus caractéristiques ; la part indique, pour chaque commune, la "
            "proportion de ses segments qui relèvent du thème."))
        self.doc.add(*self.figure("themes"))
        rows = []
        for topic in d.topics:
            coded = Counter(s.label for s in d.coded if s.topic == topic.number)
            shares = [topic.prevalence.get(("commune", c)) for c in d.communes]
            shown = {w.strip().lower() for w in topic.title.split(",")}
            others = [w for w, _ in topic.words if w.lower() not in shown][:6]
            rows.append([topic.title, ", ".join(others), str(topic.size),
                         " / ".join(str(coded[label.value]) for label in SWOT),
                         *(f"{100 * s:.0f} %" if s is not None else "—" for s in shares)])
        self.doc.add(Table(["Thème", "Autres mots caractéristiques", "Segments",
                            "F / Fa / O / V", *d.communes], rows,
                           "Tableau 5 — Thèmes, codes (forces / faiblesses / opportunités / "
                           "vigilance) et part dans chaque commune",
                           [2.4, 2.6, 1, 1.3, *([1] * len(d.communes))]))

    def actors_section(self, number: str) -> None:
        d = self.data
        self.doc.add(Heading(2, f"{number} Carte des acteurs"))
        if not d.actors:
            self.doc.add(Para("Les acteurs n'ont pas été repérés : lancez « interviewlens "
                              "analyse ».", "note"))
            return
        self.doc.add(Para(
            f"{len(d.actors)} acteurs (institutions, associations, établissements, programmes, "
            "rôles) sont cités dans les propos. Le tableau donne les plus cités ; le graphe "
            "relie ceux qui sont nommés dans une même prise de parole."))
        self.doc.add(Table(
            ["Acteur", "Catégorie", "Mentions", "Entretiens", "Communes"],
            [[a["name"], ACTOR_KIND_FR.get(a["kind"], a["kind"]), str(a["mentions"]),
              str(a["interviews"]), str(a["communes"])] for a in d.actors[:20]],
            "Tableau 6 — Les acteurs les plus cités", [3, 2, 1, 1, 1]))
        self.doc.add(*self.figure("reseau_acteurs"))

    def partners_section(self, number: str) -> None:
        d = self.data
        self.doc.add(Heading(2, f"{number} Territoires partenaires potentiels"))
        partners = [p for p in d.places if p["partner_candidate"]]
        if not d.analysed:
            self.doc.add(Para("Les lieux n'ont pas été repérés : lancez « interviewlens "
                              "analyse ».", "note"))
            return
        if not partners:
            self.doc.add(Para("Aucun territoire étranger n'est cité dans les propos.", "note"))
            return
        self.doc.add(Para(
            "Territoires étrangers cités par les personnes interrogées : liens existants "
            "(jumelage, échanges, familles, associations) ou pistes évoquées. Ce sont des "
            "candidats à examiner avec la commune, pas des choix."))
        self.doc.add(Table(
            ["Territoire", "Type", "Pays", "Mentions", "Entretiens", "Cité à"],
            [[p["name"], PLACE_KIND_FR.get(p["kind"], p["kind"]), p["country"] or "—",
              str(p["mentions"]), str(p["interviews"]), ", ".join(p.get("commune_names", []))]
             for p in partners[:15]],
            "Tableau 7 — Territoires étrangers cités", [2, 1, 1.4, 1, 1, 2.6]))

    # ------------------------------------------------------------------ préconisations
    def recommendations(self) -> None:
        d = self.data
        self.doc.add(Heading(1, "3. Préconisations (trame à compléter)"))
        self.doc.add(Para(
            "Cette partie est une trame de travail : elle reprend, par commune et par thème, les "
            "opportunités relevées et les points de vigilance qui s'y rattachent. À l'équipe de "
            "formuler les préconisations stratégiques et opérationnelles, puis de les traduire en "
            "cadre logique et en plan d'action avec la commune.", "note"))
        for index, commune in enumerate(d.communes, start=1):
            segments = self.in_commune(commune)
            self.doc.add(Heading(2, f"3.{index} {commune}"))
            opportunities = self.by_theme([s for s in segments if s.label == "opportunite"])
            vigilance = self.by_theme([s for s in segments if s.label == "vigilance"])
            forces = dict(self.by_theme([s for s in segments if s.label == "force"]))
            if not opportunities:
                self.doc.add(Para("Aucune opportunité codée pour cette commune.", "note"))
                continue
            vigilance_by_theme = dict(vigilance)
            for axis, (theme, items) in enumerate(opportunities[:4], start=1):
                self.doc.add(Heading(3, f"Axe {axis} — {theme}"))
                self.doc.add(Para("", lead="Opportunités relevées"),
                             Bullets(list(self.quotes(items, 2))))
                watch = vigilance_by_theme.get(theme) or (vigilance[0][1] if vigilance else [])
                if watch:
                    self.doc.add(Para("", lead="Points de vigilance"),
                                 Bullets(list(self.quotes(watch, 2))))
                support = forces.get(theme, [])
                self.doc.add(Bullets([
                    f"Atouts sur lesquels s'appuyer : {len(support)} force(s) relevée(s) sur ce "
                    "thème" + (f", par exemple « {short_quote(support[0].text, 18)} »"
                               if support else " — à identifier"),
                    "Action proposée : à compléter",
                    "Acteurs à mobiliser et partenaires : à compléter",
                    "Calendrier, moyens et indicateurs : à compléter",
                ]))
            if len(opportunities) > 4:
                self.doc.add(Para("Autres opportunités relevées : " + " ; ".join(
                    f"{t} ({len(i)})" for t, i in opportunities[4:]) + ".", "note"))

    # ------------------------------------------------------------------ annexes
    def annexes(self) -> None:
        d = self.data
        self.doc.add(Heading(1, "4. Annexes"))
        self.doc.add(Heading(2, "Annexe A — Grille de codage"))
        self.doc.add(Table(["Code", "Définition"],
                           [[label.french, DEFINITIONS[label]] for label in Label],
                           "Les cinq codes de la grille", [1, 3]))
        self.doc.add(Para(
            "Règles de décision : le mode décide de l'axe (un fait jugé relève des forces et "
            "faiblesses ; un conditionnel, un souhait ou une proposition des opportunités et "
            "points de vigilance) ; la négation inverse la polarité ; dans une concession, la "
            "proposition principale l'emporte ; un manque est une faiblesse, un besoin une "
            "opportunité ; la dépendance à une personne est un point de vigilance."))
        self.doc.add(Heading(2, "Annexe B — Liste des entretiens"))
        rows = []
        for i in d.interviews:
            if i.is_questionnaire:
                continue
            mine = Counter(s.label for s in d.segments if s.interview_id == i.id)
            rows.append([i.code, i.commune, french_date(i.date), i.title,
                         ", ".join(f"{s.name} ({actor_french(s.actor_type)})" for s in i.interviewees),
                         " / ".join(str(mine[label.value]) for label in SWOT)])
        self.doc.add(Table(["N°", "Commune", "Date", "Entretien", "Personnes interrogées",
                            "F / Fa / O / V"], rows, "", [0.5, 1.2, 1.1, 2.6, 1.8, 1]))
        forms = [i for i in d.interviews if i.is_questionnaire]
        if forms:
            self.doc.add(Para(f"Questionnaire : {len(forms)} répondants ({forms[0].code} à "
                              f"{forms[-1].code}), " + ", ".join(
                                  f"{c} : {n}" for c, n in Counter(i.commune for i in forms).items())
                              + "."))
        self.doc.add(Heading(2, "Annexe C — Synthèse par entretien"))
        for i in d.interviews:
            if not i.is_questionnaire:
                self.interview_summary(i)
        if forms:
            self.questionnaire_summary(forms)

    def interview_summary(self, interview: Interview) -> None:
        segments = [s for s in self.data.segments if s.interview_id == interview.id]
        counts = Counter(s.label for s in segments)
        self.doc.add(Heading(3, f"{interview.code} — {interview.title}"))
        people = ", ".join(f"{s.name} ({actor_french(s.actor_type)})" for s in interview.interviewees)
        text = (f"{interview.commune}, {french_date(interview.date)}. Personne(s) interrogée(s) : "
                f"{people or 'non précisé'}. {len(segments)} segments")
        if any(counts.values()):
            text += " : " + ", ".join(plural(label, counts[label.value]) for label in SWOT)
        themes = [t for t, _ in self.by_theme([s for s in segments if s.label
                                                and s.label != "aucun"]) if t != NO_THEME][:3]
        if themes:
            text += ". Thèmes principaux : " + theme_list(themes)
        self.doc.add(Para(text + "."))
        quotes: list[str | Quote] = []
        for label in SWOT:
            chosen = self.quotes([s for s in segments if s.label == label.value], 1)
            quotes += [Quote(q.text, "", lead=label.french) for q in chosen]
        if quotes:
            self.doc.add(Bullets(quotes))

    def questionnaire_summary(self, forms: list[Interview]) -> None:
        ids = {i.id for i in forms}
        segments = [s for s in self.data.segments if s.interview_id in ids]
        counts = Counter(s.label for s in segments)
        self.doc.add(Heading(3, "Questionnaire aux habitants"))
        text = f"{len(forms)} répondants, {len(segments)} réponses"
        if any(counts.values()):
            text += " : " + ", ".join(plural(label, counts[label.value]) for label in SWOT)
        self.doc.add(Para(text + "."))


def theme_list(themes: list[str]) -> str:
    """Topic titles hold commas: « a, b » ; « c, d »."""
    return " ; ".join(f"« {t} »" for t in themes)


def kappa_reading(kappa: float | None) -> str:
    """Landis and Koch's reading of a kappa, in French."""
    if kappa is None:
        return "non calculable"
    for bound, words in ((0.2, "faible"), (0.4, "passable"), (0.6, "modéré"),
                         (0.8, "substantiel")):
        if kappa <= bound:
            return words
    return "presque parfait"


def build_report(data: ExportData) -> Document:
    return ReportBuilder(data).build()
