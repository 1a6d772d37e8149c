"""Words in frame, read: the critic reads the words the text probe finds (RapidOCR, PP-OCRv4 from its wheel),
says what it read where the shot asks for none, and checks the shot's own words where it asks for some."""

from __future__ import annotations

import importlib.resources
import json

import cv2
import pytest
from typer.testing import CliRunner

from agents.critic import critique_sync
from agents.describe import describe_verdict
from nightreel.schema import Shot, ShotExpectations
from tests.critic.ocr_frames import SIGNS, sign_clip, sign_frame
from tools.ocr import check_words, normalise, read_frame

PROBES_ONLY = type("ProbesOnly", (), {"critic_url": None})()
MEDIA = ("comfyui_workflow_templates_media_api", "comfyui_workflow_templates_media_video",
         "comfyui_workflow_templates_media_other", "comfyui_workflow_templates_media_image",
         "comfyui_workflow_templates_media_assets_01", "comfyui_workflow_templates_media_assets_02")
#: labelled in evals/real/ocr.yaml (even half): the provider's badge, top left, in every frame
LABELLED = ("api_kling_effects-1.webp", "Kling")


@pytest.fixture(scope="module")
def made(critic_studio):
    folder = critic_studio.root / "ocr"
    done: dict[tuple, object] = {}

    def get(words: str, bg: str = "coffee", style: str = "panel"):
        key = (words, bg, style)
        if key not in done:
            done[key] = sign_clip(folder / f"{bg}-{normalise(words) or 'blank'}-{style}.mp4", bg, words, style)
        return done[key]

    return get


def _shot(positive: str, **expect) -> Shot:
    from memory.lessons import lint_shot

    shot = Shot(title="diner", duration_s=3, target="final", positive=positive, negative="", camera="slow push in",
                lighting="neon", expectations=ShotExpectations(**expect))
    return lint_shot(shot).shot


def _v(path, root, target):
    return critique_sync(path, target, settings=PROBES_ONLY, studio=root, use_vlm=False)


def _template(name: str):
    for pkg in MEDIA:
        try:
            p = importlib.resources.files(pkg) / "templates" / name
        except ModuleNotFoundError:
            continue
        if p.is_file():
            return p
    pytest.skip(f"{name}: no comfyui-workflow-templates-media wheel installed ships it")


def test_the_synthetic_signs_are_read_letter_for_letter():
    """Pillow-rendered signs on photographs and textures, right and garbled, at the critic's analysis size."""
    wrong = []
    for bg, words, style in SIGNS:
        f = cv2.resize(sign_frame(bg, words, style), (480, 270), interpolation=cv2.INTER_AREA)
        got = " ".join(r.text for r in read_frame(f))
        if normalise(got) != normalise(words):
            wrong.append((words, got))
    assert not wrong


def test_words_are_compared_ignoring_case_spacing_and_punctuation_and_nothing_else():
    asked = ["OPEN ALL NIGHT"]
    assert check_words(asked, [["open all-night!"]])[0].status == "right"
    assert check_words(asked, [["OPEN ALL", "NIGHT"]])[0].status == "right"       # a sign read as two lines
    bad = check_words(asked, [["OPEN ALL NGHT"]])[0]
    assert bad.status == "misspelled" and bad.read_as == "OPEN ALL NGHT"
    assert check_words(asked, [["HOTEL"]])[0].status == "missing"
    assert check_words(asked, [])[0].status == "missing"


def test_a_labelled_real_clip_is_read_and_the_verdict_says_so(critic_studio):
    from evals.real_clips import to_mp4

    name, words = LABELLED
    src = _template(name)
    with importlib.resources.as_file(src) as path:
        mp4 = to_mp4(path, critic_studio.root / "ocr" / name.replace(".webp", ".mp4"))
    v = _v(mp4, critic_studio.root, ShotExpectations())
    read = [w for e in v.probes.text for w in e.words or []]
    assert normalise(words) in normalise(" ".join(read)), v.probes.text
    assert any(r.startswith("note: words in frame:") and words in r for r in v.reasons), v.reasons
    assert f"'{words}'" in describe_verdict(v)


