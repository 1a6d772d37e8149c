"""Fixtures of the critic tests: one studio for the session, the test clips built once, probes run once per clip."""

from __future__ import annotations

import pytest

from tests.critic import clips as _clips


@pytest.fixture(scope="session")
def critic_studio(tmp_path_factory):
    from nightreel.studio import Studio

    return Studio.open(tmp_path_factory.mktemp("critic") / "studio")


@pytest.fixture(scope="session")
def clip(critic_studio):
    """clip(kind) -> path of a test clip inside the session studio (built on first use)."""
    made: dict[str, object] = {}

    def get(kind: str):
        if kind not in made:
            made[kind] = _clips.make(kind, critic_studio.root / "clips", critic_studio.root)
        return made[kind]

    return get


@pytest.fixture(scope="session")
def report(clip, critic_studio):
    """report(kind) -> the ProbeReport of that clip (probes run once per clip per session)."""
    from tools.probes import run_probes

    done: dict[str, object] = {}

    def get(kind: str):
        if kind not in done:
            done[kind] = run_probes(clip(kind), root=critic_studio.root)
        return done[kind]

    return get


@pytest.fixture(autouse=True)
def _fresh_logging():
    """The CLI configures structlog to print to the stderr CliRunner swaps in (and closes); undo it after each test."""
    import structlog

    yield
    structlog.reset_defaults()
