"""The dependencies every agent run gets (pydantic-ai ``RunContext[Deps]``); no module globals."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import httpx

from nightreel.studio import Studio

if TYPE_CHECKING:  # only for type checkers: the direction of imports stays one way
    from pydantic_ai.models import Model

    from agents.models import Endpoint
    from nightreel.config import Settings
    from nightreel.schema import Storyboard

__all__ = ["By", "Deps", "Tier", "Workspace"]

#: who made a step: "agent" = the model's own tool call; "rule" = a rule's substitute for the model's call (the
#: model's call kept as the step's args) or the rules' fallback when the model did not do the work
By = Literal["agent", "rule"]
Tier = Literal["draft", "final"]


@dataclass
class Workspace:
    """Mutable state a conversation works on (the storyboard being edited, the renders it started).

    One per conversation: `jobs` and `rerenders` carry across its turns; `line`, `saved_to`, `critiques`,
    `named_shots`, `acts` and `notes` are this turn's.
    """

    storyboard: Storyboard | None = None
    notes: list[str] = field(default_factory=list)   # what a tool left undone this turn (the reply carries it)
    planner: Endpoint | None = None                  # the endpoint the chat agent runs on (its tools call it too)
    draft_model: Model | None = None                 # replaces the planner's model for drafts (tests: FunctionModel)
    line: str = ""                 # what the person just said (a save path outside the studio must appear in it)
    save_anywhere: bool = False    # the CLI: the person's own paths are theirs; the web: inside the studio only
    saved_to: Path | None = None   # the storyboard.json a tool saved this turn
    critiques: list[tuple[int, Any]] = field(default_factory=list)   # (shot number, CritiqueResult) this turn
    named_shots: set[str] = field(default_factory=set)   # ids of the shots the person's line names (drop_shot)
    acts: set[str] = field(default_factory=set)   # this turn's renders, salvages, crops, saves done (no repeats)
    refused: set[str] = field(default_factory=set)  # this turn's acts a guardrail refused as not asked for
    rendered_before: set[str] = field(default_factory=set)   # ids of the shots with a render when the turn began
    offered: bool = False    # the last turn refused an act as not asked for (its reply offered it): "yes" takes it
    jobs: dict[tuple[str, Tier], str] = field(default_factory=dict)   # (shot id, tier) -> ledger job id
    rerenders: dict[str, int] = field(default_factory=dict)           # shot id -> re-renders started (bounded)
    render_opener: Callable[[], Awaitable[Deps]] | None = None    # opens Deps with ledger + comfy on the first render
    render_deps: Deps | None = None


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
