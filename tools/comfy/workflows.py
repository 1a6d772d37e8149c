"""Workflows: official ComfyUI templates (UI format) -> API graphs, patched for one shot, fixed for the box.

Templates come from the PyPI package ``comfyui-workflow-templates-json``; UI -> API conversion is
comfy-cli's offline converter ``convert_ui_to_api`` (never hand-rolled). A user's own export (UI or
API format) works the same way. Then, in order: constants the server cannot evaluate are inlined
(newer templates use ComfySwitchNode / ComfyMathExpression), the box fixes of the seed article are
applied and reported (sageattn -> sdpa, TorchCompile* disconnected, backslash model paths flattened),
the shot is patched in by node type/title, and :func:`check_graph` (the preflight) names every node
class or model file the server lacks and the folder the file belongs in.
"""

from __future__ import annotations

import ast
import copy
import difflib
import json
import math
import operator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PureWindowsPath
from typing import Any

from comfy_cli.workflow_to_api import WorkflowConversionError, convert_ui_to_api, is_api_format

from nightreel.errors import InputError
from nightreel.schema import TARGET_FPS, Shot

__all__ = [
    "TIER_TEMPLATES",
    "BuiltGraph",
    "apply_box_fixes",
    "check_graph",
    "combo_options",
    "frames_for",
    "inline_constants",
    "list_templates",
    "load_workflow",
    "patch_graph",
    "prune",
    "to_api",
]

#: Official template per tier, (text-to-video, image-to-video).
TIER_TEMPLATES: dict[str, tuple[str, str]] = {
    "draft": ("video_ltx2_t2v", "video_ltx2_i2v"),
    "final": ("video_wan2_2_14B_t2v", "video_wan2_2_14B_i2v"),
    "still": ("image_flux2_text_to_image", "image_flux2_text_to_image"),
}
_MODEL_EXT = (".safetensors", ".ckpt", ".pt", ".pth", ".bin", ".gguf", ".sft", ".onnx")
#: input name -> the models/ folder ComfyUI looks in
_FOLDERS = {"unet_name": "diffusion_models", "ckpt_name": "checkpoints", "vae_name": "vae", "lora_name": "loras",
            "clip_name": "text_encoders", "clip_name1": "text_encoders", "clip_name2": "text_encoders",
            "text_encoder": "text_encoders", "model_name": "upscale_models", "control_net_name": "controlnet",
            "clip_vision": "clip_vision", "audio_vae": "vae", "ckpt": "checkpoints"}


@dataclass
class BuiltGraph:
    """An API graph ready to send, and how it was made (for the provenance sidecar)."""

    graph: dict
    workflow: str                      # animatic | template | a path
    template: str | None = None
    fixes: list[str] = field(default_factory=list)
    inputs: dict[str, Any] = field(default_factory=dict)


def frames_for(duration_s: float, fps: int) -> int:
    """Video models want 4k+1 frames: 5 s at 16 fps -> 81."""
    return int(round(duration_s * fps)) + 1


def _templates_dir() -> Path:
    return Path(str(resources.files("comfyui_workflow_templates_json") / "templates"))


def list_templates(prefix: str = "") -> list[str]:
    return sorted(p.stem for p in _templates_dir().glob("*.json")
                  if not p.stem.startswith("index") and p.stem.startswith(prefix))


def load_workflow(name_or_path: str, *, root: Path | None = None) -> tuple[dict, str]:
    """An official template by name, or a user's exported workflow file. Returns (workflow, label)."""
    p = Path(name_or_path).expanduser()
    if p.suffix == ".json" and p.is_file():
        if root is not None:
            from nightreel.studio import check_inside
            p = check_inside(p, root)
        try:
            return json.loads(p.read_text()), str(p)
        except ValueError as e:
            raise InputError(f"{p} is not a JSON workflow: {e}") from None
    path = _templates_dir() / f"{name_or_path}.json"
    if "/" in name_or_path or not path.is_file():
        names = list_templates()
        close = difflib.get_close_matches(name_or_path, names, n=5, cutoff=0.5)
        video = [n for n in names if n.startswith(("video_wan2_2", "video_ltx2_", "image_flux2_"))]
        raise InputError(f"no template {name_or_path!r}. " + (f"Did you mean: {', '.join(close)}? " if close else "")
                         + f"Valid video/image templates: {', '.join(video)} ({len(names)} in all; "
                         "`nightreel workflow build --list` shows every one)")
    return json.loads(path.read_text()), name_or_path


