"""The VLM path at the HTTP boundary: a hand-written OpenAI-compatible exchange served by httpx2.MockTransport.

No vision model runs here, so the server is the one thing faked (its answers written by hand in the shape
llama-server gives for Qwen2.5-VL, not recorded from one); everything on our side (pydantic-ai,
the OpenAI wire format, the JPEG frames, the merge with real probes on real pixels) is real.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import httpx2
from PIL import Image

from agents.critic import critique
from nightreel.config import load_settings
from nightreel.schema import ShotExpectations

HANDWRITTEN = json.loads((Path(__file__).parent / "data" / "vlm_exchange_handwritten.json").read_text())


def _server(answers: list[dict]):
    seen: list[dict] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        assert request.url.path.endswith("/chat/completions")
        seen.append(json.loads(request.content))
        return httpx2.Response(200, json=answers[min(len(seen) - 1, len(answers) - 1)])

    return seen, httpx2.AsyncClient(transport=httpx2.MockTransport(handler), base_url="http://vlm.test")


def _settings(root: Path):
    return load_settings(studio=str(root), critic_url="http://vlm.test/v1", critic_model="qwen2.5-vl-7b-instruct")


async def test_handwritten_exchange_frames_go_as_jpeg_image_parts_and_the_probe_wins(clip, critic_studio):
    seen, client = _server([HANDWRITTEN["response"]])
    v = await critique(clip("person"), ShotExpectations(people="none", camera="locked"),
                       settings=_settings(critic_studio.root), studio=critic_studio, http_client=client)
    await client.aclose()
    assert len(seen) == 1
    body = seen[0]
    assert body["model"] == "qwen2.5-vl-7b-instruct"
    user = [m for m in body["messages"] if m["role"] == "user"][-1]
    images = [p for p in user["content"] if p.get("type") == "image_url"]
    assert len(images) == 6
    for part in images:
        url = part["image_url"]["url"]
        assert url.startswith("data:image/jpeg;base64,")
        img = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
        assert img.format == "JPEG" and min(img.size) >= 448          # the 448x256 clip was upscaled
    texts = " ".join(p.get("text", "") for p in user["content"] if p.get("type") == "text")
    assert "people none" in texts and "camera locked" in texts
    # the VLM said nobody; the pose/face probes measured a person: reject stands, the disagreement is spelled out
    assert v.verdict == "reject" and v.source == "probes+vlm"
    assert v.vlm_description and "espresso" in v.vlm_description
    assert any("VLM says a person is not visible" in d and "probe wins" in d for d in v.disagreements)
    assert any("pasted over the cup" in r for r in v.reasons)


async def test_handwritten_exchange_prose_instead_of_schema_retries_then_falls_back_to_probes(clip, critic_studio):
    seen, client = _server([HANDWRITTEN["prose_response"]])
    v = await critique(clip("still"), ShotExpectations(people="none", camera="locked", motion="still"),
                       settings=_settings(critic_studio.root), studio=critic_studio, http_client=client)
    await client.aclose()
    assert len(seen) == 2                                              # one retry, then give up
    assert v.source == "probes" and v.verdict == "accept"
    assert any(r.startswith("warning: the vision model") and "probes-only" in r for r in v.reasons)


async def test_unreachable_vlm_degrades_to_probes_with_a_warning(clip, critic_studio):
    def refuse(request):
        raise httpx2.ConnectError("connection refused", request=request)

    client = httpx2.AsyncClient(transport=httpx2.MockTransport(refuse))
    v = await critique(clip("still"), ShotExpectations(people="none", motion="still"),
                       settings=_settings(critic_studio.root), studio=critic_studio, http_client=client)
    await client.aclose()
    assert v.source == "probes" and any("warning" in r for r in v.reasons)
