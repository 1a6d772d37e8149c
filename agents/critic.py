"""The critic: measured probes first, a vision model's description second, one Verdict.

``critique(clip, expectations_or_shot, settings=, studio=)`` is **async**: it runs the probes in a
worker thread, optionally asks an OpenAI-compatible vision model (``critic_url``: Qwen2.5-VL via
llama.cpp with mmproj, Ollama, vLLM) about frames sampled by seeking, merges the two (the
probe wins every contradiction, which is listed), and writes a contact sheet if asked.
:func:`critique_sync` wraps it for synchronous callers (the CLI, the demo).

With no ``critic_url`` (the embedded default) the verdict is probes-only and says so. A VLM that
answers prose instead of the schema gets one retry; then the verdict falls back to probes-only
with a warning in its reasons (and in the log). A VLM that cannot be reached does the same.
"""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

import httpx2
import numpy as np
import structlog

from agents.verdict import VlmAnswer, cross_check, judge
from nightreel.errors import InputError
from nightreel.schema import Shot, ShotExpectations, Verdict
from nightreel.studio import Studio, check_inside
from prompts import load as load_prompt
from tools.comfy.provenance import retrieved_name
from tools.media import Limits, SampledFrame, probe, sample_frames
from tools.probes import run_probes
from tools.sheet import contact_sheet

log = structlog.get_logger()

__all__ = ["VLM_MIN_SHORT_SIDE", "ask_vlm", "critique", "critique_sync", "vlm_images"]

VLM_MIN_SHORT_SIDE = 448   # small swatches get misread
VLM_MAX_SHORT_SIDE = 720


def _split(expectations_or_shot: ShotExpectations | Shot | dict | None) -> tuple[ShotExpectations, Shot | None]:
    if isinstance(expectations_or_shot, Shot):
        return expectations_or_shot.expectations, expectations_or_shot
    if isinstance(expectations_or_shot, ShotExpectations):
        return expectations_or_shot, None
    if expectations_or_shot is None:
        return ShotExpectations(), None
    if isinstance(expectations_or_shot, dict):
        try:
            if "positive" in expectations_or_shot:
                s = Shot.model_validate(expectations_or_shot)
                return s.expectations, s
            return ShotExpectations.model_validate(expectations_or_shot), None
        except ValueError as e:
            raise InputError(f"not a shot or expectations: {e}") from None
    raise InputError(f"expected a Shot or ShotExpectations, got {type(expectations_or_shot).__name__}")


def vlm_images(frames: list[SampledFrame], *, quality: int = 85) -> list[bytes]:
    """JPEG bytes of each frame, scaled so the short side is between 448 and 720 px."""
    from PIL import Image

    out = []
    for f in frames:
        img = Image.fromarray(np.ascontiguousarray(f.image))
        short = min(img.size)
        target = min(max(short, VLM_MIN_SHORT_SIDE), VLM_MAX_SHORT_SIDE)
        if target != short:
            k = target / short
            img = img.resize((max(target, round(img.width * k)), max(target, round(img.height * k))), Image.LANCZOS)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)
        out.append(buf.getvalue())
    return out


async def ask_vlm(frames: list[SampledFrame], expect: ShotExpectations, shot: Shot | None, *, settings,
                  http_client: httpx2.AsyncClient | None = None) -> VlmAnswer:
    """Ask the configured OpenAI-compatible vision model about the frames (one retry on an unusable answer).

    Raises pydantic-ai's UnexpectedModelBehavior / ModelHTTPError / httpx2 errors; :func:`critique` turns
    those into a probes-only verdict with a warning.
    """
    from pydantic_ai import Agent, BinaryContent, PromptedOutput

    from agents.models import Endpoint, make_model

    ep = Endpoint(settings.critic_url.rstrip("/"), settings.critic_model or "default", settings.critic_api_key,
                  output_mode="json_object", label="critic")
    own = http_client is None
    client = http_client or httpx2.AsyncClient(timeout=httpx2.Timeout(settings.model_timeout_s, connect=10.0))
    try:
        agent = Agent(make_model(ep, client), output_type=PromptedOutput(VlmAnswer), name="critic",
                      instructions=load_prompt("critic_system"), retries={"output": 1},
                      model_settings={"temperature": 0.1, "max_tokens": 700})
        text = load_prompt("critic_user").format(
            **expect.model_dump(), n=len(frames), times=", ".join(f"{f.t:.2f} s" for f in frames),
            shot_line=f"Shot: {shot.title}. {shot.positive}" if shot else "")
        parts: list[Any] = [text]
        for f, jpg in zip(frames, vlm_images(frames)):
            parts += [f"frame {f.index} at {f.t:.2f} s:", BinaryContent(data=jpg, media_type="image/jpeg")]
        res = await agent.run(parts)
        log.info("critic_vlm", model=ep.model, frames=len(frames))
        return res.output
    finally:
        if own:
            await client.aclose()