def to_api(workflow: dict, object_info: dict) -> dict:
    """UI -> API with comfy-cli's converter; an API-format graph passes through."""
    if is_api_format(workflow):
        return copy.deepcopy(workflow)
    try:
        return convert_ui_to_api(workflow, object_info)
    except WorkflowConversionError as e:
        raise InputError(f"cannot convert the workflow to API format: {e}") from None


def combo_options(object_info: dict, class_type: str, input_name: str) -> list | None:
    """The options of a combo input as the server lists them (old and new /object_info shapes)."""
    info = object_info.get(class_type) or {}
    for group in ("required", "optional"):
        spec = (info.get("input") or {}).get(group, {}).get(input_name)
        if not spec:
            continue
        if isinstance(spec[0], list):
            return spec[0]
        if spec[0] == "COMBO" and len(spec) > 1 and isinstance(spec[1], dict):
            return list(spec[1].get("options", []))
    return None


def _is_link(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], int)


def _replace_refs(graph: dict, old: list, new: Any) -> None:
    for node in graph.values():
        for k, v in list(node["inputs"].items()):
            if _is_link(v) and v == old:
                if new is None:
                    del node["inputs"][k]
                else:
                    node["inputs"][k] = copy.deepcopy(new)


_PRIMITIVES = {"PrimitiveInt", "PrimitiveFloat", "PrimitiveBoolean", "PrimitiveString", "PrimitiveStringMultiline"}
_SAFE_MATH = {"floor": math.floor, "ceil": math.ceil, "round": round, "min": min, "max": max, "abs": abs,
              "int": int, "float": float, "sqrt": math.sqrt}


_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow}


