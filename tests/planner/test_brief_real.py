"""The brief reader and the prompt budget on the real embedded server (SmolLM2-135M, llama-cpp-python)."""

import json

import prompts
from agents.brief import BriefExtraction
from agents.planner import count_tokens, estimate_tokens, read_brief, user_prompt
from memory.lessons import seed_lessons
from nightreel.config import load_settings
from nightreel.schema import storyboard_draft_model


async def test_the_token_estimate_never_undercounts_what_the_server_counts(llama_endpoint):
    """The budget rests on the estimate for the fixed parts and the server's count for the brief."""
    schema = json.dumps(storyboard_draft_model(6).model_json_schema())
    parts = {"system": prompts.load("planner_system"),
             "output": prompts.load("planner_output").replace("{schema}", schema),
             "user": user_prompt("an empty cafe at night, locked-off tripod", 6, "auto", seed_lessons()),
             "brief_system": prompts.load("brief_system"),
             "brief_schema": json.dumps(BriefExtraction.model_json_schema())}
    for name, text in parts.items():
        exact = await count_tokens(llama_endpoint, text)
        assert exact is not None and 0 < exact <= estimate_tokens(text), name
    cjk = "夜のカフェ、誰もいない、三脚で固定。" * 20  # a script a small byte-level tokenizer rarely saw
    exact = await count_tokens(llama_endpoint, cjk)
    assert exact is not None and exact > 0  # counted by the server, whatever the estimate would say


async def test_the_reader_asks_the_real_model_and_the_rules_still_hold(llama_endpoint, studio):
    settings = load_settings(studio=studio.root)
    reading = await read_brief("An empty bedroom at night, locked-off tripod, a seamless loop, 10-second spot",
                               llama_endpoint, settings=settings)
    # the model was asked and answered (the grammar makes even a 135M model's answer schema-valid): a failed call
    # leaves a "brief reader: …" note and no model reading, and fails here
    assert reading.model_used and not any(n.startswith("brief reader") for n in reading.notes), reading.notes
    # ... and whatever a 135M model answered, what the brief states stands
    assert reading.expectations["people"] == "none" and reading.expectations["camera"] == "locked"
    assert reading.expectations["loopable"] is True and reading.total_duration_s == 10
