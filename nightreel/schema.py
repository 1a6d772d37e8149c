"""Shared domain types. A leaf: imports nothing of ours.

Every other package speaks these types: the planner writes a `Storyboard` of `Shot`s,
the render layer turns a shot into a `RenderJob` and a `Clip`, the critic measures a
`ProbeReport` and gives a `Verdict`, memory stores `Lesson`s and `Outcome`s.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

Target = Literal["draft", "final", "still"]
People = Literal["none", "allowed", "required"]
CameraMove = Literal["locked", "dolly_in", "dolly_out", "pan", "orbit", "handheld", "any"]
Motion = Literal["still", "subtle", "strong"]
VerdictKind = Literal["accept", "salvage", "rerender", "reject"]

#: Which video/image model each tier means.
TARGET_MODEL: dict[str, str] = {"draft": "LTX-2", "final": "Wan 2.2", "still": "FLUX.2"}

#: Longest clip each target makes in one render (Wan 2.2 I2V: 81 frames at 16 fps; LTX-2 drafts: ~10 s).
TARGET_MAX_S: dict[str, float] = {"draft": 10.0, "final": 5.0, "still": 5.0}

#: Frames per second each target renders at (Wan 2.2 14B: 16 fps; LTX-2: 24 fps).
TARGET_FPS: dict[str, int] = {"draft": 24, "final": 16, "still": 1}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_id(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:12]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ShotExpectations(BaseModel):
    """What the critic will check the clip against. Follows from the brief."""

    model_config = ConfigDict(extra="forbid")

    people: People = Field("allowed", description="none: nobody may be visible; allowed; required")
    camera: CameraMove = Field("any", description="the camera move the shot asks for")
    motion: Motion = Field("subtle", description="how much moves in frame")
    loopable: bool = Field(False, description="the clip must loop seamlessly")
    text_in_frame: bool = Field(False, description="the brief wants words on screen (overlay later)")


class ShotDraft(BaseModel):
    """One shot as the planner model writes it (the structured-output schema)."""

    title: str = Field(description="short title of the shot")
    duration_s: float = Field(description="seconds, 2-10 typical (clamped to 1-20 after decoding)")
    target: Target = Field(description="draft = LTX-2, final = Wan 2.2, still = FLUX.2")
    positive: str = Field(description="the prompt for the video model, in that model's style")
    negative: str = Field(description="what must not appear")
    camera: str = Field(description="camera mechanics: tripod, dolly in, slow pan...")
    lighting: str = Field(description="the light of the shot")
    audio: str = Field("", description="sound layer (LTX-2 drafts only)")
    expectations: ShotExpectations


class Shot(ShotDraft):
    """A shot ready for the video model: the draft plus what nightreel added."""

    id: str = Field(default_factory=lambda: new_id("shot-"))
    seed: int = 0
    lessons_applied: list[str] = Field(default_factory=list)
    lint: list[str] = Field(default_factory=list, description="what the lint changed or warns about")
    start_image: str | None = None


class StoryboardDraft(BaseModel):
    """The storyboard as the planner model writes it."""

    title: str
    shots: list[ShotDraft]


#: Per-field maxLength while decoding. Empty on purpose: llama.cpp compiles maxLength into nested
#: optional rules, which made grammar-constrained sampling 2.7x slower here (0.9 vs 2.4 tok/s, same
#: load) and ~1000 levels overflow the server's worker stack ("failed to parse grammar"). Output is
#: bounded by max_tokens instead and long titles are cut after decoding.
DRAFT_FIELD_LIMITS: dict[str, int] = {}


def storyboard_draft_model(n_shots: int) -> type[StoryboardDraft]:
    """A StoryboardDraft whose schema demands exactly `n_shots` shots (for constrained decoding)."""
    fields = {name: (str, Field(..., max_length=limit, description=ShotDraft.model_fields[name].description))
              for name, limit in DRAFT_FIELD_LIMITS.items()}
    shot_model = create_model("ShotDraft", __base__=ShotDraft, **fields) if fields else ShotDraft
    return create_model(  # type: ignore[return-value]
        "StoryboardDraft",
        __base__=StoryboardDraft,
        shots=(Annotated[list[shot_model], Field(min_length=n_shots, max_length=n_shots)], ...),  # type: ignore[valid-type]
    )


class Brief(BaseModel):
    idea: str
    project: str = "default"
    shots: int = 6


class Storyboard(BaseModel):
    id: str = Field(default_factory=lambda: new_id("sb-"))
    title: str
    brief: Brief
    shots: list[Shot]
    model: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    lessons_recalled: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    planner_requests: int = Field(0, description="model requests the expansion took (1 = valid first try)")
    planner_seconds: float = 0.0
    tokens_in: int = 0
    tokens_out: int = 0

    def shot(self, shot_id: str) -> Shot:
        for s in self.shots:
            if s.id == shot_id:
                return s
        raise KeyError(shot_id)


class JobState(str, Enum):
    planned = "planned"
    submitted = "submitted"
    running = "running"
    done = "done"
    failed = "failed"
    lost = "lost"


#: Allowed transitions of the RenderJob state machine.
JOB_TRANSITIONS: dict[JobState, set[JobState]] = {
    JobState.planned: {JobState.submitted, JobState.failed},
    JobState.submitted: {JobState.running, JobState.done, JobState.failed, JobState.lost},
    JobState.running: {JobState.done, JobState.failed, JobState.lost},
    JobState.lost: {JobState.submitted, JobState.failed},
    JobState.failed: set(),
    JobState.done: set(),
}


class RenderJob(BaseModel):
    id: str = Field(default_factory=lambda: new_id("job-"))
    storyboard_id: str = ""
    project: str = "default"
    shot_id: str
    tier: Target = "draft"
    prompt_id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    server: str | None = None
    state: JobState = JobState.planned
    attempts: int = 0
    error: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    submitted_at: datetime | None = None
    finished_at: datetime | None = None
    clip_path: str | None = None


class Clip(BaseModel):
    path: str
    shot_id: str = ""
    job_id: str | None = None
    duration_s: float = 0.0
    fps: float = 0.0
    width: int = 0
    height: int = 0
    frames: int = 0
    provenance_path: str | None = None


class Evidence(BaseModel):
    """A checkable observation: what, when (seconds and frames), where (box, in pixels)."""

    what: str
    t_start: float
    t_end: float
    frame_start: int
    frame_end: int
    box: tuple[int, int, int, int] | None = None  # x, y, w, h
    words: list[str] | None = Field(None, description="text evidence: the lines read there, top to bottom "
                                                      "(None: not read; []: read, nothing legible)")


class ProbeReport(BaseModel):
    """What the measured probes found in a clip. Extended by tools.probes."""

    model_config = ConfigDict(extra="allow")

    duration_s: float
    fps: float
    width: int
    height: int
    frames: int
    people: list[Evidence] = Field(default_factory=list)
    hands: list[Evidence] = Field(default_factory=list)
    camera: CameraMove = "locked"
    motion: Motion = "still"
    motion_energy: float = 0.0
    flicker: list[Evidence] = Field(default_factory=list)
    black_frames: list[Evidence] = Field(default_factory=list)
    frozen: list[Evidence] = Field(default_factory=list)
    text: list[Evidence] = Field(default_factory=list, description="words in frame (tools.probes_text)")
    loop_seam_ssim: float | None = None


class Verdict(BaseModel):
    verdict: VerdictKind
    reasons: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    fix: str | None = Field(None, description="for rerender: what to change in the prompt")
    salvage: dict[str, Any] | None = Field(None, description="for salvage: the plan (trim/crop/pingpong)")
    source: Literal["probes", "probes+vlm"] = "probes"
    vlm_description: str | None = None
    disagreements: list[str] = Field(default_factory=list)
    probes: ProbeReport | None = None


#: How the critic's lines that are not findings begin: its notes ("note: …", "note (VLM, unmeasured): …"), the
#: statement of its method, and the line an accepted clip gets. They sit in ``Verdict.reasons`` beside the findings.
PROBES_ONLY = "checked by the measured probes only"
ALL_CHECKS_MATCH = "every measured check matches the shot"
NOT_FINDINGS = ("note", PROBES_ONLY, ALL_CHECKS_MATCH)


def finding_reasons(reasons: list[str]) -> list[str]:
    """The reasons that say what is wrong with a clip, without the critic's notes and method line: learning
    compares shots by why they were rejected, and "checked by the measured probes only" is no such why.

    >>> finding_reasons(["a person is visible", "note: the clip lasts 3 s", "checked by the measured probes only"])
    ['a person is visible']
    """
    return [r for r in reasons if not r.strip().lower().startswith(NOT_FINDINGS)]


LessonStatus = Literal["seeded", "proposed", "approved", "retired"]


class Lesson(BaseModel):
    id: str = Field(default_factory=lambda: new_id("lesson-"))
    trigger: str = Field(min_length=1)
    effect: str
    fix: str
    scope_target: Target | None = None
    scope_expectation: dict[str, Any] = Field(default_factory=dict)
    words: list[str] = Field(default_factory=list, description="machine-checkable trigger words")
    check: str | None = Field(None, description="name of a lint rule this lesson drives")
    evidence: str = ""
    source: str = ""
    times_confirmed: int = 0
    status: LessonStatus = "seeded"
    counts: dict[str, int] = Field(default_factory=dict, description="learned lessons: the counts behind the evidence")


class Outcome(BaseModel):
    id: str = Field(default_factory=lambda: new_id("out-"))
    shot_id: str
    project: str = "default"
    prompt: str
    negative: str = ""
    target: Target = "draft"
    params: dict[str, Any] = Field(default_factory=dict)
    expectations: ShotExpectations = Field(default_factory=ShotExpectations)
    verdict: VerdictKind
    reasons: list[str] = Field(default_factory=list)
    lessons_applied: list[str] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utcnow)
    note: str = Field("", description="the person's review note, stored whole and searched with the prompt")
    clip: str | None = Field(None, description="the rendered clip this outcome judged (may since have been deleted)")
    storyboard_id: str | None = None


class ContestResult(BaseModel):
    model: str
    rating: float
    ci_low: float
    ci_high: float
    wins: int = 0
    losses: int = 0
    ties: int = 0
    seconds_per_storyboard: float = 0.0
    tokens_per_s: float = 0.0
    peak_memory_mb: float | None = None
    failed: bool = False
    notes: list[str] = Field(default_factory=list)
