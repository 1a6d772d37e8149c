"""Bad input on the studio page: services that are down, two tabs on one storyboard, hostile URLs,
requests without the CSRF or the access token. A real app, a real browser; no planner or ComfyUI
runs here on purpose (their URLs point at closed ports)."""

from __future__ import annotations

import os
import stat

import httpx
import pytest
from playwright.sync_api import expect

from agents.embedded_server import free_port
from nightreel.boards import load_storyboard, write_storyboard
from nightreel.config import load_settings
from nightreel.schema import Brief, Shot, ShotExpectations, Storyboard
from nightreel.studio import Studio
from app.web import create_app, is_loopback, load_or_create_token
from tests.web.conftest import live_server


def _storyboard() -> Storyboard:
    shots = [Shot(id=f"shot-{i}", title=f"Window light {i}", duration_s=3, target="draft",
                  positive=f"an empty room, morning light through blinds, take {i}", negative="people",
                  camera="locked-off tripod", lighting="soft morning", seed=i,
                  expectations=ShotExpectations(people="none", camera="locked"), lessons_applied=["gait words"])
             for i in (1, 2)]
    return Storyboard(id="sb-twotabs", title="Morning room", brief=Brief(idea="an empty room in the morning",
                                                                          project="demo"), shots=shots)


@pytest.fixture
def down_studio(tmp_path, monkeypatch):
    studio = Studio.open(tmp_path / "studio")
    monkeypatch.setenv("NIGHTREEL_STUDIO", str(studio.root))
    # a storyboard as `nightreel storyboard` writes it: the page shows it as it is
    write_storyboard(_storyboard(), studio.project_dir("demo") / "storyboards" / "sb-twotabs", "md")
    settings = load_settings(studio=studio.root, planner_url=f"http://127.0.0.1:{free_port()}/v1",
                             planner_model="nobody", comfy_urls=[f"http://127.0.0.1:{free_port()}"],
                             comfy_retries=1, comfy_timeout_s=2)
    return studio, settings


def test_down_services_two_tabs_and_the_chat_keeps_the_message(browser, down_studio, shots_dir):
    studio, settings = down_studio
    with live_server(create_app(settings, studio, memory=False)) as url:
        ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
        a, b = ctx.new_page(), ctx.new_page()
        a.goto(f"{url}/sb/sb-twotabs")
        b.goto(f"{url}/sb/sb-twotabs")
        expect(a.locator(".panel")).to_have_count(2)
        expect(a.locator(".panel .lessons").first).to_contain_text("gait words")
        # the page says which service is down
        expect(a.locator("#status-planner")).to_have_text("planner: down", timeout=60_000)
        expect(a.locator("#status-comfy")).to_have_text("ComfyUI: down", timeout=60_000)
        expect(a.locator("#down")).to_contain_text("planner is down")
        expect(a.locator("#down")).to_contain_text("ComfyUI is down")

        # a follow-up while the planner is down: said so, and the message stays in the box
        line = "make shot 1 a locked tripod"
        a.fill("#chat-line", line)
        a.click("#chat-send")
        expect(a.locator(".msg.error")).to_contain_text("planner")
        expect(a.locator("#chat-line")).to_have_value(line)
        # rendering while ComfyUI is down: said so
        a.click("#render-draft")
        expect(a.locator("#notice")).to_contain_text("ComfyUI")
        a.screenshot(path=str(shots_dir / "5-services-down.png"), full_page=True)

        # two tabs edit one storyboard: the last write wins, with a notice, and nothing is lost
        a.locator(".panel .f-title").first.fill("Edited in tab A")
        a.click("#save-board")
        expect(a.locator("#notice")).to_contain_text("Saved as v2")
        expect(b.locator("#notice")).to_contain_text("changed in another tab", timeout=15_000)
        b.locator(".panel .f-title").first.fill("Edited in tab B")
        b.click("#save-board")
        expect(b.locator("#notice")).to_contain_text("last write wins")
        expect(b.locator("#notice")).to_contain_text("storyboard.v2.json")
        b.screenshot(path=str(shots_dir / "6-two-tabs.png"), full_page=True)
        a.reload()
        expect(a.locator(".panel .f-title").first).to_have_value("Edited in tab B")
        expect(a.locator("#version")).to_have_text("v3")
        d = studio.project_dir("demo") / "storyboards" / "sb-twotabs"
        assert load_storyboard(d).shots[0].title == "Edited in tab B"   # the CLI reads the same file
        assert "Edited in tab A" in (d / "storyboard.v2.json").read_text()
        ctx.close()


