"""Bad clips give one clear error line (what is wrong, in words), never a traceback; odd paths just work."""

from __future__ import annotations

import subprocess

import pytest

from agents.critic import critique_sync
from nightreel.errors import InputError, MediaError, NightreelError
from nightreel.schema import ShotExpectations
from tools.media import Limits

PROBES_ONLY = type("ProbesOnly", (), {"critic_url": None})()


def _critique(path, root, **kw):
    return critique_sync(path, ShotExpectations(), settings=PROBES_ONLY, studio=root, use_vlm=False, **kw)


def _one_line(e: BaseException) -> str:
    msg = str(e)
    assert msg and "\n" not in msg and "Traceback" not in msg, msg
    return msg


@pytest.fixture(scope="module")
def bad(critic_studio, clip):
    root = critic_studio.root
    d = root / "bad-input"
    d.mkdir(exist_ok=True)
    (d / "notes.mp4").write_text("shot list, not a video\n" * 50)
    (d / "empty.mp4").write_bytes(b"")
    data = clip("pan").read_bytes()
    (d / "cut short.mp4").write_bytes(data[: len(data) // 3])
    from PIL import Image

    Image.new("RGB", (320, 200), (90, 60, 30)).save(d / "poster.png")
    Image.new("RGB", (320, 200), (90, 60, 30)).save(d / "poster-as.mp4", format="PNG")
    (d / "takes.mp4").mkdir(exist_ok=True)
    return d


def test_a_text_file_named_mp4_is_not_a_readable_video(bad, critic_studio):
    with pytest.raises(MediaError) as e:
        _critique(bad / "notes.mp4", critic_studio.root)
    assert "notes.mp4 is not a readable video" in _one_line(e.value)


def test_an_empty_file_says_it_is_empty(bad, critic_studio):
    with pytest.raises(MediaError) as e:
        _critique(bad / "empty.mp4", critic_studio.root)
    assert "is empty (0 bytes)" in _one_line(e.value)


def test_a_truncated_mp4_is_a_clear_media_error(bad, critic_studio):
    with pytest.raises(MediaError) as e:
        _critique(bad / "cut short.mp4", critic_studio.root)
    assert "cut short.mp4" in _one_line(e.value)


@pytest.mark.parametrize("name", ["poster.png", "poster-as.mp4"])
def test_an_image_passed_as_a_clip_is_named_a_still_image(bad, critic_studio, name):
    with pytest.raises(MediaError) as e:
        _critique(bad / name, critic_studio.root)
    assert "is a still image" in _one_line(e.value) and "not a video clip" in str(e.value)


def test_a_folder_is_named_a_folder(bad, critic_studio):
    with pytest.raises(InputError) as e:
        _critique(bad / "takes.mp4", critic_studio.root)
    assert "is a folder, not a clip" in _one_line(e.value)


def test_a_path_with_spaces_and_non_ascii_characters_is_critiqued(clip, critic_studio):
    odd = critic_studio.root / "prises de vue" / "café au lait — nuit 1 ☕.mp4"
    odd.parent.mkdir(exist_ok=True)
    odd.write_bytes(clip("pan").read_bytes())
    v = _critique(odd, critic_studio.root)
    assert v.probes.camera == "pan" and v.probes.frames == 48


def test_a_4k_60fps_clip_is_read_at_the_analysis_size_with_bounded_frames(critic_studio):
    root = critic_studio.root
    big = root / "bad-input" / "uhd60.mp4"
    big.parent.mkdir(exist_ok=True)
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=s=3840x2160:r=60:d=3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    str(big)], check=True, timeout=300)
    limits = Limits(max_analysis_frames=60)
    v = _critique(big, root, limits=limits)
    p = v.probes
    assert (p.width, p.height, p.fps, p.frames) == (3840, 2160, 60.0, 180)
    assert p.frames_analysed <= 61 and p.stride >= 3         # every 3rd frame, not all 180 at 4K
    assert any("analysed every" in w for w in p.warnings)


def test_every_bad_input_error_is_a_nightreel_error(bad, critic_studio):
    for name in ("notes.mp4", "empty.mp4", "cut short.mp4", "poster.png", "takes.mp4"):
        with pytest.raises(NightreelError):
            _critique(bad / name, critic_studio.root)
