"""Official templates converted, patched, fixed for the box and checked against the real server."""

from __future__ import annotations

import httpx
import pytest

from nightreel.errors import ComfyRejected, InputError
from tests.comfy.helpers import make_shot
from tools.comfy import ComfyClient, apply_box_fixes, build_template_graph, check_graph, load_workflow
from tools.comfy.preflight import preflight

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def object_info(comfy_server):
    return httpx.get(comfy_server + "/object_info", timeout=60).json()


def _by_class(graph: dict, class_type: str) -> list[dict]:
    return [n for n in graph.values() if n["class_type"] == class_type]


async def test_wan22_i2v_template_patched_for_a_5s_shot(object_info, comfy_server):
    shot = make_shot(1, duration_s=5.0, seed=1234)
    built = build_template_graph(shot, "final", object_info, template="video_wan2_2_14B_i2v",
                                 image_name="nightreel/start.png", filename_prefix="nightreel/p/shot-1")
    g = built.graph
    (wan,) = _by_class(g, "WanImageToVideo")
    assert wan["inputs"]["length"] == 81  # 5 s x 16 fps + 1
    assert _by_class(g, "LoadImage")[0]["inputs"]["image"] == "nightreel/start.png"
    texts = {n["inputs"]["text"] for n in _by_class(g, "CLIPTextEncode")}
    assert texts == {shot.positive, shot.negative}
    seeded = [n for n in _by_class(g, "KSamplerAdvanced") if n["inputs"]["add_noise"] == "enable"]
    assert seeded and all(n["inputs"]["noise_seed"] == shot.seed for n in seeded)
    assert _by_class(g, "CreateVideo")[0]["inputs"]["fps"] == 16.0
    assert _by_class(g, "SaveVideo")[0]["inputs"]["filename_prefix"] == "nightreel/p/shot-1"
    # validated against the server's /object_info: every node class exists; only weights are missing
    problems = check_graph(g, object_info)
    assert not any("node class" in p for p in problems)
    assert any("wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors" in p and "models/diffusion_models/" in p
               for p in problems)
    assert any("wan_2.1_vae.safetensors" in p and "models/vae/" in p for p in problems)
    assert preflight(g, comfy_server) == problems
    # and the real server agrees: a 400 naming the loader's input and the missing file
    async with ComfyClient(comfy_server) as c:
        with pytest.raises(ComfyRejected) as ei:
            await c.submit(g)
    assert "unet_name" in str(ei.value) and "wan2.2_i2v" in str(ei.value)


def test_box_fixes_are_applied_and_reported(object_info):
    graph = {
        "1": {"class_type": "UNETLoader", "inputs": {"unet_name": "wan\\2.2\\wan2.2_t2v.safetensors", "weight_dtype": "default"}},
        "2": {"class_type": "TorchCompileModel", "inputs": {"model": ["1", 0], "backend": "inductor"}},
        "3": {"class_type": "PathchSageAttentionKJ", "inputs": {"model": ["2", 0], "sage_attention": "sageattn_qk_int8_pv_fp16_cuda"}},
        "4": {"class_type": "ModelSamplingSD3", "inputs": {"model": ["3", 0], "shift": 8.0}},
    }
    fixes = apply_box_fixes(graph, object_info)
    assert "2" not in graph and graph["3"]["inputs"]["model"] == ["1", 0]  # torch.compile disconnected
    assert graph["3"]["inputs"]["sage_attention"] == "sdpa"
    assert graph["1"]["inputs"]["unet_name"] == "wan2.2_t2v.safetensors"
    assert len(fixes) == 3 and any("TorchCompileModel" in f for f in fixes)


def test_unknown_template_lists_the_valid_ones():
    with pytest.raises(InputError) as ei:
        load_workflow("video_wan22_i2v")
    msg = str(ei.value)
    assert "video_wan2_2_14B_i2v" in msg and "video_ltx2_t2v" in msg and "image_flux2_text_to_image" in msg


def test_preflight_names_unknown_nodes(comfy_server):
    graph = {"1": {"class_type": "WanVideoSampler", "inputs": {}}, "2": {"class_type": "SaveVideo", "inputs": {}}}
    problems = preflight(graph, comfy_server)
    assert problems and "WanVideoSampler" in problems[0]


def test_workflow_build_cli_writes_the_graph(comfy_server, tmp_path):
    import json

    from typer.testing import CliRunner

    from app.cli import app

    shot_path = tmp_path / "shot.json"
    shot_path.write_text(make_shot(3, duration_s=5.0).model_dump_json())
    out = tmp_path / "graph.json"
    res = CliRunner().invoke(app, ["workflow", "build", "--template", "video_wan2_2_14B_i2v", "--shot", str(shot_path),
                                   "--out", str(out), "--comfy", comfy_server])
    assert res.exit_code == 0, res.output
    graph = json.loads(out.read_text())
    assert _by_class(graph, "WanImageToVideo")[0]["inputs"]["length"] == 81


def test_a_hostile_math_expression_in_a_workflow_is_never_evaluated(object_info):
    from tools.comfy.workflows import inline_constants

    graph = {
        "1": {"class_type": "PrimitiveFloat", "inputs": {"value": 5.0}},
        "2": {"class_type": "ComfyMathExpression", "inputs": {"values.c": "().__class__.__base__", "values.a": ["1", 0]}},
        "3": {"class_type": "ComfyMathExpression", "inputs": {"values.c": "floor(a * 16 + 1)", "values.a": ["1", 0]}},
        "4": {"class_type": "EmptyImage", "inputs": {"width": ["2", 1], "height": ["3", 1], "batch_size": 1, "color": 0}},
        "5": {"class_type": "SaveImage", "inputs": {"images": ["4", 0], "filename_prefix": "x"}},
    }
    done = inline_constants(graph, object_info)
    assert graph["4"]["inputs"]["height"] == 81 and "3" not in graph
    assert "2" in graph and len(done) == 1  # left for the preflight to name, not run
