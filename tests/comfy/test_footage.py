"""The footage stand-in: real generations from the template wheels, retrieved by a shot's prompt, rendered on the real
embedded ComfyUI, and labelled as retrieved everywhere. Examples are even-half clips (sha1 of the name ends in an even
hex digit) except the leopard query the issue names, whose nearest clips are checked by their prompts only."""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest
from PIL import Image

from agents.deps import Deps
from agents.wanted import describes_person, wanted_text
from app.dailies import write_dailies
from app.night_store import Item, NightStore
from app.rendering import render_session
from nightreel.config import load_settings
from nightreel.schema import Shot, ShotExpectations, Verdict
from tests.comfy.helpers import make_storyboard
from tools.comfy import render_storyboard
from tools.comfy.footage import FOOTAGE_SIZE
from tools.footage import FootageIndex, MediaSource, build_catalogue

WOMAN = "a woman with blonde hair turns her head and smiles at the camera"


@pytest.fixture(scope="module")
def footage(request, memory_ef):
    """The index of the installed wheels (the MiniLM the memory uses), cached in pytest's cache folder: built on the
    first run (~15 s) and again only when the wheels change, as the studio's is."""
    index = FootageIndex(request.config.cache.mkdir("footage-index"), memory_ef)
    index.load()
    return index


@pytest.fixture(scope="module")
def footage_read(request, memory_ef, footage):
    """The same index (its cache) with the readers the studio's gets: negations out of the query, people preferred."""
    index = FootageIndex(request.config.cache.mkdir("footage-index"), memory_ef, wanted=wanted_text,
                         shows_person=describes_person)
    index.load()
    return index


EMPTY_ROOM = ("Empty room, no people visible anywhere. A hotel corridor at night, soft carpet, the camera glides forward. "
              "No person ever appears in frame.")
EMPTY_LOUNGE = ("Empty room, no people visible anywhere. A quiet living room, a sofa and a lamp, afternoon light through "
                "the curtains, slow dolly forward. No person ever appears in frame.")
EMPTY_WINDOW = ("Empty room, no people visible anywhere. Rain runs down a window at night in soft pink and purple "
                "streaks; a single lamp casts warm amber light over the glass. No person ever appears in frame.")
MAN_IN_ROOM = "A man sits by the window of a quiet living room, afternoon light through the curtains."


def _shot(i: int, prompt: str, *, duration_s: float, seed: int) -> Shot:
    return Shot(id=f"shot-{i}", title=f"Footage {i}", duration_s=duration_s, target="draft", positive=prompt,
                negative="text", camera="locked", lighting="soft", seed=seed,
                expectations=ShotExpectations(camera="any", people="allowed"))


def test_the_catalogue_holds_the_real_generations_with_their_prompts(footage):
    cat = footage.load()
    # 269 in the installed media wheels: of the 363 distinct animated WebPs of 24+ frames, 22 have no template JSON
    # any more and 72 come from templates with no prompt (upscalers, background removal, image-to-3D)
    assert len(cat.clips) >= 260, cat.summary()
    assert len({c.name for c in cat.clips}) == len(cat.clips)   # a file two wheels ship is one clip
    assert all(c.frames >= 24 and c.prompt.strip() and c.fps > 0 for c in cat.clips)
    assert len(cat.skipped["one frame (a still)"]) > 100 and cat.skipped["no prompt"]
    wan = next(c for c in cat.clips if c.name == "video_wan2_2_14B_t2v-1.webp")
    assert wan.model == "Wan 2.2" and wan.prompt.startswith("Beautiful young European woman with honey blonde hair")
    assert "色调艳丽" not in wan.prompt   # Wan's default (negative) prompt is never taken for the clip's
    models = {c.model for c in cat.clips}
    assert {"Wan 2.2", "LTX-2", "Kling", "Seedance", "Vidu"} <= models


