"""Reading clips, the salvage post tools and corner tracking, on real encoded clips inside a studio."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

from nightreel.errors import InputError, MediaError, PathOutsideStudio
from tools import media_ops
from tools.media import Limits, decode_frames, probe, sample_frames
from tools.probes_motion import loop_seam, to_gray
from tools.sheet import contact_sheet
from tools.track import track_corners


def test_probe_reads_the_headers(clip, critic_studio):
    info = probe(clip("pan"), root=critic_studio.root)
    assert (info.duration_s, info.fps, info.width, info.height, info.frames, info.codec) == (3.0, 16.0, 448, 256, 48, "h264")


def test_seek_sampling_gets_first_last_and_evenly_spaced_frames(clip, critic_studio):
    frames = sample_frames(clip("pan"), 8, root=critic_studio.root)
    assert [f.index for f in frames] == [0, 7, 13, 20, 27, 34, 40, 47]
    _, every = decode_frames(clip("pan"), root=critic_studio.root)
    for f in frames:                                    # the seeked frame is the very frame a full decode gives
        assert np.abs(f.image.astype(int) - every[f.index].astype(int)).mean() < 1.0


def test_contact_sheet_draws_the_evidence(clip, report, critic_studio):
    e = report("person").people
    out = contact_sheet(clip("person"), critic_studio.root / "sheets" / "person.png", root=critic_studio.root, evidence=e)
    from PIL import Image

    img = np.asarray(Image.open(out).convert("RGB")).astype(int)
    red = (img[..., 0] > 200) & (img[..., 1] < 70) & (img[..., 2] < 70)
    h = img.shape[0]
    assert red[: h // 2].sum() < red[h // 2:].sum()      # boxes only on the second row: the person enters halfway
    assert red[h // 2:].sum() > 500


def test_crop_scale_trim_and_web_optimise(clip, critic_studio):
    root = critic_studio.root
    out = media_ops.crop_scale(clip("still"), root / "post" / "tight.mp4", root=root, x=100, y=50, w=224, h=128)
    assert (probe(out, root=root).width, probe(out, root=root).height) == (448, 256)
    t = media_ops.trim(clip("pan"), root / "post" / "trim.mp4", root=root, start_s=0.5, end_s=2.0)
    assert probe(t, root=root).frames == 24
    w = media_ops.web_optimise(clip("pan"), root / "post" / "web.mp4", root=root)
    info = probe(w, root=root)
    assert info.fps == 16 and info.codec == "h264"
    data = w.read_bytes()
    assert data.find(b"moov") < data.find(b"mdat")         # faststart: the index comes first


def test_pingpong_and_crossfade_loops_have_a_seamless_seam(clip, critic_studio):
    root = critic_studio.root
    for out in (media_ops.pingpong(clip("loop_broken"), root / "post" / "pp.mp4", root=root),
                media_ops.crossfade_loop(clip("loop_broken"), root / "post" / "xf.mp4", root=root, fade_s=0.5)):
        _, frames = decode_frames(out, root=root)
        seam, cons, ok = loop_seam(to_gray(frames))
        assert ok and seam > 0.85, (out.name, seam, cons)
    assert probe(root / "post" / "pp.mp4", root=root).frames == 2 * 48 - 2


def test_crossfade_into_joins_two_clips(clip, critic_studio):
    root = critic_studio.root
    out = media_ops.crossfade_into(clip("person"), clip("loop_ok"), root / "post" / "walkin.mp4", root=root, fade_s=0.5)
    assert abs(probe(out, root=root).duration_s - 5.5) < 0.1


def test_apply_plan_runs_a_salvage_plan(clip, critic_studio):
    root = critic_studio.root
    out = media_ops.apply_plan(clip("black_tail"), {"ops": [{"op": "trim", "start_s": 0, "end_s": 2.25},
                                                            {"op": "pingpong"}]}, root / "post" / "saved.mp4", root=root)
    _, frames = decode_frames(out, root=root)
    assert to_gray(frames).reshape(len(frames), -1).mean(1).min() > 30       # no black frame left


def test_a_salvaged_retrieved_clip_still_says_it_is_retrieved(clip, critic_studio):
    """A crop of the footage stand-in's clip is still a retrieved real generation, not a render (the dailies card
    reads the sidecar): the salvage keeps its source's provenance and says what was done."""
    import shutil

    from tools.comfy.provenance import retrieved_of

    root = critic_studio.root
    src = root / "renders" / "retrieved.mp4"
    src.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(clip("black_tail"), src)
    block = {"retrieved": True, "label": "retrieved real generation: x (Wan)", "model": "Wan"}
    src.with_suffix(".json").write_text(json.dumps({"kind": "nightreel.provenance/1", "retrieved": block}))
    ops = [{"op": "trim", "start_s": 0, "end_s": 2.0}]
    out = media_ops.apply_plan(src, {"ops": ops}, root / "renders" / "retrieved-salvaged.mp4", root=root)
    assert retrieved_of(out) == block
    assert json.loads(out.with_suffix(".json").read_text())["derived"] == {"from": "retrieved.mp4", "ops": ops}
    plain = media_ops.apply_plan(clip("black_tail"), {"ops": ops}, root / "post" / "plain.mp4", root=root)
    assert retrieved_of(plain) is None and not plain.with_suffix(".json").exists()


