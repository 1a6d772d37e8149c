"""Two messages on the studio page with the server restarted between them, sent as the page sends them (GET / for the
CSRF token, POST /api/chat, poll /api/turn/<id>): a brief, then "render shot 1 and tell me if anyone is in it".

    .venv/bin/python evals/studio_page_chat.py STUDIO_DIR [--brief TEXT] [--port 8799]

It starts `nightreel serve --workflow footage` (the embedded planner and ComfyUI) on STUDIO_DIR, waits until both are
ready, sends the brief, stops the server (SIGINT), starts it again and sends the second line on the same storyboard;
it prints each turn's steps (tool, by, ok), the critic's verdicts and the reply. Minutes on a 2-core box.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

PORT = 8799
STUDIO = ""
BASE = ""
env: dict = {}
NIGHTREEL = str(Path(sys.executable).with_name("nightreel"))


def start():
    st: dict = {}
    log = open(Path(STUDIO).parent / f"serve-{int(time.time())}.log", "w")  # noqa: SIM115 (the server's lifetime)
    p = subprocess.Popen([NIGHTREEL, "serve", "--port", str(PORT), "--workflow", "footage"],
                         env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(600):
        try:
            st = httpx.get(f"{BASE}/api/status", timeout=5).json()
            if st.get("planner", {}).get("state") == "ready" and st.get("comfy", {}).get("state") == "ready":
                return p, st
        except Exception:
            pass
        time.sleep(2)
    raise SystemExit(f"not ready: {st}")


def say(c, line, sb=None):
    page = c.get(f"{BASE}/").text
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    r = c.post(f"{BASE}/api/chat", json={"line": line, "sb": sb, "shots": 2}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 202, r.text
    turn = r.json()["turn"]
    t0 = time.time()
    while True:
        rec = c.get(f"{BASE}/api/turn/{turn}").json()
        if rec.get("phase") in ("reply", "error"):
            rec["wall_s"] = round(time.time() - t0, 1)
            return rec
        time.sleep(3)


def stop(p):
    os.killpg(p.pid, signal.SIGINT)
    try:
        p.wait(60)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)


def show(rec):
    print(json.dumps({k: rec.get(k) for k in ("phase", "sb", "by", "seconds", "wall_s", "error", "changed")}))
    for s in rec.get("steps") or []:
        print(f"  step {s['tool']} by={s['by']} ok={s['ok']} args={s['args']} -> {s['result'][:200]!r}")
    for v in rec.get("verdicts") or []:
        print("  verdict", v)
    print("  text:", (rec.get("text") or "")[:1500])


def main() -> None:
    global PORT, STUDIO, BASE, env
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("studio")
    ap.add_argument("--brief", default="A rainy window at night in two shots, nobody in the room.")
    ap.add_argument("--port", type=int, default=8799)
    args = ap.parse_args()
    PORT, STUDIO = args.port, args.studio
    BASE = f"http://127.0.0.1:{PORT}"
    env = {**os.environ, "NIGHTREEL_STUDIO": STUDIO, "HF_HUB_OFFLINE": "1"}
    p, st = start()
    print("up 1:", st.get("planner"), st.get("comfy"))
    with httpx.Client(timeout=30) as c:
        r1 = say(c, args.brief)
    show(r1)
    stop(p)
    print("== restarted")
    p, st = start()
    with httpx.Client(timeout=30) as c:
        r2 = say(c, "render shot 1 and tell me if anyone is in it", sb=r1["sb"])
    show(r2)
    stop(p)


if __name__ == "__main__":
    main()
