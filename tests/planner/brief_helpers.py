"""Helpers the brief reader's tests share: a scripted reading, a scripted model, the rules' sure value."""

from __future__ import annotations

import json

from pydantic_ai.messages import ModelResponse, TextPart, UserPromptPart
from pydantic_ai.models.function import AgentInfo, FunctionModel

from agents.brief import BriefExtraction, merge_readings, rule_reading

__all__ = ["read", "reading", "scripted", "sure"]


def sure(idea: str, field: str):
    """The value the rules are sure of for `field` (None when they only hint or read nothing)."""
    return rule_reading(idea).values.get(field)


def read(idea: str, field: str):
    """What the rules alone make of `field`: the sure value, else the hint, else the default."""
    return merge_readings(idea, None).full()[field]


def reading(**kw) -> BriefExtraction:
    """The model's first reading: every field at its default except those given."""
    base = {"people_words": "", "people": "allowed", "camera_words": "", "camera": "any", "loop_words": "",
            "loopable": False, "text_words": "", "text_in_frame": False, "duration_words": "", "total_duration_s": 0}
    return BriefExtraction(**{**base, **kw})


def scripted(first: BriefExtraction, look: dict, human: str = "thing", asked: list | None = None, *,
             field_looks: bool = True) -> FunctionModel:
    """A model that answers the reading call with `first`, a field's second look with `look`, and the question
    on a noun's kind with `human`. `asked` collects the kind questions, and the field looks too unless
    `field_looks` is False."""
    def fn(messages, info: AgentInfo):
        last = messages[-1].parts[-1]
        text = last.content if isinstance(last, UserPromptPart) else ""
        if text.startswith("Look again at one word only"):
            if asked is not None:
                asked.append(text)
            return ModelResponse(parts=[TextPart(json.dumps({"word": "x", "kind": human}))])
        if text.startswith("Look again"):
            if asked is not None and field_looks:
                asked.append(text)
            return ModelResponse(parts=[TextPart(json.dumps(look))])
        return ModelResponse(parts=[TextPart(first.model_dump_json())])
    return FunctionModel(fn)