def test_lucas_kanade_tracks_four_corners_damped(clip, critic_studio):
    root = critic_studio.root
    corners = [(150, 80), (300, 80), (300, 180), (150, 180)]
    out = track_corners(clip("pan"), corners, root / "post" / "track.json", root=root, damping=0.25)
    doc = json.loads(out.read_text())
    assert len(doc["frames"]) == 48 and doc["frames"][0]["corners"] == [list(map(float, c)) for c in corners]
    dx = doc["frames"][-1]["corners"][0][0] - corners[0][0]
    assert -0.25 * 120 * 1.2 < dx < -0.25 * 120 * 0.6          # the pan moves the room 120 px left; damped to 1/4
    assert 0 <= doc["frames"][-1]["corners_pct"][0][0] <= 100


def test_bad_input_is_a_clear_error(critic_studio, tmp_path, clip):
    root = critic_studio.root
    (root / "bad").mkdir(exist_ok=True)
    (root / "bad" / "notes.mp4").write_text("this is not a video")
    (root / "bad" / "empty.mp4").write_bytes(b"")
    with pytest.raises(MediaError, match="not a readable video"):
        probe(root / "bad" / "notes.mp4", root=root)
    with pytest.raises(MediaError, match="empty"):
        probe(root / "bad" / "empty.mp4", root=root)
    audio = root / "bad" / "tone.m4a"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=d=1", str(audio)],
                   check=True, timeout=60)
    with pytest.raises(MediaError, match="no video stream"):
        probe(audio, root=root)
    outside = tmp_path / "outside.mp4"
    outside.write_bytes(clip("still").read_bytes())
    with pytest.raises(PathOutsideStudio):
        probe(outside, root=root)
    with pytest.raises(PathOutsideStudio):
        media_ops.trim(clip("still"), tmp_path / "out.mp4", root=root, start_s=0, end_s=1)
    with pytest.raises(InputError, match="outside the 448x256 frame"):
        media_ops.crop_scale(clip("still"), root / "post" / "c.mp4", root=root, x=300, y=0, w=224, h=128)
    with pytest.raises(InputError, match="overwrite"):
        media_ops.trim(clip("still"), clip("still"), root=root, start_s=0, end_s=1)


def test_a_4k_minute_is_bounded_by_the_decode_budget(critic_studio):
    root = critic_studio.root
    one, big = root / "bad" / "one4k.mp4", root / "bad" / "big4k.mp4"
    one.parent.mkdir(exist_ok=True)
    ff = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y"]
    subprocess.run([*ff, "-f", "lavfi", "-i", "color=c=0x405060:s=3840x2160:r=60:d=1", "-c:v", "libx264",
                    "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(one)], check=True, timeout=120)
    subprocess.run([*ff, "-stream_loop", "59", "-i", str(one), "-c", "copy", str(big)], check=True, timeout=120)
    info = probe(big, root=root)
    assert (info.width, info.height, round(info.duration_s)) == (3840, 2160, 60)
    with pytest.raises(MediaError, match="longer than 1 s"):
        decode_frames(big, root=root, info=info, limits=Limits(decode_budget_s=1))
    with pytest.raises(InputError, match="up to 30 s"):
        probe(big, root=root, limits=Limits(max_duration_s=30))


def test_the_contact_sheet_font_draws_accented_letters_not_the_missing_glyph_box():
    """A clip named "café — nuit 1.mp4" gets a header that reads so, not "caf▯ — nuit"."""
    from tools.sheet import _font

    from PIL import Image, ImageDraw

    def drawn(text: str) -> bytes:
        im = Image.new("L", (40, 30))
        ImageDraw.Draw(im).text((5, 5), text, fill=255, font=_font(15))
        return im.tobytes()

    missing = drawn("\u0378")      # an unassigned code point: the font's missing-glyph box
    for letter in "éàüñç—":
        assert drawn(letter) != missing, letter
