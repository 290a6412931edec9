from pathlib import Path

import pytest

from interviewlens.errors import InputError
from interviewlens.ingest.readers.cues import read_srt, read_vtt

SRT_NAMED = """1
00:00:01,000 --> 00:00:03,500
ENQUÊTEUR : Vous habitez ici depuis longtemps ?

2
00:00:04,000 --> 00:00:09,000
MARIE : Depuis vingt ans. Avant on était à Lisieux.

3
00:00:09,200 --> 00:00:12,000
Et franchement on s'y plaît beaucoup.

4
00:00:12,500 --> 00:00:14,000
ENQUÊTEUR : Pourquoi ?

5
00:00:14,100 --> 00:00:18,000
MARIE : Les gens se parlent, il y a le marché le jeudi.
"""

VTT = """WEBVTT
Kind: captions
Language: fr

NOTE exported by a speech-to-text service

intro
00:01.000 --> 00:04.000 align:start
<v Léa Martin>Qu'est-ce qui manque le plus ici ?

00:04.500 --> 00:09.000
<v Paul Girard>Les transports, <i>clairement</i>. Le bus passe deux fois par jour.

00:09.000 --> 00:12.000
<v Paul Girard>Pour les jeunes c'est compliqué.
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_srt_speaker_labels_group_cues_into_turns(tmp_path):
    path = write(tmp_path, "a.srt", SRT_NAMED)
    [source] = read_srt(path.read_bytes(), path)
    assert [t.speaker for t in source.turns] == ["ENQUÊTEUR", "MARIE", "ENQUÊTEUR", "MARIE"]
    marie = source.turns[1]
    assert marie.chunks == ("Depuis vingt ans. Avant on était à Lisieux.",
                            "Et franchement on s'y plaît beaucoup.")
    assert (marie.time_start, marie.time_end) == (4.0, 12.0)
    assert source.speakers["ENQUÊTEUR"].role_hint.value == "interviewer"


def test_srt_without_names_is_one_speaker(tmp_path):
    text = "1\n00:00:01,000 --> 00:00:02,000\nbonjour à tous\n\n2\n00:00:02,500 --> 00:00:05,000\non va parler du jumelage\n"
    path = write(tmp_path, "stt.srt", text)
    [source] = read_srt(path.read_bytes(), path)
    assert list(source.speakers) == ["Locuteur 1"]
    assert source.metadata["speaker_labels"] == "none found"


def test_vtt_voice_tags_and_markup(tmp_path):
    path = write(tmp_path, "a.vtt", VTT)
    [source] = read_vtt(path.read_bytes(), path)
    assert [t.speaker for t in source.turns] == ["Léa Martin", "Paul Girard"]
    assert source.turns[1].chunks[0] == "Les transports, clairement. Le bus passe deux fois par jour."
    assert source.turns[0].time_start == 1.0


def test_vtt_without_header_is_refused(tmp_path):
    path = write(tmp_path, "bad.vtt", VTT.replace("WEBVTT", "WEBVIDEO"))
    with pytest.raises(InputError, match="not a WebVTT file"):
        read_vtt(path.read_bytes(), path)


def test_srt_bad_timing_names_the_line(tmp_path):
    path = write(tmp_path, "bad.srt", "1\n00:00:01,000 --> soon\nbonjour\n")
    with pytest.raises(InputError) as caught:
        read_srt(path.read_bytes(), path)
    assert caught.value.line == 2
    assert "timing" in str(caught.value)


DASHES = """1
00:00:01,000 --> 00:00:03,000
- Vous tenez la boulangerie depuis quand ?
- Depuis 2008.

2
00:00:03,500 --> 00:00:06,000
- Et ça marche ?

3
00:00:06,500 --> 00:00:09,000
- Ça marche bien, les gens du village
viennent tous les matins,

4
00:00:09,100 --> 00:00:11,000
même ceux des hameaux.
"""


def test_dialogue_dashes_alternate_two_anonymous_speakers(tmp_path):
    path = write(tmp_path, "dash.srt", DASHES)
    [source] = read_srt(path.read_bytes(), path)
    assert [(t.speaker, t.chunks) for t in source.turns] == [
        ("Locuteur 1", ("Vous tenez la boulangerie depuis quand ?",)),
        ("Locuteur 2", ("Depuis 2008.",)),
        ("Locuteur 1", ("Et ça marche ?",)),
        ("Locuteur 2", ("Ça marche bien, les gens du village viennent tous les matins,",
                        "même ceux des hameaux.")),
    ]
    assert source.metadata["speaker_labels"] == "dialogue dashes"


UNMARKED = """1
00:00:01,000 --> 00:00:03,000
Bonjour, tu peux te présenter ?

2
00:00:03,500 --> 00:00:06,000
Oui alors j'ai vingt ans, je suis née ici,

3
00:00:06,100 --> 00:00:08,000
et j'étudie à Tours. Tu vois ?

4
00:00:09,000 --> 00:00:10,000
Qu'est-ce qui manque ici ?

5
00:00:10,500 --> 00:00:13,000
Un bus le soir, clairement.
"""


def test_unmarked_subtitles_infer_the_asker_from_short_questions(tmp_path):
    path = write(tmp_path, "raw.srt", UNMARKED)
    [source] = read_srt(path.read_bytes(), path)
    assert [t.speaker for t in source.turns] == ["Locuteur 1", "Locuteur 2", "Locuteur 1",
                                                  "Locuteur 2"]
    # A question at the end of an answer's sentence stays with the answer.
    assert source.turns[1].chunks[-1] == "et j'étudie à Tours. Tu vois ?"
    assert source.metadata["speaker_labels"] == "questions"