def test_a_shot_prompt_retrieves_the_generation_made_from_a_prompt_like_it(footage):
    best = footage.search(WOMAN, 3)
    assert best[0].clip.name == "video_wan2_2_14B_t2v-1.webp" and best[0].score > 0.5
    leopard = footage.search("a leopard running through a jungle", 2)
    assert all("leopard" in m.clip.prompt.lower() for m in leopard), [m.clip.name for m in leopard]
    assert "leopard" in footage.pick("a leopard running through a jungle", seed=3).clip.prompt.lower()


def test_the_seed_picks_among_the_nearest_and_the_same_seed_picks_the_same(footage):
    picks = {s: footage.pick(WOMAN, s).clip.name for s in range(4)}
    assert len(set(picks.values())) >= 2
    assert footage.pick(WOMAN, 1).clip.name == picks[1]
    near = {m.clip.name for m in footage.search(WOMAN, 4)}
    assert set(picks.values()) <= near


def test_a_shot_that_wants_nobody_gets_a_clip_whose_prompt_has_no_person(footage, footage_read):
    for prompt in (EMPTY_ROOM, EMPTY_LOUNGE, EMPTY_WINDOW):
        # what is embedded is what the shot wants to see: the bookends that forbid people are not in it
        assert footage_read.query(prompt) == prompt.split(". ", 1)[0].split(",")[0] + ". " + \
            prompt.split(". ", 1)[1].rsplit(" No person", 1)[0]
        picks = [footage_read.pick(prompt, seed, people="none") for seed in range(4)]
        assert not any(describes_person(m.clip.prompt) for m in picks), [m.clip.prompt[:80] for m in picks]
        assert all(m.person is False and "people" not in m.query for m in picks)
    # the prompt as written (the words "people" and "person" embedded) got clips of people for these shots
    before = [footage.pick(p, seed).clip.prompt for p in (EMPTY_ROOM, EMPTY_LOUNGE) for seed in range(4)]
    assert sum(describes_person(p) for p in before) >= 3, before


def test_a_shot_that_asks_for_a_person_still_gets_one(footage_read):
    picks = [footage_read.pick(MAN_IN_ROOM, seed, people="required") for seed in range(4)]
    assert all(describes_person(m.clip.prompt) for m in picks), [m.clip.prompt[:80] for m in picks]
    assert any(w in picks[0].clip.prompt.lower() for w in (" man ", "woman", "person", "character"))
    # a shot that allows people is matched on its words alone: the woman in the red coat is found
    woman = footage_read.search("A woman in a red coat walks along a city street at night", 4, people="allowed")
    assert any("woman in a red coat" in m.clip.prompt.lower() for m in woman)


@pytest.mark.slow
async def test_footage_renders_through_comfyui_at_the_shots_length_and_the_tiers_size(comfy_server, studio, footage):
    sb = make_storyboard(_shot(1, WOMAN, duration_s=2.0, seed=0), _shot(2, WOMAN, duration_s=20.0, seed=0),
                         sb_id="sb-footage", project="Footage")
    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server], workflow="footage")
    deps = Deps(settings=settings, studio=studio, footage=footage, run_id="run-footage")
    async with render_session(settings, studio, deps) as d:
        clips = await render_storyboard(sb, "draft", d)
    assert not clips.unfinished, clips.unfinished
    clip = footage.pick(WOMAN, 0).clip
    for out, want in zip(clips, (round(2.0 * clip.fps), clip.frames)):
        with av.open(out.path) as c:
            stream = c.streams.video[0]
            frames = sum(1 for _ in c.decode(stream))
            size = (stream.codec_context.width, stream.codec_context.height)
        assert (frames, size) == (want, FOOTAGE_SIZE["draft"])
        assert stream.codec_context.name == "h264"
        prov = json.loads(Path(out.provenance_path).read_text())
        r = prov["retrieved"]
        assert r["retrieved"] is True and r["clip"] == clip.name and r["template"] == clip.template
        assert r["generating_prompt"] == clip.prompt and r["model"] == clip.model and 0 < r["similarity"] <= 1
        assert r["query"] == WOMAN   # the text embedded: this index was given no reader, so the prompt as written
        assert r["label"].startswith(f"retrieved real generation: {clip.template} ({clip.model}) — prompt: '")
        assert prov["workflow"] == "footage" and prov["template"] == clip.template and prov["model_files"] == []
    # a shot longer than the clip plays it whole, and says so
    long_note = json.loads(Path(clips[1].provenance_path).read_text())["retrieved"]["note"]
    assert "plays whole" in long_note and "20 s" in long_note

    # the dailies card (the static page's and the studio's) and the summary say what the clip is
    with NightStore.open(studio) as store:
        run = store.open_run(day="2026-03-03", start="23:00", dawn="07:00")
        it = store.add_item(Item(run_id=run.id, project="Footage", shot=sb.shots[0], note_hash="h"))
        store.update_item(it.id, state="done", clip_path=clips[0].path, verdict=Verdict(verdict="accept"),
                          decision="accept")
        store.finish_run(run.id)
        page, summary = write_dailies(studio, store)
    label = f"retrieved real generation: {clip.template} ({clip.model}) — prompt: '{clip.prompt[:30]}"
    html = " ".join(page.read_text().split())
    assert label in html.replace("&#39;", "'") and "not a render of this shot" in html
    assert f"draft · retrieved {clip.model} clip" in html   # not "draft · LTX-2"
    assert label in summary.read_text()


