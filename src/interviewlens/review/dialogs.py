"""Modal dialogs of the review UI: help, memo, split, search and filters."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from interviewlens.review.data import LABELS, Filters
from interviewlens.review.i18n import tr


class HelpScreen(ModalScreen[None]):
    """Every key of the screen underneath (left) and of navigation (right)."""

    BINDINGS: ClassVar = [Binding("escape,question_mark,q", "dismiss", show=False)]

    def __init__(self, lang: str, rows: list[tuple[str, str]], navigation: int = 0):
        super().__init__()
        self.lang = lang
        self.rows = rows
        self.split = len(rows) - navigation

    def _column(self, rows: list[tuple[str, str]]) -> str:
        width = max((len(k) for k, _ in rows), default=4)
        return "\n".join(f"[b]{key.ljust(width)}[/b]  {escape(what)}" for key, what in rows)

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label(f"[b]{tr('help_title', self.lang)}[/b]")
            with VerticalScroll(id="help-scroll"), Horizontal(id="help-columns"):
                yield Static(self._column(self.rows[:self.split]), id="help-keys")
                yield Static(self._column(self.rows[self.split:]), id="help-navigation")
            yield Label(f"[dim]{tr('help_close', self.lang)}[/dim]")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)


class MemoScreen(ModalScreen[str | None]):
    """Write a memo on a segment; shows the memos already there."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: str, existing: list[str]):
        super().__init__()
        self.lang = lang
        self.existing = existing

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"[b]{tr('memo_title', self.lang)}[/b]")
            for memo in self.existing:
                yield Static(f"[dim]• {memo}[/dim]", markup=True)
            yield Input(placeholder=tr("memo_placeholder", self.lang), id="memo")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SplitScreen(ModalScreen[int | None]):
    """Choose where to cut a segment among its sentence boundaries."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: str, text: str, points: list[int]):
        super().__init__()
        self.lang = lang
        self.text = text
        self.points = points

    def compose(self) -> ComposeResult:
        options = []
        for at in self.points:
            before, after = self.text[:at].rstrip(), self.text[at:].lstrip()
            options.append(Option(f"…{before[-45:]}  ✂  {after[:45]}…", id=str(at)))
        with Vertical(id="dialog"):
            yield Label(f"[b]{tr('split_title', self.lang)}[/b]")
            yield OptionList(*options, id="points")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterScreen(ModalScreen[Filters | None]):
    """Search text and filter by commune, interview, topic, code, source and confidence."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: str, current: Filters, communes: list[str],
                 interviews: list[tuple[int, str]], topics: list[tuple[int, str]]):
        super().__init__()
        self.lang = lang
        self.current = current
        self.communes = communes
        self.interviews = interviews
        self.topics = topics

    def compose(self) -> ComposeResult:
        lang, cur = self.lang, self.current
        any_ = tr("any", lang)
        codes = [(tr(label, lang), label) for label in LABELS] + [(tr("uncoded", lang), "uncoded")]
        sources = [(tr(f"src_{s}", lang), s) for s in ("model", "human", "validated")]
        with Vertical(id="dialog"):
            yield Label(f"[b]{tr('search_title', lang)}[/b]  [dim]{tr('search_help', lang)}[/dim]")
            yield Input(value=cur.text, placeholder=tr("search_text", lang), id="text")
            yield Select([(c, c) for c in self.communes], prompt=f"{tr('commune', lang)} {any_}",
                         value=cur.commune or Select.NULL, id="commune", compact=True)
            yield Select([(t[:60], i) for i, t in self.interviews],
                         prompt=f"{tr('interview', lang)} {any_}",
                         value=cur.interview if cur.interview is not None else Select.NULL,
                         id="interview", compact=True)
            yield Select([(t[:60], i) for i, t in self.topics], prompt=f"{tr('topic', lang)} {any_}",
                         value=cur.topic if cur.topic is not None else Select.NULL, id="topic",
                         compact=True)
            yield Select(codes, prompt=f"{tr('code', lang)} {any_}",
                         value=cur.code or Select.NULL, id="code", compact=True)
            yield Select(sources, prompt=f"{tr('source', lang)} {any_}",
                         value=cur.source or Select.NULL, id="source", compact=True)
            confidence = "" if cur.max_confidence is None else f"{cur.max_confidence * 100:.0f}"
            yield Input(value=confidence, placeholder=tr("max_conf", lang), id="confidence")
            yield Static("", id="filter-error")
            with Horizontal(id="buttons"):
                yield Button(tr("apply", lang), variant="primary", id="apply")
                yield Button(tr("clear", lang), id="clear")
                yield Button(tr("cancel", lang), id="cancel")

    def _value(self, widget_id: str):
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value is Select.NULL or value == Select.BLANK else value

    def _collect(self) -> Filters | None:
        raw = self.query_one("#confidence", Input).value.strip().rstrip("%")
        confidence = None
        if raw:
            try:
                confidence = float(raw.replace(",", ".")) / 100
            except ValueError:
                confidence = -1.0
            if not 0 <= confidence <= 1:
                self.query_one("#filter-error", Static).update(f"[red]{tr('bad_conf', self.lang)}[/red]")
                return None
        return Filters(text=self.query_one("#text", Input).value.strip(),
                       commune=self._value("commune"), interview=self._value("interview"),
                       topic=self._value("topic"), code=self._value("code"),
                       source=self._value("source"), max_confidence=confidence)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        filters = self._collect()
        if filters is not None:
            self.dismiss(filters)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            filters = self._collect()
            if filters is not None:
                self.dismiss(filters)
        elif event.button.id == "clear":
            self.dismiss(Filters())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
