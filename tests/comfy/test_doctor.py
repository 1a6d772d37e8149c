"""`nightreel doctor --comfy URL`: the preflight a user runs before a night, against the real server."""

import pytest
from typer.testing import CliRunner

from app.cli import app

pytestmark = pytest.mark.slow


def test_doctor_names_missing_model_files_and_their_folders(comfy_server, studio):
    res = CliRunner().invoke(app, ["doctor", "--planner-url", "http://127.0.0.1:9/v1", "--comfy", comfy_server,
                                   "--template", "video_wan2_2_14B_i2v"], env={"COLUMNS": "400"})
    assert res.exit_code == 1
    out = " ".join(res.output.split())
    assert "wan_2.1_vae.safetensors" in out and "models/vae/" in out
    assert "models/diffusion_models/" in out
    assert "cannot reach http://127.0.0.1:9/v1" in out