# -- bad input: skipped and counted, never a crash ----------------------------------------------------------------


def _webp(path: Path, frames: int) -> Path:
    imgs = [Image.new("RGB", (64, 48), (i * 7 % 255, 80, 120)) for i in range(frames)]
    imgs[0].save(path, save_all=frames > 1, append_images=imgs[1:], duration=66, loop=0, format="WEBP")
    return path


def _template(path: Path, prompt: str | None) -> None:
    nodes = [{"id": 3, "type": "KSampler", "inputs": [{"name": "positive", "link": 1}, {"name": "negative", "link": 2}],
              "widgets_values": [1, "randomize", 20]},
             {"id": 2, "type": "CLIPTextEncode", "outputs": [{"name": "CONDITIONING", "links": [2]}],
              "widgets_values": ["people walking around, static, dull colors"]},
             {"id": 4, "type": "MarkdownNote", "widgets_values": ["A note about this template, in many words."]}]
    if prompt:
        nodes.append({"id": 1, "type": "CLIPTextEncode", "outputs": [{"name": "CONDITIONING", "links": [1]}],
                      "widgets_values": [prompt]})
    path.write_text(json.dumps({"nodes": nodes, "links": [[1, 1, 0, 3, 0, "CONDITIONING"],
                                                          [2, 2, 0, 3, 1, "CONDITIONING"]]}))


