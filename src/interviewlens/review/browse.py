"""The other screens: transcript, SWOT matrix, topics, actors, agreement, comparison."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Container, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from interviewlens.errors import InterviewLensError
from interviewlens.review.data import LABELS
from interviewlens.review.i18n import tr
from interviewlens.review.keys import LISTING, MATRIX, TRANSCRIPT, Key, install
from interviewlens.review.screens import CODE_STYLE, code_badge

QUADRANTS = ["force", "faiblesse", "opportunite", "vigilance"]
ESCAPE = Key("escape", "Échap", "app.show('queue')", "Retour à la file", "Back to the queue", True)


def _line(label: str | None, speaker: str, text: str, lang: str, width: int = 140) -> Text:
    badge = Text(f"{tr('short_' + label, lang):<11} " if label else " " * 12,
                 style=CODE_STYLE.get(label, "dim") if label else "dim")
    body = " ".join(text.split())
    if len(body) > width:
        body = body[:width] + "…"
    return badge + Text(f"{speaker} : ", style="italic") + Text(body)


class TranscriptScreen(Screen[None]):
    """A whole interview, segments coloured by code; code any segment from here."""

    def __init__(self, interview_id: int | None = None) -> None:
        super().__init__()
        self.KEY_TABLE = TRANSCRIPT
        install(self, TRANSCRIPT, self.app.lang)
        app = self.app
        current = app.queue.current
        if interview_id is None:
            interview_id = (app.index.interview_of.get(current) if current is not None
                            else next(iter(app.index.titles), None))
        self.interview_id = interview_id
        self.focus_segment = current

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield OptionList(id="lines")
        yield Static(f"[dim]{tr('transcript_help', self.app.lang)}[/dim]", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        app, lang = self.app, self.app.lang
        title = app.index.titles.get(self.interview_id, "—")
        commune = app.index.commune_of_interview.get(self.interview_id) or "—"
        self.query_one("#topbar", Static).update(
            f"{tr('transcript_title', lang)} · {escape(title)} · {escape(commune)}")
        lines = app.data.transcript(self.interview_id) if self.interview_id else []
        options, highlight = [], 0
        for position, (segment_id, speaker, text, label) in enumerate(lines):
            if segment_id is None:
                options.append(Option(_line(None, speaker, text, lang), disabled=True))
            else:
                options.append(Option(_line(label, speaker, text, lang), id=str(segment_id)))
                if segment_id == self.focus_segment:
                    highlight = position
        widget = self.query_one("#lines", OptionList)
        widget.set_options(options)
        if options:
            widget.highlighted = highlight
        widget.focus()

    def _highlighted(self) -> int | None:
        widget = self.query_one("#lines", OptionList)
        if widget.highlighted is None:
            return None
        option = widget.get_option_at_index(widget.highlighted)
        return int(option.id) if option.id else None

    def action_code(self, label: str) -> None:
        segment_id = self._highlighted()
        if segment_id is None:
            return
        self.app.code(segment_id, label)
        widget = self.query_one("#lines", OptionList)
        index = widget.highlighted
        view = self.app.data.segment(segment_id)
        widget.replace_option_prompt_at_index(
            index, _line(view.current[0] if view.current else label, view.speaker, view.text,
                         self.app.lang))
        self.query_one("#status", Static).update(escape(self.app.status))
        widget.action_cursor_down()

    def action_open(self) -> None:
        segment_id = self._highlighted()
        if segment_id is not None:
            self.app.open_segment(segment_id)

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_interview(self, step: int) -> None:
        ids = sorted(self.app.index.titles)
        if self.interview_id not in ids:
            return
        position = ids.index(self.interview_id) + step
        if 0 <= position < len(ids):
            self.interview_id = ids[position]
            self.focus_segment = None
            self.load()


class SegmentListScreen(Screen[None]):
    """A list of segments (a quadrant, a topic, an actor); Enter opens one in the queue."""

    def __init__(self, title: str, items: list[tuple[int, str]], labels: dict[int, str] | None = None):
        super().__init__()
        self.KEY_TABLE = LISTING
        install(self, LISTING, self.app.lang)
        self.title_text = title
        self.items = items
        self.labels = labels or {}

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield Static(f"{escape(self.title_text)} · {len(self.items)} {tr('segments', lang)}",
                     id="topbar")
        yield OptionList(*[Option(Text(" ".join(text.split())[:300]), id=str(sid))
                           for sid, text in self.items], id="lines")
        yield Static(f"[dim]{tr('drill_help', lang)}[/dim]", id="status")
        yield Footer()

    def on_mount(self) -> None:
        widget = self.query_one("#lines", OptionList)
        if self.items:
            widget.highlighted = 0
        widget.focus()

    def action_open(self) -> None:
        widget = self.query_one("#lines", OptionList)
        if widget.highlighted is not None:
            self.app.open_segment(int(widget.get_option_at_index(widget.highlighted).id))

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_close(self) -> None:
        self.app.pop_screen()


class MatrixScreen(Screen[None]):
    """Four quadrants for one commune or all, with counts and top statements by topic."""

    def __init__(self) -> None:
        super().__init__()
        self.KEY_TABLE = MATRIX
        install(self, MATRIX, self.app.lang)
        self.communes: list[str | None] = [None, *self.app.data.communes()]
        self.actors: list[str | None] = [None, *self.app.data.actor_types()]
        self.commune_at = 0
        self.actor_at = 0

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with Container(id="matrix"):
            for label in QUADRANTS:
                yield Static(id=label, classes="quadrant")
        yield Static(f"[dim]{tr('matrix_help', self.app.lang)}[/dim]", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_matrix()

    def refresh_matrix(self) -> None:
        lang, data = self.app.lang, self.app.data
        commune, actor = self.communes[self.commune_at], self.actors[self.actor_at]
        counts = data.label_counts(commune, actor)
        coded = sum(counts.values())
        self.query_one("#topbar", Static).update(
            f"{tr('matrix_title', lang)} · {escape(commune or tr('all_communes', lang))} · "
            f"{escape(actor or tr('all_actors', lang))} · {coded} {tr('segments', lang)}")
        for label in QUADRANTS:
            rows = data.quadrant(label, commune, actor, limit=200)
            by_topic: dict[str, list[str]] = {}
            for _sid, text, topic, _source, _conf in rows:
                by_topic.setdefault(topic or tr("other_topics", lang), []).append(text)
            lines = [f"[b]{escape(tr(label, lang))}[/b] — {counts[label]} {tr('statements', lang)}"]
            for topic, texts in sorted(by_topic.items(), key=lambda kv: -len(kv[1]))[:4]:
                quote = " ".join(texts[0].split())
                lines.append(f"[b]{escape(topic[:30])}[/b] ({len(texts)}) "
                             f"[dim]« {escape(quote[:70])}{'…' if len(quote) > 70 else ''} »[/dim]")
            self.query_one(f"#{label}", Static).update("\n".join(lines))

    def action_cycle_commune(self) -> None:
        self.commune_at = (self.commune_at + 1) % len(self.communes)
        self.refresh_matrix()

    def action_cycle_actor(self) -> None:
        self.actor_at = (self.actor_at + 1) % len(self.actors)
        self.refresh_matrix()

    def action_drill(self, label: str) -> None:
        commune, actor = self.communes[self.commune_at], self.actors[self.actor_at]
        rows = self.app.data.quadrant(label, commune, actor)
        title = f"{tr(label, self.app.lang)} · {commune or tr('all_communes', self.app.lang)}"
        self.app.push_screen(SegmentListScreen(title, [(r[0], r[1]) for r in rows]))


class _TableScreen(Screen[None]):
    """A list of things (topics, actors) that drill down to their segments."""

    title_key = ""

    def __init__(self) -> None:
        super().__init__()
        self.KEY_TABLE = [LISTING[0], ESCAPE]
        install(self, self.KEY_TABLE, self.app.lang)
        self.rows: list[tuple[str, str, int]] = []  # (prompt, kind, id)

    def compose(self) -> ComposeResult:
        yield Static(tr(self.title_key, self.app.lang), id="topbar")
        yield OptionList(id="lines")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.rows = self.build()
        widget = self.query_one("#lines", OptionList)
        if not self.rows:
            self.query_one("#status", Static).update(tr("no_analysis", self.app.lang))
            return
        widget.set_options([Option(Text.from_markup(prompt), id=f"{kind}:{ident}",
                                   disabled=kind == "header")
                            for prompt, kind, ident in self.rows])
        widget.highlighted = 0
        widget.focus()

    def build(self) -> list[tuple[str, str, int]]:
        raise NotImplementedError

    def segments_of(self, kind: str, ident: int) -> list[tuple[int, str]]:
        raise NotImplementedError

    def action_open(self) -> None:
        widget = self.query_one("#lines", OptionList)
        if widget.highlighted is None:
            return
        option = widget.get_option_at_index(widget.highlighted)
        kind, ident = option.id.split(":")
        if kind == "header":
            return
        self.app.push_screen(SegmentListScreen(str(option.prompt).strip()[:60],
                                               self.segments_of(kind, int(ident))))

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_open()


class TopicsScreen(_TableScreen):
    """Topics with their top words and segments per commune."""

    title_key = "topics_title"

    def build(self) -> list[tuple[str, str, int]]:
        lang = self.app.lang
        rows = []
        for tid, number, label, size, words, per_commune in self.app.data.topic_table():
            communes = " · ".join(f"{escape(c)} {n}" for c, n in sorted(per_commune.items()))
            prompt = (f"[b]T{number} {escape(label)}[/b] — {size} {tr('segments', lang)}\n"
                      f"  [dim]{escape(', '.join(words))}[/dim]\n  {communes}")
            rows.append((prompt, "topic", tid))
        return rows

    def segments_of(self, kind: str, ident: int) -> list[tuple[int, str]]:
        return self.app.data.topic_segments(ident)


class ActorsScreen(_TableScreen):
    """Actors most mentioned, then candidate partner territories."""

    title_key = "actors_title"

    def build(self) -> list[tuple[str, str, int]]:
        lang, data = self.app.lang, self.app.data
        rows = [((f"{escape(name)} [dim]({escape(kind)})[/dim] — {mentions} "
                  f"{tr('mentions', lang)}, {communes} {tr('commune', lang).lower()}(s)"), "actor", aid)
                for aid, name, kind, mentions, communes in data.actor_table()]
        places = data.partner_places()
        if places:
            rows.append((f"[b]{tr('partners', lang)}[/b]", "header", 0))
            rows += [((f"{escape(name)}{f' ({escape(country)})' if country and country != name else ''}"
                       f" — {mentions} {tr('mentions', lang)}"), "place", pid)
                     for pid, name, country, mentions in places]
        return rows

    def segments_of(self, kind: str, ident: int) -> list[tuple[int, str]]:
        if kind == "place":
            return self.app.data.place_segments(ident)
        return self.app.data.actor_segments(ident)


class AgreementScreen(Screen[None]):
    """Agreement between coders: Cohen's kappa (two) or Krippendorff's alpha (more)."""

    def __init__(self) -> None:
        super().__init__()
        self.KEY_TABLE = [Key("k", "k", "toggle_model", "Compter le modèle comme codeur",
                              "Count the model as a coder", True), ESCAPE]
        install(self, self.KEY_TABLE, self.app.lang)

    def compose(self) -> ComposeResult:
        yield Static(tr("agreement", self.app.lang), id="topbar")
        yield Static(id="agreement-table")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_table()

    def refresh_table(self) -> None:
        from interviewlens.review.agreement import agreement

        app, lang = self.app, self.app.lang
        codes = app.coder_codes()
        widget = self.query_one("#agreement-table", Static)
        humans = [c for c in codes if c != "modèle"]
        if not humans:
            widget.update(tr("no_coders", lang))
            return
        result = agreement(codes, LABELS)
        name = "κ de Cohen" if result.method == "kappa" else "α de Krippendorff"
        if lang == "en":
            name = "Cohen's κ" if result.method == "kappa" else "Krippendorff's α"
        fmt = (lambda v: "—" if v is None else f"{v:.2f}")
        lines = [f"{tr('coders', lang)} : {escape(', '.join(result.coders))}"
                 + (f" ([i]{tr('model_as_coder', lang)}[/i])" if app.model_as_coder else ""),
                 (f"{result.segments} {tr('shared_segments', lang)} · "
                  f"{result.disagreements} {tr('disagreements', lang)}"),
                 "", f"[b]{name} : {fmt(result.overall)}[/b]", ""]
        for label in LABELS:
            padding = " " * max(1, 24 - len(tr(label, lang)))
            lines.append(f"  {code_badge(label, lang)}{padding}{fmt(result.per_code[label])}")
        widget.update("\n".join(lines))

    def action_toggle_model(self) -> None:
        self.app.model_as_coder = not self.app.model_as_coder
        self.refresh_table()


class CompareScreen(Screen[None]):
    """SWOT profiles per commune (or actor type) with the χ² test, and distinctive words.

    Computed by `interviewlens.compare` in a worker thread (pandas and scipy only).
    """

    def __init__(self) -> None:
        super().__init__()
        self.KEY_TABLE = [Key("b", "b", "toggle_by", "Par commune / par type d'acteur",
                              "By commune / by actor type", True), ESCAPE]
        install(self, self.KEY_TABLE, self.app.lang)
        self.by = "commune"

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with VerticalScroll():
            yield Static(id="compare-table")
        yield Footer()

    def on_mount(self) -> None:
        self.start()

    def start(self) -> None:
        lang = self.app.lang
        by = tr("commune", lang) if self.by == "commune" else tr("actor_type", lang)
        self.query_one("#topbar", Static).update(f"{tr('compare_title', lang)} · {by}")
        self.query_one("#compare-table", Static).update(tr("computing", lang))
        self.compute(self.by)

    @work(thread=True, exclusive=True, group="compare")
    def compute(self, by: str) -> None:
        from interviewlens.compare.profiles import swot_profiles
        from interviewlens.compare.sources import load_corpus
        from interviewlens.compare.vocabulary import keyness

        try:
            corpus = load_corpus([self.app.path], by)
            profiles = swot_profiles(corpus.segments, corpus.groups)
            analysed = corpus.segments[corpus.segments.analysed]
            words = (keyness(analysed, corpus.groups, corpus.name_words)
                     if not analysed.empty else None)
        except InterviewLensError as error:
            self.app.call_from_thread(self.show_text, escape(str(error)))
            return
        self.app.call_from_thread(self.show_text, self.render_result(profiles, words, corpus.groups))

    def show_text(self, text: str) -> None:
        self.query_one("#compare-table", Static).update(text)

    def render_result(self, profiles, words, groups: list[str]) -> str:
        lang = self.app.lang
        if profiles is None:
            return tr("compare_nothing", lang)
        codes = list(profiles.shares.columns)
        header = f"{'':<22}" + "".join(f"{tr('short_' + str(c), lang):>12}" for c in codes)
        lines = [f"[b]{escape(header)}[/b]"]
        for group in profiles.shares.index:
            cells = []
            for code in codes:
                share = profiles.shares.loc[group, code]
                residual = profiles.residuals.loc[group, code]
                mark = "▲" if residual > 1.96 else "▼" if residual < -1.96 else " "
                colour = "green" if mark == "▲" else "red" if mark == "▼" else "default"
                cells.append(f"[{colour}]{share:>10.0%} {mark}[/{colour}]")
            lines.append(f"{escape(str(group)[:21]):<22}" + "".join(cells))
        chi2 = profiles.chi2
        lines += ["", tr("chi2_line", lang, chi2=f"{chi2.statistic:.1f}", dof=chi2.dof,
                          p=f"{chi2.p_value:.3g}", v=f"{chi2.cramers_v:.2f}"),
                  f"[dim]{tr('residual_legend', lang)}[/dim]"]
        lines += [f"[yellow]• {escape(note)}[/yellow]" for note in profiles.notes]
        if words is not None and not words.empty:
            lines += ["", f"[b]{tr('distinctive_words', lang)}[/b]"]
            for group in groups:
                top = words[words.group == group].head(8).lemma.tolist()
                if top:
                    lines.append(f"{escape(str(group)[:21]):<22}{escape(', '.join(top))}")
        return "\n".join(lines)

    def action_toggle_by(self) -> None:
        self.by = "actor_type" if self.by == "commune" else "commune"
        self.start()
