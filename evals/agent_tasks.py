"""The agent's job as contest tasks: the scripted chat requests, and what a model did with one.

A tasks file (``evals/tasks/agent.yaml``, the scripted requests of ``benchmarks/agent.py``) is a
YAML list (or a mapping with a ``tasks:`` list) of::

    - id: render-draft
      say: ["Render shot 2 as a draft, then have the critic look at it"]
      expect:
        - {tool: render_shot, args: {shot: 2, tier: draft}}
        - {tool: critique_clip}

``expect`` lists the calls the request should lead to, in order; ``args`` is a subset (only the
arguments named are checked). An empty ``expect`` means the request should call no tool.

A task is run by :mod:`evals.agent_runner` (simulated tool results) or, when ``live``, by
:mod:`evals.agent_live` (the real chat tools against a ledger and ComfyUI); :mod:`evals.agent_scoring` scores
the :class:`AgentTaskOutput`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from evals.dataset import (
    _line_of,  # one reader of YAML error locations for both task files
)
from nightreel.errors import InputError

__all__ = [
    "DEFAULT_AGENT_TASKS",
    "DEFAULT_CONTEXT",
    "NO_STORYBOARD",
    "AgentTask",
    "AgentTaskOutput",
    "ExpectedCall",
    "load_agent_tasks",
]

DEFAULT_AGENT_TASKS = Path(__file__).resolve().parent / "tasks" / "agent.yaml"

#: The storyboard the model sees before each scripted request, in the chat agent's own summary format
#: (a task's `context` replaces it; "No storyboard yet." for a task that starts from nothing). It is
#: ``storyboard_summary(evals.agent_live.live_storyboard())`` word for word (the live runner's real board; a test
#: keeps them equal).
NO_STORYBOARD = "No storyboard yet."   # a task's context for a chat that starts from nothing
DEFAULT_CONTEXT = (
    "Storyboard 'coffee at night' for the brief 'eight-second spot for a coffee, night atmosphere', 4 shot(s):\n"
    "1. Steam — 4 s draft; people none, camera locked, motion subtle; prompt: steam curls over an espresso cup on a "
    "dark counter, warm lamp light\n"
    "2. Rainy window — 4 s draft; people none, camera locked, motion subtle; prompt: rain runs down a café window at "
    "night, city lights blurred behind the glass\n"
    "3. Barista's hands — 4 s draft; people required, camera dolly_in, motion subtle; prompt: slow push in on a "
    "barista's hands tamping coffee\n"
    "4. Neon sign — 4 s still; people none, camera locked, motion still; prompt: a neon sign that reads OPEN LATE")


class ExpectedCall(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tool: str = Field(min_length=1)
    args: dict[str, Any] = Field(default_factory=dict)


class AgentTask(BaseModel):
    """One scripted request: what the person says (one line or several turns) and the calls expected."""

    model_config = ConfigDict(extra="allow")  # room for keys the agent benchmark adds

    id: str = Field(min_length=1)
    say: list[str] = Field(min_length=1)
    expect: list[ExpectedCall] = Field(default_factory=list)
    context: str | None = None
    live: bool = Field(False, strict=True, description="can run against a real ledger and ComfyUI (run_live_task)")

    @field_validator("say", mode="before")
    @classmethod
    def _one_line(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _live_starts_from_the_fixed_storyboard(self) -> AgentTask:
        if self.live and self.context is not None:
            raise ValueError("a live task starts from the fixed 4-shot storyboard: drop `context` or `live`")
        return self


class AgentTaskOutput(BaseModel):
    """What one model did with one scripted request."""

    model: str
    steps: list[dict[str, Any]] = Field(default_factory=list, description='{"tool", "args", "result", "ok"} in order')
    first_valid: bool = False
    first_note: str = ""
    second_look: str = ""   # no storyboard, a brief answered in words: what the model chose when asked again
    reply: str = ""
    error: str | None = None
    unavailable: bool = False
    seconds: float = 0.0
    requests: int = 0
    runner: str = "tools-api"
    live: bool = False  # run against a real ledger and ComfyUI (run_live_task)
    run_id: str = ""  # the ledger's run id of this task's recorded steps (live)
    ledger_jobs: list[dict[str, Any]] = Field(default_factory=list,
                                              description='live: {"job_id", "shot_id", "tier", "state", "clip_path", '
                                                          '"clip_exists"} of the jobs this task started, after it ended')
    ledger_steps: list[dict[str, Any]] = Field(default_factory=list,
                                               description='live: {"tool", "args", "result", "ok"} as the ledger recorded them')


def load_agent_tasks(path: str | Path | None = None, *, limit: int | None = None) -> list[AgentTask]:
    """The scripted requests of a tasks file (the first `limit` when given).

    Raises:
        InputError: the file is not YAML, or a task is broken (names the file and the task's line).
    """
    path = Path(path or DEFAULT_AGENT_TASKS).expanduser()
    if not path.is_file():
        raise InputError(f"no agent tasks file at {path}; pass --agent-tasks FILE or --no-agent")
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise InputError(f"{where}: the agent tasks file is not valid YAML ({getattr(e, 'problem', None) or e})") from None
    node = root
    if isinstance(data, dict) and isinstance(data.get("tasks"), list):
        data = data["tasks"]
        node = next(v for k, v in root.value if getattr(k, "value", None) == "tasks")
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise InputError(f"{path}:1: an agent tasks file is a list of {{id, say, expect}} (or a mapping with `tasks:`)")
    tasks, seen = [], set()
    for i, (raw, item) in enumerate(zip(data, node.value)):
        line = item.start_mark.line + 1
        if not isinstance(raw, dict):
            raise InputError(f"{path}:{line}: task {i + 1} must be a mapping with id, say, expect")
        try:
            task = AgentTask.model_validate(raw)
        except ValidationError as e:
            err = e.errors()[0]
            loc = ".".join(str(x) for x in err.get("loc", ()))
            raise InputError(f"{path}:{_line_of(item, err.get('loc', ()))}: task {raw.get('id') or i + 1!r}: "
                             f"{loc}: {err.get('msg')}") from None
        if task.id in seen:
            raise InputError(f"{path}:{line}: task id {task.id!r} is used twice")
        seen.add(task.id)
        tasks.append(task)
    if not tasks:
        raise InputError(f"{path}: the agent tasks file has no tasks")
    if limit is not None:
        tasks = tasks[:limit]
    return tasks