def test_hostile_urls_csrf_and_no_delete(down_studio, tmp_path):
    studio, settings = down_studio
    (studio.outputs / "demo" / "poster.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG secret")
    (studio.outputs / "demo" / "link.png").symlink_to(outside)
    with live_server(create_app(settings, studio, memory=False)) as url, httpx.Client(base_url=url) as http:
        assert http.get("/files/projects/demo/poster.png").status_code == 200
        for hostile in ("/files/..%2F..%2F..%2Fetc%2Fpasswd", "/files/%2Fetc%2Fpasswd", "/files/projects/..%2F..%2Fsecret.png",
                        "/files/projects/demo/link.png", "/files/projects/demo/poster.png%00.png",
                        "/files/..%5C..%5Csecret.png"):
            r = http.get(hostile)
            assert r.status_code in (400, 404), hostile
            assert b"secret" not in r.content and b"root:" not in r.content
        assert http.get("/files/ledger.sqlite").status_code == 404          # not media: never served
        assert http.get("/files/projects/demo/nothing.mp4").status_code == 404
        assert http.get("/sb/..%2F..%2Fetc").status_code == 404
        assert http.get("/sb/sb-nope").status_code == 404

        page = http.get("/sb/sb-twotabs").text
        csrf = page.split('name="csrf-token" content="')[1].split('"')[0]
        body = {"version": 1, "shots": []}
        assert http.post("/api/sb/sb-twotabs/save", json=body).status_code == 403          # no CSRF token
        assert http.post("/api/sb/sb-twotabs/save", json=body, headers={"X-CSRF-Token": "guess"}).status_code == 403
        assert http.post("/api/sb/sb-twotabs/save", json=body, headers={
            "X-CSRF-Token": csrf, "Origin": "http://evil.example"}).status_code == 403        # another site
        ok = http.post("/api/sb/sb-twotabs/save", json=body, headers={"X-CSRF-Token": csrf})
        assert ok.status_code == 200 and ok.json()["version"] == 2
        bad = http.post("/api/review", json={"item": "it-nope", "action": "reject"}, headers={"X-CSRF-Token": csrf})
        assert bad.status_code == 400 and "no clip" in bad.json()["error"]
        for method in ("DELETE", "PUT", "PATCH"):
            r = http.request(method, "/sb/sb-twotabs", headers={"X-CSRF-Token": csrf})
            assert r.status_code == 405
        assert http.get("/sb/sb-twotabs").status_code == 200   # nothing was deleted


def test_a_non_loopback_studio_needs_its_token(down_studio):
    studio, settings = down_studio
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("100.64.1.2")
    token, created = load_or_create_token(studio)
    assert created and len(token) >= 24
    assert stat.S_IMODE(os.stat(studio.root / "web-token").st_mode) == 0o600
    assert load_or_create_token(studio) == (token, False)      # printed once: the second start finds it
    with live_server(create_app(settings, studio, token=token, memory=False)) as url:
        with httpx.Client(base_url=url) as http:
            assert http.get("/").status_code == 401
            assert http.get("/sb/sb-twotabs", params={"token": "wrong"}).status_code == 401
            assert http.get("/files/projects/demo/storyboards/sb-twotabs/storyboard.json").status_code == 401
            r = http.get("/", params={"token": token}, follow_redirects=False)
            assert r.status_code == 303 and "nightreel_token" in r.headers["set-cookie"]
            assert http.get("/sb/sb-twotabs").status_code == 200        # the cookie carries it now
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as http:
            assert http.get("/api/status").status_code == 200


def test_loopback_studio_refuses_a_foreign_host_header(tmp_path, studio):
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not reach the studio."""
    settings = load_settings(studio=studio.root, planner_url=f"http://127.0.0.1:{free_port()}/v1",
                             planner_model="nobody", comfy_urls=[f"http://127.0.0.1:{free_port()}"])
    with live_server(create_app(settings, studio, memory=False)) as url, httpx.Client(base_url=url) as http:
        assert http.get("/").status_code == 200
        assert http.get("/", headers={"Host": "evil.example"}).status_code == 421
        assert http.post("/api/chat", headers={"Host": "evil.example:80"}, data={"message": "hi"}).status_code == 421
