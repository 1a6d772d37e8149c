"""Settings: ``nightreel.toml`` in the studio folder, overridden by ``NIGHTREEL_*`` env vars.

Precedence (highest first): explicit arguments (the CLI's flags), environment
(``NIGHTREEL_PLANNER_URL`` ...), the studio's ``nightreel.toml``, defaults.
"""

from __future__ import annotations

import json

import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict,
                               TomlConfigSettingsSource)

from nightreel.errors import ConfigError
from nightreel.studio import default_studio_dir

__all__ = ["Settings", "load_settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NIGHTREEL_", extra="ignore")

    studio: Path = Field(default_factory=default_studio_dir, description="the studio folder")

    # planner: any OpenAI-compatible server; empty URL = the embedded llama-cpp-python server
    planner_url: str | None = Field(None, description="OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1")
    planner_model: str = Field("", description="model name the server knows (empty: the embedded default's)")
    planner_api_key: str = "sk-local"
    planner_output: Literal["auto", "json_object", "json_schema", "tool"] = Field(
        "auto", description="how structured output is asked for; auto = json_object+schema on the embedded server, json_schema elsewhere"
    )
    planner_tools: Literal["auto", "on", "off"] = Field(
        "auto", description="let the planner drive the chat and the night with tool calls; auto = when the model can "
        "(every configured server, the embedded Qwen 1.5B; not the tiny test models), off = rules decide")
    planner_chat_format: str = Field(
        "", description="set to chatml-function-calling when planner_url is a llama-cpp-python server started with "
        "that format (nightreel then fixes the wire for it, as for the embedded one)")
    embedded_model: Literal["qwen1.5b", "qwen0.5b", "smollm2", "gemma3"] = Field(
        "qwen1.5b", description="the embedded planner: qwen1.5b (the agent), qwen0.5b, smollm2 (fast, tests), gemma3")
    embedded_ctx: int = 8192
    embedded_threads: int = 2
    model_timeout_s: float = 600.0   # one planner/critic request (NIGHTREEL_MODEL_TIMEOUT_S); 2 cores, Qwen 1.5B: minutes
    model_retries: int = 2
    planner_max_requests: int = 12
    chat_max_rerenders: int = Field(3, ge=0, description="re-renders of one shot the chat agent may start")
    planner_temperature: float = 0.7
    night_decision_timeout_s: float = Field(180.0, description="the planner's time to decide on one clip; then the rule decides")
    night_learn_every: int = Field(4, ge=0, description="learn from the outcomes after every N judged clips (0: at the "
                                   "night's end only); a lesson proposed applies to the rest of the night as a proposal")
    planner_seed: int | None = Field(None, description="sampling seed sent to the planner (reproducible runs)")

    # critic VLM (optional; without it the critic is probes-only and says so)
    critic_url: str | None = None
    critic_model: str = ""
    critic_api_key: str = "sk-local"

    # ComfyUI: one URL or a pool; empty = the embedded model-free ComfyUI
    comfy_urls: Annotated[list[str], NoDecode] = Field(default_factory=list)
    workflow: Literal["auto", "footage", "animatic", "template"] = Field(
        "auto", description="auto: the official templates on configured servers; on the embedded one, footage (a real "
        "video-model generation retrieved from the template wheels by the shot's prompt, labelled as retrieved); "
        "animatic: storyboard cards moved by the camera")
    comfy_timeout_s: float = 30.0
    comfy_retries: int = 4

    default_shots: int = 6
    max_shots: int = 24
    max_idea_chars: int = 4000

    # the night
    night_start: str = "23:00"
    night_dawn: str = "07:00"
    dawn_policy: Literal["finish", "interrupt"] = "finish"
    # one memory pool (a 128 GB unified-memory box): hand memory between the planner and the video model
    night_free_between_phases: bool = Field(True, description="POST /free to ComfyUI when the night moves from drafts to finals")
    night_llm_stop_cmd: str = Field("", description="shell command run when planning is done (frees the planner's memory)")
    night_llm_start_cmd: str = Field("", description="shell command run before planning (starts the planner again)")

    # memory
    lesson_confirmations: int = 3

    @field_validator("comfy_urls", mode="before")
    @classmethod
    def _split(cls, v):  # NIGHTREEL_COMFY_URLS="http://a:8188,http://b:8188" (or a JSON list)
        if isinstance(v, str):
            text = v.strip()
            if text.startswith("["):
                try:
                    v = json.loads(text)
                except ValueError:
                    raise ValueError(f"comfy_urls: {text[:80]!r} is neither a JSON list nor comma-separated "
                                     "URLs") from None
            else:
                v = [u.strip() for u in text.split(",") if u.strip()]
        for u in v if isinstance(v, list) else []:
            if not (isinstance(u, str) and u.startswith(("http://", "https://"))):
                raise ValueError(f"comfy_urls: {u!r} is not an http:// or https:// URL")
        return v

    @classmethod
    def settings_customise_sources(
        cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = _studio_from_env_or_init(init_settings) / "nightreel.toml"
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml_path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)


def _studio_from_env_or_init(init_settings) -> Path:
    studio = init_settings.init_kwargs.get("studio") if hasattr(init_settings, "init_kwargs") else None
    return Path(studio).expanduser() if studio else default_studio_dir()


def load_settings(**overrides) -> Settings:
    """Settings from toml + env + the given overrides (None values are ignored)."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except ValidationError as e:
        err = e.errors()[0]
        key = ".".join(str(x) for x in err.get("loc", ())) or "?"
        raise ConfigError(key, err.get("msg", "a valid value"), err.get("input")) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError("nightreel.toml", f"valid TOML ({e})") from None
