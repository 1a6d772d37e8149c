"""Tools the agents call (floor 2): ComfyUI (``tools.comfy``), media ops and the measured probes.
Imports the kernel and prompts only; independent of ``memory`` (import-linter checks both).

Public names are re-exported lazily (reading a clip needs PyAV/OpenCV/MediaPipe; importing
``tools.comfy`` should not load them).
"""

from __future__ import annotations

import importlib

_LAZY = {
    # tools.media: reading clips
    "MediaInfo": "tools.media", "Limits": "tools.media", "SampledFrame": "tools.media", "probe": "tools.media",
    "sample_frames": "tools.media", "decode_frames": "tools.media", "write_clip": "tools.media",
    # tools.media_ops: the salvage post tools
    "crop_scale": "tools.media_ops", "trim": "tools.media_ops", "pingpong": "tools.media_ops",
    "crossfade_loop": "tools.media_ops", "crossfade_into": "tools.media_ops", "web_optimise": "tools.media_ops",
    "apply_plan": "tools.media_ops",
    # contact sheet, corner tracking, probes
    "contact_sheet": "tools.sheet", "track_corners": "tools.track", "run_probes": "tools.probes",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tools' has no attribute {name!r}")