@pytest.fixture
def fake_wheels(tmp_path):
    media, templates = tmp_path / "media", tmp_path / "templates"
    media.mkdir(), templates.mkdir()
    _webp(media / "video_good-1.webp", 30)
    _template(templates / "video_good.json", "a paper boat drifting down a flooded street at dusk")
    _webp(media / "video_still-1.webp", 1)
    _template(templates / "video_still.json", "a still")
    whole = (media / "video_good-1.webp").read_bytes()
    (media / "video_broken-1.webp").write_bytes(whole[:len(whole) // 2])   # cut short in the middle of its frames
    _template(templates / "video_broken.json", "a broken clip of a river")
    _webp(media / "video_silent-1.webp", 30)
    _template(templates / "video_silent.json", None)
    _webp(media / "video_orphan-1.webp", 30)
    return media, templates


def test_a_still_a_corrupt_clip_and_a_template_without_prompt_are_skipped_and_counted(fake_wheels):
    media, templates = fake_wheels
    cat = build_catalogue([MediaSource("comfyui-workflow-templates-media-test", "1.0", media)], templates, "9")
    assert [c.name for c in cat.clips] == ["video_good-1.webp"]
    good = cat.clips[0]
    assert good.prompt == "a paper boat drifting down a flooded street at dusk"   # the positive, not the negative
    assert (good.frames, good.width, good.height, good.fps) == (30, 64, 48, 15.0)
    assert cat.skipped == {"one frame (a still)": ["video_still-1.webp"], "fail to decode": ["video_broken-1.webp"],
                           "no prompt": ["video_silent-1.webp"], "no template JSON": ["video_orphan-1.webp"]}
    assert cat.summary() == ("1 clips with prompts, 1 fail to decode, 1 no prompt, 1 no template JSON, "
                             "1 one frame (a still)")


def test_an_index_built_from_another_wheel_version_is_rebuilt_with_one_log_line(fake_wheels, tmp_path):
    media, templates = fake_wheels
    calls: list[list[str]] = []

    def embed(texts):
        calls.append(texts)
        return [[1.0, float(len(t)), 0.5] for t in texts]

    def index(version: str) -> FootageIndex:
        return FootageIndex(tmp_path / "cache", embed, templates_dir=templates, templates_version="9",
                            sources=[MediaSource("comfyui-workflow-templates-media-test", version, media)])

    index("1.0").load()
    assert len(calls) == 1
    assert index("1.0").pick("a boat", seed=5).clip.name == "video_good-1.webp"   # read from the cache
    assert len(calls) == 2   # the query only
    again = index("2.0")
    again.load()
    assert len(calls) == 3 and again.built_s is not None
    # what the log line says (the line itself depends on how the process configured structlog)
    assert "comfyui-workflow-templates-media-test 1.0 -> 2.0" in (again.stale or "")
    (tmp_path / "cache" / "index.npy").write_bytes(b"not numpy")   # a damaged cache is rebuilt too
    assert index("2.0").load().clips and len(calls) == 4


async def test_a_footage_index_that_cannot_answer_fails_the_job_with_one_line(tmp_path):
    from types import SimpleNamespace

    from nightreel.errors import ComfyRejected
    from tools.comfy.footage import build_footage

    empty = FootageIndex(tmp_path / "cache", lambda texts: [], sources=[], templates_dir=tmp_path)
    shot = _shot(1, WOMAN, duration_s=2.0, seed=0)
    # ComfyRejected: the runner marks the job failed with this message; a night records it and goes on
    with pytest.raises(ComfyRejected, match="cannot pick a clip for shot shot-1: no ComfyUI template media wheels"):
        await build_footage(shot, "draft", None, SimpleNamespace(footage=empty), filename_prefix="x")
    with pytest.raises(ComfyRejected, match="needs the footage index"):
        await build_footage(shot, "draft", None, SimpleNamespace(), filename_prefix="x")


@pytest.mark.slow
async def test_a_contest_by_outcome_renders_and_judges_into_a_folder_outside_the_studio(comfy_server, studio, footage,
                                                                                      tmp_path):
    """`nightreel contest --by-outcome --out DIR`: DIR is the person's, not the studio's; the clips land there and the
    real critic judges them there (it used to stop at the first clip: 'outside the allowed folder')."""
    from evals.contest_outcome import judge_by_outcome
    from evals.contest_types import ContestOutcome, ModelRun
    from evals.dataset import BriefInput, PlanOutput

    shot = _shot(1, EMPTY_LOUNGE, duration_s=1.0, seed=0)
    shot.expectations = ShotExpectations(camera="any", people="none")
    run = ModelRun("qwen-test", outputs={"en-01": PlanOutput(model="qwen-test", ok=True, shots=[shot])})
    outcome = ContestOutcome(dataset="t", cases=[("en-01", BriefInput(idea="a quiet room, nobody in it")),
                                                 ("en-02", BriefInput(idea="no storyboard came for this one"))],
                             runs={"qwen-test": run}, comparisons=[], judge=None, n_shots=2)
    out_dir = tmp_path / "elsewhere" / "by-outcome"
    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server], workflow="footage")
    deps = Deps(settings=settings, studio=studio, footage=footage, run_id="run-contest")
    async with render_session(settings, studio, deps) as d:
        [res] = await judge_by_outcome(outcome, d, out_dir=out_dir)
    clips = list(out_dir.rglob("*.mp4"))
    assert len(clips) == 1 and clips[0].is_relative_to(out_dir)
    assert res.failed_renders == 0 and sum(res.verdicts.values()) == 1     # judged, not lost
    assert res.shots == 3 and res.missing == 2                              # the brief without a storyboard counts
