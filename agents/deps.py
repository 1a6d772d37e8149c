"""The dependencies every agent run gets (pydantic-ai ``RunContext[Deps]``); no module globals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from nightreel.studio import Studio

if TYPE_CHECKING:  # only for type checkers: the direction of imports stays one way
    from nightreel.config import Settings
    from nightreel.schema import Storyboard

__all__ = ["Deps", "Workspace"]


@dataclass
class Workspace:
    """Mutable state a conversation works on (the storyboard being edited, the renders it started)."""

    storyboard: "Storyboard | None" = None
    notes: list[str] = field(default_factory=list)
    planner: Any = None            # the Endpoint the chat agent runs on (its tools call the planner too)
    draft_model: Any = None        # replaces the planner's model for storyboard drafts (tests: FunctionModel)
    line: str = ""                 # what the person just said (a save path outside the studio must appear in it)
    save_anywhere: bool = False    # the CLI: the person's own paths are theirs; the web: inside the studio only
    saved_to: Any = None           # the storyboard.json a tool saved this turn
    critiques: list = field(default_factory=list)   # (shot number, CritiqueResult) the critic gave this turn
    named_shots: set = field(default_factory=set)   # ids of the shots the person's line names (drop_shot's guard)
    jobs: dict[tuple[str, str], str] = field(default_factory=dict)   # (shot id, tier) -> ledger job id
    rerenders: dict[str, int] = field(default_factory=dict)           # shot id -> re-renders started (bounded)
    render_opener: Any = None      # async () -> Deps with ledger + comfy, opened on the first render
    render_deps: Any = None


@dataclass(frozen=True)
class Deps:
    settings: "Settings"
    studio: Studio
    http: httpx.AsyncClient | None = None      # ComfyUI's client (the pool's)
    memory: Any = None      # memory.store.MemoryStore when available; None = seeded lessons only
    ledger: Any = None      # nightreel.ledger.Ledger when rendering
    comfy: Any = None       # tools.comfy pool when rendering
    vlm_http: Any = None    # the VLM critic's httpx2 client (tests inject one); None: it opens its own
    footage: Any = None     # tools.footage.FootageIndex: the real clips the footage workflow retrieves (lazy)
    workspace: Workspace = field(default_factory=Workspace)
    run_id: str = ""
