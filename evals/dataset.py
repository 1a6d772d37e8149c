"""Contest tasks: briefs loaded from YAML as a pydantic-evals ``Dataset`` of ``Case``s.

A tasks file looks like ``evals/tasks/briefs.yaml``::

    name: nightreel-briefs
    cases:
      - name: empty-bedroom-glide
        inputs: {idea: "first-person glide into an empty bedroom", target: final}
        metadata: {expect: {people: none}}

Every case is validated on its own, so a broken one is reported with the file and the
line it starts on (or the line of the offending field) instead of a wall of pydantic text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_evals import Case, Dataset

from nightreel.errors import InputError
from nightreel.schema import Shot, ShotExpectations, StoryboardDraft

__all__ = ["BriefInput", "BriefMeta", "PlanOutput", "ContestDataset", "load_tasks", "DEFAULT_TASKS", "LABELLED_TASKS",
           "default_tasks"]

DEFAULT_TASKS = Path(__file__).resolve().parent / "tasks" / "briefs.yaml"
#: Hand-labelled briefs (issue 13): `briefs: [{id, brief, people, camera, loopable, text_in_frame, ...}]`.
LABELLED_TASKS = Path(__file__).resolve().parent / "labelled" / "briefs.yaml"

_LABEL_DEFAULTS = {"people": "allowed", "camera": "any", "loopable": False, "text_in_frame": False}


def default_tasks() -> Path:
    """The contest's briefs: the labelled briefs when they are there, else evals/tasks/briefs.yaml."""
    return LABELLED_TASKS if LABELLED_TASKS.is_file() else DEFAULT_TASKS


def _from_labelled(data: dict, path: Path, root: yaml.Node) -> dict:
    """A labelled-briefs file as a tasks mapping: each brief a case whose `expect` is what its labels state."""
    node = next(v for k, v in root.value if getattr(k, "value", None) == "briefs")
    cases = []
    for i, (raw, item) in enumerate(zip(data["briefs"], node.value)):
        if not isinstance(raw, dict) or not raw.get("brief"):
            raise InputError(f"{path}:{item.start_mark.line + 1}: labelled brief {i + 1} needs `id` and `brief`")
        expect = {k: raw[k] for k, default in _LABEL_DEFAULTS.items() if k in raw and raw[k] != default}
        cases.append({"name": str(raw.get("id") or f"brief-{i + 1}"), "inputs": {"idea": raw["brief"]},
                      "metadata": {"expect": expect}})
    return {"name": data.get("name") or "labelled-briefs", "cases": cases}


class BriefInput(BaseModel):
    """What every planner is given for one case."""

    model_config = ConfigDict(extra="forbid")

    idea: str = Field(min_length=1, max_length=4000)
    target: Literal["auto", "draft", "final", "still"] = "auto"
    n_shots: int | None = Field(None, ge=1, le=12, description="overrides the contest's --shots for this brief")


class BriefMeta(BaseModel):
    """What the brief states explicitly (a subset of ShotExpectations), for the consistency scorer."""

    model_config = ConfigDict(extra="forbid")

    expect: dict[str, Any] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)

    @field_validator("expect")
    @classmethod
    def _known_keys(cls, v: dict[str, Any]) -> dict[str, Any]:
        ShotExpectations(**v)  # raises on unknown keys or values
        return v


class PlanOutput(BaseModel):
    """One planner's answer to one brief: the raw draft, what nightreel made of it, and its cost."""

    model: str
    ok: bool = False
    error: str | None = None
    unavailable: bool = False
    first_try: bool = False
    requests: int = 0
    seconds: float = 0.0
    input_tokens: int = 0
    output_tokens: int = 0
    target: str = "auto"
    n_shots: int = 0
    draft: StoryboardDraft | None = Field(None, description="what the model wrote, before nightreel's enforcement")
    shots: list[Shot] = Field(default_factory=list, description="after brief enforcement and lint")

    @property
    def tokens_per_s(self) -> float:
        return self.output_tokens / self.seconds if self.seconds > 0 else 0.0


ContestDataset = Dataset[BriefInput, PlanOutput, BriefMeta]


def _yaml_error(path: Path, e: yaml.YAMLError) -> InputError:
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    where = f"{path}:{mark.line + 1}" if mark else str(path)
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    return InputError(f"{where}: the tasks file is not valid YAML ({problem})")


def _line_of(node: yaml.Node, loc: tuple) -> int:
    """The 1-based line of the deepest YAML node along a pydantic error location."""
    line = node.start_mark.line + 1
    for key in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def load_tasks(path: str | Path | None = None, *, limit: int | None = None) -> ContestDataset:
    """The briefs of a tasks file as a Dataset (the first `limit` cases when given).

    Raises:
        InputError: the file is missing, is not YAML, or a case is broken (names file and line).
    """
    path = Path(path or default_tasks()).expanduser()
    if not path.is_file():
        raise InputError(f"no tasks file at {path}; pass --tasks FILE (see evals/tasks/briefs.yaml)")
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise _yaml_error(path, e) from None
    labelled = isinstance(data, dict) and isinstance(data.get("briefs"), list) and "cases" not in data
    if labelled:
        data = _from_labelled(data, path, root)
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list) or root is None:
        raise InputError(f"{path}:1: a tasks file is a mapping with a `cases:` list (see evals/tasks/briefs.yaml)")
    cases_node = next(v for k, v in root.value if getattr(k, "value", None) == ("briefs" if labelled else "cases"))
    cases: list[Case[BriefInput, PlanOutput, BriefMeta]] = []
    seen: set[str] = set()
    for i, (raw, node) in enumerate(zip(data["cases"], cases_node.value)):
        line = node.start_mark.line + 1
        if not isinstance(raw, dict):
            raise InputError(f"{path}:{line}: case {i + 1} must be a mapping with name, inputs, metadata")
        name = str(raw.get("name") or f"case-{i + 1}")
        unknown = set(raw) - {"name", "inputs", "metadata"}
        if unknown:
            raise InputError(f"{path}:{line}: case {name!r} has unknown keys {sorted(unknown)}; "
                             "use name, inputs, metadata")
        if name in seen:
            raise InputError(f"{path}:{line}: case name {name!r} is used twice")
        seen.add(name)
        inputs = _validate(BriefInput, raw.get("inputs"), "inputs", path, node, name)
        meta = _validate(BriefMeta, raw.get("metadata") or {}, "metadata", path, node, name)
        cases.append(Case(name=name, inputs=inputs, metadata=meta))
    if not cases:
        raise InputError(f"{path}: the tasks file has no cases")
    if limit is not None:
        if limit < 1:
            raise InputError(f"--limit must be at least 1, got {limit}")
        cases = cases[:limit]
    return ContestDataset(name=str(data.get("name") or path.stem), cases=cases)


def _validate(model: type[BaseModel], value: Any, section: str, path: Path, node: yaml.Node, name: str):
    try:
        return model.model_validate(value)
    except ValidationError as e:
        err = e.errors()[0]
        loc = (section, *err.get("loc", ()))
        field = ".".join(str(x) for x in loc)
        raise InputError(f"{path}:{_line_of(node, loc)}: case {name!r}: {field}: {err.get('msg')}") from None