def test_a_misspelled_sign_is_a_rerender_with_the_overlay_fix(made, critic_studio):
    shot = _shot("A diner door at night, a neon sign that reads 'OPEN ALL NIGHT' above it", text_in_frame=True)
    v = _v(made("OPEN ALL NGHT"), critic_studio.root, shot)
    assert v.verdict == "rerender", v.reasons
    said = [r for r in v.reasons if "misspelled" in r]
    assert said and "'OPEN ALL NIGHT'" in said[0] and normalise("OPEN ALL NGHT") in normalise(said[0])
    assert v.fix and "overlay the words in post" in v.fix and "dark" in v.fix
    assert v.evidence and v.evidence[0].words


def test_a_clip_without_text_costs_a_few_reads_and_says_nothing_of_words(made, critic_studio):
    from tools.probes_text import EXPECT_READS

    v = _v(made(""), critic_studio.root, ShotExpectations(people="none"))
    assert v.probes.text == []
    assert 0 < v.probes.ocr_frames <= EXPECT_READS   # the finder saw no letters: a few frames are read all the same
    assert not any("words" in r for r in v.reasons)


#: labelled in evals/real/labels.yaml (even half): words the letter finder passes over (a provider's badge in a
#: corner, a wordmark on a texture), read because nothing was found
PASSED_OVER = (("api_wan2_6_i2v-1.webp", "WAN"), ("templates-textured_logotype-v2.1-1.webp", "Comfy"),
               ("api_vidu_start_end_to_video-1.webp", "Vidu"))


@pytest.mark.parametrize(("name", "words"), PASSED_OVER)
def test_words_the_letter_finder_passes_over_are_read_on_a_shot_that_asks_for_none(critic_studio, name, words):
    from evals.real_clips import to_mp4

    src = _template(name)
    with importlib.resources.as_file(src) as path:
        mp4 = to_mp4(path, critic_studio.root / "ocr" / name.replace(".webp", ".mp4"))
    v = _v(mp4, critic_studio.root, ShotExpectations(people="allowed"))
    assert any(r.startswith("note: words in frame:") and f"'{words}'" in r and "asks for no text" in r
               for r in v.reasons), v.reasons


def test_a_shot_asking_for_open_all_night_accepts_a_clip_that_shows_it(made, critic_studio):
    shot = _shot("A diner door at night, a neon sign that reads 'OPEN ALL NIGHT' above it", text_in_frame=True)
    assert any("OPEN ALL NIGHT" in x for x in shot.lint)           # the lint set the words aside for the overlay
    v = _v(made("OPEN ALL NIGHT"), critic_studio.root, shot)
    assert v.verdict == "accept", v.reasons
    assert any("'OPEN ALL NIGHT' is in frame, spelled right" in r for r in v.reasons)
    assert v.probes.ocr_frames >= 1


def test_a_shot_asking_for_words_on_a_blank_screen_hears_they_are_missing(made, critic_studio):
    shot = _shot("A diner door at night, a neon sign that reads 'OPEN ALL NIGHT' above it", text_in_frame=True)
    v = _v(made(""), critic_studio.root, shot)
    assert v.verdict == "accept"                                  # the words go on in the edit, as the lint planned
    assert any("'OPEN ALL NIGHT' is not in frame" in r and "overlay" in r for r in v.reasons)
    assert v.probes.ocr_frames >= 1                               # it looked even though no letters were seen


def test_critique_json_shows_the_words_read(made, critic_studio, monkeypatch, tmp_path):
    from app.cli import app

    monkeypatch.setenv("NIGHTREEL_STUDIO", str(critic_studio.root))
    r = CliRunner().invoke(app, ["critique", str(made("NIGHT MARKET", "brick", "paint")), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    words = [w for e in doc["probes"]["text"] for w in e["words"] or []]
    assert normalise("NIGHT MARKET") in normalise(" ".join(words)), doc["probes"]["text"]
    assert any("words in frame" in x for x in doc["reasons"])
