"""Paths on the command line are the person's own; paths from a model, a note, the web or a server stay confined.

`nightreel critique ~/Videos/take3.mp4` must work for a clip that was never in the studio; the same clip
named by a storyboard (which a model writes) or asked for by a tool must be refused.
"""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from app.cli import app
from nightreel.errors import InputError, PathOutsideStudio
from tests.critic import clips


@pytest.fixture(scope="module")
def outside_clip(tmp_path_factory):
    """A clip in a folder of the person's (a space and non-ASCII letters in its name), not in any studio."""
    home = tmp_path_factory.mktemp("videos") / "Mes vidéos"
    home.mkdir()
    made = clips.make("person", home, home)
    take = home / "prise 3 é.mp4"
    made.rename(take)
    return take


def test_critique_reads_a_clip_outside_the_studio_and_writes_the_sheet_where_asked(outside_clip, studio):
    sheet = outside_clip.parent / "sheets" / "take3.png"
    r = CliRunner().invoke(app, ["critique", str(outside_clip), "--expect", "people=none", "--format", "json",
                                 "--sheet", str(sheet), "--no-vlm"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["verdict"] == "reject" and any("person" in x or "people" in x for x in doc["reasons"])
    assert doc["clip"] == str(outside_clip)
    assert sheet.is_file() and sheet.stat().st_size > 10_000
    assert outside_clip.is_file()  # nothing moved or copied out of the person's folder


def test_critique_from_another_working_folder_with_a_relative_path(outside_clip, studio, monkeypatch):
    monkeypatch.chdir(outside_clip.parent)
    r = CliRunner().invoke(app, ["critique", outside_clip.name, "--expect", "people=none", "--no-vlm"])
    assert r.exit_code == 0, r.output
    assert "REJECT" in r.stdout


@pytest.mark.parametrize("bad,msg", [("missing.mp4", "does not exist"), (".", "is a folder")])
def test_a_bad_clip_path_is_one_clear_line(bad, msg, studio, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["critique", bad, "--expect", "people=none"])
    assert r.exit_code != 0
    assert isinstance(r.exception, InputError) and msg in str(r.exception)


def test_a_path_from_a_model_or_a_server_is_still_confined(outside_clip, studio):
    """What the critic's tools and the runner read (paths a model, the web or ComfyUI hand us) stays in the studio."""
    from nightreel.schema import Shot
    from tools.comfy.build import start_image_path
    from tools.comfy.workflows import load_workflow
    from tools.media import probe

    with pytest.raises(PathOutsideStudio):
        probe(outside_clip, root=studio.root)                     # the path critique_clip / the web page passes
    shot = Shot(title="t", duration_s=3, target="final", positive="p", negative="n", camera="c", lighting="l",
                expectations={}, start_image=str(outside_clip))  # a storyboard (a model's answer) naming it
    with pytest.raises(PathOutsideStudio):
        start_image_path(shot, studio)
    wf = outside_clip.parent / "my-workflow.json"
    wf.write_text("{}")
    with pytest.raises(PathOutsideStudio):
        load_workflow(str(wf), root=studio.root)


def test_a_note_naming_a_start_image_outside_its_folder_is_refused(tmp_path, outside_clip):
    from app.notes import parse_note

    notes = tmp_path / "notes"
    notes.mkdir()
    shutil.copy(outside_clip, tmp_path / "elsewhere.png")
    f = notes / "cafe.md"
    f.write_text("---\nstart_image: ../elsewhere.png\n---\nan empty cafe at night\n")
    with pytest.raises(InputError):
        parse_note(f.read_bytes(), f, notes_dir=notes)


def test_render_start_image_of_yours_is_copied_into_the_studio(studio, tmp_path):
    from app.commands._userpaths import import_into_studio

    img = tmp_path / "My Pictures" / "départ.png"
    img.parent.mkdir()
    from PIL import Image

    Image.new("RGB", (64, 48), (200, 40, 40)).save(img)
    copy = import_into_studio(studio, img, "starts", "--start-image", suffixes=(".png",))
    assert copy.is_relative_to(studio.root) and copy.read_bytes() == img.read_bytes()
    assert import_into_studio(studio, img, "starts", "--start-image") == copy  # the same content, one copy
    assert import_into_studio(studio, copy, "starts", "--start-image") == copy  # already inside: as is
    with pytest.raises(InputError, match="should be one of"):
        import_into_studio(studio, img.with_suffix(".png"), "starts", "x", suffixes=(".jpg",))


def test_render_with_a_bad_start_image_or_shot_is_one_clear_line(studio, tmp_path):
    from nightreel.schema import Brief, Shot, Storyboard

    sb = Storyboard(title="t", brief=Brief(idea="x"), shots=[Shot(id="shot-1", title="t", duration_s=3,
                    target="final", positive="p", negative="n", camera="c", lighting="l", expectations={})])
    f = tmp_path / "board" / "storyboard.json"
    f.parent.mkdir()
    f.write_text(sb.model_dump_json())
    r = CliRunner().invoke(app, ["render", str(f), "--start-image", str(tmp_path / "nope.png")])
    assert r.exit_code != 0 and "does not exist" in str(r.exception)
    r = CliRunner().invoke(app, ["render", str(f), "--shot", "shot-9"])
    assert r.exit_code != 0 and "no such shot" in str(r.exception)
