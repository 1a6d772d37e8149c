"""One card per clip, in one template: the static dailies page (`nightreel dailies`) and the studio's dailies
panel show the same decisions — who decided (the planner agent or the rule), the tool call and the reason.
A real night store, a real clip, the real app served on loopback (no planner or ComfyUI: closed ports)."""

from __future__ import annotations

from html.parser import HTMLParser

import httpx
import numpy as np

from agents.embedded_server import free_port
from app.dailies import write_dailies
from app.night_store import Item, NightStore
from app.web import create_app
from nightreel.config import load_settings
from nightreel.schema import Shot, ShotExpectations, Verdict
from tests.web.conftest import live_server
from tools.media import write_clip

AGENT = {"by": "agent", "action": "rerender", "tool": "rerender_shot",
         "args": {"change": "lock the camera on a tripod", "new_seed": True},
         "reason": "the camera drifts left in the last second", "note": ""}
RULE = {"by": "rule", "action": "accept", "tool": None, "args": None, "reason": "the critic accepted it",
        "note": "the planner did not answer: the rules decided"}


class _Cards(HTMLParser):
    """Each card's item id → the text of its decision lines, and the src of its video."""

    def __init__(self):
        super().__init__()
        self.decided: dict[str, list[str]] = {}
        self.video: dict[str, str] = {}
        self._item = self._line = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._item = a["data-item"]
            self.decided[self._item] = []
        elif tag == "video" and self._item:
            self.video[self._item] = a["src"]
        elif tag == "p" and "decided" in (a.get("class") or "").split():
            self._line = []

    def handle_endtag(self, tag):
        if tag == "p" and self._line is not None:
            self.decided[self._item].append(" ".join("".join(self._line).split()))
            self._line = None
        elif tag == "article":
            self._item = None

    def handle_data(self, data):
        if self._line is not None:
            self._line.append(data)


def _night_with_decisions(studio) -> tuple[str, str]:
    shot = Shot(title="Rain on the bus stop", duration_s=1, target="draft", positive="an empty bus stop, rain, night",
                negative="people", camera="tripod", lighting="sodium", expectations=ShotExpectations(people="none"))
    frames = [np.full((64, 96, 3), 30 + 5 * i, np.uint8) for i in range(16)]
    with NightStore.open(studio) as store:
        run = store.open_run(day="2026-03-02", start="23:00", dawn="07:00")
        ids = []
        for name, decisions, verdict in (("agent", [AGENT], "rerender"), ("rule", [RULE], "accept")):
            clip = write_clip(studio.project_dir("bus") / "clips" / f"{name}.mp4", frames, root=studio.root, fps=16)
            it = store.add_item(Item(run_id=run.id, project="bus", shot=shot, note_hash="h"))
            store.update_item(it.id, state="done", clip_path=str(clip), render_s=60.0, critic_s=5.0,
                              verdict=Verdict(verdict=verdict, reasons=[AGENT["reason"]]), decision=verdict,
                              decisions=decisions)
            ids.append(it.id)
        store.finish_run(run.id)
        page, _ = write_dailies(studio, store)
    return ids[0], page.read_text()


def test_an_agent_decision_shows_on_the_static_page_and_in_the_studio_panel(studio):
    agent_id, static_html = _night_with_decisions(studio)
    settings = load_settings(studio=studio.root, planner_url=f"http://127.0.0.1:{free_port()}/v1",
                             planner_model="nobody", comfy_urls=[f"http://127.0.0.1:{free_port()}"])
    with live_server(create_app(settings, studio, memory=False)) as url, httpx.Client(base_url=url) as http:
        panel = http.get("/dailies-fragment")
        full = http.get("/dailies")
    assert panel.status_code == 200 and full.status_code == 200

    call = "rerender_shot(change=lock the camera on a tripod, new_seed=True)"
    static, web = _Cards(), _Cards()
    static.feed(static_html)
    web.feed(panel.text)
    for cards in (static, web):
        [line] = cards.decided[agent_id]
        assert line.startswith("decided by the planner agent rerender")
        assert call in line and "the camera drifts left in the last second" in line
        assert any(ln.startswith("decided by the rule accept") for other, lines in cards.decided.items()
                   if other != agent_id for ln in lines)
    assert static.decided == web.decided                  # the same card, drawn by the same template
    assert "decided by the planner agent" in full.text and call in full.text   # the all-dailies page includes it

    # the links differ: the page opens from disk, the studio serves /files/ URLs and has its review buttons
    assert not static.video[agent_id].startswith("/") and web.video[agent_id].startswith("/files/")
    assert 'data-action="reject"' in panel.text and 'data-action="reject"' not in static_html
    assert 'id="f-project"' in static_html and 'id="f-project"' not in panel.text


def test_a_clip_waiting_for_the_parked_planner_says_so(studio):
    """Judged while the planner was parked: the card shows it awaits the decision, and no decision line yet."""
    shot = Shot(title="Steam", duration_s=1, target="draft", positive="steam over a cup", negative="people",
                camera="tripod", lighting="lamp", expectations=ShotExpectations(people="none"))
    frames = [np.full((64, 96, 3), 40 + 5 * i, np.uint8) for i in range(16)]
    with NightStore.open(studio) as store:
        run = store.open_run(day="2026-03-03", start="23:00", dawn="07:00")
        clip = write_clip(studio.project_dir("cafe") / "clips" / "wait.mp4", frames, root=studio.root, fps=16)
        waiting = store.add_item(Item(run_id=run.id, project="cafe", shot=shot, note_hash="h"))
        store.update_item(waiting.id, state="deciding", clip_path=str(clip), verdict=Verdict(verdict="accept"))
        done = store.add_item(Item(run_id=run.id, project="cafe", shot=shot, note_hash="h"))
        store.update_item(done.id, state="done", clip_path=str(clip), verdict=Verdict(verdict="accept"),
                          decision="accept", decisions=[RULE])
        page, _ = write_dailies(studio, store)
    html = page.read_text()
    cards = _Cards()
    cards.feed(html)
    assert cards.decided[waiting.id] == [] and len(cards.decided[done.id]) == 1
    card_of = {i: html[html.index(f'data-item="{i}"'):] for i in (waiting.id, done.id)}
    waiting_html = card_of[waiting.id][:card_of[waiting.id].index("</article>")]
    done_html = card_of[done.id][:card_of[done.id].index("</article>")]
    assert "awaiting the planner's decision" in waiting_html and "awaiting" not in done_html