async def critique(clip_path: str | Path, expectations_or_shot: ShotExpectations | Shot | dict | None = None, *,
                   settings, studio: Studio | str | Path, sheet_path: str | Path | None = None,
                   http_client: httpx2.AsyncClient | None = None, limits: Limits = Limits(),
                   vlm_frames: int = 6, use_vlm: bool = True) -> Verdict:
    """Critique one clip against a shot (or bare expectations). Async.

    Args:
        clip_path: the clip, inside the studio folder.
        expectations_or_shot: a Shot (duration and fps are checked too), ShotExpectations, or their dict.
        settings: nightreel Settings (critic_url/critic_model/critic_api_key, model_timeout_s).
        studio: the Studio (or its root folder); every path must resolve inside it.
        sheet_path: where to write the contact sheet PNG (inside the studio), or None.
        http_client: an injected httpx2.AsyncClient for the VLM (tests pass a MockTransport).
        limits: decode/analysis bounds.
        vlm_frames: frames sent to the VLM.
        use_vlm: set False to skip the VLM even when one is configured.

    Returns:
        The Verdict; ``source`` says whether a VLM took part, ``probes`` holds the measurements.
    """
    root = studio.root if isinstance(studio, Studio) else Path(studio).expanduser().resolve()
    expect, shot = _split(expectations_or_shot)
    if sheet_path is not None:
        check_inside(sheet_path, root)
    info = await asyncio.to_thread(probe, clip_path, root=root, limits=limits)
    report = await asyncio.to_thread(run_probes, info.path, root=root, limits=limits, info=info,
                                     expect_text=expect.text_in_frame)
    verdict = judge(report, expect, shot, retrieved=retrieved_name(info.path))
    frames: list[SampledFrame] | None = None
    if use_vlm and settings.critic_url:
        frames = await asyncio.to_thread(sample_frames, info.path, vlm_frames, root=root, info=info,
                                         width=min(info.width, 1280), limits=limits)
        from pydantic_ai.exceptions import AgentRunError

        try:
            answer = await ask_vlm(frames, expect, shot, settings=settings, http_client=http_client)
            verdict = cross_check(verdict, answer)
        except (AgentRunError, httpx2.HTTPError, ValueError) as e:  # any VLM failure: probes-only, loudly
            msg = f"warning: the vision model at {settings.critic_url} gave no usable answer ({e.__class__.__name__}: " \
                  f"{str(e)[:160]}); this verdict is probes-only"
            log.warning("critic_vlm_failed", error=str(e)[:300])
            verdict = verdict.model_copy(update={"reasons": [*verdict.reasons, msg]})
    if sheet_path is not None:
        title = (f"{verdict.verdict.upper()} · {Path(info.path).name} · {info.width}x{info.height} "
                 f"{info.fps:g} fps {info.duration_s:.2f} s · {verdict.source}")
        await asyncio.to_thread(contact_sheet, info.path, sheet_path, root=root, evidence=verdict.evidence,
                                title=title, info=info, n=8)
    log.info("critique", clip=Path(info.path).name, verdict=verdict.verdict, source=verdict.source)
    return verdict


def critique_sync(*args, **kwargs) -> Verdict:
    """:func:`critique` for synchronous callers (not from inside a running event loop)."""
    return asyncio.run(critique(*args, **kwargs))
