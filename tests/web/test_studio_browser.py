"""The studio in a real browser, against the embedded planner and the embedded ComfyUI:
brief → panels → render drafts (double-clicked: one job per shot) → progress reaches done →
a clip plays → reject one → reload: the decision is kept, and the CLI's dailies say the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from nightreel.config import load_settings
from nightreel.ledger import Ledger
from app.night_store import NightStore
from nightreel.studio import Studio
from app.web import create_app
from tests.web.conftest import live_server

pytestmark = pytest.mark.slow

BRIEF = "An empty kitchen at dawn, nobody in the room, steam rising from a kettle, the camera on a tripod."


def test_brief_panels_render_play_reject_reload(browser, llama_endpoint, comfy_server, tmp_path, shots_dir,
                                                monkeypatch):
    studio = Studio.open(tmp_path / "studio")
    monkeypatch.setenv("NIGHTREEL_STUDIO", str(studio.root))
    settings = load_settings(studio=studio.root, planner_url=llama_endpoint.base_url,
                             planner_model=llama_endpoint.model, planner_output="json_object",
                             planner_tools="off", comfy_urls=[comfy_server])  # SmolLM2: the chat rules answer
    app = create_app(settings, studio, workflow="animatic", memory=False, default_shots=2)
    with live_server(app) as url:
        ctx = browser.new_context(viewport={"width": 1440, "height": 1100})
        page = ctx.new_page()
        try:
            page.goto(url)
            expect(page.locator("#status-planner")).to_have_text("planner: ready", timeout=60_000)
            # a brief in the chat becomes a storyboard of two panels (SmolLM2 on a loaded box: minutes)
            page.fill("#chat-line", BRIEF)
            page.fill("#chat-shots", "2")
            page.click("#chat-send")
            expect(page.locator(".msg.you")).to_contain_text("empty kitchen")
            expect(page.locator(".msg.thinking")).to_be_visible()
            page.wait_for_url("**/sb/sb-*", timeout=900_000)
            expect(page.locator(".panel")).to_have_count(2)
            expect(page.locator(".msg.planner").first).to_be_visible()
            expect(page.locator(".panel .e-people").first).to_have_value("none")  # the brief's "nobody" is kept
            page.screenshot(path=str(shots_dir / "1-panels.png"), full_page=True)
            item_id = render_play_reject(page, studio, shots_dir)
        except Exception:
            page.screenshot(path=str(shots_dir / "failure.png"), full_page=True)
            raise
        finally:
            ctx.close()
    check_cli_sees_it(studio, item_id)


def render_play_reject(page, studio: Studio, shots_dir) -> str:
    """From a storyboard page: shorten the shots, render drafts, play a clip, reject one, reload."""
    sb_id = page.evaluate("document.body.dataset.sb")
    shot_ids = page.locator(".panel").evaluate_all("els => els.map(e => e.dataset.shot)")
    # edit the panels (2 s each, so the animatics are quick) and save: v2
    for dur in page.locator(".panel .f-duration").all():
        dur.fill("2")
    page.click("#save-board")
    expect(page.locator("#notice")).to_contain_text("Saved as v")
    expect(page.locator("#status-comfy")).to_have_text("ComfyUI: ready", timeout=120_000)

    # render drafts, double-clicked: the progress of every shot reaches done
    page.dblclick("#render-draft")
    for sid in shot_ids:
        expect(page.locator(f'.progress[data-shot="{sid}"] .state')).to_contain_text("draft: done", timeout=600_000)
    page.screenshot(path=str(shots_dir / "2-rendered.png"), full_page=True)

    # the critic's verdicts arrive as dailies cards with playable clips
    expect(page.locator("#dailies .card")).to_have_count(2, timeout=600_000)
    for sid in shot_ids:
        expect(page.locator(f'.progress[data-shot="{sid}"] .state')).to_contain_text("critic:", timeout=120_000)

    # one job per shot in the ledger, shown on the page, although the button was clicked twice
    page.reload()
    expect(page.locator(".job")).to_have_count(2)
    with Ledger.open(studio) as ledger:
        assert sorted(j.shot_id for j in ledger.jobs(storyboard_id=sb_id)) == sorted(shot_ids)

    # a clip plays
    video = page.locator("#dailies .card video").first
    video.scroll_into_view_if_needed()
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => { const v = document.querySelector('#dailies .card video');"
                           " return v && v.currentTime > 0.2 && v.videoWidth > 0; }", timeout=60_000)
    page.screenshot(path=str(shots_dir / "3-playing.png"), full_page=True)

    # reject one; reload; the decision is kept
    card = page.locator("#dailies .card").nth(1)
    item_id = card.get_attribute("data-item")
    card.locator(".note").fill("the kettle is off-centre")
    card.locator('button[data-action="reject"]').click()
    expect(page.locator(f'.card[data-item="{item_id}"] .decision')).to_contain_text("rejected", timeout=30_000)
    page.reload()
    expect(page.locator(f'.card[data-item="{item_id}"] .decision')).to_contain_text(
        "rejected — the kettle is off-centre")
    page.locator(f'.card[data-item="{item_id}"]').scroll_into_view_if_needed()
    page.screenshot(path=str(shots_dir / "4-rejected-after-reload.png"), full_page=True)
    return item_id


def check_cli_sees_it(studio: Studio, item_id: str) -> None:
    # the same store the CLI's `nightreel review` writes to
    with NightStore.open(studio) as store:
        assert [(r.action, r.note) for r in store.reviews(item_id)] == [("reject", "the kettle is off-centre")]

    # and the other way round: the CLI's dailies page shows the studio's clips and the decision
    from typer.testing import CliRunner

    from app.cli import app as cli

    res = CliRunner().invoke(cli, ["dailies", "--print-path"])
    assert res.exit_code == 0, res.output
    html = Path(res.output.strip().splitlines()[-1]).read_text()
    assert "reject: the kettle is off-centre" in html
