"""The review application: state shared by the screens, writes, and the model worker.

Every code is written to the project (durably) in the key handler, before the next
segment is shown; the project model is refitted in a worker thread and only
re-orders the queue when it is done, so typing never waits for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from interviewlens.coding import CodingStore
from interviewlens.review.data import LABELS, Filters, ReviewData
from interviewlens.review.i18n import tr
from interviewlens.review.keys import NAVIGATION, install
from interviewlens.review.queue_state import (
    Order,
    ReviewQueue,
    disagreements_first,
    uncertainty_first,
)

MODEL_LABEL = "modèle"
MODEL_LOAD_DELAY = 0.5   # seconds after start-up
MODEL_DEBOUNCE = 0.3     # seconds of quiet before a refit

CSS = """
Screen { layout: vertical; }
#topbar { height: 1; background: $primary; color: $text; padding: 0 1; }
#context { height: 1fr; padding: 0 1; }
.context-line { color: $text-muted; }
#segment { border: round $accent; padding: 0 1; text-style: bold; }
#meta { color: $text-muted; padding: 0 1; height: auto; }
#suggestion { padding: 0 1; height: auto; }
#codes { padding: 0 1; height: auto; }
#coders { padding: 0 1; height: auto; }
#progress { padding: 0 1; height: auto; color: $text-muted; }
#status { padding: 0 1; height: 1; color: $success; }
#dialog { width: 90%; max-width: 100; height: auto; max-height: 90%; border: thick $accent;
          background: $surface; padding: 1 2; }
