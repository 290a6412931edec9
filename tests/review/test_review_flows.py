"""Every review flow driven from the keyboard with Pilot, checked in the store afterwards."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import numpy as np
import pytest

from interviewlens.coding import CodingStore
from interviewlens.review.agreement import agreement
from interviewlens.review.app import ReviewApp
from interviewlens.review.data import LABELS
from interviewlens.review.keys import QUEUE

pytestmark = pytest.mark.anyio


def rows(path, sql, params=()):
    db = sqlite3.connect(path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def human_codes(path, coder="lea"):
    return rows(path, "SELECT segment_id, label, validated FROM decision WHERE source = 'human'"
                      " AND coder = ? AND id NOT IN (SELECT decision_id FROM decision_retraction)"
                      " ORDER BY id", (coder,))


async def test_each_code_key_codes_the_segment_on_screen_and_moves_on(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = []
        for key in ["f", "l", "o", "v", "n", "1", "2", "3", "4", "5"]:
            shown.append(app.queue.current)
            await pilot.press(key)
        assert len(set(shown)) == 10 and app.queue.current not in shown
    expected = ["force", "faiblesse", "opportunite", "vigilance", "aucun"] * 2
    assert human_codes(demo) == [(s, label, 0) for s, label in zip(shown, expected)]


async def test_a_code_is_in_the_store_before_the_next_key(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        segment = app.queue.current
        await pilot.press("v")
        # Another connection (another process would see the same) finds it already.
        assert (segment, "vigilance", 0) in human_codes(demo)


async def test_enter_accepts_the_models_suggestion(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        segment = app.queue.current
        suggested = app.data.segment(segment).model[0]
        await pilot.press("enter")
    assert human_codes(demo) == [(segment, suggested, 0)]


async def test_undo_goes_back_many_levels_and_reopens_the_segments(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        coded = []
        for key in "flo":
            coded.append(app.queue.current)
            await pilot.press(key)
        await pilot.press("u")
        assert app.queue.current == coded[2]
        await pilot.press("backspace", "u")
        assert app.queue.current == coded[0]
        await pilot.press("n")
    assert human_codes(demo) == [(coded[0], "aucun", 0)]
    assert rows(demo, "SELECT COUNT(*) FROM decision_retraction")[0][0] == 3


async def test_split_cuts_the_segment_and_both_parts_get_coded(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    before = rows(demo, "SELECT COUNT(*) FROM segment")[0][0]
    async with app.run_test(size=(80, 24)) as pilot:
        from interviewlens.coding import split_points

        while not split_points(app.data.segment(app.queue.current).text):
            await pilot.press("right")
        segment = app.queue.current
        await pilot.press("s")
        await pilot.press("enter")
        assert app.queue.current == segment
        await pilot.press("f")
        new = app.queue.current
        await pilot.press("l")
    assert rows(demo, "SELECT COUNT(*) FROM segment")[0][0] == before + 1
    assert rows(demo, "SELECT segment_id, new_segment_id FROM segment_split") == [(segment, new)]
    assert human_codes(demo) == [(segment, "force", 0), (new, "faiblesse", 0)]


async def test_memo_is_saved_on_the_current_segment(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        segment = app.queue.current
        await pilot.press("m")
        await pilot.press(*"à revoir")
        await pilot.press("enter")
        assert app.queue.current == segment
    assert rows(demo, "SELECT segment_id, coder, text FROM memo") == [(segment, "lea", "à revoir")]


async def test_search_restricts_the_queue_to_matching_segments(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"jumelage")
        await pilot.press("enter")
        seen = set()
        for _ in range(5):
            assert "jumelage" in app.data.segment(app.queue.current).text.lower()
            seen.add(app.queue.current)
            await pilot.press("f")
    assert {s for s, _label, _v in human_codes(demo)} == seen


async def test_filters_by_commune_and_low_confidence(demo):
    from interviewlens.review.data import Filters

    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_filters(Filters(commune="Plouvénec", max_confidence=0.5))
        await pilot.pause()
        allowed = app.queue.allowed
        assert allowed
        check = rows(demo, "SELECT s.id FROM segment s JOIN interview i ON i.id = s.interview_id"
                           " JOIN commune c ON c.id = i.commune_id JOIN current_decision cd"
                           " ON cd.segment_id = s.id WHERE c.name = 'Plouvénec'"
                           " AND cd.confidence <= 0.5")
        assert allowed == {r[0] for r in check}
        assert app.queue.current in allowed


async def test_order_toggles_between_uncertainty_and_transcript(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        first_uncertain = app.queue.current
        margins = {s: float(np.diff(np.sort(p)[-2:])[0]) for s, p in app.index.probs.items()}
        assert margins[first_uncertain] == min(margins.values())
        await pilot.press("r")
        await pilot.press("right")
        assert app.queue.current == app.transcript_order[0]
        await pilot.press("f")
        assert app.queue.current == app.transcript_order[1]


async def test_transcript_codes_any_segment_and_opens_it_in_the_queue(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        current = app.queue.current
        await pilot.press("t")
        screen = app.screen
        assert screen.interview_id == app.index.interview_of[current]
        assert screen._highlighted() == current
        await pilot.press("o")
        following = screen._highlighted()
        await pilot.press("enter")
        assert app.queue.current == following
    assert human_codes(demo) == [(current, "opportunite", 0)]


async def test_matrix_counts_match_the_store_and_a_quadrant_drills_down(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        text = str(app.screen.query_one("#force").render())
        total = rows(demo, "SELECT COUNT(*) FROM current_decision WHERE label = 'force'")[0][0]
        assert f"— {total} " in text
        await pilot.press("c")  # first commune
        commune = app.screen.communes[1]
        ploufs = rows(demo, "SELECT COUNT(*) FROM current_decision cd JOIN segment s"
                            " ON s.id = cd.segment_id JOIN interview i ON i.id = s.interview_id"
                            " JOIN commune c ON c.id = i.commune_id WHERE c.name = ?"
                            " AND cd.label = 'force'", (commune,))[0][0]
        assert f"— {ploufs} " in str(app.screen.query_one("#force").render())
        await pilot.press("v")
        listed = [int(o.id) for o in app.screen.query_one("#lines").options]
        assert len(listed) == rows(
            demo, "SELECT COUNT(*) FROM current_decision cd JOIN segment s ON s.id = cd.segment_id"
                  " JOIN interview i ON i.id = s.interview_id JOIN commune c"
                  " ON c.id = i.commune_id WHERE c.name = ? AND cd.label = 'vigilance'",
            (commune,))[0][0]
        await pilot.press("enter")
        assert app.queue.current == listed[0]


async def test_topics_and_actors_drill_down_to_segments(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.press("enter")
        topic_id = rows(demo, "SELECT id FROM topic ORDER BY number LIMIT 1")[0][0]
        listed = {int(o.id) for o in app.screen.query_one("#lines").options}
        assert listed == {r[0] for r in rows(
            demo, "SELECT segment_id FROM segment_topic WHERE topic_id = ?", (topic_id,))}
        await pilot.press("escape", "escape", "a", "enter")
        actor = rows(demo, "SELECT id FROM actor ORDER BY mentions DESC, name LIMIT 1")[0][0]
        listed = {int(o.id) for o in app.screen.query_one("#lines").options}
        assert listed == {r[0] for r in rows(
            demo, "SELECT segment_id FROM actor_mention WHERE actor_id = ?", (actor,))}


async def test_compare_screen_shows_each_communes_profile(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#compare-table").render())
    counts = dict(rows(demo, "SELECT cd.label, COUNT(*) FROM current_decision cd JOIN segment s"
                             " ON s.id = cd.segment_id JOIN interview i ON i.id = s.interview_id"
                             " JOIN commune c ON c.id = i.commune_id WHERE c.name = 'Plouvénec'"
                             " AND cd.label != 'aucun' GROUP BY cd.label"))
    share = counts["force"] / sum(counts.values())
    line = next(line for line in shown.splitlines() if line.startswith("Plouvénec"))
    assert f"{share:.0%}" == line.split()[1]
    assert "χ²" in shown and "festival" in shown  # Plouvénec's distinctive words


async def test_supervisor_sees_disagreements_first_and_settles_them(demo):
    segments = [r[0] for r in rows(demo, "SELECT id FROM segment ORDER BY interview_id, ord")][:40]
    with CodingStore(demo, "lea") as lea, CodingStore(demo, "tom") as tom:
        for i, segment in enumerate(segments):
            lea.code(segment, LABELS[i % 5])
            tom.code(segment, LABELS[i % 5] if i % 4 else LABELS[(i + 1) % 5])
    disagreements = [s for i, s in enumerate(segments) if i % 4 == 0]
    app = ReviewApp(demo, coder="sup", supervisor=True, load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for segment in disagreements:
            assert app.queue.current == segment
            await pilot.press("v")
        agreed = app.queue.current
        assert agreed == segments[1]
        await pilot.press("enter")  # both coders said the same: validate it
        await pilot.press("g")
        shown = str(app.screen.query_one("#agreement-table").render())
        expected = agreement({"lea": dict(zip(segments, [LABELS[i % 5] for i in range(40)])),
                              "tom": dict(zip(segments, [LABELS[i % 5] if i % 4 else
                                                         LABELS[(i + 1) % 5] for i in range(40)]))},
                             LABELS)
        assert f"{expected.overall:.2f}" in shown and "Cohen" in shown
        assert "10 désaccords" in shown
    validated = rows(demo, "SELECT segment_id, label FROM decision WHERE validated = 1 AND"
                           " coder = 'sup' ORDER BY id")
    assert validated == [(s, "vigilance") for s in disagreements] + [(agreed, LABELS[1])]
    assert rows(demo, "SELECT label FROM current_decision WHERE segment_id = ?",
                (disagreements[0],))[0][0] == "vigilance"


async def test_english_interface(demo):
    app = ReviewApp(demo, coder="lea", lang="en", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        codes = str(app.screen.query_one("#codes").render())
        assert "Strength" in codes and "Weakness" in codes and "Force" not in codes


async def test_help_lists_every_key_and_the_palette_every_action(demo):
    app = ReviewApp(demo, coder="lea", load_model=False)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        await pilot.press("question_mark")
        help_text = str(app.screen.query_one("#help-keys").render())
    for key in QUEUE:
        assert key.describe("fr") in help_text
        assert key.describe("fr") in titles


async def test_model_updates_in_a_worker_and_reorders_the_queue(demo):
    import asyncio

    app = ReviewApp(demo, coder="lea", load_model=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(600):  # the model loads in a worker shortly after the first screen
            if app.model is not None:
                break
            await asyncio.sleep(0.1)
        assert app.model is not None
        before = list(app.queue.order)
        for key in "fffff":
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.model.human) == 5
        assert app.queue.order != before
    # quitting saved the project model's scores
    assert rows(demo, "SELECT human_labels FROM project_model") in ([], [(5,)])


def test_the_review_ui_imports_neither_spacy_nor_bertopic():
    code = ("import sys, interviewlens.cli_review, interviewlens.review.app, "
            "interviewlens.review.browse, interviewlens.review.screens; "
            "bad = [m for m in ('spacy', 'bertopic', 'torch', 'sklearn') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
