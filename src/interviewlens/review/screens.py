"""The queue screen: one segment at a time, with its context, coded from the keyboard."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from interviewlens.coding import split_points
from interviewlens.domain import ActorType
from interviewlens.review.data import LABELS
from interviewlens.review.i18n import tr
from interviewlens.review.keys import CODE_KEYS, QUEUE, SUPERVISOR, install
from interviewlens.review.queue_state import Order

CODE_STYLE = {"force": "bold green", "faiblesse": "bold red", "opportunite": "bold blue",
              "vigilance": "bold yellow", "aucun": "bold"}


def code_badge(label: str | None, lang: str) -> str:
    if label is None:
        return "·"
    return f"[{CODE_STYLE[label]}]{escape(tr(label, lang))}[/]"


def actor_name(code: str, lang: str) -> str:
    """An actor type as people write it (élu, associatif…)."""
    try:
        actor = ActorType(code)
    except ValueError:
        return code
    return actor.value if lang == "en" else actor.french


def bar(done: int, total: int, width: int = 10) -> str:
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


class QueueScreen(Screen[None]):
    """The default screen: the current segment, its context, the suggestion, the code keys."""

    def __init__(self) -> None:
        super().__init__()
        self.KEY_TABLE = SUPERVISOR if self.app.supervisor else QUEUE
        install(self, self.KEY_TABLE, self.app.lang)

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with VerticalScroll(id="context"):
            yield Static(id="question", classes="context-line")
            yield Static(id="before", classes="context-line")
            yield Static(id="segment")
            yield Static(id="after", classes="context-line")
        yield Static(id="meta")
        yield Static(id="coders")
        yield Static(id="suggestion")
        yield Static(id="codes")
        yield Static(id="progress")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.show_current()

    # -- display ----------------------------------------------------------------------------
    def show_current(self) -> None:
        app, lang = self.app, self.app.lang
        segment_id = app.queue.current
        order = {Order.UNCERTAINTY: "order_uncertainty", Order.TRANSCRIPT: "order_transcript",
                 Order.DISAGREEMENT: "order_disagreements"}[app.order_mode]
        mode = tr("supervisor_title", lang) if app.supervisor else tr("title", lang)
        filters = "" if not app.filters.active() else f" · {tr('filters', lang)} ✓"
        self.query_one("#topbar", Static).update(
            f"{escape(mode)} · {escape(app.coder)} · {tr(order, lang)}{filters}")
        self.query_one("#status", Static).update(escape(app.status))
        if segment_id is None:
            self._show_empty()
            return
        view = app.data.segment(segment_id)
        self._set("#question", f"[b]{tr('question', lang)} :[/b] {escape(view.question)}"
                  if view.question else "")
        self._set("#before", f"{tr('previous', lang)} : {escape(view.before)}" if view.before else "")
        self.query_one("#segment", Static).update(f"{escape(view.speaker)} : {escape(view.text)}")
        self._set("#after", f"{tr('next', lang)} : {escape(view.after)}" if view.after else "")
        actor = f" ({actor_name(view.actor_type, lang)})" if view.actor_type else ""
        topic = escape(view.topic) if view.topic else f"[dim]{tr('no_topic', lang)}[/dim]"
        memos = f" · {tr('memos', lang)} : {view.memos}" if view.memos else ""
        self.query_one("#meta", Static).update(
            f"{tr('speaker', lang)} : {escape(view.speaker)}{escape(actor)} · "
            f"{tr('interview', lang)} : {escape(view.interview)} · "
            f"{tr('commune', lang)} : {escape(view.commune or '—')}\n"
            f"{tr('topic', lang)} : {topic}{memos} · #{view.id}")
        self._show_coders(view)
        self._show_suggestion(view)
        self._show_codes(view)
        self._show_progress(segment_id)

    def _set(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        widget.update(text)
        widget.display = bool(text)

    def _show_empty(self) -> None:
        lang = self.app.lang
        for selector in ("#question", "#before", "#after"):
            self._set(selector, "")
        self.query_one("#segment", Static).update(tr("all_done", lang))
        for selector in ("#meta", "#coders", "#suggestion", "#codes"):
            self.query_one(selector, Static).update("")
        self._show_progress(None)

    def _show_coders(self, view) -> None:
        widget = self.query_one("#coders", Static)
        if not self.app.supervisor:
            widget.display = False
            return
        lang = self.app.lang
        codes = self.app.codes_for(view.id)
        if not codes:
            text = f"{tr('coders', lang)} : [dim]{tr('no_coders', lang)}[/dim]"
        else:
            parts = [f"{escape(coder)} : {code_badge(label, lang)}" for coder, label in codes.items()]
            text = f"{tr('coders', lang)} : " + " · ".join(parts)
        if view.current and view.current[3]:
            text += f"\n[green]✔ {tr('validated_by', lang, coder=escape(view.current[2] or '?'))} :" \
                    f"[/green] {code_badge(view.current[0], lang)}"
        widget.update(text)
        widget.display = True

    def _show_suggestion(self, view) -> None:
        app, lang = self.app, self.app.lang
        live = app.suggestion(view.id)
        suggestion = live or view.model
        if app.supervisor:
            majority = app.majority(view.id)
            text = (f"{tr('suggestion', lang)} : {code_badge(view.model[0], lang)} "
                    f"{view.model[1]:.0%}" if view.model else "")
            if majority:
                text += f"   [b]Entrée[/b] → {code_badge(majority, lang)}"
        elif suggestion:
            label, confidence = suggestion
            text = (f"{tr('suggestion', lang)} : {code_badge(label, lang)} {confidence:.0%}   "
                    f"[dim]{tr('accept_hint', lang)}[/dim]")
        else:
            text = f"[dim]{tr('no_suggestion', lang)}[/dim]"
        self.query_one("#suggestion", Static).update(text)

    def _show_codes(self, view) -> None:
        lang = self.app.lang
        mine = view.current[0] if self.app.supervisor and view.current and view.current[3] \
            else view.mine
        parts = []
        for label in LABELS:
            letter, digit = CODE_KEYS[label]
            name = escape(tr(f"short_{label}", lang))
            chosen = label == mine
            text = f"[reverse]{name}[/reverse]" if chosen else name
            parts.append(f"[b]{letter}[/b]/{digit} {text}")
        self.query_one("#codes", Static).update("  ".join(parts))

    def _show_progress(self, segment_id: int | None) -> None:
        app, lang = self.app, self.app.lang
        (i_done, i_total), (c_done, c_total), (p_done, p_total) = app.progress(segment_id)
        text = (f"{tr('interview', lang)} {bar(i_done, i_total)} {i_done}/{i_total} · "
                f"{tr('commune', lang)} {c_done}/{c_total} · "
                f"{tr('project', lang)} {p_done}/{p_total}")
        if app.hint:
            text += f"\n[yellow]{escape(app.hint)}[/yellow]"
        self.query_one("#progress", Static).update(text)

    # -- actions ----------------------------------------------------------------------------
    def action_code(self, label: str) -> None:
        segment_id = self.app.queue.current
        if segment_id is None:
            return
        self.app.code(segment_id, label)
        self.app.queue.advance()
        self.show_current()

    def action_accept(self) -> None:
        app = self.app
        segment_id = app.queue.current
        if segment_id is None:
            return
        if app.supervisor:
            label = app.majority(segment_id)
        else:
            suggestion = app.suggestion(segment_id) or app.data.segment(segment_id).model
            label = suggestion[0] if suggestion else None
        if label is None:
            self.app.bell()
            return
        self.action_code(label)

    def action_undo(self) -> None:
        segment_id = self.app.undo()
        if segment_id is not None:
            self.app.queue.jump(segment_id)
        self.show_current()

    def action_skip(self) -> None:
        self.app.queue.skip()
        self.app.status = tr("skipped", self.app.lang)
        self.show_current()

    def action_back(self) -> None:
        if self.app.queue.back() is None:
            self.app.status = tr("first_segment", self.app.lang)
        self.show_current()

    def action_toggle_order(self) -> None:
        self.app.toggle_order()
        self.show_current()

    def action_toggle_model(self) -> None:
        self.app.model_as_coder = not self.app.model_as_coder
        self.show_current()

    def action_memo(self) -> None:
        from interviewlens.review.dialogs import MemoScreen

        segment_id = self.app.queue.current
        if segment_id is None:
            return

        def save(text: str | None) -> None:
            if text:
                self.app.store.add_memo(segment_id, text)
                self.app.status = tr("memo_saved", self.app.lang)
            self.show_current()

        self.app.push_screen(MemoScreen(self.app.lang, self.app.data.memo_texts(segment_id)), save)

    def action_split(self) -> None:
        from interviewlens.review.dialogs import SplitScreen

        segment_id = self.app.queue.current
        if segment_id is None:
            return
        text = self.app.data.segment(segment_id).text
        points = split_points(text)
        if not points:
            self.app.status = tr("no_split", self.app.lang)
            self.show_current()
            return

        def cut(at: int | None) -> None:
            if at is not None:
                self.app.split(segment_id, at)
            self.show_current()

        self.app.push_screen(SplitScreen(self.app.lang, text, points), cut)

    def action_search(self) -> None:
        from interviewlens.review.dialogs import FilterScreen

        data = self.app.data

        def apply(filters) -> None:
            if filters is not None:
                self.app.set_filters(filters)
            self.show_current()

        self.app.push_screen(FilterScreen(self.app.lang, self.app.filters, data.communes(),
                                          data.interviews(), data.topics()), apply)