ModalScreen { align: center middle; }
#buttons { height: auto; margin-top: 1; }
#buttons Button { margin-right: 2; }
#matrix { layout: grid; grid-size: 2 2; height: 1fr; }
.quadrant { border: round $accent; padding: 0 1; height: 1fr; }
#force { border: round green; } #faiblesse { border: round red; }
#opportunite { border: round blue; } #vigilance { border: round yellow; }
OptionList { height: 1fr; }
#points { height: auto; max-height: 16; }
#help { width: 100%; height: 100%; background: $surface; padding: 0 1; }
#help-scroll { height: 1fr; }
#help-columns { height: auto; }
#help-keys { width: 1fr; height: auto; margin-right: 2; }
#help-navigation { width: 1fr; height: auto; }
"""


class ReviewApp(App[None]):
    """`interviewlens review PROJECT`: code (intern) or validate (supervisor) segments."""

    CSS = CSS
    TITLE = "interviewlens"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, path: Path | str, *, coder: str, supervisor: bool = False,
                 lang: str = "fr", load_model: bool = True):
        super().__init__()
        install(self, [replace(k, action=k.action.removeprefix("app.")) for k in NAVIGATION],
                lang)
        self.path = Path(path)
        self.coder = coder
        self.supervisor = supervisor
        self.lang = lang
        self.load_model = load_model
        self.data = ReviewData(self.path, coder)
        self.store = CodingStore(self.path, coder)
        self.index = self.data.index()
        self.transcript_order = [int(s) for s in self.index.segment_ids]
        self.filters = Filters()
        self.model_as_coder = False
        self.order_mode = Order.DISAGREEMENT if supervisor else Order.UNCERTAINTY
        done = set(self.data.validated()) if supervisor else set(self.data.coded_by(coder))
        self.queue = ReviewQueue(self._ordered(), done)
        self.queue.start()
        self.status = ""
        self.hint: str | None = None
        self.model = None
        self._model_lock = threading.Lock()
        self._pending: list[tuple[int, str | None]] = []
        self._model_dirty = False
        self._updating = False
        self._progress: _Progress | None = None

    # -- start and stop ---------------------------------------------------------------------
    def on_mount(self) -> None:
        from interviewlens.review.screens import QueueScreen

        self.push_screen(QueueScreen())
        if self.load_model and not self.supervisor and self.index.probs:
            # After the first screen is drawn: loading competes with it for the CPU.
            self.set_timer(MODEL_LOAD_DELAY, self.load_project_model)

    def on_unmount(self) -> None:
        self.data.close()
        self.store.close()

    def _ordered(self) -> list[int]:
        if self.order_mode is Order.TRANSCRIPT:
            return list(self.transcript_order)
        if self.order_mode is Order.DISAGREEMENT:
            return disagreements_first(self.transcript_order, self.data.all_coder_codes())
        return uncertainty_first(self.transcript_order, self.index.probs, self.index.interview_of)

    # -- navigation -------------------------------------------------------------------------
    def action_show(self, name: str) -> None:
        from interviewlens.review import browse, screens

        while len(self.screen_stack) > 2:
            self.pop_screen()
        if name == "queue":
            self.refresh_queue_screen()
            return
        factory = {"transcript": browse.TranscriptScreen, "matrix": browse.MatrixScreen,
                   "topics": browse.TopicsScreen, "actors": browse.ActorsScreen,
                   "compare": browse.CompareScreen, "agreement": browse.AgreementScreen,
                   "queue": screens.QueueScreen}[name]
        self.push_screen(factory())

    def action_help(self) -> None:
        from interviewlens.review.dialogs import HelpScreen
        from interviewlens.review.keys import help_rows

        keys = getattr(self.screen, "KEY_TABLE", [])
        rows = help_rows(keys, self.lang)
        self.push_screen(HelpScreen(self.lang, rows, navigation=len(rows) - len(keys)))

    def open_segment(self, segment_id: int) -> None:
        """Show a segment in the queue screen (from any other screen)."""
        self.queue.jump(segment_id)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.refresh_queue_screen()

    def refresh_queue_screen(self) -> None:
        from interviewlens.review.screens import QueueScreen

        for screen in self.screen_stack:
            if isinstance(screen, QueueScreen):
                screen.show_current()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the current screen and every screen, in the command palette."""
        yield from super().get_system_commands(screen)
        for key in getattr(screen, "KEY_TABLE", []):
            yield SystemCommand(key.describe(self.lang), key.shown,
                                lambda action=key.action, target=screen:
                                self.call_later(target.run_action, action))
        for key in NAVIGATION:
            yield SystemCommand(key.describe(self.lang), key.shown,
                                lambda action=key.action: self.call_later(self.run_action, action))

    # -- writes -----------------------------------------------------------------------------
    def code(self, segment_id: int, label: str) -> None:
        """Write this user's code (validated in supervisor mode); durable on return."""
        self.store.code(segment_id, label, validated=self.supervisor)
        key = "validated_saved" if self.supervisor else "saved"
        self.status = tr(key, self.lang, label=tr(label, self.lang), segment=segment_id)
        self.queue.mark_done(segment_id)
        if not self.supervisor:
            self.schedule_model_update(segment_id, label)

    def undo(self) -> int | None:
        undone = self.store.undo()
        if undone is None:
            self.status = tr("nothing_to_undo", self.lang)
            return None
        self.status = tr("undone", self.lang, label=tr(undone.label, self.lang),
                         segment=undone.segment_id)
        mine = (self.data.validated() if self.supervisor else self.data.coded_by(self.coder))
        if undone.segment_id not in mine:
            self.queue.reopen(undone.segment_id)
        if not self.supervisor:
            self.schedule_model_update(undone.segment_id, mine.get(undone.segment_id))
        return undone.segment_id

    def split(self, segment_id: int, at: int) -> int:
        new_id = self.store.split(segment_id, at)
        self.queue.insert_after(segment_id, new_id)
        self.transcript_order.insert(self.transcript_order.index(segment_id) + 1, new_id)
        self.index.interview_of[new_id] = self.index.interview_of[segment_id]
        if segment_id in self.index.probs:
            self.index.probs[new_id] = self.index.probs[segment_id]
        self.queue.reopen(segment_id)
        self._progress = None
        self.status = tr("split_done", self.lang)
        return new_id

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.queue.set_filter(self.data.filter_ids(filters) if filters.active() else None)
        self.queue.current = None
        self.queue.start()

    def toggle_order(self) -> None:
        second = Order.DISAGREEMENT if self.supervisor else Order.UNCERTAINTY
        self.order_mode = Order.TRANSCRIPT if self.order_mode is not Order.TRANSCRIPT else second
        current = self.queue.current
        self.queue.set_order(self._ordered())
        if current is None:
            self.queue.start()

    # -- progress ---------------------------------------------------------------------------
    def progress(self, segment_id: int | None) -> tuple[tuple[int, int], ...]:
        """(done, total) for the segment's interview, its commune, and the project."""
        if self._progress is None:
            self._progress = _Progress(self.index.interview_of, self.index.commune_of_interview)
        return self._progress.of(segment_id, self.queue.done)

    # -- the project model (active learning) ------------------------------------------------
    def suggestion(self, segment_id: int) -> tuple[str, float] | None:
        model = self.model
        if model is not None and segment_id in model.row_of:
            return model.suggestion(segment_id)
        return None

    @work(thread=True, exclusive=False, group="model")
    def load_project_model(self) -> None:
        from interviewlens.classify.project_model import ProjectModel
        from interviewlens.store import connect_project

        db = connect_project(self.path)
        try:
            model = ProjectModel.load(db)
            if model is None:
                return
            # This coder's own codes teach the model (others' are theirs to give).
            model.human.clear()
            for segment_id, label in db.execute(
                    "SELECT segment_id, label FROM coder_decision WHERE coder = ?", (self.coder,)):
                model.set_human(segment_id, label)
            model.update()
            self.model = model
        finally:
            db.close()
        self.call_from_thread(self._model_ready)

    def schedule_model_update(self, segment_id: int, label: str | None) -> None:
        """Queue a code for the project model; one worker thread drains the queue."""
        with self._model_lock:
            self._pending.append((segment_id, label))
            start = self.model is not None and not self._updating
            if start:
                self._updating = True
        if start:
            self.update_project_model()

    @work(thread=True, exclusive=False, group="model")
    def update_project_model(self) -> None:
        """Refit on every code received so far, again while new codes keep coming."""
        while True:
            time.sleep(MODEL_DEBOUNCE)  # let a burst of keys finish: refit once for all
            with self._model_lock:
                pending, self._pending = self._pending, []
                if not pending:
                    self._updating = False
                    return
            model = self.model
            for segment_id, label in pending:
                model.set_human(segment_id, label)
            model.update()
            self._model_dirty = True
            order = self._model_order(model) if self.order_mode is Order.UNCERTAINTY else None
            self.call_from_thread(self._apply_model, order, model.hint(), len(model.human))

    def _model_order(self, model) -> list[int]:
        import numpy as np

        from interviewlens.review.queue_state import uncertainty_order

        open_rows = np.array([row for row in range(len(model.segment_ids))
                              if row not in model.human], dtype=np.int64)
        if len(open_rows) == 0:
            return []
        order = uncertainty_order(model.probs[open_rows], model.interview_ids[open_rows])
        return model.segment_ids[open_rows[order]].tolist()

    def _model_ready(self) -> None:
        with self._model_lock:
            start = bool(self._pending) and not self._updating
            if start:
                self._updating = True
        if start:
            self.update_project_model()
        self.refresh_queue_screen()

    def _apply_model(self, order: list[int] | None, hint: str | None, count: int) -> None:
        self.hint = hint
        if order is not None and self.order_mode is Order.UNCERTAINTY:
            ranked = set(order)
            self.queue.set_order(order + [s for s in self.transcript_order if s not in ranked])
        self._refresh_progress_line()

    def _refresh_progress_line(self) -> None:
        from interviewlens.review.screens import QueueScreen

        for screen in self.screen_stack:
            if isinstance(screen, QueueScreen) and screen.is_mounted:
                screen._show_progress(self.queue.current)

    def action_quit(self) -> None:  # type: ignore[override]
        self.save_model()
        self.exit()

    def save_model(self) -> None:
        """Keep the project model's scores for next time (derived data only)."""
        if not self._model_dirty or self.model is None:
            return
        from interviewlens.store import connect_project

        with self._model_lock:
            if self._updating:
                return  # scores are derived data: next start recomputes them
            db = connect_project(self.path)
            try:
                self.model.save(db)
            finally:
                db.close()
            self._model_dirty = False

    # -- supervision ------------------------------------------------------------------------
    def coder_codes(self) -> dict[str, dict[int, str]]:
        codes = self.data.all_coder_codes()
        if self.model_as_coder:
            codes[MODEL_LABEL] = self.data.model_codes()
        return codes

    def codes_for(self, segment_id: int) -> dict[str, str]:
        """Each coder's code for a segment (and the model's when counted as a coder)."""
        codes = self.data.codes_for(segment_id)
        if self.model_as_coder:
            view = self.data.segment(segment_id)
            if view.model:
                codes[MODEL_LABEL] = view.model[0]
        return codes

    def majority(self, segment_id: int) -> str | None:
        from collections import Counter

        given = list(self.codes_for(segment_id).values())
        if not given:
            return None
        counts = Counter(given).most_common()
        if len(counts) > 1 and counts[0][1] == counts[1][1]:
            return None  # a tie: the supervisor must choose
        return counts[0][0]


class _Progress:
    """Segments per interview and commune, with done counts kept up to date cheaply."""

    def __init__(self, interview_of: dict[int, int], commune_of: dict[int, str | None]):
        self.interview_of = interview_of
        self.commune_of = commune_of
        self.members: dict[int, list[int]] = {}
        for segment, interview in interview_of.items():
            self.members.setdefault(interview, []).append(segment)
        self.commune_members: dict[str | None, set[int]] = {}
        for interview, segments in self.members.items():
            self.commune_members.setdefault(commune_of.get(interview), set()).update(segments)

    def of(self, segment_id: int | None, done: set[int]) -> tuple[tuple[int, int], ...]:
        total = (len(done & self.interview_of.keys()), len(self.interview_of))
        if segment_id is None or segment_id not in self.interview_of:
            return ((0, 0), (0, 0), total)
        interview = self.interview_of[segment_id]
        mine = self.members[interview]
        commune = self.commune_members[self.commune_of.get(interview)]
        return ((sum(s in done for s in mine), len(mine)),
                (len(done & commune), len(commune)), total)


__all__ = ["LABELS", "ReviewApp"]