def _eval_math(expr: str, names: dict[str, Any]) -> float:
    """Evaluate a template's arithmetic (numbers, + - * / // % **, floor/ceil/round/min/max...) — never eval()."""

    def ev(node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.Name) and node.id in names:
            value = names[node.id]
            if isinstance(value, int | float):
                return value
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            left, right = ev(node.left), ev(node.right)
            if isinstance(node.op, ast.Pow) and abs(right) > 64:
                raise ValueError("exponent too large")
            return _BINOPS[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            v = ev(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _SAFE_MATH
                and not node.keywords):
            return _SAFE_MATH[node.func.id](*(ev(a) for a in node.args))
        raise ValueError(f"unsupported expression {ast.dump(node)[:60]}")

    return ev(ast.parse(expr.strip(), mode="eval"))


def _const(graph: dict, v: Any) -> tuple[bool, Any]:
    """(True, value) when `v` is a literal or a link to a primitive node's constant."""
    if not _is_link(v):
        return True, v
    src = graph.get(v[0])
    if src and src["class_type"] in _PRIMITIVES and not _is_link(src["inputs"].get("value")):
        return True, src["inputs"].get("value")
    return False, None


def inline_constants(graph: dict, object_info: dict) -> list[str]:
    """Resolve switch/math nodes the server lacks when their inputs are constants. Returns what was done."""
    done: list[str] = []
    changed = True
    while changed:
        changed = False
        for nid, node in list(graph.items()):
            ct = node["class_type"]
            if ct in object_info or nid not in graph:
                continue
            if ct == "ComfySwitchNode":
                ok, flag = _const(graph, node["inputs"].get("switch"))
                if ok:
                    branch = node["inputs"].get("on_true" if flag else "on_false")
                    _replace_refs(graph, [nid, 0], branch)
                    del graph[nid]
                    done.append(f"inlined {ct} {nid} (switch={flag})")
                    changed = True
            elif ct == "ComfyMathExpression":
                expr = node["inputs"].get("values.c") or node["inputs"].get("expression")
                names = {k.split(".", 1)[1]: v for k, v in node["inputs"].items() if k.startswith("values.") and k != "values.c"}
                vals = {k: _const(graph, v) for k, v in names.items()}
                if isinstance(expr, str) and all(ok for ok, _ in vals.values()):
                    try:
                        result = _eval_math(expr, {k: v for k, (_, v) in vals.items()})
                    except (ValueError, TypeError, ZeroDivisionError, SyntaxError, OverflowError):
                        continue  # left in the graph: the preflight names the node class the server lacks
                    for slot, value in ((0, float(result)), (1, int(result))):
                        _replace_refs(graph, [nid, slot], value)
                    del graph[nid]
                    done.append(f"inlined {ct} {nid} ({expr} = {result})")
                    changed = True
    prune(graph, object_info)
    return done


def prune(graph: dict, object_info: dict) -> None:
    """Drop nodes no output node depends on (orphaned primitives after inlining or patching)."""
    outputs = [nid for nid, n in graph.items()
               if (object_info.get(n["class_type"]) or {}).get("output_node") or n["class_type"].startswith(("Save", "Preview"))]
    keep: set[str] = set()
    stack = list(outputs)
    while stack:
        nid = stack.pop()
        if nid in keep or nid not in graph:
            continue
        keep.add(nid)
        stack.extend(v[0] for v in graph[nid]["inputs"].values() if _is_link(v))
    for nid in [n for n in graph if n not in keep]:
        del graph[nid]


def apply_box_fixes(graph: dict, object_info: dict) -> list[str]:
    """The seed article's fixes for new hardware. Returns one line per change."""
    fixes: list[str] = []
    for nid, node in list(graph.items()):
        ct = node["class_type"]
        if ct.startswith("TorchCompile"):
            passthrough = node["inputs"].get("model")
            _replace_refs(graph, [nid, 0], passthrough if _is_link(passthrough) else None)
            del graph[nid]
            fixes.append(f"disconnected {ct} node {nid} (torch.compile needs a Triton toolchain)")
            continue
        for k, v in node["inputs"].items():
            if isinstance(v, str) and "sage" in v.lower() and ("attention" in k.lower() or "attn" in v.lower()):
                opts = combo_options(object_info, ct, k) or ["sdpa"]
                new = next((o for o in ("sdpa", "default", "auto") if o in opts), opts[0])
                node["inputs"][k] = new
                fixes.append(f"node {nid} ({ct}) {k}: {v} -> {new}")
            elif isinstance(v, str) and "\\" in v and v.lower().endswith(_MODEL_EXT):
                flat = PureWindowsPath(v).name
                opts = combo_options(object_info, ct, k) or []
                match = next((o for o in opts if o == flat or o.replace("\\", "/").endswith("/" + flat)), flat)
                node["inputs"][k] = match
                fixes.append(f"node {nid} ({ct}) {k}: {v} -> {match}")
    return fixes


def _title(node: dict) -> str:
    return ((node.get("_meta") or {}).get("title") or "").lower()


def _upstream_text_node(graph: dict, ref: Any, depth: int = 0) -> str | None:
    if not _is_link(ref) or depth > 8 or ref[0] not in graph:
        return None
    node = graph[ref[0]]
    if node["class_type"].startswith("CLIPTextEncode") or "text" in node["inputs"]:
        return ref[0]
    for key in ("positive", "negative", "conditioning", "conditioning_to", "conditioning_1"):
        if key in node["inputs"]:
            # follow the same-named input through pass-through conditioning nodes
            pick = node["inputs"].get({0: "positive", 1: "negative"}.get(ref[1], key), node["inputs"][key])
            return _upstream_text_node(graph, pick, depth + 1)
    return None


def patch_graph(graph: dict, shot: Shot, *, fps: int, image_name: str | None = None,
                width: int | None = None, height: int | None = None, filename_prefix: str | None = None) -> dict:
    """Write the shot into the graph by node type/title. Returns what was set (for provenance)."""
    frames = frames_for(shot.duration_s, fps)
    set_: dict[str, Any] = {"frames": frames, "fps": fps, "seed": shot.seed}
    pos_ids = {nid for nid, n in graph.items() if n["class_type"].startswith("CLIPTextEncode") and "positive" in _title(n)}
    neg_ids = {nid for nid, n in graph.items() if n["class_type"].startswith("CLIPTextEncode") and "negative" in _title(n)}
    if not pos_ids or not neg_ids:  # no titles: trace the sampler's positive/negative inputs
        for n in graph.values():
            if "positive" in n["inputs"] and "negative" in n["inputs"]:
                pos_ids.add(_upstream_text_node(graph, n["inputs"]["positive"]) or "")
                neg_ids.add(_upstream_text_node(graph, n["inputs"]["negative"]) or "")
    for nid in pos_ids - {""}:
        graph[nid]["inputs"]["text"] = shot.positive
    for nid in neg_ids - {""} - pos_ids:
        graph[nid]["inputs"]["text"] = shot.negative
    set_["positive_nodes"], set_["negative_nodes"] = sorted(pos_ids - {""}), sorted(neg_ids - {""} - pos_ids)
    for nid, n in graph.items():
        ins, ct = n["inputs"], n["class_type"]
        if ct == "LoadImage" and image_name:
            ins["image"] = image_name
            set_["start_image"] = image_name
        if "length" in ins and ct not in _PRIMITIVES:
            ins["length"] = frames
        if ct == "CreateVideo" or ("fps" in ins and ct not in _PRIMITIVES) or ("frame_rate" in ins):
            key = "fps" if "fps" in ins or ct == "CreateVideo" else "frame_rate"
            ins[key] = float(fps)
        for key in ("seed", "noise_seed"):
            if key in ins and not _is_link(ins[key]) and ins.get("add_noise", "enable") != "disable":
                ins[key] = shot.seed
        if width and height and "width" in ins and "height" in ins and not ct.startswith(("Image", "Resize")):
            ins["width"], ins["height"] = width, height
        if filename_prefix and "filename_prefix" in ins:
            ins["filename_prefix"] = filename_prefix
    return set_


def check_graph(graph: dict, object_info: dict) -> list[str]:
    """The preflight: node classes the server lacks, and model files missing from its lists."""
    problems: list[str] = []
    missing_nodes = sorted({n["class_type"] for n in graph.values() if n["class_type"] not in object_info})
    if missing_nodes:
        problems.append(f"the server has no node class {', '.join(missing_nodes)} "
                        "(update ComfyUI or install the custom node that provides it)")
    by_folder: dict[str, list[str]] = {}
    for nid, n in graph.items():
        for k, v in n["inputs"].items():
            if not isinstance(v, str):
                continue
            opts = combo_options(object_info, n["class_type"], k)
            if v.lower().endswith(_MODEL_EXT) and (opts is None or v not in opts):
                by_folder.setdefault(_FOLDERS.get(k, k.removesuffix("_name") + "s"), []).append(v)
            elif n["class_type"] == "LoadImage" and k == "image" and opts is not None and v not in opts:
                problems.append(f"node {nid} LoadImage: the start image {v} is not in the server's input folder")
    for folder, files in sorted(by_folder.items()):
        problems.append(f"missing model files {', '.join(sorted(set(files)))}: put them in ComfyUI/models/{folder}/")
    return problems


def template_for(shot: Shot, tier: str) -> str:
    t2v, i2v = TIER_TEMPLATES[tier]
    return i2v if shot.start_image else t2v


def build_template_graph(shot: Shot, tier: str, object_info: dict, *, template: str | None = None,
                         image_name: str | None = None, filename_prefix: str | None = None,
                         root: Path | None = None) -> BuiltGraph:
    """Template (or a user's workflow) -> API graph for this shot, with fixes and the patch applied."""
    name = template or template_for(shot, tier)
    wf, label = load_workflow(name, root=root)
    graph = to_api(wf, object_info)
    fixes = inline_constants(graph, object_info)
    fixes += apply_box_fixes(graph, object_info)
    fps = TARGET_FPS.get(tier, 16) if tier in ("draft", "final") else 16
    inputs = patch_graph(graph, shot, fps=fps, image_name=image_name, filename_prefix=filename_prefix)
    prune(graph, object_info)
    return BuiltGraph(graph=graph, workflow="template", template=label, fixes=fixes, inputs=inputs)
