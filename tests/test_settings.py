"""Settings a person types: ComfyUI URLs in the forms they come in, and a clear error for one that is not a URL."""

import pytest

from nightreel.config import load_settings
from nightreel.errors import ConfigError


@pytest.mark.parametrize("value", ["http://gpu-a:8188,http://gpu-b:8188", '["http://gpu-a:8188", "http://gpu-b:8188"]',
                                   " http://gpu-a:8188 , http://gpu-b:8188 "])
def test_comfy_urls_from_the_environment_as_a_list_or_comma_separated(value, monkeypatch, tmp_path):
    monkeypatch.setenv("NIGHTREEL_COMFY_URLS", value)
    assert load_settings(studio=tmp_path).comfy_urls == ["http://gpu-a:8188", "http://gpu-b:8188"]


@pytest.mark.parametrize("value", ["gpu-box:8188", '["http://gpu-a:8188"'])
def test_a_comfy_url_that_is_not_one_is_refused_naming_it(value, monkeypatch, tmp_path):
    """Before, '["http://…"]' was taken as one URL, brackets and all, and failed later as 'unreachable'."""
    monkeypatch.setenv("NIGHTREEL_COMFY_URLS", value)
    with pytest.raises(ConfigError, match="comfy_urls"):
        load_settings(studio=tmp_path)


def test_the_model_timeout_a_person_sets_bounds_the_planners_requests(monkeypatch, tmp_path):
    """The error a slow planner gives says to raise NIGHTREEL_MODEL_TIMEOUT_S; it has to reach the planner's client
    (it bounded only the critic's, the planner's stayed at a fixed 600 s)."""
    from agents.embedded_server import open_planner
    from agents.models import http_client_for

    monkeypatch.setenv("NIGHTREEL_MODEL_TIMEOUT_S", "1800")
    settings = load_settings(studio=tmp_path, planner_url="http://127.0.0.1:9/v1", planner_model="m")
    with open_planner(settings, tmp_path, tmp_path) as ep:
        assert http_client_for(ep).timeout.read == 1800
