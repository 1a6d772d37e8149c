"""The agents (floor 3): planner, critic, chat; the ``RunContext[Deps]`` tools the models call; the model
factory and the embedded llama server. Imports tools, memory, prompts and the kernel; never evals or app.

Public names are re-exported lazily so importing one agent does not load the others' dependencies.
"""

from __future__ import annotations

import importlib

_LAZY = {
    "critique": "agents.critic", "critique_sync": "agents.critic",
    "judge": "agents.verdict", "cross_check": "agents.verdict", "VlmAnswer": "agents.verdict",
    "critique_clip": "agents.critic_tools", "salvage_clip": "agents.critic_tools", "rerender_shot": "agents.critic_tools",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'agents' has no attribute {name!r}")
